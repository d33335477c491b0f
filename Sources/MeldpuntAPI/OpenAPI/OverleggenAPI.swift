import MeldpuntCore
import MeldpuntDomain
import OpenAPIKit30

/// `overleggen`: overleg with several organisations — planned by the meldpunt, read by every
/// invitee, with minutes and actions per organisation.
enum OverleggenAPI: APIDeel {
    static let tag = OpenAPI.Tag(name: "overleggen", description: "Overleg van het Meldpunt met meerdere organisaties: genodigden, agenda, verslag en acties per organisatie")

    static func componenten(_ v: Schemaverkenner) {
        v.component(OverlegDTO.self)
        v.component(OverlegActieDTO.self)
        v.component(OverlegInvoer.self)
        v.component(OverlegVerslagInvoer.self)
        v.component(OverlegActieInvoer.self)
        v.component(OverlegActieAfrondingInvoer.self)
        v.component(OverlegAnnuleringInvoer.self)
    }

    static let nummer = B.pad("overlegNummer", .integer(minimum: (1, exclusive: false)), "Nummer van het overleg (OVL-4 heeft nummer 4)")
    static let actie = B.pad("actieNummer", .integer(minimum: (1, exclusive: false)), "Nummer van de actie binnen het overleg")

    static var paden: [(String, OpenAPI.PathItem)] {
        [
            ("/overleggen", .init(
                get: B.operatie(
                    "overleggen", "Overleggen: het Meldpunt ziet ze alle, een organisatie die waarvoor zij is uitgenodigd", tag: "overleggen",
                    parameters: [B.query("map", .opsomming(Overlegregister.Map.self),
                                         "komend: gepland; openActies: met acties die nog niet gedaan zijn (voor een organisatie: de hare); alle (standaard).")]
                        + B.paginering,
                    responses: [B.ok("Eén pagina", .array(items: .ref("Overleg")), headers: ["Link", "X-Total-Count"])], fouten: [403]),
                post: B.operatie(
                    "overlegPlannen", "Een overleg plannen en partnerorganisaties uitnodigen (alleen het Meldpunt); elke genodigde krijgt bericht",
                    tag: "overleggen", body: .ref("OverlegPlan"),
                    responses: [B.ok("Het overleg", .ref("Overleg"), headers: ["Location"], status: 201)], fouten: [403, 415]))),
            ("/overleggen/{overlegNummer}", .init(get: B.operatie(
                "overleg", "Eén overleg met genodigden, agenda, verslag en acties", tag: "overleggen", parameters: [nummer],
                responses: [B.ok("Het overleg", .ref("Overleg"))], fouten: [403]))),
            ("/overleggen/{overlegNummer}/verslag", .init(put: B.operatie(
                "overlegVerslagVastleggen", "Het verslag vastleggen of verbeteren (alleen het Meldpunt, vanaf de dag van het overleg); het overleg is dan gehouden",
                tag: "overleggen", parameters: [nummer], body: .ref("OverlegVerslag"),
                responses: [B.ok("Het overleg", .ref("Overleg"))], fouten: [403, 409, 415]))),
            ("/overleggen/{overlegNummer}/annulering", .init(put: B.operatie(
                "overlegAnnuleren", "Een gepland overleg annuleren, met de reden die de genodigden lezen (alleen het Meldpunt)",
                tag: "overleggen", parameters: [nummer], body: .ref("OverlegAnnulering"),
                responses: [B.ok("Het overleg", .ref("Overleg"))], fouten: [403, 409, 415]))),
            ("/overleggen/{overlegNummer}/acties", .init(post: B.operatie(
                "overlegActieToevoegen", "Een actie voor een genodigde organisatie of het Meldpunt zelf, met de dag waarop zij gedaan is (alleen het Meldpunt)",
                tag: "overleggen", parameters: [nummer], body: .ref("OverlegActieVerzoek"),
                responses: [B.ok("Het overleg met de nieuwe actie", .ref("Overleg"), headers: ["Location"], status: 201)], fouten: [403, 409, 415]))),
            ("/overleggen/{overlegNummer}/acties/{actieNummer}/afronding", .init(put: B.operatie(
                "overlegActieAfronden", "Een actie gedaan melden (de organisatie van de actie, of het Meldpunt namens haar)",
                tag: "overleggen", parameters: [nummer, actie], body: .ref("OverlegActieAfronding"),
                responses: [B.ok("Het overleg", .ref("Overleg"))], fouten: [403, 409, 415]))),
        ]
    }
}

