import FluentKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain
import SQLKit

/// The inbox and the sent list: folders, filters, keyset pages.
extension TerugmeldingService {
    // MARK: Listing

    package enum Richting: String, CaseIterable { case ontvangen, verzonden }

    package struct Filter {
        package var richting: Richting
        package var statussen: [TerugmeldingStatus] = []
        package var ontvangenVanaf: Date?
        package var ontvangenTot: Date?
        package var termijnOverschreden: Bool?
        /// Not yet picked up, with the pick-up deadline from today up to and including this day.
        package var bijnaTeLaatTot: Dag?
        /// The afnemer's own reference (exact).
        package var kenmerk: String?
        /// One terugmelding by its referentie.
        package var referentie: UUID?
        /// A person by BSN or A-nummer; only ever from a POST body, never from a URL.
        package var persoon: String?
        package var pagina: Int = 1
        package var paginagrootte: Int = 20
        /// Keyset paging: the page after this terugmelding (its referentie); `pagina` is then ignored.
        package var na: UUID?
        /// Count the whole list even when that means counting the rows (the pages' page links).
        package var telAltijd = false

        package init(richting: Richting, statussen: [TerugmeldingStatus] = [], ontvangenVanaf: Date? = nil, ontvangenTot: Date? = nil, termijnOverschreden: Bool? = nil, kenmerk: String? = nil, referentie: UUID? = nil, persoon: String? = nil, pagina: Int = 1, paginagrootte: Int = 20, na: UUID? = nil) {
            self.na = na
            self.richting = richting
            self.statussen = statussen
            self.ontvangenVanaf = ontvangenVanaf
            self.ontvangenTot = ontvangenTot
            self.termijnOverschreden = termijnOverschreden
            self.kenmerk = kenmerk
            self.referentie = referentie
            self.persoon = persoon
            self.pagina = pagina
            self.paginagrootte = paginagrootte
        }
    }

    /// One page of a list.
    package struct Lijstpagina: Sendable {
        package let items: [TerugmeldingSamenvattingDTO]
        /// The whole list's size: from the kept counts for a folder, counted for a search or
        /// when asked (`telAltijd`), else unknown.
        package let totaal: Int?
        /// Whether a page follows (ask for it with `na` = the last item's referentie).
        package let meer: Bool
    }

    /// How many the filter finds (for a start page's counts; no personal data read, so nothing to log).
    package func aantal(_ filter: Filter, voor org: OrganisatieDTO) async throws -> Int {
        try await gefilterd(filter, org).count()
    }

