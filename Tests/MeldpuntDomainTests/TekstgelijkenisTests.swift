import PropertyBased
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

/// Issue 26: a melder's text must never stall a thread. Whatever the texts, the shared phrases
/// are found within a fixed number of steps, and what is built stays within its bounds.
@Suite("Tekstgelijkenis: begrensd, wat een tekst ook zegt")
struct TekstgelijkenisGrenzenTests {
    typealias G = Tekstgelijkenis.Grenzen
    /// The phrases read plus fewer than `kandidaten`³ comparisons: independent of the texts.
    static let stappenHoogstens = G.teksten * 2 * G.woorden + G.kandidaten * G.kandidaten * G.kandidaten

    func gedeeld(_ teksten: [String]) -> (uit: [(zinsdeel: String, aantal: Int)], werk: Int) {
        var werk = 0
        let uit = Tekstgelijkenis.gedeeld(teksten.map(Tekstgelijkenis.zinsdelen), minimaal: 2, werk: &werk)
        return (uit, werk)
    }

    func binnenDeGrenzen(_ r: (uit: [(zinsdeel: String, aantal: Int)], werk: Int), _ sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.werk <= Self.stappenHoogstens, sourceLocation: sourceLocation)
        #expect(r.uit.count <= G.kandidaten, sourceLocation: sourceLocation)
        #expect(r.uit.allSatisfy { $0.zinsdeel.split(separator: " ").count <= G.zinsdeelWoorden }, sourceLocation: sourceLocation)
    }

    /// The finding: six descriptions repeating a few words made the merge loop run on for ever.
    @Test func herhaaldeZinnenLopenNietEindeloosDoor() {
        let tekst = Array(repeating: "boete adres verhuizing", count: 5).joined(separator: " ")
        let r = gedeeld(Array(repeating: tekst, count: 6))
        binnenDeGrenzen(r)
        // The texts still share what they say.
        #expect(r.uit.first?.aantal == 6)
        #expect(r.uit.first?.zinsdeel.contains("adres verhuizing") == true)
    }

    @Test func langeHerhalingenEnEenWoordTwintigduizendKeer() {
        let lang = Array(repeating: "auto verkocht staat nog op mijn naam", count: 3_000).joined(separator: " ")
        let eenWoord = Array(repeating: "boete", count: 20_000).joined(separator: " ")
        let cyclus = (0..<20_000).map { "w\($0 % 7)" }.joined(separator: " ")
        binnenDeGrenzen(gedeeld(Array(repeating: lang, count: 50)))
        binnenDeGrenzen(gedeeld(Array(repeating: eenWoord, count: 50)))
        binnenDeGrenzen(gedeeld(Array(repeating: cyclus, count: 120)))
        #expect(Tekstgelijkenis.woorden(eenWoord).count == G.woorden)
    }

    /// Any scalar of the code space (letters, marks, digits, separators, controls, emoji, private use).
    static let scalar = Gen<UInt32>.value(in: 0...0x10FFFF).map { Character(Unicode.Scalar($0) ?? "\u{FFFD}") }
    /// A few words from a small vocabulary, so texts repeat and overlap as much as possible.
    static let woord = Gen.element(of: ["boete", "adres", "na", "verhuizing", "de", "auto", "x", "ß", "ﬁ", "\u{202E}", "é"]).map { $0 ?? "" }

    @Test func willekeurigeTekensUitElkeCategorie() async {
        await propertyCheck(count: 60, input: Self.scalar.string(of: 0...3_000).array(of: 1...8)) { teksten in
            let r = gedeeld(teksten)
            binnenDeGrenzen(r)
            for t in teksten { #expect(Tekstgelijkenis.woorden(t).allSatisfy { $0.unicodeScalars.count <= G.woordlengte }) }
        }
    }

    @Test func willekeurigeHerhalingen() async {
        await propertyCheck(count: 60, input: Self.woord.array(of: 1...600), Gen.int(in: 2...30)) { woorden, n in
            let tekst = woorden.joined(separator: " ")
            binnenDeGrenzen(gedeeld(Array(repeating: tekst, count: n)))
        }
    }

    /// Only the first `tekens` code points are read: a megabyte costs no more than its start.
    @Test func eenGroteTekstWordtNietHeelGelezen() {
        let groot = String(repeating: "a", count: 1_000_000)
        #expect(Tekstgelijkenis.woorden(groot).isEmpty)  // one run of letters, longer than a word
        let zin = String(repeating: "boete adres ", count: 100_000)
        #expect(Tekstgelijkenis.woorden(zin).count == G.woorden)
        #expect(Tekstgelijkenis.zinsdelen(zin).count <= 2 * G.woorden)
    }
}
