import MeldpuntCore
import MeldpuntDomain
import OpenAPIKit30

/// `coordinatie`: the meldpunt's requests to partner organisations within a case, suspensions, escalation.
enum CoordinatieAPI: APIDeel {
    static let tag = OpenAPI.Tag(name: "coordinatie", description: "Verzoeken van het Meldpunt aan partnerorganisaties binnen een melding; opschortingen en escalatie")

    static func componenten(_ v: Schemaverkenner) {
        v.component(NieuwVerzoekInvoer.self)
        v.component(VerzoekDTO.self)
        v.component(OpschortingRegelDTO.self)
        v.component(OpschortingBesluitInvoer.self)
        v.component(TermijnInvoer.self)
        v.component(RedenInvoer.self)
        v.component(MeldingVerzoekenController.TerugmeldingVanuitMelding.self)
    }

    /// A meldpunt step on one request: the request after it.
    static func verzoekstap(_ id: String, _ samenvatting: String, body: JSONSchema) -> OpenAPI.Operation {
        Bouwstenen.operatie(id, samenvatting, tag: "coordinatie", parameters: [Bouwstenen.zaaknummer, Bouwstenen.verzoekId], body: body,
                            responses: [Bouwstenen.ok("Het verzoek na deze stap", .ref("Verzoek"))], fouten: [403, 409, 415])
    }

    static var paden: [(String, OpenAPI.PathItem)] {
        typealias B = Bouwstenen
        return [
            ("/meldingen/{zaaknummer}/verzoeken", .init(post: B.operatie(
                "verzoekSturen", "Een verzoek aan een partnerorganisatie: correctie, opschorting, informatie, advies of overleg; met de gegevens die meegaan",
                tag: "coordinatie", parameters: [B.zaaknummer], body: .ref("NieuwVerzoek"),
                responses: [B.ok("Het verzoek is verstuurd", .ref("Verzoek"), headers: ["Location"], status: 201)], fouten: [403, 409, 415]))),
            ("/meldingen/{zaaknummer}/verzoeken/{verzoekId}", .init(get: B.operatie(
                "verzoek", "Eén verzoek met zijn berichten en stappen", tag: "coordinatie", parameters: [B.zaaknummer, B.verzoekId],
                responses: [B.ok("Het verzoek", .ref("Verzoek"))], fouten: [403]))),
            ("/meldingen/{zaaknummer}/verzoeken/{verzoekId}/berichten", .init(post: verzoekstap(
                "verzoekBerichtAanPartner", "Een bericht aan de organisatie", body: .ref("TekstVerzoek")))),
            ("/meldingen/{zaaknummer}/verzoeken/{verzoekId}/verslagen", .init(post: verzoekstap(
                "overlegVerslag", "Het verslag van een overleg vastleggen", body: .ref("TekstVerzoek")))),
            ("/meldingen/{zaaknummer}/verzoeken/{verzoekId}/termijn", .init(put: verzoekstap(
                "verzoekTermijnZetten", "De afgesproken uiterste datum zetten", body: .ref("TermijnVerzoek")))),
            ("/meldingen/{zaaknummer}/verzoeken/{verzoekId}/escalaties", .init(post: verzoekstap(
                "verzoekEscaleren", "Escaleren wordt samen besloten (intentieverklaring 11): zonder voorstel is dit een voorstel aan de organisatie (escalatievoorstel, met de dag waarop zij uiterlijk antwoordt); op een voorstel van de organisatie is het akkoord; op het eigen voorstel pas als die dag voorbij is. Bij akkoord één niveau hoger; de contactpersoon van dat niveau wordt partij. Met reden.",
                body: .ref("Reden")))),
            ("/meldingen/{zaaknummer}/verzoeken/{verzoekId}/escalatie-afwijzingen", .init(post: verzoekstap(
                "verzoekEscalatieAfwijzen", "Niet akkoord met het voorstel van de organisatie om te escaleren, met reden", body: .ref("Reden")))),
            ("/meldingen/{zaaknummer}/verzoeken/{verzoekId}/opschortingsbesluit", .init(put: verzoekstap(
                "opschortingBesluiten", "Besluiten over een lopende opschorting van een gesloten melding waarover bij het sluiten niet besloten is (de melder trok de toestemming in): opheffen of aanhouden tot de einddatum; de organisatie krijgt bericht. Bij een open melding besluit u bij het sluiten (opschortingBesluit).",
                body: .ref("OpschortingBesluit")))),
            ("/meldingen/{zaaknummer}/verzoeken/{verzoekId}/bijlagen/{bijlageId}", .init(get: B.operatie(
                "verzoekBijlage", "Een bestand dat de organisatie bij het verzoek stuurde", tag: "coordinatie",
                parameters: [B.zaaknummer, B.verzoekId, B.pad("bijlageId", B.uuid)], responses: [B.download("Het bestand")], fouten: [403]))),
            ("/meldingen/{zaaknummer}/terugmeldingen", .init(post: B.operatie(
                "terugmeldingVanuitMelding", "Namens het Meldpunt terugmelden aan de bronhouder; er komt een gekoppeld correctieverzoek dat de terugmelding volgt",
                tag: "coordinatie", parameters: [B.zaaknummer], body: .ref("TerugmeldingVanuitMelding"),
                responses: [B.ok("Het correctieverzoek met de terugmelding", .ref("Verzoek"), headers: ["Location"], status: 201)],
                fouten: [403, 409, 413, 415]))),
            ("/opschortingen", .init(get: B.operatie(
                "opschortingen", "Alle opschortingen over alle meldingen, nieuwste eerst", tag: "coordinatie",
                parameters: [B.query("actief", .boolean, "true: alleen wat nu is opgeschort.")],
                responses: [B.ok("De opschortingen", .array(items: .ref("OpschortingRegel")))], fouten: [403]))),
        ]
    }
}

