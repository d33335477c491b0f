"""A small Haal Centraal BRP Personen server for the browser tests: POST {base}/personen with
RaadpleegMetBurgerservicenummer, answered from the GBA-V test persons (personen-testset.csv).

Usage: python .ci/brp_mock.py --port 18027 --personen ../shared/data/rvig/personen-testset.csv --sleutel KEY
The base to configure is http://127.0.0.1:PORT/haalcentraal/api/brp.
"""
import argparse
import csv
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

NAMEN = {"0518": "'s-Gravenhage", "0599": "Rotterdam", "0363": "Amsterdam", "1999": "Registratie Niet Ingezetenen (RNI)"}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--personen", required=True)
    p.add_argument("--sleutel", required=True)
    a = p.parse_args()
    with open(a.personen, encoding="utf-8") as f:
        personen = {r["bsn"]: r["gemeente_van_inschrijving"] for r in csv.DictReader(f)}

    class Handler(BaseHTTPRequestHandler):
        def antwoord(self, status, body, soort="application/json; charset=utf-8"):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", soort)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
            if self.path != "/haalcentraal/api/brp/personen":
                return self.antwoord(404, {"title": "Niet gevonden", "status": 404}, "application/problem+json")
            if self.headers.get("X-API-KEY") != a.sleutel:
                return self.antwoord(401, {"title": "Niet correct geauthenticeerd.", "status": 401}, "application/problem+json")
            if body.get("type") != "RaadpleegMetBurgerservicenummer" or not body.get("fields"):
                return self.antwoord(400, {"title": "Minimale combinatie van parameters moet worden opgegeven.", "status": 400}, "application/problem+json")
            uit = []
            for bsn in body.get("burgerservicenummer", []):
                code = personen.get(bsn)
                if code:
                    persoon = {}
                    if "gemeenteVanInschrijving" in body["fields"]:
                        persoon["gemeenteVanInschrijving"] = {"code": code, "omschrijving": NAMEN.get(code, "Gemeente " + code)}
                    uit.append(persoon)
            self.antwoord(200, {"type": "RaadpleegMetBurgerservicenummer", "personen": uit})

        def log_message(self, *args):
            pass

    ThreadingHTTPServer(("127.0.0.1", a.port), Handler).serve_forever()


if __name__ == "__main__":
    main()
