import Fluent
import Foundation
import SQLKit

/// A person who logs in to the portals, always on behalf of one organisation.
final class Gebruiker: Model, @unchecked Sendable {
    static let schema = "gebruikers"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "naam") var naam: String
    @Parent(key: "organisatie_id") var organisatie: Organisatie
    @Field(key: "rol") var rol: String
    @Field(key: "wachtwoord_hash") var wachtwoordHash: String
    @Field(key: "actief") var actief: Bool
    @Timestamp(key: "aangemaakt_op", on: .create) var aangemaaktOp: Date?
    /// A first password, or one set by beheer: to be replaced at the next login.
    @Field(key: "moet_wachtwoord_wijzigen") var moetWachtwoordWijzigen: Bool
    @OptionalField(key: "wachtwoord_gewijzigd_op") var wachtwoordGewijzigdOp: Date?
    /// The TOTP secret, sealed with a key from the environment (a database dump alone opens nothing).
    @OptionalField(key: "tweestaps_geheim") var tweestapsGeheim: String?
    /// The last time step a code was accepted for: a code works once.
    @OptionalField(key: "tweestaps_laatste_stap") var tweestapsLaatsteStap: Int64?

    init() {}
}

/// A one-time recovery code for a lost second factor; only its SHA-256 is kept.
final class Herstelcode: Model, @unchecked Sendable {
    static let schema = "herstelcodes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "gebruiker_id") var gebruiker: Gebruiker
    @Field(key: "code_hash") var codeHash: String
    @OptionalField(key: "gebruikt_op") var gebruiktOp: Date?

    init() {}
}

struct CreateAccountbeveiliging: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one at a time.
        try await database.schema(Gebruiker.schema).field("moet_wachtwoord_wijzigen", .bool, .required, .sql(.default(false))).update()
        try await database.schema(Gebruiker.schema).field("wachtwoord_gewijzigd_op", .datetime).update()
        try await database.schema(Gebruiker.schema).field("tweestaps_geheim", .string).update()
        try await database.schema(Gebruiker.schema).field("tweestaps_laatste_stap", .int64).update()
        try await database.schema(Herstelcode.schema)
            .id()
            .field("gebruiker_id", .uuid, .required, .references(Gebruiker.schema, .id, onDelete: .cascade))
            .field("code_hash", .string, .required)
            .field("gebruikt_op", .datetime)
            .create()
        try await (database as! any SQLDatabase).create(index: "idx_herstelcodes_gebruiker").on(Herstelcode.schema).column("gebruiker_id").run()
        try await (database as! any SQLDatabase).create(index: "idx_sessies_gebruiker").on(Sessie.schema).column("gebruiker_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Herstelcode.schema).delete()
        for veld in ["tweestaps_laatste_stap", "tweestaps_geheim", "wachtwoord_gewijzigd_op", "moet_wachtwoord_wijzigen"] {
            try await database.schema(Gebruiker.schema).deleteField(.string(veld)).update()
        }
    }
}

/// What a user may do in the portals.
enum GebruikersRol: String, CaseIterable, Codable, Sendable {
    case afnemer, bijhouder, rni, meldpunt, partner, beheerder
    /// Manages every organisation; made only from the CLI (`meldpunt user add --rol systeembeheerder`).
    case systeembeheerder

    /// Roles that manage: they need a second factor.
    var beheert: Bool { self == .beheerder || self == .systeembeheerder }
}

/// A login session. Only the SHA-256 of the cookie value is stored: a leaked table opens no session.
final class Sessie: Model, @unchecked Sendable {
    static let schema = "sessies"

    @ID(custom: "token_hash", generatedBy: .user) var id: String?
    @Parent(key: "gebruiker_id") var gebruiker: Gebruiker
    @Field(key: "aangemaakt_op") var aangemaaktOp: Date
    @Field(key: "laatst_gezien_op") var laatstGezienOp: Date

    init() {}
}

/// Failed logins per (hashed) e-mail address, to slow down guessing.
final class MisluktePoging: Model, @unchecked Sendable {
    static let schema = "mislukte_inlogpogingen"

    @ID(key: .id) var id: UUID?
    @Field(key: "sleutel") var sleutel: String
    @Field(key: "tijdstip") var tijdstip: Date

    init() {}
}

struct CreateGebruikers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Gebruiker.schema)
            .id()
            .field("email", .string, .required)
            .field("naam", .string, .required)
            .field("organisatie_id", .uuid, .required, .references(Organisatie.schema, .id))
            .field("rol", .string, .required)
            .field("wachtwoord_hash", .string, .required)
            .field("actief", .bool, .required)
            .field("aangemaakt_op", .datetime)
            .unique(on: "email")
            .create()
        try await database.schema(Sessie.schema)
            .field("token_hash", .string, .identifier(auto: false))
            .field("gebruiker_id", .uuid, .required, .references(Gebruiker.schema, .id, onDelete: .cascade))
            .field("aangemaakt_op", .datetime, .required)
            .field("laatst_gezien_op", .datetime, .required)
            .create()
        try await database.schema(MisluktePoging.schema)
            .id()
            .field("sleutel", .string, .required)
            .field("tijdstip", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MisluktePoging.schema).delete()
        try await database.schema(Sessie.schema).delete()
        try await database.schema(Gebruiker.schema).delete()
    }
}
