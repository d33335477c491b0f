import FluentKit
import Foundation
import MeldpuntCore
import MeldpuntDomain
import Testing

/// The core without HTTP: an overleg seen by whom it may be, and the safety net's days following
/// the configured norms.
@Suite("Kern: overleg en vangnet")
struct VangnetCoreTests {
    @Test func eenOverlegZienAlleenDeGenodigden() async throws {
        try await metKern { k in
            let meldpunt = Handelende(organisatie: try await k.nieuweOrganisatie("Meldpunt", oin: "00000099000000001000", rollen: [.meldpunt]))
            let uwv = Handelende(organisatie: try await k.nieuweOrganisatie("UWV", oin: "00000099000000002000", rollen: [.partner]))
            let duo = Handelende(organisatie: try await k.nieuweOrganisatie("DUO", oin: "00000001800866472000", rollen: [.partner]))
            let register = Overlegregister(meldingen: k.meldingen)
            let o = try await register.plan(OverlegInvoer(onderwerp: "Stelsel", datum: "2026-11-23", agenda: "Verhuizingen.", deelnemers: ["00000099000000002000"]), door: meldpunt)
            #expect(try await register.detail(o.nummer, door: uwv).deelnemers.map(\.naam) == ["UWV"])
            await #expect(throws: Weigering.nietGevonden(.overleg)) { _ = try await register.detail(o.nummer, door: duo) }
            await #expect(throws: Weigering.geenToegang(.rolOntbreekt(.meldpunt))) {
                _ = try await register.legVerslagVast(o.nummer, OverlegVerslagInvoer(verslag: "x"), door: uwv)
            }
            // The meldpunt's own action: staff report it done.
            _ = try await register.legVerslagVast(o.nummer, OverlegVerslagInvoer(verslag: "Afgesproken."), door: meldpunt)
            _ = try await register.voegActieToe(o.nummer, OverlegActieInvoer(organisatieOin: "00000099000000001000", omschrijving: "Signaal maken.", uiterlijk: "2026-11-30"), door: meldpunt)
            await #expect(throws: Weigering.geenToegang(.alleenActiehouder)) {
                _ = try await register.rondActieAf(o.nummer, actie: 1, OverlegActieAfrondingInvoer(), door: uwv)
            }
            let klaar = try await register.rondActieAf(o.nummer, actie: 1, OverlegActieAfrondingInvoer(toelichting: "SIG-1."), door: meldpunt)
            #expect(klaar.acties.first?.status == .gedaan && klaar.status == .gehouden)
            #expect(try await register.teDoen(door: uwv) == (komend: 0, openActies: 0))
        }
    }

    @Test func deDagenVolgenDeNormen() async throws {
        try await metKern { k in
            var s = k.meldingen
            s.zorgnormen = Zorgnormen(doorlooptijd: [.laag: 5, .midden: 10, .hoog: 15], contactritme: [.laag: 3, .midden: 2, .hoog: 1], waarschuwing: 2)
            var invoer = TerugmeldingCoreTests.melding()
            invoer.gevolgen = [.init(soort: "boete", organisatie: "CJIB", uiterlijkeDatum: "2026-12-04"), .init(soort: "incasso", uiterlijkeDatum: "2026-11-27")]
            let z = try await s.intake.maak(invoer, ingediendDoor: nil).zaaknummer
            let m = try #require(try await Melding.query(on: k.db).filter(\.$zaaknummer == z.description).first())
            #expect(m.doorlooptijdUiterlijk == Dag("2026-12-07") && m.betalenUiterlijk == Dag("2026-11-27") && m.contactVolgendeOp == nil)
            // The nearer consequence repaired: the next pay-by day counts.
            let meldpunt = Handelende(organisatie: try await k.nieuweOrganisatie("Meldpunt", oin: "00000099000000001000", rollen: [.meldpunt]))
            _ = try await s.behandeling.zetGevolgherstel(z, nummer: 2, GevolgherstelInvoer(status: "hersteld", door: "CJIB"), door: meldpunt)
            _ = try await s.behandeling.legContactVast(z, ContactInvoer(datum: "2026-11-23", kanaal: "telefoon", samenvatting: "Gebeld."), door: meldpunt)
            let na = try #require(try await Melding.query(on: k.db).filter(\.$zaaknummer == z.description).first())
            #expect(na.betalenUiterlijk == Dag("2026-12-04") && na.contactVolgendeOp == Dag("2026-11-25"))
        }
    }
}
