import MeldpuntCore
import MeldpuntDomain
import OpenAPIKit30

/// `meldingen`: filing a case at the meldpunt, and the meldpunt's handling of it.
enum MeldingenAPI: APIDeel {
    static let tag = OpenAPI.Tag(name: "meldingen", description: "Meldingen bij het Meldpunt Fouten in Overheidsregistraties")

    static func componenten(_ v: Schemaverkenner) {
        v.component(MeldingInvoer.self)
        v.component(MeldingService.Ontvangen.self)
        v.component(MeldingSamenvattingDTO.self)
        v.component(MeldingDetailDTO.self)
        v.component(MeldingService.MelderWeergave.self)
        v.component(MeldingZoekInvoer.self)
        v.component(ContactInvoer.self)
        v.component(ToewijzingInvoer.self)
        v.component(AnalyseInvoer.self)
        v.component(RolkeuzeInvoer.self)
        v.component(GevolgherstelInvoer.self)
        v.component(TekstInvoer.self)
        v.component(ContactgegevensInvoer.self)
        v.component(IngediendeMeldingDTO.self)
        v.component(KoppelingDTO.self)
        v.component(StandaardtekstDTO.self)
        v.component(KoppelingInvoer.self)
        v.component(MeldingimportenController.Invoer.self)
        v.component(ImportMelding.self)
        v.component(ImportMelding.Stap.self)
        v.component(ImportMelding.Partner.self)
        v.component(ImportResultaat.self)
        v.component(GeweigerdeRij.self)
        v.component(VolgendeStapInvoer.self)
        v.component(MeldingStatuswijzigingInvoer.self)
        v.component(WerklastOverzichtDTO.self)
        v.component(StatuspaginaLinkDTO.self)
    }

    /// A staff step on a case: the case after the step, or why not.
    static func behandelstap(_ id: String, _ samenvatting: String, body: JSONSchema) -> OpenAPI.Operation {
        Bouwstenen.operatie(id, samenvatting, tag: "meldingen", parameters: [Bouwstenen.zaaknummer], body: body,
                            responses: [Bouwstenen.ok("De melding na deze stap", .ref("MeldingDetail"))], fouten: [403, 409, 415])
    }

