import FluentKit
import Foundation
import MeldpuntDomain

/// A standard text for messages (issue 30), kept by beheer.
package final class StandaardtekstRij: Model, @unchecked Sendable {
    package static let schema = "standaardteksten"

    @ID(key: .id) package var id: UUID?
    @Field(key: "titel") package var titel: String
    @Field(key: "doel") package var doel: Standaardtekstdoel
    @Field(key: "tekst_nl") package var tekstNl: String
    @OptionalField(key: "tekst_en") package var tekstEn: String?
    @Field(key: "actief") package var actief: Bool
    @Field(key: "gewijzigd_op") package var gewijzigdOp: Date
    @Field(key: "gewijzigd_door") package var gewijzigdDoor: String

    package init() {}
}
