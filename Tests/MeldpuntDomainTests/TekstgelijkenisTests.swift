import Testing
@testable import MeldpuntDomain

@Suite("Tekstgelijkenis: hoe zeer beschrijvingen op elkaar lijken")
struct TekstgelijkenisTests {
    @Test func stammenVanGewoneMeervoudenEnVervoegingen() {
        #expect(Tekstgelijkenis.stam("adressen") == Tekstgelijkenis.stam("adres"))
        #expect(Tekstgelijkenis.stam("verhuizingen") == Tekstgelijkenis.stam("verhuizing"))
        #expect(Tekstgelijkenis.stam("boetes") == Tekstgelijkenis.stam("boete"))
        #expect(Tekstgelijkenis.stam("bedragen") == Tekstgelijkenis.stam("bedrag"))
        #expect(Tekstgelijkenis.stam("rdw") == "rdw")
    }

    @Test func kernwoordenZonderLidwoordenHoofdlettersOfAccenten() {
        #expect(Tekstgelijkenis.kern("De boete van het CJIB ging naar mijn óúde adres!") == ["boet", "cjib", "ging", "oud", "adres"])
        #expect(Tekstgelijkenis.kern("en de het van").isEmpty)
    }

    @Test func gelijkenisIsJaccardVanDeKern() {
        let a = Tekstgelijkenis.kern("Boete naar oud adres gestuurd na verhuizing")
        let b = Tekstgelijkenis.kern("Na mijn verhuizing kwam de boete op mijn oude adres")
        let c = Tekstgelijkenis.kern("Mijn kind staat niet ingeschreven in de BRP")
        #expect(Tekstgelijkenis.gelijkenis(a, a) == 1)
        #expect(Tekstgelijkenis.gelijkenis(a, b) == Tekstgelijkenis.gelijkenis(b, a))
        // boet, oud, adres, verhuiz(ing) shared of {boet, oud, adres, gestuurd, verhuizing, kwam}.
        #expect(abs(Tekstgelijkenis.gelijkenis(a, b) - 4.0 / 6.0) < 1e-9)
        #expect(Tekstgelijkenis.gelijkenis(a, c) == 0)
        #expect(Tekstgelijkenis.gelijkenis([], []) == 0)
    }

    @Test func gedeeldeZinsdelenMetHetLangsteVoorop() {
        let teksten = [
            "Mijn adres na verhuizing is niet doorgegeven aan het CJIB.",
            "Het adres na verhuizing klopt niet bij de RDW.",
            "Boete kwam op het oude adres, adres na verhuizing onbekend.",
            "Ik heb een vraag over mijn toeslag.",
        ]
        let gedeeld = Tekstgelijkenis.gedeeldeZinsdelen(teksten, minimaal: 3)
        #expect(gedeeld.first?.zinsdeel == "adres na verhuizing")
        #expect(gedeeld.first?.aantal == 3)
        // No phrase begins or ends with a function word, and none is counted twice for one text.
        #expect(!gedeeld.contains { $0.zinsdeel.hasPrefix("na ") || $0.zinsdeel.hasSuffix(" na") })
        #expect(Tekstgelijkenis.gedeeldeZinsdelen(["adres na verhuizing, adres na verhuizing"], minimaal: 1).isEmpty)
        #expect(Tekstgelijkenis.gedeeldeZinsdelen(teksten, minimaal: 4).isEmpty)
    }
}
