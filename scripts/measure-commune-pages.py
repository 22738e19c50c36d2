"""Times the main pages of a commune with 10,000 households, against a running demo server.

    swift build -c release && .build/release/hoctap demo --reset --port 8091 &
    python3 scripts/measure-commune-pages.py          # needs: pip install requests

Imports 10,000 households (20,000 members) into Xã Sóc Sơn through the web import, opens the
family cycle, registers every household, then times each page (median and 90th percentile of 20).
"""
import re, time, requests, statistics
base = "http://127.0.0.1:8091"
s = requests.Session()
def csrf(html): return re.search(r'name="_csrf" value="([^"]+)"', html).group(1)
def login(u):
    s.cookies.clear(); r = s.get(base + "/login")
    s.post(base + "/login", data={"username": u, "password": "demo-hoctap-2026", "_csrf": csrf(r.text)}, allow_redirects=False)
login("socson.hoi")
home = s.get(base + "/areas", allow_redirects=True)
commune = re.search(r"/areas/(\d+)/households", home.text).group(1)
rows = ["household,village,full_name,relation,birth_year,sex"]
for h in range(10000):
    v = "%02d" % (h % 5 + 1)
    rows.append(f"S{h},{v},Nguyễn Văn Số {h},chủ hộ,{1950 + h % 50},nam")
    rows.append(f"S{h},{v},Trần Thị Số {h},vợ/chồng,{1955 + h % 45},nữ")
data = ("\n".join(rows) + "\n").encode()
page = s.get(base + f"/areas/{commune}/households/import")
t = time.time()
r = s.post(base + f"/areas/{commune}/households/import?_csrf={csrf(page.text)}", files={"file": ("ho.csv", data, "text/csv")})
print("import 10,000 households / 20,000 members:", r.status_code, round(time.time() - t, 2), "s", re.findall(r"Đã nhập[^<]*", r.text)[:1])
page = s.get(base + f"/areas/{commune}/cycles")
r = s.post(base + f"/areas/{commune}/cycles", data={"year": "2026", "model": "family", "_csrf": csrf(page.text)}, allow_redirects=False)
cycle = r.headers["location"].split("?")[0]
page = s.get(base + cycle)
t = time.time()
r = s.post(base + cycle + "/register", data={"areaID": commune, "_csrf": csrf(page.text)}, allow_redirects=True)
print("register all households of the commune:", round(time.time() - t, 2), "s", re.findall(r"Đã đăng ký thêm[^<]*", r.text)[:1])
ev = re.search(r'href="(/evaluations/\d+)"', s.get(base + cycle).text).group(1)
village = re.search(r'/areas/(\d+)"[^>]*>[^<]*Đông', s.get(base + f"/areas/{commune}").text)
def timed(path, n=20):
    s.get(base + path)
    times = []
    for _ in range(n):
        t = time.perf_counter(); r = s.get(base + path); times.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, (path, r.status_code)
    times.sort()
    return round(statistics.median(times), 1), round(times[int(len(times) * 0.9) - 1], 1)
for label, path in [("commune households list (page 1 of 201)", f"/areas/{commune}/households"),
                    ("households search 'so 9999'", f"/areas/{commune}/households?q=so%209999"),
                    ("households page 150", f"/areas/{commune}/households?page=150"),
                    ("cycle page (10,040 evaluations)", cycle),
                    ("cycle filtered by state", cycle + "?state=draft&page=50"),
                    ("one evaluation (assessment form)", ev),
                    ("commune page", f"/areas/{commune}")]:
    print(label, "median/p90 ms:", timed(path))
