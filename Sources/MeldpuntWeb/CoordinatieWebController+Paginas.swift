import MeldpuntHTTP
import MeldpuntAdressen
import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Vapor

/// The request pages' models.
extension CoordinatieWebController {
    struct OpschortingRij: Encodable, Sendable {
        let href: String; let zaaknummer: String; let organisatie: String; let wat: String; let actief: Bool
        /// The case closed without a decision on it: where staff decide.
        var besluitActie: String? = nil
        var besluitVeld: String = ""
        var besluitFout: String? = nil
    }

    /// `map`: actief (on hold now), beslissen (running after the case closed, nothing decided) or alle.
    struct Opschortingen: Encodable, Sendable {
        let rijen: [OpschortingRij]; let map: String; let teBeslissen: Int; let besluiten: [Keuze]
        let fouten: [VeldFout]; let foutVelden: [String: String]
    }

    struct PartnerRij: Encodable, Sendable { let href: String; let zaaknummer: String; let soort: String; let status: String; let uiterlijk: String; let teLaat: Bool }

    struct PartnerLijst: Encodable, Sendable { let rijen: [PartnerRij]; let alleenOpen: Bool; let bladeren: Bladeren }
}
