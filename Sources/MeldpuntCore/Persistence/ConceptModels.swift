import FluentKit
import Foundation

/// A terugmelding being written in the portal, step by step. Kept on the server so nothing
/// typed or uploaded is lost when a step is sent back or the user goes back and forth.
package final class Concept: Model, @unchecked Sendable {
    package static let schema = "concepten"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "gebruiker_id") package var gebruiker: Gebruiker
    @Field(key: "inhoud") package var inhoud: String
    @Timestamp(key: "bijgewerkt_op", on: .update) package var bijgewerktOp: Date?

    package init() {}
}

/// What a concept holds (JSON in `Concept.inhoud`). Raw user input, validated per step.
package struct TerugmeldingConcept: Codable, Sendable {
    package var gemeente: String = ""
    package var bsn: String = ""
    package var anummer: String = ""
    package var adres: String = ""
    package var gegevens: [ConceptGegeven] = [ConceptGegeven()]
    package var toelichting: String = ""
    package var kenmerk: String = ""
    package var contactNaam: String = ""
    package var contactEmail: String = ""
    package var contactTelefoon: String = ""
    package var contactAfdeling: String = ""
    package var bijlagen: [ConceptBijlage] = []
    /// What the BRP said for `brpBSN` (gevonden, nietGevonden, onbeschikbaar): asked once per BSN.
    package var brpBSN: String?
    package var brpUitkomst: String?
    package var brpGemeente: String?
    package var brpGemeentenaam: String?

    package init(gemeente: String = "", bsn: String = "", anummer: String = "", adres: String = "", gegevens: [ConceptGegeven] = [ConceptGegeven()], toelichting: String = "", kenmerk: String = "", contactNaam: String = "", contactEmail: String = "", contactTelefoon: String = "", contactAfdeling: String = "", bijlagen: [ConceptBijlage] = []) {
        self.gemeente = gemeente
        self.bsn = bsn
        self.anummer = anummer
        self.adres = adres
        self.gegevens = gegevens
        self.toelichting = toelichting
        self.kenmerk = kenmerk
        self.contactNaam = contactNaam
        self.contactEmail = contactEmail
        self.contactTelefoon = contactTelefoon
        self.contactAfdeling = contactAfdeling
        self.bijlagen = bijlagen
    }
}

package struct ConceptGegeven: Codable, Sendable {
    package var attribuut: String = ""
    package var betwijfeld: String = ""
    package var voorgesteld: String = ""

    package init(attribuut: String = "", betwijfeld: String = "", voorgesteld: String = "") {
        self.attribuut = attribuut
        self.betwijfeld = betwijfeld
        self.voorgesteld = voorgesteld
    }

    /// A form row may leave out fields: missing means empty.
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        attribuut = try c.decodeIfPresent(String.self, forKey: .attribuut) ?? ""
        betwijfeld = try c.decodeIfPresent(String.self, forKey: .betwijfeld) ?? ""
        voorgesteld = try c.decodeIfPresent(String.self, forKey: .voorgesteld) ?? ""
    }
}

/// An uploaded file: bytes in BijlageInhoud (by SHA-256), metadata here.
package struct ConceptBijlage: Codable, Sendable {
    package var id: UUID = UUID()
    package var sha256: String
    package var bestandsnaam: String
    package var mimeType: String
    package var grootte: Int


    package init(id: UUID = UUID(), sha256: String, bestandsnaam: String, mimeType: String, grootte: Int) {
        self.id = id
        self.sha256 = sha256
        self.bestandsnaam = bestandsnaam
        self.mimeType = mimeType
        self.grootte = grootte
    }
}
