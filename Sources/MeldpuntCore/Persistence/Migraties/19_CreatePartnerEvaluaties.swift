import FluentKit

/// Issue 14: the yearly evaluation with each partner keeps the meldpunt's and the partner's conclusions.
package struct CreatePartnerEvaluaties: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(PartnerEvaluatie.schema)
            .id()
            .field("organisatie_id", .uuid, .required, .references(Organisatie.schema, .id))
            .field("jaar", .int, .required)
            .field("conclusie_meldpunt", .string)
            .field("conclusie_partner", .string)
            .field("bijgewerkt_op", .datetime, .required)
            .unique(on: "organisatie_id", "jaar")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(PartnerEvaluatie.schema).delete()
    }
}
