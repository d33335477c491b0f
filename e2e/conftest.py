"""Browser tests against a running Meldpunt in development mode (demo users and keys).

    MELDPUNT_E2E_URL=http://127.0.0.1:8080 pytest e2e

Drives Debian's chromium through chromium-driver, runs axe-core (WCAG 2.0/2.1 A and AA) on
every page it reaches and saves a screenshot of each under e2e/screenshots/.
"""
import importlib.util
import itertools
import json
import os
import pathlib
import re
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

BASIS = os.environ.get("MELDPUNT_E2E_URL", "http://127.0.0.1:8080").rstrip("/")
WACHTWOORD = "demo-wachtwoord-2026"
SCHERMAFDRUKKEN = pathlib.Path(__file__).parent / "screenshots"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VOLGNUMMER = itertools.count(1)


def _axe_bron():
    spec = importlib.util.find_spec("axe_playwright_python")
    pad = pathlib.Path(spec.submodule_search_locations[0]) / "axe.min.js"
    return pad.read_text(encoding="utf-8")


AXE = _axe_bron()

# Screenshots of this run only.
for _oud in SCHERMAFDRUKKEN.glob("*.png"):
    _oud.unlink()


class Portaal:
    """One browser session with helpers that check every page it shows."""

    def __init__(self, driver):
        self.d = driver
        self.teller = 0
        self.bezocht = []
        # A task's cost as its user pays it: clicks on links and buttons, and pages loaded.
        self.klikken = 0
        self.laadbeurten = 0

    def open(self, pad):
        self.d.get(BASIS + pad)
        return self.controleer()

    def controleer(self):
        """Screenshot and axe-core on the current page; fails on any violation."""
        self.teller = next(VOLGNUMMER)
        naam = re.sub(r"[^a-z0-9]+", "-", self.d.current_url.replace(BASIS, "").lower()).strip("-") or "home"
        SCHERMAFDRUKKEN.mkdir(exist_ok=True)
        self.d.save_screenshot(str(SCHERMAFDRUKKEN / f"{self.teller:03d}-{naam[:60]}.png"))
        self.d.execute_script(AXE)
        schendingen = self.d.execute_async_script(
            "const klaar = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: %s}})"
            ".then(r => klaar(r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))))"
            ".catch(e => klaar([{id: 'axe-fout', help: String(e), nodes: []}]));" % json.dumps(AXE_TAGS))
        self.bezocht.append(self.d.current_url)
        self.laadbeurten += 1
        assert schendingen == [], f"axe op {self.d.current_url}: {json.dumps(schendingen, indent=1)}"
        return self

    def tekst(self):
        return self.d.find_element(By.TAG_NAME, "body").text

    def veld(self, id_, waarde):
        el = self.d.find_element(By.ID, id_)
        el.clear()
        el.send_keys(waarde)

    def klik(self, tekst):
        """Clicks the button or link with exactly this visible text (a folder also with its count,
        "Ongelezen (2)"), then checks the new page."""
        for poging in range(2):
            for el in self.d.find_elements(By.XPATH, f"//button[normalize-space()='{tekst}' and not(@aria-hidden)] | //a[normalize-space()='{tekst}']"
                                                     f" | //a[starts-with(normalize-space(), '{tekst} (')]"):
                if el.is_displayed():
                    el.click()
                    self.klikken += 1
                    return self.controleer()
            # An action used now and then sits under "Meer acties" on a wide screen: open it, as a person would.
            meer = [m for m in self.d.find_elements(By.CSS_SELECTOR, "details.meer-acties:not([open]) > summary") if m.is_displayed()]
            if poging or not meer:
                break
            meer[0].click()
            self.klikken += 1
        raise AssertionError(f"geen knop of link '{tekst}' op {self.d.current_url}")

    def formulier_knop(self, actie_deel, tekst):
        """Submits the form whose action contains actie_deel with the button of this text."""
        knop = self.d.find_element(By.XPATH, f"//form[contains(@action, '{actie_deel}')]//button[normalize-space()='{tekst}']")
        knop.click()
        self.klikken += 1
        return self.controleer()

    def login(self, email):
        self.open("/inloggen")
        self.veld("email", email)
        self.veld("wachtwoord", WACHTWOORD)
        self.d.find_element(By.CSS_SELECTOR, "form[action='/inloggen'] button[type=submit]").click()
        self.klikken += 1
        self.controleer()
        assert "Uitloggen" in self.tekst() or "Log out" in self.tekst(), self.tekst()[:500]
        return self

    def tel_opnieuw(self):
        self.klikken = 0
        self.laadbeurten = 0

    def logout(self):
        self.d.find_element(By.CSS_SELECTOR, "form[action='/uitloggen'] button").click()
        return self.controleer()


@pytest.fixture
def portaal():
    opties = webdriver.ChromeOptions()
    opties.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=nl"):
        opties.add_argument(arg)
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=opties)
    driver.set_script_timeout(30)
    try:
        yield Portaal(driver)
    finally:
        driver.quit()


def telefonische_melding(portaal, naam, telefoon, wat_is_fout, adres=None, per_post=False):
    """Fills the staff's intake form as a phone call goes (issue 30) and sends it; returns the
    confirmation page's text. `adres`: (street, postcode, place)."""
    portaal.d.find_element(By.ID, "binnenkomst-telefoon").click()
    portaal.d.find_element(By.ID, "melderTypeburger").click()
    portaal.veld("naam", naam)
    portaal.veld("telefoon", telefoon)
    if adres:
        portaal.veld("adres", adres[0])
        portaal.veld("postcode", adres[1])
        portaal.veld("woonplaats", adres[2])
    if per_post:
        portaal.d.find_element(By.ID, "kanaalpost").click()
    portaal.d.find_element(By.ID, "registratieBRP").click()
    portaal.veld("watIsFout", wat_is_fout)
    portaal.veld("betrokkenOrganisaties", "Gemeente Utrecht")
    portaal.d.find_element(By.ID, "benaderd-ja").click()
    portaal.d.find_element(By.ID, "bezwaar-nee").click()
    Select(portaal.d.find_element(By.ID, "gevolgSoort1")).select_by_index(1)
    portaal.d.find_element(By.ID, "toestemming").click()
    portaal.klik("Melding vastleggen")
    return portaal.tekst()


def api(pad, sleutel, body=None):
    """Calls the JSON API (for setting up data the pages then show)."""
    req = urllib.request.Request(BASIS + "/api/v1" + pad, data=json.dumps(body).encode() if body else None,
                                 method="POST" if body else "GET",
                                 headers={"Authorization": f"Bearer {sleutel}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())
