import FluentKit
import Foundation
import MeldpuntDomain

package struct TeamDTO: Codable, Sendable, Equatable {
    package let id: String
    package let naam: String
    /// Registration codes whose new cases go to this team.
    package let registraties: [String]
    package let leden: [Lid]

    package struct Lid: Codable, Sendable, Equatable {
        package let id: String
        package let naam: String
    }
}

package enum TeamLimieten {
    package static let maxNaam = 60
    package static let maxTeams = 50
}

/// The meldpunt's teams (issue 30): beheer makes them, puts staff in them and routes registrations
/// to them; a new case on a routed registration goes to that team's werkvoorraad.
package struct Teams: Sendable {
    package let db: any Database
    package let nu: Date

    package init(db: any Database, nu: Date) {
        self.db = db
        self.nu = nu
    }

    static func magBeheren(_ g: GebruikerDTO) -> Bool { Standaardteksten.magBeheren(g) }

    /// Every team by name, with its members and routed registrations.
    package func lijst(door: Handelende) async throws -> [TeamDTO] {
        guard door.organisatie.heeft(.meldpunt) || door.gebruiker?.rol == .systeembeheerder else { throw Weigering.geenToegang(.rolOntbreekt(.meldpunt)) }
        let teams = try await Team.query(on: db).sort(\.$naam).limit(TeamLimieten.maxTeams).all()
        let routes = try await Teamroute.query(on: db).sort(\.$registratie).all()
        let leden = try await Gebruiker.query(on: db).filter(\.$team.$id ~~ teams.compactMap(\.id)).filter(\.$actief == true).sort(\.$naam).all()
        return try teams.map { t in
            let id = try t.requireID()
            return TeamDTO(id: id.tekst, naam: t.naam, registraties: routes.filter { $0.$team.id == id }.map(\.registratie),
                           leden: try leden.filter { $0.$team.id == id }.map { TeamDTO.Lid(id: try $0.requireID().tekst, naam: $0.naam) })
        }
    }

    /// The team a new case on these registrations goes to: the first routed one, in the melder's order.
    package static func route(_ registraties: [String], on db: any Database) async throws -> Team? {
        let codes = registraties.map { $0.uppercased() }
        guard !codes.isEmpty else { return nil }
        let routes = try await Teamroute.query(on: db).filter(\.$registratie ~~ codes).with(\.$team).all()
        return codes.lazy.compactMap { c in routes.first { $0.registratie == c }?.team }.first
    }

    package func maak(naam: String?, door g: GebruikerDTO) async throws -> TeamDTO {
        guard Self.magBeheren(g) else { throw Weigering.geenToegang(.rolOntbreekt(.meldpunt)) }
        let naam = try geldigeNaam(naam)
        guard try await Team.query(on: db).count() < TeamLimieten.maxTeams else {
            throw Weigering.ongeldig(.naam, "maxItems", Tekst("Er zijn al \(TeamLimieten.maxTeams) teams.", "There are already \(TeamLimieten.maxTeams) teams."))
        }
        try await uniek(naam, behalve: nil)
        let t = Team()
        t.id = UUID.v7(nu)
        t.naam = naam
        t.aangemaaktOp = nu
        try await Self.alsUniek { try await t.create(on: db) }
        return TeamDTO(id: t.id!.tekst, naam: naam, registraties: [], leden: [])
    }

    /// Name, members and routed registrations in one go. A person is in one team: added here, they
    /// leave their old one; a registration routed here stops going to another team.
    package func wijzig(_ id: UUID, naam: String?, leden: [String], registraties: [String], door g: GebruikerDTO) async throws {
        guard Self.magBeheren(g) else { throw Weigering.geenToegang(.rolOntbreekt(.meldpunt)) }
        guard let t = try await Team.find(id, on: db) else { throw Weigering.nietGevonden(.team) }
        var fouten: [OngeldigeParameter] = []
        var geldigeNaam: String?
        do { geldigeNaam = try self.geldigeNaam(naam) } catch let w as Weigering { fouten += w.velden ?? [] }
        let bekend = Set(Registratie.alle.map(\.code))
        let codes = Array(Set(registraties.prefix(100).map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }))
        if registraties.count > 100 || !codes.allSatisfy(bekend.contains) {
            fouten.append(OngeldigeParameter(.registraties, code: "enum", uitleg: Tekst("Kies registraties uit de lijst.", "Choose registrations from the list.")))
        }
        let ledenIDs = Array(Set(leden.prefix(500).compactMap(UUID.init(uuidString:))))
        let medewerkers = try await Gebruiker.query(on: db).filter(\.$id ~~ ledenIDs).filter(\.$rol == .meldpunt).filter(\.$actief == true).all()
        if leden.count > 500 || medewerkers.count != Set(leden).count {
            fouten.append(OngeldigeParameter(.leden, code: "enum", uitleg: Tekst("Kies medewerkers van het Meldpunt uit de lijst.", "Choose Meldpunt staff from the list.")))
        }
        guard fouten.isEmpty, let geldigeNaam else { throw Weigering.ongeldig(fouten) }
        try await uniek(geldigeNaam, behalve: id)
        try await Self.alsUniek { try await db.schrijf { tx in
            t.naam = geldigeNaam
            try await t.save(on: tx)
            try await Gebruiker.query(on: tx).filter(\.$team.$id == id).filter(\.$id !~ ledenIDs).set(\.$team.$id, to: nil).update()
            if !ledenIDs.isEmpty { try await Gebruiker.query(on: tx).filter(\.$id ~~ ledenIDs).set(\.$team.$id, to: id).update() }
            try await Teamroute.query(on: tx).group(.or) { $0.filter(\.$team.$id == id).filter(\.$registratie ~~ codes) }.delete()
            for c in codes.sorted() {
                let r = Teamroute()
                r.id = UUID.v7(nu)
                r.registratie = c
                r.$team.id = id
                try await r.create(on: tx)
            }
        } }
    }

    /// A name taken by a simultaneous change (the unique index) is said like one taken before.
    static func alsUniek<T>(_ werk: () async throws -> T) async throws -> T {
        do { return try await werk() } catch let f as any DatabaseError where f.isConstraintFailure {
            throw Weigering.ongeldig(.naam, "unique", Tekst("Er is al een team met deze naam, of iemand wijzigde de teams tegelijk. Probeer het opnieuw.",
                                                           "There is already a team with this name, or someone changed the teams at the same time. Try again."))
        }
    }

    private func geldigeNaam(_ naam: String?) throws -> String {
        let n = (naam ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !n.isEmpty else { throw Weigering.ongeldig(.naam, "required", Tekst("Geef het team een naam.", "Give the team a name.")) }
        guard n.schemaLengte <= TeamLimieten.maxNaam, !n.contains(where: \.isNewline) else { throw Weigering.ongeldig(.naam, "maxLength", Lengteregel.hoogstens(TeamLimieten.maxNaam)) }
        return n
    }

    private func uniek(_ naam: String, behalve id: UUID?) async throws {
        let q = Team.query(on: db).filter(\.$naam == naam)
        if let id { q.filter(\.$id != id) }
        if try await q.count() > 0 {
            throw Weigering.ongeldig(.naam, "unique", Tekst("Er is al een team met deze naam.", "There is already a team with this name."))
        }
    }
}
