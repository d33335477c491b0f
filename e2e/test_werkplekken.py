"""Pages designed around the work (issue 15): what fits on the first screen, how tall the citizen's
steps are, and what everyday tasks cost each role in clicks and page loads (written to
e2e/screenshots/taken.json for the record; the limits below are the ones the pages must keep)."""
import json
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import BASIS, SCHERMAFDRUKKEN, api

TAKEN = {}


def bewaar(naam, portaal, grens_klikken):
    TAKEN[naam] = {"klikken": portaal.klikken, "laadbeurten": portaal.laadbeurten}
    SCHERMAFDRUKKEN.mkdir(exist_ok=True)
    (SCHERMAFDRUKKEN / "taken.json").write_text(json.dumps(TAKEN, indent=1, ensure_ascii=False), encoding="utf-8")
    assert portaal.klikken <= grens_klikken, f"{naam}: {portaal.klikken} klikken"


def onderkant(portaal, css):
    """The bottom of the first visible element matching css, in CSS pixels from the top of the page."""
    return portaal.d.execute_script(
        "for (const e of document.querySelectorAll(arguments[0])) { const r = e.getBoundingClientRect();"
        " if (r.width > 0 && r.height > 0) return r.bottom + window.scrollY; } return null;", css)


def gecoordineerde_zaak():
    """The demo case being coordinated (a request to UWV)."""
    for z in api("/meldingen?pageSize=100", "mpk_demo_meldpunt"):
        d = api("/meldingen/" + z["zaaknummer"], "mpk_demo_meldpunt")
        if d["verzoeken"]:
            return z["zaaknummer"]
    raise AssertionError("geen gecoördineerde zaak in de demo")


def test_zaakpagina_past_op_het_eerste_scherm(portaal):
    """The case page of a coordinated case: summary, latest messages and the action menu on the
    first screen, at desktop and phone width."""
    zaak = gecoordineerde_zaak()
    portaal.login("meldpunt@demo.meldpunt.nl")
    for breedte, hoogte in ((1280, 800), (390, 844)):
        portaal.d.set_window_size(breedte, hoogte)
        portaal.open("/meldingen/" + zaak)
        scherm = portaal.d.execute_script("return window.innerHeight")
        # The newest message is the first of the list (on a phone the two newest are shown, shortened).
        for deel in ("dl.samenvatting", ".laatste-berichten h2", ".berichtenlijst li:first-child, .laatste-berichten p",
                     ".actiemenu-breed, .actiemenu-smal summary"):
            bodem = onderkant(portaal, deel)
            assert bodem is not None and bodem <= scherm, f"{breedte} px: {deel} eindigt op {bodem}, scherm {scherm}"
        portaal.d.save_screenshot(str(SCHERMAFDRUKKEN / f"zaak-eerste-scherm-{breedte}.png"))
    portaal.d.set_window_size(1280, 1000)


def test_geen_meldstap_hoger_dan_twee_telefoonschermen(portaal, tmp_path):
    """Every page of /melden at phone width, including one with errors, is at most two screens tall."""
    portaal.d.set_window_size(390, 844)
    scherm = portaal.d.execute_script("return window.innerHeight")
    hoogtes = {}

    def meet(naam):
        # The step itself, down to the end of the main content: the site-wide footer (the meldpunt's
        # phone number) is not part of the form's length.
        hoogtes[naam] = portaal.d.execute_script("const m = document.querySelector('main'); return Math.ceil(m.getBoundingClientRect().bottom + window.scrollY)")
        portaal.d.save_screenshot(str(SCHERMAFDRUKKEN / f"melden-390-{naam}.png"))

    portaal.open("/melden")
    meet("vragen")
    Select(portaal.d.find_element(By.ID, "registratie")).select_by_value("BRV")
    portaal.d.find_element(By.ID, "alBenaderdJa").click()
    portaal.d.find_element(By.ID, "bezwaarNee").click()
    portaal.klik("Verder")
    meet("wie")
    portaal.d.find_element(By.ID, "melderTypeburger").click()
    portaal.klik("Verder")
    portaal.klik("Verder")                                          # nothing filled in: every error at once
    assert portaal.tekst().count("Vul") + portaal.tekst().count("Noem") + portaal.tekst().count("Beschrijf") >= 2
    meet("wat-met-fouten")
    portaal.veld("watIsFout", "Mijn oude auto staat nog op mijn naam.")
    portaal.klik("Verder")
    portaal.veld("betrokkenOrganisaties", "RDW")
    meet("gevolgen")
    portaal.klik("Verder")
    meet("contact")
    portaal.veld("naam", "Jan Jansen")
    portaal.veld("email", "jan@example.nl")
    portaal.klik("Verder")
    meet("bijlagen")
    portaal.klik("Verder")
    meet("controle")
    portaal.d.set_window_size(1280, 1000)
    te_hoog = {k: v for k, v in hoogtes.items() if v > 2 * scherm}
    assert not te_hoog, f"hoger dan twee schermen ({2 * scherm} px): {te_hoog}"


