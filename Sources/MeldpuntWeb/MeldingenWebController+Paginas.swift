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
        /// Ticked for a bulk step (kept after a refused one).
        var gekozen = false
        /// What presses for the person: a pay-by day, a promised step, the acceptable time passed.
        var urgent: [String] = []
    }

    struct Lijst: Encodable, Sendable {
        let mappen: [TerugmeldingenWebController.MapLink]
        let rijen: [Rij]
        let bladeren: Bladeren
        let zoekterm: String
        let isZoekresultaat: Bool
        /// Sort links for a folder or filtered list (none on search results).
        let sorteringen: [TerugmeldingenWebController.MapLink]
        let fouten: [VeldFout]
        let foutVelden: [String: String]
        /// The filter form's choices, the current filter's query (to keep it) and the person's kept filters.
        let filter: Filterkeuzes
        let bewaardeFilters: [BewaardeFilterLink]
        let zoekvraag: String?
        /// The list as a CSV file (not on search results: those come from a POST).
        let exportHref: String?
        /// The bulk form: where to come back to, and its choices.
        let terug: String
        let bulk: Bulkkeuzes
        let waarden: [String: String]
        /// Not on search results: they come from a POST, so a refused step could not show them again.
        let kanBulk: Bool
        /// After a bulk step: how many were done, and the cases where it could not be done.
        let bulkGedaan: Int?
        let bulkKlaar: Bool
        let bulkGedaanTekst: String
        let bulkNietGelukt: [BulkWeigering]
    }

    struct Filterkeuzes: Encodable, Sendable {
        let statussen, registraties, binnenkomsten, behandelaars, teams: [Keuze]
        let actief: Bool
    }

    struct BewaardeFilterLink: Encodable, Sendable {
        let href, naam, verwijderHref: String
        let actief: Bool
    }

    struct BulkWeigering: Encodable, Sendable { let href, zaaknummer, reden: String }

    struct Bulkkeuzes: Encodable, Sendable {
        let medewerkers, teams, standaardteksten, uitkomsten, scopeRedenen, afsluitgronden: [Keuze]
    }
}
