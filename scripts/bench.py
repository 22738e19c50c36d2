"""hoctap's national-scale benchmark: every figure next to a baseline measured in the same run.

    swift build -c release --product hoctap
    python3 scripts/bench.py --households 1000000                      # SQLite
    python3 scripts/bench.py --households 1000000 --postgres postgres://postgres@127.0.0.1:55432/postgres?sslmode=disable

Needs: the official lists (../shared/data/vn-admin or --admin-dir), the `sqlite3` shell, `psql`
for PostgreSQL, `wrk` (Debian package) for the HTTP figures, Python `requests`.

For each run it: generates the country (`hoctap generate`), imports the areas and villages, then
  1. imports the households (`hoctap import households`, wall time and peak RSS) and, as the
     baseline, loads the same CSV into a plain table with the engine's own bulk tool (`sqlite3`
     shell `.import`, or `psql \\copy`): the physical limit of the same machine and disk;
  2. imports the units, learning citizens and clans when the generator wrote them, then the past
     results of every model (`hoctap import results`), and verifies the rollups (and communes'
     village counts) exactly;
  3. starts `hoctap serve`, times the national dashboard (JSON API, 30 requests, median) against
     the same figures by `GROUP BY` over the evaluations (the engine's own client, median of 5),
     and the national movement dashboard page against the bare count of the year's learning
     citizens per province (the least its digital-skill figures need);
  4. loads the server with `wrk` (64 connections, 10 s each): `/healthz` as the baseline, the
     national dashboard page, and one commune's household list; requests/s, p99, server RSS;
  5. exports the whole country's households (CSV and XLSX) and the year's results with
     `hoctap export` (wall time, peak RSS), against the engine's own client writing the same
     households-and-members join as CSV (`sqlite3 -csv`, or `psql \copy (SELECT …) TO`).
Prints a Markdown table and writes the figures as JSON next to the data (--out).
"""
import argparse, json, os, re, shutil, socket, sqlite3, statistics, subprocess, sys, time
import requests

parser = argparse.ArgumentParser()
parser.add_argument("--households", type=float, default=1e6)
parser.add_argument("--binary", default=".build/release/hoctap")
parser.add_argument("--admin-dir", default="../shared/data/vn-admin")
parser.add_argument("--out", default="/tmp/hoctap-bench")
parser.add_argument("--postgres", help="server URL; a database hoctap_bench is created on it")
parser.add_argument("--skip-http", action="store_true")
parser.add_argument("--result-share", type=float, default=0.7, help="share of households with a 2025 paper result")
parser.add_argument("--reuse-data", action="store_true", help="keep generated CSV files of the same size")
parser.add_argument("--dashboard-cache", type=int, default=0, help="HOCTAP_DASHBOARD_CACHE_SECONDS for the server (0: live)")
parser.add_argument("--only-http", action="store_true", help="reuse the database of the previous run; measure the server only")
args = parser.parse_args()

households = int(args.households)
data = os.path.join(args.out, f"country-{households}")
workdir = os.path.join(args.out, "work")
password = "do-hieu-nang-2026"
results = {"dashboard_cache_seconds": 0, "households": households, "engine": "postgres" if args.postgres else "sqlite", "date": time.strftime("%Y-%m-%d")}


def run(command, env=None, timed=True):
    """Runs a hoctap (or other) command; returns (seconds, peak RSS MB, stdout)."""
    wrapped = ["/usr/bin/time", "-f", "%e %M", *command]
    started = time.time()
    result = subprocess.run(wrapped, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr[-3000:]}")
    seconds, kilobytes = result.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kilobytes) / 1024, result.stdout.strip()


def environment(url):
    env = dict(os.environ, HOCTAP_DATABASE_URL=url, HOCTAP_DATA_DIR=workdir, HOCTAP_LOG_LEVEL="warning", HOCTAP_BCRYPT_COST="4")
    return env


def database_url():
    if not args.postgres:
        path = os.path.join(workdir, "bench.sqlite")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
        return f"sqlite://{path}"
    subprocess.run(["psql", args.postgres, "-qc", "DROP DATABASE IF EXISTS hoctap_bench"], check=True, capture_output=True)
    subprocess.run(["psql", args.postgres, "-qc", "CREATE DATABASE hoctap_bench"], check=True, capture_output=True)
    return re.sub(r"/[^/?]*(\?|$)", r"/hoctap_bench\1", args.postgres, count=1) if "/postgres" in args.postgres else args.postgres


