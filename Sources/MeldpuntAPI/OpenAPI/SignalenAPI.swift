import MeldpuntCore
import MeldpuntDomain
import OpenAPIKit30

/// `signalen`: structural errors found across cases — the detector's proposals, the register with
/// its course and knowledge (the meldpunt), and the signalen fed back to an organisation.
enum SignalenAPI: APIDeel {
    static let tag = OpenAPI.Tag(name: "signalen", description: "Structurele fouten: voorstellen uit alle meldingen en terugmeldingen, het signalenregister en de signalen die aan uw organisatie zijn teruggekoppeld")

    static func componenten(_ v: Schemaverkenner) {
        v.component(KandidaatDTO.self)
        v.component(KandidaatDetailDTO.self)
        v.component(SignaalSamenvattingDTO.self)
        v.component(SignaalDTO.self)
        v.component(PartnerSignaalDTO.self)
        v.component(NieuwSignaalInvoer.self)
        v.component(SignaalStapInvoer.self)
        v.component(KennisInvoer.self)
        v.component(SignalenController.SamenvoegingInvoer.self)
        v.component(SignalenController.ZaakInvoer.self)
    }

    static let kandidaatId = B.pad("kandidaatId", B.uuid, "Id van het voorstel")
    static let nummer = B.pad("nummer", .integer(minimum: (1, exclusive: false)), "Nummer van het signaal (SIG-12 heeft nummer 12)")

    static func stap(_ id: String, _ samenvatting: String, body: JSONSchema, fouten: [Int] = [403, 409, 415]) -> OpenAPI.Operation {
        B.operatie(id, samenvatting, tag: "signalen", parameters: [nummer], body: body,
                   responses: [B.ok("Het signaal na deze stap", .ref("Signaal"))], fouten: fouten)
    }

