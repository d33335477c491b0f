"""An afnemer's system that speaks Digimelding DMKS 1.3, built with zeep (a SOAP client nobody
here wrote) from the server's own WSDL: it files, follows, reads and withdraws terugmeldingen;
the bronhouder's changes made elsewhere must reach it as annotations; every bad request must
get the right Digikoppeling fault, never a 5xx other than a SOAP fault.

Usage: python .ci/dmks.py http://127.0.0.1:18080   (a development server with the demo keys)
"""
import base64
import datetime
import sys
import uuid

import requests
import zeep
from zeep.exceptions import Fault

BASE = sys.argv[1].rstrip("/")
NS = "http://webservices.digimelding.nl/dmks/cookiebox/"
BRP = "00000001001599185000"
AFNEMER, AFNEMER_OIN = "mpk_demo_belastingdienst", "00000001003214345000"
AMSTERDAM, AMSTERDAM_OIN = "mpk_demo_amsterdam", "00000099000000004000"
ROTTERDAM = "mpk_demo_rotterdam"
PDF = base64.b64encode(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").decode()
stappen = 0


def client(sleutel):
    s = requests.Session()
    s.headers["Authorization"] = "Bearer " + sleutel
    return zeep.Client(BASE + "/dmks/v1?wsdl", transport=zeep.Transport(session=s, timeout=30))


def ok(voorwaarde, wat):
    global stappen
    if not voorwaarde:
        raise SystemExit("FOUT (dmks): " + wat)
    stappen += 1


def fout(code, f, *args, **kwargs):
    try:
        f(*args, **kwargs)
    except Fault as e:
        detail = e.detail
        gevonden = detail.find("{%s}DigimeldingSynchroonFault/{%s}faultcode" % (NS, NS)) if detail is not None else None
        ok(gevonden is not None and gevonden.text == code, f"verwacht {code}, kreeg {e.code} / {gevonden.text if gevonden is not None else None}: {e.message}")
        ok(e.message and "{" not in e.message[:1], "de foutmelding is tekst voor een mens")
        return e
    raise SystemExit(f"FOUT (dmks): verwacht fout {code}, kreeg een antwoord")


def nu():
    return datetime.datetime.now(datetime.timezone.utc)


def basis(u, oin=AFNEMER_OIN, **kw):
    d = dict(uuid=u, GeannoteerdDoor={"Oin": oin, "Persoonsaanduiding": "anoniem"}, GeannoteerdOp=nu())
    d.update(kw)
    return d


def boom(kenmerk, bronhouder="0363", bsn="999993653", bijlage=True):
    r = str(uuid.uuid4())
    a = [
        {"Terugmelding": basis(r, Toelichting="De persoon woont volgens ons onderzoek op nummer 21.",
                               Bronverwijzingen={"Bronverwijzing": [{"Uri": f"urn:brp:persoon:bsn:{bsn}", "Selectie": ["persoon"]}]},
                               Attributenset={"Attribuut": [{"Uri": "urn:brp:persoon:binnenlands-adres-ingezetene:huisnummer",
                                                             "BetwijfeldeWaarde": "23", "VoorgesteldeWaarde": "21"}]},
                               Peilmoment=nu())},
        {"Annotatiestatus": basis(str(uuid.uuid4()), Annotatieverwijzing=r, Status="Gemeld")},
        {"Referentiekenmerk": basis(str(uuid.uuid4()), Annotatieverwijzing=r, Kenmerk=kenmerk)},
        {"Contactinformatie": dict(basis(str(uuid.uuid4()), Annotatieverwijzing=r, Naam="Jan Afnemer",
                                         Email="jan.afnemer@belastingdienst.example", Afdeling="Toeslagen"), ContactType="Melder")},
        {"BehandelendeBronhouder": basis(str(uuid.uuid4()), Annotatieverwijzing=r, Bronhouder=bronhouder)},
    ]
    if bijlage:
        a.append({"Bijlageverwijzing": basis(str(uuid.uuid4()), Annotatieverwijzing=r, Bestandsnaam="bewijs.pdf",
                                             MIMEType="application/pdf", BijlageData=base64.b64decode(PDF), Beschrijving="Huurcontract")})
    return r, {"Annotatie": a}


def soorten(details):
    uit = []
    for a in details:
        for naam in ("Terugmelding", "Annotatiestatus", "Referentiekenmerk", "Contactinformatie", "Bijlageverwijzing",
                     "Planningsverwachting", "BehandelendeBronhouder"):
            if a[naam] is not None:
                uit.append((naam, a[naam]))
    return uit


afnemer = client(AFNEMER)
svc = afnemer.service

# Echo: the message processing works.
ok(svc.Echo(OinBasisregistratie=BRP, Echo="Digimelding?") == "Digimelding?", "Echo geeft de tekst terug")

# File a whole tree; the acknowledgement names the root.
kenmerk = "ZP-" + uuid.uuid4().hex[:8]
root, tree = boom(kenmerk)
ack = svc.AnnotatieToevoegen(OinBasisregistratie=BRP, Registratie="BRP", AnnotatieBoom=tree)
ok(ack.AnnotatieVerwijzing == root, "de ontvangstbevestiging verwijst naar de terugmelding")
# A retry of the same tree (at-least-once delivery) is acknowledged again, not filed twice.
ok(svc.AnnotatieToevoegen(OinBasisregistratie=BRP, AnnotatieBoom=tree).AnnotatieVerwijzing == root, "herhaling geeft dezelfde bevestiging")

# The same terugmelding through the JSON API: one engine.
api = requests.get(f"{BASE}/api/v1/terugmeldingen/{root}", headers={"Authorization": "Bearer " + AFNEMER}, timeout=30)
ok(api.status_code == 200 and api.json()["status"] == "Gemeld" and api.json()["referentieKenmerk"] == kenmerk, f"de JSON API ziet dezelfde terugmelding: {api.status_code}")
ok(api.json()["bijhouder"]["gemeentecode"] == "0363" and len(api.json()["bijlagen"]) == 1, "naar Amsterdam, met de bijlage")

# Statusoverzicht on the afnemer's own reference.
lijst = svc.Statusoverzicht(OinVragendeOrganisatie=AFNEMER_OIN, OinBasisregistratie=BRP,
                            Filter={"MeldingskenmerkenLijst": {"MeldingkenmerkLijstElement": [kenmerk]}})
regels = [a for l in lijst for a in (l.Annotatie or [])]
ok(len(regels) == 1 and regels[0].Uuid == root and regels[0].Annotatiestatus.Status == "Gemeld", "het statusoverzicht toont de terugmelding als Gemeld")
ok(regels[0].Bronverwijzing.Uri == "urn:brp:persoon:bsn:999993653", "met de bronverwijzing zoals gestuurd")
leeg = svc.Statusoverzicht(OinVragendeOrganisatie=AFNEMER_OIN, OinBasisregistratie=BRP,
                           Filter={"MeldingskenmerkenLijst": {"MeldingkenmerkLijstElement": ["BESTAAT-NIET"]}})
ok(all(not l.Annotatie for l in leeg), "een leeg overzicht is een gewoon antwoord")

# The bronhouder takes it up in its own system (the JSON API, as the portal does) ...
r = requests.post(f"{BASE}/api/v1/terugmeldingen/{root}/statuswijzigingen", json={"status": "In behandeling"},
                  headers={"Authorization": "Bearer " + AMSTERDAM}, timeout=30)
ok(r.status_code == 200, f"Amsterdam neemt in behandeling: {r.status_code} {r.text[:200]}")
# ... and plans it through Digimelding, with a Planningsverwachting.
amsterdam = client(AMSTERDAM).service
stap = str(uuid.uuid4())
plandatum = nu() + datetime.timedelta(days=30)
ack = amsterdam.AnnotatieToevoegen(OinBasisregistratie=BRP, AnnotatieBoom={"Annotatie": [
    {"Annotatiestatus": basis(stap, oin=AMSTERDAM_OIN, Annotatieverwijzing=root, Status="Ingepland", Toelichting="Huisbezoek gepland")},
    {"Planningsverwachting": basis(str(uuid.uuid4()), oin=AMSTERDAM_OIN, Annotatieverwijzing=root,
                                   MijlpaalAanduiding="Huisbezoek", MijlpaalTijdstempel=plandatum)},
]})
ok(ack.AnnotatieVerwijzing == stap, "de bronhouder krijgt een bevestiging van zijn status")

# The afnemer reads the whole tree: its own annotations as sent, the bronhouder's as annotations.
details = soorten(svc.DetailsTerugmelding(OinVragendeOrganisatie=AFNEMER_OIN, OinBasisregistratie=BRP, Uuid=root))
namen = [n for n, _ in details]
ok(namen[0] == "Terugmelding" and details[0][1].uuid == root, "de boom begint bij de terugmelding")
statussen = [a.Status for n, a in details if n == "Annotatiestatus"]
ok(statussen == ["Gemeld", "In behandeling", "Ingepland"], f"de statussen in volgorde: {statussen}")
ok([a.GeannoteerdDoor.Oin for n, a in details if n == "Annotatiestatus"][1:] == [AMSTERDAM_OIN, AMSTERDAM_OIN], "geannoteerd door Amsterdam")
bijlagen = [a for n, a in details if n == "Bijlageverwijzing"]
ok(len(bijlagen) == 1 and not bijlagen[0].BijlageData and bijlagen[0].Bestandsnaam == "bewijs.pdf", "bijlage zonder de bytes")
ok(any(n == "Planningsverwachting" and a.MijlpaalAanduiding == "Huisbezoek" for n, a in details), "de planningsverwachting")
ok(any(n == "Referentiekenmerk" and a.Kenmerk == kenmerk for n, a in details), "het eigen kenmerk")
ok(any(n == "Contactinformatie" and a.ContactType == "Melder" and a.Naam == "Jan Afnemer" for n, a in details), "de contactpersoon")
wijziging = svc.Statusoverzicht(OinVragendeOrganisatie=AFNEMER_OIN, OinBasisregistratie=BRP,
                                Filter={"VanafTijdstempelWijziging": nu() - datetime.timedelta(minutes=5), "StatusTerugmelding": "Ingepland"})
ok(any(a.Uuid == root for l in wijziging for a in (l.Annotatie or [])), "filter op laatste wijziging en status")

# A second terugmelding, withdrawn with a single status annotation.
root2, tree2 = boom("ZP2-" + uuid.uuid4().hex[:6], bijlage=False)
svc.AnnotatieToevoegen(OinBasisregistratie=BRP, AnnotatieBoom=tree2)
svc.AnnotatieToevoegen(OinBasisregistratie=BRP, Annotatie={"Annotatiestatus": basis(
    str(uuid.uuid4()), Annotatieverwijzing=root2, Status="INGETROKKEN", Toelichting="Toch juist")})
details2 = soorten(svc.DetailsTerugmelding(OinVragendeOrganisatie=AFNEMER_OIN, OinBasisregistratie=BRP, Uuid=root2))
st2 = [a.Status for n, a in details2 if n == "Annotatiestatus"]
ok(st2[-1].lower() == "ingetrokken", f"ingetrokken, zoals gestuurd: {st2}")
api2 = requests.get(f"{BASE}/api/v1/terugmeldingen/{root2}", headers={"Authorization": "Bearer " + AFNEMER}, timeout=30).json()
ok(api2["status"] == "Ingetrokken", "de motor kent de intrekking")

# Faults, each with its Digikoppeling code.
fout("DK0002", svc.Statusoverzicht, OinVragendeOrganisatie=AMSTERDAM_OIN, OinBasisregistratie=BRP)
# Another gemeente does not learn that the terugmelding exists.
fout("DK0050", client(ROTTERDAM).service.DetailsTerugmelding, OinVragendeOrganisatie="00000099000000005000", OinBasisregistratie=BRP, Uuid=root)
fout("DK0050", svc.DetailsTerugmelding, OinVragendeOrganisatie=AFNEMER_OIN, OinBasisregistratie=BRP, Uuid=str(uuid.uuid4()))
fout("DK0050", svc.Statusoverzicht, OinVragendeOrganisatie=AFNEMER_OIN, OinBasisregistratie=BRP, Filter={"StatusTerugmelding": "Verdwenen"})
fout("DK0050", amsterdam.AnnotatieToevoegen, OinBasisregistratie=BRP, Annotatie={"Annotatiestatus": basis(
    str(uuid.uuid4()), oin=AMSTERDAM_OIN, Annotatieverwijzing=root2, Status="Afgehandeld", Toelichting="te laat")})
fout("DK0050", svc.AnnotatieToevoegen, OinBasisregistratie=BRP, Registratie="HR", AnnotatieBoom=boom("HR")[1])
slecht = boom("BSN", bsn="123456789")[1]
e = fout("DK0050", svc.AnnotatieToevoegen, OinBasisregistratie=BRP, AnnotatieBoom=slecht)
ok("Bronverwijzing" in e.message, f"de fout noemt het element: {e.message}")
# Annotating in another organisation's name.
fout("DK0002", svc.AnnotatieToevoegen, OinBasisregistratie=BRP, AnnotatieBoom={"Annotatie": [
    {"Annotatiestatus": basis(str(uuid.uuid4()), oin=AMSTERDAM_OIN, Annotatieverwijzing=root, Status="Afgehandeld")}]})


def rauw(body, sleutel=AFNEMER, soort="text/xml; charset=utf-8"):
    h = {"Content-Type": soort, "SOAPAction": NS + "Echo"}
    if sleutel:
        h["Authorization"] = "Bearer " + sleutel
    return requests.post(BASE + "/dmks/v1", data=body.encode() if isinstance(body, str) else body, headers=h, timeout=30)


def rauw_fout(code, antwoord):
    ok(antwoord.status_code == 500 and "text/xml" in antwoord.headers.get("Content-Type", ""), f"SOAP-fout als 500 text/xml: {antwoord.status_code}")
    ok(f"<faultcode>{code}</faultcode>" in antwoord.text, f"verwacht {code}: {antwoord.text[:300]}")


ENV = '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>%s</soap:Body></soap:Envelope>'
ECHO = f'<EchoRequest xmlns="{NS}"><OinBasisregistratie>{BRP}</OinBasisregistratie><Echo>x</Echo></EchoRequest>'
rauw_fout("DK0002", rauw(ENV % ECHO, sleutel=None))
rauw_fout("DK0002", rauw(ENV % ECHO, sleutel="mpk_onbekend"))
bom = '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>' + ENV % ECHO.replace(">x<", ">&lol2;<")
rauw_fout("DK0004", rauw(bom))
xxe = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + ENV % ECHO.replace(">x<", ">&e;<")
antwoord = rauw(xxe)
rauw_fout("DK0004", antwoord)
ok("root:" not in antwoord.text, "geen externe entiteit gelezen")
rauw_fout("DK0004", rauw("<niet-af"))
rauw_fout("DK0004", rauw(ENV % ECHO.replace("<Echo>", "<Onbekend/><Echo>")))
rauw_fout("DK0004", rauw(ENV % ECHO, soort="application/json"))
rauw_fout("DK0004", rauw(ENV % ("<a>" * 100 + "</a>" * 100)))
ok(rauw(ENV % ECHO).status_code == 200, "een goed ruw bericht wordt beantwoord")
wsdl = requests.get(BASE + "/dmks/v1?wsdl", timeout=30)
ok(wsdl.status_code == 200 and 'location="' in wsdl.text, "de WSDL noemt het adres van de dienst")
ok(requests.get(BASE + "/dmks/v1?xsd", timeout=30).text.count("<xs:schema") == 1, "het schema apart")
print(f"dmks: {stappen} controles geslaagd (zeep {zeep.__version__})")
