import FluentKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain
import SQLKit

/// The terugmeld engine: filing, reading, listing and moving terugmeldingen through the
/// Digimelding model. Every method checks the caller's party and writes the processing log.
package struct TerugmeldingService {
    package let db: any Database
    package let referentie: Referentiedata
    package let pseudoniemen: Pseudonimiseerder
    package let kalender: Werkdagkalender
    package let nu: Date
    package let traceID: String
    /// Writes the notifications and events of each step into the outbox.
    package let berichten: Berichtgeving
    /// The server's group-commit writer; without one (CLI, inside another transaction) each
    /// write is a transaction of its own.
    package var schrijver: Schrijver?
    /// Organisation names for answers, shared by the server's requests.
    package var organisaties: Organisatiecache?
    /// Told of every status change inside its transaction (coordination moves a linked request).
    package var bijStatuswijziging: (@Sendable (TerugmeldingGewijzigd, any Database) async throws -> Void)?

    package static let termijnWerkdagen = 5

    /// The same service on another connection (inside a transaction).
    package func op(_ database: any Database) -> TerugmeldingService {
        var t = TerugmeldingService(db: database, referentie: referentie, pseudoniemen: pseudoniemen, kalender: kalender, nu: nu, traceID: traceID, berichten: berichten)
        t.bijStatuswijziging = bijStatuswijziging
        t.organisaties = organisaties
        return t
    }

    // MARK: Filing

    /// Files a terugmelding. With `eenmalig` (an Idempotency-Key, scoped and hashed) a repeat of
    /// the request answers with the terugmelding the first one filed.
    package func maak(_ verzoek: TerugmeldingInvoer, door afnemer: OrganisatieDTO, eenmalig: Idempotentie? = nil) async throws -> TerugmeldingDetailDTO {
        guard afnemer.heeft(.afnemer) || afnemer.heeft(.meldpunt) else {
            throw Weigering.geenToegang(.rolOntbreekt(.afnemer))
        }
        if let eerder = try await eerder(eenmalig) { return eerder }
        let geldig = try valideer { () throws(ValidatieFouten) in try valideer(verzoek, gemeente: referentie.status(van:)).get() }
        guard let bijhouder = try await Organisatie.query(on: db).filter(\.$gemeentecode == geldig.gemeentecode).first() else {
            throw Weigering.ongeldig("terugMeldingHeader.gemeentecode", "gemeenteOnbekend", Tekst("Deze gemeente (\(geldig.gemeentecode)) is niet als bronhouder aangesloten.", "This municipality (\(geldig.gemeentecode)) is not connected as a keeper."))
        }
        let inhoud = String(decoding: try JSONEncoder.compact.encode(geldig.inhoud), as: UTF8.self)

        // Bytes first, outside the transaction: they are content-addressed, so a retry or
        // a failure later leaves nothing inconsistent.
        var opgeslagen: [String] = []
        for b in geldig.bijlagen {
            opgeslagen.append(try await BijlageOpslag.bewaar(b.data, nu: nu, on: db))
        }
        let hashes = opgeslagen

        let ontvangen = nu
        let id = UUID.v7(ontvangen)
        let uiterlijk = try kalender.plusWerkdagen(Self.termijnWerkdagen, na: Dag(ontvangen))
        let betrokkene = (geldig.bsn?.value).map { pseudoniemen.pseudoniem("bsn:" + $0) }
            ?? (geldig.anummer?.value).map { pseudoniemen.pseudoniem("anummer:" + $0) }

        let tm = Terugmelding()
        tm.id = id
        tm.$afnemer.id = afnemer.id
        tm.$bijhouder.id = try bijhouder.requireID()
        tm.registratie = geldig.registratie.code
        tm.status = .gemeld
        tm.referentiekenmerk = geldig.referentiekenmerk
        tm.ontvangenOp = ontvangen
        tm.uiterlijkInBehandelingOp = uiterlijk
        tm.bsn = geldig.bsn?.value
        tm.anummer = geldig.anummer?.value
        tm.adres = geldig.adres
        tm.betrokkeneHash = betrokkene
        tm.toelichtingKort = String((geldig.toelichting ?? "").prefix(200))
        tm.laatsteVolgnummer = 1
        let bijlagen = zip(geldig.bijlagen, hashes).map { b, hash in
            let bijlage = Bijlage()
            bijlage.id = UUID.v7(ontvangen)
            bijlage.$terugmelding.id = id
            bijlage.bestandsnaam = b.bestandsnaam
            bijlage.mimeType = b.mimeType
            bijlage.beschrijving = b.beschrijving
            bijlage.grootte = b.data.count
            bijlage.sha256 = hash
            bijlage.gegevenIndex = b.gegevenIndex
            return bijlage
        }
        let eerste = nieuweStatus(id, volgnummer: 1, .gemeld, door: afnemer.id, tijdstip: ontvangen)

        // Everything the filing writes, as rows the writer inserts with the rest of its batch.
        var rijen = Rijen()
        rijen.voegToe(tm)
        rijen.voegToe(TerugmeldingInhoud(terugmeldingID: id, inhoud: inhoud))
        rijen.voegToe(eerste)
        for b in bijlagen { rijen.voegToe(b, toegevoegd: ontvangen) }
        Terugmeldingtellingen.erbij(tm, in: rijen.tellingen)
        rijen.voegToe(PatroonWachtrij(bron: .terugmelding, zaakID: id, nu: ontvangen))
        rijen.voegToe(Verwerkingslog.regel(.aanmaken, organisatie: afnemer.id, terugmelding: id, betrokkene: betrokkene, traceID: traceID, tijdstip: ontvangen))
        for b in try await berichten.terugmeldingAangekomen(tm, bij: bijhouder, doorgestuurd: false, nu: ontvangen, on: db) { rijen.voegToe(b) }
        if let eenmalig {
            rijen.voegToe(EenmaligeSleutel(sleutel: eenmalig.sleutel, resultaat: id.tekst, aangemaaktOp: ontvangen, vingerafdruk: eenmalig.vingerafdruk))
        }
        do {
            try await schrijver.schrijf(rijen, op: db)
        } catch {
            // The same key at the same moment: the other request filed it.
            if let eerder = try await eerder(eenmalig) { return eerder }
            throw error
        }
        // Everything the answer shows was just written: built from it, not read back.
        let afnemerVerwijzing = OrganisatieVerwijzing(afnemer)
        return try detailDTO(tm, afnemer: afnemerVerwijzing, bijhouder: OrganisatieVerwijzing(bijhouder), verzoek: geldig.inhoud, bijlagen: bijlagen,
                         historie: [StatuswijzigingDTO(volgnummer: 1, status: .gemeld, tijdstip: ontvangen, organisatie: afnemerVerwijzing, toelichting: nil,
                                                       verwachteDatum: nil, nieuweBijhouder: nil, uitkomst: nil)])
    }

    private func eerder(_ eenmalig: Idempotentie?) async throws -> TerugmeldingDetailDTO? {
        guard let eenmalig, let rij = try await EenmaligeSleutel.eerder(eenmalig.sleutel, vingerafdruk: eenmalig.vingerafdruk, on: db),
              let id = UUID(uuidString: rij.resultaat) else { return nil }
        return try await detailZonderLog(id)
    }

    // MARK: Reading

    /// The terugmelding if the caller is party to it; 404 otherwise, so its existence is not revealed.
    package func detail(_ id: UUID, voor org: OrganisatieDTO, als partijen: Set<TerugmeldingPartij>) async throws -> TerugmeldingDetailDTO {
        let tm = try await zoekAlsPartij(id, org, partijen)
        // The entry and the reads at the same time; the answer leaves only once the entry is durable.
        async let logregel: Void = logboek([Verwerkingslog.regel(.raadplegen, organisatie: org.id, terugmelding: id, betrokkene: tm.betrokkeneHash, traceID: traceID, tijdstip: nu)])
        let detail = try await detailZonderLog(id, gelezen: tm)
        try await logregel
        return detail
    }

    /// The terugmelding if the organisation is a party to it in one of the roles it acts in here
    /// (a gemeente's afnemer user never sees the gemeente's inbox).
    private func zoekAlsPartij(_ id: UUID, _ org: OrganisatieDTO, _ partijen: Set<TerugmeldingPartij>) async throws -> Terugmelding {
        guard let tm = try await Terugmelding.find(id, on: db),
              (partijen.contains(.afnemer) && tm.$afnemer.id == org.id) || (partijen.contains(.bijhouder) && tm.$bijhouder.id == org.id)
        else { throw Weigering.nietGevonden(.terugmelding) }
        return tm
    }

    private func detailZonderLog(_ id: UUID, gelezen: Terugmelding? = nil) async throws -> TerugmeldingDetailDTO {
        let db = db
        async let inhoudRij = TerugmeldingInhoud.find(id, on: db)
        async let historieRijen = Statuswijziging.query(on: db).filter(\.$terugmelding.$id == id).sort(\.$volgnummer).all()
        async let bijlagenRijen = Bijlage.query(on: db).filter(\.$terugmelding.$id == id).sort(\.$gegevenIndex).all()
        let gevonden: Terugmelding? = if let gelezen { gelezen } else { try await Terugmelding.find(id, on: db) }
        guard let tm = gevonden, let inhoud = try await inhoudRij else { throw Weigering.nietGevonden(.bron) }
        let verzoek = try JSONDecoder().decode(TerugmeldingInvoer.self, from: Data(inhoud.inhoud.utf8))
        let historie = try await historieRijen
        let bijlagen = try await bijlagenRijen
        let orgs = try await verwijzingen([tm.$afnemer.id, tm.$bijhouder.id] + historie.flatMap { [$0.$organisatie.id, $0.$nieuweBijhouder.id].compactMap { $0 } })
        guard let afnemer = orgs[tm.$afnemer.id], let bijhouder = orgs[tm.$bijhouder.id] else { throw Weigering.nietGevonden(.bron) }
        return try detailDTO(tm, afnemer: afnemer, bijhouder: bijhouder, verzoek: verzoek, bijlagen: bijlagen,
                         historie: historie.map { s in
                             StatuswijzigingDTO(volgnummer: s.volgnummer, status: s.status, tijdstip: s.tijdstip,
                                                organisatie: s.$organisatie.id.flatMap { orgs[$0] }, toelichting: s.toelichting,
                                                verwachteDatum: s.verwachteDatum, nieuweBijhouder: s.$nieuweBijhouder.id.flatMap { orgs[$0] },
                                                uitkomst: s.uitkomst)
                         })
    }

    /// Names of organisations by id: from the shared cache when the server passed one, else read now.
    private func verwijzingen(_ ids: [UUID]) async throws -> [UUID: OrganisatieVerwijzing] {
        try await (organisaties ?? Organisatiecache()).verwijzingen(ids, on: db)
    }

    private func detailDTO(_ tm: Terugmelding, afnemer: OrganisatieVerwijzing, bijhouder: OrganisatieVerwijzing, verzoek: TerugmeldingInvoer,
                           bijlagen: [Bijlage], historie: [StatuswijzigingDTO]) throws -> TerugmeldingDetailDTO {
        let id = try tm.requireID()
        return TerugmeldingDetailDTO(
            terugMeldingReferentie: id.tekst,
            referentieKenmerk: tm.referentiekenmerk,
            status: tm.status,
            beschrijving: Self.beschrijving(tm.status, uiterlijk: tm.uiterlijkInBehandelingOp, bijhouder: bijhouder.naam),
            registratie: tm.registratie,
            afnemer: afnemer,
            bijhouder: bijhouder,
            persoon: PersoonIdentificatie(bsn: tm.bsn, anummer: tm.anummer, adres: tm.adres),
            ontvangenOp: tm.ontvangenOp,
            uiterlijkInBehandelingOp: tm.uiterlijkInBehandelingOp,
            termijnOverschreden: termijnOverschreden(tm),
            terugMelding: verzoek,
            bijlagen: try bijlagen.map { b in
                BijlageDTO(id: b.id!.tekst, bestandsnaam: b.bestandsnaam, mimeType: b.mimeType, beschrijving: b.beschrijving,
                           grootte: b.grootte, sha256: b.sha256, gegevenIndex: b.gegevenIndex,
                           href: APIAdres.terugmeldingBijlage(id, bijlage: try b.requireID()))
            },
            statusHistorie: historie)
    }

    /// Processing-log entries for what was read: through the writer, so many reads share one
    /// commit; the caller sees the data only once its entries are durable.
    private func logboek(_ regels: [Verwerkingslogregel]) async throws {
        guard !regels.isEmpty else { return }
        try await schrijver.schrijf(Verwerkingslog.rijen(regels), op: db)
    }

    package static func beschrijving(_ status: TerugmeldingStatus, uiterlijk: Dag, bijhouder: String) -> String {
        switch status {
        case .gemeld: "De terugmelding is ontvangen door \(bijhouder) en wordt uiterlijk \(Datumweergave.voluit(uiterlijk, .nl)) (binnen \(termijnWerkdagen) werkdagen) in behandeling genomen."
        case .inBehandeling: "\(bijhouder) onderzoekt de terugmelding."
        case .ingepland: "\(bijhouder) heeft het onderzoek ingepland; zie de verwachte datum in de statushistorie."
        case .afgehandeld: "\(bijhouder) heeft de terugmelding afgehandeld; de toelichting zegt wat er is gebeurd."
        case .ingetrokken: "De afnemer heeft de terugmelding ingetrokken."
        case .onvoldoendeInformatie: "\(bijhouder) kon de terugmelding niet afhandelen: er was onvoldoende informatie."
        case .verkeerdeBronhouder: "De terugmelding is doorgestuurd naar een andere bronhouder."
        }
    }

    /// Overdue: still not picked up after the deadline day, or picked up after it.
    package func termijnOverschreden(_ tm: Terugmelding) -> Bool {
        Self.termijnOverschreden(opgepakt: tm.opgepaktOp, uiterlijk: tm.uiterlijkInBehandelingOp, vandaag: Dag(nu))
    }

    static func termijnOverschreden(opgepakt: Dag?, uiterlijk: Dag, vandaag: Dag) -> Bool {
        if let opgepakt { return opgepakt > uiterlijk }
        return vandaag > uiterlijk
    }

    /// A list row as the list reads it: straight from SQL, without building a model per row.
    struct Lijstrij: Decodable {
        let id: UUID
        let afnemerId: UUID
        let bijhouderId: UUID
        let registratie: String
        let status: TerugmeldingStatus
        let referentiekenmerk: String?
        let ontvangenOp: Date
        let uiterlijkInBehandelingOp: Dag
        let opgepaktOp: Dag?
        let bsn: String?
        let anummer: String?
        let adres: String?
        let betrokkeneHash: String?
        let toelichtingKort: String

        // The column names themselves: a key strategy converts every key on every row.
        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, registratie, status, referentiekenmerk, bsn, anummer, adres
            case afnemerId = "afnemer_id", bijhouderId = "bijhouder_id", ontvangenOp = "ontvangen_op"
            case uiterlijkInBehandelingOp = "uiterlijk_in_behandeling_op", opgepaktOp = "opgepakt_op"
            case betrokkeneHash = "betrokkene_hash", toelichtingKort = "toelichting_kort"
        }

        static let kolommen = CodingKeys.allCases.map(\.rawValue).joined(separator: ", ")

        init(_ tm: Terugmelding) {
            id = tm.id!; afnemerId = tm.$afnemer.id; bijhouderId = tm.$bijhouder.id; registratie = tm.registratie; status = tm.status
            referentiekenmerk = tm.referentiekenmerk; ontvangenOp = tm.ontvangenOp; uiterlijkInBehandelingOp = tm.uiterlijkInBehandelingOp
            opgepaktOp = tm.opgepaktOp; bsn = tm.bsn; anummer = tm.anummer; adres = tm.adres; betrokkeneHash = tm.betrokkeneHash
            toelichtingKort = tm.toelichtingKort
        }
    }

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
    private func volgorde(_ filter: Filter) -> DatabaseQuery.Sort.Direction {
        filter.richting == .ontvangen ? .ascending : .descending
    }

    /// The list's ids in order, each branch of the filter one index range in list order
    /// ((organisation, status or lateness, ontvangen_op, id)), merged: a page costs the same at
    /// any depth when it follows a cursor.
    private func volgendeRijen(_ filter: Filter, _ statussen: [TerugmeldingStatus], _ org: OrganisatieDTO, aantal: Int) async throws -> [Lijstrij] {
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
                throw Weigering.ongeldig("after", "onbekend", Tekst("Deze terugmelding staat niet in deze lijst; begin bij de eerste pagina.",
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
    private func gefilterd(_ filter: Filter, _ org: OrganisatieDTO) -> QueryBuilder<Terugmelding> {
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

    // MARK: Status changes

    package func wijzigStatus(_ id: UUID, _ verzoek: StatuswijzigingInvoer, door org: OrganisatieDTO, als partijen: Set<TerugmeldingPartij>) async throws -> TerugmeldingDetailDTO {
        var fouten: [OngeldigeParameter] = []
        func fout(_ n: String, _ c: String, _ r: Tekst) { fouten.append(.init(name: n, code: c, uitleg: r)) }

        let nieuw: TerugmeldingStatus?
        if let s = verzoek.status, !s.isEmpty {
            nieuw = TerugmeldingStatus(lenient: s)
            if nieuw == nil {
                fout("status", "enum", Tekst("Deze status kennen we niet. Kies een status uit de lijst.", "We do not know this status. Choose a status from the list."))
            }
        } else {
            nieuw = nil
            fout("status", "required", Tekst("Geef de nieuwe status.", "Give the new status."))
        }
        let toelichting = verzoek.toelichting?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let t = toelichting, t.isLanger(dan: TerugmeldingLimieten.maxToelichting) {
            fout("toelichting", "maxLength", Tekst("De toelichting is hoogstens \(TerugmeldingLimieten.maxToelichting) tekens.", "The explanation is at most \(TerugmeldingLimieten.maxToelichting) characters."))
        }
        if [.afgehandeld, .onvoldoendeInformatie].contains(nieuw), (toelichting ?? "").isEmpty {
            fout("toelichting", "required", Tekst("Leg in de toelichting uit wat er met de terugmelding is gedaan.", "Explain in the explanation what was done with the data report."))
        }
        var verwachteDatum: Dag?
        if nieuw == .ingepland {
            if let raw = verzoek.verwachteDatum {
                if let d = Dag(raw) {
                    if d < Dag(nu) { fout("verwachteDatum", "verleden", Tekst("De verwachte datum ligt in het verleden.", "The expected date is in the past.")) } else { verwachteDatum = d }
                } else {
                    fout("verwachteDatum", "date", Tekst("Vul een geldige datum in als jjjj-mm-dd.", "Enter a valid date as yyyy-mm-dd."))
                }
            } else {
                fout("verwachteDatum", "required", Tekst("Geef bij ‘Ingepland’ de verwachte datum van afhandeling.", "With ‘Scheduled’, give the expected completion date."))
            }
        }
        var uitkomst: Afhandeluitkomst?
        if let u = verzoek.uitkomst {
            if nieuw != .afgehandeld {
                fout("uitkomst", "nietBijStatus", Tekst("Een uitkomst hoort alleen bij de status ‘Afgehandeld’.", "An outcome belongs only with the status ‘Completed’."))
            } else if let a = Afhandeluitkomst(rawValue: u.lowercased()) {
                uitkomst = a
            } else {
                fout("uitkomst", "enum", Tekst("Kies een uitkomst uit de lijst.", "Choose an outcome from the list."))
            }
        }
        var nieuweBijhouder: Organisatie?
        if nieuw == .verkeerdeBronhouder {
            switch (verzoek.gemeentecode, verzoek.rniDeelnemer) {
            case (let code?, nil):
                switch referentie.status(van: code) {
                case .actueel:
                    nieuweBijhouder = try await Organisatie.query(on: db).filter(\.$gemeentecode == code).first()
                case .beeindigd(let naam, let opvolger):
                    fout("gemeentecode", "gemeenteBeeindigd", Tekst("Gemeente \(naam) bestaat niet meer." + (opvolger.map { " Gebruik gemeentecode \($0)." } ?? ""),
                                                                      "The municipality \(naam) no longer exists." + (opvolger.map { " Use code \($0)." } ?? "")))
                case .onbekend:
                    fout("gemeentecode", "gemeenteOnbekend", Tekst("Er is geen gemeente met code \(code).", "There is no municipality with code \(code)."))
                }
            case (nil, let abo?):
                if !org.heeft(.rni) {
                    fout("rniDeelnemer", "alleenRvIG", Tekst("Alleen RvIG stuurt door naar een RNI-deelnemer.", "Only RvIG forwards to an RNI participant."))
                } else {
                    nieuweBijhouder = try await Organisatie.query(on: db).filter(\.$rniDeelnemerCode == abo).first()
                    if nieuweBijhouder == nil { fout("rniDeelnemer", "onbekend", Tekst("Deze RNI-deelnemer (\(abo)) bestaat niet.", "This RNI participant (\(abo)) does not exist.")) }
                }
            case (nil, nil):
                fout("gemeentecode", "required", org.heeft(.rni) ? Tekst("Kies de juiste gemeente of RNI-deelnemer.", "Choose the right municipality or RNI participant.")
                                                                : Tekst("Kies de juiste gemeente.", "Choose the right municipality."))
            case (.some, .some):
                fout("rniDeelnemer", "éénVan", Tekst("Kies een gemeente of een RNI-deelnemer, niet allebei.", "Choose a municipality or an RNI participant, not both."))
            }
            if let n = nieuweBijhouder, n.id == org.id {
                fout(verzoek.gemeentecode != nil ? "gemeentecode" : "rniDeelnemer", "zelfdeBronhouder", Tekst("U bent zelf de huidige bronhouder; kies een andere.", "You are the current keeper yourself; choose another."))
            }
        } else if verzoek.gemeentecode != nil || verzoek.rniDeelnemer != nil {
            fout(verzoek.gemeentecode != nil ? "gemeentecode" : "rniDeelnemer", "nietBijStatus", Tekst("Een nieuwe bronhouder hoort alleen bij de status ‘Verkeerde bronhouder’.", "A new keeper belongs only with the status ‘Wrong keeper’."))
        }
        if verzoek.verwachteDatum != nil && nieuw != .ingepland {
            fout("verwachteDatum", "nietBijStatus", Tekst("Een verwachte datum hoort alleen bij de status ‘Ingepland’.", "An expected date belongs only with the status ‘Scheduled’."))
        }

        if nieuw == .gemeld {
            fout("status", "nietTeZetten", Tekst("De status ‘Gemeld’ ontstaat alleen bij ontvangst of doorsturen.", "The status ‘Reported’ arises only on receipt or forwarding."))
        }

        // Order of answers: a stranger gets 404, an unknown status 400, the wrong party 403,
        // other field errors 400 (all at once), a step the model does not allow 409.
        let tm = try await zoekAlsPartij(id, org, partijen)
        guard let nieuw, nieuw != .gemeld else { throw Weigering.ongeldig(fouten) }

        let partij = nieuw.gezetDoor
        let isPartij = partijen.contains(partij) && (partij == .afnemer ? tm.$afnemer.id == org.id : tm.$bijhouder.id == org.id)
        if !isPartij {
            throw Weigering.geenToegang(nieuw == .ingetrokken ? .alleenAfnemerTrektIn : .alleenBijhouder(nieuw))
        }
        guard fouten.isEmpty else { throw Weigering.ongeldig(fouten) }
        let huidig = tm.status
        do {
            try controleerStatusovergang(van: huidig, naar: nieuw, door: partij)
        } catch {
            throw Weigering.conflict(.terugmeldingOvergang(van: huidig, naar: nieuw))
        }

        let gelezenVolgnummer = tm.laatsteVolgnummer
        let vorigeBijhouder = tm.$bijhouder.id
        let keuzes = (datum: verwachteDatum, uitkomst: uitkomst, bijhouder: nieuweBijhouder)
        do {
            try await schrijver.schrijf(op: db) { tx in
                var n = tm.laatsteVolgnummer + 1
                let stap = nieuweStatus(id, volgnummer: n, nieuw, door: org.id, tijdstip: nu)
                stap.toelichting = (toelichting?.isEmpty ?? true) ? nil : toelichting
                stap.verwachteDatum = keuzes.datum
                stap.uitkomst = keuzes.uitkomst
                stap.$nieuweBijhouder.id = keuzes.bijhouder?.id
                try await stap.create(on: tx)

                if huidig == .gemeld && tm.opgepaktOp == nil {
                    tm.opgepaktOp = Dag(nu)
                    tm.termijnTeLaat = Dag(nu) > tm.uiterlijkInBehandelingOp
                }
                tm.status = nieuw
                if nieuw == .verkeerdeBronhouder, let nieuweBijhouder = keuzes.bijhouder {
                    // Leaves this inbox and arrives at the right bronhouder as new, with a new deadline.
                    n += 1
                    try await nieuweStatus(id, volgnummer: n, .gemeld, door: nieuweBijhouder.id, tijdstip: nu).create(on: tx)
                    tm.$bijhouder.id = try nieuweBijhouder.requireID()
                    tm.status = .gemeld
                    tm.uiterlijkInBehandelingOp = try kalender.plusWerkdagen(Self.termijnWerkdagen, na: Dag(nu))
                    tm.opgepaktOp = nil
                    tm.termijnTeLaat = nil
                }
                tm.laatsteVolgnummer = n
                try await tm.save(on: tx)
                try await Terugmeldingtellingen.verplaatst(tm, van: vorigeBijhouder, huidig, on: tx)
                let contact = try await TerugmeldingInhoud.find(id, on: tx)
                    .flatMap { try $0.invoer() }?.terugMeldingHeader?.melder?.email
                let doorgestuurd = nieuw == .verkeerdeBronhouder && keuzes.bijhouder != nil
                try await berichten.terugmeldingGewijzigd(tm, status: nieuw, contact: contact, gebeurtenis: !doorgestuurd, nu: nu, on: tx)
                if doorgestuurd, let nieuweBijhouder = keuzes.bijhouder {
                    for b in try await berichten.terugmeldingAangekomen(tm, bij: nieuweBijhouder, doorgestuurd: true, nu: nu, on: tx) { try await b.create(on: tx) }
                }
                try await bijStatuswijziging?(TerugmeldingGewijzigd(
                    terugmelding: id, status: tm.status, uitkomst: keuzes.uitkomst,
                    toelichting: (toelichting?.isEmpty ?? true) ? nil : toelichting, verwachteDatum: keuzes.datum,
                    nieuweBijhouder: keuzes.bijhouder?.id, door: org.naam), tx)
                try await Verwerkingslog.schrijf([Verwerkingslog.regel(.statuswijziging, organisatie: org.id, terugmelding: id, betrokkene: tm.betrokkeneHash, traceID: traceID, tijdstip: nu)], on: tx)
            }
        } catch {
            // The unique (terugmelding, volgnummer) refused a second change at the same moment.
            if let opnieuw = try? await Terugmelding.find(id, on: db), opnieuw.laatsteVolgnummer != gelezenVolgnummer {
                throw Weigering.conflict(.tegelijkGewijzigd)
            }
            throw error
        }
        return try await detailZonderLog(id)
    }

    func nieuweStatus(_ id: UUID, volgnummer: Int, _ status: TerugmeldingStatus, door org: UUID?, tijdstip: Date) -> Statuswijziging {
        let s = Statuswijziging()
        s.id = UUID.v7(tijdstip)
        s.$terugmelding.id = id
        s.volgnummer = volgnummer
        s.status = status
        s.tijdstip = tijdstip
        s.$organisatie.id = org
        return s
    }

    // MARK: Attachments

    package func bijlage(_ id: UUID, _ bijlageID: UUID, voor org: OrganisatieDTO, als partijen: Set<TerugmeldingPartij>) async throws -> (Bijlage, Data) {
        let tm = try await zoekAlsPartij(id, org, partijen)
        guard let b = try await Bijlage.query(on: db).filter(\.$id == bijlageID).filter(\.$terugmelding.$id == id).first(),
              let inhoud = try await BijlageInhoud.find(b.sha256, on: db)
        else { throw Weigering.nietGevonden(.bijlage) }
        try await logboek([Verwerkingslog.regel(.bijlageRaadplegen, organisatie: org.id, terugmelding: id, betrokkene: tm.betrokkeneHash, traceID: traceID, tijdstip: nu)])
        return (b, inhoud.data)
    }


    package init(db: any Database, referentie: Referentiedata, pseudoniemen: Pseudonimiseerder, kalender: Werkdagkalender, nu: Date, traceID: String, berichten: Berichtgeving) {
        self.berichten = berichten
        self.db = db
        self.referentie = referentie
        self.pseudoniemen = pseudoniemen
        self.kalender = kalender
        self.nu = nu
        self.traceID = traceID
    }
}

/// A terugmelding moved: what a listener needs to follow it.
package struct TerugmeldingGewijzigd: Sendable {
    package let terugmelding: UUID
    package let status: TerugmeldingStatus
    package let uitkomst: Afhandeluitkomst?
    package let toelichting: String?
    package let verwachteDatum: Dag?
    package let nieuweBijhouder: UUID?
    /// The organisation that made the change, by name.
    package let door: String
}

extension OrganisatieDTO {
    /// The sides of a terugmelding an organisation's API key acts on: its organisation roles.
    package var terugmeldPartijen: Set<TerugmeldingPartij> {
        var p: Set<TerugmeldingPartij> = []
        if heeft(.afnemer) || heeft(.meldpunt) { p.insert(.afnemer) }
        if heeft(.bronhouder) || heeft(.rni) { p.insert(.bijhouder) }
        return p
    }
}

extension GebruikerDTO {
    /// The side a portal user acts on: the user's own role, not everything the organisation does.
    package var terugmeldPartijen: Set<TerugmeldingPartij> {
        switch rol {
        case .afnemer: [.afnemer]
        case .bijhouder, .rni: [.bijhouder]
        default: []
        }
    }
}

extension JSONEncoder {
    package static let compact: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()
}
