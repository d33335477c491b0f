import MeldpuntHTTP
import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Vapor

/// The partner register pages' models.
extension PartnersWebController {
    struct Rij: Encodable, Sendable { let href: String; let naam: String; let soort: String; let registraties: String; let intentieverklaring: String }

    struct Lijst: Encodable, Sendable {
        let rijen: [Rij]
        /// The task page that sent staff here to add an organisation, to go back to after.
        let terug: String?
        let soorten: [Keuze]
        let waarden: [String: String]
        let fouten: [VeldFout]
        let foutVelden: [String: String]
    }

    struct Contact: Encodable, Sendable {
        let id: String; let niveau: String; let naam: String; let functie: String; let email: String; let telefoon: String; let heeftLogin: Bool; let kanLogin: Bool
    }

    struct Detail: Encodable, Sendable {
        let href: String
        let naam: String
        let oin: String
        let contacten: [Contact]
        let soorten: [Keuze]
        let niveaus: [Keuze]
        let waarden: [String: String]
        let fouten: [VeldFout]
        let foutVelden: [String: String]
        let login: String?
        let wachtwoord: String?
    }
}
