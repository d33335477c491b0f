import MeldpuntCore
import MeldpuntDomain
import OpenAPIKit30

/// `cijfers`: dashboards as JSON — the meldpunt's, a bronhouder's, an afnemer's — and the public figures.
enum CijfersAPI: APIDeel {
    static let tag = OpenAPI.Tag(name: "cijfers", description: "Cijfers per periode: van het Meldpunt, van een bronhouder of afnemer (de eigen), en de openbare cijfers (aantallen onder 5 weggelaten)")

    static func componenten(_ v: Schemaverkenner) {
        v.component(Cijferoverzicht.self)
        v.component(PartnerEvaluatieDTO.self)
        v.component(EvaluatiesController.ConclusieInvoer.self)
    }

    static let periode: [OpenAPI.Parameter] = [
        B.query("van", .string(format: .date), "Eerste dag, tussen 2000 en 2100 (standaard: een jaar voor vandaag)."),
        B.query("tot", .string(format: .date), "Laatste dag, inbegrepen, tussen 2000 en 2100 (standaard: vandaag)."),
    ]

    static let evaluatie: [OpenAPI.Parameter] = [
        B.pad("oin", .string(pattern: "^[0-9A-Z]{20}$"), "OIN van de partner"),
        B.pad("jaar", .integer(maximum: (2100, exclusive: false), minimum: (2000, exclusive: false)), "Het jaar"),
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
            ("/cijfers/openbaar", .init(get: overzicht("cijfersOpenbaar", "Openbare cijfers van het Meldpunt (open data): één kalenderjaar (het jaar van tot), tot en met de laatste hele maand (periode in het antwoord), maanden samengenomen tot 0 of minstens 5 meldingen, aantallen van 1 tot 4 weggelaten en zo nodig meer, zodat niets uit een totaal terug te rekenen is", publiek: true))),
            ("/partner-evaluaties/{oin}/{jaar}", .init(get: B.operatie(
                "partnerEvaluatie", "De jaarevaluatie met een partner: verzoeken, termijnen, antwoordtijd, escalaties, opschortingen, signalen, tevredenheid en de conclusies",
                tag: "cijfers", parameters: evaluatie, responses: [B.ok("De evaluatie", .ref("PartnerEvaluatie"))], fouten: [403]))),
            ("/partner-evaluaties/{oin}/{jaar}/conclusie", .init(put: B.operatie(
                "partnerEvaluatieConclusie", "De conclusie van uw kant vastleggen (het Meldpunt de zijne, de partner de hare)", tag: "cijfers",
                parameters: evaluatie, body: .ref("Conclusie"), responses: [B.ok("De evaluatie", .ref("PartnerEvaluatie"))], fouten: [403, 415]))),
        ]
    }
}

private typealias B = Bouwstenen

extension Eenheid: APIOpsomming {}
extension Tekst: APISchema {
    static let schemanaam = "Tekst"
    static let beschrijving: String? = "Een tekst in het Nederlands (nl) en het Engels (en)."
}
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

extension PartnerEvaluatieDTO: APISchema { static let schemanaam = "PartnerEvaluatie" }
extension EvaluatiesController.ConclusieInvoer: APISchema {
    static let schemanaam = "Conclusie"
    static let nullbaar: Set<String> = ["conclusie"]
    static var velden: [String: JSONSchema] { ["conclusie": B.tekst(max: 20_000, "Leeg of null wist de conclusie.")] }
}
