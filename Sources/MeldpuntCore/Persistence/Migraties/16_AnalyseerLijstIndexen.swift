import FluentKit
import SQLKit

/// Statistics for the list indexes of CreateLijstTellingen. Without them SQLite may pick an index
/// on the organisation alone and sort a whole inbox (seen at 10 M rows: 400 ms for a first page).
package struct AnalyseerLijstIndexen: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("ANALYZE terugmeldingen").run()
    }

    package func revert(on database: any Database) async throws {}
}
