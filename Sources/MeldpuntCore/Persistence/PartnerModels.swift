import FluentKit
import Foundation
import MeldpuntDomain
import SQLKit

/// A contact person of a partner organisation at one escalation level; may have a login.
package final class Contactpersoon: Model, @unchecked Sendable {
    package static let schema = "contactpersonen"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "organisatie_id") package var organisatie: Organisatie
    @Field(key: "niveau") package var niveau: Escalatieniveau
    @Field(key: "naam") package var naam: String
    @OptionalField(key: "functie") package var functie: String?
    @OptionalField(key: "email") package var email: String?
    @OptionalField(key: "telefoon") package var telefoon: String?
    @OptionalParent(key: "gebruiker_id") package var gebruiker: Gebruiker?
    @Field(key: "actief") package var actief: Bool

    package init() {}
}

/// One request from the meldpunt to a partner organisation within a case.
package final class Verzoek: Model, @unchecked Sendable {
    package static let schema = "verzoeken"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "melding_id") package var melding: Melding
    @Parent(key: "organisatie_id") package var organisatie: Organisatie
    /// 1, 2, 3… within the case, in the order sent; unique per case.
    @Field(key: "nummer") package var nummer: Int
    @Field(key: "soort") package var soort: VerzoekSoort
    @Field(key: "status") package var status: VerzoekStatus
    @Field(key: "vraag") package var vraag: String
    /// Comma-separated `GedeeldGegeven`s: what of the case this partner may see.
    @Field(key: "gedeeld") package var gedeeld: String
    /// The agreed deadline (YYYY-MM-DD) and who set it last: meldpunt or partner.
    @OptionalField(key: "uiterlijk") package var uiterlijk: Dag?
    @OptionalField(key: "termijn_door") package var termijnDoor: Verzoekpartij?
    @Field(key: "niveau") package var niveau: Escalatieniveau
    /// The partner's contact person at the current level: party to the request.
    @OptionalParent(key: "contactpersoon_id") package var contactpersoon: Contactpersoon?
    @OptionalField(key: "reden") package var reden: String?
    @OptionalField(key: "opschorting_actie") package var opschortingActie: OpschortingsActie?
    @OptionalField(key: "opschorting_kenmerk") package var opschortingKenmerk: String?
    @OptionalField(key: "opschorting_tot") package var opschortingTot: Dag?
    /// When the partner confirmed the suspension, and when it was lifted.
    @OptionalField(key: "opgeschort_op") package var opgeschortOp: Date?
    @OptionalField(key: "opgeheven_op") package var opgehevenOp: Date?
    /// What was decided for a running suspension when its case closed, and when.
    @OptionalField(key: "opschorting_besluit") package var opschortingBesluit: OpschortingBesluit?
    @OptionalField(key: "opschorting_besluit_op") package var opschortingBesluitOp: Date?
    @OptionalField(key: "overleg_datum") package var overlegDatum: Dag?
    @OptionalField(key: "overleg_deelnemers") package var overlegDeelnemers: String?
    @OptionalField(key: "overleg_verslag") package var overlegVerslag: String?
    /// A terugmelding filed for this correction: its progress moves the request.
    @OptionalParent(key: "terugmelding_id") package var terugmelding: Terugmelding?
    @Field(key: "aangemaakt_op") package var aangemaaktOp: Date
    @Field(key: "laatste_volgnummer") package var laatsteVolgnummer: Int
    /// A standing proposal to escalate one level: who proposed, and the other side's last day to answer.
    @OptionalField(key: "escalatie_voorstel_door") package var escalatieVoorstelDoor: Verzoekpartij?
    @OptionalField(key: "escalatie_voorstel_uiterlijk") package var escalatieVoorstelUiterlijk: Dag?

    package init() {}

    package var escalatievoorstel: Escalatievoorstel? {
        guard let door = escalatieVoorstelDoor, let uiterlijk = escalatieVoorstelUiterlijk else { return nil }
        return Escalatievoorstel(door: door, uiterlijk: uiterlijk)
    }

    package var gedeeldeGegevens: Set<GedeeldGegeven> { Set(gedeeld.split(separator: ",").compactMap { GedeeldGegeven(rawValue: String($0)) }) }
}

/// The thread of a request: messages both ways and every step, in order.
package final class VerzoekBericht: Model, @unchecked Sendable {
    package static let schema = "verzoek_berichten"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "verzoek_id") package var verzoek: Verzoek
    @Field(key: "volgnummer") package var volgnummer: Int
    @Field(key: "tijdstip") package var tijdstip: Date
    /// meldpunt, partner or bronhouder (through a linked terugmelding).
    @Field(key: "van") package var van: Verzoekpartij
    @OptionalField(key: "door") package var door: String?
    @Field(key: "soort") package var soort: Verzoekstapsoort
    @OptionalField(key: "tekst") package var tekst: String?
    @OptionalField(key: "bestandsnaam") package var bestandsnaam: String?
    @OptionalField(key: "mime_type") package var mimeType: String?
    @OptionalField(key: "grootte") package var grootte: Int?
    @OptionalField(key: "sha256") package var sha256: String?

    package init() {}
}