    package func lijst(_ filter: Filter, voor org: OrganisatieDTO) async throws -> Lijstpagina {
        let statussen = filter.statussen.reduce(into: [TerugmeldingStatus]()) { if !$0.contains($1) { $0.append($1) } }
        // A search by kenmerk, referentie or person finds a handful through its own index.
        let zoekt = filter.kenmerk != nil || filter.referentie != nil || filter.persoon != nil
        let grootte = filter.paginagrootte
        let rijen: [Lijstrij]
        if zoekt {
            let begin = (filter.pagina - 1) * grootte
            rijen = try await gefilterd(filter, org).sort(\.$ontvangenOp, volgorde(filter)).sort(\.$id, volgorde(filter))
                .range(begin..<(begin + grootte + 1)).all().map(Lijstrij.init)
        } else {
            rijen = try await volgendeRijen(filter, statussen, org, aantal: grootte + 1)
        }
        let pagina = Array(rijen.prefix(grootte))
        // One entry per listed person (Logboek Dataverwerkingen: one Betrokkene per entry), written
        // while the rest of the page is gathered; the page leaves only once they are durable.
        async let logregels: Void = logboek(pagina.map {
            Verwerkingslog.regel(.inLijst, organisatie: org.id, terugmelding: $0.id, betrokkene: $0.betrokkeneHash, traceID: traceID, tijdstip: nu)
        })
        let alleenMap = !zoekt && filter.ontvangenVanaf == nil && filter.ontvangenTot == nil && filter.termijnOverschreden == nil && filter.bijnaTeLaatTot == nil
        let totaal: Int? = if alleenMap {
            try await Terugmeldingtellingen.aantal(org.id, filter.richting, statussen: statussen, on: db)
        } else if zoekt || filter.telAltijd {
            try await gefilterd(filter, org).count()
        } else {
            nil
        }
        let orgs = try await verwijzingen(pagina.flatMap { [$0.afnemerId, $0.bijhouderId] })
        let vandaag = Dag(nu)
        let items = try pagina.map { tm in
            guard let afnemer = orgs[tm.afnemerId], let bijhouder = orgs[tm.bijhouderId] else { throw Weigering.nietGevonden(.bron) }
            return TerugmeldingSamenvattingDTO(
                terugMeldingReferentie: tm.id.tekst, referentieKenmerk: tm.referentiekenmerk, status: tm.status,
                registratie: tm.registratie, afnemer: afnemer, bijhouder: bijhouder,
                persoon: PersoonIdentificatie(bsn: tm.bsn, anummer: tm.anummer, adres: tm.adres),
                toelichtingBegin: tm.toelichtingKort, ontvangenOp: tm.ontvangenOp,
                uiterlijkInBehandelingOp: tm.uiterlijkInBehandelingOp,
                termijnOverschreden: Self.termijnOverschreden(opgepakt: tm.opgepaktOp, uiterlijk: tm.uiterlijkInBehandelingOp, vandaag: vandaag),
                href: APIAdres.terugmelding(tm.id))
        }
        try await logregels
        return Lijstpagina(items: items, totaal: totaal, meer: rijen.count > grootte)
    }

    /// Inbox oldest first (work in order of arrival); sent list newest first.
    func volgorde(_ filter: Filter) -> DatabaseQuery.Sort.Direction {
        filter.richting == .ontvangen ? .ascending : .descending
    }

    /// The list's ids in order, each branch of the filter one index range in list order
    /// ((organisation, status or lateness, ontvangen_op, id)), merged: a page costs the same at
    /// any depth when it follows a cursor.
    func volgendeRijen(_ filter: Filter, _ statussen: [TerugmeldingStatus], _ org: OrganisatieDTO, aantal: Int) async throws -> [Lijstrij] {
        let sql = db as! any SQLDatabase
        let oplopend = filter.richting == .ontvangen
        let richting: SQLQueryString = oplopend ? "ASC" : "DESC"
        var gemeen: [SQLQueryString] = [filter.richting == .ontvangen ? "bijhouder_id = \(bind: org.id)" : "afnemer_id = \(bind: org.id)"]
        if let v = filter.ontvangenVanaf { gemeen.append("ontvangen_op >= \(bind: v)") }
        if let t = filter.ontvangenTot { gemeen.append("ontvangen_op < \(bind: t)") }
        var overslaan = 0
        if let na = filter.na {
            guard let cursor = try await Terugmelding.query(on: db).filter(\.$id == na).first(),
                  (filter.richting == .ontvangen ? cursor.$bijhouder.id : cursor.$afnemer.id) == org.id
            else {
                throw Weigering.ongeldig(.after, "onbekend", Tekst("Deze terugmelding staat niet in deze lijst; begin bij de eerste pagina.",
                                                                    "This data report is not in this list; start at the first page."))
            }
            gemeen.append(oplopend ? "(ontvangen_op, id) > (\(bind: cursor.ontvangenOp), \(bind: na))" : "(ontvangen_op, id) < (\(bind: cursor.ontvangenOp), \(bind: na))")
        } else {
            overslaan = (filter.pagina - 1) * filter.paginagrootte
        }

        var takken: [[SQLQueryString]] = []
        if let teLaat = filter.termijnOverschreden {
            // Not picked up yet (Gemeld): late once the deadline day has passed. Picked up: stored.
            if statussen.isEmpty || statussen.contains(.gemeld) {
                let vandaag = Dag(nu)
                takken.append(["status = \(bind: TerugmeldingStatus.gemeld.rawValue)", "opgepakt_op IS NULL",
                               teLaat ? "uiterlijk_in_behandeling_op < \(bind: vandaag)" : "uiterlijk_in_behandeling_op >= \(bind: vandaag)"])
            }
            let opgepakt = statussen.filter { $0 != .gemeld }
            if statussen.isEmpty {
                takken.append(["termijn_te_laat = \(teLaat)"])
            } else if !opgepakt.isEmpty {
                takken.append(["termijn_te_laat = \(teLaat)", "status IN (\(binds: opgepakt.map(\.rawValue)))"])
            }
        } else if statussen.isEmpty {
            takken.append([])
        } else {
            takken = statussen.map { ["status = \(bind: $0.rawValue)"] }
        }
        guard !takken.isEmpty else { return [] }

        let volgorde: SQLQueryString = "ORDER BY ontvangen_op \(richting), id \(richting)"
        func tak(_ voorwaarden: [SQLQueryString], limiet: Int) -> SQLQueryString {
            "SELECT \(unsafeRaw: Lijstrij.kolommen) FROM terugmeldingen WHERE " + (gemeen + voorwaarden).joined(separator: " AND ")
                + " " + volgorde + " LIMIT \(literal: limiet)"
        }
        let vraag: SQLQueryString
        if takken.count == 1 {
            vraag = tak(takken[0], limiet: aantal) + " OFFSET \(literal: overslaan)"
        } else {
            vraag = takken.enumerated().map { i, t in "SELECT * FROM (" + tak(t, limiet: overslaan + aantal) + ") AS t\(literal: i)" }
                .joined(separator: " UNION ALL ") + " " + volgorde + " LIMIT \(literal: aantal) OFFSET \(literal: overslaan)"
        }
        return try await sql.raw(vraag).all(decoding: Lijstrij.self)
    }

