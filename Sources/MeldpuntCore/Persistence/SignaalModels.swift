import FluentKit
import Foundation
import MeldpuntDomain

/// A case to (re)consider for patterns: written with the case (intake, analysis, filing) and
/// taken by the detector's round, so arrival costs the filing one row and nothing else.
package final class PatroonWachtrij: Model, @unchecked Sendable {
    package static let schema = "patroon_wachtrij"

    @ID(key: .id) package var id: UUID?
    @Field(key: "bron") package var bron: Zaakkenmerken.Bron
    @Field(key: "zaak_id") package var zaakID: UUID
    @Field(key: "aangemaakt_op") package var aangemaaktOp: Date

    package init() {}
    package init(bron: Zaakkenmerken.Bron, zaakID: UUID, nu: Date) {
        self.id = UUID.v7(nu)
        self.bron = bron
        self.zaakID = zaakID
        self.aangemaaktOp = nu
    }
}

/// A case as the detector sees it: its day and the stems and phrases of its description.
/// Stems and phrases come from what a person wrote, so consent withdrawal erases them.
package final class PatroonZaak: Model, @unchecked Sendable {
    package static let schema = "patroon_zaken"

    @ID(custom: "zaak_id", generatedBy: .user) package var id: UUID?
    @Field(key: "bron") package var bron: Zaakkenmerken.Bron
    @Field(key: "dag") package var dag: Dag
    /// Content-word stems, space-separated.
    @Field(key: "kern") package var kern: String
    /// Two- and three-word phrases, one per line.
    @Field(key: "zinsdelen") package var zinsdelen: String

    package init() {}

    package var kernSet: Set<String> { Set(kern.split(separator: " ").map(String.init)) }
    package var zinsdelenSet: Set<String> { Set(zinsdelen.split(separator: "\n").map(String.init)) }
}

/// One (key, case) pair: the index that finds a key's cases in a window. A pair a dismissed
/// proposal held, or a signaal took, no longer counts towards a new proposal.
package final class PatroonIndex: Model, @unchecked Sendable {
    package static let schema = "patroon_index"

    @ID(key: .id) package var id: UUID?
    @Field(key: "sleutel") package var sleutel: String
    @Field(key: "zaak_id") package var zaakID: UUID
    @Field(key: "dag") package var dag: Dag
    @OptionalField(key: "afgewezen_in") package var afgewezenIn: UUID?
    @OptionalField(key: "signaal_id") package var signaalID: UUID?

    package init() {}
}

/// A proposed group: the cases with `sleutel` between `begin` and `eind` not dismissed or taken.
package final class PatroonKandidaat: Model, @unchecked Sendable {
    package static let schema = "patroon_kandidaten"

    @ID(key: .id) package var id: UUID?
    @Field(key: "sleutel") package var sleutel: String
    /// The key's parts as JSON (`Patroonsleutel`), for the explanation.
    @Field(key: "delen") package var delen: String
    @Field(key: "begin") package var begin: Dag
    @Field(key: "eind") package var eind: Dag
    @Field(key: "aantal") package var aantal: Int
    @Field(key: "gebruikelijk") package var gebruikelijk: Double
    @Field(key: "gelijkenis") package var gelijkenis: Double
    @Field(key: "score") package var score: Double
    @Field(key: "status") package var status: KandidaatStatus
    @OptionalField(key: "signaal_id") package var signaalID: UUID?
    @Field(key: "bijgewerkt_op") package var bijgewerktOp: Date
    @OptionalField(key: "besloten_door") package var beslotenDoor: String?

    package init() {}
}

/// A structural error in the register.
package final class Signaal: Model, @unchecked Sendable {
    package static let schema = "signalen"

    @ID(key: .id) package var id: UUID?
    @Field(key: "nummer") package var nummer: Int
    @Field(key: "titel") package var titel: String
    @Field(key: "omschrijving") package var omschrijving: String
    @Field(key: "soort") package var soort: SignaalSoort
    @Field(key: "status") package var status: SignaalStatus
    @Field(key: "niveau") package var niveau: Escalatieniveau
    /// Registration codes or names, comma-separated.
    @Field(key: "registraties") package var registraties: String
    @Field(key: "aangemaakt_op") package var aangemaaktOp: Date
    @Field(key: "gewijzigd_op") package var gewijzigdOp: Date
    @OptionalField(key: "afgesloten_op") package var afgeslotenOp: Date?
    @Field(key: "laatste_volgnummer") package var laatsteVolgnummer: Int
    @OptionalField(key: "kennis_geleerd") package var kennisGeleerd: String?
    @OptionalField(key: "kennis_route") package var kennisRoute: String?
    @Field(key: "kennis_gedeeld") package var kennisGedeeld: Bool

    package init() {}

    package var registratieLijst: [String] { registraties.split(separator: ",").map(String.init) }
}

/// An organisation a signaal concerns; it sees the signaal once it was fed back to it.
package final class SignaalOrganisatie: Model, @unchecked Sendable {
    package static let schema = "signaal_organisaties"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "signaal_id") package var signaal: Signaal
    @Parent(key: "organisatie_id") package var organisatie: Organisatie
    @OptionalField(key: "teruggekoppeld_op") package var teruggekoppeldOp: Date?

    package init() {}
}

/// A melding or terugmelding linked to a signaal.
package final class SignaalZaak: Model, @unchecked Sendable {
    package static let schema = "signaal_zaken"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "signaal_id") package var signaal: Signaal
    @Field(key: "bron") package var bron: Zaakkenmerken.Bron
    @Field(key: "zaak_id") package var zaakID: UUID
    @Field(key: "toegevoegd_op") package var toegevoegdOp: Date

    package init() {}
}

/// One step in a signaal's course, append-only; (signaal, volgnummer) is unique.
package final class SignaalStapRij: Model, @unchecked Sendable {
    package static let schema = "signaal_stappen"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "signaal_id") package var signaal: Signaal
    @Field(key: "volgnummer") package var volgnummer: Int
    @Field(key: "soort") package var soort: Signaalstapsoort
    @Field(key: "tijdstip") package var tijdstip: Date
    @OptionalField(key: "door") package var door: String?
    @OptionalParent(key: "organisatie_id") package var organisatie: Organisatie?
    @OptionalField(key: "status") package var status: SignaalStatus?
    @OptionalField(key: "niveau") package var niveau: Escalatieniveau?
    @OptionalField(key: "orgaan") package var orgaan: String?
    @OptionalField(key: "datum") package var datum: Dag?
    @OptionalField(key: "tekst") package var tekst: String?

    package init() {}
}

/// The conclusions of one year's evaluation with a partner; the figures are counted when read.
package final class PartnerEvaluatie: Model, @unchecked Sendable {
    package static let schema = "partner_evaluaties"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "organisatie_id") package var organisatie: Organisatie
    @Field(key: "jaar") package var jaar: Int
    @OptionalField(key: "conclusie_meldpunt") package var conclusieMeldpunt: String?
    @OptionalField(key: "conclusie_partner") package var conclusiePartner: String?
    @Field(key: "bijgewerkt_op") package var bijgewerktOp: Date

    package init() {}
}
