import Foundation
import MeldpuntAdressen
import MeldpuntDomain

/// A proposed group of cases, with why they were grouped.
package struct KandidaatDTO: Codable, Sendable, Equatable {
    package let id: String
    package let status: KandidaatStatus
    package let aantal: Int
    package let begin: Dag
    package let eind: Dag
    /// The key's usual count per 30 days before this group.
    package let gebruikelijk: Double
    /// Mean similarity of the descriptions, 0–1.
    package let gelijkenis: Double
    package let score: Double
    /// "9 zaken in 30 dagen: registratie BRV, herkomst RDW, gevolg boete bij CJIB; 6 delen de zin ‘adres na verhuizing’."
    package let uitleg: String
    package let uitlegEn: String
    /// What the cases share (registration, origin, …), each as kind and value.
    package let kenmerken: [KenmerkDTO]
    /// Phrases at least two of the descriptions share, most shared first.
    package let gedeeldeZinsdelen: [ZinsdeelDTO]
    /// Signalen whose cases share the key: the group may belong to one of them.
    package let lijktOp: [SignaalVerwijzingDTO]
    package let href: APIAdres
}

package struct KenmerkDTO: Codable, Sendable, Equatable {
    /// registratie, attribuut, herkomst, gevolg or bronhouder.
    package let soort: String
    package let waarde: String
    /// The same in English where it is a word of ours (a consequence's kind); names stay as written.
    package let waardeEn: String
}

package struct ZinsdeelDTO: Codable, Sendable, Equatable {
    package let zinsdeel: String
    package let aantal: Int
}

/// A case in a group or a signaal: what identifies it, nothing personal.
package struct GekoppeldeZaakDTO: Codable, Sendable, Equatable {
    package let bron: Zaakkenmerken.Bron
    /// The case number (meldingen) or the terugmelding's reference.
    package let kenmerk: String
    package let ontvangenOp: Dag
    package let registraties: [String]
    /// In a proposal: the start of what the melder wrote is wrong (read as a list is, logged).
    package var omschrijving: String? = nil
    /// In a proposal: its description shares (almost) nothing with the others' while theirs are alike.
    package var afwijkend: Bool? = nil
}

package struct KandidaatDetailDTO: Codable, Sendable, Equatable {
    package let kandidaat: KandidaatDTO
    package let zaken: [GekoppeldeZaakDTO]
}

package struct SignaalVerwijzingDTO: Codable, Sendable, Equatable {
    package let nummer: Int
    package let titel: String
    package let status: SignaalStatus
    package let href: APIAdres
}

package struct SignaalSamenvattingDTO: Codable, Sendable, Equatable {
    package let nummer: Int
    package let titel: String
    package let soort: SignaalSoort
    package let status: SignaalStatus
    package let niveau: Escalatieniveau
    package let registraties: [String]
    package let aantalZaken: Int
    package let aangemaaktOp: Date
    package let gewijzigdOp: Date
    package let href: APIAdres
}

package struct SignaalStapDTO: Codable, Sendable, Equatable {
    package let volgnummer: Int
    package let soort: Signaalstapsoort
    package let tijdstip: Date
    package let door: String?
    package let organisatie: OrganisatieVerwijzing?
    package let status: SignaalStatus?
    package let niveau: Escalatieniveau?
    package let orgaan: String?
    package let datum: Dag?
    package let tekst: String?
}

package struct SignaalOrganisatieDTO: Codable, Sendable, Equatable {
    package let organisatie: OrganisatieVerwijzing
    package let teruggekoppeldOp: Date?
}

package struct KennisDTO: Codable, Sendable, Equatable {
    package let geleerd: String
    package let oplossingsroute: String?
    /// Shared with the organisations concerned.
    package let gedeeld: Bool
}

/// A signaal as the meldpunt sees it.
package struct SignaalDTO: Codable, Sendable, Equatable {
    package let nummer: Int
    package let titel: String
    package let omschrijving: String
    package let soort: SignaalSoort
    package let status: SignaalStatus
    package let niveau: Escalatieniveau
    package let registraties: [String]
    package let organisaties: [SignaalOrganisatieDTO]
    package let zaken: [GekoppeldeZaakDTO]
    package let verloop: [SignaalStapDTO]
    package let kennis: KennisDTO?
    package let aangemaaktOp: Date
    package let gewijzigdOp: Date
    package let afgeslotenOp: Date?
    package let href: APIAdres
}

/// A signaal as an organisation it was fed back to sees it: no cases, only their number; the
/// feedback to it and its own answers; the knowledge when the meldpunt shares it.
package struct PartnerSignaalDTO: Codable, Sendable, Equatable {
    package let nummer: Int
    package let titel: String
    package let omschrijving: String
    package let soort: SignaalSoort
    package let status: SignaalStatus
    package let niveau: Escalatieniveau
    package let registraties: [String]
    package let aantalZaken: Int
    package let verloop: [SignaalStapDTO]
    package let kennis: KennisDTO?
    package let href: APIAdres
}
