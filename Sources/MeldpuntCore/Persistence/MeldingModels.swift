import FluentKit
import SQLKit
import Foundation
import MeldpuntDomain

/// An MFO case. Personal data sits in `MeldingPersoonsgegevens`, so withdrawing consent can
/// erase it whole while the case keeps its non-personal facts for statistics.
package final class Melding: Model, @unchecked Sendable {
    package static let schema = "meldingen"

    @ID(key: .id) package var id: UUID?
    @Field(key: "zaaknummer") package var zaaknummer: String
    @Field(key: "status") package var status: MeldingStatus
    @Field(key: "melder_type") package var melderType: MelderType
    /// Comma-separated registration codes and free text for "andere registratie" — not personal.
    @Field(key: "registraties") package var registraties: String
    @Field(key: "ontvangen_op") package var ontvangenOp: Date
    /// Service norm: personal contact within 2 working days.
    @Field(key: "eerste_contact_uiterlijk") package var eersteContactUiterlijk: Dag
    @OptionalField(key: "eerste_contact_op") package var eersteContactOp: Date?
    @OptionalParent(key: "behandelaar_id") package var behandelaar: Gebruiker?
    @OptionalField(key: "rol") package var rol: MeldpuntRol?
    @OptionalField(key: "uitkomst") package var uitkomst: MeldingUitkomst?
    /// Why it closed without analysis or personal contact (nil: it had both).
    @OptionalField(key: "afsluitgrond") package var afsluitgrond: Afsluitgrond?
    /// What the melder said at intake (nil: a wrong data item, as before the question existed).
    @OptionalField(key: "probleemsoort") package var probleemsoort: Probleemsoort?
    /// What the analysis found; the same as in `analyse`, as a column for the figures.
    @OptionalField(key: "bevinding") package var bevinding: Probleemsoort?
    @OptionalParent(key: "ingediend_door_id") package var ingediendDoor: Organisatie?
    /// SHA-256 of the melder's status-page token.
    @Field(key: "token_hash") package var tokenHash: String
    @Field(key: "toestemming_op") package var toestemmingOp: Date
    @Field(key: "toestemming_versie") package var toestemmingVersie: String
    @OptionalField(key: "gesloten_op") package var geslotenOp: Date?
    @Field(key: "laatste_volgnummer") package var laatsteVolgnummer: Int
    /// The analysis as JSON (`Analyse`): organisations and registrations, nothing personal.
    @OptionalField(key: "analyse") package var analyse: String?
    @OptionalField(key: "voorgestelde_rol") package var voorgesteldeRol: MeldpuntRol?
    /// What the melder can expect next, and by when (YYYY-MM-DD); shown on the status page.
    @OptionalField(key: "volgende_stap") package var volgendeStap: String?
    @OptionalField(key: "volgende_stap_op") package var volgendeStapOp: Dag?
    /// The melder's satisfaction after closing, 1–5.
    @OptionalField(key: "tevredenheid") package var tevredenheid: Int?
    /// Set with the first contact: was it after the service norm's last day?
    @OptionalField(key: "contact_te_laat") package var contactTeLaat: Bool?
    /// Raised by escalating the case itself; nil is operationeel.
    @OptionalField(key: "escalatieniveau") package var escalatieniveau: Escalatieniveau?
    /// The melder or a partner wrote something staff have not opened yet.
    @Field(key: "ongelezen") package var ongelezen: Bool
    /// The safety net's days (`Zorgnormen`): the earliest pay-by day of a consequence not yet
    /// repaired, the day the case passes its acceptable time, the day the melder is due a contact.
    /// How it came in (nil: before this was kept; read as the form or an organisation's system).
    @OptionalField(key: "binnenkomst") package var binnenkomst: Binnenkomst?
    @OptionalField(key: "betalen_uiterlijk") package var betalenUiterlijk: Dag?
    @OptionalField(key: "doorlooptijd_uiterlijk") package var doorlooptijdUiterlijk: Dag?
    @OptionalField(key: "contact_volgende_op") package var contactVolgendeOp: Dag?
    /// The case's reference in the system it was imported from (unique): a second import skips it.
    @OptionalField(key: "extern_kenmerk") package var externKenmerk: String?
    /// The team that handles it: routed on arrival by registration, changed by staff.
    @OptionalParent(key: "team_id") package var team: Team?

    package init() {}


    package var volgendeStapDTO: VolgendeStapDTO? {
        guard let volgendeStap, let volgendeStapOp else { return nil }
        return VolgendeStapDTO(tekst: volgendeStap, datum: volgendeStapOp)
    }
}

