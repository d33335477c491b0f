import MeldpuntHTTP
import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Vapor

/// The terugmelding wizard's page models.
extension NieuweTerugmeldingController {
    struct StapLink: Encodable, Sendable { let naam: String; let href: String?; let huidig: Bool; let nummer: Int }

    struct GegevenRij: Encodable, Sendable {
        let index: Int
        let attribuut: String
        let betwijfeld: String
        let voorgesteld: String
        let attribuutFout: String?
        let waardeFout: String?
        let attributen: [Keuze]
    }

    struct BijlageRij: Encodable, Sendable { let id: String; let naam: String; let grootte: String }

    struct Wizard: Encodable, Sendable {
        let stap: String
        let stapNummer: Int
        let stappen: [StapLink]
        /// Opened with "Wijzigen" from the check page: "Volgende" goes back there.
        let terugNaarControle: Bool
        let basis: String
        let actie: String
        let concept: TerugmeldingConcept
        let gemeenten: [String]
        let gegevens: [GegevenRij]
        let bijlagen: [BijlageRij]
        let fouten: [VeldFout]
        let foutVelden: [String: String]
        // For the check step.
        let gemeenteNaam: String
        let persoon: String
        let gegevensTekst: [String]
        /// The terugmelding goes to the RNI (1999): the page lists what does not belong there.
        var naarRNI = false
    }
}