    static var paden: [(String, OpenAPI.PathItem)] {
        typealias B = Bouwstenen
        let statussen = MeldingStatus.allCases.map(\.rawValue).joined(separator: ", ")
        return [
            ("/meldingen", .init(
                get: B.operatie(
                    "meldingenWerkvoorraad", "De werkvoorraad van het Meldpunt: open meldingen oudste eerst; alleen gesloten nieuwste eerst", tag: "meldingen",
                    parameters: [
                        B.query("status", .string, "Eén of meer statussen, komma-gescheiden: \(statussen)."),
                        B.query("open", .boolean, "true: alleen meldingen die niet gesloten zijn."),
                        B.query("behandelaar", B.uuid, "Alleen meldingen van deze behandelaar (id)."),
                        B.query("contactTermijnOverschreden", .boolean, "Alleen meldingen waarbij het eerste persoonlijke contact (niet) te laat is of was."),
                        B.query("verzoekTermijnOverschreden", .boolean, "Alleen meldingen met (zonder) een open verzoek aan een organisatie over de afgesproken datum."),
                        B.query("ongelezen", .boolean, "Alleen meldingen met (zonder) iets nieuws van de melder of een partner dat nog niemand van het Meldpunt opende."),
                        B.query("volgendeStapVerlopen", .boolean, "true: alleen open meldingen waarvan de aan de melder beloofde volgende stap over zijn datum is."),
                        B.query("sortering", .opsomming(MeldingService.Sortering.self),
                                "ontvangen (standaard: oudste eerst), nieuwste, termijn (eerstvolgende contact- of stapdatum), urgentie (wat het meest dringt voor de melder: de vroegste van contacttermijn, beloofde stap, betaaldag, contactritme en aanvaardbare doorlooptijd)."),
                    ] + B.paginering,
                    responses: [B.ok("Eén pagina", .array(items: .ref("MeldingSamenvatting")), headers: ["Link", "X-Total-Count"])],
                    fouten: [403]),
                post: B.operatie(
                    "meldingAanmaken", "Een melding doen bij het Meldpunt Fouten in Overheidsregistraties (voor systemen van organisaties en intermediairs)",
                    tag: "meldingen", parameters: [B.idempotencyKey], body: .ref("MeldingVerzoek"),
                    responses: [B.ok("De melding is ontvangen; statuspagina is de privélink voor de melder en wordt maar één keer gegeven",
                                     .ref("MeldingOntvangen"), headers: ["Location"], status: 201)],
                    fouten: [409, 413, 415]))),
            ("/werklast", .init(get: B.operatie(
                "werklast", "De werklast van het team: per behandelaar (en de meldingen die niemand heeft) de open meldingen, hoe oud de oudste is en wat er dringt",
                tag: "meldingen", responses: [B.ok("De werklast", .ref("WerklastOverzicht"))], fouten: [403]))),
            ("/meldingen/_zoek", .init(post: B.operatie(
                "meldingenZoeken", "Meldingen zoeken op zaaknummer, naam of BSN (in de body, nooit in een URL); hoogstens 100", tag: "meldingen",
                body: .ref("MeldingZoekVerzoek"),
                responses: [B.ok("Gevonden meldingen", .array(items: .ref("MeldingSamenvatting")))], fouten: [403, 415]))),
            ("/meldingen/{zaaknummer}", .init(get: B.operatie(
                "melding", "Het Meldpunt ziet de hele melding (inhoud, analyse, rolvoorstel, tijdlijn); de organisatie die haar indiende ziet de voortgang zoals de melder",
                tag: "meldingen", parameters: [B.zaaknummer],
                responses: [B.ok("De melding (MeldingDetail voor het Meldpunt, MeldingVoortgang voor de indiener)",
                                 .any(of: [.ref("MeldingDetail"), .ref("MeldingVoortgang")]))], fouten: []))),
            ("/ingediende-meldingen", .init(get: B.operatie(
                "ingediendeMeldingen", "De meldingen die uw organisatie indiende (een intermediair voor cliënten), de nieuwste eerst, elk zoals de melder ze ziet",
                tag: "meldingen", parameters: B.paginering,
                responses: [B.ok("Eén pagina", .array(items: .ref("IngediendeMelding")), headers: ["Link", "X-Total-Count"])], fouten: []))),
            ("/standaardteksten", .init(get: B.operatie(
                "standaardteksten", "De standaardteksten in gebruik (beheer houdt ze bij), Nederlands en Engels, met velden als {naam} en {zaaknummer} die bij gebruik worden ingevuld",
                tag: "meldingen", parameters: [B.query("doel", .opsomming(Standaardtekstdoel.self), "melder of partner; weggelaten: beide.")],
                responses: [B.ok("De teksten", .array(items: .ref("Standaardtekst")))], fouten: [403]))),
            ("/meldingimporten", .init(post: B.operatie(
                "meldingenImporteren", "Meldingen van het CMI overnemen (alleen het Meldpunt): als JSON met geschiedenis, of als CSV-export; elke melding gecontroleerd als een nieuwe, met haar oorspronkelijke data, zonder e-mail of brief. Een kenmerk dat al is ingelezen wordt overgeslagen: nog eens importeren verandert niets",
                tag: "meldingen", parameters: [B.query("proef", .boolean, "true: alleen controleren, niets vastleggen.")],
                body: .ref("MeldingImport"),
                responses: [B.ok("Wat er is ingelezen, wat al bekend was, en elke geweigerde regel met de redenen", .ref("ImportResultaat"))], fouten: [403, 415]))),
            ("/meldingen/{zaaknummer}/contactmomenten", .init(post: behandelstap(
                "contactVastleggen", "Een persoonlijk contact met de melder vastleggen; het eerste beëindigt 'ontvangen'", body: .ref("ContactVerzoek")))),
            ("/meldingen/{zaaknummer}/behandelaar", .init(put: behandelstap(
                "behandelaarToewijzen", "De behandelaar toewijzen (een medewerker van het Meldpunt)", body: .ref("ToewijzingVerzoek")))),
            ("/meldingen/{zaaknummer}/analyse", .init(put: behandelstap(
                "analyseVastleggen", "De analyse vastleggen: oorsprong, impact en complexiteit; geeft het rolvoorstel", body: .ref("AnalyseVerzoek")))),
            ("/meldingen/{zaaknummer}/gevolgen/{gevolgNummer}", .init(put: Bouwstenen.operatie(
                "gevolgHerstel", "Hoe het staat met het herstel van een gevolg dat de melder noemde (teHerstellen, gevraagd, hersteld, nietHerstelbaar met toelichting); de melder ziet het",
                tag: "meldingen", parameters: [Bouwstenen.zaaknummer, Bouwstenen.pad("gevolgNummer", .integer(minimum: (1, exclusive: false)), "Het nummer van het gevolg (1 is het eerste dat de melder noemde)")],
                body: .ref("GevolgherstelVerzoek"), responses: [Bouwstenen.ok("De melding na deze stap", .ref("MeldingDetail"))], fouten: [403, 409, 415]))),
            ("/meldingen/{zaaknummer}/rol", .init(put: behandelstap(
                "rolKiezen", "De rol van het Meldpunt kiezen; een andere dan de voorgestelde vraagt een reden", body: .ref("RolkeuzeVerzoek")))),
            ("/meldingen/{zaaknummer}/notities", .init(post: behandelstap(
                "notitieToevoegen", "Een interne notitie (nooit zichtbaar voor de melder)", body: .ref("TekstVerzoek")))),
            ("/meldingen/{zaaknummer}/berichten", .init(post: behandelstap(
                "berichtAanMelder", "Een bericht aan de melder; verschijnt op de statuspagina. Ook na sluiten (de melder kan dan nog reageren); niet meer als de toestemming is ingetrokken (409)", body: .ref("TekstVerzoek")))),
            ("/meldingen/{zaaknummer}/contactgegevens", .init(put: behandelstap(
                "contactgegevensCorrigeren", "De contactgegevens van de melder corrigeren (de hele set; leeg of weggelaten is geen waarde). De oude waarden staan daarna alleen in het verwerkingslog; niet meer als de toestemming is ingetrokken (409)",
                body: .ref("ContactgegevensVerzoek")))),
            ("/meldingen/{zaaknummer}/bijlagen", .init(post: B.operatie(
                "meldingDocumentToevoegen", "Een document bij de melding voegen (een brief van de melder, aantekeningen van een gesprek): PDF, JPEG of PNG, hoogstens 20 MB; de melder ziet het niet",
                tag: "meldingen", parameters: [B.zaaknummer], body: .ref("Bijlage"),
                responses: [B.ok("De melding met het document", .ref("MeldingDetail"), status: 201)], fouten: [403, 409, 415]))),
            ("/meldingen/{zaaknummer}/koppelingen", .init(
                get: B.operatie("meldingKoppelingen", "De meldingen die aan deze gekoppeld zijn, of ermee samengevoegd", tag: "meldingen", parameters: [B.zaaknummer],
                                responses: [B.ok("De koppelingen", .array(items: .ref("Koppeling")))], fouten: [403]),
                post: B.operatie("meldingKoppelen", "Deze melding koppelen aan een andere over hetzelfde probleem, of samenvoegen: deze sluit (uitkomst samengevoegd, de melder krijgt bericht zonder het andere zaaknummer) en de andere gaat verder",
                                 tag: "meldingen", parameters: [B.zaaknummer], body: .ref("KoppelingVerzoek"),
                                 responses: [B.ok("Deze melding na de stap", .ref("MeldingDetail"), status: 201)], fouten: [403, 409, 415]))),
            ("/meldingen/{zaaknummer}/heropeningen", .init(post: behandelstap(
                "meldingHeropenen", "Een gesloten melding weer openen, met een reden die de melder leest (pagina, e-mail of brief); niet meer als de toestemming is ingetrokken (409)",
                body: .ref("Reden")))),
            ("/meldingen/{zaaknummer}/volgende-stap", .init(put: behandelstap(
                "volgendeStapZetten", "De volgende stap die de melder kan verwachten, met datum", body: .ref("VolgendeStapVerzoek")))),
            ("/meldingen/{zaaknummer}/statuswijzigingen", .init(post: behandelstap(
                "meldingStatusWijzigen", "Wachten op organisaties, hervatten, of sluiten met uitkomst en samenvatting voor de melder",
                body: .ref("MeldingStatuswijzigingVerzoek")))),
            ("/meldingen/{zaaknummer}/escalaties", .init(post: behandelstap(
                "meldingEscaleren", "De melding één niveau hoger escaleren (terugkerende of structurele fout), met reden", body: .ref("Reden")))),
            ("/meldingen/{zaaknummer}/statuspagina-links", .init(post: B.operatie(
                "statuspaginaLinkVernieuwen", "Een nieuwe privélink voor de melder; de oude werkt meteen niet meer", tag: "meldingen",
                parameters: [B.zaaknummer],
                responses: [B.ok("De nieuwe link, maar één keer gegeven", .ref("StatuspaginaLink"), status: 201)], fouten: [403, 409]))),
            ("/meldingen/{zaaknummer}/bijlagen/{bijlage}", .init(get: B.operatie(
                "meldingBijlage", "Een bijlage van een melding downloaden", tag: "meldingen",
                parameters: [B.zaaknummer, B.pad("bijlage", B.uuid)], responses: [B.download("De bijlage")], fouten: [403]))),
        ]
    }
}

