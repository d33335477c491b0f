import FluentKit
import SQLKit

/// Hardening (issue 10): when attachment bytes arrived (unreferenced ones are removed after a
/// grace period), failed logins per address as well as per account (indexed for the count and
/// the pruning), single-use keys of create requests and forms, and the audit trail.
package struct CreateBeveiliging: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(BijlageInhoud.schema).field("aangemaakt_op", .datetime).update()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "idx_mislukte_inlogpogingen_sleutel_tijdstip").on(MisluktePoging.schema)
            .column("sleutel").column("tijdstip").run()
        try await sql.create(index: "idx_sessies_laatst_gezien").on(Sessie.schema).column("laatst_gezien_op").run()
        try await database.schema(EenmaligeSleutel.schema)
            .field("sleutel", .string, .identifier(auto: false))
            .field("resultaat", .string, .required)
            .field("aangemaakt_op", .datetime, .required)
            .create()
        try await database.schema(AuditRegel.schema)
            .id()
            .field("tijdstip", .datetime, .required)
            .field("actie", .string, .required)
            .field("door_gebruiker_id", .uuid)
            .field("door", .string, .required)
            .field("organisatie_id", .uuid)
            .field("onderwerp", .string)
            .field("details", .string)
            .create()
        try await sql.create(index: "idx_audit_tijdstip").on(AuditRegel.schema).column("tijdstip").run()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(AuditRegel.schema).delete()
        try await database.schema(EenmaligeSleutel.schema).delete()
        try await database.schema(BijlageInhoud.schema).deleteField("aangemaakt_op").update()
    }
}
