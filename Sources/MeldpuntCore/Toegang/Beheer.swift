import FluentKit
import Foundation
import MeldpuntDomain
import NIOPosix

/// Administration of organisations, their keys and users — from the beheer pages or the command
/// line. Every write and its audit entry go in one transaction: an action is never done without
/// its entry, nor an entry left for an action that failed. Refusals are `Weigering`s.
package struct Beheer: Sendable {
    package let db: any Database
    /// The beheerder acting; nil for the operator at the command line.
    package let door: GebruikerDTO?
    package let nu: Date

    package init(db: any Database, door: GebruikerDTO?, nu: Date) {
        self.db = db
        self.door = door
        self.nu = nu
    }

    private func audit(_ actie: Audit.Actie, organisatie: UUID?, onderwerp: String?, details: String? = nil, on tx: any Database) async throws {
        try await Audit.schrijf(actie, door: door, organisatie: organisatie, onderwerp: onderwerp, details: details, nu: nu, on: tx)
    }

    /// A new organisation, or roles (and a missing OIN) added to an existing one.
    package func voegOrganisatieToe(naam: String?, oin: String?, gemeentecode: String?, rollen: Set<Organisatierol>) async throws -> Organisatie {
        try await db.schrijf { tx in
            let org = try await Organisaties.voegToe(naam: naam, oin: oin, gemeentecode: gemeentecode, rollen: rollen, on: tx)
            try await audit(.organisatieToegevoegd, organisatie: org.id, onderwerp: org.naam,
                            details: org.rollen.map(\.rawValue).sorted().joined(separator: ","), on: tx)
            return org
        }
    }

    /// Replaces an organisation's roles (at least one).
    package func zetRollen(_ org: Organisatie, _ rollen: Set<Organisatierol>) async throws {
        try await db.schrijf { tx in
            try await Organisaties.zetRollen(org, rollen, on: tx)
            try await audit(.rollenGewijzigd, organisatie: org.id, onderwerp: org.naam, details: rollen.map(\.rawValue).sorted().joined(separator: ","), on: tx)
        }
    }

    /// A new API key, returned in plain text: the only time it is ever visible.
    package func maakSleutel(voor org: Organisatie, omschrijving: String) async throws -> (ApiSleutel, String) {
        try await db.schrijf { tx in
            let gemaakt = try await Organisaties.maakApiSleutel(voor: org, omschrijving: omschrijving, on: tx)
            try await audit(.sleutelGemaakt, organisatie: org.id, onderwerp: org.naam, on: tx)
            return gemaakt
        }
    }

    /// One key (`id`) or all of them; returns how many were withdrawn.
    package func trekSleutelsIn(van org: Organisatie, id: UUID?, cache: Sleutelcache?) async throws -> Int {
        let aantal = try await db.schrijf { tx in
            let aantal = try await Organisaties.trekSleutelsIn(van: org, id: id, on: tx)
            if aantal > 0 { try await audit(.sleutelIngetrokken, organisatie: org.id, onderwerp: id?.tekst ?? "alle", details: "\(aantal)", on: tx) }
            return aantal
        }
        // After the commit, so no request finds the old key cached once it is gone.
        if aantal > 0 { cache?.leeg() }
        return aantal
    }

    /// A new user with a first password they replace at the first login.
    package func voegGebruikerToe(email: String, naam: String, rol: GebruikersRol?, organisatie: Organisatie, wachtwoord: String,
                                  hasher: any Wachtwoordhasher) async throws -> Gebruiker {
        guard let rol, rol != .systeembeheerder || door == nil else {
            throw Weigering.ongeldig(.rol, "required", Tekst("Kies een rol.", "Choose a role."))
        }
        return try await db.schrijf { tx in
            let g = try await Gebruikers.voegToe(email: email, naam: naam, organisatie: organisatie, rol: rol, wachtwoord: wachtwoord, hasher: hasher, on: tx)
            try await audit(.gebruikerToegevoegd, organisatie: organisatie.id, onderwerp: g.email, details: rol.rawValue, on: tx)
            return g
        }
    }

    /// A one-time password (given, or generated and returned), to be replaced at the next login;
    /// the user's sessions end.
    package func stelWachtwoordOpnieuwIn(_ g: Gebruiker, wachtwoord: String? = nil, hasher: any Wachtwoordhasher, threadPool: NIOThreadPool) async throws -> String {
        let tijdelijk = wachtwoord ?? Sleutels.willekeurig(15)
        let hash = try await threadPool.runIfActive { try hasher.hash(tijdelijk) }
        try await db.schrijf { tx in
            try await Accounts.zetEenmaligWachtwoord(g, hash: hash, on: tx)
            try await audit(.wachtwoordHersteld, organisatie: g.$organisatie.id, onderwerp: g.email, on: tx)
        }
        return tijdelijk
    }

    /// For a lost phone: the second factor removed and every session ended; the user sets it up
    /// again at the next login when their role needs it.
    package func herstelTweestaps(_ g: Gebruiker) async throws {
        try await db.schrijf { tx in
            try await Accounts.verwijderTweestaps(g, eindigSessies: true, on: tx)
            try await audit(.tweestapsHersteld, organisatie: g.$organisatie.id, onderwerp: g.email, on: tx)
        }
    }

    /// Off (no more logins, sessions end) or back on.
    package func zetActief(_ g: Gebruiker, _ aan: Bool) async throws {
        try await db.schrijf { tx in
            if aan { try await Gebruikers.zetAan(g, on: tx) } else { try await Gebruikers.zetUit(g, on: tx) }
            try await audit(aan ? .gebruikerAangezet : .gebruikerUitgezet, organisatie: g.$organisatie.id, onderwerp: g.email, on: tx)
        }
    }
}
