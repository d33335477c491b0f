import FluentKit
import Foundation
import MeldpuntDomain

/// The Sendable view of a logged-in user.
package struct GebruikerDTO: Sendable, Equatable {
    package let id: UUID
    package let email: String
    package let naam: String
    package let rol: GebruikersRol
    package let organisatie: OrganisatieDTO
    /// The meldpunt team the person works in, if any.
    package var team: UUID? = nil

    package init(id: UUID, email: String, naam: String, rol: GebruikersRol, organisatie: OrganisatieDTO) {
        self.id = id
        self.email = email
        self.naam = naam
        self.rol = rol
        self.organisatie = organisatie
    }
}

/// Accounts, passwords and sessions for the portals.
package enum Gebruikers {
    package static let minimaleWachtwoordlengte = 12
    package static let sessieInactief: TimeInterval = 30 * 60
    package static let sessieMaximaal: TimeInterval = 12 * 60 * 60
    private static let dummyHash = "$2b$12$SokJlWckjD1st4nnLzdmk.LjL8iGvRgkUx.W5SjqO3Ql17r5k0L72"

    /// Which organisation roles a user role needs.
    package static func past(_ rol: GebruikersRol, bij org: Organisatie) -> Bool {
        switch rol {
        case .afnemer: org.rollen.contains(.afnemer)
        case .bijhouder: org.rollen.contains(.bronhouder)
        case .rni: org.rollen.contains(.rni)
        case .meldpunt, .privacy: org.rollen.contains(.meldpunt)
        case .partner: org.rollen.contains(.partner)
        case .intermediair: org.rollen.contains(.intermediair)
        case .beheerder, .systeembeheerder: true
        }
    }

    /// `moetWijzigen`: the password was chosen by someone else, so the user replaces it at the first login.
    package static func voegToe(email: String, naam: String, organisatie: Organisatie, rol: GebruikersRol, wachtwoord: String,
                        moetWijzigen: Bool = true, hasher: any Wachtwoordhasher, on db: any Database) async throws -> Gebruiker {
        let email = email.trimmingCharacters(in: .whitespaces).lowercased()
        guard isEmailadres(email) else { throw Weigering.ongeldig(.email, "email", Tekst("Vul een geldig e-mailadres in.", "Enter a valid email address.")) }
        guard !naam.trimmingCharacters(in: .whitespaces).isEmpty else { throw Weigering.ongeldig(.naam, "required", Tekst("Geef een naam.", "Give a name.")) }
        guard wachtwoord.count >= minimaleWachtwoordlengte, wachtwoord.utf8.count <= Accounts.maximaleWachtwoordBytes else {
            throw Weigering.ongeldig(.wachtwoord, "lengte", Tekst("Een wachtwoord is ten minste \(minimaleWachtwoordlengte) tekens en ten hoogste \(Accounts.maximaleWachtwoordBytes) bytes lang.",
                                                                "A password is at least \(minimaleWachtwoordlengte) characters and at most \(Accounts.maximaleWachtwoordBytes) bytes long."))
        }
        guard past(rol, bij: organisatie) else {
            throw Weigering.ongeldig(.rol, "rolPastNiet", Tekst("\(organisatie.naam) heeft geen organisatierol die bij deze gebruikersrol past.", "\(organisatie.naam) has no organisation role that fits this user role."))
        }
        if try await Gebruiker.query(on: db).filter(\.$email == email).first() != nil {
            throw Weigering.ongeldig(.email, "emailInGebruik", Tekst("Er is al een gebruiker met dit e-mailadres.", "There already is a user with this email address."))
        }
        let g = Gebruiker()
        g.email = email
        g.naam = naam
        g.$organisatie.id = try organisatie.requireID()
        g.rol = rol
        g.wachtwoordHash = try hasher.hash(wachtwoord)
        g.actief = true
        g.moetWachtwoordWijzigen = moetWijzigen
        g.bezorging = .direct
        g.taal = .nl
        try await g.create(on: db)
        return g
    }

    package static func dto(_ g: Gebruiker) throws -> GebruikerDTO? {
        let rol = g.rol
        var dto = GebruikerDTO(id: (try g.requireID()), email: g.email, naam: g.naam, rol: rol, organisatie: try OrganisatieDTO(g.organisatie))
        dto.team = g.$team.id
        return dto
    }

    /// Checks e-mail and password. Repeated failures for one address are slowed down and logged;
    /// the answer never says which of the two was wrong.
    /// Failures count per account and per client address: guessing many passwords for one account
    /// and one password for many accounts are both slowed down.
    package static func controleer(email: String, wachtwoord: String, adres: String = "onbekend", hasher: any Wachtwoordhasher, threadPool: NIOThreadPool, nu: Date,
                           logger: Logger, on db: any Database) async throws -> GebruikerDTO? {
        let email = String(email.trimmingCharacters(in: .whitespaces).lowercased().prefix(320))
        let sleutel = Sleutels.sha256Hex(Data(email.utf8))
        let adresSleutel = "adres:" + Sleutels.sha256Hex(Data(adres.utf8))
        let sinds = nu.addingTimeInterval(-15 * 60)
        let perAccount = try await MisluktePoging.query(on: db).filter(\.$sleutel == sleutel).filter(\.$tijdstip > sinds).count()
        let perAdres = try await MisluktePoging.query(on: db).filter(\.$sleutel == adresSleutel).filter(\.$tijdstip > sinds).count()
        // An address may mistype more often than one account (an office behind one NAT address).
        let recent = max(perAccount, perAdres / 4)
        if recent >= 5 {
            // Exponential slow-down, capped: guessing gets expensive, the real user still gets in.
            let seconden = min(8, 1 << min(recent - 5, 3))
            logger.notice("Herhaalde mislukte inlogpogingen", metadata: ["account": .string(String(sleutel.prefix(12))), "pogingen": .stringConvertible(recent)])
            try await Task.sleep(for: .seconds(seconden))
        }
        let gebruiker = try await Gebruiker.query(on: db).filter(\.$email == email).with(\.$organisatie).first()
        // Verify against a dummy hash when the user is unknown, so timing does not reveal it.
        let hash = gebruiker?.wachtwoordHash ?? dummyHash
        let klopt = await Accounts.klopt(wachtwoord, hash, hasher: hasher, threadPool: threadPool)
        guard klopt, let gebruiker, gebruiker.actief, let dto = try dto(gebruiker) else {
            for s in [sleutel, adresSleutel] {
                let p = MisluktePoging()
                p.sleutel = s
                p.tijdstip = nu
                try await p.create(on: db)
            }
            logger.notice("Mislukte inlogpoging", metadata: ["account": .string(String(sleutel.prefix(12)))])
            return nil
        }
        try await MisluktePoging.query(on: db).filter(\.$sleutel == sleutel).delete()
        return dto
    }

    // MARK: Sessions

    /// A new session; returns the cookie value (never stored itself). A systeembeheerder's
    /// login is audited in the same write.
    package static func nieuweSessie(voor gebruiker: Gebruiker, nu: Date, on db: any Database) async throws -> String {
        let token = Sleutels.willekeurig(32)
        let s = Sessie()
        s.id = Sleutels.sha256Hex(Data(token.utf8))
        s.$gebruiker.id = try gebruiker.requireID()
        s.aangemaaktOp = nu
        s.laatstGezienOp = nu
        try await db.schrijf { tx in
            try await s.create(on: tx)
            if gebruiker.rol == .systeembeheerder { try await Audit.schrijf(.systeemLogin, zelf: gebruiker, nu: nu, on: tx) }
        }
        return token
    }

    /// The user of a live session, refreshing its idle timer; ends expired sessions.
    package static func sessie(_ token: String, nu: Date, on db: any Database) async throws -> GebruikerDTO? {
        guard token.count < 100, let s = try await Sessie.query(on: db).filter(\.$id == Sleutels.sha256Hex(Data(token.utf8)))
            .with(\.$gebruiker, { $0.with(\.$organisatie) }).first()
        else { return nil }
        if nu.timeIntervalSince(s.laatstGezienOp) > sessieInactief || nu.timeIntervalSince(s.aangemaaktOp) > sessieMaximaal || !s.gebruiker.actief {
            try await s.delete(on: db)
            return nil
        }
        // Touch at most once a minute: no write on every page view.
        if nu.timeIntervalSince(s.laatstGezienOp) > 60 {
            s.laatstGezienOp = nu
            try await s.save(on: db)
        }
        return try dto(s.gebruiker)
    }

    package static func beeindigSessie(_ token: String, on db: any Database) async throws {
        try await Sessie.query(on: db).filter(\.$id == Sleutels.sha256Hex(Data(token.utf8))).delete()
    }

    /// Disabling a user ends all of their sessions at once.
    /// Off: no more logins, and every session ends (call inside a transaction with its audit entry).
    package static func zetUit(_ gebruiker: Gebruiker, on db: any Database) async throws {
        gebruiker.actief = false
        try await gebruiker.save(on: db)
        try await Sessie.query(on: db).filter(\.$gebruiker.$id == gebruiker.requireID()).delete()
    }

    /// Back on after being switched off by mistake: the user logs in again as before.
    package static func zetAan(_ gebruiker: Gebruiker, on db: any Database) async throws {
        gebruiker.actief = true
        try await gebruiker.save(on: db)
    }
}
