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
