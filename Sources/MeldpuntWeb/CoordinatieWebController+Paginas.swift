import MeldpuntHTTP
import MeldpuntAdressen
import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Vapor

/// The request pages' models.
extension CoordinatieWebController {
    struct OpschortingRij: Encodable, Sendable { let href: String; let zaaknummer: String; let organisatie: String; let wat: String; let actief: Bool }

    struct Opschortingen: Encodable, Sendable { let rijen: [OpschortingRij]; let alleenActief: Bool }

    struct PartnerRij: Encodable, Sendable { let href: String; let zaaknummer: String; let soort: String; let status: String; let uiterlijk: String; let teLaat: Bool }

    struct PartnerLijst: Encodable, Sendable { let rijen: [PartnerRij]; let alleenOpen: Bool; let bladeren: Bladeren }
}
