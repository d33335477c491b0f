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
        /// Where the BRP says the person is registered, and the choice that follows from it.
        var brp: BRPSuggestie?
    }

    struct BRPSuggestie: Encodable, Sendable, Equatable {
        let tekst: String
        /// Shown as a warning: the chosen gemeente differs, or the BSN is unknown.
        let waarschuwing: Bool
        let knop: String?
    }

    /// What the wizard says of the BRP's answer for the current BSN, next to the chosen gemeente.
    static func brpSuggestie(_ c: TerugmeldingConcept, _ ref: Referentiedata, _ taal: Taal) -> BRPSuggestie? {
        guard let uitkomst = c.brpUitkomst, c.brpBSN == c.bsn, !c.bsn.isEmpty else { return nil }
        switch uitkomst {
        case "onbeschikbaar":
            return BRPSuggestie(tekst: taal.kies("De BRP kon nu niet worden geraadpleegd. Controleer zelf in welke gemeente de persoon staat ingeschreven.",
                                                 "The BRP could not be consulted just now. Check yourself in which municipality the person is registered."),
                                waarschuwing: false, knop: nil)
        case "nietGevonden":
            return BRPSuggestie(tekst: taal.kies("De BRP kent geen levende persoon met dit BSN. Controleer het BSN.",
                                                 "The BRP knows no living person with this BSN. Check the BSN."), waarschuwing: true, knop: nil)
        default:
            guard let code = c.brpGemeente else { return nil }
            let rni = code == Gemeentecode.rni.description
            let naam = rni ? taal.kies("de RNI (niet-ingezetenen)", "the RNI (non-residents)") : "\(c.brpGemeentenaam ?? ref.gemeente(code)?.naam ?? code) (\(code))"
            let gekozen = NieuweTerugmeldingController.gemeentecode(c.gemeente, ref)
            if gekozen == code {
                return BRPSuggestie(tekst: taal.kies("Volgens de BRP staat deze persoon ingeschreven in \(naam): de gemeente die u koos.",
                                                     "According to the BRP this person is registered in \(naam): the municipality you chose."),
                                    waarschuwing: false, knop: nil)
            }
            let keuze = gekozen.flatMap { g in ref.gemeente(g).map { "\($0.naam) (\(g))" } } ?? c.gemeente
            let tekst = rni
                ? taal.kies("Volgens de BRP staat deze persoon in \(naam). Een terugmelding gaat dan naar RvIG (1999)", "According to the BRP this person is in \(naam). A data report then goes to RvIG (1999)")
                : taal.kies("Volgens de BRP staat deze persoon ingeschreven in \(naam)", "According to the BRP this person is registered in \(naam)")
            return BRPSuggestie(tekst: tekst + (keuze.isEmpty ? "." : taal.kies(", niet in \(keuze) die u koos.", ", not in \(keuze) which you chose.")),
                                waarschuwing: true,
                                knop: rni ? taal.kies("RvIG (RNI) kiezen", "Choose RvIG (RNI)") : taal.kies("\(c.brpGemeentenaam ?? code) kiezen", "Choose \(c.brpGemeentenaam ?? code)"))
        }
    }
}
