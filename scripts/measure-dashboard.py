"""The national dashboard's server time from rollups, against the same figures by GROUP BY
over the evaluations, with the demo data and with a million households, in one run.

    swift build && python3 scripts/measure-dashboard.py          # needs: pip install requests

Starts `hoctap demo --reset` on a scratch directory, times the national dashboard (the JSON API
and the HTML page, 30 requests each, keep-alive on loopback) and the baseline query (Python's
sqlite3 on the same file, 5 runs). Then stops the server, adds 1,000,000 synthetic households and
their 2026 evaluations across the demo's 510 villages straight into the SQLite file (states drawn
with fixed shares), rebuilds and verifies the rollups with the real command, restarts and times
again. HOCTAP_BIN chooses the binary (default .build/debug/hoctap).
"""
import os, random, re, shutil, sqlite3, statistics, subprocess, sys, time
import requests

binary = os.environ.get("HOCTAP_BIN", ".build/debug/hoctap")
directory = "/tmp/hoctap-bench-dashboard"
port = 8093
base = f"http://127.0.0.1:{port}"
database = os.path.join(directory, "demo.sqlite")
households = int(os.environ.get("HOUSEHOLDS", "1000000"))


def start():
    server = subprocess.Popen([binary, "demo", "--data-dir", directory, "--port", str(port), "--log-level", "error"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):
        try:
            if requests.get(base + "/healthz", timeout=1).status_code == 200:
                return server
        except requests.RequestException:
            pass
        time.sleep(0.25)
    sys.exit("server did not start")


def session():
    s = requests.Session()
    page = s.get(base + "/login").text
    token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    s.post(base + "/login", data={"username": "admin", "password": "demo-hoctap-2026", "_csrf": token}, allow_redirects=False)
    return s


def timed(s, path, n=30):
    s.get(base + path)
    times = []
    for _ in range(n):
        t = time.perf_counter(); r = s.get(base + path); times.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, (path, r.status_code)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9) - 1]


BASELINE = """
SELECT c.model, e.province_id, COUNT(*) AS registered,
  SUM(CASE WHEN e.state IN ('submitted','reviewed','approved','recognised','not-recognised') THEN 1 ELSE 0 END) AS assessed,
  SUM(CASE WHEN e.state IN ('approved','recognised') THEN 1 ELSE 0 END) AS approved,
  SUM(CASE WHEN e.state = 'recognised' THEN 1 ELSE 0 END) AS recognised
FROM evaluations e JOIN evaluation_cycles c ON c.id = e.cycle_id WHERE c.year = 2026
GROUP BY c.model, e.province_id
"""


def baseline(n=5):
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    times = []
    for _ in range(n):
        t = time.perf_counter(); connection.execute(BASELINE).fetchall(); times.append((time.perf_counter() - t) * 1000)
    connection.close()
    return statistics.median(times)


def measure(label):
    s = session()
    nation = re.search(r"/areas/(\d+)", s.get(base + "/progress", allow_redirects=False).headers["location"]).group(1)
    api = timed(s, f"/api/v1/areas/{nation}/progress?year=2026")
    page = timed(s, f"/areas/{nation}/progress?year=2026")
    group_by = baseline()
    print(f"{label}: API dashboard median {api[0]:.1f} ms (p90 {api[1]:.1f}); HTML page median {page[0]:.1f} ms (p90 {page[1]:.1f}); "
          f"GROUP BY baseline {group_by:.1f} ms; baseline / API = {group_by / api[0]:.2f}")


def add_households(count):
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA journal_mode=WAL")
    cycle = connection.execute("SELECT c.id, c.set_id, c.set_version FROM evaluation_cycles c JOIN areas a ON a.id = c.commune_id "
                               "WHERE a.code = '00376' AND c.year = 2026 AND c.model = 'family'").fetchone()
    villages = connection.execute("SELECT v.id, v.commune_id, v.province_id, v.code FROM areas v WHERE v.level = 'village' AND v.valid_to IS NULL").fetchall()
    cycles = {}
    for commune, province in {(v[1], v[2]) for v in villages}:
        found = connection.execute("SELECT id FROM evaluation_cycles WHERE commune_id = ? AND year = 2026 AND model = 'family'", (commune,)).fetchone()
        if found is None:
            found = connection.execute("INSERT INTO evaluation_cycles (province_id, commune_id, year, model, set_id, set_version, opened_at, opened_by_label) "
                                       "VALUES (?, ?, 2026, 'family', ?, ?, 0, 'bench') RETURNING id", (province, commune, cycle[1], cycle[2])).fetchone()
        cycles[commune] = found[0]
    random.seed(2026)
    states = ["draft"] * 15 + ["submitted"] * 10 + ["reviewed"] * 10 + ["approved"] * 5 + ["recognised"] * 55 + ["not-recognised"] * 5
    t = time.time()
    batch = 50_000
    for start in range(0, count, batch):
        rows, evaluations = [], []
        for n in range(start, min(count, start + batch)):
            village = villages[n % len(villages)]
            sequence = 10_000 + n // len(villages)
            rows.append((village[2], village[1], village[0], sequence, f"{village[3]}-B{sequence}", f"Hộ thử {n}", f"ho thu {n}"))
        connection.executemany("INSERT INTO households (province_id, commune_id, village_id, sequence, code, head_name, search_text, created_at, updated_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0)", rows)
        first = connection.execute("SELECT MAX(id) FROM households").fetchone()[0] - len(rows) + 1
        for offset, row in enumerate(rows):
            evaluations.append((cycles[row[1]], first + offset, row[5], row[0], row[1], row[2], random.choice(states), f"bench-{first + offset}"))
        connection.executemany("INSERT INTO evaluations (cycle_id, subject_kind, subject_id, subject_name, province_id, commune_id, village_id, state, answers, "
                               "share_token, version, created_at, updated_at) VALUES (?, 'household', ?, ?, ?, ?, ?, ?, '{}', ?, 1, 0, 0)", evaluations)
    connection.commit()
    connection.close()
    print(f"inserted {count:,} households and their 2026 evaluations in {time.time() - t:.1f} s (synthetic, straight into SQLite)")


shutil.rmtree(directory, ignore_errors=True)
server = start()
measure("demo data")
server.terminate(); server.wait()
add_households(households)
url = f"sqlite://{database}"
for command in (["rollups", "rebuild"], ["rollups", "verify"]):
    t = time.time()
    result = subprocess.run([binary, *command, "--database-url", url, "--log-level", "error"], capture_output=True, text=True)
    print(f"hoctap {' '.join(command)}: {time.time() - t:.1f} s, exit {result.returncode}: {result.stdout.strip()[:120]}")
server = start()
measure(f"{households:,} more households")
server.terminate(); server.wait()
