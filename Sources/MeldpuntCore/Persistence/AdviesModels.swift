import FluentKit
import Foundation
import MeldpuntDomain

/// The meldpunt's advice to an organisation (its adviserende rol), asked or unasked: the question,
/// the advice, and what the organisation did with it. Texts may mention a melder: linked to a
/// case they are erased with the case's personal data.
package final class AdviesRij: Model, @unchecked Sendable {
    package static let schema = "adviezen"

    @ID(key: .id) package var id: UUID?
    /// ADV-n, counting up.
    @Field(key: "nummer") package var nummer: Int
    @Parent(key: "organisatie_id") package var organisatie: Organisatie
    @OptionalParent(key: "melding_id") package var melding: Melding?
    @Field(key: "onderwerp") package var onderwerp: AdviesOnderwerp
    @Field(key: "status") package var status: AdviesStatus
    /// Asked by the organisation (the question and who asked), or given unasked.
    @Field(key: "gevraagd") package var gevraagd: Bool
    @OptionalField(key: "vraag") package var vraag: String?
    @OptionalField(key: "gevraagd_door") package var gevraagdDoor: String?
    @OptionalField(key: "advies") package var advies: String?
    @OptionalField(key: "gegeven_door") package var gegevenDoor: String?
    @OptionalField(key: "gegeven_op") package var gegevenOp: Date?
    /// When the meldpunt asks what became of it, unless the organisation said so before.
    @OptionalField(key: "opvolgen_op") package var opvolgenOp: Dag?
    @OptionalField(key: "toelichting") package var toelichting: String?
    @OptionalField(key: "beantwoord_door") package var beantwoordDoor: String?
    @OptionalField(key: "beantwoord_op") package var beantwoordOp: Date?
    @Field(key: "aangemaakt_op") package var aangemaaktOp: Date
    @Field(key: "gewijzigd_op") package var gewijzigdOp: Date

    package init() {}

    /// A new row, numbered, for an organisation and (optionally) a case; the caller sets what was asked or given.
    package init(nummer: Int, organisatie: UUID, melding: UUID?, onderwerp: AdviesOnderwerp, status: AdviesStatus, nu: Date) {
        id = UUID.v7(nu)
        self.nummer = nummer
        $organisatie.id = organisatie
        $melding.id = melding
        self.onderwerp = onderwerp
        self.status = status
        gevraagd = status == .gevraagd
        aangemaaktOp = nu
        gewijzigdOp = nu
    }
}
