import Fluent
import SQLKit
import Foundation
import MeldpuntDomain

/// An MFO case. Personal data sits in `MeldingPersoonsgegevens`, so withdrawing consent can
/// erase it whole while the case keeps its non-personal facts for statistics.
final class Melding: Model, @unchecked Sendable {
    static let schema = "meldingen"

    @ID(key: .id) var id: UUID?
    @Field(key: "zaaknummer") var zaaknummer: String
    @Field(key: "status") var status: String
    @Field(key: "melder_type") var melderType: String
    /// Comma-separated registration codes and free text for "andere registratie" — not personal.
    @Field(key: "registraties") var registraties: String
    @Field(key: "ontvangen_op") var ontvangenOp: Date
    /// Service norm: personal contact within 2 working days.
    @Field(key: "eerste_contact_uiterlijk") var eersteContactUiterlijk: String
    @OptionalField(key: "eerste_contact_op") var eersteContactOp: Date?
    @OptionalParent(key: "behandelaar_id") var behandelaar: Gebruiker?
    @OptionalField(key: "rol") var rol: String?
    @OptionalField(key: "uitkomst") var uitkomst: String?
    @OptionalParent(key: "ingediend_door_id") var ingediendDoor: Organisatie?
    /// SHA-256 of the melder's status-page token.
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "toestemming_op") var toestemmingOp: Date
    @Field(key: "toestemming_versie") var toestemmingVersie: String
    @OptionalField(key: "gesloten_op") var geslotenOp: Date?
    @Field(key: "laatste_volgnummer") var laatsteVolgnummer: Int
    /// The analysis as JSON (`Analyse`): organisations and registrations, nothing personal.
    @OptionalField(key: "analyse") var analyse: String?
    @OptionalField(key: "voorgestelde_rol") var voorgesteldeRol: String?
    /// What the melder can expect next, and by when (YYYY-MM-DD); shown on the status page.
    @OptionalField(key: "volgende_stap") var volgendeStap: String?
    @OptionalField(key: "volgende_stap_op") var volgendeStapOp: String?
    /// The melder's satisfaction after closing, 1–5.
    @OptionalField(key: "tevredenheid") var tevredenheid: Int?
    /// Set with the first contact: was it after the service norm's last day?
    @OptionalField(key: "contact_te_laat") var contactTeLaat: Bool?
    /// Raised by escalating the case itself; nil is operationeel.
    @OptionalField(key: "escalatieniveau") var escalatieniveau: String?

    init() {}

    var meldingStatus: MeldingStatus { MeldingStatus(rawValue: status) ?? .ontvangen }

    var volgendeStapDTO: VolgendeStapDTO? {
        guard let volgendeStap, let volgendeStapOp else { return nil }
        return VolgendeStapDTO(tekst: volgendeStap, datum: volgendeStapOp)
    }
}

/// Everything personal about a case: the request as sent (contact details, BSN, story).
final class MeldingPersoonsgegevens: Model, @unchecked Sendable {
    static let schema = "melding_persoonsgegevens"

    @ID(custom: "melding_id", generatedBy: .user) var id: UUID?
    @Field(key: "inhoud") var inhoud: String
    @OptionalField(key: "bsn") var bsn: String?
    @Field(key: "naam") var naam: String
    /// Names of the melder and the person represented, lower case, for searching.
    @OptionalField(key: "zoeknaam") var zoeknaam: String?

    init() {}
}

/// One event on a case's timeline: status change, note, message, contact.
final class MeldingGebeurtenis: Model, @unchecked Sendable {
    static let schema = "melding_gebeurtenissen"

    @ID(key: .id) var id: UUID?
    @Parent(key: "melding_id") var melding: Melding
    @Field(key: "volgnummer") var volgnummer: Int
    @Field(key: "soort") var soort: String
    @Field(key: "tijdstip") var tijdstip: Date
    @OptionalField(key: "door") var door: String?
    @OptionalField(key: "tekst") var tekst: String?
    /// Shown on the melder's status page.
    @Field(key: "zichtbaar_voor_melder") var zichtbaarVoorMelder: Bool
    /// Non-personal facts of the event as JSON (contact channel and date, role, outcome…):
    /// they stay when the text is erased.
    @OptionalField(key: "gegevens") var gegevens: String?

    init() {}
}

/// One counter per year for case numbers; the unique (jaar, nummer) on meldingen guards races.
final class Zaakteller: Model, @unchecked Sendable {
    static let schema = "zaaktellers"

    @ID(custom: "jaar", generatedBy: .user) var id: Int?
    @Field(key: "laatste") var laatste: Int

    init() {}

    /// The next number of the year in one atomic statement: concurrent intakes (several
    /// instances on PostgreSQL too) wait for the row lock instead of reading the same value.
    static func volgende(_ jaar: Int, on db: any Database) async throws -> Int {
        guard let rij = try await (db as! any SQLDatabase).raw("""
            INSERT INTO \(ident: schema) (jaar, laatste) VALUES (\(bind: jaar), 1)
            ON CONFLICT (jaar) DO UPDATE SET laatste = \(ident: schema).laatste + 1 RETURNING laatste
            """).first()
        else { throw FluentError.noResults }
        return try rij.decode(column: "laatste", as: Int.self)
    }
}

