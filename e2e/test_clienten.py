"""An intermediary in the browser (issue 30): the start page, the clients page, and the report
form that starts as reporting for someone else on the organisation's behalf."""
from selenium.webdriver.common.by import By


def test_intermediair(portaal):
    portaal.login("intermediair@demo.meldpunt.nl")
    portaal.klik("Mijn cliënten")
    tekst = portaal.tekst()
    assert "Alle meldingen die uw organisatie deed voor cliënten" in tekst
    portaal.d.set_window_size(390, 900)
    portaal.controleer()
    portaal.d.set_window_size(1280, 1000)
    portaal.d.find_element(By.XPATH, "//main//a[normalize-space()='Melding doen voor een cliënt']").click()
    portaal.controleer()
    assert "/melden" in portaal.d.current_url


def test_intermediair_schrijft_het_meldpunt(portaal):
    """The demo's client case: the intermediary opens it and writes to the meldpunt; empty is said
    next to the field first."""
    portaal.login("intermediair@demo.meldpunt.nl")
    portaal.open("/clienten")
    portaal.d.find_element(By.CSS_SELECTOR, "main table a[href^='/clienten/MFO-']").click()
    portaal.controleer()
    assert "Kees Jansen" in portaal.tekst() or "Bericht aan het Meldpunt" in portaal.tekst()
    portaal.klik("Versturen")
    assert "Schrijf eerst uw bericht." in portaal.tekst()
    portaal.veld("clientBericht", "Meneer Jansen kreeg vandaag weer een aanmaning.")
    portaal.klik("Versturen")
    assert "Uw bericht is verstuurd." in portaal.tekst()
    assert "Meneer Jansen kreeg vandaag weer een aanmaning." in portaal.tekst()