/// Everything personal about a case: the request as sent (contact details, BSN, story).
package final class MeldingPersoonsgegevens: Model, @unchecked Sendable {
    package static let schema = "melding_persoonsgegevens"

    @ID(custom: "melding_id", generatedBy: .user) package var id: UUID?
    @Field(key: "inhoud") package var inhoud: String
    @OptionalField(key: "bsn") package var bsn: String?
    @Field(key: "naam") package var naam: String
    /// Names of the melder and the person represented, lower case, for searching.
    @OptionalField(key: "zoeknaam") package var zoeknaam: String?
    /// Names, address, place, organisations and description, lower case, for free-text search.
    @OptionalField(key: "zoektekst") package var zoektekst: String?

    package init() {}
}

/// One event on a case's timeline: status change, note, message, contact.
package final class MeldingGebeurtenis: Model, @unchecked Sendable {
    package static let schema = "melding_gebeurtenissen"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "melding_id") package var melding: Melding
    @Field(key: "volgnummer") package var volgnummer: Int
    @Field(key: "soort") package var soort: Gebeurtenissoort
    @Field(key: "tijdstip") package var tijdstip: Date
    @OptionalField(key: "door") package var door: String?
    @OptionalField(key: "tekst") package var tekst: String?
    /// Shown on the melder's status page.
    @Field(key: "zichtbaar_voor_melder") package var zichtbaarVoorMelder: Bool
    /// Non-personal facts of the event as JSON (contact channel and date, role, outcome…):
    /// they stay when the text is erased.
    @OptionalField(key: "gegevens") package var gegevens: String?

    package init() {}
}

/// One counter per year for case numbers; the unique (jaar, nummer) on meldingen guards races.
package final class Zaakteller: Model, @unchecked Sendable {
    package static let schema = "zaaktellers"

    @ID(custom: "jaar", generatedBy: .user) package var id: Int?
    @Field(key: "laatste") package var laatste: Int

    package init() {}

    /// The next number of the year in one atomic statement: concurrent intakes (several
    /// instances on PostgreSQL too) wait for the row lock instead of reading the same value.
    package static func volgende(_ jaar: Int, on db: any Database) async throws -> Int {
        guard let rij = try await (db as! any SQLDatabase).raw("""
            INSERT INTO \(ident: schema) (jaar, laatste) VALUES (\(bind: jaar), 1)
            ON CONFLICT (jaar) DO UPDATE SET laatste = \(ident: schema).laatste + 1 RETURNING laatste
            """).first()
        else { throw FluentError.noResults }
        return try rij.decode(column: "laatste", as: Int.self)
    }
}

/// An attachment of a melding (personal: erased with the case's personal data).
package final class MeldingBijlage: Model, @unchecked Sendable {
    package static let schema = "melding_bijlagen"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "melding_id") package var melding: Melding
    @Field(key: "bestandsnaam") package var bestandsnaam: String
    @Field(key: "mime_type") package var mimeType: String
    @Field(key: "grootte") package var grootte: Int
    @Field(key: "sha256") package var sha256: String
    /// Added by staff (a letter received, a call note): not on the melder's page. nil: the melder's.
    @OptionalField(key: "van_meldpunt") package var vanMeldpunt: Bool?

    package init() {}
}

