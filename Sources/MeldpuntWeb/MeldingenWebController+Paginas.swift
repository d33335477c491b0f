import MeldpuntHTTP
import MeldpuntAdressen
import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Vapor

/// The case pages' models (the case page itself is Meldingen/MeldingPagina).
extension MeldingenWebController {
    struct Rij: Encodable, Sendable {
        let href: String
        let zaaknummer: String
        let naam: String
        let omschrijving: String?
        /// Other cases of the same person, linked.
        let zelfdePersoon: [Keuze]
        let melderType: String
        let registraties: String?
        let ontvangen: String
        let contactUiterlijk: String
        let teLaat: Bool
        let verzoekTeLaat: Bool
        let ongelezen: Bool
        let status: String
        let behandelaar: String?
        /// What presses for the person: a pay-by day, a promised step, the acceptable time passed.
        var urgent: [String] = []
    }

    struct Lijst: Encodable, Sendable {
        let mappen: [TerugmeldingenWebController.MapLink]
        let rijen: [Rij]
        let bladeren: Bladeren
        let statussen: [Keuze]
        let zoekterm: String
        let isZoekresultaat: Bool
        /// Sort links for a folder or state list (none on search results).
        let sorteringen: [TerugmeldingenWebController.MapLink]
        let fouten: [VeldFout]
        let foutVelden: [String: String]
    }
}
