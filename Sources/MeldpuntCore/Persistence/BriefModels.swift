import FluentKit
import Foundation
import MeldpuntDomain

/// A letter to a melder (issue 30): written with the step it tells of, printed by staff. The
/// address is not stored here but read from the melding when the letter is printed, so a corrected
/// address is used and an erased melding leaves no address behind.
package final class BriefRij: Model, @unchecked Sendable {
    package static let schema = "brieven"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "melding_id") package var melding: Melding
    @Field(key: "taal") package var taal: Taal
    @Field(key: "onderwerp") package var onderwerp: String
    /// The paragraphs as a JSON array of strings.
    @Field(key: "alineas") package var alineas: String
    @Field(key: "aangemaakt_op") package var aangemaaktOp: Date
    @OptionalField(key: "geprint_op") package var geprintOp: Date?
    @OptionalField(key: "geprint_door") package var geprintDoor: String?

    package init() {}
}
