"""Overleg with several organisations in the browser (issue 29, point 8): staff plan one from a
case (refused by its fields first), record the minutes the same day and agree an action for UWV;
UWV reads the demo invitation and the new overleg in its portal and reports its action done.
Every page passes axe-core; list and overleg are also looked at 390 px wide."""
import datetime
from zoneinfo import ZoneInfo
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select


def test_overleg_plannen_verslag_en_actie(portaal):
    portaal.login("meldpunt@demo.meldpunt.nl")
    portaal.klik("Overleggen")
    portaal.controleer()
    assert "Adres en terugvordering" in portaal.tekst()

    # From a case: the case number comes along; every problem by its field.
    portaal.klik("Werkvoorraad")
    portaal.d.find_element(By.PARTIAL_LINK_TEXT, "MFO-").click()
    portaal.klik("Overleg plannen met meerdere organisaties")
    portaal.controleer()
    assert re.match(r"MFO-\d{4}-\d{6}", portaal.d.find_element(By.ID, "zaaknummer").get_attribute("value"))
    portaal.klik("Overleg plannen en uitnodigen")
    tekst = portaal.tekst()
    assert "Onderwerp: Geef het overleg een onderwerp." in tekst
    assert "Genodigde organisaties: Kies ten minste één organisatie om uit te nodigen." in tekst
    portaal.controleer()
    portaal.veld("onderwerp", "Boete na verhuizing")
    # The server's today is Amsterdam's (between 23:00 and 24:00 UTC the machine's is yesterday).
    vandaag = datetime.datetime.now(ZoneInfo("Europe/Amsterdam")).date().isoformat()
    portaal.d.execute_script("document.getElementById('datum').value = arguments[0]", vandaag)
    portaal.veld("plaats", "Online")
    portaal.veld("agenda", "1. Wie herstelt het adres\n2. Boete aanhouden")
    portaal.d.find_element(By.ID, "deelnemer-00000099000000002000").click()
    portaal.klik("Overleg plannen en uitnodigen")
    assert "Het overleg is gepland." in portaal.tekst()
    nummer = re.search(r"/overleggen/(\d+)", portaal.d.current_url).group(1)
    portaal.controleer()

    portaal.veld("verslag", "UWV houdt de terugvordering aan tot het adres klopt.")
    portaal.klik("Verslag opslaan en delen")
    assert "Het verslag is opgeslagen." in portaal.tekst()
    portaal.klik("Actie toevoegen")
    assert "Welke organisatie doet het?: Kies de organisatie die de actie uitvoert." in portaal.tekst()
    Select(portaal.d.find_element(By.ID, "organisatieOin")).select_by_visible_text("UWV (demo)")
    portaal.veld("omschrijving", "Terugvordering aanhouden en de melder een brief sturen.")
    portaal.klik("Actie toevoegen")
    assert "De actie is toegevoegd." in portaal.tekst()
    portaal.d.set_window_size(390, 900)
    portaal.controleer()
    portaal.d.set_window_size(1280, 1000)
    portaal.logout()

    portaal.login("partner@demo.meldpunt.nl")
    portaal.klik("Overleggen")
    assert "Adres en terugvordering" in portaal.tekst()
    portaal.open("/overleggen?map=openActies")
    portaal.d.find_element(By.LINK_TEXT, f"OVL-{nummer}").click()
    portaal.controleer()
    assert "UWV houdt de terugvordering aan" in portaal.tekst()
    assert "Actie toevoegen" not in portaal.tekst()
    portaal.veld("afronding1Toelichting", "Aangehouden; brief verstuurd.")
    portaal.klik("Melden dat het gedaan is")
    assert "De actie staat als gedaan." in portaal.tekst()
    portaal.d.set_window_size(390, 900)
    portaal.controleer()
    portaal.d.set_window_size(1280, 1000)
