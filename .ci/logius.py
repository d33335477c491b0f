"""The Logius terugmeld draft (0.2) as a client built on it uses it: its own example body (with a
valid BSN and a gemeente as houder, draft fields only), answers validated against the draft's
`Ontvangen` schema — with its `oneOf` of bare titles read as the enum it means, since as written
no value can satisfy it (see e2e/schemathesis-logius.toml).

Usage: python .ci/logius.py http://127.0.0.1:18080 /path/to/terugmelden-spec-0.2.yaml /path/to/terugmelden-voorbeeld.json
"""
import copy
import json
import sys

import jsonschema
import requests
import yaml

BASE = sys.argv[1].rstrip("/") + "/logius/terugmelden/v0.2/terugmelding"
SPEC = yaml.safe_load(open(sys.argv[2]))
VOORBEELD = json.load(open(sys.argv[3]))
H = {"Authorization": "Bearer mpk_demo_belastingdienst"}


def als_enum(schema):
    """oneOf of subschemas that hold only a title → enum of those titles (what the draft means)."""
    if isinstance(schema, dict):
        een = schema.get("oneOf")
        if isinstance(een, list) and een and all(set(s) == {"title"} for s in een):
            schema = {k: v for k, v in schema.items() if k != "oneOf"}
            schema["enum"] = [s["title"] for s in een]
        return {k: als_enum(v) for k, v in schema.items()}
    if isinstance(schema, list):
        return [als_enum(v) for v in schema]
    return schema


ONTVANGEN = als_enum(SPEC["components"]["schemas"]["Ontvangen"])


def ok(v, wat):
    if not v:
        raise SystemExit("FOUT (logius): " + wat)


body = copy.deepcopy(VOORBEELD)
body["terugMeldingHeader"]["registratie"]["houder"] = "GM0363"
body["terugMeldingBody"]["objectIdentificatie"][0]["idWaarde"] = "999993653"
body["terugMeldingBody"]["terugMeldingGegevens"][0]["bijlages"] = []
r = requests.post(BASE, json=body, headers=H, timeout=30)
ok(r.status_code == 200, f"het voorbeeld wordt ontvangen: {r.status_code} {r.text[:300]}")
jsonschema.validate(r.json(), ONTVANGEN)
ok(r.json()["status"] == "Gemeld", "status Gemeld")
ref = r.json()["terugMeldingReferentie"]
g = requests.get(BASE, params={"terugMeldingReferentie": ref}, headers=H, timeout=30)
ok(g.status_code == 200, f"opvragen: {g.status_code}")
jsonschema.validate(g.json(), ONTVANGEN)
ok(g.json()["terugMeldingReferentie"] == ref, "dezelfde referentie")

# The draft's example unchanged: no gemeente to route to, a BSN that fails the elfproef.
f = requests.post(BASE, json=VOORBEELD, headers=H, timeout=30)
ok(f.status_code == 400 and f.headers["Content-Type"].startswith("application/problem+json"), f"problem+json: {f.status_code}")
namen = {p["name"] for p in f.json()["invalidParams"]}
ok({"terugMeldingHeader.gemeentecode", "terugMeldingBody.objectIdentificatie[0].idWaarde"} <= namen, f"elk veld genoemd: {namen}")
print("logius: het voorbeeld ontvangen en opgevraagd volgens het schema van de standaard; zonder bronhouder een duidelijk probleem")
