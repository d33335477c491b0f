import MeldpuntCore
import MeldpuntDomain
import OpenAPIKit30

/// `referentiedata`: gemeenten, registraties, the working-day calendar and this document. Open to all.
enum ReferentiedataAPI: APIDeel {
    static let tag = OpenAPI.Tag(name: "referentiedata", description: "Gemeenten, registraties en de werkdagkalender (openbaar)")

    static func componenten(_ v: Schemaverkenner) {
        v.component(ReferentieController.GemeenteDTO.self)
        v.component(Registratie.self)
        v.component(ReferentieController.TermijnDTO.self)
        v.component(Verwerkingsactiviteit.self)
    }

    static var paden: [(String, OpenAPI.PathItem)] {
        typealias B = Bouwstenen
        return [
            ("/gemeenten", .init(get: B.operatie(
                "gemeenten", "Actuele gemeenten (bronhouders van de BRP), gesorteerd op naam", tag: "referentiedata", publiek: true,
                parameters: [B.query("peildatum", .datum, "Gemeenten die op deze datum bestonden (standaard: vandaag).")],
                responses: [B.ok("Gemeenten", .array(items: .ref("Gemeente")))], fouten: []))),
            ("/registraties", .init(get: B.operatie(
                "registraties", "De tien basisregistraties", tag: "referentiedata", publiek: true,
                responses: [B.ok("Registraties", .array(items: .ref("Registratie")))], fouten: []))),
            ("/termijnen", .init(get: B.operatie(
                "termijn", "Einddatum na een aantal werkdagen (Algemene termijnenwet)", tag: "referentiedata", publiek: true,
                parameters: [
                    B.query("startdatum", .datum, "Startdatum; die dag telt zelf niet mee.", required: true),
                    B.query("werkdagen", .integer(maximum: (1000, exclusive: false), minimum: (0, exclusive: false)), "Aantal werkdagen.", required: true),
                ],
                responses: [B.ok("De termijn", .ref("Termijn"))], fouten: []))),
            ("/verwerkingsactiviteiten", .init(get: B.operatie(
                "verwerkingsactiviteiten", "Het register van verwerkingsactiviteiten (AVG art. 30): waar elke vastlegging in Logboek Dataverwerkingen naar verwijst",
                tag: "referentiedata", publiek: true,
                responses: [B.ok("Verwerkingsactiviteiten", .array(items: .ref("Verwerkingsactiviteit")))], fouten: []))),
            ("/verwerkingsactiviteiten/{activiteit}", .init(get: B.operatie(
                "verwerkingsactiviteit", "Eén verwerkingsactiviteit: het vaste adres dat dpl.core.processing_activity_id noemt", tag: "referentiedata", publiek: true,
                parameters: [B.pad("activiteit", .string(pattern: "^[a-z][a-z0-9-]{0,63}$"), "Id van de verwerkingsactiviteit")],
                responses: [B.ok("De verwerkingsactiviteit", .ref("Verwerkingsactiviteit"))], fouten: [404]))),
            ("/openapi.json", .init(get: B.operatie(
                "openapi", "Dit document", tag: "referentiedata", publiek: true,
                responses: [B.ok("OpenAPI-document", .object)], fouten: []))),
        ]
    }
}

extension ReferentieController.GemeenteDTO: APISchema {
    static let schemanaam = "Gemeente"
    static var velden: [String: JSONSchema] {
        ["gemeentecode": .string(pattern: Bouwstenen.gemeentecodePatroon), "ingangsdatum": .datum, "einddatum": .datum]
    }
}

extension Registratie: APISchema {
    static let schemanaam = "Registratie"
}

extension ReferentieController.TermijnDTO: APISchema {
    static let schemanaam = "Termijn"
    static var velden: [String: JSONSchema] { ["startdatum": .datum, "einddatum": .datum] }
}

extension Verwerkingsactiviteit: APISchema {
    static let schemanaam = "Verwerkingsactiviteit"
    static var beschrijving: String? { "Een activiteit uit het register van verwerkingsactiviteiten; id en versie samen wijzen één tekst aan." }
    static var velden: [String: JSONSchema] { ["geldigVanaf": .datum] }
}

extension Verwerkingsactiviteit.Tekst: APIVorm {}
extension Verwerkingsactiviteit.Lijst: APIVorm {}
