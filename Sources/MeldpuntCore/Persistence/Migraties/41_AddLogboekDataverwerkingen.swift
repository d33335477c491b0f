import FluentKit
import SQLKit

/// Logboek Dataverwerkingen (issue 32): each processing record gets its span, its caller's span
/// and its status, and is marked once a collector has acknowledged it; an outgoing message keeps
/// the trace context it was made in.
package struct AddLogboekDataverwerkingen: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds them one at a time.
        for (naam, type) in [("span_id", DatabaseSchema.DataType.string), ("ouder_span_id", .string), ("status", .int), ("geexporteerd_op", .datetime)] {
            try await database.schema(Verwerkingslogregel.schema).field(.definition(name: .key(.init(stringLiteral: naam)), dataType: type, constraints: [])).update()
        }
        let sql = database as! any SQLDatabase
        // Only what still waits for the collector: small whenever export keeps up.
        try await sql.raw("CREATE INDEX idx_verwerkingslog_te_exporteren ON verwerkingslog (id) WHERE geexporteerd_op IS NULL").run()
        try await database.schema(UitgaandBericht.schema).field("traceparent", .string).update()
    }

    package func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX idx_verwerkingslog_te_exporteren").run()
        try await database.schema(UitgaandBericht.schema).deleteField("traceparent").update()
        try await database.schema(Verwerkingslogregel.schema).deleteField("span_id").deleteField("ouder_span_id").deleteField("status").deleteField("geexporteerd_op").update()
    }
}