    static var paden: [(String, OpenAPI.PathItem)] {
        [
            ("/signaalkandidaten", .init(get: B.operatie(
                "signaalkandidaten", "Open voorstellen van de detector, best eerst, met de reden van de groepering (alleen het Meldpunt)", tag: "signalen",
                responses: [B.ok("De voorstellen", .array(items: .ref("Kandidaat")))], fouten: [403]))),
            ("/signaalkandidaten/{kandidaatId}", .init(get: B.operatie(
                "signaalkandidaat", "Eén voorstel met zijn zaken (nummer, dag, registratie; niets persoonlijks)", tag: "signalen",
                parameters: [kandidaatId], responses: [B.ok("Het voorstel", .ref("KandidaatDetail"))], fouten: [403]))),
            ("/signaalkandidaten/{kandidaatId}/bevestigingen", .init(post: B.operatie(
                "signaalkandidaatBevestigen", "Het voorstel bevestigen als nieuw signaal; de zaken gaan mee", tag: "signalen",
                parameters: [kandidaatId], body: .ref("NieuwSignaal"),
                responses: [B.ok("Het nieuwe signaal", .ref("Signaal"), headers: ["Location"], status: 201)], fouten: [403, 409, 415]))),
            ("/signaalkandidaten/{kandidaatId}/samenvoegingen", .init(post: B.operatie(
                "signaalkandidaatSamenvoegen", "De zaken van het voorstel toevoegen aan een bestaand signaal", tag: "signalen",
                parameters: [kandidaatId], body: .ref("Samenvoeging"),
                responses: [B.ok("Het signaal met de zaken erbij", .ref("Signaal"))], fouten: [403, 409, 415]))),
            ("/signaalkandidaten/{kandidaatId}/afwijzingen", .init(post: B.operatie(
                "signaalkandidaatAfwijzen", "Het voorstel afwijzen; dezelfde groepering wordt niet opnieuw voorgesteld", tag: "signalen",
                parameters: [kandidaatId], responses: [(204, OpenAPI.Response(description: "Afgewezen", headers: ["API-Version": B.versieHeader]))],
                fouten: [403, 409]))),
            ("/signalen", .init(
                get: B.operatie(
                    "signalen", "Het signalenregister, laatst gewijzigd eerst (alleen het Meldpunt)", tag: "signalen",
                    parameters: [B.query("status", .opsomming(SignaalStatus.self), "Alleen signalen met deze status.")],
                    responses: [B.ok("De signalen", .array(items: .ref("SignaalSamenvatting")))], fouten: [403]),
                post: B.operatie(
                    "signaalVastleggen", "Een signaal vastleggen dat u zelf zag", tag: "signalen", body: .ref("NieuwSignaal"),
                    responses: [B.ok("Het nieuwe signaal", .ref("Signaal"), headers: ["Location"], status: 201)], fouten: [403, 415]))),
            ("/signalen/{nummer}", .init(get: B.operatie(
                "signaal", "Eén signaal met organisaties, zaken, verloop en kennis", tag: "signalen", parameters: [nummer],
                responses: [B.ok("Het signaal", .ref("Signaal"))], fouten: [403]))),
            ("/signalen/{nummer}/terugkoppelingen", .init(post: stap(
                "signaalTerugkoppelen", "Terugkoppelen aan een organisatie (organisatieOin en toelichting); zij ziet het signaal daarna in haar portaal",
                body: .ref("SignaalStap")))),
            ("/signalen/{nummer}/agenderingen", .init(post: stap(
                "signaalAgenderen", "Op de agenda van een overleg of orgaan (orgaan en datum, toelichting mag)", body: .ref("SignaalStap")))),
            ("/signalen/{nummer}/escalaties", .init(post: stap(
                "signaalEscaleren", "Eén niveau hoger (tactisch, strategisch, interdepartementaal), met de reden als toelichting", body: .ref("SignaalStap")))),
            ("/signalen/{nummer}/afsluitingen", .init(post: stap(
                "signaalAfsluiten", "Afsluiten als opgelost of nietOpgelost (uitkomst en toelichting)", body: .ref("SignaalStap")))),
            ("/signalen/{nummer}/zaken", .init(post: stap(
                "signaalZaakKoppelen", "Een melding (zaaknummer) of terugmelding (referentie) aan het signaal koppelen", body: .ref("SignaalZaak")))),
            ("/signalen/{nummer}/kennis", .init(put: stap(
                "signaalKennis", "Wat er geleerd is en de oplossingsroute; met delen=true zien de betrokken organisaties het", body: .ref("Kennis"),
                fouten: [403, 415]))),
            ("/ontvangen-signalen", .init(get: B.operatie(
                "ontvangenSignalen", "De signalen die het Meldpunt aan uw organisatie heeft teruggekoppeld", tag: "signalen",
                responses: [B.ok("De signalen", .array(items: .ref("SignaalSamenvatting")))], fouten: []))),
            ("/ontvangen-signalen/{nummer}", .init(get: B.operatie(
                "ontvangenSignaal", "Eén teruggekoppeld signaal: wat er speelt, het aantal zaken, de terugkoppeling aan u en uw antwoorden", tag: "signalen",
                parameters: [nummer], responses: [B.ok("Het signaal", .ref("PartnerSignaal"))], fouten: []))),
            ("/ontvangen-signalen/{nummer}/antwoorden", .init(post: B.operatie(
                "signaalBeantwoorden", "Uw antwoord aan het Meldpunt (toelichting)", tag: "signalen", parameters: [nummer], body: .ref("SignaalStap"),
                responses: [B.ok("Het signaal met uw antwoord", .ref("PartnerSignaal"))], fouten: [409, 415]))),
        ]
    }
}

private typealias B = Bouwstenen

extension Zaakkenmerken.Bron: APIOpsomming {}
extension KandidaatStatus: APIOpsomming {}
extension SignaalSoort: APIOpsomming {}
extension SignaalStatus: APIOpsomming {}
extension Signaalstapsoort: APIOpsomming {}

extension KandidaatDTO: APISchema {
    static let schemanaam = "Kandidaat"
    static var velden: [String: JSONSchema] { [
        "uitleg": .string(description: "Waarom deze zaken bij elkaar horen, in het Nederlands."),
        "uitlegEn": .string(description: "The same in English."),
        "gebruikelijk": .number(description: "Het gebruikelijke aantal zaken met deze kenmerken in de periode, uit de periodes ervoor."),
        "gelijkenis": .number(description: "Gemiddelde Jaccard-gelijkenis van de omschrijvingen, 0–1.", maximum: (1, exclusive: false), minimum: (0, exclusive: false)),
    ] }
}

