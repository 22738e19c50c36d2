"""An OAI-PMH 2.0 data provider for hoctap's harvester tests.

`/oai` is pyoai's BatchingServer (three records a page) over records read from a JSON file on
every request, so a test changes the library between harvests. The other paths misbehave on
purpose: `/bad-xml` answers with broken XML, `/error` with an OAI error code, `/loop` hands out the
same resumption token for ever, `/busy` answers 503 with Retry-After once and then serves `/oai`,
`/slow` does not answer in time, `/laughs` is a billion-laughs entity bomb, `/redirect-loop`
redirects to itself, `/huge` sends two megabytes of one record. Prints the port it listens on, then serves until killed or until
its standard input closes (the test process that started it has gone: no server outlives its test).

    python3 oai_server.py RECORDS.json
"""
import cgi, urllib.parse
cgi.parse_qs = urllib.parse.parse_qs  # pyoai 2.5.1 still calls cgi.parse_qs, removed from Python

import datetime, json, os, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from oaipmh import common, error, metadata, server

RECORDS = sys.argv[1]


def stamp(text):
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")


class Library:
    """A catalogue as pyoai's IBatchingOAI interface wants it."""

    def __init__(self, base):
        self.base = base

    def load(self):
        with open(RECORDS, encoding="utf-8") as f:
            return sorted(json.load(f), key=lambda r: (r["datestamp"], r["identifier"]))

    def identify(self):
        return common.Identify(repositoryName="Thư viện tỉnh thử nghiệm", baseURL=self.base, protocolVersion="2.0",
                               adminEmails=["thuvien@example.vn"], earliestDatestamp=datetime.datetime(2000, 1, 1),
                               deletedRecord="persistent", granularity="YYYY-MM-DDThh:mm:ssZ", compression=["identity"])

    def listMetadataFormats(self, identifier=None):
        return [("oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", "http://www.openarchives.org/OAI/2.0/oai_dc/")]

    def listSets(self, cursor=0, batch_size=10):
        return [("sach", "Sách", ""), ("tai-lieu-khuyen-hoc", "Tài liệu khuyến học", "")][cursor:cursor + batch_size]

    def selected(self, set=None, from_=None, until=None):
        chosen = [r for r in self.load()
                  if (from_ is None or stamp(r["datestamp"]) >= from_) and (until is None or stamp(r["datestamp"]) <= until)
                  and (set is None or set in r.get("sets", []))]
        if not chosen:
            raise error.NoRecordsMatchError("Không có biểu ghi nào.")
        return chosen

    def record(self, r):
        header = common.Header(None, r["identifier"], stamp(r["datestamp"]), r.get("sets", []), r.get("deleted", False))
        if r.get("deleted"):
            return header, None, None
        return header, common.Metadata(None, {k: v for k, v in r.items() if k in ("title", "creator", "subject", "description", "date", "type", "identifier_link")
                                            } | {"identifier": r.get("identifier_link", [])}), None

    def listRecords(self, metadataPrefix, set=None, from_=None, until=None, cursor=0, batch_size=10):
        return [self.record(r) for r in self.selected(set, from_, until)[cursor:cursor + batch_size]]

    def listIdentifiers(self, metadataPrefix, set=None, from_=None, until=None, cursor=0, batch_size=10):
        return [self.record(r)[0] for r in self.selected(set, from_, until)[cursor:cursor + batch_size]]

    def getRecord(self, metadataPrefix, identifier):
        for r in self.load():
            if r["identifier"] == identifier:
                return self.record(r)
        raise error.IdDoesNotExistError(identifier)


busy_answered = set()
OAI = "<?xml version='1.0' encoding='UTF-8'?><OAI-PMH xmlns='http://www.openarchives.org/OAI/2.0/'><responseDate>2026-11-22T00:00:00Z</responseDate>"


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body, headers=()):
        data = body if isinstance(body, bytes) else body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/xml; charset=utf-8")
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        query = {k: v[0] for k, v in urllib.parse.parse_qs(url.query).items()}
        if url.path == "/bad-xml":
            return self.answer(200, OAI + "<Identify><repositoryName>Hỏng</repositoryName><Identify></OAI-PMH>")
        if url.path == "/laughs":
            entities = '<!ENTITY lol "lol">' + "".join(
                f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
            return self.answer(200, '<?xml version="1.0"?><!DOCTYPE OAI-PMH [' + entities + ']>'
                               + OAI[OAI.index("<OAI-PMH"):] + "<responseDate>&lol9;</responseDate></OAI-PMH>")
        if url.path == "/redirect-loop":
            self.send_response(302)
            self.send_header("Location", "/redirect-loop?" + url.query)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if url.path == "/huge":
            return self.answer(200, OAI + "<Identify><repositoryName>" + "x" * (2 << 20) + "</repositoryName></Identify></OAI-PMH>")
        if url.path == "/error":
            return self.answer(200, OAI + "<request>x</request><error code='badArgument'>Tham số sai.</error></OAI-PMH>")
        if url.path == "/loop" and query.get("verb") == "ListRecords":
            return self.answer(200, OAI + "<ListRecords><record><header><identifier>oai:loop:1</identifier><datestamp>2026-01-01T00:00:00Z</datestamp></header>"
                               "<metadata><oai_dc:dc xmlns:oai_dc='http://www.openarchives.org/OAI/2.0/oai_dc/' xmlns:dc='http://purl.org/dc/elements/1.1/'>"
                               "<dc:title>Vòng lặp</dc:title></oai_dc:dc></metadata></record><resumptionToken>same</resumptionToken></ListRecords></OAI-PMH>")
        if url.path == "/busy" and query.get("verb") == "ListRecords" and "busy" not in busy_answered:
            busy_answered.add("busy")
            return self.answer(503, "Quá tải, thử lại sau.", [("Retry-After", "1")])
        if url.path == "/slow":
            time.sleep(10)
        registry = metadata.MetadataRegistry()
        registry.registerWriter("oai_dc", server.oai_dc_writer)
        provider = server.BatchingServer(Library(f"http://127.0.0.1:{self.server.server_port}{url.path}"), registry, resumption_batch_size=3)
        self.answer(200, provider.handleRequest(query))


def exit_when_parent_goes():
    sys.stdin.buffer.read()  # returns at end of file: the writing end, held by the test, is closed
    os._exit(0)


httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(httpd.server_port, flush=True)
threading.Thread(target=exit_when_parent_goes, daemon=True).start()
httpd.serve_forever()
