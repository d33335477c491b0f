import Foundation
@testable import MeldpuntAPI
import OpenAPIKit30
import Testing

@Suite("OpenAPI: het document volgt uit de typen")
struct OpenAPITests {
    @Test func allesIsTeBeschrijven() throws {
        #expect(OpenAPIDocument.gebouwd.problemen == [])
        let schemas = OpenAPIDocument.gebouwd.document.components.schemas
        // Every $ref in the document names a component that exists.
        let tekst = String(decoding: OpenAPIDocument.json, as: UTF8.self)
        let verwijzingen = Set(tekst.matches(of: /"#\/components\/schemas\/([A-Za-z]+)"/).map { String($0.1) })
        #expect(!verwijzingen.isEmpty)
        for naam in verwijzingen { #expect(schemas[.init(stringLiteral: naam)] != nil, "\(naam) ontbreekt") }
    }

    /// The shape comes from the type: a new field appears, optional ones are not required,
    /// a documented field the type lacks is reported.
    @Test func eenVeldVanHetTypeStaatInHetDocument() throws {
        let verkenner = Schemaverkenner()
        verkenner.component(Proef.self)
        let schema = try #require(verkenner.componenten["Proef"])
        let object = try #require(schema.objectContext)
        #expect(Set(object.properties.keys) == ["naam", "aantal", "wanneer", "soort", "lijst", "binnen", "opmerking"])
        #expect(Set(object.requiredProperties) == ["naam", "aantal", "wanneer", "soort", "lijst", "binnen"])
        #expect(object.properties["soort"]?.allowedValues?.map(\.description) == ["een", "twee"])
        #expect(object.properties["wanneer"]?.formatString == "date-time")
        #expect(object.properties["opmerking"]?.stringContext?.maxLength == 10)
        #expect(verkenner.problemen == ["Proef.bestaatNiet: staat in de documentatie, maar Proef heeft dit veld niet"])

        let onbekend = Schemaverkenner()
        onbekend.component(MetOnbekendType.self)
        #expect(onbekend.problemen.count == 1 && onbekend.problemen[0].hasPrefix("MetOnbekendType.dag"))
    }

    enum Soort: String, Codable, CaseIterable, APIOpsomming { case een, twee }
    struct Binnen: Codable { let x: Int }
    struct Proef: Codable, APISchema {
        static let schemanaam = "Proef"
        static var velden: [String: JSONSchema] { ["opmerking": .string(maxLength: 10), "bestaatNiet": .string] }
        let naam: String
        let aantal: Int
        let wanneer: Date
        let soort: Soort
        let lijst: [String]
        let binnen: Binnen
        let opmerking: String?
    }
    /// A value that only decodes from a valid string and says nothing of its schema.
    struct Strikt: Codable {
        init(from decoder: any Decoder) throws {
            let s = try decoder.singleValueContainer().decode(String.self)
            guard s.count == 10 else { throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "geen dag")) }
        }
    }
    struct MetOnbekendType: Codable, APISchema {
        static let schemanaam = "MetOnbekendType"
        let dag: Strikt
    }
}
