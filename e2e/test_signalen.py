"""Structural errors, dashboards and the yearly evaluation in the browser (issue 14): staff
confirm the detector's proposal as a signaal, feed it back to a partner, the partner answers in
its portal, staff put it on an agenda and close it; the dashboards pass axe-core and their
numbers equal a direct count in the database; a partner's yearly evaluation prints."""
import base64
import os
import re
import sqlite3
import time
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import BASIS, api


def database():
    url = os.environ.get("MELDPUNT_E2E_DATABASE_URL", "")
    if not url.startswith("sqlite://"):
        return None
    return sqlite3.connect(url[len("sqlite://"):])


def kies(portaal, id_, zichtbare_tekst):
    Select(portaal.d.find_element(By.ID, id_)).select_by_visible_text(zichtbare_tekst)


def test_van_voorstel_tot_afgesloten_signaal(portaal):
    # The demo cases hold four melders whose fine went to an old address; the detector runs in the background.
    for _ in range(30):
        voorstellen = api("/signaalkandidaten", "mpk_demo_meldpunt")
        if any("registratie BRV" in v["uitleg"] for v in voorstellen):
            break
        time.sleep(1)
    portaal.login("meldpunt@demo.meldpunt.nl")
    portaal.klik("Signalen")
    assert "Voorstellen" in portaal.tekst()
    portaal.d.find_element(By.PARTIAL_LINK_TEXT, "registratie BRV, gevolg boete bij CJIB").click()
    portaal.controleer()
    assert "adres na verhuizing" in portaal.tekst()

    # Without a title: the message beside the field, under its label.
    portaal.veld("bevestigTitel", "")
    portaal.klik("Signaal vastleggen")
    assert "Titel: Geef het signaal een titel." in portaal.tekst()
    portaal.veld("bevestigTitel", "Adres na verhuizing komt niet in het kentekenregister")
    kies(portaal, "bevestigSoort", "Systeem")
    portaal.klik("Signaal vastleggen")
    assert "Het signaal is vastgelegd." in portaal.tekst()
    nummer = re.search(r"/signalen/(\d+)", portaal.d.current_url).group(1)

    # The signaal is a workspace: each task from the menu on its own page, back with a confirmation.
    portaal.klik("Terugkoppelen aan een organisatie")
    kies(portaal, "terugkoppelenOrganisatieOin", "UWV (demo)")
    portaal.veld("terugkoppelenToelichting", "Vijf melders kregen een boete op hun oude adres. Herkent u dit?")
    portaal.klik("Terugkoppelen")
    assert "Teruggekoppeld. De organisatie heeft een e-mail gekregen." in portaal.tekst()
    portaal.logout()

    portaal.login("partner@demo.meldpunt.nl")
    portaal.klik("Signalen")
    portaal.d.find_element(By.PARTIAL_LINK_TEXT, f"SIG-{nummer}").click()
    portaal.controleer()
    assert "Herkent u dit?" in portaal.tekst()
    portaal.veld("antwoordToelichting", "Herkend. De koppeling met de BRP wordt in januari hersteld.")
    portaal.klik("Antwoord versturen")
    assert "Uw antwoord is verstuurd aan het Meldpunt." in portaal.tekst()
    portaal.logout()

    portaal.login("meldpunt@demo.meldpunt.nl")
    portaal.open(f"/signalen/{nummer}")
    assert "De koppeling met de BRP wordt in januari hersteld." in portaal.tekst()
    portaal.klik("Agenderen")
    portaal.veld("agenderenOrgaan", "Tactisch overleg BRV")
    portaal.d.find_element(By.ID, "agenderenDatum").send_keys("10-12-2026")
    portaal.klik("Agenderen")
    assert "Geagendeerd." in portaal.tekst()
    portaal.klik("Afsluiten")
    portaal.d.find_element(By.ID, "afsluitenUitkomst-opgelost").click()
    portaal.veld("afsluitenToelichting", "De koppeling is hersteld; nieuwe adressen komen door.")
    portaal.klik("Verder naar controleren")
    # The check page says what happens; nothing is closed yet.
    assert "Wat er dan gebeurt" in portaal.tekst() and "De koppeling is hersteld" in portaal.tekst()
    portaal.klik("Signaal afsluiten")
    assert "Het signaal is afgesloten." in portaal.tekst()
    assert "Opgelost" in portaal.tekst()
    portaal.open("/signalen?status=opgelost")
    assert f"SIG-{nummer}" in portaal.tekst()


