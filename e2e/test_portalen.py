"""The terugmeld flow in a real browser, every page checked with axe-core."""
import base64
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from conftest import BASIS, api

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
    for rol in ("afnemer", "bijhouder", "rni", "meldpunt", "partner", "beheer", "systeem"):
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
    portaal.veld("gemeentecode", "0599 Rotterdam")                 # the same gemeente picker as the wizard
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


def test_afnemer_doet_terugmelding_met_bijlage(portaal, tmp_path):
    eigen = uuid.uuid4().hex[:8]
    bestand = tmp_path / "aangifte.jpg"
    bestand.write_bytes(JPEG)

    portaal.login("afnemer@demo.meldpunt.nl")
    portaal.open("/terugmeldingen")
    portaal.klik("Nieuwe terugmelding")
    portaal.klik("Volgende stap")                                   # nothing chosen: error shown
    assert "Er is iets niet goed ingevuld" in portaal.tekst()
    portaal.veld("gemeente", "0363 Amsterdam")
    portaal.klik("Volgende stap")
    portaal.veld("bsn", "123456789")                                # fails the elfproef
    portaal.klik("Volgende stap")
    assert "Dit BSN bestaat niet" in portaal.tekst()
    portaal.veld("bsn", "999993653")
    portaal.klik("Volgende stap")
    Select(portaal.d.find_element(By.ID, "gegevens_0_attribuut")).select_by_visible_text("Huisnummer")
    portaal.veld("gegevens_0_betwijfeld", "23")
    portaal.veld("gegevens_0_voorgesteld", "21")
    portaal.klik("Nog een gegeven toevoegen")
    Select(portaal.d.find_element(By.ID, "gegevens_1_attribuut")).select_by_visible_text("Postcode")
    portaal.veld("gegevens_1_betwijfeld", "1011AB")
    portaal.klik("Volgende stap")
    portaal.veld("toelichting", "Volgens de aangifte inkomstenbelasting woont betrokkene op nummer 21.")
    portaal.veld("kenmerk", f"WIZ-{eigen}")
    portaal.d.find_element(By.ID, "bijlage").send_keys(str(bestand))
    portaal.klik("Bestand toevoegen")
    assert "aangifte.jpg" in portaal.tekst()
    # Enter in a text field means "next step", never "remove attachment".
    portaal.d.find_element(By.ID, "kenmerk").send_keys(Keys.ENTER)
    portaal.controleer()
    assert "Amsterdam (0363)" in portaal.tekst() and "BSN 999993653" in portaal.tekst() and "aangifte.jpg" in portaal.tekst()
    portaal.klik("Vorige stap")
    portaal.klik("Vorige stap")                                     # back and forth loses nothing
    assert portaal.d.find_element(By.ID, "gegevens_1_betwijfeld").get_attribute("value") == "1011AB"
    portaal.klik("Volgende stap")
    assert "aangifte.jpg" in portaal.tekst()
    portaal.klik("Volgende stap")
    portaal.klik("Terugmelding verzenden")
    assert "Uw terugmelding is verzonden." in portaal.tekst()
    assert "aangifte.jpg" in portaal.tekst()
    portaal.logout()

    portaal.login("bijhouder@demo.meldpunt.nl")
    portaal.open("/terugmeldingen")
    assert f"WIZ-{eigen}" in portaal.tekst()


def test_bijhouder_zoekt_filtert_en_werkt_in_bulk(portaal):
    eigen = uuid.uuid4().hex[:8]
    refs = [meld(f"BULK-{eigen}-{i}") for i in range(3)]
    portaal.login("bijhouder@demo.meldpunt.nl")
    portaal.open("/terugmeldingen")
    portaal.veld("persoon", "999993653")
    portaal.klik("Zoeken")
    assert "Zoekresultaat" in portaal.tekst() and "999993653" not in portaal.d.current_url
    portaal.veld("persoon", "123")
    portaal.klik("Zoeken")
    assert "Er is iets niet goed ingevuld" in portaal.tekst()
    portaal.open(f"/terugmeldingen?map=nieuw&kenmerk=BULK-{eigen}-0")
    assert f"BULK-{eigen}-0" in portaal.tekst() and f"BULK-{eigen}-1" not in portaal.tekst()
    portaal.open("/terugmeldingen?map=nieuw")
    for ref in refs[:2]:
        portaal.d.find_element(By.CSS_SELECTOR, f"input[value='{ref}']").click()
    portaal.d.find_element(By.ID, "bulk-inbehandeling").click()
    portaal.klik("Uitvoeren voor de gekozen terugmeldingen")
    assert "Resultaat" in portaal.tekst()
    assert api(f"/terugmeldingen/{refs[0]}", "mpk_demo_amsterdam")["status"] == "In behandeling"
    assert api(f"/terugmeldingen/{refs[2]}", "mpk_demo_amsterdam")["status"] == "Gemeld"


