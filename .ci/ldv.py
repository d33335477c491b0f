"""Logboek Dataverwerkingen end to end: the processing records of a terugmelding's and a
melding's life reach a real OTLP receiver (.ci/otlp_ontvanger.py, the official OpenTelemetry
protobuf definitions) with the standard's attributes, also when the collector was down while
the work was done; and a webhook's traceparent joins to the record of the filing that caused it.

    python .ci/ldv.py DATABASE_URL PORT
"""
import json
import os
import secrets
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DB, POORT = sys.argv[1], int(sys.argv[2])
COLLECTOR, HAAK = POORT + 200, POORT + 300
BASIS = f"http://127.0.0.1:{POORT}"
WERK = tempfile.mkdtemp(prefix="meldpunt-ldv-")
SPANS = os.path.join(WERK, "spans.jsonl")
fouten = []
webhooks = []          # (traceparent, body)


def fout(tekst):
    fouten.append(tekst)
    print("FOUT:", tekst)


class Haak(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
        webhooks.append((self.headers.get("traceparent"), body))
        self.send_response(204)
        self.end_headers()


def traceparent():
    return "00-" + secrets.token_hex(16) + "-" + secrets.token_hex(8) + "-01"


def api(methode, pad, sleutel, body=None, tp=None):
    h = {"Authorization": "Bearer " + sleutel, "Content-Type": "application/json"}
    if tp:
        h["traceparent"] = tp
    req = urllib.request.Request(BASIS + "/api/v1" + pad, method=methode, data=json.dumps(body).encode() if body is not None else None, headers=h)
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, json.loads(r.read() or b"null")


def wacht(voorwaarde, seconden, wat):
    eind = time.time() + seconden
    while time.time() < eind:
        if voorwaarde():
            return True
        time.sleep(0.5)
    fout(f"niet binnen {seconden} s: {wat}")
    return False


def spans():
    if not os.path.exists(SPANS):
        return []
    return [json.loads(r) for r in open(SPANS)]


def main():
    haak = ThreadingHTTPServer(("127.0.0.1", HAAK), Haak)
    threading.Thread(target=haak.serve_forever, daemon=True).start()
    # The collector is down while the work is done: the records must wait, not get lost.
    env = dict(os.environ, MELDPUNT_RATE_LIMITS="off", MELDPUNT_PORT=str(POORT), MELDPUNT_DATABASE_URL=DB,
               MELDPUNT_MAIL_DIR=os.path.join(WERK, "mail"), MELDPUNT_OTLP_ENDPOINT=f"http://127.0.0.1:{COLLECTOR}")
    server = subprocess.Popen([".build/debug/meldpunt", "serve"], env=env, stdout=open(os.path.join(WERK, "server.log"), "ab"), stderr=subprocess.STDOUT)
    collector = None
    try:
        def gezond():
            try:
                return urllib.request.urlopen(BASIS + "/health", timeout=2).status == 200
            except OSError:
                return False
        if not wacht(gezond, 60, "server start"):
            sys.exit(open(os.path.join(WERK, "server.log")).read()[-3000:])
        status, a = api("POST", "/abonnementen", "mpk_demo_belastingdienst",
                        {"callbackUrl": f"http://127.0.0.1:{HAAK}/haak", "auth": "", "kanalen": [{"naam": "terugmeldingen"}], "vorm": "cloudevents"})
        assert status == 201, a

        # A terugmelding's life, each request with a trace of the caller's own.
        verwacht = []      # (traceparent sent, record name)
        tp = traceparent()
        status, tm = api("POST", "/terugmeldingen", "mpk_demo_belastingdienst", json.load(open("e2e/terugmelding.json")), tp)
        ref = tm["terugMeldingReferentie"]
        verwacht.append((tp, "terugmelding.aanmaken"))
        for sleutel in ["mpk_demo_belastingdienst", "mpk_demo_amsterdam"]:
            tp = traceparent()
            api("GET", "/terugmeldingen/" + ref, sleutel, tp=tp)
            verwacht.append((tp, "terugmelding.raadplegen"))
        tp = traceparent()
        api("POST", f"/terugmeldingen/{ref}/statuswijzigingen", "mpk_demo_amsterdam", {"status": "In behandeling"}, tp)
        verwacht.append((tp, "terugmelding.statuswijziging"))
        tp = traceparent()
        api("POST", f"/terugmeldingen/{ref}/statuswijzigingen", "mpk_demo_amsterdam", {"status": "Afgehandeld", "uitkomst": "verbeterd", "toelichting": "Huisnummer hersteld."}, tp)
        verwacht.append((tp, "terugmelding.statuswijziging"))
        # A melding's: filed by an intermediary, read by the meldpunt.
        tp = traceparent()
        status, m = api("POST", "/meldingen", "mpk_demo_uwv", {
            "melderType": "burger", "melder": {"naam": "Suzanne Moulin", "email": "s.moulin@example.nl", "bsn": "999993653"},
            "organisatieAlBenaderd": True, "bezwaarOfBeroepLoopt": False, "registraties": ["BRP"],
            "betrokkenOrganisaties": ["Gemeente Rotterdam"], "watIsFout": "Ik sta op een oud adres ingeschreven.",
            "toestemming": {"gegeven": True, "tekstVersie": "2026-11-1"}}, tp)
        verwacht.append((tp, "melding.aanmaken"))
        tp = traceparent()
        api("GET", "/meldingen/" + m["zaaknummer"], "mpk_demo_meldpunt", tp=tp)
        verwacht.append((tp, "melding.raadplegen"))

        # The event of the filing went out (the collector still down) with our trace context.
        wacht(lambda: any(b.get("type", "").endswith("aangemaakt") or ref in json.dumps(b) for _, b in webhooks), 30, "webhook van de terugmelding")
        time.sleep(3)
        if spans():
            fout("de collector was nog niet gestart, maar er kwamen al spans binnen")

        # Now the collector comes up: the export catches up.
        collector = subprocess.Popen([sys.executable, ".ci/otlp_ontvanger.py", "--port", str(COLLECTOR), "--uit", SPANS])
        for tp, naam in verwacht:
            trace = tp[3:35]
            wacht(lambda: any(s["traceId"] == trace and s["name"] == naam for s in spans()), 90, f"record {naam} in trace {trace}")
        alle = spans()
        print(f"{len(alle)} records bij de collector")
        for tp, naam in verwacht:
            trace, ouder = tp[3:35], tp[36:52]
            r = [s for s in alle if s["traceId"] == trace and s["name"] == naam]
            if len(r) != 1:
                fout(f"{naam}: {len(r)} records in trace {trace}, verwacht 1")
                continue
            s = r[0]
            a = s["attributes"]
            if s["parentSpanId"] != ouder:
                fout(f"{naam}: parent {s['parentSpanId']}, verwacht de span van de aanroeper {ouder}")
            if s["status"] != 1 or len(s["spanId"]) != 16 or s["start"] <= 0 or s["end"] < s["start"]:
                fout(f"{naam}: status/span/tijd niet in orde: {s}")
            activiteit = a.get("dpl.core.processing_activity_id", "")
            if not activiteit.startswith(BASIS + "/api/v1/verwerkingsactiviteiten/"):
                fout(f"{naam}: processing_activity_id {activiteit!r}")
            else:
                with urllib.request.urlopen(activiteit, timeout=10) as r2:
                    if naam not in json.load(r2)["acties"]:
                        fout(f"{naam}: de activiteit {activiteit} noemt deze actie niet")
            subject = a.get("dpl.core.data_subject_id", "")
            if len(subject) != 64 or "999993653" in json.dumps(s):
                fout(f"{naam}: data_subject_id geen pseudoniem: {subject!r}")
            if a.get("dpl.core.data_subject_id_type") != BASIS + "/privacy#pseudoniem":
                fout(f"{naam}: data_subject_id_type {a.get('dpl.core.data_subject_id_type')!r}")
            if s["resource"].get("service.name") != "meldpunt":
                fout(f"{naam}: resource {s['resource']}")
        # One person behind the terugmelding's and the melding's records: the same pseudonym.
        personen = {s["attributes"].get("dpl.core.data_subject_id") for s in alle if s["traceId"] in {tp[3:35] for tp, _ in verwacht}}
        if len(personen) != 1:
            fout(f"verwacht één pseudoniem voor 999993653, kreeg {len(personen)}")
        # Each record once, whatever was retried.
        ids = [s["spanId"] for s in alle]
        if len(ids) != len(set(ids)):
            fout("een record kwam twee keer aan")

        # Every webhook's traceparent joins to the record of the processing that caused it; the
        # filing's to the filing's record, in the caller's trace.
        haken = [t for t, b in webhooks if ref in json.dumps(b)]
        if not haken or not all(haken):
            fout(f"webhooks van de terugmelding zonder traceparent: {haken}")
        namen = []
        for tp_haak in filter(None, haken):
            trace, span = tp_haak[3:35], tp_haak[36:52]
            bron = [s for s in alle if s["traceId"] == trace and s["spanId"] == span]
            if len(bron) != 1:
                fout(f"de traceparent van een webhook ({tp_haak}) wijst naar geen record")
                continue
            namen.append(bron[0]["name"])
            print(f"webhook {tp_haak} → record {bron[0]['name']}")
            if bron[0]["name"] == "terugmelding.aanmaken" and trace != verwacht[0][0][3:35]:
                fout("de webhook van de indiening zit niet in de trace van de aanroeper")
        if "terugmelding.aanmaken" not in namen:
            fout("geen webhook die aansluit op het record van de indiening")
    finally:
        server.terminate()
        if collector:
            collector.terminate()
    if fouten:
        print(open(os.path.join(WERK, "server.log")).read()[-3000:])
        sys.exit(f"FOUT: {len(fouten)} problemen met Logboek Dataverwerkingen")
    print("Logboek Dataverwerkingen: alle records met de attributen van de standaard; de webhook sluit aan")


if __name__ == "__main__":
    main()
