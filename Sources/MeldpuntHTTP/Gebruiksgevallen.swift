import MeldpuntCore
import MeldpuntDomain
import Fluent
import Vapor

/// The use cases as a request sees them: its database, clock and settings.
extension Request {
    package var meldingen: MeldingService {
        var s = MeldingService(db: db, pseudoniemen: application.pseudoniemen, kalender: application.kalender, nu: application.klok.nu(),
                               traceID: traceID, contactnormWerkdagen: application.instellingen.contactnormWerkdagen, berichten: application.berichtgeving)
        s.zorgnormen = application.instellingen.zorgnormen
        return s
    }
}

extension Request {
    package var adviezen: Adviesregister { Adviesregister(meldingen: meldingen) }
    package var overleggen: Overlegregister { Overlegregister(meldingen: meldingen) }
}

extension Request {
    package var partnerregister: Partnerregister { Partnerregister(db: db, nu: application.klok.nu()) }
}

/// Vapor's password hasher (bcrypt) behind the core's seam.
package struct VaporWachtwoorden: Wachtwoordhasher {
    package let hasher: any PasswordHasher
    package func hash(_ wachtwoord: String) throws -> String { try hasher.hash(wachtwoord) }
    package func verify(_ wachtwoord: String, created hash: String) throws -> Bool { try hasher.verify(wachtwoord, created: hash) }

    package init(hasher: any PasswordHasher) {
        self.hasher = hasher
    }
}

extension Application {
    package var wachtwoorden: any Wachtwoordhasher { VaporWachtwoorden(hasher: password.sync) }
}

extension JSONEncoder {
    /// UTC timestamps in ISO 8601, as the API design rules ask.
    package static let api: JSONEncoder = .utc
}

extension JSONDecoder {
    package static let api: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }()
}

// MARK: Application-wide services

package struct Klok: Sendable {
    package let nu: @Sendable () -> Date
    package static let systeem = Klok { Date() }

    package init(nu: @escaping @Sendable () -> Date) {
        self.nu = nu
    }
}

extension Application {
    private struct ReferentiedataKey: StorageKey { typealias Value = Referentiedata }
    private struct GeheimenKey: StorageKey { typealias Value = Geheimen }
    private struct KlokKey: StorageKey { typealias Value = Klok }

    package var referentiedata: Referentiedata {
        get { storage[ReferentiedataKey.self] ?? .gebundeld }
        set { storage[ReferentiedataKey.self] = newValue }
    }

    /// Set once in `configure`, before any route runs.
    package var geheimen: Geheimen {
        get { storage[GeheimenKey.self]! }
        set { storage[GeheimenKey.self] = newValue }
    }

    package var pseudoniemen: Pseudonimiseerder { geheimen.pseudoniemen }

    /// The clock the engine reads; tests set a fixed one.
    package var klok: Klok {
        get { storage[KlokKey.self] ?? .systeem }
        set { storage[KlokKey.self] = newValue }
    }

    package var kalender: Werkdagkalender { .standaard }

    private struct BezorgersKey: StorageKey { typealias Value = any Bezorgers }

    /// The transports (SMTP or the mail folder, HTTP for webhooks), set once in `configure`; tests put their own in.
    package var bezorgers: any Bezorgers {
        get { storage[BezorgersKey.self]! }
        set { storage[BezorgersKey.self] = newValue }
    }

    /// The outbox writer, with the public address and the meldpunt's OIN from the settings, and its
    /// contact details as beheer last set them.
    package var berichtgeving: Berichtgeving {
        Berichtgeving(publiekeUrl: instellingen.publiekeUrl, oin: instellingen.meldpuntOIN, contact: contactbron.huidig)
    }

    private struct ContactbronKey: StorageKey { typealias Value = Contactbron }

    /// The meldpunt's contact details: beheer's, else the operator's settings.
    package var contactbron: Contactbron {
        get {
            if let c = storage[ContactbronKey.self] { return c }
            let c = Contactbron(standaard: instellingen.contact)
            storage[ContactbronKey.self] = c
            return c
        }
        set { storage[ContactbronKey.self] = newValue }
    }
}

