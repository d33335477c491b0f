import FluentKit
import Foundation
import MeldpuntDomain

package struct AddEenmaligVingerafdruk: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(EenmaligeSleutel.schema).field("vingerafdruk", .string).update()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(EenmaligeSleutel.schema).deleteField("vingerafdruk").update()
    }
}
