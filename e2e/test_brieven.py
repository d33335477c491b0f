"""Letters in the browser (issue 30): a melder without e-mail, taken by phone, asks for post; the
confirmation waits on the letters page; the PDF is read by poppler (a PDF reader nobody here wrote):
A4, the address inside the window-envelope field, the text in Dutch; then ticked as printed."""
import re
import subprocess
import tempfile
import urllib.request

from selenium.webdriver.common.by import By

from conftest import BASIS, SCHERMAFDRUKKEN, telefonische_melding

MM = 72 / 25.4


def _download(portaal, pad):
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in portaal.d.get_cookies())
    req = urllib.request.Request(BASIS + pad, headers={"Cookie": cookies})
    with urllib.request.urlopen(req, timeout=30) as r:
        assert r.headers["Content-Type"] == "application/pdf"
        return r.read()


def test_brief_voor_melder_zonder_email(portaal):
    portaal.login("meldpunt@demo.meldpunt.nl")
    portaal.klik("Werkvoorraad")
    portaal.klik("Melding vastleggen (telefoon, balie, brief)")
    tekst = telefonische_melding(portaal, "Truus Bakker", "06-11223344", "Mijn huisnummer staat verkeerd in de registratie.",
                                 adres=("Kerkstraat 12", "3512 AB", "Utrecht"), per_post=True)
    assert "De melder krijgt de bevestiging per brief" in tekst
    zaak = re.search(r"MFO-\d{4}-\d{6}", tekst).group(0)

    portaal.klik("Naar de melding")
    assert "Brieven aan de melder" in portaal.tekst() and "nog te printen" in portaal.tekst()
    portaal.klik("Werkvoorraad")
    portaal.klik("Brieven te printen")
    assert zaak in portaal.tekst()
    portaal.d.set_window_size(390, 900)
    portaal.controleer()
    portaal.d.set_window_size(1280, 1000)

    link = portaal.d.find_element(By.XPATH, f"//tr[.//a[normalize-space()='{zaak}']]//a[starts-with(normalize-space(), 'PDF')]").get_attribute("href")
    pdf = _download(portaal, link.replace(BASIS, ""))
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        info = subprocess.run(["pdfinfo", f.name], capture_output=True, text=True, check=True).stdout
        assert "595.28 x 841.89 pts (A4)" in info and re.search(r"Pages:\s+1\b", info), info
        assert "Title:" in info and "Wij hebben uw melding ontvangen" in info
        tekst = subprocess.run(["pdftotext", "-layout", f.name, "-"], capture_output=True, text=True, check=True).stdout
        for regel in ("Truus Bakker", "Kerkstraat 12", "Beste Truus Bakker,", zaak, "Met vriendelijke groet,"):
            assert regel in tekst, tekst
        assert re.search(r"3512 AB\s+UTRECHT", tekst), tekst
        assert "/status/" in tekst
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", f.name, str(SCHERMAFDRUKKEN / "brief")], check=True)
        # Where the words are: the address lines inside the window field (22 mm left, 50–80 mm down).
        bbox = subprocess.run(["pdftotext", "-bbox", f.name, "-"], capture_output=True, text=True, check=True).stdout
        for woord in ("Truus", "Kerkstraat", "3512"):
            m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">' + woord + "</word>", bbox)
            assert m, woord
            x_min, y_min, _, y_max = (float(g) for g in m.groups())
            assert abs(x_min - 22 * MM) < 1 and 50 * MM < y_min and y_max < 80 * MM, (woord, m.groups())

    vinkje = portaal.d.find_element(By.XPATH, f"//tr[.//a[normalize-space()='{zaak}']]//input[@type='checkbox']")
    assert vinkje.is_selected()
    portaal.klik("Aangevinkte brieven zijn geprint")
    assert "gemarkeerd als geprint" in portaal.tekst()
    assert zaak in portaal.d.find_element(By.XPATH, "//h2[normalize-space()='Geprint in de afgelopen 14 dagen']/following-sibling::ul").text


def test_contactgegevens_corrigeren(portaal):
    """Staff correct an address from the case page: the form shows what is there, a wrong postcode
    comes back next to its field, then the timeline says which fields changed."""
    portaal.login("meldpunt@demo.meldpunt.nl")
    portaal.klik("Werkvoorraad")
    portaal.d.find_element(By.XPATH, "//table//a[starts-with(normalize-space(), 'MFO-')]").click()
    portaal.controleer()
    portaal.klik("Contactgegevens van de melder corrigeren")
    portaal.veld("contactgegevensAdres", "Nieuwe Gracht 5")
    portaal.veld("contactgegevensPostcode", "35")
    portaal.veld("contactgegevensWoonplaats", "Utrecht")
    portaal.klik("Contactgegevens opslaan")
    assert "Postcode: Vul een postcode in zoals 1234 AB." in portaal.tekst()
    assert portaal.d.find_element(By.ID, "contactgegevensAdres").get_attribute("value") == "Nieuwe Gracht 5"
    portaal.d.set_window_size(390, 900)
    portaal.controleer()
    portaal.d.set_window_size(1280, 1000)
    portaal.veld("contactgegevensPostcode", "3512 JE")
    portaal.klik("Contactgegevens opslaan")
    tekst = portaal.tekst()
    assert "De contactgegevens zijn gecorrigeerd." in tekst and "Contactgegevens gecorrigeerd" in tekst
