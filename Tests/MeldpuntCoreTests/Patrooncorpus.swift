import Foundation
import MeldpuntDomain

/// A year of generated cases with planted structural errors, the same every run (seeded): noise
/// meldingen and terugmeldingen with features drawn from wide pools and texts of random words, and
/// clusters that share a key and a phrase within a few weeks. The detector must find every cluster
/// and propose no group of noise (issue 14; results in docs/structuurfouten.md).
struct Patrooncorpus {
    struct Zaak {
        let id: UUID
        let kenmerken: Zaakkenmerken
        /// The planted cluster it belongs to, nil for noise.
        let cluster: Int?
    }

    struct Cluster {
        let naam: String
        let ids: [UUID]
    }

    private(set) var zaken: [Zaak] = []
    private(set) var clusters: [Cluster] = []
    private var rng: SplitMix64

    static let registraties = ["BRP", "BRV", "BRK", "NHR", "BAG", "BRO", "WOZ", "BRI", "BRT", "BGT"]
    static let organisaties = ["RDW", "Belastingdienst", "UWV", "SVB", "DUO", "CJIB", "Kadaster", "KvK", "Dienst Toeslagen", "CAK",
                               "Gemeente Utrecht", "Gemeente Almere", "Gemeente Zwolle", "Gemeente Den Haag", "Gemeente Leiden", "Gemeente Breda",
                               "Gemeente Ede", "Gemeente Delft", "Gemeente Assen", "Gemeente Venlo", "Waterschap Rijn en IJssel", "Nibud", "LBIO", "Zorginstituut", "NVWA"]
    static let gemeenten = ["Gemeente Utrecht", "Gemeente Almere", "Gemeente Zwolle", "Gemeente Den Haag", "Gemeente Leiden", "Gemeente Breda",
                            "Gemeente Ede", "Gemeente Delft", "Gemeente Assen", "Gemeente Venlo", "Gemeente Emmen", "Gemeente Hoorn", "Gemeente Oss",
                            "Gemeente Tiel", "Gemeente Goes", "Gemeente Sneek", "Gemeente Weert", "Gemeente Epe", "Gemeente Urk", "Gemeente Baarn"]
    static let attributen = ["urn:nl:brp:verblijfplaats.huisnummer", "urn:nl:brp:verblijfplaats.postcode", "urn:nl:brp:verblijfplaats.straat",
                             "urn:nl:brp:naam.geslachtsnaam", "urn:nl:brp:naam.voornamen", "urn:nl:brp:geboorte.datum", "urn:nl:brp:nationaliteit",
                             "urn:nl:brp:partner.naam", "urn:nl:brp:kind.naam", "urn:nl:brp:verblijfstitel", "urn:nl:brp:overlijden.datum",
                             "urn:nl:brp:gezagsverhouding", "urn:nl:brp:verblijfplaats.woonplaats", "urn:nl:brp:geslacht", "urn:nl:brp:adellijke.titel"]
    static let woorden = """
        aanvraag afspraak akte bedrag bericht beschikking besluit betaling bewijs brief burger dossier formulier gegeven \
        gemeente geld huis huur inkomen jaar kind kosten loket maand nummer overzicht papieren partner periode post \
        rekening regeling schuld situatie stempel telefoon toeslag uitkering verzekering vraag wet woning zorg balie \
        contract datum ervaring familie gesprek hulp informatie instantie kantoor klacht lijst medewerker melding \
        ontvangst opgave portaal reactie systeem termijn uitleg verklaring vergunning verhaal website werkgever \
        aanslag computer document envelop factuur garantie inzage kopie machtiging notitie object procedure \
        registratie stukken tijdstip voertuig woonplaats zaak beroep bezoek controle plicht toestand fout wijziging
        """.split(separator: " ").map(String.init)

