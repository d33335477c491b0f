"""Mail through a real SMTP server: the melder's confirmation with a working link, a gemeente's
new-terugmelding mail and its morning summary, a partner's request mail.

The server runs with MELDPUNT_SMTP_URL pointing at .ci/smtp_server.py, which writes every
message it accepts into MELDPUNT_E2E_MAILBOX.
"""
import email
import email.policy
import json
import os
import pathlib
import re
import subprocess
import time
import uuid

import pytest

from conftest import BASIS, api
from test_portalen import meld_via_formulier

MAILBOX = os.environ.get("MELDPUNT_E2E_MAILBOX")
pytestmark = pytest.mark.skipif(not MAILBOX, reason="MELDPUNT_E2E_MAILBOX niet gezet (geen SMTP-server voor deze run)")


def mails(aan):
    for pad in sorted(pathlib.Path(MAILBOX).glob("*.eml")):
        m = email.message_from_bytes(pad.read_bytes(), policy=email.policy.default)
        if aan.lower() in m["X-Envelope-To"].lower():
            yield m


def wacht_op_mail(aan, onderwerp_bevat, tekst_bevat="", tijd=45):
    einde = time.time() + tijd
    while time.time() < einde:
        for m in mails(aan):
            if onderwerp_bevat in m["Subject"] and tekst_bevat in tekst(m):
                return m
        time.sleep(0.5)
    onderwerpen = [m["Subject"] for m in mails(aan)]
    raise AssertionError(f"geen mail aan {aan} met '{onderwerp_bevat}' (wel: {onderwerpen})")


def tekst(m):
    return m.get_body(preferencelist=("plain",)).get_content()


def link(m):
    gevonden = re.findall(re.escape(BASIS) + r"(/\S+)", tekst(m))
    assert gevonden, tekst(m)
    return gevonden[0]


def test_melder_krijgt_bevestiging_met_werkende_link(portaal, tmp_path):
    zaaknummer, _ = meld_via_formulier(portaal, tmp_path)
    m = wacht_op_mail("s.moulin@example.nl", zaaknummer)
    assert m["Auto-Submitted"] == "auto-generated" and m["Message-ID"] and m["Date"]
    assert m.get_body(preferencelist=("html",)) is not None
    inhoud = tekst(m)
    assert "Suzanne" not in inhoud and "huurtoeslag" not in inhoud      # no name, nothing the melder typed
    pad = link(m)
    assert pad.startswith("/status/")
    # The link from the mail opens the melder's own page.
    portaal.open(pad)
    assert zaaknummer in portaal.tekst()


def test_nieuwe_link_per_mail(portaal, tmp_path):
    zaaknummer, oud = meld_via_formulier(portaal, tmp_path)
    portaal.open("/status/kwijt")
    portaal.klik("Stuur mij een nieuwe link")                            # empty: errors next to the fields
    assert "Vul uw zaaknummer in." in portaal.tekst()
    portaal.veld("zaaknummer", zaaknummer)
    portaal.veld("email", "s.moulin@example.nl")
    portaal.klik("Stuur mij een nieuwe link")
    assert "Als het zaaknummer en het e-mailadres bij elkaar horen" in portaal.tekst()
    m = wacht_op_mail("s.moulin@example.nl", f"nieuwe link voor melding {zaaknummer}")
    portaal.open(link(m))
    assert zaaknummer in portaal.tekst()
    portaal.open(oud)
    assert "niet (meer) geldig" in portaal.tekst()


def test_gemeente_krijgt_nieuwe_terugmelding_en_ochtendsamenvatting(portaal):
    adres = f"inbox-{uuid.uuid4().hex[:6]}@amsterdam.example"
    portaal.login("bijhouder@demo.meldpunt.nl")
    portaal.klik("Instellingen")
    portaal.veld("meldingEmail", adres)
    portaal.d.find_element("id", "bezorging-direct").click()
    portaal.klik("Opslaan")
    assert "De instellingen zijn opgeslagen." in portaal.tekst()
    body = json.load(open(pathlib.Path(__file__).parent / "terugmelding.json"))
    ref = api("/terugmeldingen", "mpk_demo_belastingdienst", body)["terugMeldingReferentie"]
    m = wacht_op_mail(adres, "Nieuwe terugmelding")
    assert link(m) == f"/terugmeldingen/{ref}"
    assert "999993653" not in tekst(m)                                  # never a BSN in a mail
    portaal.open(link(m))
    assert "Gemeld" in portaal.tekst()

    # A morning summary instead: nothing at once, one mail with both when the summary is made.
    portaal.klik("Instellingen")
    portaal.d.find_element("id", "bezorging-dagelijks").click()
    portaal.klik("Opslaan")
    for _ in range(2):
        api("/terugmeldingen", "mpk_demo_belastingdienst", body)
    time.sleep(3)
    assert len([x for x in mails(adres) if "Nieuwe terugmelding" in x["Subject"]]) == 1
    subprocess.run([os.environ.get("MELDPUNT_BIN", ".build/debug/meldpunt"), "berichten", "samenvatten"], check=True,
                   env=dict(os.environ, MELDPUNT_DATABASE_URL=os.environ["MELDPUNT_E2E_DATABASE_URL"]), capture_output=True)
    s = wacht_op_mail(adres, "Samenvatting")
    assert "2 bericht" in s["Subject"] and s["List-Unsubscribe"] == f"<{BASIS}/instellingen>"
    assert tekst(s).count("Nieuwe terugmelding in uw inbox") == 2


def test_partner_krijgt_verzoek_per_mail(portaal):
    melding = {
        "melderType": "burger", "melder": {"naam": "Karel Appel", "email": "k.appel@example.nl"},
        "organisatieAlBenaderd": True, "bezwaarOfBeroepLoopt": False, "registraties": ["BRP"],
        "betrokkenOrganisaties": ["UWV"], "watIsFout": "Mijn uitkering is stopgezet door een fout adres.",
        "toestemming": {"gegeven": True, "tekstVersie": "2026-11-1"},
    }
    z = api("/meldingen", "mpk_demo_uwv", melding)["zaaknummer"]
    v = api(f"/meldingen/{z}/verzoeken", "mpk_demo_meldpunt", {
        "organisatieOin": "00000099000000002000", "soort": "informatie", "vraag": "Welk adres heeft u geregistreerd?",
        "gedeeldeGegevens": ["omschrijving"]})
    m = wacht_op_mail("partner@demo.meldpunt.nl", "Nieuw verzoek van het Meldpunt", f"/verzoeken/{v['id']}")
    assert link(m) == f"/verzoeken/{v['id']}"
    assert "Karel" not in tekst(m) and "uitkering" not in tekst(m)
    portaal.login("partner@demo.meldpunt.nl")
    portaal.open(f"/verzoeken/{v['id']}")
    assert "Welk adres heeft u geregistreerd?" in portaal.tekst()


def test_beheer_ziet_uitgaande_berichten_en_kiest_samenvatting(portaal):
    portaal.login("beheer@demo.meldpunt.nl")
    portaal.open("/beheer")
    portaal.klik("Uitgaande berichten")
    assert "Wij hebben uw melding ontvangen" in portaal.tekst()       # mail to melders: the meldpunt's
    portaal.klik("Mislukt")
    portaal.open("/account")
    portaal.d.find_element("id", "bezorging-dagelijks").click()
    portaal.formulier_knop("/account/bezorging", "Opslaan")
    assert "Uw keuze is bewaard." in portaal.tekst()
    assert portaal.d.find_element("id", "bezorging-dagelijks").is_selected()