extension KenmerkDTO: APISchema {
    static let schemanaam = "Kenmerk"
    static var velden: [String: JSONSchema] { ["soort": .opsomming(["registratie", "attribuut", "herkomst", "gevolg", "bronhouder", "bevinding"])] }
}

extension ZinsdeelDTO: APISchema { static let schemanaam = "Zinsdeel" }
extension GekoppeldeZaakDTO: APISchema { static let schemanaam = "GekoppeldeZaak" }
extension KandidaatDetailDTO: APISchema { static let schemanaam = "KandidaatDetail" }
extension SignaalVerwijzingDTO: APISchema { static let schemanaam = "SignaalVerwijzing" }
extension SignaalSamenvattingDTO: APISchema { static let schemanaam = "SignaalSamenvatting" }
extension SignaalStapDTO: APISchema { static let schemanaam = "SignaalStapRegel" }
extension SignaalOrganisatieDTO: APISchema { static let schemanaam = "SignaalOrganisatie" }
extension KennisDTO: APISchema { static let schemanaam = "KennisRegel" }
extension SignaalDTO: APISchema { static let schemanaam = "Signaal" }
extension PartnerSignaalDTO: APISchema { static let schemanaam = "PartnerSignaal" }

extension NieuwSignaalInvoer: APISchema {
    static let schemanaam = "NieuwSignaal"
    static let verplicht: Set<String> = ["titel", "omschrijving", "soort"]
    static let nullbaar: Set<String> = ["registraties", "organisatieOins"]
    static var velden: [String: JSONSchema] { [
        "titel": B.tekst(max: SignaalLimieten.maxTitel, min: 1),
        "omschrijving": B.tekst(max: SignaalLimieten.maxTekst, "Wordt gedeeld met de organisaties waaraan u terugkoppelt: niets persoonlijks.", min: 1),
        "soort": .opsomming(SignaalSoort.self),
        "registraties": B.lijst(B.tekst(max: BehandelLimieten.maxKort), max: SignaalLimieten.maxLijst),
        "organisatieOins": B.lijst(.string(pattern: "^[0-9A-Z]{20}$"), max: SignaalLimieten.maxLijst, "De betrokken organisaties (OIN)."),
    ] }
}

extension SignaalStapInvoer: APISchema {
    static let schemanaam = "SignaalStap"
    static let beschrijving: String? = "Welke velden nodig zijn hangt af van de stap: terugkoppeling (organisatieOin, toelichting), agendering (orgaan, datum), afsluiting (uitkomst, toelichting), escalatie en antwoord (toelichting)."
    static let nullbaar: Set<String> = ["organisatieOin", "orgaan", "datum", "uitkomst", "toelichting"]
    static var velden: [String: JSONSchema] { [
        "organisatieOin": .string(pattern: "^[0-9A-Z]{20}$"),
        "orgaan": B.tekst(max: BehandelLimieten.maxKort),
        "datum": .datum,
        "uitkomst": .opsomming([SignaalStatus.opgelost, .nietOpgelost].map(\.rawValue)),
        "toelichting": B.tekst(max: SignaalLimieten.maxTekst),
    ] }
}

extension KennisInvoer: APISchema {
    static let schemanaam = "Kennis"
    static let verplicht: Set<String> = ["geleerd"]
    static let nullbaar: Set<String> = ["oplossingsroute", "delen"]
    static var velden: [String: JSONSchema] { [
        "geleerd": B.tekst(max: SignaalLimieten.maxTekst, "Geen persoonsgegevens: dit kan gedeeld worden.", min: 1),
        "oplossingsroute": B.tekst(max: SignaalLimieten.maxTekst),
    ] }
}

extension SignalenController.SamenvoegingInvoer: APISchema {
    static let schemanaam = "Samenvoeging"
    static let verplicht: Set<String> = ["signaalNummer"]
    static var velden: [String: JSONSchema] { ["signaalNummer": .integer(minimum: (1, exclusive: false))] }
}

extension SignalenController.ZaakInvoer: APISchema {
    static let schemanaam = "SignaalZaak"
    static let verplicht: Set<String> = ["kenmerk"]
    static var velden: [String: JSONSchema] { ["kenmerk": B.tekst(max: 64, "Zaaknummer (MFO-2026-000123) of terugMeldingReferentie.", min: 1)] }
}
