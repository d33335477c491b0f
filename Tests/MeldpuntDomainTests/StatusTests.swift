import Testing
@testable import MeldpuntDomain

@Suite("Digimelding-statusmodel")
struct StatusTests {
    @Test func toegestaneOvergangenVoorDeBijhouder() throws {
        let bijhouder: [(TerugmeldingStatus, TerugmeldingStatus)] = [
            (.gemeld, .inBehandeling), (.gemeld, .onvoldoendeInformatie), (.gemeld, .verkeerdeBronhouder),
            (.inBehandeling, .ingepland), (.inBehandeling, .afgehandeld), (.ingepland, .afgehandeld),
        ]
        for (van, naar) in bijhouder {
            try controleerStatusovergang(van: van, naar: naar, door: .bijhouder)
        }
    }

    @Test func alleenDeAfnemerTrektIn() throws {
        try controleerStatusovergang(van: .gemeld, naar: .ingetrokken, door: .afnemer)
        try controleerStatusovergang(van: .inBehandeling, naar: .ingetrokken, door: .afnemer)
        #expect(throws: StatusovergangFout.nietToegestaanVoorPartij(.ingetrokken, .bijhouder)) {
            try controleerStatusovergang(van: .gemeld, naar: .ingetrokken, door: .bijhouder)
        }
        #expect(throws: StatusovergangFout.nietToegestaanVoorPartij(.afgehandeld, .afnemer)) {
            try controleerStatusovergang(van: .inBehandeling, naar: .afgehandeld, door: .afnemer)
        }
    }

    @Test func ingeplandKanNietMeerIngetrokkenWorden() {
        #expect(throws: StatusovergangFout.ongeldigeOvergang(van: .ingepland, naar: .ingetrokken)) {
            try controleerStatusovergang(van: .ingepland, naar: .ingetrokken, door: .afnemer)
        }
    }

    @Test func eindstatussenZijnEindstatussen() {
        for eind in [TerugmeldingStatus.afgehandeld, .ingetrokken, .onvoldoendeInformatie] {
            #expect(eind.isTerminal)
            #expect(eind.volgende.isEmpty)
            for naar in TerugmeldingStatus.allCases where naar != .gemeld {
                #expect(throws: StatusovergangFout.self) {
                    try controleerStatusovergang(van: eind, naar: naar, door: naar.gezetDoor)
                }
            }
        }
    }

    @Test func elkeNietToegestaneOvergangWordtGeweigerd() {
        var toegestaan = 0
        for van in TerugmeldingStatus.allCases {
            for naar in TerugmeldingStatus.allCases {
                for partij in [TerugmeldingPartij.afnemer, .bijhouder] {
                    let ok = (try? controleerStatusovergang(van: van, naar: naar, door: partij)) != nil
                    let verwacht = naar != .gemeld && van.volgende.contains(naar) && naar.gezetDoor == partij
                    #expect(ok == verwacht, "\(van) → \(naar) door \(partij)")
                    if ok { toegestaan += 1 }
                }
            }
        }
        #expect(toegestaan == 8)
    }

    @Test func gemeldWordtNooitDirectGezet() {
        #expect(throws: StatusovergangFout.nietToegestaanVoorPartij(.gemeld, .bijhouder)) {
            try controleerStatusovergang(van: .verkeerdeBronhouder, naar: .gemeld, door: .bijhouder)
        }
    }

    @Test func spellingsvarianten() {
        #expect(TerugmeldingStatus(lenient: "In Behandeling") == .inBehandeling)
        #expect(TerugmeldingStatus(lenient: "afgehandeld") == .afgehandeld)
        #expect(TerugmeldingStatus(lenient: "Klaar") == nil)
    }
}