extension MeldingPersoonsgegevens {
    /// A new case's personal data: what the melder sent (`inhoud`, without file bytes), the data
    /// subject's BSN, the melder's name and the search columns.
    package convenience init(melding id: UUID, invoer: MeldingInvoer, inhoud: String) {
        self.init()
        self.id = id
        self.inhoud = inhoud
        self.bsn = Self.betrokkeneBSN(invoer)
        self.naam = invoer.melder?.naam ?? ""
        self.zoeknaam = Self.zoeknaam(invoer, naam: self.naam)
        self.zoektekst = Self.zoektekst(invoer)
    }

    /// The data subject: the person represented when an intermediary reports, else the melder.
    package static func betrokkeneBSN(_ v: MeldingInvoer) -> String? {
        [v.vertegenwoordigde?.bsn, v.melder?.bsn].compactMap { $0 }.first { !$0.isEmpty }
    }

    package static func zoektekst(_ v: MeldingInvoer) -> String {
        let personen = [v.melder, v.vertegenwoordigde].compactMap { $0 }.flatMap { [$0.naam, $0.adres, $0.postcode, $0.woonplaats, $0.email] }
        let delen: [String?] = personen + [v.organisatieNaam, v.kvkNummer, v.watIsFout, v.watMoetHetZijn, v.andereRegistratie]
            + (v.betrokkenOrganisaties ?? []).map { $0 } + (v.gevolgen ?? []).flatMap { [$0.organisatie, $0.omschrijving] }
        return delen.compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }.filter { !$0.isEmpty }.joined(separator: " | ")
    }

    package static func zoeknaam(_ v: MeldingInvoer, naam: String) -> String {
        ([naam, v.vertegenwoordigde?.naam ?? "", v.organisatieNaam ?? ""]).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { !$0.isEmpty }.joined(separator: " | ")
    }
}

/// A consequence the melder named, followed until repaired or not repairable (issue 29, point 9).
/// Kind and organisation are not personal; the explanation may be and goes with consent withdrawal.
package final class MeldingGevolg: Model, @unchecked Sendable {
    package static let schema = "melding_gevolgen"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "melding_id") package var melding: Melding
    /// 1, 2, … in the order the melder named them.
    @Field(key: "nummer") package var nummer: Int
    @Field(key: "soort") package var soort: GevolgSoort
    @OptionalField(key: "organisatie") package var organisatie: String?
    @Field(key: "status") package var status: HerstelStatus
    @OptionalField(key: "door") package var door: String?
    @OptionalField(key: "toelichting") package var toelichting: String?
    @OptionalField(key: "gewijzigd_op") package var gewijzigdOp: Date?
    /// The day the melder must pay or act by (a fine, a claim), as they named it.
    @OptionalField(key: "uiterlijk") package var uiterlijk: Dag?

    package init() {}

    package init(melding: UUID, nummer: Int, soort: GevolgSoort, organisatie: String?) {
        self.id = UUID()
        self.$melding.id = melding
        self.nummer = nummer
        self.soort = soort
        self.organisatie = organisatie
        self.status = .teHerstellen
    }

    /// The consequences of what the melder sent, numbered as they named them (rows without a kind are none).
    /// The earliest pay-by day among consequences not yet repaired: what is most urgent for the melder.
    package static func betalenUiterlijk(_ gevolgen: [MeldingGevolg]) -> Dag? {
        gevolgen.filter { !$0.status.isAfgerond }.compactMap(\.uiterlijk).min()
    }

    package static func uit(_ invoer: MeldingInvoer, melding: UUID) -> [MeldingGevolg] {
        (invoer.gevolgen ?? []).enumerated().compactMap { i, g in
            g.soort.flatMap(GevolgSoort.init(rawValue:)).map {
                let r = MeldingGevolg(melding: melding, nummer: i + 1, soort: $0,
                                      organisatie: g.organisatie.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : String($0.prefix(200)) })
                r.uiterlijk = g.uiterlijkeDatum.flatMap(Dag.init)
                return r
            }
        }
    }
}