private typealias B = Bouwstenen

// MARK: Filing a case

extension MeldingInvoer: APISchema {
    static let schemanaam = "MeldingVerzoek"
    static let verplicht: Set<String> = ["melderType", "melder", "organisatieAlBenaderd", "bezwaarOfBeroepLoopt", "betrokkenOrganisaties", "watIsFout", "toestemming"]
    static var velden: [String: JSONSchema] { [
        "melderType": .opsomming(MelderType.self),
        "organisatieNaam": B.tekst(max: 200, "Bij bedrijf, organisatie en intermediair."),
        "kvkNummer": .string(description: "Bij bedrijf: 8 cijfers."),
        "toestemmingVertegenwoordigde": .boolean(description: "Bij intermediair: de vertegenwoordigde gaf toestemming."),
        "redenNietBenaderd": B.tekst(max: MeldingLimieten.maxTekst, "Verplicht als organisatieAlBenaderd false is."),
        "bezwaarOfBeroepLoopt": .boolean(description: "true: het Meldpunt neemt de melding niet in behandeling (400) en legt niets vast."),
        "probleemsoort": .opsomming(Probleemsoort.allCases.map(\.rawValue),
                                    description: "onjuistGegeven (weggelaten): een gegeven klopt niet. onjuisteInterpretatie: het gegeven klopt, maar een organisatie legt het verkeerd uit of past het verkeerd toe."),
        "registraties": B.lijst(.opsomming(Registratie.alle.map(\.code)), max: MeldingLimieten.maxLijst),
        "andereRegistratie": B.tekst(max: 200),
        "betrokkenOrganisaties": B.lijst(B.tekst(max: 200), min: 1, max: MeldingLimieten.maxLijst),
        "watIsFout": B.tekst(max: MeldingLimieten.maxTekst, min: 1),
        "watMoetHetZijn": B.tekst(max: MeldingLimieten.maxTekst),
        "sinds": .datum,
        "gevolgen": B.lijst(.ref("Gevolg"), max: MeldingLimieten.maxLijst),
        "voorkeurKanaal": .opsomming(Contactkanaal.self),
        "bijlagen": B.lijst(.ref("Bijlage"), max: BijlageRegels.maxAantal),
    ] }
}

