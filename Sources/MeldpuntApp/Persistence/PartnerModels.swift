import Fluent
import Foundation
import MeldpuntDomain
import SQLKit

/// A contact person of a partner organisation at one escalation level; may have a login.
final class Contactpersoon: Model, @unchecked Sendable {
    static let schema = "contactpersonen"

    @ID(key: .id) var id: UUID?
    @Parent(key: "organisatie_id") var organisatie: Organisatie
    @Field(key: "niveau") var niveau: String
    @Field(key: "naam") var naam: String
    @OptionalField(key: "functie") var functie: String?
    @OptionalField(key: "email") var email: String?
    @OptionalField(key: "telefoon") var telefoon: String?
    @OptionalParent(key: "gebruiker_id") var gebruiker: Gebruiker?
    @Field(key: "actief") var actief: Bool

    init() {}
}

/// One request from the meldpunt to a partner organisation within a case.
final class Verzoek: Model, @unchecked Sendable {
    static let schema = "verzoeken"

    @ID(key: .id) var id: UUID?
    @Parent(key: "melding_id") var melding: Melding
    @Parent(key: "organisatie_id") var organisatie: Organisatie
    /// 1, 2, 3… within the case, in the order sent; unique per case.
    @Field(key: "nummer") var nummer: Int
    @Field(key: "soort") var soort: String
    @Field(key: "status") var status: String
    @Field(key: "vraag") var vraag: String
    /// Comma-separated `GedeeldGegeven`s: what of the case this partner may see.
    @Field(key: "gedeeld") var gedeeld: String
    /// The agreed deadline (YYYY-MM-DD) and who set it last: meldpunt or partner.
    @OptionalField(key: "uiterlijk") var uiterlijk: String?
    @OptionalField(key: "termijn_door") var termijnDoor: String?
    @Field(key: "niveau") var niveau: String
    /// The partner's contact person at the current level: party to the request.
    @OptionalParent(key: "contactpersoon_id") var contactpersoon: Contactpersoon?
    @OptionalField(key: "reden") var reden: String?
    @OptionalField(key: "opschorting_actie") var opschortingActie: String?
    @OptionalField(key: "opschorting_kenmerk") var opschortingKenmerk: String?
    @OptionalField(key: "opschorting_tot") var opschortingTot: String?
    /// When the partner confirmed the suspension, and when it was lifted.
    @OptionalField(key: "opgeschort_op") var opgeschortOp: Date?
    @OptionalField(key: "opgeheven_op") var opgehevenOp: Date?
    @OptionalField(key: "overleg_datum") var overlegDatum: String?
    @OptionalField(key: "overleg_deelnemers") var overlegDeelnemers: String?
    @OptionalField(key: "overleg_verslag") var overlegVerslag: String?
    /// A terugmelding filed for this correction: its progress moves the request.
    @OptionalParent(key: "terugmelding_id") var terugmelding: Terugmelding?
    @Field(key: "aangemaakt_op") var aangemaaktOp: Date
    @Field(key: "laatste_volgnummer") var laatsteVolgnummer: Int

    init() {}

    var verzoekStatus: VerzoekStatus { VerzoekStatus(rawValue: status) ?? .verzonden }
    var verzoekSoort: VerzoekSoort { VerzoekSoort(rawValue: soort) ?? .informatie }
    var gedeeldeGegevens: Set<GedeeldGegeven> { Set(gedeeld.split(separator: ",").compactMap { GedeeldGegeven(rawValue: String($0)) }) }
}

/// The thread of a request: messages both ways and every step, in order.
final class VerzoekBericht: Model, @unchecked Sendable {
    static let schema = "verzoek_berichten"

