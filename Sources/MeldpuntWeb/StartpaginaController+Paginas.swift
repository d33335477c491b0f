import Foundation
import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// The start pages' models.
extension StartpaginaController {
    /// One count with where to find its items; `dringend` when waiting makes it worse.
    struct Teller: Encodable, Sendable {
        let aantal: Int
        let tekst: String
        let href: String
        let dringend: Bool
    }

    struct Item: Encodable, Sendable {
        let href: String
        let titel: String
        let detail: String
        let teLaat: Bool
        /// The start of what it is about, so the list can be read without opening each item.
        var tekst: String? = nil
    }

    struct Startpagina: Encodable, Sendable {
        let tellers: [Teller]
        let lijstTitel: String?
        let lijst: [Item]
        let leegTekst: String
        let links: [Keuze]
    }
}
