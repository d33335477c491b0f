import MeldpuntCore
import Vapor

/// The use cases as a request sees them: its database, clock and settings.
extension Request {
    var meldingen: MeldingService {
        MeldingService(db: db, pseudoniemen: application.pseudoniemen, kalender: application.kalender, nu: application.klok.nu(),
                       traceID: traceID, contactnormWerkdagen: application.instellingen.contactnormWerkdagen)
    }
}

extension Request {
    var partnerregister: Partnerregister { Partnerregister(db: db, nu: application.klok.nu()) }
}

/// Vapor's password hasher (bcrypt) behind the core's seam.
struct VaporWachtwoorden: Wachtwoordhasher {
    let hasher: any PasswordHasher
    func hash(_ wachtwoord: String) throws -> String { try hasher.hash(wachtwoord) }
    func verify(_ wachtwoord: String, created hash: String) throws -> Bool { try hasher.verify(wachtwoord, created: hash) }
}

extension Application {
    var wachtwoorden: any Wachtwoordhasher { VaporWachtwoorden(hasher: password.sync) }
}
