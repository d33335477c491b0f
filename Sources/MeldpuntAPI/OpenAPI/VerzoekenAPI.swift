import MeldpuntCore
import MeldpuntDomain
import OpenAPIKit30

/// `verzoeken`: a partner organisation's side of the meldpunt's requests — only what is shared with it.
enum VerzoekenAPI: APIDeel {
    static let tag = OpenAPI.Tag(name: "verzoeken", description: "Verzoeken aan uw organisatie als partner van het Meldpunt (alleen de gedeelde gegevens)")

    static func componenten(_ v: Schemaverkenner) {
        v.component(PartnerVerzoekSamenvattingDTO.self)
        v.component(PartnerVerzoekDTO.self)
        v.component(VerzoekStatuswijzigingInvoer.self)
        v.component(VerzoekenController.OpheffingInvoer.self)
        v.component(VerzoekBijlageInvoer.self)
    }

    /// A partner's step on a request addressed to it.
    static func partnerstap(_ id: String, _ samenvatting: String, body: JSONSchema, status: Int = 200, extra: [Int] = []) -> OpenAPI.Operation {
        Bouwstenen.operatie(id, samenvatting, tag: "verzoeken", parameters: [Bouwstenen.verzoekId], body: body,
                            responses: [Bouwstenen.ok("Het verzoek na deze stap", .ref("PartnerVerzoek"), status: status)], fouten: [403, 409, 415] + extra)
    }

    static var paden: [(String, OpenAPI.PathItem)] {
        typealias B = Bouwstenen
        return [
            ("/verzoeken", .init(get: B.operatie(
                "verzoekenAanPartner", "De verzoeken aan uw organisatie, nieuwste eerst", tag: "verzoeken",
                parameters: [B.query("open", .boolean, "true: alleen verzoeken die nog op u wachten.")] + B.paginering,
                responses: [B.ok("Eén pagina", .array(items: .ref("PartnerVerzoekSamenvatting")), headers: ["Link", "X-Total-Count"])],
                fouten: [403]))),
            ("/verzoeken/{verzoekId}", .init(get: B.operatie(
                "verzoekVoorPartner", "Het verzoek met alleen de gegevens die het Meldpunt met u deelt; het inzien wordt gelogd", tag: "verzoeken",
                parameters: [B.verzoekId], responses: [B.ok("Het verzoek", .ref("PartnerVerzoek"))], fouten: [403]))),
            ("/verzoeken/{verzoekId}/statuswijzigingen", .init(post: partnerstap(
                "verzoekStatusWijzigen", "Accepteren (eventueel met een termijn), afwijzen met reden, of uitgevoerd melden (bij opschorting: tot wanneer)",
                body: .ref("VerzoekStatuswijziging")))),
            ("/verzoeken/{verzoekId}/berichten", .init(post: partnerstap(
                "verzoekBerichtAanMeldpunt", "Een bericht aan het Meldpunt", body: .ref("TekstVerzoek")))),
            ("/verzoeken/{verzoekId}/termijn", .init(put: partnerstap(
                "verzoekTermijnVoorstellen", "Een andere uiterste datum afspreken", body: .ref("TermijnVerzoek")))),
            ("/verzoeken/{verzoekId}/escalaties", .init(post: partnerstap(
                "verzoekEscalerenDoorPartner", "Voorstellen het verzoek één niveau hoger te leggen, of akkoord gaan met het voorstel van het Meldpunt (samen besloten, intentieverklaring 11), met reden",
                body: .ref("Reden")))),
            ("/verzoeken/{verzoekId}/escalatie-afwijzingen", .init(post: partnerstap(
                "verzoekEscalatieAfwijzenDoorPartner", "Niet akkoord met het voorstel van het Meldpunt om te escaleren, met reden", body: .ref("Reden")))),
            ("/verzoeken/{verzoekId}/opheffingen", .init(post: partnerstap(
                "opschortingOpheffen", "Een bevestigde opschorting opheffen", body: .ref("Opheffing")))),
            ("/verzoeken/{verzoekId}/bijlagen", .init(post: partnerstap(
                "verzoekBijlageToevoegen", "Een bestand (PDF, JPEG of PNG, hoogstens 20 MiB, base64) bij het verzoek", body: .ref("VerzoekBijlageVerzoek"),
                status: 201, extra: [413]))),
            ("/verzoeken/{verzoekId}/bijlagen/{bijlageId}", .init(get: B.operatie(
                "verzoekBijlageVoorPartner", "Een bestand bij het verzoek, of van de melder als dat gedeeld is", tag: "verzoeken",
                parameters: [B.verzoekId, B.pad("bijlageId", B.uuid)], responses: [B.download("Het bestand")], fouten: [403]))),
        ]
    }
}

private typealias B = Bouwstenen

extension PartnerVerzoekSamenvattingDTO: APISchema {
    static let schemanaam = "PartnerVerzoekSamenvatting"
}

extension PartnerVerzoekDTO: APISchema {
    static let schemanaam = "PartnerVerzoek"
}

extension GedeeldeMeldingDTO: APIVorm {
    static let beschrijving: String? = "Alleen wat het Meldpunt deelt; wat ontbreekt is niet gedeeld."
    static var velden: [String: JSONSchema] { [
        // As the melder gave them; no constraint of the intake form is promised here.
        "gevolgen": .array(items: .object),
    ] }
}

extension VerzoekStatuswijzigingInvoer: APISchema {
    static let schemanaam = "VerzoekStatuswijziging"
    static let verplicht: Set<String> = ["status"]
    static let nullbaar: Set<String> = ["reden", "uiterlijk", "opgeschortTot", "toelichting"]
    static var velden: [String: JSONSchema] { [
        "status": .opsomming([VerzoekStatus.geaccepteerd, .afgewezen, .uitgevoerd].map(\.rawValue)),
        "reden": B.tekst(max: BehandelLimieten.maxBericht, "Verplicht bij afgewezen, anders niet toegestaan."),
        "uiterlijk": .string(format: .date, description: "Alleen bij geaccepteerd: de termijn die u voorstelt."),
        "opgeschortTot": .string(format: .date, description: "Alleen bij uitgevoerd van een opschorting."),
        "toelichting": B.tekst(max: BehandelLimieten.maxBericht),
    ] }
}

extension VerzoekenController.OpheffingInvoer: APISchema {
    static let schemanaam = "Opheffing"
    static let nullbaar: Set<String> = ["toelichting"]
    static var velden: [String: JSONSchema] { ["toelichting": B.tekst(max: BehandelLimieten.maxBericht)] }
}

extension VerzoekBijlageInvoer: APISchema {
    static let schemanaam = "VerzoekBijlageVerzoek"
    static let verplicht: Set<String> = ["inhoud"]
    static let nullbaar: Set<String> = ["bestandsnaam"]
    static var velden: [String: JSONSchema] { [
        "bestandsnaam": B.tekst(max: BijlageRegels.maxBestandsnaamLengte),
        "inhoud": .string(format: .byte, description: "Het bestand, base64."),
    ] }
}