    @ID(key: .id) var id: UUID?
    @Parent(key: "verzoek_id") var verzoek: Verzoek
    @Field(key: "volgnummer") var volgnummer: Int
    @Field(key: "tijdstip") var tijdstip: Date
    /// meldpunt, partner or bronhouder (through a linked terugmelding).
    @Field(key: "van") var van: String
    @OptionalField(key: "door") var door: String?
    @Field(key: "soort") var soort: String
    @OptionalField(key: "tekst") var tekst: String?
    @OptionalField(key: "bestandsnaam") var bestandsnaam: String?
    @OptionalField(key: "mime_type") var mimeType: String?
    @OptionalField(key: "grootte") var grootte: Int?
    @OptionalField(key: "sha256") var sha256: String?

    init() {}
}

/// The partner register (on organisations), contact persons, requests and their threads,
/// the case's escalation level and the link from a terugmelding to its case.
struct CreatePartnercoordinatie: AsyncMigration {
    func prepare(on database: any Database) async throws {
        for veld in ["partner_soort", "partner_registraties", "intentieverklaring_op"] {
            try await database.schema(Organisatie.schema).field(.string(veld), .string).update()
        }
        try await database.schema(Melding.schema).field("escalatieniveau", .string).update()
        try await database.schema(Contactpersoon.schema)
            .id()
            .field("organisatie_id", .uuid, .required, .references(Organisatie.schema, .id))
            .field("niveau", .string, .required)
            .field("naam", .string, .required)
            .field("functie", .string)
            .field("email", .string)
            .field("telefoon", .string)
            .field("gebruiker_id", .uuid, .references(Gebruiker.schema, .id))
            .field("actief", .bool, .required)
            .create()
        try await database.schema(Verzoek.schema)
            .id()
            .field("melding_id", .uuid, .required, .references(Melding.schema, .id))
            .field("organisatie_id", .uuid, .required, .references(Organisatie.schema, .id))
            .field("nummer", .int, .required)
            .field("soort", .string, .required)
            .field("status", .string, .required)
            .field("vraag", .string, .required)
            .field("gedeeld", .string, .required)
            .field("uiterlijk", .string)
            .field("termijn_door", .string)
            .field("niveau", .string, .required)
            .field("contactpersoon_id", .uuid, .references(Contactpersoon.schema, .id))
            .field("reden", .string)
            .field("opschorting_actie", .string)
            .field("opschorting_kenmerk", .string)
            .field("opschorting_tot", .string)
            .field("opgeschort_op", .datetime)
            .field("opgeheven_op", .datetime)
            .field("overleg_datum", .string)
            .field("overleg_deelnemers", .string)
            .field("overleg_verslag", .string)
            .field("terugmelding_id", .uuid, .references(Terugmelding.schema, .id))
            .field("aangemaakt_op", .datetime, .required)
            .field("laatste_volgnummer", .int, .required)
            .unique(on: "melding_id", "nummer")
            .create()
        try await database.schema(VerzoekBericht.schema)
            .id()
            .field("verzoek_id", .uuid, .required, .references(Verzoek.schema, .id))
            .field("volgnummer", .int, .required)
            .field("tijdstip", .datetime, .required)
            .field("van", .string, .required)
            .field("door", .string)
            .field("soort", .string, .required)
            .field("tekst", .string)
            .field("bestandsnaam", .string)
            .field("mime_type", .string)
            .field("grootte", .int)
            .field("sha256", .string, .references(BijlageInhoud.schema, "sha256"))
            .unique(on: "verzoek_id", "volgnummer")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "idx_verzoeken_melding").on(Verzoek.schema).column("melding_id").run()
        try await sql.create(index: "idx_verzoeken_organisatie").on(Verzoek.schema).column("organisatie_id").column("status").run()
        try await sql.create(index: "idx_verzoeken_terugmelding").on(Verzoek.schema).column("terugmelding_id").run()
    }

    func revert(on database: any Database) async throws {
        for schema in [VerzoekBericht.schema, Verzoek.schema, Contactpersoon.schema] {
            try await database.schema(schema).delete()
        }
        try await database.schema(Melding.schema).deleteField("escalatieniveau").update()
        for veld in ["partner_soort", "partner_registraties", "intentieverklaring_op"] {
            try await database.schema(Organisatie.schema).deleteField(.string(veld)).update()
        }
    }
}