def test_statistieken_instellingen_en_beheer(portaal):
    meld(f"STAT-{uuid.uuid4().hex[:6]}")
    portaal.login("bijhouder@demo.meldpunt.nl")
    portaal.klik("Statistieken")
    assert "Binnen de termijn (5 werkdagen) in behandeling genomen" in portaal.tekst()
    portaal.klik("Instellingen")
    portaal.veld("meldingEmail", "geen adres")
    portaal.klik("Opslaan")
    assert "Er is iets niet goed ingevuld" in portaal.tekst()
    portaal.veld("meldingEmail", "brp@amsterdam.example")
    portaal.klik("Opslaan")
    assert "De instellingen zijn opgeslagen." in portaal.tekst()
    portaal.logout()

    portaal.login("systeem@demo.meldpunt.nl")
    portaal.klik("Beheer")
    portaal.veld("zoek", "Amsterdam")
    portaal.klik("Zoeken")
    portaal.klik("Gemeente Amsterdam")
    portaal.klik("Nieuwe API-sleutel maken")
    sleutel = portaal.d.find_element(By.ID, "eenmalig").text
    assert sleutel.startswith("mpk_")
    assert api("/terugmeldingen", sleutel) is not None
    portaal.open("/rni/bestaat-niet")


def test_melder_ziet_de_status_van_zijn_melding(portaal):
    melding = {
        "melderType": "burger",
        "melder": {"naam": "Suzanne Moulin", "email": "s.moulin@example.nl"},
        "organisatieAlBenaderd": True, "bezwaarOfBeroepLoopt": False,
        "registraties": ["BRP"], "betrokkenOrganisaties": ["Gemeente Rotterdam"],
        "watIsFout": "Ik sta op een oud adres ingeschreven.",
        "toestemming": {"gegeven": True, "tekstVersie": "2026-11-1"},
    }
    ontvangen = api("/meldingen", "mpk_demo_uwv", melding)
    portaal.open(ontvangen["statuspagina"])
    assert ontvangen["zaaknummer"] in portaal.tekst()
    assert "We hebben uw melding ontvangen." in portaal.tekst()
    portaal.klik("English")
    assert "We have received your report." in portaal.tekst()
    portaal.klik("Nederlands")
    portaal.klik("Versturen")                                       # empty message: error next to the field
    assert "Er is iets niet goed ingevuld" in portaal.tekst()
    portaal.veld("bericht", "Ik heb nog een brief van de gemeente gevonden.")
    portaal.klik("Versturen")
    assert "Uw bericht is verstuurd." in portaal.tekst()
    portaal.klik("Toestemming intrekken")
    assert "wissen wij uw persoonsgegevens" in portaal.tekst()
    portaal.klik("Ja, trek mijn toestemming in")
    assert "Uw melding is afgerond." in portaal.tekst()
    portaal.open("/status/" + "x" * 43)
    assert "niet (meer) geldig" in portaal.tekst()


