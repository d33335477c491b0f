import Crypto
import FluentKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain

/// The MFO case engine's shared state and bookkeeping: its connection, clock and outbox, finding
/// a case, recording a step with its events, the read models. The use cases live in the job types
/// (`Meldingintake`, `Meldingbehandeling`, `Melderportaal`, `Meldingoverzicht`,
/// `Verzoekbehandeling`, `Partnerportaal`; see `Meldingwerk.swift`).
package struct MeldingService {
    package let db: any Database
    package let pseudoniemen: Pseudonimiseerder
    package let kalender: Werkdagkalender
    package let nu: Date
    package let traceID: String
    /// Service norm for the first personal contact, in working days.
    package let contactnormWerkdagen: Int
    /// Writes the notifications and events of each step into the outbox.
    package let berichten: Berichtgeving
    /// The safety net's norms (acceptable time, contact rhythm, warning days).
    package var zorgnormen: Zorgnormen = .standaard

    package struct Ontvangen: Codable, Sendable {
        package let zaaknummer: Zaaknummer
        package let status: MeldingStatus
        package let fase: MelderFase
        package let beschrijving: String
        package let eersteContactUiterlijk: Dag
        /// The private link to the status page: shown once, stored only as a hash.
        package let statuspagina: String

        package init(zaaknummer: Zaaknummer, status: MeldingStatus, fase: MelderFase, beschrijving: String, eersteContactUiterlijk: Dag, statuspagina: String) {
            self.zaaknummer = zaaknummer
            self.status = status
            self.fase = fase
            self.beschrijving = beschrijving
            self.eersteContactUiterlijk = eersteContactUiterlijk
            self.statuspagina = statuspagina
        }
    }

    package init(db: any Database, pseudoniemen: Pseudonimiseerder, kalender: Werkdagkalender, nu: Date, traceID: String, contactnormWerkdagen: Int, berichten: Berichtgeving) {
        self.berichten = berichten
        self.db = db
        self.pseudoniemen = pseudoniemen
        self.kalender = kalender
        self.nu = nu
        self.traceID = traceID
        self.contactnormWerkdagen = contactnormWerkdagen
    }

    /// The same service on another connection (inside a transaction).
    package func op(_ database: any Database) -> MeldingService {
        MeldingService(db: database, pseudoniemen: pseudoniemen, kalender: kalender, nu: nu, traceID: traceID, contactnormWerkdagen: contactnormWerkdagen, berichten: berichten)
    }

    /// A single-use key for a create (an API Idempotency-Key or a form's token, already scoped and
    /// hashed): the first request's answer is kept, sealed with `geheim`, and a repeat gets it
    /// back instead of a second melding.
    package struct Eenmalig: Sendable {
        package let sleutel: String
        package let geheim: SymmetricKey
        package var vingerafdruk: String? = nil

        package init(sleutel: String, geheim: SymmetricKey, vingerafdruk: String? = nil) {
            self.sleutel = sleutel
            self.geheim = geheim
            self.vingerafdruk = vingerafdruk
        }
    }
}
