"""The privacy statement and the register of processing activities (issue 32): reached from the
footer of a citizen page and from the consent text, in Dutch and English, axe-clean, and readable
on a phone."""
from selenium.webdriver.common.by import By


def test_privacyverklaring_en_register_in_beide_talen(portaal):
    portaal.open("/melden")
    portaal.klik("Privacy")
    assert "Privacyverklaring" in portaal.tekst() and "Toestemming intrekken" in portaal.tekst()
    assert "HMAC-SHA256" in portaal.tekst()
    portaal.klik("register van verwerkingsactiviteiten")
    tekst = portaal.tekst()
    for naam in ["Terugmeldingen behandelen", "Meldingen van burgers, bedrijven en organisaties behandelen", "In de BRP nagaan waar iemand staat ingeschreven"]:
        assert naam in tekst
    assert "Grondslag" in tekst and "Bewaartermijn" in tekst
    # Each activity's data: the address every processing record names.
    json_link = portaal.d.find_element(By.CSS_SELECTOR, "section#terugmelden a[href$='/api/v1/verwerkingsactiviteiten/terugmelden']")
    assert json_link.is_displayed()
    portaal.klik("English")
    assert "Register of processing activities" in portaal.tekst() and "Legal ground" in portaal.tekst()
    portaal.open("/privacy")
    assert "Privacy statement" in portaal.tekst() and "Withdraw consent" in portaal.tekst()
    # On a phone: nothing wider than the screen.
    portaal.d.set_window_size(390, 844)
    for pad in ["/privacy", "/privacy/verwerkingsactiviteiten"]:
        portaal.open(pad)
        breedte, scherm = portaal.d.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        assert breedte <= scherm, f"{pad}: {breedte} px breed op een scherm van {scherm} px"
    portaal.d.set_window_size(1280, 1000)
    portaal.klik("Nederlands")


def test_inzage_voor_de_melder_en_op_schriftelijk_verzoek(portaal):
    """A melder sees what is held about them from the status page; the privacy officer finds the
    same person by BSN on a written request, with every problem next to its field."""
    from conftest import api
    m = api("/meldingen", "mpk_demo_uwv", {
        "melderType": "burger", "melder": {"naam": "Petra Inzage", "email": "petra.inzage@example.nl", "bsn": "999990019"},
        "organisatieAlBenaderd": True, "bezwaarOfBeroepLoopt": False, "registraties": ["BRP"],
        "betrokkenOrganisaties": ["Gemeente Rotterdam"], "watIsFout": "Mijn adres klopt niet.",
        "toestemming": {"gegeven": True, "tekstVersie": "2026-11-1"}})
    portaal.open(m["statuspagina"])
    portaal.klik("Bekijk welke gegevens wij van u hebben en wie ze heeft gebruikt")
    tekst = portaal.tekst()
    assert "Uw gegevens bij Meldpunt" in tekst and "Petra Inzage" in tekst and "•••••0019" in tekst and "999990019" not in tekst
    assert "Wie uw gegevens gebruikte" in tekst and "melding ontvangen" in tekst
    assert portaal.d.find_element(By.PARTIAL_LINK_TEXT, "Download als bestand").get_attribute("href").endswith("/inzage.json")
    portaal.d.set_window_size(390, 844)
    portaal.controleer()
    breedte, scherm = portaal.d.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    assert breedte <= scherm, f"{breedte} px breed op een scherm van {scherm} px"
    portaal.d.set_window_size(1280, 1000)

    portaal.login("privacy@demo.meldpunt.nl")
    portaal.klik("Inzageverzoek beantwoorden")
    portaal.veld("bsn", "12345")
    portaal.klik("Gegevens opzoeken")
    assert "BSN: Een BSN heeft 9 cijfers" in portaal.tekst()
    assert portaal.d.find_element(By.ID, "bsn").get_attribute("value") == "12345"
    portaal.veld("bsn", "999990019")
    portaal.klik("Gegevens opzoeken")
    tekst = portaal.tekst()
    assert m["zaaknummer"] in tekst and "Petra Inzage" in tekst and "999990019" in tekst and "inzage gegeven" in tekst
    portaal.logout()


def test_bewaartermijnen_voor_de_systeembeheerder(portaal):
    """The retention periods in force and the last runs, for the systeembeheerder."""
    portaal.login("systeem@demo.meldpunt.nl")
    portaal.open("/beheer")
    portaal.klik("Bewaartermijnen")
    tekst = portaal.tekst()
    assert "Gesloten melding" in tekst and "1825" in tekst and "Laatste rondes" in tekst
    portaal.logout()