def meld_via_formulier(portaal, tmp_path):
    """A citizen files a melding with an attachment through /melden, page by page; returns the case number and status link."""
    bestand = tmp_path / "brief-toeslagen.pdf"
    bestand.write_bytes(b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
    portaal.open("/")
    portaal.klik("Een fout melden")
    portaal.klik("Verder")                                          # unanswered: errors shown
    assert "Er is iets niet goed ingevuld" in portaal.tekst()
    Select(portaal.d.find_element(By.ID, "registratie")).select_by_value("BRP")
    portaal.d.find_element(By.ID, "alBenaderdNee").click()
    portaal.d.find_element(By.ID, "bezwaarNee").click()
    portaal.klik("Verder")
    assert "De gemeente waar u woont" in portaal.tekst()            # who holds the data, in plain words
    portaal.veld("redenNietBenaderd", "De gemeente reageert niet op mijn brieven.")
    portaal.klik("Verder met melden")
    portaal.klik("Verder")                                          # who reports: unanswered, error
    assert "Kies wie meldt." in portaal.tekst()
    portaal.d.find_element(By.ID, "melderTypeburger").click()
    portaal.klik("Verder")
    assert "Stap 2 van 6" in portaal.tekst() and "KvK" not in portaal.tekst()
    portaal.veld("watIsFout", "Ik sta op een oud adres ingeschreven; mijn huurtoeslag is gestopt.")
    portaal.klik("Verder")
    portaal.veld("betrokkenOrganisaties", "Gemeente Rotterdam\nBelastingdienst/Toeslagen")
    Select(portaal.d.find_element(By.ID, "gevolgSoort1")).select_by_value("stopgezetteToeslag")
    portaal.klik("Nog een gevolg toevoegen")
    Select(portaal.d.find_element(By.ID, "gevolgSoort2")).select_by_value("terugvordering")
    portaal.veld("gevolgOrganisatie2", "UWV")
    portaal.klik("Verder")
    portaal.veld("naam", "Suzanne Moulin")
    portaal.veld("email", "s.moulin@example.nl")
    portaal.klik("Verder")
    portaal.d.find_element(By.ID, "bijlage").send_keys(str(bestand))
    portaal.klik("Verder")
    assert "Kijk uw melding na" in portaal.tekst() and "brief-toeslagen.pdf" in portaal.tekst()
    assert "Ik moet geld terugbetalen · UWV" in portaal.tekst()
    portaal.klik("Melding versturen")                               # no consent yet: refused, upload kept
    assert "Zonder uw toestemming" in portaal.tekst()
    assert "brief-toeslagen.pdf" in portaal.tekst()
    portaal.d.find_element(By.ID, "toestemming").click()
    portaal.klik("Melding versturen")
    assert "Uw melding is ontvangen" in portaal.tekst() and "Wij hebben u ook een e-mail gestuurd" in portaal.tekst()
    zaaknummer = portaal.d.find_element(By.TAG_NAME, "strong").text
    portaal.klik("Bekijk uw melding")
    return zaaknummer, portaal.d.current_url.replace(BASIS, "")


def test_melden_terug_en_herladen_verliezen_niets(portaal):
    """Back and reload on every page of the citizen form: the page as it was filled in, never a
    "Confirm Form Resubmission", never "this page does not exist"; a bookmark of a step works."""
    portaal.open("/melden")
    Select(portaal.d.find_element(By.ID, "registratie")).select_by_value("HR")
    portaal.d.find_element(By.ID, "alBenaderdJa").click()
    portaal.d.find_element(By.ID, "bezwaarNee").click()
    portaal.klik("Verder")
    assert portaal.d.current_url.endswith("/melden/wie")
    portaal.d.find_element(By.ID, "melderTypeburger").click()
    portaal.klik("Verder")
    assert portaal.d.current_url.endswith("/melden/wat")
    # The KVK named at the start stays ticked for a citizen.
    assert portaal.d.find_element(By.ID, "registratieHR").is_selected()
    portaal.veld("watIsFout", "Mijn eenmanszaak staat nog op een oud adres.")
    portaal.klik("Verder")
    assert portaal.d.current_url.endswith("/melden/gevolgen")
    portaal.veld("betrokkenOrganisaties", "KVK")
    portaal.klik("Verder")
    assert portaal.d.current_url.endswith("/melden/contact")

    portaal.d.back()                                               # the browser's Back button
    assert portaal.d.current_url.endswith("/melden/gevolgen")
    assert portaal.d.find_element(By.ID, "betrokkenOrganisaties").get_attribute("value") == "KVK"
    portaal.d.back()
    assert portaal.d.find_element(By.ID, "watIsFout").get_attribute("value") == "Mijn eenmanszaak staat nog op een oud adres."
    portaal.d.refresh()                                            # reload: the same page, nothing asked
    assert "Wat is er fout?" in portaal.tekst() and "bestaat niet" not in portaal.tekst()
    assert portaal.d.find_element(By.ID, "watIsFout").get_attribute("value") == "Mijn eenmanszaak staat nog op een oud adres."
    portaal.d.back()
    portaal.d.back()                                               # to the questions: answered as before
    assert portaal.d.find_element(By.ID, "alBenaderdJa").is_selected()
    assert "U was al bezig met een melding" in portaal.tekst()
    portaal.open("/melden/contact")                                # a bookmark of a step
    assert "Hoe kunnen we u bereiken?" in portaal.tekst()
    portaal.veld("naam", "Jan Jansen")
    portaal.klik("Verder")                                          # no e-mail or phone: an error, typed text kept
    assert "Er is iets niet goed ingevuld" in portaal.tekst()
    assert portaal.d.current_url.endswith("/melden/contact")          # errors too come after a redirect
    portaal.d.refresh()
    assert "Er is iets niet goed ingevuld" in portaal.tekst()
    assert portaal.d.find_element(By.ID, "naam").get_attribute("value") == "Jan Jansen"
    portaal.klik("Stoppen en wissen")
    assert "Wat u had ingevuld, is gewist." in portaal.tekst()
    portaal.open("/melden/wat")
    assert portaal.d.current_url.endswith("/melden")


def test_bezwaar_dat_loopt_krijgt_hulp_en_een_weg_terug(portaal):
    portaal.open("/melden")
    portaal.d.find_element(By.ID, "alBenaderdJa").click()
    portaal.d.find_element(By.ID, "bezwaarJa").click()
    portaal.klik("Verder")
    assert "Juridisch Loket" in portaal.tekst() and "0800 8020" in portaal.tekst()
    portaal.klik("Pas uw antwoord aan")
    portaal.d.find_element(By.ID, "bezwaarAfgerond").click()
    portaal.klik("Verder")
    assert "Voor wie meldt u?" in portaal.tekst()


def test_burger_meldt_met_bijlage_en_volgt_de_status(portaal, tmp_path):
    zaaknummer, _ = meld_via_formulier(portaal, tmp_path)
    assert zaaknummer in portaal.tekst() and "We hebben uw melding ontvangen." in portaal.tekst()


def test_meldpunt_behandelt_een_melding_en_de_melder_ziet_elke_stap(portaal, tmp_path):
    zaaknummer, status = meld_via_formulier(portaal, tmp_path)
    assert "Mijn toeslag is gestopt" in portaal.tekst() and "Wordt nog hersteld" in portaal.tekst()
    portaal.d.find_element(By.ID, "bijlage").send_keys(str(tmp_path / "brief-toeslagen.pdf"))
    portaal.klik("Bestand versturen")
    assert "Uw bestand is verstuurd." in portaal.tekst()

    portaal.login("meldpunt@demo.meldpunt.nl")
    portaal.klik("Werkvoorraad")
    assert zaaknummer in portaal.tekst() and "Suzanne Moulin" in portaal.tekst()
    portaal.klik(zaaknummer)
    assert "brief-toeslagen.pdf" in portaal.tekst()
    portaal.klik("Contact vastleggen")                              # the task's own page
    portaal.klik("Contact vastleggen")                              # no summary: error next to the field
    assert "Vat samen wat er besproken is." in portaal.tekst()
    Select(portaal.d.find_element(By.ID, "contactKanaal")).select_by_value("telefoon")
    portaal.veld("contactSamenvatting", "Gebeld. Mevrouw woont sinds maart in Utrecht; Rotterdam heeft de verhuizing niet verwerkt.")
    portaal.klik("Contact vastleggen")
    assert "Het contact is vastgelegd." in portaal.tekst()

    portaal.klik("Analyse")
    portaal.veld("analyseOorsprongOrganisatie", "Gemeente Rotterdam")
    portaal.veld("analyseOorsprongRegistratie", "BRP")
    portaal.veld("analyseGeraakteOrganisaties", "Belastingdienst/Toeslagen")
    portaal.veld("analyseGeraakteRegistraties", "BRI")
    portaal.d.find_element(By.ID, "complexiteit-midden").click()
    portaal.klik("Analyse vastleggen")
    assert "Voorgestelde rol: Coördinerend" in portaal.tekst()
    portaal.klik("Rol kiezen")
    portaal.klik("Rol kiezen")
    assert "De rol is gekozen." in portaal.tekst()
    portaal.veld("berichtTekst", "We hebben de gemeente Rotterdam gevraagd uw adres te herstellen.")
    portaal.klik("Bericht versturen")
    assert "We hebben de gemeente Rotterdam gevraagd" in portaal.tekst()   # among the latest messages
    portaal.klik("Volgende stap voor de melder")
    portaal.veld("stapTekst", "We bellen u als de gemeente heeft geantwoord.")
    portaal.d.execute_script("document.getElementById('stapDatum').value = '2099-12-31'")
    portaal.klik("Volgende stap opslaan")
    assert "De volgende stap is opgeslagen." in portaal.tekst()

    portaal.open(status)                                            # the melder sees it
    tekst = portaal.tekst()
    assert "We brengen de organisaties bij elkaar" in tekst
    assert "We hebben de gemeente Rotterdam gevraagd uw adres te herstellen." in tekst
    assert "We bellen u als de gemeente heeft geantwoord." in tekst and "31 december 2099" in tekst

    # The consequence the melder named is followed to its repair; "solved" waits for it.
    portaal.open("/meldingen/" + zaaknummer)
    nummers = [a.text.split()[-1] for a in portaal.d.find_elements(By.PARTIAL_LINK_TEXT, "Herstel bijwerken: gevolg")]
    assert nummers
    for n in nummers:
        portaal.klik("Herstel bijwerken: gevolg " + n)
        portaal.d.find_element(By.ID, "status-hersteld").click()
        portaal.klik("Opslaan")
        assert "Het herstel van het gevolg is vastgelegd." in portaal.tekst()

    # Closing goes through a check page.
    portaal.klik("Melding sluiten")
    Select(portaal.d.find_element(By.ID, "sluitenUitkomst")).select_by_value("opgelost")
    portaal.veld("sluitenSamenvatting", "Rotterdam heeft uw adres hersteld. De Belastingdienst betaalt uw huurtoeslag weer uit.")
    portaal.klik("Verder naar controle")
    assert "Controleer en sluit de melding" in portaal.tekst() and "Opgelost" in portaal.tekst()
    portaal.klik("Melding sluiten")
    assert "De melding is gesloten." in portaal.tekst()
    portaal.logout()

    portaal.open(status)
    assert "Rotterdam heeft uw adres hersteld." in portaal.tekst() and "Opgelost" in portaal.tekst()
    assert "Wat u ons stuurde" in portaal.tekst() and "brief-toeslagen.pdf" in portaal.tekst()
    portaal.d.find_element(By.ID, "cijfer-5").click()
    portaal.veld("opmerking", "Snel en persoonlijk geholpen.")
    portaal.klik("Beoordeling versturen")
    assert "Dank u wel voor uw beoordeling." in portaal.tekst()
    portaal.veld("bericht", "Dank u. Moet ik de brief van de Belastingdienst nog bewaren?")   # writing after closing
    portaal.klik("Versturen")
    assert "Uw bericht is verstuurd." in portaal.tekst()


def test_twee_partners_correctie_via_terugmelding_opschorting_en_escalatie(portaal):
    """The demo case being coordinated: UWV's suspension request is overdue. Staff escalate it,
    file a terugmelding to Amsterdam that corrects the BRP, UWV confirms the suspension, and the
    melder sees both organisations and what is on hold."""
    portaal.login("meldpunt@demo.meldpunt.nl")
    portaal.klik("Werkvoorraad")
    portaal.klik("Verzoek te laat")
    assert "verzoek te laat" in portaal.tekst()
    rij = portaal.d.find_element(By.XPATH, "//tr[contains(., 'Suzanne Moulin')]//a")
    zaaknummer = rij.text
    rij.click()
    portaal.controleer()
    assert "Coördinatie met organisaties" in portaal.tekst() and "UWV (demo)" in portaal.tekst()
    portaal.d.find_element(By.XPATH, "//table//a[normalize-space()='UWV (demo)']").click()
    portaal.controleer()
    assert "Te laat" in portaal.tekst() or "te laat" in portaal.tekst()
    # Escalating is decided together (intentieverklaring 11): staff propose, UWV agrees.
    portaal.klik("Voorstellen één niveau hoger te escaleren")       # the task's own page
    portaal.klik("Voorstel versturen")                              # no reason: error next to the field
    assert "Geef de reden." in portaal.tekst()
    portaal.veld("escalerenReden", "Geen reactie na de afgesproken datum; de vordering loopt door.")
    portaal.klik("Voorstel versturen")
    assert "Uw voorstel om te escaleren is verstuurd." in portaal.tekst()
    verzoek = portaal.d.current_url.split("/verzoeken/")[1].split("?")[0]
    portaal.logout()
    portaal.login("partner@demo.meldpunt.nl")
    portaal.open("/verzoeken/" + verzoek)
    assert "Voorstel om te escaleren" in portaal.tekst()
    portaal.klik("Akkoord: één niveau hoger escaleren")
    portaal.veld("escalerenReden", "Eens: het operationele team heeft geen mandaat voor dit bedrag.")
    portaal.klik("Akkoord, escaleren")
    assert "Het verzoek is geëscaleerd." in portaal.tekst()
    portaal.logout()
    portaal.login("meldpunt@demo.meldpunt.nl")
    portaal.open("/meldingen/" + zaaknummer + "/verzoeken/" + verzoek)
    assert "Tactisch" in portaal.tekst() and "Tessa de Wit" in portaal.tekst()

    # A terugmelding to the gemeente van bijhouding, from the case: the person's BSN is filled in.
    portaal.open("/meldingen/" + zaaknummer)
    portaal.klik("Terugmelden aan de bronhouder (BRP)")
    assert portaal.d.find_element(By.ID, "tmBsn").get_attribute("value") == "999993653"
    portaal.klik("Terugmelding versturen")                          # incomplete: errors next to the fields
    assert "Er is iets niet goed ingevuld" in portaal.tekst()
    portaal.veld("tmGemeentecode", "0363 Amsterdam")
    portaal.veld("tmBsn", "999993653")
    Select(portaal.d.find_element(By.ID, "tmGegeven")).select_by_index(1)
    portaal.veld("tmBetwijfeld", "Rotterdam")
    portaal.veld("tmVoorgesteld", "Utrecht")
    portaal.veld("tmToelichting", "Mevrouw woont sinds maart in Utrecht; de verhuizing is niet verwerkt.")
    portaal.klik("Terugmelding versturen")
    assert "De terugmelding is verstuurd" in portaal.tekst()
    assert "Gemeente Amsterdam" in portaal.tekst() and "Gemeld" in portaal.tekst()
    portaal.logout()

    # Amsterdam handles the terugmelding in its own inbox; the correctie request follows.
    ref = next(v["terugmelding"]["id"] for v in api("/meldingen/" + zaaknummer, "mpk_demo_meldpunt")["verzoeken"] if v.get("terugmelding"))
    portaal.login("bijhouder@demo.meldpunt.nl")
    portaal.open(f"/terugmeldingen/{ref}")
    portaal.formulier_knop(f"{ref}/status", "In behandeling nemen")
    Select(portaal.d.find_element(By.ID, "uitkomst")).select_by_value("verbeterd")
    portaal.veld("toelichting", "Adres gecorrigeerd naar Utrecht.")
    portaal.formulier_knop(f"{ref}/status", "Afhandelen")
    assert "Afgehandeld" in portaal.tekst()
    portaal.logout()

    # UWV's contact person sees only what was shared, accepts and confirms the suspension.
    portaal.login("partner@demo.meldpunt.nl")
    portaal.klik("Verzoeken")
    portaal.klik(zaaknummer)
    tekst = portaal.tekst()
    assert "UWV vordert daarom mijn WW terug" in tekst and "Suzanne Moulin" not in tekst and "s.moulin@example.nl" not in tekst
    portaal.klik("Verzoek afwijzen")
    portaal.klik("Afwijzen")                                        # declining needs a reason
    assert "Leg uit waarom u het verzoek afwijst." in portaal.tekst()
    portaal.klik("Terug naar het verzoek")
    portaal.klik("Verzoek accepteren")
    portaal.klik("Accepteren")
    assert "U heeft het verzoek geaccepteerd." in portaal.tekst()
    portaal.klik("Opschorting bevestigen")
    portaal.d.execute_script("document.getElementById('uitvoerenOpgeschortTot').value = '2099-03-01'")
    portaal.klik("Bevestigen")
    assert "Het Meldpunt weet nu dat het gedaan is." in portaal.tekst()
    portaal.logout()

    # Staff see both requests done, the suspension overall, and give the melder a new link.
    portaal.login("meldpunt@demo.meldpunt.nl")
    portaal.open("/meldingen/" + zaaknummer)
    tekst = portaal.tekst()
    assert "Verzoek geëscaleerd" in tekst and "Terugmelding gewijzigd" in tekst
    assert tekst.count("Uitgevoerd") >= 2
    portaal.klik("Opschortingen")
    assert zaaknummer in portaal.tekst() and "UWV-TV-2026-118" in portaal.tekst()
    portaal.open("/meldingen/" + zaaknummer)
    portaal.klik("Nieuwe link voor de melder")
    link = portaal.d.find_element(By.ID, "eenmalig").text
    portaal.logout()

    portaal.d.get(link)
    portaal.controleer()
    tekst = portaal.tekst()
    assert "UWV (demo)" in tekst and "Gemeente Amsterdam" in tekst
    assert "UWV (demo) wacht met de terugvordering tot 1 maart 2099." in tekst
    assert "Stilgezet zolang we aan een oplossing werken" in tekst


def totp(sleutel, stap):
    """RFC 6238 as the user's authenticator app computes it."""
    import hashlib
    import hmac
    import struct
    geheim = base64.b32decode(sleutel.replace(" ", "") + "=" * (-len(sleutel.replace(" ", "")) % 8))
    mac = hmac.new(geheim, struct.pack(">Q", stap), hashlib.sha1).digest()
    o = mac[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", mac[o:o + 4])[0] & 0x7FFFFFFF) % 1_000_000)


def test_nieuwe_medewerker_kiest_wachtwoord_en_stelt_tweestaps_in(portaal):
    import time
    email = f"nina-{uuid.uuid4().hex[:6]}@meldpunt.example"
    # Beheer adds the user; the first password is shown once.
    portaal.login("beheer@demo.meldpunt.nl")
    portaal.klik("Beheer")
    portaal.veld("gebruiker-naam", "Nina Nieuw")
    portaal.veld("gebruiker-email", email)
    Select(portaal.d.find_element(By.ID, "gebruiker-rol")).select_by_value("meldpunt")
    portaal.klik("Toevoegen")
    eerste = portaal.d.find_element(By.ID, "eenmalig").text
    portaal.logout()

    # The first login: choose an own password, then set up the second factor.
    portaal.open("/inloggen")
    portaal.veld("email", email)
    portaal.veld("wachtwoord", eerste)
    portaal.d.find_element(By.CSS_SELECTOR, "form[action='/inloggen'] button[type=submit]").click()
    portaal.controleer()
    assert "Kies een eigen wachtwoord" in portaal.tekst()
    portaal.veld("nieuw", "kort")
    portaal.veld("herhaal", "kort")
    portaal.klik("Wachtwoord opslaan")
    assert "Nieuw wachtwoord: Gebruik ten minste 12 tekens." in portaal.tekst()
    portaal.veld("nieuw", "een zin die alleen ik ken")
    portaal.veld("herhaal", "een zin die alleen ik ken")
    portaal.klik("Wachtwoord opslaan")
    assert "Tweestapsverificatie instellen" in portaal.tekst()
    sleutel = portaal.d.find_element(By.ID, "tweestaps-sleutel").text
    portaal.veld("code", "000000")
    portaal.klik("Tweestapsverificatie aanzetten")
    assert "Code: Deze code klopt niet" in portaal.tekst()
    sleutel = portaal.d.find_element(By.ID, "tweestaps-sleutel").text
    portaal.veld("code", totp(sleutel, int(time.time()) // 30))
    portaal.klik("Tweestapsverificatie aanzetten")
    codes = [c.text for c in portaal.d.find_elements(By.CSS_SELECTOR, ".herstelcodes code")]
    assert len(codes) == 10
    portaal.klik("Verder")
    assert "Uitloggen" in portaal.tekst()
    portaal.logout()

    # The next login asks for the code; a recovery code works once.
    portaal.open("/inloggen")
    portaal.veld("email", email)
    portaal.veld("wachtwoord", "een zin die alleen ik ken")
    portaal.d.find_element(By.CSS_SELECTOR, "form[action='/inloggen'] button[type=submit]").click()
    portaal.controleer()
    assert "Vul de code in" in portaal.tekst()
    portaal.veld("code", codes[0])
    portaal.formulier_knop("/inloggen/code", "Inloggen")
    assert "Uitloggen" in portaal.tekst()
    portaal.open("/account")
    assert "U heeft nog 9 ongebruikte herstelcodes." in portaal.tekst()
    portaal.logout()

    portaal.login("beheer@demo.meldpunt.nl")
    portaal.open("/beheer/audit")
    assert "Tweestapsverificatie aangezet" in portaal.tekst() and email in portaal.tekst()
    portaal.d.set_window_size(390, 844)
    portaal.open("/beheer/audit")
