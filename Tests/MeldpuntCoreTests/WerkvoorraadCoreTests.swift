import FluentKit
import Foundation
import MeldpuntCore
import MeldpuntDomain
import Testing

/// Teams, bulk steps and kept filters as use cases (issue 30).
@Suite("Kern: teams, bulkstappen, bewaarde filters")
struct WerkvoorraadCoreTests {
    @Test func routeringNaarEenTeamEnBulkMetWeigeringPerZaak() async throws {
        try await metKern { k in
            let org = try await k.nieuweOrganisatie("Meldpunt", oin: "00000099000000001000", rollen: [.meldpunt])
            let meldpunt = Handelende(organisatie: org)
            let beheer = GebruikerDTO(id: UUID(), email: "beheer@meldpunt.test", naam: "Beheer", rol: .beheerder, organisatie: org)
            let teams = Teams(db: k.db, nu: k.nu)
            // Only beheer of the meldpunt keeps teams.
            await #expect(throws: Weigering.self) {
                _ = try await teams.maak(naam: "Wonen", door: GebruikerDTO(id: UUID(), email: "m@meldpunt.test", naam: "M", rol: .meldpunt, organisatie: org))
            }
            let team = try await teams.maak(naam: "Personen", door: beheer)
            try await teams.wijzig(UUID(uuidString: team.id)!, naam: "Personen", leden: [], registraties: ["brp", " BRI "], door: beheer)
            #expect(try await teams.lijst(door: meldpunt).first?.registraties == ["BRI", "BRP"])
            // A new case on BRP lands there; the first routed registration in the melder's order wins.
            let a = try await k.meldingen.intake.maak(TerugmeldingCoreTests.melding(), ingediendDoor: nil)
            let b = try await k.meldingen.intake.maak(TerugmeldingCoreTests.melding(), ingediendDoor: nil)
            let detail = try await k.meldingen.overzicht.detail(a.zaaknummer, door: meldpunt)
            #expect(detail.team == "Personen")
            #expect(try await Teams.route(["WOZ", "BRI"], on: k.db)?.naam == "Personen")
            #expect(try await Teams.route(["WOZ"], on: k.db) == nil)

            // Closing both with the same outcome; then again: both refused, each with why, nothing else changed.
            let sluit = Bulkactie.sluiten(MeldingStatuswijzigingInvoer(uitkomst: "buitenScope", samenvatting: "Dit kan de gemeente zelf.",
                                                                        scopeReden: ScopeReden.allCases.first!.rawValue, afsluitgrond: "buitenScopeBijIntake"))
            var r = try await k.meldingen.behandeling.bulk([a.zaaknummer.description, b.zaaknummer.description, a.zaaknummer.description], sluit, door: meldpunt)
            #expect(r.gedaan == [a.zaaknummer.description, b.zaaknummer.description] && r.nietGelukt.isEmpty)
            r = try await k.meldingen.behandeling.bulk([a.zaaknummer.description], sluit, door: meldpunt)
            #expect(r.gedaan.isEmpty && r.nietGelukt.map(\.zaaknummer) == [a.zaaknummer.description])
            // The action's own fields are checked before any case.
            do {
                _ = try await k.meldingen.behandeling.bulk([], .bericht(standaardtekst: UUID().uuidString), door: meldpunt)
                Issue.record("had moeten weigeren")
            } catch let Weigering.ongeldig(fouten) {
                #expect(Set(fouten.map(\.veld.jsonPad)) == ["zaken", "standaardtekst"])
            }
            // At most a hundred at once.
            let veel = (1...101).map { String(format: "MFO-2026-%06d", $0) }
            await #expect(throws: Weigering.self) { _ = try await k.meldingen.behandeling.bulk(veel, .toewijzen(email: nil, team: ""), door: meldpunt) }
            // Only the meldpunt.
            let svb = Handelende(organisatie: try await k.nieuweOrganisatie("SVB", oin: "00000001002220647000", rollen: [.afnemer]))
            await #expect(throws: Weigering.self) { _ = try await k.meldingen.behandeling.bulk([b.zaaknummer.description], sluit, door: svb) }
        }
    }

    @Test func bewaardeFiltersZijnVanDePersoon() async throws {
        try await metKern { k in
            let org = try await k.nieuweOrganisatie("Meldpunt", oin: "00000099000000001000", rollen: [.meldpunt])
            let mira = try await Gebruikers.voegToe(email: "mira@meldpunt.test", naam: "Mira", organisatie: Organisaties.zoek(oin: org.oin, gemeentecode: nil, on: k.db),
                                                    rol: .meldpunt, wachtwoord: "een-lang-wachtwoord", moetWijzigen: false, hasher: PlainHasher(), on: k.db)
            let noor = try await Gebruikers.voegToe(email: "noor@meldpunt.test", naam: "Noor", organisatie: Organisaties.zoek(oin: org.oin, gemeentecode: nil, on: k.db),
                                                    rol: .meldpunt, wachtwoord: "een-lang-wachtwoord", moetWijzigen: false, hasher: PlainHasher(), on: k.db)
            let alsMira = Handelende(GebruikerDTO(id: try mira.requireID(), email: mira.email, naam: mira.naam, rol: .meldpunt, organisatie: org))
            let alsNoor = Handelende(GebruikerDTO(id: try noor.requireID(), email: noor.email, naam: noor.naam, rol: .meldpunt, organisatie: org))
            let filters = BewaardeFilters(db: k.db, nu: k.nu)
            try await filters.bewaar(naam: "BRV", zoekvraag: "registratie=BRV", door: alsMira)
            // The same name again replaces it.
            try await filters.bewaar(naam: "BRV", zoekvraag: "registratie=BRV&behandelaar=niemand", door: alsMira)
            #expect(try await filters.lijst(door: alsMira).map(\.zoekvraag) == ["registratie=BRV&behandelaar=niemand"])
            #expect(try await filters.lijst(door: alsNoor).isEmpty)
            let id = UUID(uuidString: try await filters.lijst(door: alsMira)[0].id)!
            try await filters.verwijder(id, door: alsNoor)
            #expect(try await filters.lijst(door: alsMira).count == 1)
            try await filters.verwijder(id, door: alsMira)
            #expect(try await filters.lijst(door: alsMira).isEmpty)
            // An organisation's key has no person to keep filters for.
            await #expect(throws: Weigering.self) { try await filters.bewaar(naam: "x", zoekvraag: "status=ontvangen", door: Handelende(organisatie: org)) }
        }
    }
}

/// Passwords as they are: these tests never log in.
struct PlainHasher: Wachtwoordhasher {
    func hash(_ wachtwoord: String) throws -> String { wachtwoord }
    func verify(_ wachtwoord: String, created hash: String) throws -> Bool { wachtwoord == hash }
}
