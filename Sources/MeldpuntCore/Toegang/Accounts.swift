import Crypto
import FluentKit
import Foundation
import MeldpuntDomain
import SQLKit

/// What stands between a correct password and a session: the second factor, a password that
/// must be replaced, a second factor that must be set up.
package enum Inlogstap: String, Codable, Sendable {
    case code, wachtwoord, tweestaps, klaar
}

/// The state between the steps of one login, sealed in a short-lived cookie: the password was
/// right (and, once `factor`, the second factor too).
package struct Inlogvoortgang: Codable, Sendable {
    package let gebruiker: UUID
    package let tot: Date
    package let terug: String
    package var factor: Bool

    package init(gebruiker: UUID, tot: Date, terug: String, factor: Bool) {
        self.gebruiker = gebruiker
        self.tot = tot
        self.terug = terug
        self.factor = factor
    }
}

/// Why an account action is refused: a stable code with its field and its text in both
/// languages, thrown as the one refusal type (`weigering`), so pages and CLI read it as any other.
package enum AccountFout: String, Sendable {
    case wachtwoordTeKort, wachtwoordTeLang, wachtwoordIsEmail, wachtwoordenVerschillen, wachtwoordOngewijzigd
    case huidigWachtwoordOnjuist, codeOnjuist, teVeelCodepogingen

    /// The form field the rejection belongs to.
    package var veld: Veldnaam {
        switch self {
        case .wachtwoordTeKort, .wachtwoordTeLang, .wachtwoordIsEmail, .wachtwoordOngewijzigd: .nieuw
        case .wachtwoordenVerschillen: .herhaal
        case .huidigWachtwoordOnjuist: .huidig
        case .codeOnjuist, .teVeelCodepogingen: .code
        }
    }

    package var uitleg: Tekst {
        switch self {
        case .wachtwoordTeKort: Tekst("Gebruik ten minste \(Gebruikers.minimaleWachtwoordlengte) tekens.", "Use at least \(Gebruikers.minimaleWachtwoordlengte) characters.")
        case .wachtwoordTeLang: Tekst("Gebruik ten hoogste \(Accounts.maximaleWachtwoordBytes) tekens (minder als u tekens als é of € gebruikt).",
                                      "Use at most \(Accounts.maximaleWachtwoordBytes) characters (fewer if you use characters such as é or €).")
        case .wachtwoordIsEmail: Tekst("Uw wachtwoord mag niet uw e-mailadres of de naam daarin bevatten.", "Your password must not contain your email address or the name in it.")
        case .wachtwoordenVerschillen: Tekst("De twee wachtwoorden zijn niet hetzelfde.", "The two passwords are not the same.")
        case .wachtwoordOngewijzigd: Tekst("Kies een ander wachtwoord dan het huidige.", "Choose a password other than the current one.")
        case .huidigWachtwoordOnjuist: Tekst("Dit is niet uw huidige wachtwoord.", "This is not your current password.")
        case .codeOnjuist: Tekst("Deze code klopt niet of is al gebruikt. Vul de code in die de app nu toont.", "This code is not right or has been used. Enter the code the app shows now.")
        case .teVeelCodepogingen: Tekst("Te veel onjuiste codes. Wacht 15 minuten en probeer het opnieuw.", "Too many wrong codes. Wait 15 minutes and try again.")
        }
    }

    /// The refusal to throw.
    package var weigering: Weigering { .ongeldig(veld, rawValue, uitleg) }
}

