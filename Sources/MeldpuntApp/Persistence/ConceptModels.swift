import Fluent
import Foundation

/// A terugmelding being written in the portal, step by step. Kept on the server so nothing
/// typed or uploaded is lost when a step is sent back or the user goes back and forth.
final class Concept: Model, @unchecked Sendable {
    static let schema = "concepten"

    @ID(key: .id) var id: UUID?
    @Parent(key: "gebruiker_id") var gebruiker: Gebruiker
    @Field(key: "inhoud") var inhoud: String
    @Timestamp(key: "bijgewerkt_op", on: .update) var bijgewerktOp: Date?

    init() {}
}

/// What a concept holds (JSON in `Concept.inhoud`). Raw user input, validated per step.
struct TerugmeldingConcept: Codable, Sendable {
    var gemeente = ""
    var bsn = ""
    var anummer = ""
    var adres = ""
    var gegevens: [ConceptGegeven] = [ConceptGegeven()]
    var toelichting = ""
    var kenmerk = ""
    var contactNaam = ""
    var contactEmail = ""
    var contactTelefoon = ""
    var contactAfdeling = ""
    var bijlagen: [ConceptBijlage] = []
}

struct ConceptGegeven: Codable, Sendable {
    var attribuut = ""
    var betwijfeld = ""
    var voorgesteld = ""

    init(attribuut: String = "", betwijfeld: String = "", voorgesteld: String = "") {
        self.attribuut = attribuut
        self.betwijfeld = betwijfeld
        self.voorgesteld = voorgesteld
    }

    /// A form row may leave out fields: missing means empty.
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        attribuut = try c.decodeIfPresent(String.self, forKey: .attribuut) ?? ""
        betwijfeld = try c.decodeIfPresent(String.self, forKey: .betwijfeld) ?? ""
        voorgesteld = try c.decodeIfPresent(String.self, forKey: .voorgesteld) ?? ""
    }
}

/// An uploaded file: bytes in BijlageInhoud (by SHA-256), metadata here.
struct ConceptBijlage: Codable, Sendable {
    var id = UUID()
    var sha256: String
    var bestandsnaam: String
    var mimeType: String
    var grootte: Int
}

struct CreateConcepten: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Concept.schema)
            .id()
            .field("gebruiker_id", .uuid, .required, .references(Gebruiker.schema, .id, onDelete: .cascade))
            .field("inhoud", .string, .required)
            .field("bijgewerkt_op", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Concept.schema).delete()
    }
}
