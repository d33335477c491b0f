"""The safety net in the browser (issue 29): the coordinator's workload page, the suspensions
with their folder of decisions still to take, the werkvoorraad by urgency with its overdue-step
folder, and the case page's days. Every page passes axe-core; the workload also at 390 px."""


def test_werklast_opschortingen_en_urgentie(portaal):
    portaal.login("meldpunt@demo.meldpunt.nl")
    portaal.klik("Werkvoorraad")
    portaal.klik("Werklast van het team")
    tekst = portaal.tekst()
    assert "Het hele team" in tekst and "Oudste (werkdagen)" in tekst
    portaal.d.set_window_size(390, 900)
    portaal.controleer()
    portaal.d.set_window_size(1280, 1000)

    portaal.open("/opschortingen?map=beslissen")
    assert "Te beslissen (0)" in portaal.tekst()

    portaal.open("/meldingen?map=open")
    assert "Wat het meest dringt voor de melder" in portaal.tekst()
    portaal.klik("Beloofde stap te laat")
    portaal.open("/meldingen?map=open")
    portaal.d.find_element("partial link text", "MFO-").click()
    portaal.controleer()
    assert "Aanvaardbare doorlooptijd tot" in portaal.tekst()