extension MeldingInvoer.Persoonsgegevens: APISchema {
    static let schemanaam = "Persoonsgegevens"
    static var velden: [String: JSONSchema] { [
        "naam": B.tekst(max: 200), "email": .string(maxLength: 200), "adres": B.tekst(max: 200), "woonplaats": B.tekst(max: 200),
        "bsn": .string(description: "Niet verplicht; voldoet aan de elfproef."),
    ] }
}

extension MeldingimportenController.Invoer: APISchema {
    static let schemanaam = "MeldingImport"
    static var velden: [String: JSONSchema] { [
        "meldingen": B.ofNull(B.lijst(.ref("ImportMelding"), max: ImportLimieten.maxRijen)),
        "csv": B.ofNull(.string(description: "Een CSV-export: een kopregel met kolommen uit \(Importbestand.kolommen.joined(separator: ", ")); lijsten gescheiden door ;.")),
    ] }
}

// The import's rows are checked one by one and every refused row is reported in the answer (200),
// so their schema states the fields and leaves the rules to that report: a row that breaks one
// is not a bad request.
extension ImportMelding: APISchema {
    static let schemanaam = "ImportMelding"
    static var velden: [String: JSONSchema] { [
        "kenmerk": B.ofNull(.string(description: "Het kenmerk in het oude systeem; uniek, hoogstens \(ImportLimieten.maxKenmerk) letters, cijfers en - _ / . (verplicht).")),
        "ontvangenOp": B.ofNull(.string(description: "JJJJ-MM-DD of een tijdstip in UTC (verplicht).")),
        "toestemmingOp": B.ofNull(.string(description: "Wanneer de melder toestemming gaf (standaard: ontvangenOp).")),
        "melding": B.ofNull(.object(description: "De melding zoals MeldingVerzoek, zonder toestemming en bijlagen (verplicht); gecontroleerd als een nieuwe melding op de dag van ontvangst.")),
        "status": B.ofNull(.string(description: "ontvangen, inBehandeling, wachtOpOrganisaties of gesloten (verplicht).")),
        "uitkomst": B.ofNull(.string(description: "Bij gesloten: een uitkomst van MeldingStatuswijzigingVerzoek, niet ingetrokken of samengevoegd.")),
        "samenvatting": B.ofNull(.string(description: "Bij gesloten: wat er is gebeurd, voor de melder.")),
        "geslotenOp": B.ofNull(.string(description: "Bij gesloten.")),
        "geschiedenis": B.ofNull(.array(items: .ref("ImportStap"))),
        "partners": B.ofNull(.array(items: .ref("ImportPartner"))),
    ] }
}

