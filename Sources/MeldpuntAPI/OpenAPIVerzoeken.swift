import MeldpuntHTTP
import MeldpuntCore
import MeldpuntDomain

/// The OpenAPI part for partner coordination: the meldpunt's requests within a case, the
/// suspensions overview, and the partner's `/verzoeken`.
extension OpenAPIDocument {
    static var verzoekParam: J { ["name": "verzoekId", "in": "path", "required": true, "description": "Id van het verzoek", "schema": ["type": "string", "format": "uuid"]] }
    static var bijlageParam: J { ["name": "bijlageId", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]] }

    static var download: (String, J) {
        ("200", ["description": "Het bestand", "headers": ["API-Version": versieHeader],
                 "content": Dictionary(uniqueKeysWithValues: BijlageRegels.Soort.allCases.map { ($0.rawValue, ["schema": ["type": "string", "format": "binary"]] as J) })] as J)
    }

    /// A meldpunt step on one request: the request after it.
    static func verzoekstap(_ id: String, _ samenvatting: String, body: J) -> J {
        operatie(id, samenvatting, tag: "coordinatie", parameters: [zaaknummerParam, verzoekParam], body: body,
                 responses: [ok("Het verzoek na deze stap", ref("Verzoek"))], fouten: ["403", "409", "415"])
    }

    /// A partner's step on a request addressed to it.
    static func partnerstap(_ id: String, _ samenvatting: String, body: J, status: String = "200", extra: [String] = []) -> J {
        operatie(id, samenvatting, tag: "verzoeken", parameters: [verzoekParam], body: body,
                 responses: [ok("Het verzoek na deze stap", ref("PartnerVerzoek"), status: status)], fouten: ["403", "409", "415"] + extra)
    }

    static var verzoekPaths: J {
        [
            "/meldingen/{zaaknummer}/verzoeken": [
                "post": operatie("verzoekSturen", "Een verzoek aan een partnerorganisatie: correctie, opschorting, informatie, advies of overleg; met de gegevens die meegaan",
                                 tag: "coordinatie", parameters: [zaaknummerParam], body: ref("NieuwVerzoek"),
                                 responses: [ok("Het verzoek is verstuurd", ref("Verzoek"), headers: ["Location": ""], status: "201")], fouten: ["403", "409", "415"]),
            ] as J,
            "/meldingen/{zaaknummer}/verzoeken/{verzoekId}": [
                "get": operatie("verzoek", "Eén verzoek met zijn berichten en stappen", tag: "coordinatie", parameters: [zaaknummerParam, verzoekParam],
                                responses: [ok("Het verzoek", ref("Verzoek"))], fouten: ["403"]),
            ] as J,
            "/meldingen/{zaaknummer}/verzoeken/{verzoekId}/berichten": [
                "post": verzoekstap("verzoekBerichtAanPartner", "Een bericht aan de organisatie", body: ref("TekstVerzoek")),
            ] as J,
            "/meldingen/{zaaknummer}/verzoeken/{verzoekId}/verslagen": [
                "post": verzoekstap("overlegVerslag", "Het verslag van een overleg vastleggen", body: ref("TekstVerzoek")),
            ] as J,
            "/meldingen/{zaaknummer}/verzoeken/{verzoekId}/termijn": [
                "put": verzoekstap("verzoekTermijnZetten", "De afgesproken uiterste datum zetten", body: ref("TermijnVerzoek")),
            ] as J,
            "/meldingen/{zaaknummer}/verzoeken/{verzoekId}/escalaties": [
                "post": verzoekstap("verzoekEscaleren", "Eén niveau hoger escaleren, met reden; de contactpersoon van dat niveau wordt partij", body: ref("Reden")),
            ] as J,
            "/meldingen/{zaaknummer}/verzoeken/{verzoekId}/bijlagen/{bijlageId}": [
                "get": operatie("verzoekBijlage", "Een bestand dat de organisatie bij het verzoek stuurde", tag: "coordinatie",
                                parameters: [zaaknummerParam, verzoekParam, bijlageParam], responses: [download], fouten: ["403"]),
            ] as J,
            "/meldingen/{zaaknummer}/escalaties": [
                "post": behandelstap("meldingEscaleren", "De melding één niveau hoger escaleren (terugkerende of structurele fout), met reden", body: ref("Reden")),
            ] as J,
            "/meldingen/{zaaknummer}/terugmeldingen": [
                "post": operatie("terugmeldingVanuitMelding", "Namens het Meldpunt terugmelden aan de bronhouder; er komt een gekoppeld correctieverzoek dat de terugmelding volgt",
                                 tag: "coordinatie", parameters: [zaaknummerParam], body: ref("TerugmeldingVanuitMelding"),
                                 responses: [ok("Het correctieverzoek met de terugmelding", ref("Verzoek"), headers: ["Location": ""], status: "201")],
                                 fouten: ["403", "409", "413", "415"]),
            ] as J,
            "/opschortingen": [
                "get": operatie("opschortingen", "Alle opschortingen over alle meldingen, nieuwste eerst", tag: "coordinatie",
                                parameters: [query("actief", ["type": "boolean"], "true: alleen wat nu is opgeschort.")],
                                responses: [ok("De opschortingen", ["type": "array", "items": ref("OpschortingRegel")])], fouten: ["403"]),
            ] as J,
            "/verzoeken": [
                "get": operatie("verzoekenAanPartner", "De verzoeken aan uw organisatie, nieuwste eerst", tag: "verzoeken",
                                parameters: [
                                    query("open", ["type": "boolean"], "true: alleen verzoeken die nog op u wachten."),
                                    query("page", ["type": "integer", "minimum": 1, "maximum": 1_000_000, "default": 1], "Paginanummer."),
                                    query("pageSize", ["type": "integer", "minimum": 1, "maximum": Paginering.maxGrootte, "default": Paginering.standaardGrootte], "Aantal per pagina."),
                                ],
                                responses: [ok("Eén pagina", ["type": "array", "items": ref("PartnerVerzoekSamenvatting")], headers: ["Link": "", "X-Total-Count": ""])],
                                fouten: ["403"]),
            ] as J,
            "/verzoeken/{verzoekId}": [
                "get": operatie("verzoekVoorPartner", "Het verzoek met alleen de gegevens die het Meldpunt met u deelt; het inzien wordt gelogd", tag: "verzoeken",
                                parameters: [verzoekParam], responses: [ok("Het verzoek", ref("PartnerVerzoek"))], fouten: ["403"]),
            ] as J,
            "/verzoeken/{verzoekId}/statuswijzigingen": [
                "post": partnerstap("verzoekStatusWijzigen", "Accepteren (eventueel met een termijn), afwijzen met reden, of uitgevoerd melden (bij opschorting: tot wanneer)",
                                    body: ref("VerzoekStatuswijziging")),
            ] as J,
            "/verzoeken/{verzoekId}/berichten": [
                "post": partnerstap("verzoekBerichtAanMeldpunt", "Een bericht aan het Meldpunt", body: ref("TekstVerzoek")),
            ] as J,
            "/verzoeken/{verzoekId}/termijn": [
                "put": partnerstap("verzoekTermijnVoorstellen", "Een andere uiterste datum afspreken", body: ref("TermijnVerzoek")),
            ] as J,
            "/verzoeken/{verzoekId}/opheffingen": [
                "post": partnerstap("opschortingOpheffen", "Een bevestigde opschorting opheffen", body: ["type": "object", "properties": ["toelichting": ofNull(tekst(max: BehandelLimieten.maxBericht))] as J]),
            ] as J,
            "/verzoeken/{verzoekId}/bijlagen": [
                "post": partnerstap("verzoekBijlageToevoegen", "Een bestand (PDF, JPEG of PNG, hoogstens 20 MiB, base64) bij het verzoek", body: ref("VerzoekBijlageVerzoek"),
                                    status: "201", extra: ["413"]),
            ] as J,
            "/verzoeken/{verzoekId}/bijlagen/{bijlageId}": [
                "get": operatie("verzoekBijlageVoorPartner", "Een bestand bij het verzoek, of van de melder als dat gedeeld is", tag: "verzoeken",
                                parameters: [verzoekParam, bijlageParam], responses: [download], fouten: ["403"]),
            ] as J,
        ]
    }

    static var verzoekSchemas: J {
        let datum: J = ["type": "string", "format": "date"]
        let tijdstip: J = ["type": "string", "format": "date-time"]
        let bijlage: J = ["type": "object", "required": ["id", "bestandsnaam", "mimeType", "grootte", "href"],
                          "properties": ["id": ["type": "string"], "bestandsnaam": ["type": "string"], "mimeType": ["type": "string"],
                                         "grootte": ["type": "integer"], "href": ["type": "string"]] as J]
        let soort: J = ["type": "string", "enum": VerzoekSoort.allCases.map(\.rawValue)]
        let status: J = ["type": "string", "enum": VerzoekStatus.allCases.map(\.rawValue)]
        let niveau: J = ["type": "string", "enum": Escalatieniveau.allCases.map(\.rawValue)]
        return [
            "NieuwVerzoek": [
                "type": "object", "required": ["organisatieOin", "soort", "vraag"],
                "properties": [
                    "organisatieOin": ["type": "string", "pattern": "^[0-9A-Z]{20}$", "description": "OIN van de partnerorganisatie."],
                    "soort": soort,
                    "vraag": ["type": "string", "minLength": 1, "maxLength": BehandelLimieten.maxBericht, "description": "Gaat altijd mee naar de organisatie."],
                    "uiterlijk": ofNull(datum.merging(["description": "Niet in het verleden."]) { a, _ in a }),
                    "gedeeldeGegevens": ofNull(["type": "array", "items": ["type": "string", "enum": GedeeldGegeven.allCases.map(\.rawValue)],
                                                "description": "Wat van de melding meegaat; het zaaknummer en de vraag altijd."]),
                    "opschorting": ofNull(["type": "object", "description": "Verplicht bij soort opschorting, anders niet toegestaan.", "properties": [
                        "actie": ["type": "string", "enum": OpschortingsActie.allCases.map(\.rawValue)],
                        "kenmerk": ofNull(tekst(max: BehandelLimieten.maxKort)), "tot": ofNull(datum)] as J]),
                    "overleg": ofNull(["type": "object", "description": "Verplicht bij soort overleg, anders niet toegestaan.", "properties": [
                        "datum": datum, "deelnemers": tekst(max: BehandelLimieten.maxKort * 5)] as J]),
                ] as J,
            ] as J,
            "Contactpersoon": [
                "type": "object", "required": ["id", "niveau", "naam", "heeftLogin"],
                "properties": ["id": ["type": "string"], "niveau": niveau, "naam": ["type": "string"], "functie": ["type": "string"],
                               "email": ["type": "string"], "telefoon": ["type": "string"], "heeftLogin": ["type": "boolean"]] as J,
            ] as J,
            "VerzoekBericht": [
                "type": "object", "required": ["volgnummer", "tijdstip", "van", "soort"],
                "properties": ["volgnummer": ["type": "integer"], "tijdstip": tijdstip, "van": ["type": "string", "enum": ["meldpunt", "partner", "bronhouder"]],
                               "door": ["type": "string"], "soort": ["type": "string"], "tekst": ["type": "string"], "bijlage": bijlage] as J,
            ] as J,
            "Opschorting": [
                "type": "object", "required": ["actie", "actief"],
                "properties": ["actie": ["type": "string", "enum": OpschortingsActie.allCases.map(\.rawValue)], "kenmerk": ["type": "string"], "tot": datum,
                               "bevestigdOp": tijdstip, "opgehevenOp": tijdstip, "actief": ["type": "boolean"]] as J,
            ] as J,
            "Overleg": [
                "type": "object", "required": ["datum", "deelnemers"],
                "properties": ["datum": datum, "deelnemers": ["type": "string"], "verslag": ["type": "string"]] as J,
            ] as J,
            "Verzoek": [
                "type": "object",
                "required": ["id", "organisatie", "soort", "status", "vraag", "gedeeldeGegevens", "termijnOverschreden", "niveau", "aangemaaktOp", "berichten"],
                "properties": [
                    "id": ["type": "string"], "organisatie": ref("OrganisatieVerwijzing"), "soort": soort, "status": status, "vraag": ["type": "string"],
                    "gedeeldeGegevens": ["type": "array", "items": ["type": "string"]], "uiterlijk": datum,
                    "termijnDoor": ["type": "string", "enum": ["meldpunt", "partner"]], "termijnOverschreden": ["type": "boolean"], "niveau": niveau,
                    "contactpersoon": ref("Contactpersoon"), "reden": ["type": "string"], "opschorting": ref("Opschorting"), "overleg": ref("Overleg"),
                    "terugmelding": ["type": "object", "required": ["id", "status", "bijhouder", "href"], "properties": [
                        "id": ["type": "string"], "status": ["type": "string"], "bijhouder": ["type": "string"], "href": ["type": "string"]] as J] as J,
                    "aangemaaktOp": tijdstip, "berichten": ["type": "array", "items": ref("VerzoekBericht")],
                ] as J,
            ] as J,
            "OpschortingRegel": [
                "type": "object", "required": ["zaaknummer", "verzoekId", "organisatie", "status", "opschorting", "href"],
                "properties": ["zaaknummer": ["type": "string"], "verzoekId": ["type": "string"], "organisatie": ["type": "string"], "status": status,
                               "opschorting": ref("Opschorting"), "href": ["type": "string"]] as J,
            ] as J,
            "PartnerVerzoekSamenvatting": [
                "type": "object", "required": ["id", "zaaknummer", "soort", "status", "termijnOverschreden", "niveau", "aangemaaktOp", "href"],
                "properties": ["id": ["type": "string"], "zaaknummer": ["type": "string"], "soort": soort, "status": status, "uiterlijk": datum,
                               "termijnOverschreden": ["type": "boolean"], "niveau": niveau, "aangemaaktOp": tijdstip, "href": ["type": "string"]] as J,
            ] as J,
            "PartnerVerzoek": [
                "type": "object",
                "required": ["id", "zaaknummer", "soort", "status", "vraag", "termijnOverschreden", "niveau", "melding", "berichten", "mogelijkeStatussen", "kanOpheffen"],
                "properties": [
                    "id": ["type": "string"], "zaaknummer": ["type": "string"], "soort": soort, "status": status, "vraag": ["type": "string"], "uiterlijk": datum,
                    "termijnDoor": ["type": "string"], "termijnOverschreden": ["type": "boolean"], "niveau": niveau, "reden": ["type": "string"],
                    "opschorting": ref("Opschorting"), "overleg": ref("Overleg"), "terugmeldingId": ["type": "string"],
                    "melding": ["type": "object", "required": ["gedeeldeGegevens"], "description": "Alleen wat het Meldpunt deelt; wat ontbreekt is niet gedeeld.",
                                "properties": [
                                    "gedeeldeGegevens": ["type": "array", "items": ["type": "string", "enum": GedeeldGegeven.allCases.map(\.rawValue)]],
                                    "naam": ["type": "string"], "namensNaam": ["type": "string"], "bsn": ["type": "string"], "email": ["type": "string"],
                                    "telefoon": ["type": "string"], "adres": ["type": "string"], "watIsFout": ["type": "string"], "watMoetHetZijn": ["type": "string"],
                                    "sinds": ["type": "string"], "registraties": ["type": "array", "items": ["type": "string"]],
                                    "gevolgen": ["type": "array", "items": ["type": "object"]], "bijlagen": ["type": "array", "items": bijlage],
                                ] as J] as J,
                    "berichten": ["type": "array", "items": ref("VerzoekBericht")],
                    "mogelijkeStatussen": ["type": "array", "items": status], "kanOpheffen": ["type": "boolean"],
                ] as J,
            ] as J,
            "VerzoekStatuswijziging": [
                "type": "object", "required": ["status"],
                "properties": [
                    "status": ["type": "string", "enum": ["geaccepteerd", "afgewezen", "uitgevoerd"]],
                    "reden": ofNull(tekst(max: BehandelLimieten.maxBericht, "Verplicht bij afgewezen, anders niet toegestaan.")),
                    "uiterlijk": ofNull(datum.merging(["description": "Alleen bij geaccepteerd: de termijn die u voorstelt."]) { a, _ in a }),
                    "opgeschortTot": ofNull(datum.merging(["description": "Alleen bij uitgevoerd van een opschorting."]) { a, _ in a }),
                    "toelichting": ofNull(tekst(max: BehandelLimieten.maxBericht)),
                ] as J,
            ] as J,
            "TermijnVerzoek": [
                "type": "object", "required": ["uiterlijk"],
                "properties": ["uiterlijk": datum.merging(["description": "Niet in het verleden."]) { a, _ in a },
                               "toelichting": ofNull(tekst(max: BehandelLimieten.maxBericht))] as J,
            ] as J,
            "Reden": [
                "type": "object", "required": ["reden"],
                "properties": ["reden": ["type": "string", "minLength": 1, "maxLength": BehandelLimieten.maxBericht]] as J,
            ] as J,
            "VerzoekBijlageVerzoek": [
                "type": "object", "required": ["inhoud"],
                "properties": ["bestandsnaam": ofNull(tekst(max: BijlageRegels.maxBestandsnaamLengte)),
                               "inhoud": ["type": "string", "format": "byte", "description": "Het bestand, base64."]] as J,
            ] as J,
            "TerugmeldingVanuitMelding": [
                "type": "object", "required": ["terugmelding"],
                "properties": [
                    "terugmelding": ref("TerugMelding"),
                    "vraag": ofNull(tekst(max: BehandelLimieten.maxBericht, "De vraag bij het correctieverzoek; standaard een korte tekst.")),
                    "gedeeldeGegevens": ofNull(["type": "array", "items": ["type": "string", "enum": GedeeldGegeven.allCases.map(\.rawValue)]]),
                ] as J,
            ] as J,
        ]
    }
}
