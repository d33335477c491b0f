import Foundation
import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// The evaluation pages' models.
extension EvaluatiesWebController {
    struct Keuzepagina: Encodable, Sendable { let partners: [Keuze]; let jaren: [Keuze] }

    struct Pagina: Encodable, Sendable {
        let href: String
        let organisatie: String
        let jaar: Int
        let cijfers: CijferPagina
        let conclusieMeldpunt: String?
        let conclusiePartner: String?
        let eigenKant: String
        let waarden: [String: String]
        let fouten: [VeldFout]
        let foutVelden: [String: String]
    }
}
