import MeldpuntHTTP
import MeldpuntCore
import Crypto
import Foundation
import MeldpuntDomain
import Vapor

/// The citizen form's page models.
extension MeldenController {
    struct ScopePagina: Encodable, Sendable {
        let registraties: [Keuze]
        /// Something wrong in a registration, or right data used wrongly.
        let probleemsoorten: [Keuze]
        let registratie: String
        let alBenaderd: String
        let bezwaar: String
        let bezig: Bool
        let gewist: Bool
        let fouten: [VeldFout]
        let foutVelden: [String: String]
    }

    struct EerstZelf: Encodable, Sendable {
        let organisatie: String
        let website: String?
        let telefoon: String?
        let reden: String
        let fout: String?
    }

    struct Ontvangen: Encodable, Sendable {
        let zaaknummer: String
        let link: String
        let pad: String
        let contactUiterlijk: String
        let perMail: Bool
        let perBrief: Bool
    }
}
