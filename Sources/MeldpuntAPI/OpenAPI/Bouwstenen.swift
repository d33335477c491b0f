import MeldpuntDomain
import MeldpuntHTTP
import OpenAPIKit30

/// The pieces every operation is made of, so each documents the same headers and problem responses.
enum Bouwstenen {
    static let versieHeader: Either<JSONReference<OpenAPI.Header>, OpenAPI.Header> = .reference(.component(named: "API-Version"))

    static let headers: OpenAPI.ComponentDictionary<OpenAPI.Header> = [
        "API-Version": .init(schema: .string(example: AnyCodable(ApiConventiesMiddleware.apiVersie)), description: "Volledige versie van de API (semver)."),
        "Link": .init(schema: .string, description: "RFC 8288-links naar first, prev, next en last."),
        "X-Total-Count": .init(schema: .integer, description: "Totaal aantal resultaten over alle pagina's."),
        "Location": .init(schema: .string, description: "Adres van de nieuwe bron."),
        "Allow": .init(schema: .string, description: "Toegestane methoden."),
        "WWW-Authenticate": .init(schema: .string, description: "Hoe aan te melden."),
    ]

    static let problemStatussen: [(Int, String)] = [
        (400, "Ongeldige invoer; alle fouten staan in invalidParams."),
        (401, "Geen of een ongeldige API-sleutel."),
        (403, "Uw organisatie mag dit niet."),
        (404, "Niet gevonden, of niet voor u zichtbaar."),
        (405, "Methode niet toegestaan op dit pad."),
        (406, "Gevraagd mediatype kan niet worden geleverd."),
        (409, "De status laat deze overgang niet toe, er was een gelijktijdige wijziging, of de Idempotency-Key is al gebruikt met een andere body."),
        (413, "Het verzoek is te groot."),
        (415, "Mediatype van de body niet ondersteund."),
        (429, "Te veel verzoeken; probeer het na Retry-After seconden opnieuw."),
        (500, "Interne fout."),
        (503, "Dienst (database) niet beschikbaar."),
    ]

    static let problemJSON = OpenAPI.ContentType(rawValue: "application/problem+json")!

    static func problem(_ status: Int) -> OpenAPI.Response {
        var h: OpenAPI.Header.Map = ["API-Version": versieHeader]
        if status == 405 { h["Allow"] = .reference(.component(named: "Allow")) }
        if status == 401 { h["WWW-Authenticate"] = .reference(.component(named: "WWW-Authenticate")) }
        let beschrijving = problemStatussen.first { $0.0 == status }?.1 ?? "Fout."
        return .init(description: beschrijving, headers: h, content: [problemJSON: .init(schemaReference: .component(named: "Problem"))])
    }

    static var problemResponses: OpenAPI.ComponentDictionary<OpenAPI.Response> {
        var r: OpenAPI.ComponentDictionary<OpenAPI.Response> = [:]
        for (status, _) in problemStatussen { r[.init(stringLiteral: "Problem\(status)")] = problem(status) }
        return r
    }

    /// A successful answer with a JSON body; `extra` names headers from the components.
    static func ok(_ beschrijving: String, _ schema: JSONSchema, headers extra: [String] = [], status: Int = 200) -> (Int, OpenAPI.Response) {
        var h: OpenAPI.Header.Map = ["API-Version": versieHeader]
        for naam in extra { h[naam] = .reference(.component(named: naam)) }
        return (status, .init(description: beschrijving, headers: h, content: [.json: .init(schema: schema)]))
    }

    /// A file download in one of the accepted kinds.
    static func download(_ beschrijving: String, soorten: [String] = BijlageRegels.Soort.allCases.map(\.rawValue)) -> (Int, OpenAPI.Response) {
        var inhoud: OpenAPI.Content.Map = [:]
        for soort in soorten { inhoud[OpenAPI.ContentType(rawValue: soort)!] = .init(schema: .string(format: .binary)) }
        return (200, .init(description: beschrijving, headers: ["API-Version": versieHeader], content: inhoud))
    }

