"""The meldpunt's advice to organisations in the browser (issue 29, point 6): the partner reads the
demo advice and responds (refused by its field without a reason), asks the meldpunt for advice;
staff see the question in its folder, answer it, and give advice from a case. Every page passes
axe-core; the list is also looked at 390 px wide."""
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select


def test_advies_gevraagd_en_ongevraagd(portaal):
    portaal.login("partner@demo.meldpunt.nl")
    portaal.klik("Adviezen")
    assert "ADV-1" in portaal.tekst()
    portaal.d.find_element(By.LINK_TEXT, "ADV-1").click()
    portaal.controleer()
    assert "Stel de terugvordering uit" in portaal.tekst()
    portaal.d.find_element(By.ID, "reactie-nietOpgevolgd").click()
    portaal.klik("Reactie versturen")
    assert "Toelichting: Leg uit waarom uw organisatie het advies niet (helemaal) opvolgt." in portaal.tekst()
    portaal.veld("toelichting", "De terugvordering is al stilgezet via het verzoek om opschorting.")
    portaal.klik("Reactie versturen")
    assert "Uw reactie is verstuurd." in portaal.tekst()

    portaal.klik("Adviezen")
    portaal.klik("Advies vragen")
    portaal.d.find_element(By.ID, "onderwerp-stelsel").click()
    portaal.veld("vraag", "Hoe voorkomen wij dat een verhuizing pas maanden later in onze polisadministratie staat?")
    portaal.klik("Vraag versturen")
    assert "Uw vraag is verstuurd." in portaal.tekst()
    vraag = re.search(r"/adviezen/(\d+)", portaal.d.current_url).group(1)
    portaal.logout()

    portaal.login("meldpunt@demo.meldpunt.nl")
    portaal.klik("Adviezen")
    assert f"ADV-{vraag}" in portaal.tekst()
    portaal.d.find_element(By.LINK_TEXT, f"ADV-{vraag}").click()
    portaal.controleer()
    portaal.veld("advies", "Laat de gemeente een verhuizing via de BRP-berichten doorgeven; wij brengen u in contact met RvIG.")
    portaal.klik("Advies versturen")
    assert "Het advies is verstuurd." in portaal.tekst()

    portaal.open("/adviezen?map=alle")
    assert "Niet opgevolgd" in portaal.tekst()
    portaal.d.set_window_size(390, 900)
    portaal.controleer()
    portaal.d.set_window_size(1280, 1000)

    # Unasked, from a case: the case number comes along.
    portaal.klik("Werkvoorraad")
    portaal.d.find_element(By.PARTIAL_LINK_TEXT, "MFO-").click()
    portaal.controleer()
    portaal.klik("Advies geven aan een organisatie")
    assert re.match(r"MFO-\d{4}-\d{6}", portaal.d.find_element(By.ID, "zaaknummer").get_attribute("value"))
    portaal.klik("Advies versturen")
    assert "Aan welke organisatie?: Kies de organisatie die u adviseert." in portaal.tekst()
    Select(portaal.d.find_element(By.ID, "organisatieOin")).select_by_visible_text("UWV (demo)")
    portaal.d.find_element(By.ID, "onderwerp-oplossing").click()
    portaal.veld("advies", "Bereken het bedrag opnieuw zodra het adres klopt.")
    portaal.klik("Advies versturen")
    assert "Het advies is verstuurd." in portaal.tekst()