private typealias B = Bouwstenen

extension OverlegStatus: APIOpsomming {}
extension OverlegActieStatus: APIOpsomming {}
extension Overlegregister.Map: APIOpsomming {}

extension OverlegDTO: APISchema {
    static let schemanaam = "Overleg"
    static var velden: [String: JSONSchema] { [
        "datum": .datum,
        "tijd": .string(description: "Aanvang, uu:mm (Nederlandse tijd); ontbreekt als die nog niet vaststaat."),
        "zaaknummer": .string(description: "De melding waar het overleg over gaat; ontbreekt bij een overleg zonder melding."),
        "verslagDoor": .string(description: "Voor het Meldpunt de medewerker; voor een genodigde ‘Meldpunt’."),
        "aangemaaktDoor": .string(description: "Voor het Meldpunt de medewerker; voor een genodigde ‘Meldpunt’."),
    ] }
}

extension OverlegActieDTO: APISchema {
    static let schemanaam = "OverlegActie"
    static var velden: [String: JSONSchema] { [
        "uiterlijk": .datum,
        "gedaanDoor": .string(description: "Wie de actie gedaan meldde; voor het Meldpunt en de organisatie van de actie."),
        "teLaat": .boolean(description: "Open en de dag is voorbij."),
    ] }
}

extension OverlegInvoer: APISchema {
    static let schemanaam = "OverlegPlan"
    static let verplicht: Set<String> = ["onderwerp", "datum", "agenda", "deelnemers"]
    static var velden: [String: JSONSchema] { [
        "onderwerp": B.tekst(max: OverlegLimieten.maxKort, min: 1),
        "datum": .string(format: .date, description: "De dag van het overleg; niet in het verleden."),
        "tijd": B.ofNull(.string(description: "Aanvang als uu:mm.", pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$")),
        "plaats": B.ofNull(B.tekst(max: OverlegLimieten.maxKort, "Een zaal, adres of ‘online’.")),
        "agenda": B.tekst(max: OverlegLimieten.maxTekst, min: 1),
        "deelnemers": B.lijst(.string(pattern: "^[0-9]{20}$"), min: 1, max: OverlegLimieten.maxDeelnemers, "De OIN's van de uit te nodigen partnerorganisaties."),
        "zaaknummer": B.ofNull(.string(description: "Optioneel: de melding waar het overleg over gaat.", pattern: B.zaaknummerPatroon)),
    ] }
}

extension OverlegVerslagInvoer: APISchema {
    static let schemanaam = "OverlegVerslag"
    static let verplicht: Set<String> = ["verslag"]
    static var velden: [String: JSONSchema] { ["verslag": B.tekst(max: OverlegLimieten.maxTekst, min: 1)] }
}

extension OverlegActieInvoer: APISchema {
    static let schemanaam = "OverlegActieVerzoek"
    static let verplicht: Set<String> = ["organisatieOin", "omschrijving", "uiterlijk"]
    static var velden: [String: JSONSchema] { [
        "organisatieOin": .string(description: "Een genodigde organisatie, of het Meldpunt zelf.", pattern: "^[0-9]{20}$"),
        "omschrijving": B.tekst(max: OverlegLimieten.maxTekst, min: 1),
        "uiterlijk": .string(format: .date, description: "De dag waarop de actie gedaan is; niet in het verleden."),
    ] }
}

extension OverlegActieAfrondingInvoer: APISchema {
    static let schemanaam = "OverlegActieAfronding"
    static var velden: [String: JSONSchema] { ["toelichting": B.ofNull(B.tekst(max: OverlegLimieten.maxTekst, "Wat er is gedaan."))] }
}

extension OverlegAnnuleringInvoer: APISchema {
    static let schemanaam = "OverlegAnnulering"
    static let verplicht: Set<String> = ["reden"]
    static var velden: [String: JSONSchema] { ["reden": B.tekst(max: OverlegLimieten.maxTekst, min: 1)] }
}
