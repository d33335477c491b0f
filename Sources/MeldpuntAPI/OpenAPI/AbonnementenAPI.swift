import MeldpuntCore
import MeldpuntDomain
import OpenAPIKit30

/// `abonnementen`: events to your systems, as ZGW Notificaties 1.0 or NL GOV CloudEvents 1.0.
enum AbonnementenAPI: APIDeel {
    static let tag = OpenAPI.Tag(name: "abonnementen", description: """
        Notificaties aan uw systemen over wat u met dezelfde sleutel mag lezen. Elke notificatie heeft een vaste id \
        (header webhook-id; bij CloudEvents ook id) en is ondertekend: webhook-signature is v1,<base64 HMAC-SHA256 over \
        "<webhook-id>.<webhook-timestamp>.<body>"> met het geheim dat u bij het aanmaken kreeg. Een notificatie die niet \
        met 2xx wordt beantwoord, wordt tot 7 keer opnieuw verstuurd (25 s × 4ⁿ, ten hoogste 12 uur ertussen).
        """)

    static func componenten(_ v: Schemaverkenner) {
        v.component(AbonnementInvoer.self)
        v.component(AbonnementDTO.self)
        v.component(AbonnementKanaal.self)
    }

    static var paden: [(String, OpenAPI.PathItem)] {
        typealias B = Bouwstenen
        let id = B.pad("abonnementId", B.uuid, "Id van het abonnement")
        return [
            ("/abonnementen", .init(
                get: B.operatie("abonnementen", "De abonnementen van uw organisatie", tag: "abonnementen",
                                responses: [B.ok("Abonnementen", .array(items: .ref("Abonnement")))], fouten: []),
                post: B.operatie("abonnementMaken", "Een abonnement nemen; het adres krijgt eerst een testnotificatie (kanaal test) die met 2xx beantwoord moet worden",
                                 tag: "abonnementen", body: .ref("AbonnementVerzoek"),
                                 responses: [B.ok("Het abonnement, met eenmalig het ondertekengeheim", .ref("Abonnement"), headers: ["Location"], status: 201)],
                                 fouten: [415]))),
            ("/abonnementen/{abonnementId}", .init(
                get: B.operatie("abonnement", "Eén abonnement", tag: "abonnementen", parameters: [id],
                                responses: [B.ok("Het abonnement", .ref("Abonnement"))], fouten: []),
                delete: B.operatie("abonnementBeeindigen", "Het abonnement beëindigen; wat nog wacht, wordt niet meer verstuurd", tag: "abonnementen",
                                   parameters: [id], responses: [(204, .init(description: "Beëindigd", headers: ["API-Version": B.versieHeader], content: [:]))],
                                   fouten: []))),
        ]
    }
}

private typealias B = Bouwstenen

extension AbonnementInvoer: APISchema {
    static let schemanaam = "AbonnementVerzoek"
    static let verplicht: Set<String> = ["callbackUrl", "auth", "kanalen"]
    static let nullbaar: Set<String> = ["vorm"]
    static var velden: [String: JSONSchema] { [
        "callbackUrl": .string(format: .extended(.uri), description: "Waar de notificaties heen gaan (https; in ontwikkeling ook http).", minLength: 1, maxLength: 200),
        "auth": B.tekst(max: 1000, "De Authorization-header die wij meesturen, bv. ‘Bearer …’; leeg voor geen."),
        "kanalen": B.lijst(.ref("AbonnementKanaal"), min: 1, max: Kanaal.allCases.count * 4),
        "vorm": .opsomming(Gebeurtenisvorm.self, description: "zgw (standaard): ZGW Notificaties 1.0; cloudevents: NL GOV CloudEvents 1.0, data-arm."),
    ] }
}

extension AbonnementKanaal: APISchema {
    static let schemanaam = "AbonnementKanaal"
    static let verplicht: Set<String> = ["naam"]
    static let nullbaar: Set<String> = ["filters"]
    static var velden: [String: JSONSchema] { [
        "naam": .opsomming(Kanaal.self),
        "filters": .object(description: "Kenmerk → waarde; alleen notificaties met die kenmerken (* = elke waarde). terugmeldingen: status, registratie, bronhouder, afnemer; meldingen: status; verzoeken: soort, status, niveau, organisatie; opschortingen: actie, organisatie.",
                           additionalProperties: .init(.string(minLength: 1, maxLength: 1000))),
    ] }
}

extension AbonnementDTO: APISchema {
    static let schemanaam = "Abonnement"
    static let nullbaar: Set<String> = ["geheim"]
    static var velden: [String: JSONSchema] { [
        "geheim": B.tekst(max: nil, "Alleen in het antwoord op het aanmaken: het geheim waarmee u webhook-signature controleert."),
    ] }
}