extension ImportMelding.Stap: APISchema {
    static let schemanaam = "ImportStap"
    static var velden: [String: JSONSchema] { [
        "op": B.ofNull(.string(description: "JJJJ-MM-DD of een tijdstip in UTC; niet vóór ontvangenOp (verplicht).")),
        "soort": B.ofNull(.string(description: "contact, notitie, berichtAanMelder of berichtVanMelder (verplicht).")),
        "tekst": B.ofNull(.string(description: "Verplicht.")),
        "door": B.ofNull(.string(description: "Wie het deed, zoals het oude systeem het noemde.")),
    ] }
}

extension ImportMelding.Partner: APISchema {
    static let schemanaam = "ImportPartner"
    static var velden: [String: JSONSchema] { [
        "naam": B.ofNull(.string(description: "Verplicht.")),
        "oin": B.ofNull(.string(description: "20 cijfers; moet in het partnerregister staan.")),
        "contactpersoon": B.ofNull(.string()),
    ] }
}

extension ImportResultaat: APISchema {
    static let schemanaam = "ImportResultaat"
}

extension GeweigerdeRij: APISchema {
    static let schemanaam = "GeweigerdeImportregel"
    static var velden: [String: JSONSchema] { [
        "regel": .integer(description: "De regel in het CSV-bestand, of de plaats (1 = eerste) in de JSON-lijst."),
        "redenen": .array(items: .object(properties: ["name": .string(description: "Het veld, als JSON-pad binnen de melding of de CSV-kolom."), "code": .string, "reason": .string])),
    ] }
}

extension IngediendeMeldingDTO: APISchema {
    static let schemanaam = "IngediendeMelding"
    static var velden: [String: JSONSchema] { [
        "client": .string(description: "De persoon voor wie de melding is (of de melder); ontbreekt als de gegevens gewist zijn."),
        "laatsteBerichtOp": .string(format: .dateTime, description: "Het laatste bericht van het Meldpunt aan de melder."),
    ] }
}

extension Standaardtekstdoel: APIOpsomming {}

extension StandaardtekstDTO: APISchema {
    static let schemanaam = "Standaardtekst"
    static var velden: [String: JSONSchema] { [
        "tekstEn": .string(description: "Ontbreekt: de Nederlandse tekst geldt ook voor Engelstalige lezers."),
        "gewijzigdDoor": .string(description: "De medewerker van beheer en de organisatie."),
    ] }
}

extension KoppelingDTO: APISchema {
    static let schemanaam = "Koppeling"
    static var velden: [String: JSONSchema] { [
        "soort": .opsomming(["verwant", "samengevoegd", "opgenomen"], description: "verwant; samengevoegd: deze melding is in de andere opgegaan; opgenomen: de andere in deze."),
    ] }
}

