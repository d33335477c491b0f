import FluentKit
import SQLKit

/// The annotations of Digimelding (DMKS 1.3) as an afnemer's or bronhouder's system sent them
/// (issue 31): appended, never changed.
package struct CreateAnnotaties: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(Annotatierij.schema)
            .field("uuid", .uuid, .identifier(auto: false))
            .field("terugmelding_id", .uuid, .required, .references(Terugmelding.schema, "id"))
            .field("soort", .string, .required)
            .field("ontvangen_op", .datetime, .required)
            .field("volgnummer", .int, .required)
            .field("inhoud", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "idx_dmks_annotaties_terugmelding").on(Annotatierij.schema).column("terugmelding_id").run()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(Annotatierij.schema).delete()
    }
}
