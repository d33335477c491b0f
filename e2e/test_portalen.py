"""The terugmeld flow in a real browser, every page checked with axe-core."""
import base64
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import api

JPEG = bytes([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]) + b"JFIF\0" + bytes(40) + bytes([0xFF, 0xD9])


def meld(kenmerk, gemeentecode="0363", bijlage=False):
    gegeven = {"attribuutUrn": "urn:brp:persoon:binnenlands-adres-ingezetene:huisnummer",
               "gegevensElementNaam": "Huisnummer", "betwijfeldeWaarde": "23", "voorgesteldeWaarde": "21"}
    if bijlage:
        gegeven["bijlages"] = [{"bestandsnaam": "brief.jpg", "mimeType": "image/jpeg", "bijlageData": base64.b64encode(JPEG).decode()}]
    body = {
        "terugMeldingHeader": {"registratie": {"basisRegistratieCode": "BRP"}, "gemeentecode": gemeentecode,
                               "referentiekenmerk": kenmerk, "toelichting": "Volgens onze gegevens woont betrokkene op nummer 21.",
                               "melder": {"naam": "A. Fnemer", "email": "a.fnemer@belastingdienst.nl"}},
        "terugMeldingBody": {"objectIdentificatie": [{"attribuutUrn": "urn:brp:persoon:bsn", "idWaarde": "999993653"}],
                             "terugMeldingGegevens": [gegeven]},
    }
    return api("/terugmeldingen", "mpk_demo_belastingdienst", body)["terugMeldingReferentie"]


def test_openbare_paginas_in_beide_talen(portaal):
    portaal.open("/")
    assert "Fouten in overheidsgegevens melden" in portaal.tekst()
    portaal.open("/toegankelijkheid")
    portaal.klik("English")
    assert "Accessibility statement" in portaal.tekst()
    portaal.open("/inloggen")
    assert "Email address" in portaal.tekst()
    portaal.klik("Nederlands")
    assert "E-mailadres" in portaal.tekst()
    portaal.open("/bestaat-niet")


def test_inlogfouten_worden_getoond(portaal):
    portaal.open("/inloggen")
    portaal.d.find_element(By.CSS_SELECTOR, "form[action='/inloggen'] button[type=submit]").click()
    portaal.controleer()
    assert "Er is iets niet goed ingevuld" in portaal.tekst()
    portaal.veld("email", "bijhouder@demo.meldpunt.nl")
    portaal.veld("wachtwoord", "helemaal-fout")
    portaal.d.find_element(By.CSS_SELECTOR, "form[action='/inloggen'] button[type=submit]").click()
    portaal.controleer()
    assert "horen niet bij elkaar" in portaal.tekst()


def test_elke_rol_kan_inloggen(portaal):
    for rol in ("afnemer", "bijhouder", "rni", "meldpunt", "partner", "beheer"):
        portaal.login(f"{rol}@demo.meldpunt.nl")
        portaal.logout()


def test_bijhouder_handelt_af_en_afnemer_ziet_het(portaal):
    eigen = uuid.uuid4().hex[:8]
    af = meld(f"AF-{eigen}", bijlage=True)
    door = meld(f"DOOR-{eigen}")
    weg = meld(f"WEG-{eigen}")

    # The gemeente: inbox, take up, finish; forward another.
    portaal.login("bijhouder@demo.meldpunt.nl")
    portaal.open("/terugmeldingen")
    assert f"AF-{eigen}" in portaal.tekst()
    portaal.open(f"/terugmeldingen/{af}")
    assert "brief.jpg" in portaal.tekst()
    portaal.formulier_knop(f"{af}/status", "In behandeling nemen")
    assert "De status is gewijzigd." in portaal.tekst()
    portaal.formulier_knop(f"{af}/status", "Afhandelen")           # without explanation: refused
    assert "Er is iets niet goed ingevuld" in portaal.tekst()
    Select(portaal.d.find_element(By.ID, "uitkomst")).select_by_value("verbeterd")
    portaal.veld("toelichting", "Huisnummer verbeterd naar 21.")
    portaal.formulier_knop(f"{af}/status", "Afhandelen")
    assert "Afgehandeld" in portaal.tekst()

    portaal.open(f"/terugmeldingen/{door}")
    Select(portaal.d.find_element(By.ID, "gemeentecode")).select_by_value("0599")
    portaal.formulier_knop(f"{door}/status", "Doorsturen naar een andere gemeente")
    assert f"DOOR-{eigen}" not in portaal.tekst()
    for map_ in ("inBehandeling", "ingepland", "archief", "alle"):
        portaal.open(f"/terugmeldingen?map={map_}")
    portaal.logout()

    # The afnemer: sees the outcome and withdraws the third.
    portaal.login("afnemer@demo.meldpunt.nl")
    portaal.open("/terugmeldingen")
    assert f"AF-{eigen}" in portaal.tekst()
    portaal.open(f"/terugmeldingen/{af}")
    assert "Huisnummer verbeterd naar 21." in portaal.tekst()
    portaal.open(f"/terugmeldingen/{weg}")
    portaal.klik("Intrekken")
    assert "Weet u zeker" in portaal.tekst()
    portaal.klik("Ja, trek de terugmelding in")
    assert "Ingetrokken" in portaal.tekst()
    assert api(f"/terugmeldingen/{weg}", "mpk_demo_belastingdienst")["status"] == "Ingetrokken"
    assert api(f"/terugmeldingen/{door}", "mpk_demo_rotterdam")["status"] == "Gemeld"
