import MeldpuntCore
import MeldpuntDomain
import OpenAPIKit30

/// `adviezen`: the meldpunt's advice to organisations — given unasked or on their question, about
/// a case or the stelsel — and what the organisation did with it.
enum AdviezenAPI: APIDeel {
    static let tag = OpenAPI.Tag(name: "adviezen", description: "Advies van het Meldpunt aan organisaties (gevraagd en ongevraagd) en wat de organisatie ermee doet")

    static func componenten(_ v: Schemaverkenner) {
        v.component(AdviesDTO.self)
        v.component(AdviesInvoer.self)
        v.component(AdviesvraagInvoer.self)
        v.component(AdviesReactieInvoer.self)
    }

    static let nummer = B.pad("adviesNummer", .integer(minimum: (1, exclusive: false)), "Nummer van het advies (ADV-12 heeft nummer 12)")

    static var paden: [(String, OpenAPI.PathItem)] {
        [
            ("/adviezen", .init(
                get: B.operatie(
                    "adviezen", "Adviezen: het Meldpunt ziet ze alle, een organisatie de hare", tag: "adviezen",
                    parameters: [B.query("map", .opsomming(Adviesregister.Map.self),
                                         "teBeantwoorden: gevraagd, nog geen advies; opvolgen: gegeven zonder reactie en de opvolgdatum is daar; open: gevraagd of gegeven; alle (standaard).")]
                        + B.paginering,
                    responses: [B.ok("Eén pagina", .array(items: .ref("Advies")), headers: ["Link", "X-Total-Count"])], fouten: [403]),
                post: B.operatie(
                    "adviesGeven", "Ongevraagd advies geven aan een partnerorganisatie (alleen het Meldpunt)", tag: "adviezen", body: .ref("AdviesVerzoek"),
                    responses: [B.ok("Het advies", .ref("Advies"), headers: ["Location"], status: 201)], fouten: [403, 415]))),
            ("/adviesvragen", .init(post: B.operatie(
                "adviesVragen", "Het Meldpunt om advies vragen (een partnerorganisatie); met zaaknummer alleen over een melding waarover het Meldpunt u een verzoek stuurde",
                tag: "adviezen", body: .ref("Adviesvraag"),
                responses: [B.ok("De vraag, als advies met status gevraagd", .ref("Advies"), headers: ["Location"], status: 201)], fouten: [403, 415]))),
            ("/adviezen/{adviesNummer}", .init(get: B.operatie(
                "advies", "Eén advies met vraag, advies en reactie", tag: "adviezen", parameters: [nummer],
                responses: [B.ok("Het advies", .ref("Advies"))], fouten: [403]))),
            ("/adviezen/{adviesNummer}/advies", .init(put: B.operatie(
                "adviesOpVraag", "Het advies op een vraag van een organisatie (advies en opvolgenOp; alleen het Meldpunt)", tag: "adviezen",
                parameters: [nummer], body: .ref("AdviesVerzoek"),
                responses: [B.ok("Het advies", .ref("Advies"))], fouten: [403, 409, 415]))),
            ("/adviezen/{adviesNummer}/reactie", .init(put: B.operatie(
                "adviesReactie", "Wat uw organisatie met het advies doet (de geadviseerde organisatie)", tag: "adviezen",
                parameters: [nummer], body: .ref("AdviesReactie"),
                responses: [B.ok("Het advies met uw reactie", .ref("Advies"))], fouten: [403, 409, 415]))),
        ]
    }
}

private typealias B = Bouwstenen

extension AdviesOnderwerp: APIOpsomming {}
extension AdviesStatus: APIOpsomming {}
extension Adviesregister.Map: APIOpsomming {}

extension AdviesDTO: APISchema {
    static let schemanaam = "Advies"
    static var velden: [String: JSONSchema] { [
        "zaaknummer": .string(description: "De melding waar het advies over gaat; ontbreekt bij advies over het stelsel of zonder melding."),
        "gegevenDoor": .string(description: "Voor het Meldpunt de medewerker; voor de organisatie ‘Meldpunt’."),
        "opvolgenOp": .datum,
    ] }
}

extension AdviesInvoer: APISchema {
    static let schemanaam = "AdviesVerzoek"
    static let verplicht: Set<String> = ["advies", "opvolgenOp"]
    static var velden: [String: JSONSchema] { [
        "organisatieOin": B.ofNull(.string(description: "Bij ongevraagd advies verplicht: een partner uit het register. Niet bij een antwoord op een vraag.")),
        "onderwerp": B.ofNull(.opsomming(AdviesOnderwerp.allCases.map(\.rawValue), description: "Bij ongevraagd advies verplicht. Niet bij een antwoord op een vraag.")),
        "advies": B.tekst(max: AdviesLimieten.maxTekst, min: 1),
        "opvolgenOp": .string(format: .date, description: "Wanneer het Meldpunt navraagt wat de organisatie ermee deed; niet in het verleden."),
        "zaaknummer": B.ofNull(.string(description: "Optioneel bij ongevraagd advies: de melding waar het over gaat.", pattern: B.zaaknummerPatroon)),
    ] }
}

extension AdviesvraagInvoer: APISchema {
    static let schemanaam = "Adviesvraag"
    static let verplicht: Set<String> = ["onderwerp", "vraag"]
    static var velden: [String: JSONSchema] { [
        "onderwerp": .opsomming(AdviesOnderwerp.self),
        "vraag": B.tekst(max: AdviesLimieten.maxTekst, min: 1),
        "zaaknummer": B.ofNull(.string(description: "Optioneel: een melding waarover het Meldpunt uw organisatie een verzoek stuurde.", pattern: B.zaaknummerPatroon)),
    ] }
}

extension AdviesReactieInvoer: APISchema {
    static let schemanaam = "AdviesReactie"
    static let verplicht: Set<String> = ["reactie"]
    static var velden: [String: JSONSchema] { [
        "reactie": .opsomming(AdviesStatus.reacties.map(\.rawValue)),
        "toelichting": B.ofNull(B.tekst(max: AdviesLimieten.maxTekst, "Verplicht bij deelsOpgevolgd en nietOpgevolgd.")),
    ] }
}