def baseline_import(csv_path):
    """The engine's own bulk loader into a plain table of text columns: the limit."""
    with open(csv_path, encoding="utf-8") as f:
        columns = f.readline().strip().split(",")
    table = "baseline (" + ", ".join(f"{c} TEXT" for c in columns) + ")"
    if not args.postgres:
        path = os.path.join(workdir, "baseline.sqlite")
        if os.path.exists(path):
            os.remove(path)
        subprocess.run(["sqlite3", path, f"CREATE TABLE {table}"], check=True)
        seconds, rss, _ = run(["sqlite3", path, f".import --csv --skip 1 {csv_path} baseline"])
        os.remove(path)
        return seconds, rss, "sqlite3 .import"
    subprocess.run(["psql", args.postgres, "-qc", f"DROP TABLE IF EXISTS baseline; CREATE TABLE {table}"], check=True, capture_output=True)
    seconds, rss, _ = run(["psql", args.postgres, "-qc", f"\\copy baseline FROM '{csv_path}' CSV HEADER"])
    subprocess.run(["psql", args.postgres, "-qc", "DROP TABLE baseline"], check=True, capture_output=True)
    return seconds, rss, "psql \\copy"


GROUP_BY = """SELECT c.model, e.province_id, COUNT(*) AS registered,
  SUM(CASE WHEN e.state IN ('submitted','reviewed','approved','recognised','not-recognised') THEN 1 ELSE 0 END) AS assessed,
  SUM(CASE WHEN e.state IN ('approved','recognised') THEN 1 ELSE 0 END) AS approved,
  SUM(CASE WHEN e.state = 'recognised' THEN 1 ELSE 0 END) AS recognised
FROM evaluations e JOIN evaluation_cycles c ON c.id = e.cycle_id WHERE c.year = {year} GROUP BY c.model, e.province_id"""


# The least the movement dashboard's digital-skill figures need: the year's learning-citizen title holders per province.
MOVEMENT_BASELINE = """SELECT e.province_id, COUNT(*) FROM evaluations e JOIN evaluation_cycles c ON c.id = e.cycle_id
WHERE c.year = {year} AND c.model = 'citizen' AND e.state = 'recognised' GROUP BY e.province_id"""


EXPORT_BASELINE = """SELECT v.code, h.sequence, h.address, p.full_name, p.relation, p.birth_year, p.sex, p.schooling, p.literate, p.studying,
  p.target_group FROM households h JOIN areas v ON v.id = h.village_id JOIN persons p ON p.household_id = h.id ORDER BY h.id, p.id"""


def baseline_export(url, path):
    """The engine's own client writing the households-and-members join as CSV: the limit."""
    if not args.postgres:
        command = ["sqlite3", "-csv", "-header", "-cmd", f".output {path}", url[len("sqlite://"):], EXPORT_BASELINE]
    else:
        command = ["psql", url, "-qc", f"\\copy ({' '.join(EXPORT_BASELINE.split())}) TO '{path}' CSV HEADER"]
    seconds, rss, _ = run(command)
    return seconds, rss, command[0]


def exports(env, url):
    figures = {}
    for kind, form in [("households", "csv"), ("households", "xlsx"), ("results", "csv")]:
        path = os.path.join(workdir, f"export-{kind}.{form}")
        seconds, rss, _ = run([args.binary, "export", kind, "--format", form, "--output", path], env)
        figures[f"{kind}_{form}"] = {"seconds": seconds, "rss_mb": rss, "megabytes": os.path.getsize(path) / 1e6}
        os.remove(path)
    path = os.path.join(workdir, "export-baseline.csv")
    seconds, rss, tool = baseline_export(url, path)
    figures["baseline"] = {"tool": tool, "seconds": seconds, "rss_mb": rss, "megabytes": os.path.getsize(path) / 1e6}
    os.remove(path)
    figures["share_of_limit"] = seconds / figures["households_csv"]["seconds"]
    return figures


