import Foundation
import MeldpuntHTTP
import OpenAPIKit30

/// The OpenAPI 3.0 description of `/api/v1`, published at `/api/v1/openapi.json`, built from
/// the types: each tag's file (`Referentiedata`, `Terugmeldingen`, …) gives its paths and the
/// component types they use; the schemas of those types are derived from their Codable form.
/// `OpenAPITests` checks it against the routes that really exist and the types.
enum OpenAPIDocument {
    static var delen: [any APIDeel.Type] { [
        TerugmeldingenAPI.self, MeldingenAPI.self, CoordinatieAPI.self, VerzoekenAPI.self, SignalenAPI.self, AdviezenAPI.self, OverleggenAPI.self, BrievenAPI.self, CijfersAPI.self, AbonnementenAPI.self, ReferentiedataAPI.self,
    ] }

    /// The document and what could not be described (empty, or a test fails).
    static let gebouwd: (document: OpenAPI.Document, problemen: [String]) = bouw()

    static let json: Data = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try! encoder.encode(gebouwd.document)
    }()

    static func bouw() -> (OpenAPI.Document, [String]) {
        let verkenner = Schemaverkenner()
        verkenner.voegToe("Problem", problemSchema)
        var paden: OpenAPI.PathItem.Map = [:]
        var problemen: [String] = []
        for deel in delen {
            deel.componenten(verkenner)
            for (pad, item) in deel.paden {
                if paden[OpenAPI.Path(rawValue: pad)] != nil { problemen.append("\(pad) staat in twee delen") }
                paden[OpenAPI.Path(rawValue: pad)] = .init(item)
            }
        }
        let document = OpenAPI.Document(
            openAPIVersion: .v3_0_3,
            info: .init(
                title: "Meldpunt API",
                description: "Terugmelden op de basisregistraties (TMV 2.0 / Digimelding) en het Meldpunt Fouten in Overheidsregistraties. Alle tijdstippen in UTC (ISO 8601); termijnen in werkdagen volgens de Algemene termijnenwet.",
                contact: .init(name: "Meldpunt-ontwikkelaars", url: URL(string: "https://meldpunt.example/contact"), email: "api@meldpunt.example"),
                license: .init(name: "EUPL-1.2", url: URL(string: "https://eupl.eu/1.2/nl/")),
                version: ApiConventiesMiddleware.apiVersie),
            servers: [.init(url: URL(string: "/api/v1")!, description: "Deze server")],
            paths: paden,
            components: .init(
                schemas: schemas(verkenner.componenten),
                responses: Bouwstenen.problemResponses,
                headers: Bouwstenen.headers,
                securitySchemes: ["apiSleutel": .http(scheme: "bearer", description: "API-sleutel van de organisatie (meldpunt apikey create).")]),
            security: [[.component(named: "apiSleutel"): []]],
            tags: delen.map { $0.tag })
        return (document, problemen + verkenner.problemen)
    }

    private static func schemas(_ c: OrderedDictionary<String, JSONSchema>) -> OpenAPI.ComponentDictionary<JSONSchema> {
        var r: OpenAPI.ComponentDictionary<JSONSchema> = [:]
        for (naam, schema) in c { r[.init(stringLiteral: naam)] = schema }
        return r
    }

    /// RFC 9457, with the invalid fields of a 400.
    static let problemSchema = JSONSchema.object(properties: [
        "type": .string, "title": .string, "status": .integer, "detail": .string, "instance": .string(required: false),
        "invalidParams": .array(required: false, items: .object(properties: ["name": .string, "code": .string, "reason": .string])),
    ])
}