extension Application {
    private struct BRPKey: StorageKey { typealias Value = any BRPBevrager }

    /// The BRP, when configured (MELDPUNT_BRP_URL).
    package var brp: (any BRPBevrager)? {
        get { storage[BRPKey.self] }
        set { storage[BRPKey.self] = newValue }
    }
}

extension Request {
    /// BRP lookups for this request, each logged with its purpose.
    package var brp: BRPRaadpleging {
        BRPRaadpleging(bevrager: application.brp, pseudoniemen: application.pseudoniemen, db: db, schrijver: application.schrijver,
                       traceID: traceID, nu: application.klok.nu())
    }

    /// The terugmeld engine, its status changes wired to the case engine.
    package var terugmeldingen: TerugmeldingService { coordinatie.terugmeldingen }

    package var coordinatie: Coordinatie {
        var terugmeldingen = TerugmeldingService(db: db, referentie: application.referentiedata, pseudoniemen: application.pseudoniemen,
                                                 kalender: application.kalender, nu: application.klok.nu(), traceID: traceID,
                                                 berichten: application.berichtgeving)
        terugmeldingen.schrijver = application.schrijver
        terugmeldingen.organisaties = application.organisatiecache
        return Coordinatie(meldingen: meldingen, terugmeldingen: terugmeldingen)
    }
}

extension Application {
    package func abonnementen(nu: Date, db: (any Database)? = nil) -> Abonnementen {
        Abonnementen(db: db ?? self.db, sleutel: geheimen.abonnementen, bezorgers: bezorgers, berichten: berichtgeving,
                     alleenPubliek: !instellingen.privateCallbacks, nu: nu)
    }
}

extension Request {
    /// The caller's subscriptions to events.
    package var abonnementen: Abonnementen { application.abonnementen(nu: application.klok.nu(), db: db) }

    /// Beheer's view of the outbox.
    package var postvak: Postvak { Postvak(db: db, nu: application.klok.nu()) }
}

extension Request {
    /// The signalen register: proposals, signalen and their course.
    package var signaalregister: Signaalregister {
        var r = Signaalregister(db: db, nu: application.klok.nu(), berichten: application.berichtgeving)
        r.pseudoniemen = application.pseudoniemen
        r.traceID = traceID
        return r
    }
}

extension Request {
    /// The figures of dashboards, exports and the public page, as of today.
    package var cijferboek: Cijferboek { Cijferboek(db: db, vandaag: Dag(application.klok.nu())) }

    /// The period of `van` and `tot` in the query, every wrong one at once. `leegIsAfwezig`: a
    /// page's cleared date field means "not given"; the API refuses an empty date.
    package func periode(leegIsAfwezig: Bool, vanafJaarbegin: Bool = false) throws -> Periode {
        try valideer { () throws(ValidatieFouten) in
            try Periode.valideer(van: queryWaarde("van"), tot: queryWaarde("tot"), vandaag: Dag(application.klok.nu()), leegIsAfwezig: leegIsAfwezig,
                                 vanafJaarbegin: vanafJaarbegin)
        }
    }
}

extension Application {
    /// The retention job outside a request (the planner, the CLI), with a trace of its own.
    package func bewaring(traceID: String) -> Bewaring {
        var meldingen = MeldingService(db: db, pseudoniemen: pseudoniemen, kalender: kalender, nu: klok.nu(), traceID: traceID,
                                       contactnormWerkdagen: instellingen.contactnormWerkdagen, berichten: berichtgeving)
        meldingen.zorgnormen = instellingen.zorgnormen
        var terugmeldingen = TerugmeldingService(db: db, referentie: referentiedata, pseudoniemen: pseudoniemen, kalender: kalender, nu: klok.nu(),
                                                 traceID: traceID, berichten: berichtgeving)
        terugmeldingen.schrijver = schrijver
        terugmeldingen.organisaties = organisatiecache
        let c = Coordinatie(meldingen: meldingen, terugmeldingen: terugmeldingen)
        return Bewaring(meldingen: c.meldingen, terugmeldingen: c.terugmeldingen, termijnen: instellingen.bewaartermijnen)
    }
}