    static func operatie(_ id: String, _ samenvatting: String, tag: String, publiek: Bool = false, parameters: [OpenAPI.Parameter] = [],
                         body: JSONSchema? = nil, responses: [(Int, OpenAPI.Response)], fouten: [Int]) -> OpenAPI.Operation {
        var r: OpenAPI.Response.Map = [:]
        for (status, response) in responses { r[.status(code: status)] = .init(response) }
        let altijd = publiek ? [400, 404, 405, 500] : [400, 401, 404, 405, 500]
        // Inlined rather than $ref'd: some ADR tooling does not follow response references.
        for status in Set(fouten + altijd).sorted() { r[.status(code: status)] = .init(problem(status)) }
        return OpenAPI.Operation(
            tags: [tag], summary: samenvatting, operationId: id,
            parameters: parameters.map { .init($0) },
            requestBody: body.map { OpenAPI.Request(content: [.json: .init(schema: $0)], required: true) },
            responses: r,
            security: publiek ? [] : nil)
    }

    static func query(_ naam: String, _ schema: JSONSchema, _ beschrijving: String, required: Bool = false) -> OpenAPI.Parameter {
        .init(name: naam, context: .query(required: required), schema: schema, description: beschrijving)
    }

    static func pad(_ naam: String, _ schema: JSONSchema, _ beschrijving: String? = nil) -> OpenAPI.Parameter {
        .init(name: naam, context: .path, schema: schema, description: beschrijving)
    }

    static let uuid = JSONSchema.string(format: .extended(.uuid))
    static let zaaknummerPatroon = "^MFO-[0-9]{4}-[0-9]{6}$"
    static let gemeentecodePatroon = "^[0-9]{4}$"
    static let zaaknummer = pad("zaaknummer", .string(pattern: zaaknummerPatroon), "Zaaknummer, zoals MFO-2026-000123")
    static let referentie = pad("referentie", uuid, "terugMeldingReferentie")
    static let verzoekId = pad("verzoekId", uuid, "Id van het verzoek")

    static let paginering: [OpenAPI.Parameter] = [
        query("page", .integer(maximum: (1_000_000, exclusive: false), minimum: (1, exclusive: false), defaultValue: 1), "Paginanummer."),
        query("pageSize", .integer(maximum: (Paginering.maxGrootte, exclusive: false), minimum: (1, exclusive: false),
                                   defaultValue: AnyCodable(Paginering.standaardGrootte)), "Aantal per pagina."),
    ]

    /// A retried create with the same key answers with what the first one created.
    static let idempotencyKey = OpenAPI.Parameter(
        name: "Idempotency-Key", context: .header(required: false),
        schema: .string(minLength: 1, maxLength: 255, pattern: "^[\\x21-\\x7E]+$"),
        description: "Een door u gekozen sleutel (bv. een UUID) per aanmaakverzoek. Een herhaling met dezelfde sleutel en body maakt niets nieuws en geeft het eerste resultaat; dezelfde sleutel met een andere body geeft 409. Sleutels gelden 24 uur, per organisatie.")

    /// Free text of at most `max` characters.
    static func tekst(max: Int? = nil, _ beschrijving: String? = nil, min: Int? = nil) -> JSONSchema {
        .string(description: beschrijving, minLength: min, maxLength: max)
    }

    /// Optional input fields are read as absent when null, so the document allows null for them.
    /// An enum allows null only when null is one of its values (OpenAPI 3.0.3): it is added.
    static func ofNull(_ schema: JSONSchema) -> JSONSchema {
        let s = schema.nullableSchemaObject()
        guard let waarden = s.allowedValues, !waarden.contains(where: { $0.value == nil }) else { return s }
        return s.with(allowedValues: waarden + [AnyCodable(nil as String?)])
    }

    static func lijst(_ items: JSONSchema, min: Int? = nil, max: Int? = nil, _ beschrijving: String? = nil) -> JSONSchema {
        .array(description: beschrijving, minItems: min, maxItems: max, items: items)
    }
}

/// One tag's part of the document: its paths and the component types it names.
protocol APIDeel {
    static var tag: OpenAPI.Tag { get }
    static var paden: [(String, OpenAPI.PathItem)] { get }
    static func componenten(_ v: Schemaverkenner)
}
