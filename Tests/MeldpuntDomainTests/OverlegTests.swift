import Testing
@testable import MeldpuntDomain

/// Overleg with several organisations: what planning accepts, and which steps each state allows.
@Suite("Overleg: plannen, verslag, acties")
struct OverlegTests {
    let vandaag = Dag("2026-11-23")!

    func fouten(_ v: OverlegInvoer) -> [String] {
        do { _ = try valideerOverleg(v, vandaag: vandaag); return [] } catch { return error.fouten.map { "\($0.veld.jsonPad):\($0.code)" } }
    }

    func plan(tijd: String? = nil, deelnemers: [String] = ["00000099000000002000"]) -> OverlegInvoer {
        OverlegInvoer(onderwerp: "Adres", datum: "2026-11-24", tijd: tijd, agenda: "Wie doet wat.", deelnemers: deelnemers)
    }

    @Test func eenTijdIsPreciesUurEnMinuut() {
        for goed in ["00:00", "09:05", "23:59", nil] { #expect(fouten(plan(tijd: goed)) == [], "\(goed ?? "nil")") }
        for fout in ["", "9:05", "24:00", "12:60", " 12:00", "12:00 ", "１２:００", "+1:00", "12-00"] {
            #expect(fouten(plan(tijd: fout)) == ["tijd:time"], "\(fout)")
        }
    }

    @Test func genodigdenZijnOinsEnDubbelTeltEenKeer() throws {
        #expect(fouten(plan(deelnemers: [])) == ["deelnemers:required"])
        #expect(fouten(plan(deelnemers: ["00000099000000002000", "", "1234"])) == ["deelnemers[1]:oin", "deelnemers[2]:oin"])
        #expect(fouten(plan(deelnemers: [String(repeating: "1", count: 21)])) == ["deelnemers[0]:maxLength"])
        let dubbel = try valideerOverleg(plan(deelnemers: ["00000099000000002000", "00000099000000002000"]), vandaag: vandaag)
        #expect(dubbel.deelnemers == ["00000099000000002000"])
        #expect(fouten(plan(deelnemers: Array(repeating: "00000099000000002000", count: OverlegLimieten.maxDeelnemers + 1))) == ["deelnemers:maxItems"])
    }

    @Test func verslagVanafDeDagEnNooitNaAnnuleren() {
        #expect(throws: OverlegFout.nogNietGehouden(Dag("2026-11-24")!)) { try controleerVerslag(status: .gepland, datum: Dag("2026-11-24")!, vandaag: vandaag) }
        #expect(throws: Never.self) { try controleerVerslag(status: .gepland, datum: vandaag, vandaag: vandaag) }
        #expect(throws: Never.self) { try controleerVerslag(status: .gehouden, datum: vandaag, vandaag: vandaag) }
        #expect(throws: OverlegFout.geannuleerd) { try controleerVerslag(status: .geannuleerd, datum: vandaag, vandaag: vandaag) }
        #expect(throws: OverlegFout.alGehouden) { try controleerAnnulering(status: .gehouden) }
        #expect(throws: OverlegFout.geannuleerd) { try controleerNieuweActie(status: .geannuleerd) }
    }
}
