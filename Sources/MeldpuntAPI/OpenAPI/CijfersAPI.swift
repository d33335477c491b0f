import MeldpuntCore
import MeldpuntDomain
import OpenAPIKit30

/// `cijfers`: dashboards as JSON — the meldpunt's, a bronhouder's, an afnemer's — and the public figures.
enum CijfersAPI: APIDeel {
    static let tag = OpenAPI.Tag(name: "cijfers", description: "Cijfers per periode: van het Meldpunt, van een bronhouder of afnemer (de eigen), en de openbare cijfers (aantallen onder 5 weggelaten)")

    static func componenten(_ v: Schemaverkenner) {
        v.component(Cijferoverzicht.self)
    }

    static let periode: [OpenAPI.Parameter] = [
        B.query("van", .string(format: .date), "Eerste dag (standaard: een jaar voor tot)."),
        B.query("tot", .string(format: .date), "Laatste dag, inbegrepen (standaard: vandaag)."),
    ]

    static func overzicht(_ id: String, _ samenvatting: String, publiek: Bool = false) -> OpenAPI.Operation {
        B.operatie(id, samenvatting, tag: "cijfers", publiek: publiek, parameters: periode,
                   responses: [B.ok("De cijfers", .ref("Cijferoverzicht"))], fouten: publiek ? [] : [403])
    }

    static var paden: [(String, OpenAPI.PathItem)] {
        [
            ("/cijfers/meldpunt", .init(get: overzicht("cijfersMeldpunt", "Het dashboard van het Meldpunt: meldingen, doorlooptijden, contactnorm, tevredenheid, partners"))),
            ("/cijfers/bronhouder", .init(get: overzicht("cijfersBronhouder", "De terugmeldingen van uw gemeente: tijdig opgepakt, uitkomsten, per afnemer en maand"))),
            ("/cijfers/afnemer", .init(get: overzicht("cijfersAfnemer", "Uw terugmeldingen: per gemeente, status en uitkomst"))),
            ("/cijfers/openbaar", .init(get: overzicht("cijfersOpenbaar", "Openbare cijfers van het Meldpunt (open data); aantallen van 1 tot 4 weggelaten", publiek: true))),
        ]
    }
}

private typealias B = Bouwstenen

extension Eenheid: APIOpsomming {}
extension Benaming: APISchema { static let schemanaam = "Benaming" }
extension Periode: APISchema { static let schemanaam = "Periode" }
extension Cijferrij: APISchema {
    static let schemanaam = "Cijferrij"
    static var velden: [String: JSONSchema] { ["waarde": .number(description: "Leeg als het aantal te klein is om te tonen (onderdrukt) of er niets te berekenen is.").nullableSchemaObject()] }
}
extension Cijfertabel: APISchema { static let schemanaam = "Cijfertabel" }
extension Cijferoverzicht: APISchema {
    static let schemanaam = "Cijferoverzicht"
    static var velden: [String: JSONSchema] { ["soort": .opsomming(["meldpunt", "bronhouder", "afnemer", "openbaar"])] }
}
