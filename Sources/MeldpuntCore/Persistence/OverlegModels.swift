import FluentKit
import Foundation
import MeldpuntDomain

/// An overleg the meldpunt holds with several organisations (OVL-n): when and where, the agenda,
/// the minutes all invitees read, and the actions agreed. Texts may mention a melder: linked to a
/// case they are erased with the case's personal data.
package final class OverlegRij: Model, @unchecked Sendable {
    package static let schema = "overleggen"

    @ID(key: .id) package var id: UUID?
    @Field(key: "nummer") package var nummer: Int
    @OptionalParent(key: "melding_id") package var melding: Melding?
    @Field(key: "onderwerp") package var onderwerp: String
    @Field(key: "datum") package var datum: Dag
    @OptionalField(key: "tijd") package var tijd: String?
    @OptionalField(key: "plaats") package var plaats: String?
    @Field(key: "agenda") package var agenda: String
    @Field(key: "status") package var status: OverlegStatus
    @OptionalField(key: "verslag") package var verslag: String?
    @OptionalField(key: "verslag_door") package var verslagDoor: String?
    @OptionalField(key: "verslag_op") package var verslagOp: Date?
    @OptionalField(key: "annuleringsreden") package var annuleringsreden: String?
    @Field(key: "aangemaakt_door") package var aangemaaktDoor: String
    @Field(key: "aangemaakt_op") package var aangemaaktOp: Date
    @Field(key: "gewijzigd_op") package var gewijzigdOp: Date
    @Children(for: \.$overleg) package var deelnemers: [OverlegDeelnemer]
    @Children(for: \.$overleg) package var acties: [OverlegActie]

    package init() {}
}

/// An organisation invited to an overleg: it reads the overleg, its minutes and every action.
package final class OverlegDeelnemer: Model, @unchecked Sendable {
    package static let schema = "overleg_deelnemers"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "overleg_id") package var overleg: OverlegRij
    @Parent(key: "organisatie_id") package var organisatie: Organisatie

    package init() {}

    package init(overleg: UUID, organisatie: UUID, nu: Date) {
        id = UUID.v7(nu)
        $overleg.id = overleg
        $organisatie.id = organisatie
    }
}

/// What one organisation (an invitee or the meldpunt itself) does after the overleg, by a day.
package final class OverlegActie: Model, @unchecked Sendable {
    package static let schema = "overleg_acties"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "overleg_id") package var overleg: OverlegRij
    /// 1, 2, … within the overleg.
    @Field(key: "nummer") package var nummer: Int
    @Parent(key: "organisatie_id") package var organisatie: Organisatie
    @Field(key: "omschrijving") package var omschrijving: String
    @Field(key: "uiterlijk") package var uiterlijk: Dag
    @Field(key: "status") package var status: OverlegActieStatus
    @OptionalField(key: "toelichting") package var toelichting: String?
    @OptionalField(key: "gedaan_door") package var gedaanDoor: String?
    @OptionalField(key: "gedaan_op") package var gedaanOp: Date?
    @Field(key: "aangemaakt_op") package var aangemaaktOp: Date

    package init() {}
}
