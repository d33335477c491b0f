#!/usr/bin/env python3
"""Benchmark: a gemeente inbox of tens of thousands of terugmeldingen.

    python3 bench/inbox.py [--url http://127.0.0.1:8080] [--aantal 20000] [--gelijktijdig 8]

Against a running server in development mode (demo keys). Files --aantal terugmeldingen from
the demo Belastingdienst to Amsterdam, then measures the inbox (first and last page, a
status filter, the overdue filter), a detail read and filing itself. Targets (release
build, 2 cores, SQLite): inbox pages p95 < 100 ms at 20,000 items; filing > 100/s.
Standard library only; `bench/run.sh` builds, starts a server and runs this.
"""
import argparse, json, statistics, time, urllib.request, urllib.error
from concurrent.futures import ThreadPoolExecutor

AFNEMER = "mpk_demo_belastingdienst"
GEMEENTE = "mpk_demo_amsterdam"


def verzoek(url, sleutel, data=None):
    req = urllib.request.Request(url, data=data, method="POST" if data else "GET",
                                 headers={"Authorization": f"Bearer {sleutel}", "Content-Type": "application/json"})
    t = time.perf_counter()
    with urllib.request.urlopen(req, timeout=60) as r:
        body = r.read()
        return r.status, time.perf_counter() - t, body, r.headers


def body(i):
    return json.dumps({
        "terugMeldingHeader": {"registratie": {"basisRegistratieCode": "BRP"}, "gemeentecode": "0363",
                               "referentiekenmerk": f"BENCH-{i}", "toelichting": "Benchmark: huisnummer wijkt af. " * 5},
        "terugMeldingBody": {
            "objectIdentificatie": [{"attribuutUrn": "urn:brp:persoon:bsn", "idWaarde": "999993653"}],
            "terugMeldingGegevens": [{"attribuutUrn": "urn:brp:persoon:binnenlands-adres-ingezetene:huisnummer",
                                      "betwijfeldeWaarde": "23", "voorgesteldeWaarde": "21"}]},
    }).encode()


def meet(naam, n, fn, gelijktijdig):
    with ThreadPoolExecutor(gelijktijdig) as pool:
        t0 = time.perf_counter()
        tijden = list(pool.map(lambda i: fn(i)[1], range(n)))
        totaal = time.perf_counter() - t0
    tijden.sort()
    p = lambda q: tijden[min(len(tijden) - 1, int(q * len(tijden)))] * 1000
    print(f"{naam:<38} n={n:<6} {n / totaal:8.1f}/s   p50 {p(.5):7.1f} ms   p95 {p(.95):7.1f} ms   max {tijden[-1] * 1000:7.1f} ms")
    return p(.95)


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--url", default="http://127.0.0.1:8080")
    a.add_argument("--aantal", type=int, default=20000)
    a.add_argument("--gelijktijdig", type=int, default=8)
    args = a.parse_args()
    api = args.url + "/api/v1/terugmeldingen"

    meet("vullen: POST /terugmeldingen", args.aantal, lambda i: verzoek(api, AFNEMER, body(i)), args.gelijktijdig)
    _, _, _, h = verzoek(api + "?pageSize=1", GEMEENTE)
    totaal = int(h["X-Total-Count"])
    laatste = max(1, (totaal + 49) // 50)
    print(f"inbox Amsterdam: {totaal} terugmeldingen")
    _, _, eerste, _ = verzoek(api + "?pageSize=1", GEMEENTE)
    ref = json.loads(eerste)[0]["terugMeldingReferentie"]

    meet("inbox eerste pagina (50)", 300, lambda i: verzoek(api + "?pageSize=50", GEMEENTE), args.gelijktijdig)
    meet("inbox laatste pagina (50)", 300, lambda i: verzoek(api + f"?pageSize=50&page={laatste}", GEMEENTE), args.gelijktijdig)
    meet("inbox status=Gemeld", 300, lambda i: verzoek(api + "?status=Gemeld&pageSize=50", GEMEENTE), args.gelijktijdig)
    meet("inbox termijnOverschreden=false", 300, lambda i: verzoek(api + "?termijnOverschreden=false&pageSize=50", GEMEENTE), args.gelijktijdig)
    meet("detail GET /terugmeldingen/{ref}", 500, lambda i: verzoek(f"{api}/{ref}", GEMEENTE), args.gelijktijdig)
    meet("verzonden lijst afnemer", 300, lambda i: verzoek(api + "?pageSize=50", AFNEMER), args.gelijktijdig)
    meet("melden: POST /terugmeldingen", 1000, lambda i: verzoek(api, AFNEMER, body(i)), args.gelijktijdig)


if __name__ == "__main__":
    main()