    /// `ruisPerBron`: noise cases per source (250 each by default; the speed bench uses 50,000).
    init(seed: UInt64 = 14, ruisPerBron: Int = 250) {
        rng = SplitMix64(seed: seed)
        let start = Dag("2026-01-05")!
        // Noise: meldingen and terugmeldingen over a year.
        for _ in 0..<ruisPerBron {
            let dag = try! start.plus(dagen: Int.random(in: 0..<365, using: &rng))
            var k = Zaakkenmerken(bron: .melding, dag: dag, registraties: kies(Self.registraties, 1...2), tekst: ruis(8...24))
            if Double.random(in: 0..<1, using: &rng) < 0.6 { k.herkomst = Self.organisaties.randomElement(using: &rng) }
            k.gevolgen = (0..<Int.random(in: 0...2, using: &rng)).map { _ in
                Zaakkenmerken.Gevolgkenmerk(soort: GevolgSoort.allCases.randomElement(using: &rng)!, organisatie: Self.organisaties.randomElement(using: &rng))
            }
            zaken.append(Zaak(id: UUID(), kenmerken: k, cluster: nil))
        }
        for _ in 0..<ruisPerBron {
            let dag = try! start.plus(dagen: Int.random(in: 0..<365, using: &rng))
            let gemeente = Self.gemeenten.randomElement(using: &rng)!
            let tekst = Double.random(in: 0..<1, using: &rng) < 0.5 ? "" : ruis(5...15)
            zaken.append(Zaak(id: UUID(), kenmerken: Zaakkenmerken(bron: .terugmelding, dag: dag, registraties: ["BRP"], attributen: kies(Self.attributen, 1...2),
                                                                  herkomst: gemeente, bronhouder: gemeente, tekst: tekst), cluster: nil))
        }

        // The planted structural errors.
        plant("BRV, RDW, boete bij CJIB", aantal: 9, vanaf: 40, binnen: 25, zin: "adres na verhuizing niet bijgewerkt") { dag, tekst in
            Zaakkenmerken(bron: .melding, dag: dag, registraties: ["BRV"], herkomst: "RDW", gevolgen: [.init(soort: .boete, organisatie: "CJIB")], tekst: tekst)
        }
        plant("BRP, Utrecht, stopgezette toeslag", aantal: 6, vanaf: 95, binnen: 28, zin: "overleden partner staat nog ingeschreven") { dag, tekst in
            Zaakkenmerken(bron: .melding, dag: dag, registraties: ["BRP"], herkomst: "Gemeente Utrecht",
                          gevolgen: [.init(soort: .stopgezetteToeslag, organisatie: "Dienst Toeslagen")], tekst: tekst)
        }
        plant("Zwolle, huisnummer", aantal: 7, vanaf: 130, binnen: 20, zin: "huisnummer toevoeging ontbreekt") { dag, tekst in
            Zaakkenmerken(bron: .terugmelding, dag: dag, registraties: ["BRP"], attributen: ["urn:nl:brp:verblijfplaats.huisnummer"],
                          herkomst: "Gemeente Zwolle", bronhouder: "Gemeente Zwolle", tekst: tekst)
        }
        plant("BRP nationaliteit, verschillende gemeenten", aantal: 8, vanaf: 170, binnen: 15, zin: "nationaliteit na naturalisatie niet aangepast") { dag, tekst in
            let gemeente = Self.gemeenten[(dag.dag * 7) % Self.gemeenten.count]
            return Zaakkenmerken(bron: .terugmelding, dag: dag, registraties: ["BRP"], attributen: ["urn:nl:brp:nationaliteit"],
                                 herkomst: gemeente, bronhouder: gemeente, tekst: tekst)
        }
        plant("Almere briefadres, meldingen en terugmeldingen", aantal: 6, vanaf: 210, binnen: 21, zin: "briefadres vervallen zonder bericht") { dag, tekst in
            dag.dag % 2 == 0
                ? Zaakkenmerken(bron: .melding, dag: dag, registraties: ["BRP"], herkomst: "Gemeente Almere", tekst: tekst)
                : Zaakkenmerken(bron: .terugmelding, dag: dag, registraties: ["BRP"], attributen: [Self.attributen[Int(dag.dag) % 3]],
                                herkomst: "Gemeente Almere", bronhouder: "Gemeente Almere", tekst: tekst)
        }
        plant("NHR, KvK, incasso (drie zaken)", aantal: 3, vanaf: 250, binnen: 10, zin: "inschrijving handelsregister dubbel geregistreerd incasso", ruis: 2...4) { dag, tekst in
            Zaakkenmerken(bron: .melding, dag: dag, registraties: ["NHR"], herkomst: "KvK", gevolgen: [.init(soort: .incasso, organisatie: "Belastingdienst")], tekst: tekst)
        }
        plant("WOZ, terugvordering Den Haag, nog zonder analyse", aantal: 5, vanaf: 280, binnen: 18, zin: "woz waarde te hoog vastgesteld") { dag, tekst in
            Zaakkenmerken(bron: .melding, dag: dag, registraties: ["WOZ"], gevolgen: [.init(soort: .terugvordering, organisatie: "Gemeente Den Haag")], tekst: tekst)
        }
        plant("BRV, RDW, boete bij CJIB (tweede golf)", aantal: 5, vanaf: 320, binnen: 20, zin: "adres na verhuizing niet bijgewerkt") { dag, tekst in
            Zaakkenmerken(bron: .melding, dag: dag, registraties: ["BRV"], herkomst: "RDW", gevolgen: [.init(soort: .boete, organisatie: "CJIB")], tekst: tekst)
        }
        zaken.sort { ($0.kenmerken.dag, $0.id.uuidString) < ($1.kenmerken.dag, $1.id.uuidString) }
    }

    private mutating func plant(_ naam: String, aantal: Int, vanaf: Int, binnen: Int, zin: String, ruis bereik: ClosedRange<Int> = 4...10,
                                _ maak: (Dag, String) -> Zaakkenmerken) {
        let start = Dag("2026-01-05")!
        let nummer = clusters.count
        var ids: [UUID] = []
        for _ in 0..<aantal {
            let dag = try! start.plus(dagen: vanaf + Int.random(in: 0...binnen, using: &rng))
            let tekst = [ruis(bereik), zin, ruis(bereik)].joined(separator: " ")
            let z = Zaak(id: UUID(), kenmerken: maak(dag, tekst), cluster: nummer)
            ids.append(z.id)
            zaken.append(z)
        }
        clusters.append(Cluster(naam: naam, ids: ids))
    }

    private mutating func kies(_ pool: [String], _ aantal: ClosedRange<Int>) -> [String] {
        Array(pool.shuffled(using: &rng).prefix(Int.random(in: aantal, using: &rng)))
    }

    private mutating func ruis(_ aantal: ClosedRange<Int>) -> String {
        (0..<Int.random(in: aantal, using: &rng)).map { _ in Self.woorden.randomElement(using: &rng)! }.joined(separator: " ")
    }
}

/// A small seeded generator, so the corpus is the same on every machine.
struct SplitMix64: RandomNumberGenerator {
    private var toestand: UInt64
    init(seed: UInt64) { toestand = seed }
    mutating func next() -> UInt64 {
        toestand &+= 0x9E37_79B9_7F4A_7C15
        var z = toestand
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
