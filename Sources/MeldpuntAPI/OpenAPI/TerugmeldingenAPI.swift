import MeldpuntCore
import MeldpuntDomain
import OpenAPIKit30

/// `terugmeldingen`: an afnemer reports a doubted data item to the bronhouder (TMV 2.0 / Digimelding).
enum TerugmeldingenAPI: APIDeel {
    static let tag = OpenAPI.Tag(name: "terugmeldingen", description: "Terugmeldingen van afnemers aan bronhouders")

    static func componenten(_ v: Schemaverkenner) {
        v.component(TerugmeldingInvoer.self)
        v.component(TerugmeldingDetailDTO.self)
        v.component(TerugmeldingSamenvattingDTO.self)
        v.component(StatuswijzigingInvoer.self)
    }

    static var paden: [(String, OpenAPI.PathItem)] {
        typealias B = Bouwstenen
        let statussen = TerugmeldingStatus.allCases.map(\.rawValue).joined(separator: ", ")
        return [
            ("/terugmeldingen", .init(
                get: B.operatie(
                    "terugmeldingenLijst", "Terugmeldingen die u mag zien: ontvangen (bronhouder, oudste eerst) of verzonden (afnemer, nieuwste eerst)",
                    tag: "terugmeldingen",
                    parameters: [
                        B.query("richting", .opsomming(["ontvangen", "verzonden"]), "Standaard ontvangen voor bronhouders, anders verzonden."),
                        B.query("status", .string, "Eén of meer statussen, komma-gescheiden: \(statussen)."),
                        B.query("ontvangenVanaf", .string, "Datum (JJJJ-MM-DD, hele dag) of tijdstip (ISO 8601)."),
                        B.query("ontvangenTot", .string, "Datum (tot en met die dag) of tijdstip."),
                        B.query("termijnOverschreden", .boolean, "Alleen (niet) te laat in behandeling genomen."),
                        B.query("after", B.uuid, "De pagina na deze terugmelding (terugMeldingReferentie van het laatste item); volg de next-link. Niet samen met page."),
                    ] + B.paginering,
                    responses: [B.ok("Eén pagina", .array(items: .ref("TerugmeldingSamenvatting")), headers: ["Link", "X-Total-Count"])],
                    fouten: []),
                post: B.operatie(
                    "terugmeldingAanmaken", "Een terugmelding doen aan de gekozen bronhouder", tag: "terugmeldingen",
                    parameters: [B.idempotencyKey], body: .ref("TerugMelding"),
                    responses: [B.ok("De terugmelding is ontvangen (status Gemeld)", .ref("TerugmeldingDetail"), headers: ["Location"], status: 201)],
                    fouten: [403, 409, 413, 415]))),
            ("/terugmeldingen/{referentie}", .init(get: B.operatie(
                "terugmelding", "De hele terugmelding met statushistorie en bijlagen", tag: "terugmeldingen",
                parameters: [B.referentie], responses: [B.ok("De terugmelding", .ref("TerugmeldingDetail"))], fouten: []))),
            ("/terugmeldingen/{referentie}/statuswijzigingen", .init(post: B.operatie(
                "statusWijzigen", "De status wijzigen volgens het Digimelding-statusmodel", tag: "terugmeldingen",
                parameters: [B.referentie], body: .ref("StatuswijzigingVerzoek"),
                responses: [B.ok("De terugmelding na de wijziging", .ref("TerugmeldingDetail"))], fouten: [403, 409, 413, 415]))),
            ("/terugmeldingen/{referentie}/bijlagen/{bijlage}", .init(get: B.operatie(
                "bijlage", "Een bijlage downloaden", tag: "terugmeldingen",
                parameters: [B.referentie, B.pad("bijlage", B.uuid)], responses: [B.download("De bijlage")], fouten: []))),
        ]
    }
}

// MARK: The terugmelding as filed (Logius draft REST terugmelding 0.2)

private let kort = TerugmeldingLimieten.maxKort

extension TerugmeldingInvoer: APISchema {
    static let schemanaam = "TerugMelding"
    static let beschrijving: String? = "Logius-concept REST terugmelding 0.2, met gemeentecode en toelichting in de header."
    static let verplicht: Set<String> = ["terugMeldingHeader", "terugMeldingBody"]
}

extension TerugmeldingInvoer.Header: APISchema {
    static let schemanaam = "TerugMeldingHeader"
    static var velden: [String: JSONSchema] { [
        "datumMelding": .datum,
        "referentiekenmerk": Bouwstenen.tekst(max: TerugmeldingLimieten.maxReferentiekenmerk, "Eigen kenmerk van de afnemer."),
        "peilmoment": .tijdstip,
        "meldingBron": Bouwstenen.tekst(max: kort),
        "gemeentecode": .string(description: "Gemeente van bijhouding (verplicht voor de BRP); 1999 voor de RNI.", pattern: Bouwstenen.gemeentecodePatroon),
        "toelichting": Bouwstenen.tekst(max: TerugmeldingLimieten.maxToelichting,
                                        "Waarom de afnemer gerede twijfel heeft: wat zij zag, wanneer en waar. Verplicht bij het indienen (de FAQ noemt een uitgebreide toelichting noodzakelijk); terugmeldingen van vóór die regel kunnen haar missen."),
    ] }
}

extension TerugmeldingInvoer.RegistratieVerwijzing: APIVorm {
    static var velden: [String: JSONSchema] { [
        "basisRegistratieCode": .opsomming(Registratie.alle.map(\.code), description: "Nu alleen BRP aangesloten."),
    ] }
}