    /// The filter as a query (searches and counting).
    func gefilterd(_ filter: Filter, _ org: OrganisatieDTO) -> QueryBuilder<Terugmelding> {
        var q = Terugmelding.query(on: db)
        switch filter.richting {
        case .ontvangen: q = q.filter(\.$bijhouder.$id == org.id)
        case .verzonden: q = q.filter(\.$afnemer.$id == org.id)
        }
        if !filter.statussen.isEmpty { q = q.filter(\.$status ~~ filter.statussen) }
        if let v = filter.ontvangenVanaf { q = q.filter(\.$ontvangenOp >= v) }
        if let t = filter.ontvangenTot { q = q.filter(\.$ontvangenOp < t) }
        if let kenmerk = filter.kenmerk { q = q.filter(\.$referentiekenmerk == kenmerk) }
        if let referentie = filter.referentie { q = q.filter(\.$id == referentie) }
        if let persoon = filter.persoon {
            q = q.group(.or) { $0.filter(\.$bsn == persoon).filter(\.$anummer == persoon) }
        }
        if let tot = filter.bijnaTeLaatTot {
            q = q.filter(\.$opgepaktOp == nil).filter(\.$uiterlijkInBehandelingOp >= Dag(nu)).filter(\.$uiterlijkInBehandelingOp <= tot)
        }
        if let overschreden = filter.termijnOverschreden {
            let vandaag = Dag(nu)
            // Same rule as termijnOverschreden(_:), as a query on indexed columns.
            if overschreden {
                q = q.group(.or) { or in
                    or.group(.and) { $0.filter(\.$opgepaktOp == nil).filter(\.$uiterlijkInBehandelingOp < vandaag) }
                    or.filter(\.$opgepaktOp, .greaterThan, \.$uiterlijkInBehandelingOp)
                }
            } else {
                q = q.group(.or) { or in
                    or.group(.and) { $0.filter(\.$opgepaktOp == nil).filter(\.$uiterlijkInBehandelingOp >= vandaag) }
                    or.filter(\.$opgepaktOp, .lessThanOrEqual, \.$uiterlijkInBehandelingOp)
                }
            }
        }
        return q
    }
}
