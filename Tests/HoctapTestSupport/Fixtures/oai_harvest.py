"""Harvests hoctap's /oai with Sickle, an independent OAI-PMH client, and prints what it saw
as JSON: the Identify answer, formats, sets, every record of a full harvest (following the
resumption tokens), a selective harvest, one GetRecord, and the error code of each bad request."""
import json
import re
import sys
import urllib.request

from sickle import Sickle

base = sys.argv[1]
sickle = Sickle(base, max_retries=2, timeout=60)
out = {}

identify = sickle.Identify()
out["identify"] = {"repositoryName": identify.repositoryName, "baseURL": identify.baseURL, "protocolVersion": identify.protocolVersion,
                   "granularity": identify.granularity, "deletedRecord": identify.deletedRecord, "earliestDatestamp": identify.earliestDatestamp}
out["formats"] = [f.metadataPrefix for f in sickle.ListMetadataFormats()]
out["sets"] = [s.setSpec for s in sickle.ListSets()]

records = []
pages = 0
iterator = sickle.ListRecords(metadataPrefix="oai_dc", ignore_deleted=False)
seen_tokens = set()
for record in iterator:
    token = iterator.resumption_token.token if iterator.resumption_token else None
    if token and token not in seen_tokens:
        seen_tokens.add(token)
    records.append({"identifier": record.header.identifier, "datestamp": record.header.datestamp, "deleted": record.header.deleted,
                    "sets": record.header.setSpecs, "metadata": record.metadata if not record.header.deleted else {}})
out["records"] = records
out["tokens"] = len(seen_tokens)

out["documents"] = [h.identifier for h in sickle.ListIdentifiers(metadataPrefix="oai_dc", set="van-ban", ignore_deleted=False)]
if records:
    first = sickle.GetRecord(identifier=records[0]["identifier"], metadataPrefix="oai_dc")
    out["get"] = {"identifier": first.header.identifier, "title": first.metadata.get("title", [])}

errors = {}
for name, call in [
    ("cannotDisseminateFormat", lambda: list(sickle.ListRecords(metadataPrefix="marc21"))),
    ("idDoesNotExist", lambda: sickle.GetRecord(identifier="oai:nowhere:bai-viet/1", metadataPrefix="oai_dc")),
    ("badResumptionToken", lambda: list(sickle.ListRecords(resumptionToken="not-a-token"))),
    ("noRecordsMatch", lambda: list(sickle.ListRecords(metadataPrefix="oai_dc", **{"from": "2099-01-01"}))),
    ("badArgument", lambda: list(sickle.ListRecords(metadataPrefix="oai_dc", **{"from": "2026-01-01", "until": "2026-01-01T00:00:00Z"}))),
]:
    try:
        call()
        errors[name] = "none"
    except Exception as error:  # noqa: BLE001 - Sickle's protocol errors by class name; anything else reported
        module = type(error).__module__
        errors[name] = type(error).__name__ if module.startswith("sickle") else "unexpected: %r" % (error,)
# Sickle sends only the verbs it knows; an unknown one goes by hand.
with urllib.request.urlopen(base + "?verb=Nothing", timeout=60) as response:
    found = re.search(r'<error code="([a-zA-Z]+)"', response.read().decode("utf-8"))
    errors["badVerb"] = found.group(1) if found else "none"
out["errors"] = errors
print(json.dumps(out, ensure_ascii=False))