extension TerugmeldingInvoer.Contactinformatie: APISchema {
    static let schemanaam = "ContactInformatie"
    static var velden: [String: JSONSchema] { [
        "naam": Bouwstenen.tekst(max: kort), "bedrijf": Bouwstenen.tekst(max: kort), "afdeling": Bouwstenen.tekst(max: kort),
        "telefoon": .string(pattern: "^[0-9+-]{8,20}$"),
        "email": .string(description: "Een e-mailadres, zoals naam@voorbeeld.nl.", maxLength: kort),
    ] }
}

extension TerugmeldingInvoer.Body: APIVorm {
    static let verplicht: Set<String> = ["objectIdentificatie", "terugMeldingGegevens"]
    static var velden: [String: JSONSchema] { [
        "objectIdentificatie": Bouwstenen.lijst(.ref("ObjectIdentificatie"), min: 1, max: TerugmeldingLimieten.maxIdentificaties),
        "terugMeldingGegevens": Bouwstenen.lijst(.ref("TerugMeldingGegeven"), min: 1, max: TerugmeldingLimieten.maxGegevens),
    ] }
}

extension TerugmeldingInvoer.ObjectIdentificatie: APISchema {
    static let schemanaam = "ObjectIdentificatie"
    static let verplicht: Set<String> = ["attribuutUrn", "idWaarde"]
    static var velden: [String: JSONSchema] { [
        "attribuutUrn": .string(description: "urn:brp:persoon:bsn, urn:brp:persoon:anummer of urn:brp:persoon:adres (ten minste één daarvan)."),
        "idWaarde": Bouwstenen.tekst(max: kort, min: 1),
    ] }
}

extension TerugmeldingInvoer.Gegeven: APISchema {
    static let schemanaam = "TerugMeldingGegeven"
    static let verplicht: Set<String> = ["attribuutUrn"]
    static var velden: [String: JSONSchema] { [
        "objectType": Bouwstenen.tekst(max: kort), "gegevensElementNaam": Bouwstenen.tekst(max: kort), "attribuut": Bouwstenen.tekst(max: kort),
        "attribuutUrn": Bouwstenen.tekst(max: kort, min: 1),
        "betwijfeldeWaarde": Bouwstenen.tekst(max: TerugmeldingLimieten.maxWaarde),
        "voorgesteldeWaarde": Bouwstenen.tekst(max: TerugmeldingLimieten.maxWaarde),
        "eigenvelden": .object(additionalProperties: .init(true)),
        "bijlages": Bouwstenen.lijst(.ref("Bijlage"), max: BijlageRegels.maxAantal),
    ] }
}

extension TerugmeldingInvoer.Bijlage: APISchema {
    static let schemanaam = "Bijlage"
    static let verplicht: Set<String> = ["bestandsnaam", "mimeType", "bijlageData"]
    static var velden: [String: JSONSchema] { [
        "bestandsnaam": Bouwstenen.tekst(max: BijlageRegels.maxBestandsnaamLengte, min: 1),
        "mimeType": .opsomming(BijlageRegels.Soort.self),
        "bijlageData": .string(format: .byte, description: "Base64; de inhoud moet bij mimeType passen.", minLength: 1),
        "beschrijving": Bouwstenen.tekst(max: kort),
    ] }
}

extension JSONWaarde: APIWaarde {
    static let apiSchema = JSONSchema.object
    static let voorbeeld = JSONWaarde.object([:])
}

// MARK: What the API answers

extension TerugmeldingDetailDTO: APISchema {
    static let schemanaam = "TerugmeldingDetail"
    static var velden: [String: JSONSchema] { [
        "terugMeldingReferentie": Bouwstenen.uuid,
        "terugMelding": .object(description: "De terugmelding zoals verstuurd, zonder de inhoud van bijlagen."),
    ] }
}

extension TerugmeldingSamenvattingDTO: APISchema {
    static let schemanaam = "TerugmeldingSamenvatting"
    static var velden: [String: JSONSchema] { ["terugMeldingReferentie": Bouwstenen.uuid] }
}

extension OrganisatieVerwijzing: APISchema { static let schemanaam = "OrganisatieVerwijzing" }
extension PersoonIdentificatie: APISchema { static let schemanaam = "Persoon" }

extension BijlageDTO: APISchema {
    static let schemanaam = "BijlageMetadata"
    static var velden: [String: JSONSchema] { ["id": Bouwstenen.uuid] }
}

extension StatuswijzigingDTO: APISchema {
    static let schemanaam = "Statuswijziging"
}

extension StatuswijzigingInvoer: APISchema {
    static let schemanaam = "StatuswijzigingVerzoek"
    static let verplicht: Set<String> = ["status"]
    static var velden: [String: JSONSchema] { [
        "status": .opsomming(TerugmeldingStatus.allCases.filter { $0 != .gemeld }.map(\.rawValue)),
        "toelichting": Bouwstenen.tekst(max: TerugmeldingLimieten.maxToelichting, "Verplicht bij Afgehandeld en Onvoldoende informatie."),
        "verwachteDatum": .string(format: .date, description: "Verplicht bij Ingepland; niet in het verleden."),
        "uitkomst": .opsomming(Afhandeluitkomst.allCases.map(\.rawValue), description: "Bij Afgehandeld."),
        "gemeentecode": .string(description: "Bij Verkeerde bronhouder: de juiste gemeente.", pattern: Bouwstenen.gemeentecodePatroon),
        "rniDeelnemer": .string(description: "Bij Verkeerde bronhouder, alleen RvIG: de RNI-deelnemer (Tabel 60).", pattern: Bouwstenen.gemeentecodePatroon),
    ] }
}