def test_taak_meldpunt_eerste_contact_en_bericht(portaal):
    """Staff: record the first contact with a new melder and send a message."""
    portaal.tel_opnieuw()
    portaal.login("meldpunt@demo.meldpunt.nl")
    # "Eerst te doen" on the start page: the first case that waits for its first contact (an
    # overdue or due contact comes before news, however much news a weekend brought).
    eerste = next(li.find_element(By.TAG_NAME, "a") for li in portaal.d.find_elements(By.CSS_SELECTOR, ".startlijst li")
                  if "contact" in li.text.lower())
    zaak = eerste.text.split(" · ")[0]
    eerste.click()
    portaal.klikken += 1
    portaal.controleer()
    portaal.klik("Contact vastleggen")
    Select(portaal.d.find_element(By.ID, "contactKanaal")).select_by_value("telefoon")
    portaal.veld("contactSamenvatting", "Gebeld; afgesproken dat wij de RDW vragen de tenaamstelling na te kijken.")
    portaal.klik("Contact vastleggen")
    assert "Het contact is vastgelegd." in portaal.tekst()
    portaal.veld("berichtTekst", "Zoals besproken vragen wij de RDW om uw gegevens na te kijken.")
    portaal.klik("Bericht versturen")
    assert "Het bericht staat op de statuspagina van de melder." in portaal.tekst() and zaak in portaal.tekst()
    bewaar("meldpunt: eerste contact vastleggen en een bericht sturen", portaal, 5)
    portaal.logout()


def test_taak_meldpunt_zaak_vinden_op_deel_van_naam_of_woonplaats(portaal):
    """Staff: find a person's case by part of the name, and by a word from the description."""
    portaal.tel_opnieuw()
    portaal.login("meldpunt@demo.meldpunt.nl")
    portaal.klik("Werkvoorraad")
    portaal.veld("zoekterm", "moul")
    portaal.klik("Zoeken")
    assert "Suzanne Moulin" in portaal.tekst()
    portaal.d.find_element(By.XPATH, "//tr[contains(., 'Suzanne Moulin')]//td[1]/a").click()
    portaal.klikken += 1
    portaal.controleer()
    assert "Suzanne Moulin" in portaal.tekst()
    bewaar("meldpunt: zaak vinden op een deel van de naam", portaal, 4)
    portaal.tel_opnieuw()
    portaal.klik("Werkvoorraad")
    portaal.veld("zoekterm", "WW")                                  # a word from what the melder wrote
    portaal.klik("Zoeken")
    assert "Suzanne Moulin" in portaal.tekst()
    bewaar("meldpunt: zaken vinden op een woord uit de omschrijving", portaal, 2)
    portaal.logout()