extension KoppelingInvoer: APISchema {
    static let schemanaam = "KoppelingVerzoek"
    static let verplicht: Set<String> = ["zaaknummer"]
    static var velden: [String: JSONSchema] { [
        "zaaknummer": .string(description: "De andere melding, zoals MFO-2026-000123.", pattern: "^MFO-[0-9]{4}-[0-9]{6}$"),
        "samenvoegen": .boolean(description: "true: deze melding sluiten, de andere gaat verder."),
    ] }
}

extension ContactgegevensInvoer: APISchema {
    static let schemanaam = "ContactgegevensVerzoek"
    static var velden: [String: JSONSchema] { [
        "naam": B.ofNull(B.tekst(max: 200)), "email": B.ofNull(.string(maxLength: 200)), "telefoon": B.ofNull(.string(maxLength: 200)),
        "adres": B.ofNull(B.tekst(max: 200, "Straat en huisnummer.")), "postcode": B.ofNull(.string(maxLength: 200)), "woonplaats": B.ofNull(B.tekst(max: 200)),
        "voorkeurKanaal": B.ofNull(.opsomming(Contactkanaal.self)),
    ] }
}

extension MeldingInvoer.Gevolg: APISchema {
    static let schemanaam = "Gevolg"
    static let verplicht: Set<String> = ["soort"]
    static var velden: [String: JSONSchema] { [
        "soort": .opsomming(GevolgSoort.self), "organisatie": B.tekst(max: 200),
        "omschrijving": B.tekst(max: MeldingLimieten.maxTekst), "uiterlijkeDatum": .datum,
    ] }
}

extension MeldingInvoer.Toestemming: APIVorm {
    static let verplicht: Set<String> = ["gegeven", "tekstVersie"]
    static var velden: [String: JSONSchema] { [
        "gegeven": .boolean(allowedValues: [true]),
        "tekstVersie": .opsomming([Toestemmingstekst.versie], description: Toestemmingstekst.tekst),
    ] }
}

extension MeldingService.Ontvangen: APISchema {
    static let schemanaam = "MeldingOntvangen"
    static var velden: [String: JSONSchema] { [
        "zaaknummer": .string(pattern: B.zaaknummerPatroon),
        "statuspagina": .string(description: "Privélink naar de statuspagina van de melder; wordt maar één keer gegeven."),
    ] }
}

// MARK: The case as the meldpunt sees it

extension MedewerkerVerwijzing: APISchema {
    static let schemanaam = "MedewerkerVerwijzing"
    static var velden: [String: JSONSchema] { ["id": B.uuid] }
}

extension MeldingSamenvattingDTO: APISchema {
    static let schemanaam = "MeldingSamenvatting"
    static var velden: [String: JSONSchema] { [
        "naam": .string(description: "Ontbreekt als de persoonsgegevens zijn gewist."),
        "omschrijving": .string(description: "Het begin van wat volgens de melder fout is (hoogstens 120 tekens); ontbreekt als de persoonsgegevens zijn gewist."),
        ] }
}

extension AnalyseDTO: APISchema {
    static let schemanaam = "Analyse"
    static var velden: [String: JSONSchema] { ["complexiteit": .opsomming(Complexiteit.self), "bevinding": .opsomming(Probleemsoort.self)] }
}

extension RolVoorstelDTO: APIVorm {
    static var velden: [String: JSONSchema] { ["rol": .opsomming(MeldpuntRol.self)] }
}

extension VolgendeStapDTO: APIVorm {
    static var velden: [String: JSONSchema] { ["datum": .datum] }
}

extension MeldingBijlageDTO: APIVorm {
    static var velden: [String: JSONSchema] { ["id": B.uuid] }
}

extension GebeurtenisGegevens: APIVorm {
    static var velden: [String: JSONSchema] { ["datum": .datum] }
}

extension Gebeurtenissoort: APIOpsomming {}
extension Stapstatus: APIOpsomming {}
extension Stapuitkomst: APIOpsomming {}
extension GebeurtenisDTO: APIVorm {}

