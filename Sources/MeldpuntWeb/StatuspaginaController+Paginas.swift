import MeldpuntHTTP
import MeldpuntCore
import MeldpuntDomain
import Vapor

/// The melder's status pages' models.
extension StatuspaginaController {
    struct KwijtPagina: Encodable, Sendable {
        let zaaknummer: String
        let email: String
        /// Field → message in the reader's language, and the summary above the form.
        let fouten: [String: String]
        let samenvatting: [Foutregel]
        let verstuurd: Bool
    }

    struct Foutregel: Encodable, Sendable { let veld: String; let tekst: String }

    struct Intrekken: Encodable, Sendable { let actie: String; let terug: String }
}