def test_taak_partner_beantwoordt_verzoek(portaal):
    """Partner: answer a new request, from the start page."""
    zaak = gecoordineerde_zaak()
    uwv = api("/meldingen/" + zaak, "mpk_demo_meldpunt")["verzoeken"][0]["organisatie"]["oin"]
    api(f"/meldingen/{zaak}/verzoeken", "mpk_demo_meldpunt",
        {"organisatieOin": uwv, "soort": "informatie", "vraag": "Welk adres staat bij u geregistreerd?", "gedeeldeGegevens": ["omschrijving"]})
    portaal.tel_opnieuw()
    portaal.login("partner@demo.meldpunt.nl")
    assert "Wat vraagt nu uw aandacht" in portaal.tekst()
    portaal.d.find_element(By.CSS_SELECTOR, ".startlijst li a").click()
    portaal.klikken += 1
    portaal.controleer()
    portaal.veld("berichtTekst", "Wij kijken ernaar en laten het deze week weten.") if portaal.d.find_elements(By.ID, "berichtTekst") else None
    knoppen = [k for k in ("Accepteren", "Bericht sturen", "Versturen") if portaal.d.find_elements(By.XPATH, f"//button[normalize-space()='{k}']")]
    assert knoppen, portaal.tekst()[:400]
    portaal.klik(knoppen[0])
    bewaar("partner: een verzoek beantwoorden", portaal, 3)
    portaal.logout()


def test_taak_bijhouder_pakt_terugmelding_op(portaal):
    """Bijhouder: pick up the oldest new terugmelding, from the start page."""
    from test_portalen import meld
    meld("START-" + str(uuid.uuid4())[:8])
    portaal.tel_opnieuw()
    portaal.login("bijhouder@demo.meldpunt.nl")
    assert "nieuwe terugmeldingen" in portaal.tekst()
    portaal.d.find_element(By.CSS_SELECTOR, ".startlijst li a").click()
    portaal.klikken += 1
    portaal.controleer()
    portaal.klik("In behandeling nemen")
    assert "In behandeling" in portaal.tekst()
    bewaar("bijhouder: nieuwe terugmelding oppakken", portaal, 3)
    portaal.logout()


def test_taak_burger_meldt(portaal, tmp_path):
    """Citizen: report a mistake, from the home page to the confirmation."""
    portaal.tel_opnieuw()
    portaal.open("/")
    portaal.laadbeurten = 1
    portaal.klik("Een fout melden")
    Select(portaal.d.find_element(By.ID, "registratie")).select_by_value("BRV")
    portaal.d.find_element(By.ID, "alBenaderdJa").click()
    portaal.d.find_element(By.ID, "bezwaarNee").click()
    portaal.klik("Verder")
    portaal.d.find_element(By.ID, "melderTypeburger").click()
    portaal.klik("Verder")
    portaal.veld("watIsFout", "Mijn oude auto staat nog op mijn naam.")
    portaal.klik("Verder")
    portaal.veld("betrokkenOrganisaties", "RDW")
    Select(portaal.d.find_element(By.ID, "gevolgSoort1")).select_by_value("boete")
    portaal.klik("Verder")
    portaal.veld("naam", "Jan Jansen")
    portaal.veld("email", "jan@example.nl")
    portaal.klik("Verder")
    portaal.klik("Verder")
    portaal.d.find_element(By.ID, "toestemming").click()
    portaal.klik("Melding versturen")
    assert "Uw melding is ontvangen" in portaal.tekst()
    bewaar("burger: een fout melden", portaal, 9)


def test_lijsten_schuiven_niet_opzij_op_een_telefoon(portaal):
    """Issue 27: at 390 px the gemeente's inbox and the afnemer's list are a card per terugmelding,
    deadline and status in view; nothing scrolls sideways."""
    for email, pad in (("bijhouder@demo.meldpunt.nl", "/terugmeldingen?map=alle"), ("afnemer@demo.meldpunt.nl", "/terugmeldingen")):
        portaal.d.set_window_size(1280, 1000)
        portaal.login(email)
        portaal.d.set_window_size(390, 844)
        portaal.open(pad)
        breed = portaal.d.execute_script("return document.documentElement.scrollWidth")
        scherm = portaal.d.execute_script("return window.innerWidth")
        assert breed <= scherm, f"{pad} als {email}: {breed} px breed op een scherm van {scherm}"
        kolommen = {td.get_attribute("data-label") for td in portaal.d.find_elements(By.CSS_SELECTOR, "td[data-label]") if td.is_displayed()}
        assert {"Uiterlijk in behandeling", "Status"} <= kolommen, kolommen
        portaal.d.save_screenshot(str(SCHERMAFDRUKKEN / f"lijst-390-{email.split('@')[0]}.png"))
        portaal.logout()
    portaal.d.set_window_size(1280, 1000)


