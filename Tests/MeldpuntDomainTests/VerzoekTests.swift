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
        #expect(VerzoekFout.ongeldigeOvergang(van: .afgewezen, naar: .uitgevoerd).uitleg(.nl).contains("verandert niets meer"))
    }

    @Test func escalerenGaatEenNiveauOmhoogMetReden() throws {
        #expect(try escaleer(van: .operationeel, reden: "Termijn verstreken.") == .tactisch)
        #expect(try escaleer(van: .tactisch, reden: "Geen reactie.") == .strategisch)
        #expect(try escaleer(van: .strategisch, reden: "Structurele fout.") == .interdepartementaal)
        #expect(throws: VerzoekFout.hoogsteNiveau) { try escaleer(van: .interdepartementaal, reden: "Nog hoger?") }
        #expect(throws: VerzoekFout.redenOntbreekt) { try escaleer(van: .operationeel, reden: "") }
        #expect(Escalatieniveau.operationeel < .interdepartementaal)
    }

    /// Intentieverklaring 11: escalating is decided together; the meldpunt decides alone only
    /// after the partner let its answer day pass.
    @Test func escalerenWordtSamenBesloten() throws {
        let vandaag = Dag("2026-12-07")!
        #expect(try besluitEscalatie(voorstel: nil, door: .meldpunt, vandaag: vandaag) == .voorgesteld)
        #expect(try besluitEscalatie(voorstel: nil, door: .partner, vandaag: vandaag) == .voorgesteld)
        let vanMeldpunt = Escalatievoorstel(door: .meldpunt, uiterlijk: Dag("2026-12-09")!)
        #expect(try besluitEscalatie(voorstel: vanMeldpunt, door: .partner, vandaag: vandaag) == .samenBesloten)
        #expect(throws: EscalatieFout.wachtOpAntwoord(tot: Dag("2026-12-09")!)) { try besluitEscalatie(voorstel: vanMeldpunt, door: .meldpunt, vandaag: vandaag) }
        #expect(throws: EscalatieFout.wachtOpAntwoord(tot: Dag("2026-12-09")!)) { try besluitEscalatie(voorstel: vanMeldpunt, door: .meldpunt, vandaag: Dag("2026-12-09")!) }
        #expect(try besluitEscalatie(voorstel: vanMeldpunt, door: .meldpunt, vandaag: Dag("2026-12-10")!) == .zonderAntwoord)
        // A partner's own proposal never turns into a decision alone.
        let vanPartner = Escalatievoorstel(door: .partner, uiterlijk: Dag("2026-12-09")!)
        #expect(throws: EscalatieFout.self) { try besluitEscalatie(voorstel: vanPartner, door: .partner, vandaag: Dag("2027-01-10")!) }
        #expect(try besluitEscalatie(voorstel: vanPartner, door: .meldpunt, vandaag: vandaag) == .samenBesloten)
        // Declining: only the other side's proposal.
        #expect(throws: Never.self) { try wijsEscalatieAf(voorstel: vanPartner, door: .meldpunt) }
        #expect(throws: EscalatieFout.geenVoorstel) { try wijsEscalatieAf(voorstel: vanPartner, door: .partner) }
        #expect(throws: EscalatieFout.geenVoorstel) { try wijsEscalatieAf(voorstel: nil, door: .meldpunt) }
        #expect(EscalatieFout.wachtOpAntwoord(tot: Dag("2026-12-09")!).uitleg(.nl).contains("9 december 2026"))
    }

    @Test func deTakenVolgenHetVoorstel() {
        func meldpunt(_ v: Verzoekpartij?, verlopen: Bool = false, niveau: Escalatieniveau = .operationeel) -> Set<Verzoektaak> {
            Verzoektaak.voorMeldpunt(soort: .correctie, open: true, niveau: niveau, voorstel: v, verlopen: verlopen).intersection([.escaleren, .escalatieAfwijzen])
        }
        func partner(_ v: Verzoekpartij?) -> Set<Verzoektaak> {
            Verzoektaak.voorPartner(mogelijk: [.geaccepteerd, .afgewezen], open: true, kanOpheffen: false, voorstel: v).intersection([.escaleren, .escalatieAfwijzen])
        }
        #expect(meldpunt(nil) == [.escaleren] && partner(nil) == [.escaleren])
        #expect(meldpunt(.meldpunt) == [] && meldpunt(.meldpunt, verlopen: true) == [.escaleren])
        #expect(partner(.meldpunt) == [.escaleren, .escalatieAfwijzen] && partner(.partner) == [])
        #expect(meldpunt(.partner) == [.escaleren, .escalatieAfwijzen])
        #expect(meldpunt(nil, niveau: .interdepartementaal) == [])
        #expect(Verzoektaak.escalatieAfwijzen.rawValue == "escalatie-afwijzen")
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

@Suite("Verzoeken: invoer van Meldpunt en partner, partnerregister")
struct VerzoekInvoerTests {
    let vandaag = Dag("2026-11-23")!

    @Test func eenOpschortingVraagtDeActieEnAllesTegelijk() throws {
        let fout = #expect(throws: ValidatieFouten.self) {
            try valideerNieuwVerzoek(NieuwVerzoekInvoer(organisatieOin: "123", soort: "opschorting", vraag: " ", uiterlijk: "2026-11-22",
                                                        gedeeldeGegevens: ["naam", "schoenmaat"], overleg: .init(datum: "2026-12-01")), vandaag: vandaag)
        }
        #expect(Set(fout?.fouten.map(\.veld.jsonPad) ?? []) == ["organisatieOin", "vraag", "uiterlijk", "gedeeldeGegevens[1]", "opschorting.actie", "overleg"])
    }

    @Test func geldigVerzoekWordtOpgeschoond() throws {
        let v = try valideerNieuwVerzoek(NieuwVerzoekInvoer(organisatieOin: "00000099000000002000", soort: "opschorting", vraag: "  Stil graag. ",
                                                            gedeeldeGegevens: ["omschrijving", "omschrijving", "bsn"],
                                                            opschorting: .init(actie: "terugvordering", kenmerk: " TV-1 ", tot: "2027-01-01")), vandaag: vandaag)
        #expect(v.vraag == "Stil graag." && v.gedeeld == [.omschrijving, .bsn])
        #expect(v.opschorting == .init(actie: .terugvordering, kenmerk: "TV-1", tot: Dag("2027-01-01")))
        // Without an organisation when the caller already knows it (a terugmelding's bronhouder).
        let zonder = try valideerNieuwVerzoek(NieuwVerzoekInvoer(soort: "correctie", vraag: "Corrigeer."), vandaag: vandaag, organisatieVerplicht: false)
        #expect(zonder.organisatieOin == nil && zonder.opschorting == nil)
        // A meeting needs its date and participants.
        let overleg = #expect(throws: ValidatieFouten.self) {
            try valideerNieuwVerzoek(NieuwVerzoekInvoer(organisatieOin: "00000099000000002000", soort: "overleg", vraag: "Overleg?"), vandaag: vandaag)
        }
        #expect(overleg?.fouten.map(\.veld.jsonPad) == ["overleg.datum", "overleg.deelnemers"])
    }

    @Test func antwoordVanDePartner() throws {
        let geaccepteerd = try valideerVerzoekStatuswijziging(.init(status: "geaccepteerd", uiterlijk: "2026-12-01"), soort: .correctie, vandaag: vandaag)
        #expect(geaccepteerd.naar == .geaccepteerd && geaccepteerd.uiterlijk == Dag("2026-12-01"))
        let afwijzen = #expect(throws: ValidatieFouten.self) {
            try valideerVerzoekStatuswijziging(.init(status: "afgewezen", uiterlijk: "2026-12-01"), soort: .correctie, vandaag: vandaag)
        }
        #expect(afwijzen?.fouten.map(\.veld.jsonPad) == ["reden", "uiterlijk"])
        // Only a suspension is confirmed "until"; and not back to verzonden.
        let tot = #expect(throws: ValidatieFouten.self) {
            try valideerVerzoekStatuswijziging(.init(status: "uitgevoerd", opgeschortTot: "2027-01-01"), soort: .correctie, vandaag: vandaag)
        }
        #expect(tot?.fouten.map(\.code) == ["nietBijStatus"])
        #expect(throws: ValidatieFouten.self) { try valideerVerzoekStatuswijziging(.init(status: "verzonden"), soort: .correctie, vandaag: vandaag) }
        let bevestigd = try valideerVerzoekStatuswijziging(.init(status: "uitgevoerd", opgeschortTot: "2027-01-01"), soort: .opschorting, vandaag: vandaag)
        #expect(bevestigd.opgeschortTot == Dag("2027-01-01"))
        #expect(throws: ValidatieFouten.self) { try valideerTermijn(.init(uiterlijk: "2026-11-20"), vandaag: vandaag) }
    }

    @Test func partnerregister() throws {
        let p = try valideerPartner(PartnerInvoer(soort: "gemeente", registraties: "BRP\n BAG ,BRP", intentieverklaringOp: "2025-06-01"), vandaag: vandaag)
        #expect(p.soort == .gemeente && p.registraties == ["BRP", "BAG"] && p.intentieverklaringOp == Dag("2025-06-01"))
        let fout = #expect(throws: ValidatieFouten.self) {
            try valideerPartner(PartnerInvoer(soort: "bank", intentieverklaringOp: "2030-01-01"), vandaag: vandaag)
        }
        #expect(fout?.fouten.map(\.veld.jsonPad) == ["soort", "intentieverklaringOp"])
        let c = try valideerContactpersoon(ContactpersoonInvoer(niveau: "tactisch", naam: " Tessa ", email: "T.deWit@UWV.nl"))
        #expect(c.niveau == .tactisch && c.naam == "Tessa" && c.email == "t.dewit@uwv.nl")
        // Interdepartementaal is not a partner's own level; someone to reach is needed.
        let geen = #expect(throws: ValidatieFouten.self) { try valideerContactpersoon(ContactpersoonInvoer(niveau: "interdepartementaal", naam: "X")) }
        #expect(geen?.fouten.map(\.veld.jsonPad) == ["niveau", "email"])
    }

    @Test func gevolgEnOpschorting() {
        #expect(opschortingsActie(voorGevolg: "terugvordering") == .terugvordering)
        #expect(opschortingsActie(voorGevolg: "stopgezetteToeslag") == .stopzetting)
        #expect(opschortingsActie(voorGevolg: "anders") == nil)
    }
}
