"""Events to a webhook receiver survive failures and a server kill, without loss or doubling,
and a receiver that hangs does not hold up the others.

A receiver on this host takes subscriptions in both shapes (ZGW Notificaties and NL GOV
CloudEvents), checks every signature, and refuses each event's first three deliveries (503).
Terugmeldingen are filed, the server is killed with SIGKILL right after, and started again on
the same database. Every event must then arrive: each id accepted once, each body signed.

    python .ci/webhooks.py DATABASE_URL PORT
"""
import base64
import hashlib
import hmac
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DB, POORT = sys.argv[1], int(sys.argv[2])
ONTVANGER = POORT + 100
BASIS = f"http://127.0.0.1:{POORT}/api/v1"
SLEUTEL = "Bearer mpk_demo_belastingdienst"
AANTAL = 4
WERK = tempfile.mkdtemp(prefix="meldpunt-webhooks-")

slot = threading.Lock()
geheimen = {}          # path → signing secret
pogingen = {}          # webhook-id → attempts
aanvaard = {}          # webhook-id → (path, body)
fouten = []


class Ontvanger(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        wid, ts, sig = self.headers.get("webhook-id"), self.headers.get("webhook-timestamp"), self.headers.get("webhook-signature")
        if self.headers.get("Authorization") != "Bearer ontvanger-token":
            fouten.append(f"verkeerde Authorization: {self.headers.get('Authorization')}")
        event = json.loads(body)
        test = event.get("kanaal") == "test" or event.get("type", "").endswith(".test")
        if self.path == "/traag" and not test:
            time.sleep(30)      # longer than the sender waits
            return
        with slot:
            geheim = geheimen.get(self.path)
        if geheim is not None:
            verwacht = "v1," + base64.b64encode(hmac.new(geheim.encode(), f"{wid}.{ts}.".encode() + body, hashlib.sha256).digest()).decode()
            if not hmac.compare_digest(verwacht, sig or ""):
                fouten.append(f"handtekening klopt niet voor {wid}")
        elif not test:
            fouten.append(f"event voor onbekend pad {self.path}")
        with slot:
            n = pogingen[wid] = pogingen.get(wid, 0) + 1
            weiger = not test and n <= 3
            if not weiger and not test and wid not in aanvaard:
                aanvaard[wid] = (self.path, event)
        self.send_response(503 if weiger else 204)
        self.end_headers()


def api(methode, pad, body=None):
    req = urllib.request.Request(BASIS + pad, method=methode, data=json.dumps(body).encode() if body is not None else None,
                                 headers={"Authorization": SLEUTEL, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, json.loads(r.read() or b"null")


def start():
    env = dict(os.environ, MELDPUNT_RATE_LIMITS="off", MELDPUNT_PORT=str(POORT), MELDPUNT_DATABASE_URL=DB,
               MELDPUNT_RETRY_BASE_SECONDS="1", MELDPUNT_MAIL_DIR=os.path.join(WERK, "mail"))
    p = subprocess.Popen([".build/debug/meldpunt", "serve"], env=env, stdout=open(os.path.join(WERK, "server.log"), "ab"), stderr=subprocess.STDOUT)
    for _ in range(60):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{POORT}/health", timeout=2)
            return p
        except Exception:
            time.sleep(1)
    sys.exit("FOUT: server startte niet")


ids = []


def main():
    server = ThreadingHTTPServer(("127.0.0.1", ONTVANGER), Ontvanger)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    p = start()
    for pad, vorm in [("/zgw", "zgw"), ("/ce", "cloudevents"), ("/traag", "zgw")]:
        status, a = api("POST", "/abonnementen", {"callbackUrl": f"http://127.0.0.1:{ONTVANGER}{pad}", "auth": "Bearer ontvanger-token",
                                                   "kanalen": [{"naam": "terugmeldingen", "filters": {"status": "Gemeld"}}], "vorm": vorm})
        assert status == 201 and a["geheim"], a
        with slot:
            geheimen[pad] = a["geheim"]
        ids.append(a["id"])
    melding = json.load(open("e2e/terugmelding.json"))
    refs = [api("POST", "/terugmeldingen", melding)[1]["terugMeldingReferentie"] for _ in range(AANTAL)]
    # Killed between commit and delivery (the first attempts fail anyway): nothing may be lost.
    p.send_signal(signal.SIGKILL)
    p.wait()
    p = start()
    try:
        # Rows the killed instance had claimed wait for its claim to run out (45 s).
        einde = time.time() + 150
        while time.time() < einde and len(aanvaard) < 2 * AANTAL:
            time.sleep(1)
    finally:
        # Leave the database as it was found for the steps after this one.
        for i in ids:
            api("DELETE", f"/abonnementen/{i}")
        p.send_signal(signal.SIGTERM)
        p.wait(timeout=60)
    assert not fouten, fouten
    per_pad = {"/zgw": set(), "/ce": set()}
    for wid, (pad, event) in aanvaard.items():
        assert pad != "/traag", event
        if pad == "/zgw":
            assert event["kanaal"] == "terugmeldingen" and event["resource"] == "terugmelding" and event["actie"] == "create", event
            per_pad[pad].add(event["resourceUrl"].rsplit("/", 1)[-1])
        else:
            assert event["specversion"] == "1.0" and event["id"] == wid and event["source"].startswith("urn:nld:oin:"), event
            assert event["type"] == "nl.overheid.meldpunt.terugmelding-gemeld", event
            per_pad[pad].add(event["subject"])
    # Every terugmelding once in each shape: none lost, none under two ids.
    assert per_pad["/zgw"] == set(refs) and per_pad["/ce"] == set(refs), (per_pad, refs)
    assert len(aanvaard) == 2 * AANTAL, len(aanvaard)
    herhaald = sum(1 for wid in aanvaard if pogingen[wid] > 4)
    print(f"webhooks: {len(aanvaard)} events afgeleverd na 3 weigeringen en kill -9, elk één keer aanvaard "
          f"({herhaald} nog eens herhaald en door de ontvanger op id herkend), alle handtekeningen kloppen")


if __name__ == "__main__":
    main()
