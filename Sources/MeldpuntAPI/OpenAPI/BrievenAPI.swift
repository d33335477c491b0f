import MeldpuntCore
import MeldpuntDomain
import OpenAPIKit30

/// `brieven`: letters to melders who get post, for a print service working for the meldpunt.
enum BrievenAPI: APIDeel {
    static let tag = OpenAPI.Tag(name: "brieven", description: "Brieven aan melders die post krijgen: wat nog geprint moet worden, elke brief als PDF, en melden dat hij verstuurd is (alleen het Meldpunt)")

    static func componenten(_ v: Schemaverkenner) {
        v.component(BriefDTO.self)
    }

    static let id = B.pad("briefId", B.uuid, "Id van de brief")

    static var paden: [(String, OpenAPI.PathItem)] {
        [
            ("/brieven", .init(get: B.operatie(
                "brieven", "Brieven aan melders: nog te versturen (oudste eerst) of verstuurd (laatst verstuurde eerst)", tag: "brieven",
                parameters: [B.query("map", .opsomming(Briefpost.Map.self), "teVersturen (standaard) of geprint.")] + B.paginering,
                responses: [B.ok("Eén pagina", .array(items: .ref("Brief")), headers: ["Link", "X-Total-Count"])], fouten: [403]))),
            ("/brieven/{briefId}", .init(get: B.operatie(
                "brief", "Eén brief: onderwerp, taal, wanneer gemaakt en verstuurd, en of het adres compleet is", tag: "brieven", parameters: [id],
                responses: [B.ok("De brief", .ref("Brief"))], fouten: [403]))),
            ("/brieven/{briefId}/pdf", .init(get: B.operatie(
                "briefPdf", "De brief als A4-PDF, met het adres in het venster van een vensterenvelop; het lezen van het adres wordt gelogd",
                tag: "brieven", parameters: [id], responses: [B.download("De brief", soorten: ["application/pdf"])], fouten: [403, 409]))),
            ("/brieven/{briefId}/verzending", .init(put: B.operatie(
                "briefVerzonden", "Melden dat de brief geprint en verstuurd is (body: een leeg object); nog eens melden verandert niets",
                tag: "brieven", parameters: [id], body: .object(description: "Een leeg object: {}"),
                responses: [B.ok("De brief", .ref("Brief"))], fouten: [403, 415]))),
        ]
    }
}

private typealias B = Bouwstenen

extension Briefpost.Map: APIOpsomming {}
extension Taal: APIOpsomming {}

extension BriefDTO: APISchema {
    static let schemanaam = "Brief"
    static var velden: [String: JSONSchema] { [
        "zaaknummer": .string(description: "De melding waar de brief bij hoort."),
        "geprintDoor": .string(description: "Wie de brief als verstuurd meldde."),
        "adresCompleet": .boolean(description: "Straat en huisnummer, postcode en woonplaats zijn bekend: de brief kan in een vensterenvelop. Anders geeft de PDF een 409."),
        "pdf": .string(description: "De brief als PDF."),
    ] }
}
