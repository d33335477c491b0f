import FluentKit
import Foundation
import MeldpuntDomain

/// Free-text search on the werkvoorraad ("Utrecht", "toeslag"): names, address, place, organisations
/// and the description, lower case, in one column beside the personal data it comes from.
package struct AddMeldingZoektekst: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(MeldingPersoonsgegevens.schema).field("zoektekst", .string).update()
        for p in try await MeldingPersoonsgegevens.query(on: database).field(\.$id).field(\.$inhoud).all() {
            // Shipped: a row that does not read gets an empty search text, as it always did.
            let verzoek: MeldingInvoer
            do { verzoek = try p.invoer() } catch { verzoek = MeldingInvoer() }
            try await MeldingPersoonsgegevens.query(on: database).filter(\.$id == p.requireID())
                .set(\.$zoektekst, to: MeldingPersoonsgegevens.zoektekst(verzoek)).update()
        }
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(MeldingPersoonsgegevens.schema).deleteField("zoektekst").update()
    }
}