private typealias B = Bouwstenen

extension OpschortingBesluit: APIOpsomming {}

extension OpschortingBesluitInvoer: APISchema {
    static let schemanaam = "OpschortingBesluit"
    static let verplicht: Set<String> = ["besluit"]
    static var velden: [String: JSONSchema] { ["besluit": .opsomming(OpschortingBesluit.self)] }
}

extension NieuwVerzoekInvoer: APISchema {
    static let schemanaam = "NieuwVerzoek"
    static let verplicht: Set<String> = ["organisatieOin", "soort", "vraag"]
    static let nullbaar: Set<String> = ["uiterlijk", "gedeeldeGegevens", "opschorting", "overleg"]
    static var velden: [String: JSONSchema] { [
        "organisatieOin": .string(description: "OIN van de partnerorganisatie.", pattern: "^[0-9A-Z]{20}$"),
        "soort": .opsomming(VerzoekSoort.self),
        "vraag": B.tekst(max: BehandelLimieten.maxBericht, "Gaat altijd mee naar de organisatie.", min: 1),
        "uiterlijk": .string(format: .date, description: "Niet in het verleden."),
        "gedeeldeGegevens": .array(description: "Wat van de melding meegaat; het zaaknummer en de vraag altijd.", items: .opsomming(GedeeldGegeven.self)),
    ] }
}

extension NieuwVerzoekInvoer.OpschortingInvoer: APIVorm {
    static let beschrijving: String? = "Verplicht bij soort opschorting, anders niet toegestaan."
    static let nullbaar: Set<String> = ["kenmerk", "tot"]
    static var velden: [String: JSONSchema] { [
        "actie": .opsomming(OpschortingsActie.self), "kenmerk": B.tekst(max: BehandelLimieten.maxKort), "tot": .datum,
    ] }
}

extension NieuwVerzoekInvoer.OverlegInvoer: APIVorm {
    static let beschrijving: String? = "Verplicht bij soort overleg, anders niet toegestaan."
    static var velden: [String: JSONSchema] { ["datum": .datum, "deelnemers": B.tekst(max: BehandelLimieten.maxKort * 5)] }
}

extension ContactpersoonDTO: APISchema {
    static let schemanaam = "Contactpersoon"
    static var velden: [String: JSONSchema] { ["niveau": .opsomming(Escalatieniveau.self)] }
}

extension Verzoekstapsoort: APIOpsomming {}

extension VerzoekBerichtDTO: APISchema { static let schemanaam = "VerzoekBericht" }

extension OpschortingDTO: APISchema { static let schemanaam = "Opschorting" }

extension VerzoekOverlegDTO: APISchema {
    static let schemanaam = "VerzoekOverleg"
    static var velden: [String: JSONSchema] { ["datum": .datum] }
}

extension VerzoekDTO: APISchema {
    static let schemanaam = "Verzoek"
    static var velden: [String: JSONSchema] { [
        // Only these two ever set a deadline.
        "termijnDoor": .opsomming([Verzoekpartij.meldpunt, .partner].map(\.rawValue)),
    ] }
}

extension OpschortingRegelDTO: APISchema {
    static let schemanaam = "OpschortingRegel"
    static var velden: [String: JSONSchema] { ["status": .opsomming(VerzoekStatus.self)] }
}

extension TermijnInvoer: APISchema {
    static let schemanaam = "TermijnVerzoek"
    static let verplicht: Set<String> = ["uiterlijk"]
    static let nullbaar: Set<String> = ["toelichting"]
    static var velden: [String: JSONSchema] { [
        "uiterlijk": .string(format: .date, description: "Niet in het verleden."),
        "toelichting": B.tekst(max: BehandelLimieten.maxBericht),
    ] }
}

extension RedenInvoer: APISchema {
    static let schemanaam = "Reden"
    static let verplicht: Set<String> = ["reden"]
    static var velden: [String: JSONSchema] { ["reden": B.tekst(max: BehandelLimieten.maxBericht, min: 1)] }
}

extension MeldingVerzoekenController.TerugmeldingVanuitMelding: APISchema {
    static let schemanaam = "TerugmeldingVanuitMelding"
    static let verplicht: Set<String> = ["terugmelding"]
    static let nullbaar: Set<String> = ["vraag", "gedeeldeGegevens"]
    static var velden: [String: JSONSchema] { [
        "vraag": B.tekst(max: BehandelLimieten.maxBericht, "De vraag bij het correctieverzoek; standaard een korte tekst."),
        "gedeeldeGegevens": .array(items: .opsomming(GedeeldGegeven.self)),
    ] }
}

extension EscalatievoorstelDTO: APIVorm {
    static let beschrijving: String? = "Een voorstel om te escaleren: wie het deed, tot wanneer de ander antwoordt, en of die dag voorbij is."
    static var velden: [String: JSONSchema] { ["uiterlijk": .datum] }
}
