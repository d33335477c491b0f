"""Intake by staff in the browser (issue 30): a melding taken by phone, refused by its fields first,
then recorded; the private link shown once with a text to read out; the case says how it came in.
Every page passes axe-core, the form also at 390 px."""
import re

from selenium.webdriver.common.by import By

from conftest import telefonische_melding


def test_telefonische_melding(portaal):
    portaal.login("meldpunt@demo.meldpunt.nl")
    portaal.klik("Werkvoorraad")
    portaal.klik("Melding vastleggen (telefoon, balie, brief)")
    portaal.d.set_window_size(390, 900)
    portaal.controleer()
    portaal.d.set_window_size(1280, 1000)
    portaal.klik("Melding vastleggen")
    tekst = portaal.tekst()
    assert "Hoe kwam de melding binnen?: Kies telefoon, balie of brief." in tekst
    assert "Wat klopt er niet, in de woorden van de melder?:" in tekst

    tekst = telefonische_melding(portaal, "Henk de Wit", "06-98765432", "Mijn adres is verkeerd overgenomen bij de verhuizing.")
    assert "Melding vastgelegd" in tekst and "Op deze pagina volgt u haar" in tekst
    zaak = re.search(r"MFO-\d{4}-\d{6}", tekst).group(0)
    portaal.klik("Naar de melding")
    assert zaak in portaal.tekst() and "Binnengekomen via" in portaal.tekst() and "Telefoon" in portaal.tekst()
