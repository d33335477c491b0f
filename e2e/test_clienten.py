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
