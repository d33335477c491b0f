#!/usr/bin/env python3
"""Meldpunt against the bare stack, in one run: wrk scenarios on SQLite and PostgreSQL.

    python3 bench/bench.py                       # release builds, 10 M terugmeldingen, both databases
    python3 bench/bench.py --aantal 1000000 --databases sqlite
    python3 bench/bench.py --smoke               # CI: debug builds, 50,000 rows, 1 s runs, no thresholds

Per database: the anchor (bench/anchor: Vapor hello-world, one naive Fluent insert per request),
then Meldpunt on a copy of a generated database (bench/gegevens.py; the template is kept in
bench/.data and reused). Each scenario: a warm-up run that is discarded, then the median of
three wrk runs by rate. Prints one markdown table: req/s, p50/p99/max, errors (must be 0),
server CPU per request, the ratio to hello-world, and the server's peak RSS at the end.
On PostgreSQL two instances also file at the same time. Standard library only, plus wrk, sqlite3
and psql on the PATH.
"""
import argparse, base64, json, os, random, shutil, signal, subprocess, sys, tempfile, time, urllib.request

HIER = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HIER)
WRK = os.path.join(HIER, "wrk")
AFNEMER = "mpk_demo_belastingdienst"
GEMEENTE = "mpk_demo_amsterdam"
TICK = os.sysconf("SC_CLK_TCK")


def sh(*args, **kw):
    return subprocess.run(args, check=True, **kw)


def cpu_ticks(pid):
    velden = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(velden[11]) + int(velden[12])


def piek_rss_mb(pid):
    for r in open(f"/proc/{pid}/status"):
        if r.startswith("VmHWM:"):
            return int(r.split()[1]) / 1024
    return 0.0


def wacht_op(url, tijd=900):
    eind = time.time() + tijd
    while time.time() < eind:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except Exception:
            time.sleep(0.5)
    raise SystemExit(f"FOUT: {url} antwoordde niet")


class Server:
    def __init__(self, argv, env, poort, log, gezond="/health"):
        self.poort = poort
        self.log = open(log, "w")
        self.proc = subprocess.Popen(argv, env={**os.environ, **env}, stdout=self.log, stderr=subprocess.STDOUT, cwd=ROOT)
        wacht_op(f"http://127.0.0.1:{poort}{gezond}")

    def stop(self):
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def wrk(poort, script, verbindingen, duur, env):
    args = ["wrk", "-t2", f"-c{verbindingen}", f"-d{duur}s", "--timeout", "30s", "--latency", "-s", os.path.join(WRK, script),
            f"http://127.0.0.1:{poort}{env.get('BENCH_PAD', '/') if script == 'hello.lua' else '/'}"]
    uit = subprocess.run(args, env={**os.environ, "BENCH_WRK": WRK, "BENCH_THREADS": "2", **env}, capture_output=True, text=True, check=True).stdout
    regel = next(r for r in uit.splitlines() if r.startswith("BENCH "))
    return json.loads(regel[6:])


ALLEEN = []
# SQLite: run on the template itself when the disk has no room for a copy (the run changes it).
ZONDER_KOPIE = False


