"""The werkvoorraad's daily tools (issue 30): a filter kept under a name, one step for several
ticked cases, the list as CSV, and teams that new cases are routed to — at desktop and phone width."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import BASIS, api


def test_filter_bewaren_en_bulk_toewijzen(portaal):
    portaal.login("meldpunt@demo.meldpunt.nl")
    portaal.open("/meldingen?map=nieuw")
    # The demo routes vehicle cases to Mira's team: her team's folder is there.
    assert "Mijn team (" in portaal.tekst()
    # Filter: vehicle cases nobody handles yet, then keep it.
    portaal.d.find_element(By.CSS_SELECTOR, "details#filters summary").click()
    Select(portaal.d.find_element(By.ID, "registratie")).select_by_value("BRV")
    Select(portaal.d.find_element(By.ID, "behandelaar")).select_by_value("niemand")
    portaal.klik("Filter toepassen")
    assert "registratie=BRV" in portaal.d.current_url
    rijen = portaal.d.find_elements(By.CSS_SELECTOR, "table.werkvoorraad tbody tr")
    assert len(rijen) >= 2
    portaal.veld("filterNaam", "Voertuigen zonder behandelaar")
    portaal.klik("Bewaar dit filter")
    assert "Mijn filters" in portaal.tekst()
    assert portaal.d.find_element(By.LINK_TEXT, "Voertuigen zonder behandelaar").get_attribute("href").endswith("/meldingen?registratie=BRV&behandelaar=niemand")
    # The CSV of this list is offered.
    assert portaal.d.find_element(By.PARTIAL_LINK_TEXT, "CSV").get_attribute("href").startswith(BASIS + "/meldingen/export.csv?registratie=BRV")

    # Nothing chosen: said next to the choice, the ticks stay.
    vakjes = portaal.d.find_elements(By.CSS_SELECTOR, "td.kies input[type=checkbox]")
    gekozen = [v.get_attribute("value") for v in vakjes[:2]]
    for v in vakjes[:2]:
        v.click()
    portaal.klik("Uitvoeren")
    assert "Kies wat u met de gekozen meldingen wilt doen." in portaal.tekst()
    assert all(portaal.d.find_element(By.ID, "kies-" + z).is_selected() for z in gekozen)
    # Assign both to Mira.
    portaal.d.find_element(By.ID, "bulkActie-toewijzen").click()
    Select(portaal.d.find_element(By.ID, "bulkEmail")).select_by_value("meldpunt@demo.meldpunt.nl")
    portaal.klik("Uitvoeren")
    assert "Toegewezen, aantal meldingen: 2" in portaal.tekst()
    for z in gekozen:
        assert api("/meldingen/" + z, "mpk_demo_meldpunt")["behandelaar"]["email"] == "meldpunt@demo.meldpunt.nl"
    # The kept filter no longer finds them.
    portaal.klik("Voertuigen zonder behandelaar")
    lijst = " ".join(r.text for r in portaal.d.find_elements(By.CSS_SELECTOR, "table.werkvoorraad tbody tr"))
    assert not any(z in lijst for z in gekozen), f"nog in de lijst ({portaal.d.current_url}): {portaal.tekst()}"
    # On a phone the list and the bulk form fit the width (the table scrolls in its own box).
    portaal.d.set_window_size(390, 844)
    portaal.open("/meldingen?map=team")
    breedte, scherm = portaal.d.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    assert breedte <= scherm, f"{breedte} px breed op een scherm van {scherm}"
    portaal.d.set_window_size(1280, 1000)


def test_beheer_maakt_een_team(portaal):
    portaal.login("systeem@demo.meldpunt.nl")
    portaal.open("/beheer/teams")
    assert "Voertuigen en verkeer" in portaal.tekst()
    portaal.klik("Team maken")                      # no name: the error next to the field
    assert "Geef het team een naam." in portaal.tekst()
    portaal.veld("teamNaam", "Belastingen en WOZ")
    portaal.klik("Team maken")
    assert "Team bewerken" in portaal.tekst()
    portaal.d.find_element(By.ID, "reg-WOZ").click()
    portaal.klik("Opslaan")
    assert "Belastingen en WOZ" in portaal.tekst() and "WOZ" in portaal.tekst()
    portaal.d.set_window_size(390, 844)
    portaal.open("/beheer/teams")
    portaal.d.set_window_size(1280, 1000)


def test_beheer_contactgegevens(portaal):
    """The meldpunt's contact details page: the current ones filled in, a wrong phone number said
    next to its field (not saved: the other tests read the footer)."""
    portaal.login("systeem@demo.meldpunt.nl")
    portaal.open("/beheer/contactgegevens")
    assert portaal.d.find_element(By.ID, "contactTelefoon").get_attribute("value") == "0800 123 45 67"
    portaal.veld("contactTelefoon", "bel ons maar")
    portaal.klik("Opslaan")
    assert "Geef een telefoonnummer met cijfers" in portaal.tekst()
    assert portaal.d.find_element(By.ID, "contactTelefoon").get_attribute("value") == "bel ons maar"
    portaal.d.set_window_size(390, 844)
    portaal.open("/beheer/contactgegevens")
    portaal.d.set_window_size(1280, 1000)