def test_dashboards_tellen_wat_in_de_database_staat(portaal):
    portaal.login("meldpunt@demo.meldpunt.nl")
    portaal.klik("Statistieken")
    tekst = portaal.tekst()
    assert "Meldingen per maand" in tekst and "Doorlooptijd van gesloten meldingen" in tekst
    assert portaal.d.find_elements(By.CSS_SELECTOR, "svg.grafiek title")
    ontvangen = int(portaal.d.find_element(By.XPATH, "//dl[@class='kerncijfers']/div[dt='Meldingen ontvangen']/dd").text)
    db = database()
    if db is not None:
        assert ontvangen == db.execute("SELECT COUNT(*) FROM meldingen").fetchone()[0]
    # A wrong period: the messages beside both fields.
    portaal.open("/statistieken?van=2026-12-01&tot=2026-11-01")
    assert "Van: De begindatum ligt na de einddatum." in portaal.tekst()
    portaal.logout()

    portaal.login("bijhouder@demo.meldpunt.nl")
    portaal.klik("Statistieken")
    verstuurd = int(portaal.d.find_element(By.XPATH, "//dl[@class='kerncijfers']/div[dt='Terugmeldingen ontvangen']/dd").text)
    if db is not None:
        amsterdam = db.execute("SELECT COUNT(*) FROM terugmeldingen t JOIN organisaties o ON o.id = t.bijhouder_id WHERE o.gemeentecode = '0363'").fetchone()[0]
        assert verstuurd == amsterdam
    csv = portaal.d.find_element(By.PARTIAL_LINK_TEXT, "CSV voor systemen").get_attribute("href")
    assert "/statistieken/kerncijfers.csv" in csv
    excel = portaal.d.find_element(By.PARTIAL_LINK_TEXT, "Download voor Excel").get_attribute("href")
    assert "/statistieken/kerncijfers.csv" in excel and "vorm=spreadsheet" in excel
    portaal.logout()

    # The public figures: no login, small counts left out, the CSV as RFC 4180 with a header row.
    portaal.open("/cijfers")
    assert "Kleine aantallen tonen we niet" in portaal.tekst() and "Aantallen van 1 tot en met 4 tonen we niet" in portaal.tekst()
    with urllib.request.urlopen(BASIS + "/cijfers/perMaand.csv", timeout=30) as r:
        assert r.headers["Content-Type"].startswith("text/csv")
        inhoud = r.read().decode("utf-8-sig")
    assert inhoud.startswith("Maand,Waarde (aantal)\r\n")
    portaal.d.set_window_size(390, 900)
    portaal.open("/cijfers")
    portaal.d.set_window_size(1280, 1000)


def test_jaarevaluatie_met_een_partner_print(portaal):
    portaal.login("meldpunt@demo.meldpunt.nl")
    portaal.klik("Jaarevaluatie")
    kies(portaal, "organisatie", "UWV (demo)")
    kies(portaal, "jaar", time.strftime("%Y"))
    portaal.klik("Open de evaluatie")
    assert "Jaarevaluatie UWV (demo)" in portaal.tekst()
    portaal.veld("conclusieConclusie", "Verzoeken snel opgepakt; één opschorting liep te laat af.")
    portaal.klik("Conclusie opslaan")
    assert "De conclusie is opgeslagen." in portaal.tekst()
    pdf = base64.b64decode(portaal.d.print_page())
    assert pdf.startswith(b"%PDF")
    # The conclusions start on a page of their own.
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 2
    pad = portaal.d.current_url.replace(BASIS, "")
    portaal.logout()

    portaal.login("partner@demo.meldpunt.nl")
    portaal.open(pad)
    assert "Verzoeken snel opgepakt" in portaal.tekst()
    portaal.veld("conclusieConclusie", "Eens; wij leggen de termijn voortaan vast bij ontvangst.")
    portaal.klik("Conclusie opslaan")
    assert "Eens; wij leggen de termijn" in portaal.tekst()