struct CreateMeldingen: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Melding.schema)
            .id()
            .field("zaaknummer", .string, .required)
            .field("status", .string, .required)
            .field("melder_type", .string, .required)
            .field("registraties", .string, .required)
            .field("ontvangen_op", .datetime, .required)
            .field("eerste_contact_uiterlijk", .string, .required)
            .field("eerste_contact_op", .datetime)
            .field("behandelaar_id", .uuid, .references(Gebruiker.schema, .id))
            .field("rol", .string)
            .field("uitkomst", .string)
            .field("ingediend_door_id", .uuid, .references(Organisatie.schema, .id))
            .field("token_hash", .string, .required)
            .field("toestemming_op", .datetime, .required)
            .field("toestemming_versie", .string, .required)
            .field("gesloten_op", .datetime)
            .field("laatste_volgnummer", .int, .required)
            .unique(on: "zaaknummer")
            .unique(on: "token_hash")
            .create()
        try await database.schema(MeldingPersoonsgegevens.schema)
            .field("melding_id", .uuid, .identifier(auto: false), .references(Melding.schema, .id, onDelete: .cascade))
            .field("inhoud", .string, .required)
            .field("bsn", .string)
            .field("naam", .string, .required)
            .create()
        try await database.schema(MeldingGebeurtenis.schema)
            .id()
            .field("melding_id", .uuid, .required, .references(Melding.schema, .id))
            .field("volgnummer", .int, .required)
            .field("soort", .string, .required)
            .field("tijdstip", .datetime, .required)
            .field("door", .string)
            .field("tekst", .string)
            .field("zichtbaar_voor_melder", .bool, .required)
            .unique(on: "melding_id", "volgnummer")
            .create()
        try await database.schema(Zaakteller.schema)
            .field("jaar", .int, .identifier(auto: false))
            .field("laatste", .int, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "idx_meldingen_status").on(Melding.schema).column("status").column("ontvangen_op").run()
    }

    func revert(on database: any Database) async throws {
        for schema in [MeldingGebeurtenis.schema, MeldingPersoonsgegevens.schema, Melding.schema, Zaakteller.schema] {
            try await database.schema(schema).delete()
        }
    }
}

/// An attachment of a melding (personal: erased with the case's personal data).
final class MeldingBijlage: Model, @unchecked Sendable {
    static let schema = "melding_bijlagen"

    @ID(key: .id) var id: UUID?
    @Parent(key: "melding_id") var melding: Melding
    @Field(key: "bestandsnaam") var bestandsnaam: String
    @Field(key: "mime_type") var mimeType: String
    @Field(key: "grootte") var grootte: Int
    @Field(key: "sha256") var sha256: String

    init() {}
}

struct CreateMeldingBijlagen: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MeldingBijlage.schema)
            .id()
            .field("melding_id", .uuid, .required, .references(Melding.schema, .id))
            .field("bestandsnaam", .string, .required)
            .field("mime_type", .string, .required)
            .field("grootte", .int, .required)
            .field("sha256", .string, .required, .references(BijlageInhoud.schema, "sha256"))
            .create()
        // The processing log covers meldingen too.
        try await database.schema(Verwerkingslogregel.schema).field("melding_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Verwerkingslogregel.schema).deleteField("melding_id").update()
        try await database.schema(MeldingBijlage.schema).delete()
    }
}

/// Case handling by staff: the analysis, role, next step and rating on the case; structured
/// timeline facts; the user in the processing log; names to search on.
struct CreateMeldingBehandeling: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite alters a table one column at a time.
        for (veld, type) in [("analyse", DatabaseSchema.DataType.string), ("voorgestelde_rol", .string), ("volgende_stap", .string),
                             ("volgende_stap_op", .string), ("tevredenheid", .int), ("contact_te_laat", .bool)] {
            try await database.schema(Melding.schema).field(.string(veld), type).update()
        }
        try await database.schema(MeldingGebeurtenis.schema).field("gegevens", .string).update()
        try await database.schema(MeldingPersoonsgegevens.schema).field("zoeknaam", .string).update()
        try await database.schema(Verwerkingslogregel.schema).field("gebruiker_id", .uuid).update()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "idx_meldingen_behandelaar").on(Melding.schema).column("behandelaar_id").column("status").run()
        // Cases filed before this step get their search names from what was sent.
        for p in try await MeldingPersoonsgegevens.query(on: database).all() {
            let verzoek = try? JSONDecoder().decode(MeldingVerzoek.self, from: Data(p.inhoud.utf8))
            p.zoeknaam = MeldingPersoonsgegevens.zoeknaam(verzoek ?? MeldingVerzoek(), naam: p.naam)
            try await p.save(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "idx_meldingen_behandelaar").run()
        try await database.schema(Verwerkingslogregel.schema).deleteField("gebruiker_id").update()
        try await database.schema(MeldingPersoonsgegevens.schema).deleteField("zoeknaam").update()
        try await database.schema(MeldingGebeurtenis.schema).deleteField("gegevens").update()
        for veld in ["analyse", "voorgestelde_rol", "volgende_stap", "volgende_stap_op", "tevredenheid", "contact_te_laat"] {
            try await database.schema(Melding.schema).deleteField(.string(veld)).update()
        }
    }
}

extension MeldingPersoonsgegevens {
    static func zoeknaam(_ v: MeldingVerzoek, naam: String) -> String {
        ([naam, v.vertegenwoordigde?.naam ?? "", v.organisatieNaam ?? ""]).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { !$0.isEmpty }.joined(separator: " | ")
    }
}