extension MeldingDetailDTO: APISchema {
    static let schemanaam = "MeldingDetail"
    static var velden: [String: JSONSchema] { [
        "tevredenheid": .integer(maximum: (5, exclusive: false), minimum: (1, exclusive: false)),
        "melding": .object(description: "De melding zoals verstuurd (MeldingInvoer zonder inhoud van bijlagen); ontbreekt na wissen."),
        "verzoeken": .array(description: "De coördinerende blik: alle verzoeken aan organisaties.", items: .ref("Verzoek")),
        "aantalEscalaties": .integer(minimum: (0, exclusive: false)),
    ] }
}

/// What the organisation that filed a case sees: the melder's view.
extension MeldingService.MelderWeergave: APISchema {
    static let schemanaam = "MeldingVoortgang"
}

extension MeldingService.MelderOpschorting: APIVorm {
    static var velden: [String: JSONSchema] { ["tot": .datum] }
}

// MARK: Handling steps

extension MeldingZoekInvoer: APISchema {
    static let schemanaam = "MeldingZoekVerzoek"
    static let beschrijving: String? = "Ten minste één van de drie."
    static var velden: [String: JSONSchema] { [
        // Searching forgives case and surrounding spaces, as staff type it.
        "zaaknummer": B.ofNull(.string(pattern: "^[ \\t]*[Mm][Ff][Oo]-[0-9]{4}-[0-9]{6}[ \\t]*$")),
        "naam": B.ofNull(B.tekst(max: BehandelLimieten.maxKort, min: 2)),
        "bsn": B.ofNull(.string(description: "Voldoet aan de elfproef.", pattern: "^[0-9]{9}$")),
    ] }
}

extension ContactInvoer: APISchema {
    static let schemanaam = "ContactVerzoek"
    static let verplicht: Set<String> = ["datum", "kanaal", "samenvatting"]
    static var velden: [String: JSONSchema] { [
        "datum": .string(format: .date, description: "Niet in de toekomst en niet vóór de ontvangst."),
        "kanaal": .opsomming(Contactvorm.self),
        "samenvatting": B.tekst(max: BehandelLimieten.maxTekst, min: 1),
        "bereikt": B.ofNull(.boolean(description: "false: een poging die de melder niet bereikte (telt mee voor ‘melder onbereikbaar’, is geen contact). Weggelaten: bereikt.")),
    ] }
}

extension ToewijzingInvoer: APISchema {
    static let schemanaam = "ToewijzingVerzoek"
    static let verplicht: Set<String> = ["email"]
    static var velden: [String: JSONSchema] { ["email": .string(description: "E-mailadres van een actieve medewerker van het Meldpunt.")] }
}

extension AnalyseInvoer: APISchema {
    static let schemanaam = "AnalyseVerzoek"
    static let verplicht: Set<String> = ["oorsprongOrganisatie", "oorsprongRegistratie", "complexiteit"]
    static var velden: [String: JSONSchema] { [
        "oorsprongOrganisatie": B.tekst(max: BehandelLimieten.maxKort, min: 1),
        "oorsprongRegistratie": B.tekst(max: BehandelLimieten.maxKort, "Een van de tien codes (BRP, BRI, …) of de naam van een andere registratie.", min: 1),
        "geraakteOrganisaties": B.ofNull(B.lijst(B.tekst(max: BehandelLimieten.maxKort), max: BehandelLimieten.maxLijst)),
        "geraakteRegistraties": B.ofNull(B.lijst(B.tekst(max: BehandelLimieten.maxKort), max: BehandelLimieten.maxLijst)),
        "complexiteit": .opsomming(Complexiteit.self),
        "bevinding": B.ofNull(.opsomming(Probleemsoort.allCases.map(\.rawValue),
                                         description: "Wat de analyse vond. Weggelaten: wat de melder bij de intake koos (probleemsoort).")),
        "toelichting": B.ofNull(B.tekst(max: BehandelLimieten.maxTekst, "Interne toelichting op de analyse.")),
    ] }
}

extension GevolgherstelInvoer: APISchema {
    static let schemanaam = "GevolgherstelVerzoek"
    static let verplicht: Set<String> = ["status"]
    static var velden: [String: JSONSchema] { [
        "status": .opsomming(HerstelStatus.self),
        "door": B.ofNull(B.tekst(max: BehandelLimieten.maxKort, "De organisatie die het herstelt of herstelde.")),
        "toelichting": B.ofNull(B.tekst(max: BehandelLimieten.maxBericht, "Verplicht bij nietHerstelbaar; de melder leest het.")),
    ] }
}

