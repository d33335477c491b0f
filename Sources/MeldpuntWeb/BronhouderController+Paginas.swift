import MeldpuntHTTP
import MeldpuntCore
import Fluent
import MeldpuntDomain
import Vapor

/// The bronhouder pages' models.
extension BronhouderController {
    struct InstellingenPagina: Encodable, Sendable {
        let organisatie: String
        let meldingEmail: String
        /// What arrives at that address: new terugmeldingen (bronhouder) or new meldingen and replies (meldpunt).
        let hint: String
        let fout: String?
        let bezorging: [Keuze]
        var foutBezorging: String? = nil
    }
}
