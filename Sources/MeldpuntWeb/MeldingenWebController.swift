import MeldpuntHTTP
import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Vapor

/// The meldpunt staff's pages: the werkvoorraad and a case with every handling step.
/// Thin: everything goes through `MeldingService`, as the API does, so rules and the
/// processing log are the same.
struct MeldingenWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let m = routes.grouped("meldingen")
        m.get(use: werkvoorraad)
        m.post("zoeken", use: zoek)
        m.get(":zaaknummer", use: detail)
        m.get(":zaaknummer", "bijlagen", ":bijlage", use: bijlage)
        for actie in Actie.allCases {
            m.post(":zaaknummer", .constant(actie.rawValue)) { req in try await voerUit(actie, req) }
        }
    }

    private func medewerker(_ req: Request) throws -> Handelende {
        Handelende(try req.vereisGebruiker(.meldpunt))
    }

    // MARK: Werkvoorraad

    enum Map: String, CaseIterable {
        case nieuw, mijn, open, teLaat, verzoekTeLaat, wacht, gesloten

        var tekstSleutel: String { "mfoMap_" + rawValue }
    }

    struct Rij: Encodable, Sendable {
        let href: String
        let zaaknummer: String
        let naam: String
        let melderType: String
        let registraties: String
        let ontvangen: String
        let contactUiterlijk: String
        let teLaat: Bool
        let verzoekTeLaat: Bool
        let status: String
        let behandelaar: String?
    }

    struct Lijst: Encodable, Sendable {
        let mappen: [TerugmeldingenWebController.MapLink]
        let rijen: [Rij]
        let bladeren: Bladeren
        let statussen: [Keuze]
        let zoekterm: String
        let isZoekresultaat: Bool
        let fouten: [VeldFout]
        let foutVelden: [String: String]
    }

    func werkvoorraad(req: Request) async throws -> Response {
        let g = try medewerker(req)
        let pagina = max(1, min(100_000, req.queryWaarde("pagina").flatMap { Int($0) } ?? 1))
        var f = MeldingService.Werkvoorraad(pagina: pagina, paginagrootte: 25)
        // One state, chosen in the filter: the folders do not apply then.
        if let status = req.queryWaarde("status").flatMap(MeldingStatus.init(rawValue:)) {
            f.statussen = [status]
            return try await toonLijst(req, g, map: nil, status: status, filter: f)
        }
        let map = req.queryWaarde("map").flatMap(Map.init(rawValue:)) ?? .nieuw
        switch map {
        case .nieuw: f.statussen = [.ontvangen]
        case .mijn: f.behandelaar = g.gebruiker?.id; f.alleenOpen = true
        case .open: f.alleenOpen = true
        case .teLaat: f.contactTermijnOverschreden = true; f.alleenOpen = true
        case .verzoekTeLaat: f.verzoekTermijnOverschreden = true; f.alleenOpen = true
        case .wacht: f.statussen = [.wachtOpOrganisaties]
        case .gesloten: f.statussen = [.gesloten]
        }
        return try await toonLijst(req, g, map: map, filter: f)
    }

    struct ZoekInvoer: Content { var zoekterm: String? }

    /// One field for a case number, a BSN or a name; a POST, so none of them lands in a URL or a log.
    func zoek(req: Request) async throws -> Response {
        let g = try medewerker(req)
        let t = Teksten.voor(req.taal)
        let term = (try req.content.decode(ZoekInvoer.self).zoekterm ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var f = MeldingService.Werkvoorraad(paginagrootte: 100)
        var fout: String?
        let cijfers = term.replacingOccurrences(of: " ", with: "")
        if let z = Zaaknummer(term) {
            f.zaaknummer = z.description
        } else if !cijfers.isEmpty, cijfers.allSatisfy({ $0.isASCII && $0.isNumber }) {
            if BSN(cijfers) != nil { f.bsn = cijfers } else { fout = t["mfoZoekBsnOngeldig"] }
        } else if term.count >= 2 && term.count <= BehandelLimieten.maxKort {
            f.naam = term
        } else {
            fout = t["mfoZoekTeKort"]
        }
        let fouten = fout.map { [VeldFout(veld: "zoekterm", label: t.tekst("mfoZoeken"), tekst: $0)] } ?? []
        return try await toonLijst(req, g, map: nil, filter: fouten.isEmpty ? f : nil, zoekterm: term, fouten: fouten)
    }

    private func toonLijst(_ req: Request, _ g: Handelende, map: Map?, status: MeldingStatus? = nil, filter: MeldingService.Werkvoorraad?,
                           zoekterm: String = "", fouten: [VeldFout] = []) async throws -> Response {
        let t = Teksten.voor(req.taal)
        var items: [MeldingSamenvattingDTO] = []
        var totaal = 0
        if let filter { (items, totaal) = try await req.meldingen.werkvoorraad(filter, door: g) }
        let inhoud = Lijst(
            mappen: Map.allCases.map { TerugmeldingenWebController.MapLink(href: "/meldingen?map=\($0.rawValue)", naam: t[$0.tekstSleutel] ?? $0.rawValue, actief: $0 == map) },
            rijen: items.map { s in
                Rij(href: "/meldingen/\(s.zaaknummer)", zaaknummer: s.zaaknummer, naam: s.naam ?? t.tekst("mfoGewist"),
                    melderType: t.naam("mfoMelderType", s.melderType), registraties: s.registraties.joined(separator: ", "),
                    ontvangen: Datumweergave.datum(s.ontvangenOp), contactUiterlijk: Datumweergave.datum(s.eersteContactUiterlijk),
                    teLaat: s.contactTermijnOverschreden, verzoekTeLaat: s.verzoekTermijnOverschreden, status: t.naam("mfoStatus", s.status), behandelaar: s.behandelaar?.naam)
            },
            bladeren: Bladeren(totaal: totaal, pagina: filter?.pagina ?? 1, grootte: filter?.paginagrootte ?? 25,
                               link: map.map { m in { "/meldingen?map=\(m.rawValue)&pagina=\($0)" } }
                                   ?? status.map { s in { "/meldingen?status=\(s.rawValue)&pagina=\($0)" } }),
            statussen: [Keuze(waarde: "", naam: t.tekst("mfoAlleStatussen"), gekozen: status == nil)]
                + MeldingStatus.allCases.map { Keuze(waarde: $0.rawValue, naam: t.naam("mfoStatus", $0), gekozen: $0 == status) },
            zoekterm: zoekterm, isZoekresultaat: map == nil && status == nil, fouten: fouten,
            foutVelden: Dictionary(fouten.map { ($0.veld, $0.tekst) }, uniquingKeysWith: { a, _ in a }))
        return try await req.pagina("meldingen", titel: "werkvoorraad", inhoud: inhoud, status: fouten.isEmpty ? .ok : .badRequest)
    }

    // MARK: A case

    struct Regel: Encodable, Sendable { let label: String; let waarde: String }
    struct BijlageRij: Encodable, Sendable { let href: String; let naam: String; let grootte: String }
    struct TijdlijnRij: Encodable, Sendable { let tijdstip: String; let wat: String; let door: String; let tekst: String?; let extra: String?; let voorMelder: Bool }

    struct Kan: Encodable, Sendable {
        let contact, analyse, rolKeuze, wacht, hervatten, sluiten, schrijven: Bool
    }

    /// One row of the coordinating view.
    struct VerzoekRij: Encodable, Sendable {
        let href: String
        let organisatie: String
        let soort: String
        let status: String
        let uiterlijk: String
        let teLaat: Bool
        let niveau: String
        let contactpersoon: String
        let opschorting: String?
        let terugmelding: String?
    }

    struct Detail: Encodable, Sendable {
        let zaaknummer: String
        let href: String
        let status: String
        let fase: String
        let gesloten: Bool
        let uitkomst: String?
        let rol: String?
        let ontvangen: String
        let contactUiterlijk: String
        let contactOp: String?
        let teLaat: Bool
        let behandelaar: String?
        let volgendeStap: String?
        let tevredenheid: Int?
        let gewist: Bool
        let gegevens: [Regel]
        let bijlagen: [BijlageRij]
        let analyse: [Regel]
        let voorstel: String?
        let voorstelRedenen: [String]
        let tijdlijn: [TijdlijnRij]
        let kan: Kan
        let kanalen: [Keuze]
        let complexiteiten: [Keuze]
        let rollen: [Keuze]
        let uitkomsten: [Keuze]
        let scopeRedenen: [Keuze]
        let medewerkers: [Keuze]
        let waarden: [String: String]
        let fouten: [VeldFout]
        let foutVelden: [String: String]
        let nieuweLink: String?
        let verzoeken: [VerzoekRij]
        let escalatieniveau: String
        let aantalEscalaties: Int
        let partners: [Keuze]
        let verzoekSoorten: [Keuze]
        let opschortingsActies: [Keuze]
        let gedeeld: [Keuze]
        let brpGegevens: [Keuze]
        let openCorrecties: Bool
    }

    func detail(req: Request) async throws -> Response {
        let melding = req.queryWaarde("gedaan").flatMap { Actie(rawValue: $0) }.map { "mfoGedaan_\($0.tekst)" }
        return try await toonDetail(req, try medewerker(req), melding: melding)
    }

    private func toonDetail(_ req: Request, _ g: Handelende, invoer: [String: String] = [:], fouten: [VeldFout] = [], melding: String? = nil,
                            nieuweLink: String? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let d = try await req.meldingen.detail(req.parameters.get("zaaknummer") ?? "", door: g)
        let t = Teksten.voor(req.taal)
        let stappen = Set(d.mogelijkeStappen)
        var waarden: [String: String] = [
            "contactDatum": Dag(req.application.klok.nu()).description,
            "toewijzenEmail": d.behandelaar?.email ?? g.gebruiker?.email ?? "",
            "keuzeRol": (d.rol ?? d.rolVoorstel?.rol)?.rawValue ?? "",
            "stapTekst": d.volgendeStap?.tekst ?? "",
            "stapDatum": d.volgendeStap?.datum.description ?? "",
        ]
        if let a = d.analyse {
            waarden["analyseOorsprongOrganisatie"] = a.oorsprongOrganisatie
            waarden["analyseOorsprongRegistratie"] = a.oorsprongRegistratie
            waarden["analyseGeraakteOrganisaties"] = a.geraakteOrganisaties.joined(separator: "\n")
            waarden["analyseGeraakteRegistraties"] = a.geraakteRegistraties.joined(separator: "\n")
            waarden["analyseComplexiteit"] = a.complexiteit.rawValue
        }
        waarden.merge(invoer) { _, nieuw in nieuw }
        func keuzes(_ waarden_: [String], sleutel: String, veld: String) -> [Keuze] {
            waarden_.map { Keuze(waarde: $0, naam: t["\(sleutel)_\($0)"] ?? $0, gekozen: waarden[veld] == $0) }
        }
        let medewerkers = try await Gebruiker.query(on: req.db).filter(\.$rol == GebruikersRol.meldpunt.rawValue).filter(\.$actief == true)
            .filter(\.$organisatie.$id == g.organisatie.id).sort(\.$naam).all()
        let inhoud = Detail(
            zaaknummer: d.zaaknummer, href: "/meldingen/\(d.zaaknummer)", status: t.naam("mfoStatus", d.status),
            fase: t.naam("fase", d.fase), gesloten: d.status == .gesloten,
            uitkomst: d.uitkomst.map { t.naam("mfoUitkomst", $0) }, rol: d.rol.map { t.naam("mfoRol", $0) },
            ontvangen: Datumweergave.tijdstip(d.ontvangenOp), contactUiterlijk: Datumweergave.datum(d.eersteContactUiterlijk),
            contactOp: d.eersteContactOp.map(Datumweergave.datum), teLaat: d.contactTermijnOverschreden,
            behandelaar: d.behandelaar?.naam, volgendeStap: d.volgendeStap.map { "\($0.tekst) (\(Datumweergave.datum($0.datum)))" },
            tevredenheid: d.tevredenheid, gewist: d.persoonsgegevensGewist,
            gegevens: d.melding.map { Self.regels($0, t) } ?? [],
            bijlagen: d.bijlagen.map { BijlageRij(href: "/meldingen/\(d.zaaknummer)/bijlagen/\($0.id)", naam: $0.bestandsnaam,
                                                  grootte: ByteCountFormatter.string(fromByteCount: Int64($0.grootte), countStyle: .file)) },
            analyse: d.analyse.map { a in [
                Regel(label: t.tekst("mfoOorsprong"), waarde: "\(a.oorsprongOrganisatie) · \(a.oorsprongRegistratie)"),
                Regel(label: t.tekst("mfoGeraakteOrganisaties"), waarde: a.geraakteOrganisaties.isEmpty ? "–" : a.geraakteOrganisaties.joined(separator: ", ")),
                Regel(label: t.tekst("mfoGeraakteRegistraties"), waarde: a.geraakteRegistraties.isEmpty ? "–" : a.geraakteRegistraties.joined(separator: ", ")),
                Regel(label: t.tekst("mfoComplexiteit"), waarde: t.naam("mfoComplexiteit", a.complexiteit)),
            ] } ?? [],
            voorstel: d.rolVoorstel.map { t.naam("mfoRol", $0.rol) }, voorstelRedenen: d.rolVoorstel?.redenen ?? [],
            tijdlijn: d.tijdlijn.reversed().map { Self.tijdlijnRij($0, t) },
            kan: Kan(contact: stappen.contains(.contact), analyse: stappen.contains(.analyse), rolKeuze: stappen.contains(.rolKeuze) && d.analyse != nil,
                     wacht: stappen.contains(.wachtOpOrganisaties), hervatten: stappen.contains(.hervatten), sluiten: stappen.contains(.sluiten),
                     schrijven: !stappen.isEmpty),
            kanalen: keuzes(Contactvorm.allCases.map(\.rawValue), sleutel: "mfoKanaal", veld: "contactKanaal"),
            complexiteiten: keuzes(Complexiteit.allCases.map(\.rawValue), sleutel: "mfoComplexiteit", veld: "analyseComplexiteit"),
            rollen: MeldpuntRol.allCases.map { r in
                Keuze(waarde: r.rawValue, naam: (t.naam("mfoRol", r)) + (r == d.rolVoorstel?.rol ? " (\(t.tekst("mfoVoorgesteld")))" : ""),
                      gekozen: waarden["keuzeRol"] == r.rawValue)
            },
            uitkomsten: [Keuze(waarde: "", naam: t.tekst("mfoKiesUitkomst"), gekozen: (waarden["sluitenUitkomst"] ?? "").isEmpty)]
                + keuzes(MeldingUitkomst.allCases.map(\.rawValue), sleutel: "mfoUitkomst", veld: "sluitenUitkomst"),
            scopeRedenen: [Keuze(waarde: "", naam: t.tekst("mfoGeenScopeReden"), gekozen: (waarden["sluitenScopeReden"] ?? "").isEmpty)]
                + keuzes(ScopeReden.allCases.map(\.rawValue), sleutel: "mfoScope", veld: "sluitenScopeReden"),
            medewerkers: medewerkers.map { Keuze(waarde: $0.email, naam: $0.naam, gekozen: waarden["toewijzenEmail"] == $0.email) },
            waarden: waarden, fouten: fouten,
            foutVelden: Dictionary(fouten.map { ($0.veld, $0.tekst) }, uniquingKeysWith: { a, _ in a }),
            nieuweLink: nieuweLink,
            verzoeken: d.verzoeken.map { v in
                VerzoekRij(href: "/meldingen/\(d.zaaknummer)/verzoeken/\(v.id)", organisatie: v.organisatie.naam, soort: t.naam("verzoekSoort", v.soort),
                           status: t.naam("verzoekStatus", v.status), uiterlijk: v.uiterlijk.map(Datumweergave.datum) ?? "–", teLaat: v.termijnOverschreden,
                           niveau: t.naam("niveau", v.niveau),
                           contactpersoon: v.contactpersoon.map { [$0.naam, $0.email, $0.telefoon].compactMap { $0 }.joined(separator: " · ") } ?? "–",
                           opschorting: v.opschorting.map { CoordinatieWebController.opschortingTekst($0, t) },
                           terugmelding: v.terugmelding.map { "\($0.status.naam(req.taal)) (\($0.bijhouder))" })
            },
            escalatieniveau: t.naam("niveau", d.escalatieniveau), aantalEscalaties: d.aantalEscalaties,
            partners: [Keuze(waarde: "", naam: t.tekst("partnerKies"), gekozen: (waarden["verzoekOrganisatie"] ?? "").isEmpty)]
                + (try await req.partnerregister.partners()).map { Keuze(waarde: $0.id!.tekst, naam: $0.naam, gekozen: waarden["verzoekOrganisatie"] == $0.id!.tekst) },
            verzoekSoorten: keuzes(VerzoekSoort.allCases.map(\.rawValue), sleutel: "verzoekSoort", veld: "verzoekSoort"),
            opschortingsActies: [Keuze(waarde: "", naam: t.tekst("verzoekKiesActie"), gekozen: (waarden["verzoekActie"] ?? "").isEmpty)]
                + keuzes(OpschortingsActie.allCases.map(\.rawValue), sleutel: "opschortingsActie", veld: "verzoekActie"),
            gedeeld: GedeeldGegeven.allCases.map { g in
                Keuze(waarde: g.rawValue, naam: t.naam("gedeeld", g), gekozen: (waarden["verzoekGedeeld"] ?? "omschrijving").split(separator: ",").contains { $0 == g.rawValue })
            },
            brpGegevens: BRPAttribuut.alle.map { Keuze(waarde: $0.urn, naam: $0.naam, gekozen: waarden["tmGegeven"] == $0.urn) },
            openCorrecties: d.verzoeken.contains { $0.soort == .correctie && $0.status.isOpen })
        return try await req.pagina("melding", titel: "mfoMelding", inhoud: inhoud, melding: melding, status: status)
    }

    /// What the melder sent, as label–value lines; empty parts are left out.
    static func regels(_ v: MeldingInvoer, _ t: [String: String]) -> [Regel] {
        var r: [Regel] = []
        func voeg(_ sleutel: String, _ waarde: String?) {
            if let w = waarde?.trimmingCharacters(in: .whitespacesAndNewlines), !w.isEmpty { r.append(Regel(label: t[sleutel] ?? sleutel, waarde: w)) }
        }
        voeg("mfoWieMeldt", v.melderType.map { t.naam("mfoMelderType", $0) })
        voeg("mfoLabel_organisatieNaam", v.organisatieNaam)
        voeg("mfoLabel_kvkNummer", v.kvkNummer)
        for (rol, p) in [("mfoMelder", v.melder), ("mfoVertegenwoordigde", v.vertegenwoordigde)] {
            guard let p else { continue }
            voeg(rol, [p.naam, p.email, p.telefoon, [p.adres, p.postcode, p.woonplaats].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", "),
                       p.bsn.flatMap { $0.isEmpty ? nil : "BSN \($0)" }]
                .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · "))
        }
        if v.melderType == MelderType.intermediair.rawValue {
            voeg("mfoToestemmingVertegenwoordigde", v.toestemmingVertegenwoordigde == true ? t["ja"] : t["nee"])
        }
        voeg("mfoLabel_voorkeurKanaal", v.voorkeurKanaal.map { t.naam("kanaal", $0) })
        voeg("mfoAlBenaderd", v.organisatieAlBenaderd.map { $0 ? t.tekst("ja") : t.tekst("nee") })
        voeg("mfoLabel_redenNietBenaderd", v.redenNietBenaderd)
        voeg("mfoLabel_registraties", ((v.registraties ?? []) + [v.andereRegistratie].compactMap { $0 }).joined(separator: ", "))
        voeg("mfoLabel_betrokkenOrganisaties", (v.betrokkenOrganisaties ?? []).joined(separator: ", "))
        voeg("mfoLabel_watIsFout", v.watIsFout)
        voeg("mfoLabel_watMoetHetZijn", v.watMoetHetZijn)
        voeg("mfoLabel_sinds", v.sinds.map(Datumweergave.datum))
        for g in v.gevolgen ?? [] {
            voeg("mfoGevolg", [g.soort.map { t.naam("gevolg", $0) }, g.organisatie, g.omschrijving, g.uiterlijkeDatum.map { "\(t.tekst("mfoUiterlijk")) \(Datumweergave.datum($0))" }]
                .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · "))
        }
        return r
    }

    static func tijdlijnRij(_ e: GebeurtenisDTO, _ t: [String: String]) -> TijdlijnRij {
        let g = e.gegevens
        let extra = [g?.kanaal.map { t.naam("mfoKanaal", $0) }, g?.datum.map(Datumweergave.datum), g?.status.map { t.naam("mfoStatus", $0) },
                     g?.rol.map { t.naam("mfoRol", $0) }, g?.uitkomst.map { t.naam("mfoUitkomst", $0) }, g?.scopeReden.map { t.naam("mfoScope", $0) },
                     g?.cijfer.map { "\($0)/5" }, g?.organisatie, g?.verzoekSoort.map { t.naam("verzoekSoort", $0) },
                     g?.niveau.map { t.naam("niveau", $0) }, g?.contactpersoon, g?.terugmeldingStatus].compactMap { $0 }
        return TijdlijnRij(tijdstip: Datumweergave.tijdstip(e.tijdstip), wat: t.naam("mfoSoort", e.soort), door: e.door ?? "–",
                           tekst: e.tekst, extra: extra.isEmpty ? nil : extra.joined(separator: " · "), voorMelder: e.zichtbaarVoorMelder)
    }

    // MARK: Steps

    enum Actie: String, CaseIterable {
        case contact, toewijzen, analyse, rol, notitie, bericht, volgendeStap = "volgende-stap", wacht, hervatten, sluiten, link
        case verzoek, terugmelding, escaleren

        /// Its name in the interface texts.
        var tekst: String { self == .volgendeStap ? "volgendeStap" : rawValue }

        /// The form's prefix for its fields, so every id on the page is unique.
        var voorvoegsel: String {
            switch self {
            case .rol: "keuze"
            case .volgendeStap: "stap"
            case .terugmelding: "tm"
            default: rawValue
            }
        }
    }

    struct Invoer: Content {
        var datum, kanaal, samenvatting, email, oorsprongOrganisatie, oorsprongRegistratie, geraakteOrganisaties, geraakteRegistraties: String?
        var complexiteit, toelichting, rol, reden, tekst, uitkomst, scopeReden: String?
        var redenOpenCorrecties, organisatie, soort, vraag, uiterlijk, actie, kenmerk, tot, overlegDatum, deelnemers: String?
        var gedeeld: [String]?
        var gemeentecode, bsn, gegeven, betwijfeld, voorgesteld: String?
    }

    private func voerUit(_ actie: Actie, _ req: Request) async throws -> Response {
        let g = try medewerker(req)
        let z = req.parameters.get("zaaknummer") ?? ""
        let i = try req.content.decode(Invoer.self)
        func leeg(_ s: String?) -> String? { (s ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : s }
        func regels(_ s: String?) -> [String] { (s ?? "").split(whereSeparator: \.isNewline).map(String.init) }
        let service = req.meldingen
        do {
            switch actie {
            case .contact: _ = try await service.legContactVast(z, ContactInvoer(datum: i.datum, kanaal: leeg(i.kanaal), samenvatting: i.samenvatting), door: g)
            case .toewijzen: _ = try await service.wijsToe(z, email: i.email, door: g)
            case .analyse:
                _ = try await service.legAnalyseVast(z, AnalyseInvoer(
                    oorsprongOrganisatie: i.oorsprongOrganisatie, oorsprongRegistratie: i.oorsprongRegistratie,
                    geraakteOrganisaties: regels(i.geraakteOrganisaties), geraakteRegistraties: regels(i.geraakteRegistraties),
                    complexiteit: leeg(i.complexiteit), toelichting: i.toelichting), door: g)
            case .rol: _ = try await service.kiesRol(z, RolkeuzeInvoer(rol: leeg(i.rol), reden: i.reden), door: g)
            case .notitie: _ = try await service.schrijf(z, tekst: i.tekst, aanMelder: false, door: g)
            case .bericht: _ = try await service.schrijf(z, tekst: i.tekst, aanMelder: true, door: g)
            case .volgendeStap: _ = try await service.zetVolgendeStap(z, VolgendeStapInvoer(tekst: i.tekst, datum: i.datum), door: g)
            case .wacht: _ = try await service.wijzigStatus(z, MeldingStatuswijzigingInvoer(status: MeldingStatus.wachtOpOrganisaties.rawValue), door: g)
            case .hervatten: _ = try await service.wijzigStatus(z, MeldingStatuswijzigingInvoer(status: MeldingStatus.inBehandeling.rawValue), door: g)
            case .sluiten:
                _ = try await service.wijzigStatus(z, MeldingStatuswijzigingInvoer(status: MeldingStatus.gesloten.rawValue, uitkomst: leeg(i.uitkomst),
                                                                                    samenvatting: i.samenvatting, scopeReden: leeg(i.scopeReden),
                                                                                    redenOpenCorrecties: leeg(i.redenOpenCorrecties)), door: g)
            case .verzoek:
                let orgID = i.organisatie.flatMap(UUID.init(uuidString:))
                guard let orgID, let org = try await Organisatie.find(orgID, on: req.db) else { throw Weigering.ongeldig("organisatie", "required", Tekst("Kies een organisatie uit het partnerregister.", "Choose an organisation from the partner register.")) }
                let soort = leeg(i.soort)
                _ = try await service.nieuwVerzoek(z, NieuwVerzoekInvoer(
                    soort: soort, vraag: i.vraag, uiterlijk: leeg(i.uiterlijk), gedeeldeGegevens: i.gedeeld ?? [],
                    opschorting: soort == VerzoekSoort.opschorting.rawValue ? .init(actie: leeg(i.actie), kenmerk: leeg(i.kenmerk), tot: leeg(i.tot)) : nil,
                    overleg: soort == VerzoekSoort.overleg.rawValue ? .init(datum: leeg(i.overlegDatum), deelnemers: i.deelnemers) : nil), door: g, organisatie: org)
            case .terugmelding:
                _ = try await req.coordinatie.terugmeldingVanuitMelding(z, Self.terugmelding(i, g, req), vraag: nil, gedeeld: i.gedeeld ?? [], door: g)
            case .escaleren: _ = try await service.escaleerMelding(z, reden: i.reden, door: g)
            case .link:
                let link = try await service.vernieuwLink(z, door: g)
                // Shown once, on this page; only its hash is kept.
                return try await toonDetail(req, g, melding: "mfoGedaan_link", nieuweLink: req.application.instellingen.publiekeUrl + link.statuspagina)
            }
        } catch let p as Weigering where p.hoortBijFormulier {
            // The terugmeld engine names fields by their place in the Logius message.
            let fout = actie == .terugmelding ? p.velden.map { Weigering.ongeldig($0.map(Self.terugmeldingVeld)) } ?? p : p
            return try await toonFout(req, g, actie, i, fout)
        }
        return req.redirect(to: "/meldingen/\(z)?gedaan=\(actie.rawValue)", redirectType: .normal)
    }

    /// A terugmelding about one BRP item of the person, on behalf of the meldpunt.
    static func terugmelding(_ i: Invoer, _ g: Handelende, _ req: Request) -> TerugmeldingInvoer {
        func leeg(_ s: String?) -> String? { (s ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : s!.trimmingCharacters(in: .whitespacesAndNewlines) }
        return TerugmeldingInvoer(
            terugMeldingHeader: .init(registratie: .init(naam: Registratie.brp.naam, code: "BRP", houder: nil, basisRegistratieCode: "BRP"),
                                      melder: .init(naam: g.gebruiker?.naam, telefoon: nil, email: g.gebruiker?.email, bedrijf: g.organisatie.naam, afdeling: nil),
                                      datumMelding: Dag(req.application.klok.nu()).description, referentiekenmerk: nil, peilmoment: nil,
                                      meldingBron: "Meldpunt", gemeentecode: leeg(i.gemeentecode), toelichting: leeg(i.toelichting)),
            terugMeldingBody: .init(objectIdentificatie: [.init(objectType: "persoon", attribuutUrn: PersoonUrn.bsn, idWaarde: leeg(i.bsn) ?? "")],
                                    geometry: nil,
                                    terugMeldingGegevens: [.init(objectType: "persoon", gegevensElementNaam: i.gegeven.flatMap { BRPAttribuut.met(urn: $0)?.naam },
                                                                 attribuut: nil, attribuutUrn: leeg(i.gegeven), betwijfeldeWaarde: leeg(i.betwijfeld),
                                                                 voorgesteldeWaarde: leeg(i.voorgesteld), eigenvelden: nil, bijlages: [])]))
    }

    /// The terugmeld engine names fields by their place in the Logius message; the form has simple names.
    static func terugmeldingVeld(_ f: OngeldigeParameter) -> OngeldigeParameter {
        let n = f.name
        let veld = n.hasSuffix("gemeentecode") ? "gemeentecode" : n.contains("objectIdentificatie") ? "bsn"
            : n.hasSuffix("attribuutUrn") || n.hasSuffix("terugMeldingGegevens") ? "gegeven" : n.hasSuffix("betwijfeldeWaarde") ? "betwijfeld"
            : n.hasSuffix("voorgesteldeWaarde") ? "voorgesteld" : n.hasSuffix("toelichting") ? "toelichting" : "gemeentecode"
        return f.hernoemd(veld)
    }

    /// Back to the page with every problem next to its field, and everything typed kept.
    private func toonFout(_ req: Request, _ g: Handelende, _ actie: Actie, _ i: Invoer, _ p: Weigering) async throws -> Response {
            let t = Teksten.voor(req.taal)
            // The API's nested names map onto the form's flat ones.
            let plat = ["opschorting.actie": "actie", "opschorting.kenmerk": "kenmerk", "opschorting.tot": "tot", "overleg.datum": "overlegDatum",
                        "overleg.deelnemers": "deelnemers", "organisatieOin": "organisatie", "gedeeldeGegevens": "gedeeld"]
            func sleutel(_ naam: String) -> String {
                Formulierfouten.veld(actie.voorvoegsel, plat[naam] ?? plat[String(naam.prefix { $0 != "[" })] ?? naam)
            }
            let fouten = (p.velden ?? [OngeldigeParameter(name: actie == .sluiten ? "uitkomst" : "tekst", code: "conflict", reason: p.uitleg(req.taal))]).map {
                VeldFout(veld: p.velden == nil ? "fouten-titel" : sleutel($0.name), label: t["mfoVeld_\(sleutel($0.name))"] ?? t["mfoActie_\(actie.tekst)"] ?? t.tekst("ditVeld"), tekst: $0.reason)
            }
            let velden: [(String, String?)] = [("datum", i.datum), ("kanaal", i.kanaal), ("samenvatting", i.samenvatting), ("email", i.email),
                                               ("oorsprongOrganisatie", i.oorsprongOrganisatie), ("oorsprongRegistratie", i.oorsprongRegistratie),
                                               ("geraakteOrganisaties", i.geraakteOrganisaties), ("geraakteRegistraties", i.geraakteRegistraties),
                                               ("complexiteit", i.complexiteit), ("toelichting", i.toelichting), ("rol", i.rol), ("reden", i.reden),
                                               ("tekst", i.tekst), ("uitkomst", i.uitkomst), ("scopeReden", i.scopeReden),
                                               ("redenOpenCorrecties", i.redenOpenCorrecties), ("organisatie", i.organisatie), ("soort", i.soort),
                                               ("vraag", i.vraag), ("uiterlijk", i.uiterlijk), ("actie", i.actie), ("kenmerk", i.kenmerk), ("tot", i.tot),
                                               ("overlegDatum", i.overlegDatum), ("deelnemers", i.deelnemers), ("gedeeld", i.gedeeld?.joined(separator: ",")),
                                               ("gemeentecode", i.gemeentecode), ("bsn", i.bsn), ("gegeven", i.gegeven), ("betwijfeld", i.betwijfeld),
                                               ("voorgesteld", i.voorgesteld)]
            let invoer = Dictionary(velden.compactMap { n, w in w.map { (sleutel(n), $0) } }, uniquingKeysWith: { a, _ in a })
            return try await toonDetail(req, g, invoer: invoer, fouten: fouten, status: .badRequest)
    }

    func bijlage(req: Request) async throws -> Response {
        let g = try medewerker(req)
        guard let id = req.parameters.get("bijlage").flatMap(UUID.init(uuidString:)) else { throw Weigering.nietGevonden(.bron) }
        let (b, data) = try await req.meldingen.bijlage(req.parameters.get("zaaknummer") ?? "", id, door: g)
        return Response.download(b.bestandsnaam, b.mimeType, data)
    }
}
