import MeldpuntHTTP
import MeldpuntCore
import Foundation
import MeldpuntDomain

/// The OpenAPI 3.0 description of `/api/v1`, published at `/api/v1/openapi.json`.
/// Written as data with a few helpers so every operation documents the same headers and
/// problem responses; `OpenAPITests` checks it against the routes that really exist.
enum OpenAPIDocument {
    typealias J = [String: Any]

    static let json: Data = try! JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])

    static var document: J {
        [
            "openapi": "3.0.3",
            "info": [
                "title": "Meldpunt API",
                "description": "Terugmelden op de basisregistraties (TMV 2.0 / Digimelding) en het Meldpunt Fouten in Overheidsregistraties. Alle tijdstippen in UTC (ISO 8601); termijnen in werkdagen volgens de Algemene termijnenwet.",
                "version": ApiConventiesMiddleware.apiVersie,
                "contact": ["name": "Meldpunt-ontwikkelaars", "url": "https://meldpunt.example/contact", "email": "api@meldpunt.example"],
                "license": ["name": "EUPL-1.2", "url": "https://eupl.eu/1.2/nl/"],
            ] as J,
            "servers": [["url": "/api/v1", "description": "Deze server"]],
            "security": [["apiSleutel": [String]()]],
            "tags": [
                ["name": "terugmeldingen", "description": "Terugmeldingen van afnemers aan bronhouders"],
                ["name": "meldingen", "description": "Meldingen bij het Meldpunt Fouten in Overheidsregistraties"],
                ["name": "coordinatie", "description": "Verzoeken van het Meldpunt aan partnerorganisaties binnen een melding; opschortingen en escalatie"],
                ["name": "verzoeken", "description": "Verzoeken aan uw organisatie als partner van het Meldpunt (alleen de gedeelde gegevens)"],
                ["name": "referentiedata", "description": "Gemeenten, registraties en de werkdagkalender (openbaar)"],
            ],
            "paths": paths,
            "components": [
                "securitySchemes": ["apiSleutel": ["type": "http", "scheme": "bearer", "description": "API-sleutel van de organisatie (meldpunt apikey create)."]],
                "headers": headers,
                "schemas": schemas,
                "responses": problemResponses,
            ] as J,
        ]
    }

    // MARK: Helpers

    static func ref(_ schema: String) -> J { ["$ref": "#/components/schemas/\(schema)"] }

    static var versieHeader: J { ["$ref": "#/components/headers/API-Version"] }

    static var headers: J {
        [
            "API-Version": ["description": "Volledige versie van de API (semver).", "schema": ["type": "string", "example": ApiConventiesMiddleware.apiVersie]] as J,
            "Link": ["description": "RFC 8288-links naar first, prev, next en last.", "schema": ["type": "string"]] as J,
            "X-Total-Count": ["description": "Totaal aantal resultaten over alle pagina's.", "schema": ["type": "integer"]] as J,
            "Location": ["description": "Adres van de nieuwe bron.", "schema": ["type": "string"]] as J,
            "Allow": ["description": "Toegestane methoden.", "schema": ["type": "string"]] as J,
            "WWW-Authenticate": ["description": "Hoe aan te melden.", "schema": ["type": "string"]] as J,
        ]
    }

    static func ok(_ description: String, _ schema: J, headers extra: [String: String] = [:], status: String = "200") -> (String, J) {
        var h: J = ["API-Version": versieHeader]
        for (k, _) in extra { h[k] = ["$ref": "#/components/headers/\(k)"] }
        return (status, ["description": description, "headers": h, "content": ["application/json": ["schema": schema]]])
    }

    static let problemStatussen: [String: String] = [
        "400": "Ongeldige invoer; alle fouten staan in invalidParams.",
        "401": "Geen of een ongeldige API-sleutel.",
        "403": "Uw organisatie mag dit niet.",
        "404": "Niet gevonden, of niet voor u zichtbaar.",
        "405": "Methode niet toegestaan op dit pad.",
        "406": "Gevraagd mediatype kan niet worden geleverd.",
        "409": "De status laat deze overgang niet toe, er was een gelijktijdige wijziging, of de Idempotency-Key is al gebruikt met een andere body.",
        "413": "Het verzoek is te groot.",
        "415": "Mediatype van de body niet ondersteund.",
        "429": "Te veel verzoeken; probeer het na Retry-After seconden opnieuw.",
        "500": "Interne fout.",
        "503": "Dienst (database) niet beschikbaar.",
    ]

    static var problemResponses: J {
        var r: J = [:]
        for (code, beschrijving) in problemStatussen {
            var h: J = ["API-Version": versieHeader]
            if code == "405" { h["Allow"] = ["$ref": "#/components/headers/Allow"] }
            if code == "401" { h["WWW-Authenticate"] = ["$ref": "#/components/headers/WWW-Authenticate"] }
            r["Problem\(code)"] = ["description": beschrijving, "headers": h,
                                  "content": ["application/problem+json": ["schema": ref("Problem")]]] as J
        }
        return r
    }

    /// A retried create with the same key answers with what the first one created.
    static var idempotencyKey: J { [
        "name": "Idempotency-Key", "in": "header", "required": false,
        "description": "Een door u gekozen sleutel (bv. een UUID) per aanmaakverzoek. Een herhaling met dezelfde sleutel en body maakt niets nieuws en geeft het eerste resultaat; dezelfde sleutel met een andere body geeft 409. Sleutels gelden 24 uur, per organisatie.",
        "schema": ["type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[\\x21-\\x7E]+$"],
    ] }

    static func operatie(_ id: String, _ samenvatting: String, tag: String, publiek: Bool = false, parameters: [J] = [], body: J? = nil,
                         responses: [(String, J)], fouten: [String]) -> J {
        var r: J = [:]
        for (code, resp) in responses { r[code] = resp }
        let altijd = publiek ? ["400", "404", "405", "500"] : ["400", "401", "404", "405", "500"]
        // Inlined rather than $ref'd: some ADR tooling does not follow response references.
        for code in Set(fouten + altijd) { r[code] = problemResponses["Problem\(code)"] }
        var op: J = ["operationId": id, "summary": samenvatting, "tags": [tag], "responses": r]
        if publiek { op["security"] = [J]() }
        if !parameters.isEmpty { op["parameters"] = parameters }
        if let body { op["requestBody"] = ["required": true, "content": ["application/json": ["schema": body]]] }
        return op
    }

    static func query(_ name: String, _ schema: J, _ description: String, required: Bool = false) -> J {
        ["name": name, "in": "query", "required": required, "description": description, "schema": schema]
    }

    static var zaaknummerParam: J { ["name": "zaaknummer", "in": "path", "required": true, "description": "Zaaknummer, zoals MFO-2026-000123",
                                     "schema": ["type": "string", "pattern": "^MFO-[0-9]{4}-[0-9]{6}$"]] }

    /// A staff step on a case: the case after the step, or why not.
    static func behandelstap(_ id: String, _ samenvatting: String, body: J) -> J {
        operatie(id, samenvatting, tag: "meldingen", parameters: [zaaknummerParam], body: body,
                 responses: [ok("De melding na deze stap", ref("MeldingDetail"))], fouten: ["403", "409", "415"])
    }

    /// Optional request fields are read as absent when null, so the document allows null for them.
    static func ofNull(_ schema: J) -> J {
        var s = schema
        s["nullable"] = true
        return s
    }

    static var referentieParam: J { ["name": "referentie", "in": "path", "required": true, "description": "terugMeldingReferentie",
                                     "schema": ["type": "string", "format": "uuid"]] }

    // MARK: Paths

    static var paths: J { basisPaths.merging(verzoekPaths) { a, _ in a } }

    static var basisPaths: J {
        let statusEnum = TerugmeldingStatus.allCases.map(\.rawValue)
        let datum: J = ["type": "string", "format": "date"]
        return [
            "/gemeenten": [
                "get": operatie("gemeenten", "Actuele gemeenten (bronhouders van de BRP), gesorteerd op naam", tag: "referentiedata", publiek: true,
                                parameters: [query("peildatum", datum, "Gemeenten die op deze datum bestonden (standaard: vandaag).")],
                                responses: [ok("Gemeenten", ["type": "array", "items": ref("Gemeente")])], fouten: []),
            ] as J,
            "/registraties": [
                "get": operatie("registraties", "De tien basisregistraties", tag: "referentiedata", publiek: true,
                                responses: [ok("Registraties", ["type": "array", "items": ref("Registratie")])], fouten: []),
            ] as J,
            "/termijnen": [
                "get": operatie("termijn", "Einddatum na een aantal werkdagen (Algemene termijnenwet)", tag: "referentiedata", publiek: true,
                                parameters: [
                                    query("startdatum", datum, "Startdatum; die dag telt zelf niet mee.", required: true),
                                    query("werkdagen", ["type": "integer", "minimum": 0, "maximum": 1000], "Aantal werkdagen.", required: true),
                                ],
                                responses: [ok("De termijn", ref("Termijn"))], fouten: []),
            ] as J,
            "/openapi.json": [
                "get": operatie("openapi", "Dit document", tag: "referentiedata", publiek: true,
                                responses: [ok("OpenAPI-document", ["type": "object"])], fouten: []),
            ] as J,
            "/terugmeldingen": [
                "post": operatie("terugmeldingAanmaken", "Een terugmelding doen aan de gekozen bronhouder", tag: "terugmeldingen",
                                 parameters: [idempotencyKey], body: ref("TerugMelding"),
                                 responses: [ok("De terugmelding is ontvangen (status Gemeld)", ref("TerugmeldingDetail"), headers: ["Location": ""], status: "201")],
                                 fouten: ["403", "409", "413", "415"]),
                "get": operatie("terugmeldingenLijst", "Terugmeldingen die u mag zien: ontvangen (bronhouder, oudste eerst) of verzonden (afnemer, nieuwste eerst)", tag: "terugmeldingen",
                                parameters: [
                                    query("richting", ["type": "string", "enum": ["ontvangen", "verzonden"]], "Standaard ontvangen voor bronhouders, anders verzonden."),
                                    query("status", ["type": "string"], "Eén of meer statussen, komma-gescheiden: \(statusEnum.joined(separator: ", "))."),
                                    query("ontvangenVanaf", ["type": "string"], "Datum (JJJJ-MM-DD, hele dag) of tijdstip (ISO 8601)."),
                                    query("ontvangenTot", ["type": "string"], "Datum (tot en met die dag) of tijdstip."),
                                    query("termijnOverschreden", ["type": "boolean"], "Alleen (niet) te laat in behandeling genomen."),
                                    query("page", ["type": "integer", "minimum": 1, "maximum": 1_000_000, "default": 1], "Paginanummer."),
                                    query("pageSize", ["type": "integer", "minimum": 1, "maximum": Paginering.maxGrootte, "default": Paginering.standaardGrootte], "Aantal per pagina."),
                                ],
                                responses: [ok("Eén pagina", ["type": "array", "items": ref("TerugmeldingSamenvatting")], headers: ["Link": "", "X-Total-Count": ""])],
                                fouten: []),
            ] as J,
            "/meldingen": [
                "post": operatie("meldingAanmaken", "Een melding doen bij het Meldpunt Fouten in Overheidsregistraties (voor systemen van organisaties en intermediairs)", tag: "meldingen",
                                 parameters: [idempotencyKey], body: ref("MeldingVerzoek"),
                                 responses: [ok("De melding is ontvangen; statuspagina is de privélink voor de melder en wordt maar één keer gegeven", ref("MeldingOntvangen"), headers: ["Location": ""], status: "201")],
                                 fouten: ["409", "413", "415"]),
                "get": operatie("meldingenWerkvoorraad", "De werkvoorraad van het Meldpunt: open meldingen oudste eerst; alleen gesloten nieuwste eerst", tag: "meldingen",
                                parameters: [
                                    query("status", ["type": "string"], "Eén of meer statussen, komma-gescheiden: \(MeldingStatus.allCases.map(\.rawValue).joined(separator: ", "))."),
                                    query("open", ["type": "boolean"], "true: alleen meldingen die niet gesloten zijn."),
                                    query("behandelaar", ["type": "string", "format": "uuid"], "Alleen meldingen van deze behandelaar (id)."),
                                    query("contactTermijnOverschreden", ["type": "boolean"], "Alleen meldingen waarbij het eerste persoonlijke contact (niet) te laat is of was."),
                                    query("verzoekTermijnOverschreden", ["type": "boolean"], "Alleen meldingen met (zonder) een open verzoek aan een organisatie over de afgesproken datum."),
                                    query("page", ["type": "integer", "minimum": 1, "maximum": 1_000_000, "default": 1], "Paginanummer."),
                                    query("pageSize", ["type": "integer", "minimum": 1, "maximum": Paginering.maxGrootte, "default": Paginering.standaardGrootte], "Aantal per pagina."),
                                ],
                                responses: [ok("Eén pagina", ["type": "array", "items": ref("MeldingSamenvatting")], headers: ["Link": "", "X-Total-Count": ""])],
                                fouten: ["403"]),
            ] as J,
            "/meldingen/_zoek": [
                "post": operatie("meldingenZoeken", "Meldingen zoeken op zaaknummer, naam of BSN (in de body, nooit in een URL); hoogstens 100", tag: "meldingen",
                                 body: ref("MeldingZoekVerzoek"),
                                 responses: [ok("Gevonden meldingen", ["type": "array", "items": ref("MeldingSamenvatting")])], fouten: ["403", "415"]),
            ] as J,
            "/meldingen/{zaaknummer}": [
                "get": operatie("melding", "Het Meldpunt ziet de hele melding (inhoud, analyse, rolvoorstel, tijdlijn); de organisatie die haar indiende ziet de voortgang zoals de melder", tag: "meldingen",
                                parameters: [zaaknummerParam],
                                responses: [ok("De melding (MeldingDetail voor het Meldpunt, MeldingVoortgang voor de indiener)",
                                               ["anyOf": [ref("MeldingDetail"), ref("MeldingVoortgang")]])], fouten: []),
            ] as J,
            "/meldingen/{zaaknummer}/contactmomenten": [
                "post": behandelstap("contactVastleggen", "Een persoonlijk contact met de melder vastleggen; het eerste beëindigt 'ontvangen'", body: ref("ContactVerzoek")),
            ] as J,
            "/meldingen/{zaaknummer}/behandelaar": [
                "put": behandelstap("behandelaarToewijzen", "De behandelaar toewijzen (een medewerker van het Meldpunt)", body: ref("ToewijzingVerzoek")),
            ] as J,
            "/meldingen/{zaaknummer}/analyse": [
                "put": behandelstap("analyseVastleggen", "De analyse vastleggen: oorsprong, impact en complexiteit; geeft het rolvoorstel", body: ref("AnalyseVerzoek")),
            ] as J,
            "/meldingen/{zaaknummer}/rol": [
                "put": behandelstap("rolKiezen", "De rol van het Meldpunt kiezen; een andere dan de voorgestelde vraagt een reden", body: ref("RolkeuzeVerzoek")),
            ] as J,
            "/meldingen/{zaaknummer}/notities": [
                "post": behandelstap("notitieToevoegen", "Een interne notitie (nooit zichtbaar voor de melder)", body: ref("TekstVerzoek")),
            ] as J,
            "/meldingen/{zaaknummer}/berichten": [
                "post": behandelstap("berichtAanMelder", "Een bericht aan de melder; verschijnt op de statuspagina", body: ref("TekstVerzoek")),
            ] as J,
            "/meldingen/{zaaknummer}/volgende-stap": [
                "put": behandelstap("volgendeStapZetten", "De volgende stap die de melder kan verwachten, met datum", body: ref("VolgendeStapVerzoek")),
            ] as J,
            "/meldingen/{zaaknummer}/statuswijzigingen": [
                "post": behandelstap("meldingStatusWijzigen", "Wachten op organisaties, hervatten, of sluiten met uitkomst en samenvatting voor de melder", body: ref("MeldingStatuswijzigingVerzoek")),
            ] as J,
            "/meldingen/{zaaknummer}/statuspagina-links": [
                "post": operatie("statuspaginaLinkVernieuwen", "Een nieuwe privélink voor de melder; de oude werkt meteen niet meer", tag: "meldingen",
                                 parameters: [zaaknummerParam],
                                 responses: [ok("De nieuwe link, maar één keer gegeven", ref("StatuspaginaLink"), status: "201")], fouten: ["403", "409"]),
            ] as J,
            "/meldingen/{zaaknummer}/bijlagen/{bijlage}": [
                "get": operatie("meldingBijlage", "Een bijlage van een melding downloaden", tag: "meldingen",
                                parameters: [zaaknummerParam, ["name": "bijlage", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]],
                                responses: [("200", [
                                    "description": "De bijlage",
                                    "headers": ["API-Version": versieHeader],
                                    "content": Dictionary(uniqueKeysWithValues: BijlageRegels.Soort.allCases.map { ($0.rawValue, ["schema": ["type": "string", "format": "binary"]] as J) }),
                                ] as J)], fouten: ["403"]),
            ] as J,
            "/terugmeldingen/{referentie}": [
                "get": operatie("terugmelding", "De hele terugmelding met statushistorie en bijlagen", tag: "terugmeldingen",
                                parameters: [referentieParam], responses: [ok("De terugmelding", ref("TerugmeldingDetail"))], fouten: []),
            ] as J,
            "/terugmeldingen/{referentie}/statuswijzigingen": [
                "post": operatie("statusWijzigen", "De status wijzigen volgens het Digimelding-statusmodel", tag: "terugmeldingen",
                                 parameters: [referentieParam], body: ref("StatuswijzigingVerzoek"),
                                 responses: [ok("De terugmelding na de wijziging", ref("TerugmeldingDetail"))],
                                 fouten: ["403", "409", "413", "415"]),
            ] as J,
            "/terugmeldingen/{referentie}/bijlagen/{bijlage}": [
                "get": operatie("bijlage", "Een bijlage downloaden", tag: "terugmeldingen",
                                parameters: [referentieParam, ["name": "bijlage", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]],
                                responses: [("200", [
                                    "description": "De bijlage",
                                    "headers": ["API-Version": versieHeader],
                                    "content": [
                                        "application/pdf": ["schema": ["type": "string", "format": "binary"]],
                                        "image/jpeg": ["schema": ["type": "string", "format": "binary"]],
                                        "image/png": ["schema": ["type": "string", "format": "binary"]],
                                    ],
                                ] as J)], fouten: []),
            ] as J,
        ]
    }

    // MARK: Schemas

    static func tekst(max: Int? = nil, _ description: String? = nil) -> J {
        var s: J = ["type": "string"]
        if let max { s["maxLength"] = max }
        if let description { s["description"] = description }
        return s
    }

    static var schemas: J { basisSchemas.merging(verzoekSchemas) { a, _ in a } }

    static var basisSchemas: J {
        let statusEnum = TerugmeldingStatus.allCases.map(\.rawValue)
        let kort = TerugmeldingLimieten.maxKort
        return [
            "Problem": [
                "type": "object",
                "required": ["type", "title", "status", "detail"],
                "properties": [
                    "type": ["type": "string"], "title": ["type": "string"], "status": ["type": "integer"],
                    "detail": ["type": "string"], "instance": ["type": "string"],
                    "invalidParams": ["type": "array", "items": [
                        "type": "object", "required": ["name", "code", "reason"],
                        "properties": ["name": ["type": "string"], "code": ["type": "string"], "reason": ["type": "string"]],
                    ] as J],
                ] as J,
            ] as J,
            "Gemeente": [
                "type": "object", "required": ["gemeentecode", "naam", "isRni"],
                "properties": ["gemeentecode": ["type": "string", "pattern": "^[0-9]{4}$"], "naam": ["type": "string"],
                               "ingangsdatum": ["type": "string", "format": "date"], "einddatum": ["type": "string", "format": "date"],
                               "isRni": ["type": "boolean"]] as J,
            ] as J,
            "Registratie": [
                "type": "object", "required": ["code", "naam", "bronhouder"],
                "properties": ["code": ["type": "string"], "naam": ["type": "string"], "bronhouder": ["type": "string"]],
            ] as J,
            "Termijn": [
                "type": "object", "required": ["startdatum", "werkdagen", "einddatum"],
                "properties": ["startdatum": ["type": "string", "format": "date"], "werkdagen": ["type": "integer"],
                               "einddatum": ["type": "string", "format": "date"]] as J,
            ] as J,
            "ContactInformatie": [
                "type": "object",
                "properties": [
                    "naam": tekst(max: kort), "telefoon": ["type": "string", "pattern": "^[0-9+-]{8,20}$"],
                    "email": ["type": "string", "maxLength": kort, "description": "Een e-mailadres, zoals naam@voorbeeld.nl."],
                    "bedrijf": tekst(max: kort), "afdeling": tekst(max: kort),
                ] as J,
            ] as J,
            "TerugMeldingHeader": [
                "type": "object",
                "properties": [
                    "registratie": ["type": "object", "properties": [
                        "naam": ["type": "string"], "code": ["type": "string"], "houder": ["type": "string"],
                        "basisRegistratieCode": ["type": "string", "enum": Registratie.alle.map(\.code), "description": "Nu alleen BRP aangesloten."],
                    ] as J] as J,
                    "melder": ref("ContactInformatie"),
                    "datumMelding": ["type": "string", "format": "date"],
                    "referentiekenmerk": tekst(max: TerugmeldingLimieten.maxReferentiekenmerk, "Eigen kenmerk van de afnemer."),
                    "peilmoment": ["type": "string", "format": "date-time"],
                    "meldingBron": tekst(max: kort),
                    "gemeentecode": ["type": "string", "pattern": "^[0-9]{4}$", "description": "Gemeente van bijhouding (verplicht voor de BRP); 1999 voor de RNI."],
                    "toelichting": tekst(max: TerugmeldingLimieten.maxToelichting, "Waarom de afnemer gerede twijfel heeft."),
                ] as J,
            ] as J,
            "ObjectIdentificatie": [
                "type": "object", "required": ["attribuutUrn", "idWaarde"],
                "properties": [
                    "objectType": ["type": "string"],
                    "attribuutUrn": ["type": "string", "description": "urn:brp:persoon:bsn, urn:brp:persoon:anummer of urn:brp:persoon:adres (ten minste één daarvan)."],
                    "idWaarde": ["type": "string", "minLength": 1, "maxLength": kort],
                ] as J,
            ] as J,
            "Bijlage": [
                "type": "object", "required": ["bestandsnaam", "mimeType", "bijlageData"],
                "properties": [
                    "bestandsnaam": ["type": "string", "minLength": 1, "maxLength": BijlageRegels.maxBestandsnaamLengte],
                    "mimeType": ["type": "string", "enum": ["application/pdf", "image/jpeg", "image/png"]],
                    "bijlageData": ["type": "string", "format": "byte", "minLength": 1, "description": "Base64; de inhoud moet bij mimeType passen."],
                    "beschrijving": tekst(max: kort),
                ] as J,
            ] as J,
            "TerugMeldingGegeven": [
                "type": "object", "required": ["attribuutUrn"],
                "properties": [
                    "objectType": tekst(max: kort), "gegevensElementNaam": tekst(max: kort), "attribuut": tekst(max: kort),
                    "attribuutUrn": ["type": "string", "minLength": 1, "maxLength": kort],
                    "betwijfeldeWaarde": tekst(max: TerugmeldingLimieten.maxWaarde),
                    "voorgesteldeWaarde": tekst(max: TerugmeldingLimieten.maxWaarde),
                    "eigenvelden": ["type": "object", "additionalProperties": true],
                    "bijlages": ["type": "array", "maxItems": BijlageRegels.maxAantal, "items": ref("Bijlage")],
                ] as J,
            ] as J,
            "TerugMelding": [
                "type": "object", "required": ["terugMeldingHeader", "terugMeldingBody"],
                "description": "Logius-concept REST terugmelding 0.2, met gemeentecode en toelichting in de header.",
                "properties": [
                    "terugMeldingHeader": ref("TerugMeldingHeader"),
                    "terugMeldingBody": ["type": "object", "required": ["objectIdentificatie", "terugMeldingGegevens"], "properties": [
                        "objectIdentificatie": ["type": "array", "minItems": 1, "maxItems": TerugmeldingLimieten.maxIdentificaties, "items": ref("ObjectIdentificatie")],
                        "geometry": ["type": "object"],
                        "terugMeldingGegevens": ["type": "array", "minItems": 1, "maxItems": TerugmeldingLimieten.maxGegevens, "items": ref("TerugMeldingGegeven")],
                    ] as J] as J,
                ] as J,
            ] as J,
            "OrganisatieVerwijzing": [
                "type": "object", "required": ["naam"],
                "properties": ["naam": ["type": "string"], "oin": ["type": "string"], "gemeentecode": ["type": "string"], "rniDeelnemerCode": ["type": "string"]],
            ] as J,
            "Persoon": [
                "type": "object",
                "properties": ["bsn": ["type": "string"], "anummer": ["type": "string"], "adres": ["type": "string"]],
            ] as J,
            "BijlageMetadata": [
                "type": "object", "required": ["id", "bestandsnaam", "mimeType", "grootte", "sha256", "href"],
                "properties": [
                    "id": ["type": "string", "format": "uuid"], "bestandsnaam": ["type": "string"], "mimeType": ["type": "string"],
                    "beschrijving": ["type": "string"], "grootte": ["type": "integer"], "sha256": ["type": "string"],
                    "gegevenIndex": ["type": "integer"], "href": ["type": "string"],
                ] as J,
            ] as J,
            "Statuswijziging": [
                "type": "object", "required": ["volgnummer", "status", "tijdstip"],
                "properties": [
                    "volgnummer": ["type": "integer"], "status": ["type": "string", "enum": statusEnum],
                    "tijdstip": ["type": "string", "format": "date-time"], "organisatie": ref("OrganisatieVerwijzing"),
                    "toelichting": ["type": "string"], "verwachteDatum": ["type": "string", "format": "date"],
                    "nieuweBijhouder": ref("OrganisatieVerwijzing"), "uitkomst": ["type": "string", "enum": Afhandeluitkomst.allCases.map(\.rawValue)],
                ] as J,
            ] as J,
            "TerugmeldingDetail": [
                "type": "object",
                "required": ["terugMeldingReferentie", "status", "beschrijving", "registratie", "afnemer", "bijhouder", "persoon",
                             "ontvangenOp", "uiterlijkInBehandelingOp", "termijnOverschreden", "terugMelding", "bijlagen", "statusHistorie"],
                "properties": [
                    "terugMeldingReferentie": ["type": "string", "format": "uuid"],
                    "referentieKenmerk": ["type": "string"],
                    "status": ["type": "string", "enum": statusEnum],
                    "beschrijving": ["type": "string"],
                    "registratie": ["type": "string"],
                    "afnemer": ref("OrganisatieVerwijzing"),
                    "bijhouder": ref("OrganisatieVerwijzing"),
                    "persoon": ref("Persoon"),
                    "ontvangenOp": ["type": "string", "format": "date-time"],
                    "uiterlijkInBehandelingOp": ["type": "string", "format": "date"],
                    "termijnOverschreden": ["type": "boolean"],
                    "terugMelding": ["type": "object", "description": "De terugmelding zoals verstuurd, zonder de inhoud van bijlagen."],
                    "bijlagen": ["type": "array", "items": ref("BijlageMetadata")],
                    "statusHistorie": ["type": "array", "items": ref("Statuswijziging")],
                ] as J,
            ] as J,
            "TerugmeldingSamenvatting": [
                "type": "object",
                "required": ["terugMeldingReferentie", "status", "registratie", "afnemer", "bijhouder", "persoon", "toelichtingBegin",
                             "ontvangenOp", "uiterlijkInBehandelingOp", "termijnOverschreden", "href"],
                "properties": [
                    "terugMeldingReferentie": ["type": "string", "format": "uuid"], "referentieKenmerk": ["type": "string"],
                    "status": ["type": "string", "enum": statusEnum], "registratie": ["type": "string"],
                    "afnemer": ref("OrganisatieVerwijzing"), "bijhouder": ref("OrganisatieVerwijzing"), "persoon": ref("Persoon"),
                    "toelichtingBegin": ["type": "string"], "ontvangenOp": ["type": "string", "format": "date-time"],
                    "uiterlijkInBehandelingOp": ["type": "string", "format": "date"], "termijnOverschreden": ["type": "boolean"],
                    "href": ["type": "string"],
                ] as J,
            ] as J,
            "Persoonsgegevens": [
                "type": "object",
                "properties": [
                    "naam": tekst(max: 200), "email": ["type": "string", "maxLength": 200], "telefoon": ["type": "string"],
                    "adres": tekst(max: 200), "postcode": ["type": "string"], "woonplaats": tekst(max: 200),
                    "bsn": ["type": "string", "description": "Niet verplicht; voldoet aan de elfproef."],
                ] as J,
            ] as J,
            "MeldingVerzoek": [
                "type": "object",
                "required": ["melderType", "melder", "organisatieAlBenaderd", "bezwaarOfBeroepLoopt", "betrokkenOrganisaties", "watIsFout", "toestemming"],
                "properties": [
                    "melderType": ["type": "string", "enum": MelderType.allCases.map(\.rawValue)],
                    "melder": ref("Persoonsgegevens"),
                    "organisatieNaam": tekst(max: 200, "Bij bedrijf, organisatie en intermediair."),
                    "kvkNummer": ["type": "string", "description": "Bij bedrijf: 8 cijfers."],
                    "vertegenwoordigde": ref("Persoonsgegevens"),
                    "toestemmingVertegenwoordigde": ["type": "boolean", "description": "Bij intermediair: de vertegenwoordigde gaf toestemming."],
                    "organisatieAlBenaderd": ["type": "boolean"],
                    "redenNietBenaderd": tekst(max: MeldingLimieten.maxTekst, "Verplicht als organisatieAlBenaderd false is."),
                    "bezwaarOfBeroepLoopt": ["type": "boolean", "description": "true: het Meldpunt neemt de melding niet in behandeling (400) en legt niets vast."],
                    "registraties": ["type": "array", "maxItems": MeldingLimieten.maxLijst, "items": ["type": "string", "enum": Registratie.alle.map(\.code)]],
                    "andereRegistratie": tekst(max: 200),
                    "betrokkenOrganisaties": ["type": "array", "minItems": 1, "maxItems": MeldingLimieten.maxLijst, "items": tekst(max: 200)],
                    "watIsFout": ["type": "string", "minLength": 1, "maxLength": MeldingLimieten.maxTekst],
                    "watMoetHetZijn": tekst(max: MeldingLimieten.maxTekst),
                    "sinds": ["type": "string", "format": "date"],
                    "gevolgen": ["type": "array", "maxItems": MeldingLimieten.maxLijst, "items": [
                        "type": "object", "required": ["soort"],
                        "properties": [
                            "soort": ["type": "string", "enum": GevolgSoort.allCases.map(\.rawValue)],
                            "organisatie": tekst(max: 200), "omschrijving": tekst(max: MeldingLimieten.maxTekst),
                            "uiterlijkeDatum": ["type": "string", "format": "date"],
                        ] as J,
                    ] as J],
                    "voorkeurKanaal": ["type": "string", "enum": Contactkanaal.allCases.map(\.rawValue)],
                    "bijlagen": ["type": "array", "maxItems": BijlageRegels.maxAantal, "items": ref("Bijlage")],
                    "toestemming": ["type": "object", "required": ["gegeven", "tekstVersie"], "properties": [
                        "gegeven": ["type": "boolean", "enum": [true]],
                        "tekstVersie": ["type": "string", "enum": [Toestemmingstekst.versie], "description": Toestemmingstekst.tekst],
                    ] as J] as J,
                ] as J,
            ] as J,
            "MeldingOntvangen": [
                "type": "object", "required": ["zaaknummer", "status", "fase", "beschrijving", "eersteContactUiterlijk", "statuspagina"],
                "properties": [
                    "zaaknummer": ["type": "string", "pattern": "^MFO-[0-9]{4}-[0-9]{6}$"],
                    "status": ["type": "string", "enum": MeldingStatus.allCases.map(\.rawValue)],
                    "fase": ["type": "string", "enum": MelderFase.allCases.map(\.rawValue)],
                    "beschrijving": ["type": "string"],
                    "eersteContactUiterlijk": ["type": "string", "format": "date"],
                    "statuspagina": ["type": "string", "description": "Privélink naar de statuspagina van de melder; wordt maar één keer gegeven."],
                ] as J,
            ] as J,
            "MedewerkerVerwijzing": [
                "type": "object", "required": ["id", "naam", "email"],
                "properties": ["id": ["type": "string", "format": "uuid"], "naam": ["type": "string"], "email": ["type": "string"]],
            ] as J,
            "MeldingSamenvatting": [
                "type": "object",
                "required": ["zaaknummer", "status", "melderType", "registraties", "ontvangenOp", "eersteContactUiterlijk", "contactTermijnOverschreden",
                             "verzoekTermijnOverschreden", "href"],
                "properties": [
                    "zaaknummer": ["type": "string"], "status": ["type": "string", "enum": MeldingStatus.allCases.map(\.rawValue)],
                    "melderType": ["type": "string"], "naam": ["type": "string", "description": "Ontbreekt als de persoonsgegevens zijn gewist."],
                    "registraties": ["type": "array", "items": ["type": "string"]],
                    "ontvangenOp": ["type": "string", "format": "date-time"], "eersteContactUiterlijk": ["type": "string", "format": "date"],
                    "eersteContactOp": ["type": "string", "format": "date-time"], "contactTermijnOverschreden": ["type": "boolean"],
                    "behandelaar": ref("MedewerkerVerwijzing"), "rol": ["type": "string", "enum": MeldpuntRol.allCases.map(\.rawValue)],
                    "uitkomst": ["type": "string", "enum": MeldingUitkomst.allCases.map(\.rawValue)], "href": ["type": "string"],
                    "verzoekTermijnOverschreden": ["type": "boolean"],
                ] as J,
            ] as J,
            "Analyse": [
                "type": "object", "required": ["oorsprongOrganisatie", "oorsprongRegistratie", "geraakteOrganisaties", "geraakteRegistraties", "complexiteit"],
                "properties": [
                    "oorsprongOrganisatie": ["type": "string"], "oorsprongRegistratie": ["type": "string"],
                    "geraakteOrganisaties": ["type": "array", "items": ["type": "string"]], "geraakteRegistraties": ["type": "array", "items": ["type": "string"]],
                    "complexiteit": ["type": "string", "enum": Complexiteit.allCases.map(\.rawValue)],
                ] as J,
            ] as J,
            "MeldingDetail": [
                "type": "object",
                "required": ["zaaknummer", "status", "fase", "melderType", "registraties", "ontvangenOp", "eersteContactUiterlijk", "contactTermijnOverschreden",
                             "toestemmingOp", "toestemmingVersie", "persoonsgegevensGewist", "bijlagen", "tijdlijn", "mogelijkeStappen",
                             "verzoeken", "escalatieniveau", "aantalEscalaties"],
                "properties": [
                    "zaaknummer": ["type": "string"], "status": ["type": "string", "enum": MeldingStatus.allCases.map(\.rawValue)],
                    "fase": ["type": "string", "enum": MelderFase.allCases.map(\.rawValue)], "melderType": ["type": "string"],
                    "registraties": ["type": "array", "items": ["type": "string"]],
                    "ontvangenOp": ["type": "string", "format": "date-time"], "eersteContactUiterlijk": ["type": "string", "format": "date"],
                    "eersteContactOp": ["type": "string", "format": "date-time"], "contactTermijnOverschreden": ["type": "boolean"],
                    "behandelaar": ref("MedewerkerVerwijzing"), "analyse": ref("Analyse"),
                    "rolVoorstel": ["type": "object", "required": ["rol", "redenen"], "properties": [
                        "rol": ["type": "string", "enum": MeldpuntRol.allCases.map(\.rawValue)], "redenen": ["type": "array", "items": ["type": "string"]],
                    ] as J] as J,
                    "rol": ["type": "string", "enum": MeldpuntRol.allCases.map(\.rawValue)],
                    "uitkomst": ["type": "string", "enum": MeldingUitkomst.allCases.map(\.rawValue)],
                    "geslotenOp": ["type": "string", "format": "date-time"],
                    "volgendeStap": ["type": "object", "required": ["tekst", "datum"], "properties": ["tekst": ["type": "string"], "datum": ["type": "string", "format": "date"]] as J] as J,
                    "tevredenheid": ["type": "integer", "minimum": 1, "maximum": 5],
                    "ingediendDoor": ref("OrganisatieVerwijzing"),
                    "toestemmingOp": ["type": "string", "format": "date-time"], "toestemmingVersie": ["type": "string"],
                    "persoonsgegevensGewist": ["type": "boolean"],
                    "melding": ["type": "object", "description": "De melding zoals verstuurd (MeldingInvoer zonder inhoud van bijlagen); ontbreekt na wissen."],
                    "bijlagen": ["type": "array", "items": [
                        "type": "object", "required": ["id", "bestandsnaam", "mimeType", "grootte", "href"],
                        "properties": ["id": ["type": "string", "format": "uuid"], "bestandsnaam": ["type": "string"], "mimeType": ["type": "string"],
                                       "grootte": ["type": "integer"], "href": ["type": "string"]] as J,
                    ] as J],
                    "tijdlijn": ["type": "array", "items": [
                        "type": "object", "required": ["volgnummer", "soort", "tijdstip", "zichtbaarVoorMelder"],
                        "properties": [
                            "volgnummer": ["type": "integer"], "soort": ["type": "string"], "tijdstip": ["type": "string", "format": "date-time"],
                            "door": ["type": "string"], "tekst": ["type": "string"], "zichtbaarVoorMelder": ["type": "boolean"],
                            "gegevens": ["type": "object", "properties": [
                                "kanaal": ["type": "string"], "datum": ["type": "string", "format": "date"], "status": ["type": "string"], "rol": ["type": "string"],
                                "uitkomst": ["type": "string"], "scopeReden": ["type": "string"], "cijfer": ["type": "integer"], "bestandsnaam": ["type": "string"],
                                "organisatie": ["type": "string"], "verzoekSoort": ["type": "string"], "verzoekId": ["type": "string"], "niveau": ["type": "string"],
                                "contactpersoon": ["type": "string"], "terugmeldingStatus": ["type": "string"],
                            ] as J] as J,
                        ] as J,
                    ] as J],
                    "mogelijkeStappen": ["type": "array", "items": ["type": "string", "enum": Behandelstap.allCases.map(\.rawValue)]],
                    "verzoeken": ["type": "array", "items": ref("Verzoek"), "description": "De coördinerende blik: alle verzoeken aan organisaties."],
                    "escalatieniveau": ["type": "string", "enum": Escalatieniveau.allCases.map(\.rawValue)],
                    "aantalEscalaties": ["type": "integer", "minimum": 0],
                ] as J,
            ] as J,
            "MeldingVoortgang": [
                "type": "object",
                "required": ["zaaknummer", "status", "fase", "faseTekst", "fasen", "ontvangenOp", "eersteContactUiterlijk", "organisaties", "gevolgen",
                             "berichten", "gesloten", "aantalBijlagen", "verzoeken", "opschortingen"],
                "properties": [
                    "zaaknummer": ["type": "string"], "status": ["type": "string", "enum": MeldingStatus.allCases.map(\.rawValue)],
                    "fase": ["type": "string", "enum": MelderFase.allCases.map(\.rawValue)], "faseTekst": ["type": "string"],
                    "fasen": ["type": "array", "items": ["type": "string"]], "rol": ["type": "string"], "uitkomst": ["type": "string"],
                    "ontvangenOp": ["type": "string", "format": "date-time"], "eersteContactUiterlijk": ["type": "string", "format": "date"],
                    "organisaties": ["type": "array", "items": ["type": "string"]],
                    "gevolgen": ["type": "array", "items": ["type": "object", "required": ["soort", "opgeschort"], "properties": [
                        "soort": ["type": "string"], "organisatie": ["type": "string"], "opgeschort": ["type": "boolean"]] as J] as J],
                    "volgendeStap": ["type": "object", "required": ["tekst", "datum"], "properties": ["tekst": ["type": "string"], "datum": ["type": "string", "format": "date"]] as J] as J,
                    "berichten": ["type": "array", "items": ["type": "object", "required": ["tijdstip", "tekst", "vanMelder"], "properties": [
                        "tijdstip": ["type": "string", "format": "date-time"], "tekst": ["type": "string"], "vanMelder": ["type": "boolean"]] as J] as J],
                    "samenvatting": ["type": "string"], "gesloten": ["type": "boolean"], "tevredenheid": ["type": "integer"],
                    "aantalBijlagen": ["type": "integer"],
                    "verzoeken": ["type": "array", "items": ["type": "object", "required": ["organisatie", "soort", "status"], "properties": [
                        "organisatie": ["type": "string"], "soort": ["type": "string"], "status": ["type": "string"]] as J] as J],
                    "opschortingen": ["type": "array", "items": ["type": "object", "required": ["organisatie", "actie"], "properties": [
                        "organisatie": ["type": "string"], "actie": ["type": "string"], "tot": ["type": "string", "format": "date"],
                        "opgehevenOp": ["type": "string", "format": "date-time"]] as J] as J],
                ] as J,
            ] as J,
            "MeldingZoekVerzoek": [
                "type": "object", "description": "Ten minste één van de drie.",
                "properties": [
                    "zaaknummer": ofNull(["type": "string", "pattern": "^MFO-[0-9]{4}-[0-9]{6}$"]),
                    "naam": ofNull(["type": "string", "minLength": 2, "maxLength": BehandelLimieten.maxKort]),
                    "bsn": ofNull(["type": "string", "pattern": "^[0-9]{9}$", "description": "Voldoet aan de elfproef."]),
                ] as J,
            ] as J,
            "ContactVerzoek": [
                "type": "object", "required": ["datum", "kanaal", "samenvatting"],
                "properties": [
                    "datum": ["type": "string", "format": "date", "description": "Niet in de toekomst en niet vóór de ontvangst."],
                    "kanaal": ["type": "string", "enum": Contactvorm.allCases.map(\.rawValue)],
                    "samenvatting": ["type": "string", "minLength": 1, "maxLength": BehandelLimieten.maxTekst],
                ] as J,
            ] as J,
            "ToewijzingVerzoek": [
                "type": "object", "required": ["email"],
                "properties": ["email": ["type": "string", "description": "E-mailadres van een actieve medewerker van het Meldpunt."]],
            ] as J,
            "AnalyseVerzoek": [
                "type": "object", "required": ["oorsprongOrganisatie", "oorsprongRegistratie", "complexiteit"],
                "properties": [
                    "oorsprongOrganisatie": ["type": "string", "minLength": 1, "maxLength": BehandelLimieten.maxKort],
                    "oorsprongRegistratie": ["type": "string", "minLength": 1, "maxLength": BehandelLimieten.maxKort, "description": "Een van de tien codes (BRP, BRI, …) of de naam van een andere registratie."],
                    "geraakteOrganisaties": ofNull(["type": "array", "maxItems": BehandelLimieten.maxLijst, "items": tekst(max: BehandelLimieten.maxKort)]),
                    "geraakteRegistraties": ofNull(["type": "array", "maxItems": BehandelLimieten.maxLijst, "items": tekst(max: BehandelLimieten.maxKort)]),
                    "complexiteit": ["type": "string", "enum": Complexiteit.allCases.map(\.rawValue)],
                    "toelichting": ofNull(tekst(max: BehandelLimieten.maxTekst, "Interne toelichting op de analyse.")),
                ] as J,
            ] as J,
            "RolkeuzeVerzoek": [
                "type": "object", "required": ["rol"],
                "properties": [
                    "rol": ["type": "string", "enum": MeldpuntRol.allCases.map(\.rawValue)],
                    "reden": ofNull(tekst(max: BehandelLimieten.maxTekst, "Verplicht als de rol afwijkt van het voorstel.")),
                ] as J,
            ] as J,
            "TekstVerzoek": [
                "type": "object", "required": ["tekst"],
                "properties": ["tekst": ["type": "string", "minLength": 1, "maxLength": BehandelLimieten.maxTekst, "description": "Berichten aan de melder hoogstens \(BehandelLimieten.maxBericht) tekens."]],
            ] as J,
            "VolgendeStapVerzoek": [
                "type": "object", "required": ["tekst", "datum"],
                "properties": ["tekst": ["type": "string", "minLength": 1, "maxLength": BehandelLimieten.maxKort * 5],
                               "datum": ["type": "string", "format": "date", "description": "Niet in het verleden."]] as J,
            ] as J,
            "MeldingStatuswijzigingVerzoek": [
                "type": "object", "required": ["status"],
                "properties": [
                    "status": ["type": "string", "enum": ["wachtOpOrganisaties", "inBehandeling", "gesloten"]],
                    "uitkomst": ofNull(["type": "string", "enum": MeldingUitkomst.allCases.map(\.rawValue), "description": "Verplicht bij gesloten."]),
                    "samenvatting": ofNull(tekst(max: BehandelLimieten.maxTekst, "Bij gesloten verplicht: voor de melder, in gewone taal; bij buitenScope en doorverwezen waar de melder wel terecht kan.")),
                    "scopeReden": ofNull(["type": "string", "enum": ScopeReden.allCases.map(\.rawValue), "description": "Verplicht bij uitkomst buitenScope."]),
                    "redenOpenCorrecties": ofNull(tekst(max: nil, "Verplicht bij sluiten als opgelost terwijl een correctieverzoek nog openstaat.")),
                ] as J,
            ] as J,
            "StatuspaginaLink": [
                "type": "object", "required": ["zaaknummer", "statuspagina"],
                "properties": ["zaaknummer": ["type": "string"], "statuspagina": ["type": "string", "description": "De nieuwe privélink; wordt maar één keer gegeven."]],
            ] as J,
            "StatuswijzigingVerzoek": [
                "type": "object", "required": ["status"],
                "properties": [
                    "status": ["type": "string", "enum": statusEnum.filter { $0 != TerugmeldingStatus.gemeld.rawValue }],
                    "toelichting": tekst(max: TerugmeldingLimieten.maxToelichting, "Verplicht bij Afgehandeld en Onvoldoende informatie."),
                    "verwachteDatum": ["type": "string", "format": "date", "description": "Verplicht bij Ingepland; niet in het verleden."],
                    "uitkomst": ["type": "string", "enum": Afhandeluitkomst.allCases.map(\.rawValue), "description": "Bij Afgehandeld."],
                    "gemeentecode": ["type": "string", "pattern": "^[0-9]{4}$", "description": "Bij Verkeerde bronhouder: de juiste gemeente."],
                    "rniDeelnemer": ["type": "string", "pattern": "^[0-9]{4}$", "description": "Bij Verkeerde bronhouder, alleen RvIG: de RNI-deelnemer (Tabel 60)."],
                ] as J,
            ] as J,
        ]
    }
}
