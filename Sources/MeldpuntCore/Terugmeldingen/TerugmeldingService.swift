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
    /// `vastlegging`: identifiers the sending system chose (Digimelding's annotation UUIDs) and its
    /// annotations, written in the same batch as the terugmelding.
    package func maak(_ verzoek: TerugmeldingInvoer, door afnemer: OrganisatieDTO, eenmalig: Idempotentie? = nil,
                      vastlegging: Vastlegging? = nil) async throws -> TerugmeldingDetailDTO {
        guard afnemer.heeft(.afnemer) || afnemer.heeft(.meldpunt) else {
            throw Weigering.geenToegang(.rolOntbreekt(.afnemer))
        }
        if let eerder = try await eerder(eenmalig) { return eerder }
        let geldig = try valideer { () throws(ValidatieFouten) in try valideer(verzoek, gemeente: referentie.status(van:)).get() }
        guard let bijhouder = try await Organisatie.query(on: db).filter(\.$gemeentecode == geldig.gemeentecode).first() else {
            throw Weigering.ongeldig(Veld(.terugMeldingHeader, .gemeentecode), "gemeenteOnbekend", Tekst("Deze gemeente (\(geldig.gemeentecode)) is niet als bronhouder aangesloten.", "This municipality (\(geldig.gemeentecode)) is not connected as a keeper."))
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
        let id = vastlegging?.id ?? UUID.v7(ontvangen)
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
        let bijlagen = zip(geldig.bijlagen, hashes).enumerated().map { i, paar in
            let (b, hash) = paar
            let bijlage = Bijlage()
            bijlage.id = vastlegging.flatMap { i < $0.bijlagen.count ? $0.bijlagen[i] : nil } ?? UUID.v7(ontvangen)
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
        if let eigen = vastlegging?.eersteStatus { eerste.id = eigen }

        // Everything the filing writes, as rows the writer inserts with the rest of its batch.
        var rijen = Rijen()
        try rijen.voegToe(tm)
        try rijen.voegToe(TerugmeldingInhoud(terugmeldingID: id, inhoud: inhoud))
        try rijen.voegToe(eerste)
        for b in bijlagen { try rijen.voegToe(b, toegevoegd: ontvangen) }
        for a in vastlegging?.annotaties ?? [] { try rijen.voegToe(a) }
        Terugmeldingtellingen.erbij(tm, in: rijen.tellingen)
        try rijen.voegToe(PatroonWachtrij(bron: .terugmelding, zaakID: id, nu: ontvangen))
        try rijen.voegToe(Verwerkingslog.regel(.aanmaken, organisatie: afnemer.id, terugmelding: id, betrokkene: betrokkene, traceID: traceID, tijdstip: ontvangen))
        for b in try await berichten.terugmeldingAangekomen(tm, bij: bijhouder, doorgestuurd: false, nu: ontvangen, on: db) { try rijen.voegToe(b) }
        if let eenmalig {
            try rijen.voegToe(EenmaligeSleutel(sleutel: eenmalig.sleutel, resultaat: id.tekst, aangemaaktOp: ontvangen, vingerafdruk: eenmalig.vingerafdruk))
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

    package func eerder(_ eenmalig: Idempotentie?) async throws -> TerugmeldingDetailDTO? {
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
    package func zoekAlsPartij(_ id: UUID, _ org: OrganisatieDTO, _ partijen: Set<TerugmeldingPartij>) async throws -> Terugmelding {
        guard let tm = try await Terugmelding.find(id, on: db),
              (partijen.contains(.afnemer) && tm.$afnemer.id == org.id) || (partijen.contains(.bijhouder) && tm.$bijhouder.id == org.id)
        else { throw Weigering.nietGevonden(.terugmelding) }
        return tm
    }

    func detailZonderLog(_ id: UUID, gelezen: Terugmelding? = nil) async throws -> TerugmeldingDetailDTO {
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
    func verwijzingen(_ ids: [UUID]) async throws -> [UUID: OrganisatieVerwijzing] {
        try await (organisaties ?? Organisatiecache()).verwijzingen(ids, on: db)
    }

    func detailDTO(_ tm: Terugmelding, afnemer: OrganisatieVerwijzing, bijhouder: OrganisatieVerwijzing, verzoek: TerugmeldingInvoer,
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
                BijlageDTO(id: try b.requireID().tekst, bestandsnaam: b.bestandsnaam, mimeType: b.mimeType, beschrijving: b.beschrijving,
                           grootte: b.grootte, sha256: b.sha256, gegevenIndex: b.gegevenIndex,
                           href: APIAdres.terugmeldingBijlage(id, bijlage: try b.requireID()))
            },
            statusHistorie: historie)
    }

    /// Processing-log entries for what was read: through the writer, so many reads share one
    /// commit; the caller sees the data only once its entries are durable.
    package func logboek(_ regels: [Verwerkingslogregel]) async throws {
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

        init(_ tm: Terugmelding) throws {
            id = (try tm.requireID()); afnemerId = tm.$afnemer.id; bijhouderId = tm.$bijhouder.id; registratie = tm.registratie; status = tm.status
            referentiekenmerk = tm.referentiekenmerk; ontvangenOp = tm.ontvangenOp; uiterlijkInBehandelingOp = tm.uiterlijkInBehandelingOp
            opgepaktOp = tm.opgepaktOp; bsn = tm.bsn; anummer = tm.anummer; adres = tm.adres; betrokkeneHash = tm.betrokkeneHash
            toelichtingKort = tm.toelichtingKort
        }
    }
}

/// What a sending system fixed itself when filing: the identifiers (Digimelding annotation UUIDs)
/// of the terugmelding, its first status and its attachments, and its annotations as received.
package struct Vastlegging: Sendable {
    package var id: UUID
    package var eersteStatus: UUID?
    package var bijlagen: [UUID]
    package var annotaties: [Annotatierij]

    package init(id: UUID, eersteStatus: UUID? = nil, bijlagen: [UUID] = [], annotaties: [Annotatierij] = []) {
        self.id = id
        self.eersteStatus = eersteStatus
        self.bijlagen = bijlagen
        self.annotaties = annotaties
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