extension GevolgherstelDTO: APIVorm {}
extension HerstelStatus: APIOpsomming {}

extension RolkeuzeInvoer: APISchema {
    static let schemanaam = "RolkeuzeVerzoek"
    static let verplicht: Set<String> = ["rol"]
    static var velden: [String: JSONSchema] { [
        "rol": .opsomming(MeldpuntRol.self),
        "reden": B.ofNull(B.tekst(max: BehandelLimieten.maxTekst, "Verplicht als de rol afwijkt van het voorstel.")),
    ] }
}

extension TekstInvoer: APISchema {
    static let schemanaam = "TekstVerzoek"
    static let verplicht: Set<String> = ["tekst"]
    static var velden: [String: JSONSchema] { [
        "tekst": B.tekst(max: BehandelLimieten.maxTekst, "Berichten aan de melder hoogstens \(BehandelLimieten.maxBericht) tekens.", min: 1),
    ] }
}

extension VolgendeStapInvoer: APISchema {
    static let schemanaam = "VolgendeStapVerzoek"
    static let verplicht: Set<String> = ["tekst", "datum"]
    static var velden: [String: JSONSchema] { [
        "tekst": B.tekst(max: BehandelLimieten.maxKort * 5, min: 1),
        "datum": .string(format: .date, description: "Niet in het verleden."),
    ] }
}

extension MeldingService.Sortering: APIOpsomming {}

extension WerklastOverzichtDTO: APISchema {
    static let schemanaam = "WerklastOverzicht"
}

extension WerklastDTO: APIVorm {
    static var velden: [String: JSONSchema] { [
        "behandelaar": .object(description: "Ontbreekt bij de meldingen die niemand heeft en bij het totaal van het team."),
        "oudsteWerkdagen": .integer(description: "Werkdagen sinds de oudste open melding binnenkwam (hoogstens 250)."),
        "betalenBinnenkort": .integer(description: "Meldingen waarin de melder binnen de waarschuwingstermijn (of al eerder) moet betalen of iets moet doen."),
    ] }
}

extension MeldingStatuswijzigingInvoer: APISchema {
    static let schemanaam = "MeldingStatuswijzigingVerzoek"
    static let verplicht: Set<String> = ["status"]
    static var velden: [String: JSONSchema] { [
        "status": .opsomming([MeldingStatus.wachtOpOrganisaties, .inBehandeling, .gesloten].map(\.rawValue)),
        "uitkomst": B.ofNull(.opsomming(MeldingUitkomst.allCases.map(\.rawValue), description: "Verplicht bij gesloten. interpretatieHersteld alleen als de analyse onjuisteInterpretatie vond.")),
        "samenvatting": B.ofNull(B.tekst(max: BehandelLimieten.maxTekst, "Bij gesloten verplicht: voor de melder, in gewone taal; bij buitenScope en doorverwezen waar de melder wel terecht kan.")),
        "scopeReden": B.ofNull(.opsomming(ScopeReden.allCases.map(\.rawValue), description: "Verplicht bij uitkomst buitenScope.")),
        "redenOpenCorrecties": B.ofNull(B.tekst(max: nil, "Verplicht bij sluiten als opgelost terwijl een correctieverzoek nog openstaat.")),
        "afsluitgrond": B.ofNull(.opsomming(Afsluitgrond.allCases.map(\.rawValue),
                                            description: "Verplicht bij sluiten zonder analyse of persoonlijk contact: melderOnbereikbaar (na ten minste twee vastgelegde pogingen), ingetrokken (bij uitkomst ingetrokken) of buitenScopeBijIntake (bij uitkomst buitenScope).")),
        "opschortingBesluit": B.ofNull(.opsomming(OpschortingBesluit.allCases.map(\.rawValue),
                                                  description: "Verplicht bij sluiten terwijl een opschorting loopt, niet zonder: opheffen (de organisatie mag weer handhaven) of aanhouden (tot de einddatum). De organisatie krijgt bericht.")),
    ] }
}

extension StatuspaginaLinkDTO: APISchema {
    static let schemanaam = "StatuspaginaLink"
    static var velden: [String: JSONSchema] { ["statuspagina": .string(description: "De nieuwe privélink; wordt maar één keer gegeven.")] }
}