def scenario(server, naam, script, verbindingen, duur, herhaal, env=None, per_run=None):
    """Warm-up, then `herhaal` measured runs; the median run by rate, with server CPU per request."""
    env = env or {}
    if ALLEEN and not naam.startswith("anchor") and not any(a in naam for a in ALLEEN):
        return {"naam": naam, "verbindingen": verbindingen, "rate": 0, "p50_us": 0, "p99_us": 0, "max_us": 0,
                "fouten_alle_runs": 0, "cpu_ms": None, "requests": 0, "overgeslagen": True}
    wrk(server.poort, script, verbindingen, max(1, duur // 3), {**env, **(per_run(-1) if per_run else {})})
    runs = []
    for i in range(herhaal):
        voor = cpu_ticks(server.proc.pid)
        r = wrk(server.poort, script, verbindingen, duur, {**env, **(per_run(i) if per_run else {})})
        r["cpu_ms"] = (cpu_ticks(server.proc.pid) - voor) * 1000 / TICK
        r["rate"] = r["requests"] / (r["duration_us"] / 1e6)
        runs.append(r)
    runs.sort(key=lambda r: r["rate"])
    m = runs[len(runs) // 2]
    # Peak RSS of the server so far (VmHWM): after this scenario, so a jump names its cause.
    m["piek_mb"] = piek_rss_mb(server.proc.pid)
    m["naam"], m["verbindingen"] = naam, verbindingen
    m["fouten_alle_runs"] = sum(r["errors"] for r in runs)
    print(f"  {naam:<44} {m['rate']:9.0f}/s  p99 {m['p99_us'] / 1000:7.1f} ms  fouten {m['fouten_alle_runs']}  piek {m['piek_mb']:.0f} MB", file=sys.stderr, flush=True)
    return m


class SQLite:
    naam = "SQLite"

    def __init__(self, data, werk):
        self.data, self.werk = data, werk

    def url(self, naam):
        return f"sqlite://{self.werk}/{naam}.sqlite"

    def template(self, aantal, meldpunt):
        pad = os.path.join(self.data, f"sqlite-{aantal}.sqlite")
        if not os.path.exists(pad):
            maak_template(meldpunt, f"sqlite://{pad}.bouw", aantal)
            os.rename(pad + ".bouw", pad)
        return pad

    def template_url(self, template):
        return f"sqlite://{template}"

    def kopie(self, template, naam):
        if ZONDER_KOPIE:
            return f"sqlite://{template}"
        doel = f"{self.werk}/{naam}.sqlite"
        nodig, vrij = os.path.getsize(template), shutil.disk_usage(self.werk).free
        if vrij < nodig * 1.2:
            raise SystemExit(f"FOUT: de kopie van {template} ({nodig / 1e9:.0f} GB) past niet ({vrij / 1e9:.0f} GB vrij)")
        sh("cp", "--sparse=always", template, doel)
        return f"sqlite://{doel}"

    def vraag(self, url, sql):
        return sh("sqlite3", url[len("sqlite://"):], sql, capture_output=True, text=True).stdout.split()


class Postgres:
    naam = "PostgreSQL"

    def __init__(self, beheer):
        self.beheer = beheer.rsplit("/", 1)[0]

    def url(self, naam):
        return f"{self.beheer}/{naam}"

    def psql(self, sql, db="postgres"):
        return sh("psql", "-qAt", "-v", "ON_ERROR_STOP=1", f"{self.beheer}/{db}", "-c", sql, capture_output=True, text=True).stdout.split()

    def nieuw(self, naam, template=None):
        self.psql(f"DROP DATABASE IF EXISTS {naam} WITH (FORCE)")
        self.psql(f"CREATE DATABASE {naam}" + (f" TEMPLATE {template}" if template else ""))
        return self.url(naam)

    def template(self, aantal, meldpunt):
        naam = f"meldpunt_bench_tpl_{aantal}"
        if not self.psql(f"SELECT 1 FROM pg_database WHERE datname = '{naam}'"):
            url = self.nieuw(naam + "_bouw")
            maak_template(meldpunt, url, aantal)
            self.psql(f"ALTER DATABASE {naam}_bouw RENAME TO {naam}")
        return naam

    def template_url(self, template):
        return self.url(template)

    def kopie(self, template, naam):
        return self.nieuw(naam, template)

    def vraag(self, url, sql):
        return sh("psql", "-qAt", "-v", "ON_ERROR_STOP=1", url, "-c", sql, capture_output=True, text=True).stdout.split()


def maak_template(meldpunt, url, aantal):
    """A migrated database with the demo organisations and keys, then the generated terugmeldingen."""
    print(f"  gegevens: {aantal} terugmeldingen in {url.split('/')[-1]} (eenmalig)", file=sys.stderr, flush=True)
    if url.startswith("sqlite://"):
        os.makedirs(os.path.dirname(url[len("sqlite://"):]), exist_ok=True)
    sh(meldpunt, "routes", env={**os.environ, "MELDPUNT_DATABASE_URL": url, "LOG_LEVEL": "warning"}, stdout=subprocess.DEVNULL, cwd=ROOT)
    sh(sys.executable, os.path.join(HIER, "gegevens.py"), url, "--aantal", str(aantal))


def bijlagen_lichaam(pad):
    """A filing with 20 MB of attachments (4 × 5 MB), kenmerk @N@ replaced per request."""
    stuk = base64.b64encode(os.urandom(5 * 1024 * 1024)).decode()
    body = {
        "terugMeldingHeader": {"registratie": {"basisRegistratieCode": "BRP"}, "gemeentecode": "0363", "referentiekenmerk": "UP-@N@"},
        "terugMeldingBody": {
            "objectIdentificatie": [{"attribuutUrn": "urn:brp:persoon:bsn", "idWaarde": "999993653"}],
            "terugMeldingGegevens": [{"attribuutUrn": "urn:brp:persoon:binnenlands-adres-ingezetene:huisnummer", "betwijfeldeWaarde": "23", "voorgesteldeWaarde": "21"}]},
        "bijlagen": [{"bestandsnaam": f"scan-{i}.pdf", "mimeType": "application/pdf", "inhoud": stuk} for i in range(4)],
    }
    with open(pad, "w") as f:
        json.dump(body, f)


def bestand(werk, naam, regels):
    pad = os.path.join(werk, naam)
    with open(pad, "w") as f:
        f.write("\n".join(regels) + "\n")
    return pad


def meet_anchor(db, args, werk, anchor):
    url = db.url("anchor") if isinstance(db, SQLite) else db.nieuw("anchor")
    s = Server([anchor, "serve", "--port", "18190"], {"ANCHOR_DATABASE_URL": url, "LOG_LEVEL": "warning"}, 18190, f"{werk}/anchor-{db.naam}.log", gezond="/hello")
    lichaam = os.path.join(werk, "rij.json")
    with open(lichaam, "w") as f:
        json.dump({"kenmerk": "A-@N@", "tekst": "Benchmark: het huisnummer wijkt af van wat de burger opgeeft."}, f)
    try:
        rijen = [scenario(s, "anchor: hello-world GET", "hello.lua", 64, args.duur, args.herhaal, {"BENCH_PAD": "/hello"}),
                 scenario(s, "anchor: one Fluent insert POST", "lichaam.lua", 64, args.duur, args.herhaal, {"BENCH_PAD": "/rijen", "BENCH_LICHAAM": lichaam})]
        rss = piek_rss_mb(s.proc.pid)
    finally:
        s.stop()
    for r in rijen:
        r["rss_mb"] = rss
    return rijen


def meldpunt_env(url, poort, werk, naam):
    return {"MELDPUNT_DATABASE_URL": url, "MELDPUNT_PORT": str(poort), "MELDPUNT_RATE_LIMITS": "off",
            "MELDPUNT_MAIL_DIR": f"{werk}/mail-{naam}", "LOG_LEVEL": "warning"}


def meet_meldpunt(db, args, werk, meldpunt):
    template = db.template(args.aantal, meldpunt)
    # The template follows the schema: a new migration runs on it once, not on every copy.
    if not args.template_laten:
        sh(meldpunt, "routes", env={**os.environ, "MELDPUNT_DATABASE_URL": db.template_url(template), "LOG_LEVEL": "warning"}, stdout=subprocess.DEVNULL, cwd=ROOT)
    url = db.kopie(template, "meldpunt_bench")
    s = Server([meldpunt, "serve"], meldpunt_env(url, 18191, werk, "a"), 18191, f"{werk}/meldpunt-{db.naam}.log")
    rijen = []
    try:
        ams = db.vraag(url, "SELECT id FROM organisaties WHERE gemeentecode = '0363'")[0]
        def ids(voorwaarde, n):
            return db.vraag(url, f"SELECT id FROM terugmeldingen WHERE bijhouder_id = '{ams}' {voorwaarde} ORDER BY random() LIMIT {n}")
        lees = ids("", 5000)
        api = "/api/v1/terugmeldingen"
        # Keyset paging where the server offers it (an after= cursor in its Link header), else page numbers.
        kop = urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:18191{api}?pageSize=50", headers={"Authorization": "Bearer " + GEMEENTE})).headers.get("Link", "")
        if "after=" in kop:
            diep = [f"{api}?pageSize=50&after={i}" for i in lees]
            diep_status = [f"{api}?pageSize=50&status=Afgehandeld&after={i}" for i in lees]
        else:
            pagina = lambda n: [f"{api}?pageSize=50&page={1 + (i * 7919) % max(1, n // 50)}" for i in range(2000)]
            totaal = args.aantal // 10
            diep, diep_status = pagina(totaal), [p + "&status=Afgehandeld" for p in pagina(int(totaal * 0.8))]
        def lezen(naam, paden, sleutel=GEMEENTE):
            return scenario(s, naam, "lezen.lua", 8, args.duur, args.herhaal, {"BENCH_SLEUTEL": sleutel, "BENCH_PADEN": bestand(werk, "paden.txt", paden)})
        rijen.append(scenario(s, "filing POST /terugmeldingen", "indienen.lua", 64, args.duur, args.herhaal, {"BENCH_SLEUTEL": AFNEMER}))
        rijen.append(lezen("inbox first page (50)", [f"{api}?pageSize=50"]))
        rijen.append(lezen("inbox any later page", diep))
        rijen.append(lezen("inbox status=Gemeld, first page", [f"{api}?pageSize=50&status=Gemeld"]))
        rijen.append(lezen("inbox status=Afgehandeld, any page", diep_status))
        rijen.append(lezen("inbox termijnOverschreden=false", [f"{api}?pageSize=50&termijnOverschreden=false"]))
        rijen.append(lezen("afnemer's sent list, first page", [f"{api}?pageSize=50"], AFNEMER))
        rijen.append(lezen("detail GET /terugmeldingen/{ref}", [f"{api}/{i}" for i in lees]))
        # Each id once: new ones are taken up, those being worked on are completed.
        stappen = [f"{i}|In behandeling" for i in ids("AND status = 'Gemeld'", 200000)] + \
                  [f"{i}|Afgehandeld" for i in ids("AND status = 'In behandeling'", 200000)]
        random.Random(13).shuffle(stappen)
        plak = max(1, len(stappen) // (args.herhaal + 1))
        rijen.append(scenario(s, "status change (take up, complete)", "status.lua", 8, args.duur, args.herhaal,
                              {"BENCH_SLEUTEL": GEMEENTE, "BENCH_IDS": bestand(werk, "stappen.txt", stappen)},
                              per_run=lambda i: {"BENCH_VANAF": str((i + 1) * plak)}))
        lichaam = os.path.join(werk, "bijlagen.json")
        bijlagen_lichaam(lichaam)
        rijen.append(scenario(s, "filing with 20 MB of attachments", "lichaam.lua", 4, args.duur, args.herhaal,
                              {"BENCH_SLEUTEL": AFNEMER, "BENCH_PAD": api, "BENCH_LICHAAM": lichaam}))
        rss = piek_rss_mb(s.proc.pid)
        if isinstance(db, Postgres) and (not ALLEEN or any(a in "filing on two instances" for a in ALLEEN)):
            rijen.append(twee_instanties(s, url, args, werk, meldpunt))
            rss = max(rss, piek_rss_mb(s.proc.pid))
    finally:
        s.stop()
    for r in rijen:
        r["rss_mb"] = rss
    return rijen


def twee_instanties(eerste, url, args, werk, meldpunt):
    """Filing on two instances on one PostgreSQL at once: the sum of both rates."""
    tweede = Server([meldpunt, "serve"], meldpunt_env(url, 18192, werk, "b"), 18192, f"{werk}/meldpunt-b.log")
    try:
        env = {**os.environ, "BENCH_WRK": WRK, "BENCH_THREADS": "2", "BENCH_SLEUTEL": AFNEMER}
        def start(poort):
            return subprocess.Popen(["wrk", "-t2", "-c64", f"-d{args.duur}s", "--timeout", "30s", "--latency", "-s", os.path.join(WRK, "indienen.lua"),
                                     f"http://127.0.0.1:{poort}"], env=env, stdout=subprocess.PIPE, text=True)
        procs = [start(18191), start(18192)]
        uit = [json.loads(next(r for r in p.communicate()[0].splitlines() if r.startswith("BENCH "))[6:]) for p in procs]
    finally:
        tweede.stop()
    rate = sum(u["requests"] / (u["duration_us"] / 1e6) for u in uit)
    return {"naam": "filing on two instances at once (sum)", "verbindingen": 128, "rate": rate,
            "p50_us": max(u["p50_us"] for u in uit), "p99_us": max(u["p99_us"] for u in uit), "max_us": max(u["max_us"] for u in uit),
            "fouten_alle_runs": sum(u["errors"] for u in uit), "cpu_ms": None, "requests": sum(u["requests"] for u in uit)}


def tabel(resultaten, commit):
    regels = [f"| what ({commit}) | conns | " + " | ".join(f"{d}: req/s · p50/p99/max ms · errors · CPU ms/req · × hello · peak RSS MB" for d in resultaten) + " |",
              "| --- | --- |" + " --- |" * len(resultaten)]
    namen = [r["naam"] for r in next(iter(resultaten.values()))]
    for d in resultaten.values():
        namen += [r["naam"] for r in d if r["naam"] not in namen]
    for naam in namen:
        if all(next((r for r in d if r["naam"] == naam), {}).get("overgeslagen") for d in resultaten.values()):
            continue
        cellen, conns = [], ""
        for d, rijen in resultaten.items():
            hello = next(r["rate"] for r in rijen if r["naam"].startswith("anchor: hello"))
            r = next((r for r in rijen if r["naam"] == naam), None)
            if r is None:
                cellen.append("–")
                continue
            conns = str(r["verbindingen"])
            cpu = f"{r['cpu_ms'] / max(1, r['requests']):.2f}" if r.get("cpu_ms") is not None else "–"
            cellen.append(f"{r['rate']:,.0f} · {r['p50_us'] / 1000:.1f}/{r['p99_us'] / 1000:.1f}/{r['max_us'] / 1000:.0f} · "
                          f"{r['fouten_alle_runs']} · {cpu} · {r['rate'] / hello:.3f} · {r.get('piek_mb', 0):.0f}")
        regels.append(f"| {naam} | {conns} | " + " | ".join(cellen) + " |")
    regels.append("| peak RSS (MB) | | " + " | ".join(
        f"anchor {max(r['rss_mb'] for r in d if r['naam'].startswith('anchor')):.0f}, meldpunt {max(r['rss_mb'] for r in d if not r['naam'].startswith('anchor')):.0f}"
        for d in resultaten.values()) + " |")
    return "\n".join(regels)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--aantal", type=int, default=10_000_000)
    p.add_argument("--databases", default="sqlite,postgres")
    p.add_argument("--duur", type=int, default=10, help="seconds per measured run")
    p.add_argument("--herhaal", type=int, default=3)
    p.add_argument("--postgres", default=None, help="admin URL (a superuser); default: bench/postgres.sh starts one with fsync on")
    p.add_argument("--smoke", action="store_true", help="debug builds, 50,000 rows, 1 s runs (CI)")
    p.add_argument("--geen-build", action="store_true")
    p.add_argument("--template-laten", action="store_true", help="do not migrate the template (to measure an older build)")
    p.add_argument("--label", help="what the table's heading names instead of the commit (an older build)")
    p.add_argument("--alleen", action="append", default=[], help="only scenarios whose name contains this (repeatable)")
    p.add_argument("--zonder-kopie", action="store_true", help="SQLite: measure on the template itself (no room for a copy; the run changes it)")
    args = p.parse_args()
    configuratie = "release"
    ALLEEN.extend(args.alleen)
    global ZONDER_KOPIE
    ZONDER_KOPIE = args.zonder_kopie
    if args.smoke:
        args.aantal, args.duur, args.herhaal, configuratie = 50_000, 1, 1, "debug"
    if not args.geen_build:
        sh("swift", "build", "-c", configuratie, "--product", "meldpunt", cwd=ROOT)
        sh("swift", "build", "-c", configuratie, "--package-path", os.path.join(HIER, "anchor"), "--scratch-path", os.path.join(HIER, "anchor", ".build"), cwd=ROOT)
    meldpunt = os.path.join(ROOT, ".build", configuratie, "meldpunt")
    anchor = os.path.join(HIER, "anchor", ".build", configuratie, "anchor")
    werk = tempfile.mkdtemp(prefix="meldpunt-bench.")
    data = os.path.join(HIER, ".data") if not args.smoke else os.path.join(werk, "data")
    os.makedirs(data, exist_ok=True)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    resultaten = {}
    try:
        meet_alles(args, werk, data, meldpunt, anchor, resultaten)
    finally:
        # The copies are as large as the templates: never leave them behind.
        for n in os.listdir(werk):
            if n.endswith((".sqlite", ".sqlite-wal", ".sqlite-shm")):
                os.remove(os.path.join(werk, n))
    uit = tabel(resultaten, args.label or commit)
    print(uit)
    with open(os.path.join(werk, "resultaten.json"), "w") as f:
        json.dump(resultaten, f, indent=1)
    print(f"(ruwe cijfers: {werk}/resultaten.json)", file=sys.stderr)
    fout = sum(r["fouten_alle_runs"] for d in resultaten.values() for r in d)
    if fout:
        sys.exit(f"FOUT: {fout} mislukte verzoeken")


def meet_alles(args, werk, data, meldpunt, anchor, resultaten):
    for naam in args.databases.split(","):
        if naam == "sqlite":
            db = SQLite(data, werk)
        else:
            beheer = args.postgres or subprocess.run(["bash", os.path.join(HIER, "postgres.sh")], capture_output=True, text=True, check=True).stdout.strip()
            db = Postgres(beheer)
        print(f"== {db.naam}", file=sys.stderr, flush=True)
        resultaten[db.naam] = meet_anchor(db, args, werk, anchor) + meet_meldpunt(db, args, werk, meldpunt)
        if isinstance(db, Postgres):
            db.psql("DROP DATABASE IF EXISTS meldpunt_bench WITH (FORCE)")


if __name__ == "__main__":
    main()