def group_by_baseline(url, year, sql=GROUP_BY):
    times = []
    for _ in range(5):
        if url.startswith("sqlite://"):
            connection = sqlite3.connect(f"file:{url[len('sqlite://'):]}?mode=ro", uri=True)
            t = time.perf_counter(); connection.execute(sql.format(year=year)).fetchall(); times.append((time.perf_counter() - t) * 1000)
            connection.close()
        else:
            out = subprocess.run(["psql", url, "-qAtc", "EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON) " + sql.format(year=year)],
                                 capture_output=True, text=True, check=True).stdout
            times.append(float(re.search(r"Execution Time: ([\d.]+) ms", out).group(1)))
    return statistics.median(times)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(url):
    port = free_port()
    env = dict(environment(url), HOCTAP_DASHBOARD_CACHE_SECONDS=str(args.dashboard_cache))
    server = subprocess.Popen([args.binary, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(400):
        try:
            if requests.get(base + "/healthz", timeout=1).status_code == 200:
                return server, base
        except requests.RequestException:
            pass
        time.sleep(0.25)
    sys.exit("server did not start")


def login(base):
    s = requests.Session()
    token = re.search(r'name="_csrf" value="([^"]+)"', s.get(base + "/login").text).group(1)
    r = s.post(base + "/login", data={"username": "bench", "password": password, "_csrf": token}, allow_redirects=False)
    assert r.status_code in (302, 303), r.status_code
    return s


def timed(s, url, n=30):
    s.get(url)
    times = []
    for _ in range(n):
        t = time.perf_counter(); r = s.get(url); times.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, (url, r.status_code)
    return statistics.median(times)


def wrk(url, cookie, seconds=10):
    command = ["wrk", "-t2", "-c64", f"-d{seconds}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rate, p99_ms, int(non2xx.group(1)) if non2xx else 0


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmHWM:\s+(\d+) kB", f.read()).group(1)) / 1024


results["dashboard_cache_seconds"] = args.dashboard_cache
os.makedirs(workdir, exist_ok=True)
if not args.only_http and not (args.reuse_data and os.path.exists(os.path.join(data, "households.csv"))):
    shutil.rmtree(data, ignore_errors=True)
    seconds, rss, out = run([args.binary, "generate", "--households", str(households), "--admin-dir", args.admin_dir, "--out", data, "--result-years", "2025",
                             "--result-share", str(args.result_share)])
    results["generate"] = {"seconds": seconds, "rss_mb": rss}
    print(out)
households_csv = os.path.join(data, "households.csv")

if args.only_http:
    url = f"sqlite://{os.path.join(workdir, 'bench.sqlite')}" if not args.postgres else re.sub(r"/[^/?]*(\?|$)", r"/hoctap_bench\1", args.postgres, count=1)
else:
    url = database_url()
    env = environment(url)
    run([args.binary, "areas", "import", args.admin_dir], env)
    run([args.binary, "import", "villages", os.path.join(data, "villages.csv")], env)
    subprocess.run([args.binary, "user", "create", "--username", "bench", "--display-name", "Đo hiệu năng", "--role", "national_admin", "--area", "VN",
                    "--password-stdin"], input=password + "\n", text=True, env=env, check=True, capture_output=True)

    results["rows"] = sum(1 for _ in open(households_csv, encoding="utf-8")) - 1
    base_seconds, base_rss, base_tool = baseline_import(households_csv)
    seconds, rss, out = run([args.binary, "import", "households", households_csv], env)
    results["import_households"] = {"seconds": seconds, "rss_mb": rss, "rows_per_second": results["rows"] / seconds,
                                    "baseline": base_tool, "baseline_seconds": base_seconds, "share_of_limit": base_seconds / seconds}
    print(out)
    for registry in ("units", "citizens", "clans"):
        path = os.path.join(data, f"{registry}.csv")
        if os.path.exists(path):
            seconds, rss, out = run([args.binary, "import", registry, path], env)
            results[f"import_{registry}"] = {"seconds": seconds, "rss_mb": rss, "rows": sum(1 for _ in open(path, encoding="utf-8")) - 1}
            print(out)
    # Results last: they name clans, units and citizens as well as households.
    results["result_rows"] = sum(1 for _ in open(os.path.join(data, "results.csv"), encoding="utf-8")) - 1
    seconds, rss, out = run([args.binary, "import", "results", os.path.join(data, "results.csv")], env)
    results["import_results"] = {"seconds": seconds, "rss_mb": rss}
    print(out)
    seconds, rss, out = run([args.binary, "rollups", "verify"], env)
    results["rollups_verify"] = {"seconds": seconds, "rss_mb": rss, "exact": out.startswith("Khớp")}
    results["export"] = exports(env, url)
server, base = serve(url)
try:
    s = login(base)
    nation = re.search(r"/areas/(\d+)", s.get(base + "/progress", allow_redirects=False).headers["location"]).group(1)
    api = timed(s, f"{base}/api/v1/areas/{nation}/progress?year=2025")
    page = timed(s, f"{base}/areas/{nation}/progress?year=2025")
    group_by = group_by_baseline(url, 2025)
    results["dashboard"] = {"api_ms": api, "page_ms": page, "group_by_ms": group_by, "ratio": group_by / api}
    movement = timed(s, f"{base}/areas/{nation}/phong-trao?year=2025")
    movement_base = group_by_baseline(url, 2025, MOVEMENT_BASELINE)
    results["movement"] = {"page_ms": movement, "baseline_ms": movement_base, "ratio": movement / movement_base}
    if not args.skip_http and shutil.which("wrk"):
        cookie = "; ".join(f"{k}={v}" for k, v in s.cookies.items())
        children = s.get(f"{base}/api/v1/areas/{nation}/children").json()["items"]
        province = next(c for c in children if c["code"] == "01")["id"]
        communes = s.get(f"{base}/api/v1/areas/{province}/children").json()["items"]
        commune = communes[0]["id"]
        http = {}
        for name, path, with_cookie in [("healthz", "/healthz", False), ("dashboard", f"/areas/{nation}/progress?year=2025", True),
                                        ("households", f"/areas/{commune}/households", True)]:
            rate, p99, errors = wrk(base + path, cookie if with_cookie else None)
            http[name] = {"requests_per_second": rate, "p99_ms": p99, "non_2xx": errors}
        for name in ("dashboard", "households"):
            http[name]["share_of_healthz"] = http[name]["requests_per_second"] / http["healthz"]["requests_per_second"]
        http["server_peak_rss_mb"] = peak_rss_mb(server.pid)
        results["http"] = http
finally:
    server.terminate()
    server.wait()

with open(os.path.join(args.out, f"bench-{results['engine']}-{households}-cache{args.dashboard_cache}.json"), "w") as f:
    json.dump(results, f, indent=2)
print(f"\n| figure | hoctap | baseline | ratio |\n|---|---|---|---|")
if "import_households" in results:
    i = results["import_households"]
    print(f"| import {results['rows']:,} member rows ({households:,} households) | {i['seconds']:.1f} s, {i['rows_per_second']:,.0f} rows/s, {i['rss_mb']:.0f} MB | "
          f"{i['baseline']} {i['baseline_seconds']:.1f} s | {i['share_of_limit'] * 100:.0f} % of the limit |")
    print(f"| import {results['result_rows']:,} results of every model | {results['import_results']['seconds']:.1f} s, {results['import_results']['rss_mb']:.0f} MB | | |")
    for registry in ("units", "citizens", "clans"):
        if f"import_{registry}" in results:
            r = results[f"import_{registry}"]
            print(f"| import {registry} ({r['rows']:,} rows) | {r['seconds']:.1f} s, {r['rows'] / r['seconds']:,.0f} rows/s, {r['rss_mb']:.0f} MB | | |")
    print(f"| rollups verify | {results['rollups_verify']['seconds']:.1f} s, exact: {results['rollups_verify']['exact']} | | |")
if "export" in results:
    e = results["export"]
    b = e["baseline"]
    print(f"| export households CSV ({results['rows']:,} member rows) | {e['households_csv']['seconds']:.1f} s, "
          f"{results['rows'] / e['households_csv']['seconds']:,.0f} rows/s, {e['households_csv']['rss_mb']:.0f} MB, {e['households_csv']['megabytes']:,.0f} MB file | "
          f"{b['tool']} {b['seconds']:.1f} s, {b['rss_mb']:.0f} MB | {e['share_of_limit'] * 100:.0f} % of the limit |")
    print(f"| export households XLSX | {e['households_xlsx']['seconds']:.1f} s, {e['households_xlsx']['rss_mb']:.0f} MB, {e['households_xlsx']['megabytes']:,.0f} MB file | | |")
    print(f"| export results CSV | {e['results_csv']['seconds']:.1f} s, {e['results_csv']['rss_mb']:.0f} MB, {e['results_csv']['megabytes']:,.0f} MB file | | |")
d = results["dashboard"]
print(f"| national dashboard, JSON API median | {d['api_ms']:.1f} ms (page {d['page_ms']:.1f} ms) | GROUP BY {d['group_by_ms']:.1f} ms | {d['ratio']:.0f}× faster |")
if "movement" in results:
    m = results["movement"]
    print(f"| national movement dashboard page (centres, network, training, digital skills), median | {m['page_ms']:.1f} ms | "
          f"title holders GROUP BY {m['baseline_ms']:.1f} ms | {m['ratio']:.1f}× the baseline |")
for name in ("dashboard", "households"):
    if "http" in results:
        h = results["http"]
        print(f"| wrk 64 connections, {name} | {h[name]['requests_per_second']:,.0f} req/s, p99 {h[name]['p99_ms']:.1f} ms | "
              f"/healthz {h['healthz']['requests_per_second']:,.0f} req/s, p99 {h['healthz']['p99_ms']:.1f} ms | {h[name]['share_of_healthz'] * 100:.0f} % |")
if "http" in results:
    print(f"| server peak RSS after load | {results['http']['server_peak_rss_mb']:.0f} MB | | |")