/// Passwords and the second factor of portal users (ASVS level 2, chapter 6).
package enum Accounts {
    /// bcrypt reads at most 72 bytes: a longer password would be silently cut.
    package static let maximaleWachtwoordBytes = 72
    package static let maxCodepogingen = 5
    /// The demo users' domain (development only).
    package static let demoDomein = "demo.meldpunt.nl"

    /// Roles that reach personal data of many people or manage others need a second factor.
    /// In development the demo users keep their one-step demo login.
    package static func tweestapsVerplicht(_ g: Gebruiker, ontwikkeling: Bool) -> Bool {
        guard [GebruikersRol.meldpunt, .privacy, .beheerder, .systeembeheerder].contains(g.rol) else { return false }
        return !(ontwikkeling && g.email.hasSuffix("@" + Accounts.demoDomein))
    }

    package static func volgendeStap(_ g: Gebruiker, _ v: Inlogvoortgang, ontwikkeling: Bool) -> Inlogstap {
        if g.tweestapsGeheim != nil && !v.factor { return .code }
        if g.moetWachtwoordWijzigen { return .wachtwoord }
        if g.tweestapsGeheim == nil && tweestapsVerplicht(g, ontwikkeling: ontwikkeling) { return .tweestaps }
        return .klaar
    }

    package static func controleerNieuwWachtwoord(_ nieuw: String, herhaal: String, email: String) throws(Weigering) {
        guard nieuw.count >= Gebruikers.minimaleWachtwoordlengte else { throw AccountFout.wachtwoordTeKort.weigering }
        guard nieuw.utf8.count <= maximaleWachtwoordBytes else { throw AccountFout.wachtwoordTeLang.weigering }
        let klein = nieuw.lowercased()
        let lokaal = email.split(separator: "@").first.map { String($0).lowercased() } ?? email
        guard klein != email.lowercased(), lokaal.count < 4 || !klein.contains(lokaal) else { throw AccountFout.wachtwoordIsEmail.weigering }
        guard nieuw == herhaal else { throw AccountFout.wachtwoordenVerschillen.weigering }
    }

    /// A new password chosen by the user; every other session of theirs ends; audited in the same write.
    package static func zetWachtwoord(_ g: Gebruiker, nieuw: String, herhaal: String, behoudSessie: String?, hasher: any Wachtwoordhasher,
                              threadPool: NIOThreadPool, nu: Date, on db: any Database) async throws {
        try controleerNieuwWachtwoord(nieuw, herhaal: herhaal, email: g.email)
        guard await !klopt(nieuw, g.wachtwoordHash, hasher: hasher, threadPool: threadPool) else { throw AccountFout.wachtwoordOngewijzigd.weigering }
        let hash = try await threadPool.runIfActive { try hasher.hash(nieuw) }
        try await db.schrijf { tx in
            g.wachtwoordHash = hash
            g.moetWachtwoordWijzigen = false
            g.wachtwoordGewijzigdOp = nu
            try await g.save(on: tx)
            var andere = Sessie.query(on: tx).filter(\.$gebruiker.$id == (try g.requireID()))
            if let behoudSessie { andere = andere.filter(\.$id != Sleutels.sha256Hex(Data(behoudSessie.utf8))) }
            try await andere.delete()
            try await Audit.schrijf(.wachtwoordGewijzigd, zelf: g, nu: nu, on: tx)
        }
    }

    package static func controleerHuidig(_ g: Gebruiker, _ wachtwoord: String, hasher: any Wachtwoordhasher, threadPool: NIOThreadPool) async throws {
        guard await klopt(wachtwoord, g.wachtwoordHash, hasher: hasher, threadPool: threadPool) else { throw AccountFout.huidigWachtwoordOnjuist.weigering }
    }

    /// bcrypt is slow on purpose: checked off the event loop; an unreadable hash never matches.
    package static func klopt(_ wachtwoord: String, _ hash: String, hasher: any Wachtwoordhasher, threadPool: NIOThreadPool) async -> Bool {
        (try? await threadPool.runIfActive { try hasher.verify(wachtwoord, created: hash) }) ?? false
    }

    /// A one-time password set by beheer (`Beheer.stelWachtwoordOpnieuwIn`, inside its transaction):
    /// replaced at the next login; the user's sessions end.
    static func zetEenmaligWachtwoord(_ g: Gebruiker, hash: String, on tx: any Database) async throws {
        g.wachtwoordHash = hash
        g.moetWachtwoordWijzigen = true
        try await g.save(on: tx)
        try await Sessie.query(on: tx).filter(\.$gebruiker.$id == (try g.requireID())).delete()
    }

    // MARK: Second factor

    package static func geheim(van g: Gebruiker, _ sleutel: SymmetricKey) -> Data? {
        g.tweestapsGeheim.flatMap { try? Verzegeld.open($0, Data.self, sleutel) }
    }

    /// A TOTP code or a recovery code. Five wrong codes in fifteen minutes block the account's
    /// codes for the rest of that time (the password alone never gets further).
    /// Returns true when a recovery code was used (one fewer left).
    @discardableResult
    package static func controleerTweedeFactor(_ g: Gebruiker, invoer: String, sleutel: SymmetricKey, nu: Date, on db: any Database) async throws -> Bool {
        let id = try g.requireID()
        let pogingSleutel = "code:" + id.uuidString
        let recent = try await MisluktePoging.query(on: db).filter(\.$sleutel == pogingSleutel)
            .filter(\.$tijdstip > nu.addingTimeInterval(-15 * 60)).count()
        guard recent < maxCodepogingen else { throw AccountFout.teVeelCodepogingen.weigering }
        let sql = db as! any SQLDatabase
        if let geheim = geheim(van: g, sleutel), let stap = Totp(geheim: geheim).controleer(invoer, nu: nu, naStap: g.tweestapsLaatsteStap) {
            // Conditional update: of two requests with the same code, only one changes the row.
            let gewonnen = try await sql.raw("""
                UPDATE \(ident: Gebruiker.schema) SET tweestaps_laatste_stap = \(bind: stap)
                WHERE id = \(bind: id) AND (tweestaps_laatste_stap IS NULL OR tweestaps_laatste_stap < \(bind: stap)) RETURNING id
                """).all()
            if !gewonnen.isEmpty {
                g.tweestapsLaatsteStap = stap
                try await MisluktePoging.query(on: db).filter(\.$sleutel == pogingSleutel).delete()
                return false
            }
        } else if let hash = Herstelcodes.hash(invoer) {
            // The code used up and its audit entry in one write.
            let gebruikt = try await db.schrijf { tx in
                let rijen = try await (tx as! any SQLDatabase).raw("""
                    UPDATE \(ident: Herstelcode.schema) SET gebruikt_op = \(bind: nu)
                    WHERE gebruiker_id = \(bind: id) AND code_hash = \(bind: hash) AND gebruikt_op IS NULL RETURNING id
                    """).all()
                guard !rijen.isEmpty else { return false }
                try await MisluktePoging.query(on: tx).filter(\.$sleutel == pogingSleutel).delete()
                try await Audit.schrijf(.herstelcodeGebruikt, zelf: g, nu: nu, on: tx)
                return true
            }
            if gebruikt { return true }
        }
        let p = MisluktePoging()
        p.sleutel = pogingSleutel
        p.tijdstip = nu
        try await p.create(on: db)
        throw AccountFout.codeOnjuist.weigering
    }

    /// Turns the second factor on once the user proved their app shows the right code;
    /// returns fresh recovery codes (shown once).
    package static func activeerTweestaps(_ g: Gebruiker, geheim: Data, code: String, sleutel: SymmetricKey, nu: Date, on db: any Database) async throws -> [String] {
        guard let stap = Totp(geheim: geheim).controleer(code, nu: nu, naStap: nil) else { throw AccountFout.codeOnjuist.weigering }
        let verzegeld = try Verzegeld.sluit(geheim, sleutel)
        return try await db.schrijf { tx in
            g.tweestapsGeheim = verzegeld
            g.tweestapsLaatsteStap = stap
            try await g.save(on: tx)
            try await Audit.schrijf(.tweestapsIngesteld, zelf: g, nu: nu, on: tx)
            return try await vervangHerstelcodes(g, on: tx)
        }
    }

    package static func nieuweHerstelcodes(_ g: Gebruiker, nu: Date, on db: any Database) async throws -> [String] {
        try await db.schrijf { tx in
            try await Audit.schrijf(.herstelcodesVernieuwd, zelf: g, nu: nu, on: tx)
            return try await vervangHerstelcodes(g, on: tx)
        }
    }

    private static func vervangHerstelcodes(_ g: Gebruiker, on tx: any Database) async throws -> [String] {
        let id = try g.requireID()
        try await Herstelcode.query(on: tx).filter(\.$gebruiker.$id == id).delete()
        let codes = Herstelcodes.nieuw()
        for code in codes {
            let h = Herstelcode()
            h.$gebruiker.id = id
            h.codeHash = Herstelcodes.hash(code)!
            try await h.create(on: tx)
        }
        return codes
    }

    package static func ongebruikteHerstelcodes(_ g: Gebruiker, on db: any Database) async throws -> Int {
        try await Herstelcode.query(on: db).filter(\.$gebruiker.$id == (try g.requireID())).filter(\.$gebruiktOp == nil).count()
    }

    /// Off by the user themselves (when their role allows); audited in the same write. Beheer
    /// removes it with `Beheer.herstelTweestaps`.
    package static func zetTweestapsUit(_ g: Gebruiker, nu: Date, on db: any Database) async throws {
        try await db.schrijf { tx in
            try await verwijderTweestaps(g, eindigSessies: false, on: tx)
            try await Audit.schrijf(.tweestapsUit, zelf: g, nu: nu, on: tx)
        }
    }

    /// The second factor and its recovery codes gone (inside the caller's transaction); the
    /// sessions too when beheer does it.
    static func verwijderTweestaps(_ g: Gebruiker, eindigSessies: Bool, on tx: any Database) async throws {
        g.tweestapsGeheim = nil
        g.tweestapsLaatsteStap = nil
        try await g.save(on: tx)
        let id = try g.requireID()
        try await Herstelcode.query(on: tx).filter(\.$gebruiker.$id == id).delete()
        if eindigSessies { try await Sessie.query(on: tx).filter(\.$gebruiker.$id == id).delete() }
    }
}