def test_werkplekken_schuiven_niet_opzij_op_een_telefoon(portaal):
    """At 390 px the werkvoorraad, the partner register and a partner's page, every case page of
    the first page of the werkvoorraad (its coordination table and what the melder sent), and the
    partner's own list: nothing scrolls sideways."""
    def past(pad, wie):
        portaal.open(pad)
        breed = portaal.d.execute_script("return document.documentElement.scrollWidth")
        scherm = portaal.d.execute_script("return window.innerWidth")
        assert breed <= scherm, f"{pad} als {wie}: {breed} px breed op een scherm van {scherm}"

    portaal.login("meldpunt@demo.meldpunt.nl")
    portaal.d.set_window_size(390, 844)
    portaal.open("/meldingen")
    zaken = [a.get_attribute("href").replace(BASIS, "") for a in portaal.d.find_elements(By.CSS_SELECTOR, "td.stapel-kop a")]
    portaal.open("/partners")
    partners = [a.get_attribute("href").replace(BASIS, "") for a in portaal.d.find_elements(By.CSS_SELECTOR, "td.stapel-kop a")]
    assert zaken and partners
    for pad in ["/meldingen", "/partners", "/verzoeken", "/signalen"] + zaken + partners[:3]:
        past(pad, "meldpunt")
    portaal.d.save_screenshot(str(SCHERMAFDRUKKEN / "partner-390-meldpunt.png"))
    portaal.d.set_window_size(1280, 1000)
    portaal.logout()
    portaal.login("partner@demo.meldpunt.nl")
    portaal.d.set_window_size(390, 844)
    past("/verzoeken", "partner")
    verzoeken = [a.get_attribute("href").replace(BASIS, "") for a in portaal.d.find_elements(By.CSS_SELECTOR, "td.stapel-kop a")]
    for pad in verzoeken[:3]:
        past(pad, "partner")
    portaal.d.set_window_size(1280, 1000)


def test_taakformulieren_terug_en_herladen(portaal):
    """Staff task forms: after a write the browser is on a GET page (POST → redirect → GET), so a
    reload writes nothing twice, and Back shows the task's form again (a GET, reloadable)."""
    portaal.login("meldpunt@demo.meldpunt.nl")
    portaal.open("/meldingen")
    zaak = portaal.d.find_element(By.CSS_SELECTOR, "td.stapel-kop a").get_attribute("href").replace(BASIS, "")
    portaal.open(zaak)
    notitie = f"Notitie {uuid.uuid4().hex[:8]} voor terug en herladen."
    portaal.klik("Interne notitie")
    portaal.veld("notitieTekst", notitie)
    portaal.klik("Notitie toevoegen")
    assert portaal.d.current_url.endswith(zaak + "?gedaan=notitie"), portaal.d.current_url
    assert portaal.tekst().count(notitie) == 1
    portaal.d.refresh()                                            # a GET: nothing sent again
    assert portaal.tekst().count(notitie) == 1
    portaal.d.back()                                               # the task's own page (a GET), its form there
    assert portaal.d.current_url.endswith(zaak + "/notitie")
    assert portaal.d.find_element(By.ID, "notitieTekst").is_displayed()
    portaal.d.refresh()
    assert "bestaat niet" not in portaal.tekst()
    portaal.open(zaak)
    assert portaal.tekst().count(notitie) == 1
