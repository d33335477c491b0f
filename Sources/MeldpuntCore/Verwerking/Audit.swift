import FluentKit
import Foundation

/// The append-only audit trail of administrative actions. Rows are only ever created.
package enum Audit {
    package enum Actie: String, Sendable {
        case organisatieToegevoegd = "organisatie.toegevoegd"
        case rollenGewijzigd = "organisatie.rollen"
        case sleutelGemaakt = "apisleutel.gemaakt"
        case sleutelIngetrokken = "apisleutel.ingetrokken"
        case gebruikerToegevoegd = "gebruiker.toegevoegd"
        case gebruikerUitgezet = "gebruiker.uitgezet"
        case gebruikerAangezet = "gebruiker.aangezet"
        case partnerLogin = "gebruiker.partnerlogin"
        case systeemLogin = "login.systeembeheerder"
        case wachtwoordGewijzigd = "gebruiker.wachtwoord"
        case wachtwoordHersteld = "gebruiker.wachtwoord.hersteld"
        case tweestapsIngesteld = "gebruiker.tweestaps.aan"
        case tweestapsUit = "gebruiker.tweestaps.uit"
        case tweestapsHersteld = "gebruiker.tweestaps.hersteld"
        case herstelcodesVernieuwd = "gebruiker.herstelcodes"
        case herstelcodeGebruikt = "gebruiker.herstelcode.gebruikt"
    }

    /// Who did it: a portal user, or the operator at the command line.
    package static func door(_ g: GebruikerDTO?) -> (UUID?, String) {
        guard let g else { return (nil, "cli") }
        return (g.id, "\(g.naam) <\(g.email)>")
    }

    package static func schrijf(_ actie: Actie, door g: GebruikerDTO?, organisatie: UUID?, onderwerp: String? = nil, details: String? = nil,
                        nu: Date, on db: any Database) async throws {
        let r = AuditRegel()
        r.tijdstip = nu
        r.actie = actie.rawValue
        (r.doorGebruikerID, r.door) = door(g)
        r.organisatieID = organisatie
        r.onderwerp = onderwerp
        r.details = details.map { String($0.prefix(500)) }
        try await r.create(on: db)
    }

    /// What a user did to their own account.
    package static func schrijf(_ actie: Actie, zelf g: Gebruiker, nu: Date, on db: any Database) async throws {
        let r = AuditRegel()
        r.tijdstip = nu
        r.actie = actie.rawValue
        r.doorGebruikerID = g.id
        r.door = "\(g.naam) <\(g.email)>"
        r.organisatieID = g.$organisatie.id
        r.onderwerp = g.email
        try await r.create(on: db)
    }

    package static func regels(organisatie: UUID? = nil, limiet: Int = 200, on db: any Database) async throws -> [AuditRegel] {
        var q = AuditRegel.query(on: db).sort(\.$tijdstip, .descending)
        if let organisatie { q = q.filter(\.$organisatieID == organisatie) }
        return try await q.limit(limiet).all()
    }
}
