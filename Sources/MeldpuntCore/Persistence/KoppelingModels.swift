import FluentKit
import Foundation

/// Two cases about the same problem (issue 30): linked both ways, one row per direction. A merge
/// links them too and closes the one merged (outcome `samengevoegd`).
package final class MeldingKoppeling: Model, @unchecked Sendable {
    package static let schema = "melding_koppelingen"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "melding_id") package var melding: Melding
    @Parent(key: "ander_id") package var ander: Melding
    /// `verwant`, or `samengevoegd` (this case merged into the other) / `opgenomen` (the other merged into this one).
    @Field(key: "soort") package var soort: String
    @Field(key: "door") package var door: String
    @Field(key: "aangemaakt_op") package var aangemaaktOp: Date

    package init() {}

    package init(melding: UUID, ander: UUID, soort: String, door: String, op: Date) {
        self.id = UUID()
        self.$melding.id = melding
        self.$ander.id = ander
        self.soort = soort
        self.door = door
        self.aangemaaktOp = op
    }
}
