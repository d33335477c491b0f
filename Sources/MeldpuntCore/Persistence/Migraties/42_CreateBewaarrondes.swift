import FluentKit
import Foundation

/// The retention job's runs (issue 32): when, and what it anonymised, for beheer to look back on.
package struct CreateBewaarrondes: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(Bewaarronde.schema)
            .id()
            .field("uitgevoerd_op", .datetime, .required)
            .field("rapport", .string, .required)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(Bewaarronde.schema).delete()
    }
}

/// One run of the retention job (trials are not kept).
package final class Bewaarronde: Model, @unchecked Sendable {
    package static let schema = "bewaarrondes"

    @ID(key: .id) package var id: UUID?
    @Field(key: "uitgevoerd_op") package var uitgevoerdOp: Date
    /// A `Bewaarrapport` as JSON: counts and which cases, never anything personal.
    @Field(key: "rapport") package var rapport: String

    package init() {}
}
