import Foundation
import Testing
@testable import MeldpuntDomain

@Suite("Partnercoördinatie: verzoeken, escalatie, sluitregel")
struct VerzoekTests {
    @Test func elkeToegestaneEnNietToegestaneOvergang() {
        let toegestaan: Set<[VerzoekStatus]> = [[.verzonden, .geaccepteerd], [.verzonden, .afgewezen], [.geaccepteerd, .uitgevoerd]]
        for van in VerzoekStatus.allCases {
            for naar in VerzoekStatus.allCases {
                let ok = (try? controleerVerzoekOvergang(van: van, naar: naar, reden: "Geen mandaat.")) != nil
                #expect(ok == toegestaan.contains([van, naar]), "\(van) → \(naar)")
            }
        }
        #expect(VerzoekStatus.allCases.filter(\.isOpen) == [.verzonden, .geaccepteerd])
    }

    @Test func afwijzenVraagtEenReden() {
        #expect(throws: VerzoekFout.redenOntbreekt) { try controleerVerzoekOvergang(van: .verzonden, naar: .afgewezen, reden: "  ") }
        #expect(throws: VerzoekFout.redenOntbreekt) { try controleerVerzoekOvergang(van: .verzonden, naar: .afgewezen, reden: nil) }
        #expect(throws: VerzoekFout.ongeldigeOvergang(van: .uitgevoerd, naar: .geaccepteerd)) {
            try controleerVerzoekOvergang(van: .uitgevoerd, naar: .geaccepteerd, reden: nil)
        }
        #expect(VerzoekFout.ongeldigeOvergang(van: .afgewezen, naar: .uitgevoerd).uitleg.contains("verandert niets meer"))
    }

    @Test func escalerenGaatEenNiveauOmhoogMetReden() throws {
        #expect(try escaleer(van: .operationeel, reden: "Termijn verstreken.") == .tactisch)
        #expect(try escaleer(van: .tactisch, reden: "Geen reactie.") == .strategisch)
        #expect(try escaleer(van: .strategisch, reden: "Structurele fout.") == .interdepartementaal)
        #expect(throws: VerzoekFout.hoogsteNiveau) { try escaleer(van: .interdepartementaal, reden: "Nog hoger?") }
        #expect(throws: VerzoekFout.redenOntbreekt) { try escaleer(van: .operationeel, reden: "") }
        #expect(Escalatieniveau.operationeel < .interdepartementaal)
    }

    @Test func teLaatNaDeAfgesprokenDag() {
        let uiterlijk = Dag("2026-12-01")!
        #expect(!isVerzoekTeLaat(status: .verzonden, uiterlijk: uiterlijk, vandaag: uiterlijk))
        #expect(isVerzoekTeLaat(status: .verzonden, uiterlijk: uiterlijk, vandaag: Dag("2026-12-02")!))
        #expect(isVerzoekTeLaat(status: .geaccepteerd, uiterlijk: uiterlijk, vandaag: Dag("2026-12-02")!))
        #expect(!isVerzoekTeLaat(status: .uitgevoerd, uiterlijk: uiterlijk, vandaag: Dag("2026-12-02")!))
        #expect(!isVerzoekTeLaat(status: .verzonden, uiterlijk: nil, vandaag: Dag("2026-12-02")!))
    }

    @Test func opgelostMetOpenCorrectieVraagtEenReden() throws {
        #expect(throws: VerzoekFout.redenOntbreekt) { try controleerSluitenMetOpenCorrecties(uitkomst: .opgelost, openCorrecties: 1, reden: nil) }
        try controleerSluitenMetOpenCorrecties(uitkomst: .opgelost, openCorrecties: 1, reden: "De gemeente corrigeert morgen; bevestigd per telefoon.")
        try controleerSluitenMetOpenCorrecties(uitkomst: .opgelost, openCorrecties: 0, reden: nil)
        try controleerSluitenMetOpenCorrecties(uitkomst: .nietOpgelost, openCorrecties: 2, reden: nil)
    }
}
