import MeldpuntHTTP
import MeldpuntCore
import Foundation
import MeldpuntDomain
import Vapor

/// The terugmelding portal pages' models.
extension TerugmeldingenWebController {
    struct Rij: Encodable, Sendable {
        let href: String
        let referentie: String
        let volledigeReferentie: String
        let kenmerk: String?
        let persoon: String
        let afnemer: String
        let bijhouder: String
        let toelichting: String
        let ontvangen: String
        let uiterlijk: String
        let teLaat: Bool
        /// While it waits to be taken up: where the deadline stands ("2 werkdagen te laat").
        let termijn: String?
        let status: String
    }

    struct MapLink: Encodable, Sendable {
        let href: String
        let naam: String
        let actief: Bool
    }

    struct Lijst: Encodable, Sendable {
        let isInbox: Bool
        let map: String
        let mappen: [MapLink]
        let rijen: [Rij]
        let bladeren: Bladeren
        let vanaf: String
        let tot: String
        let teLaat: Bool
        let kenmerk: String
        let persoon: String
        let isZoekresultaat: Bool
        let kanBulk: Bool
        let uitkomsten: [Keuze]
        let fouten: [VeldFout]
        let foutVelden: [String: String]
        let bulkResultaten: [BulkResultaat]
    }

    struct BulkResultaat: Encodable, Sendable { let persoon: String; let gelukt: Bool; let tekst: String }

    struct Intrekken: Encodable, Sendable { let href: String; let referentie: String }
}
