"""The BRP (Haal Centraal, a mock in CI) where it helps someone decide: the afnemer's wizard and
the bijhouder's terugmelding page. Runs when the server has a BRP (MELDPUNT_E2E_BRP=1)."""
import os
import uuid

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import api

pytestmark = pytest.mark.skipif(os.environ.get("MELDPUNT_E2E_BRP") != "1", reason="de server heeft geen BRP")


def test_wizard_stelt_de_gemeente_van_inschrijving_voor(portaal):
    portaal.login("afnemer@demo.meldpunt.nl")
    portaal.open("/terugmeldingen")
    portaal.klik("Nieuwe terugmelding")
    portaal.veld("gemeente", "0363 Amsterdam")
    portaal.klik("Volgende stap")
    portaal.veld("bsn", "999993653")
    portaal.klik("Volgende stap")
    tekst = portaal.tekst()
    assert "Volgens de BRP staat deze persoon ingeschreven in Rotterdam (0599), niet in Amsterdam (0363) die u koos." in tekst, tekst[:800]
    portaal.klik("Rotterdam kiezen")
    assert "de gemeente die u koos" in portaal.tekst()
    # Nothing of this step was lost by choosing.
    Select(portaal.d.find_element(By.ID, "gegevens_0_attribuut")).select_by_visible_text("Huisnummer")
    portaal.veld("gegevens_0_betwijfeld", "31")
    portaal.veld("gegevens_0_voorgesteld", "33")
    portaal.klik("Volgende stap")
    portaal.veld("toelichting", "Volgens de huurder woont betrokkene op nummer 33.")
    portaal.klik("Volgende stap")
    assert "Rotterdam (0599)" in portaal.tekst()
    portaal.d.set_window_size(390, 900)
    portaal.controleer()
    portaal.d.set_window_size(1280, 1000)


def test_bijhouder_ziet_de_inschrijving_en_stuurt_door(portaal):
    kenmerk = "BRP-" + uuid.uuid4().hex[:6]
    body = {
        "terugMeldingHeader": {"registratie": {"basisRegistratieCode": "BRP"}, "gemeentecode": "0363", "referentiekenmerk": kenmerk,
                               "toelichting": "Volgens onze gegevens woont betrokkene elders."},
        "terugMeldingBody": {"objectIdentificatie": [{"attribuutUrn": "urn:brp:persoon:bsn", "idWaarde": "999993653"}],
                             "terugMeldingGegevens": [{"attribuutUrn": "urn:brp:persoon:binnenlands-adres-ingezetene:huisnummer",
                                                       "betwijfeldeWaarde": "31", "voorgesteldeWaarde": "33"}]},
    }
    antwoord = api("/terugmeldingen", "mpk_demo_belastingdienst", body)
    portaal.login("bijhouder@demo.meldpunt.nl")
    portaal.open("/terugmeldingen/" + antwoord["terugMeldingReferentie"])
    assert "Volgens de BRP staat deze persoon ingeschreven in Rotterdam (0599), niet bij u." in portaal.tekst()
    portaal.klik("Doorsturen naar Rotterdam")
    na = api("/terugmeldingen/" + antwoord["terugMeldingReferentie"], "mpk_demo_belastingdienst")
    assert na["bijhouder"]["gemeentecode"] == "0599"
