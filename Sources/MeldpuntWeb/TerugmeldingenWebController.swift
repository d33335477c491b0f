import MeldpuntHTTP
import MeldpuntCore
import Foundation
import MeldpuntDomain
import Vapor

/// The terugmeld pages for afnemers (their sent ones) and bijhouders/RvIG (their inbox).
/// Thin: everything goes through `TerugmeldingService`, so access rules and the processing log
/// are the same as for the API.
struct TerugmeldingenWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let tm = routes.grouped("terugmeldingen")
        tm.get(use: lijst)
        tm.post("zoeken", use: zoek)
        tm.post("bulk", use: bulk)
        tm.get(":referentie", use: detail)
        tm.post(":referentie", "status", use: wijzigStatus)
        tm.get(":referentie", "intrekken", use: intrekkenVraag)
        tm.get(":referentie", "bijlagen", ":bijlage", use: bijlage)
    }

    static let rollen: [GebruikersRol] = [.afnemer, .bijhouder, .rni]

    private func gebruiker(_ req: Request) throws -> GebruikerDTO {
        let g = try req.vereisGebruiker()
        guard Self.rollen.contains(g.rol) else { throw WebFout.geenToegang }
        return g
    }

    // MARK: List

    enum Map: String, CaseIterable {
        case nieuw, inBehandeling, ingepland, archief, alle

        var statussen: [TerugmeldingStatus] {
            switch self {
            case .nieuw: [.gemeld]
            case .inBehandeling: [.inBehandeling]
            case .ingepland: [.ingepland]
            case .archief: [.afgehandeld, .ingetrokken, .onvoldoendeInformatie]
            case .alle: []
            }
        }

        var tekstSleutel: String { "map" + rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
    }

    /// What the filter form and the person search ask for.
    struct Zoekvraag {
        var map: Map
        var pagina = 1
        var vanaf = ""
        var tot = ""
        var teLaat = false
        var kenmerk = ""
        var persoon = ""
    }

    func lijst(req: Request) async throws -> Response {
        let g = try gebruiker(req)
        let isInbox = g.rol != .afnemer
        var vraag = Zoekvraag(map: req.queryWaarde("map").flatMap(Map.init(rawValue:)) ?? (isInbox ? .nieuw : .alle))
        vraag.pagina = max(1, min(100_000, req.queryWaarde("pagina").flatMap { Int($0) } ?? 1))
        vraag.vanaf = req.queryWaarde("vanaf") ?? ""
        vraag.tot = req.queryWaarde("tot") ?? ""
        vraag.teLaat = req.queryWaarde("teLaat") == "1"
        vraag.kenmerk = (req.queryWaarde("kenmerk") ?? "").trimmingCharacters(in: .whitespaces)
        return try await toonLijst(req, g, vraag)
    }

    struct ZoekInvoer: Content { var persoon: String? }

    /// Search by BSN or A-nummer: a POST, so the number never appears in a URL or a log.
    func zoek(req: Request) async throws -> Response {
        let g = try gebruiker(req)
        let persoon = (try req.content.decode(ZoekInvoer.self).persoon ?? "").replacingOccurrences(of: " ", with: "")
        return try await toonLijst(req, g, Zoekvraag(map: .alle, persoon: persoon))
    }

    private func toonLijst(_ req: Request, _ g: GebruikerDTO, _ vraag: Zoekvraag, bulkResultaten: [BulkResultaat] = [],
                           bulkFouten: [VeldFout] = []) async throws -> Response {
        let isInbox = g.rol != .afnemer
        let t = Teksten.voor(req.taal)
        var fouten: [VeldFout] = []
        var filter = TerugmeldingService.Filter(richting: isInbox ? .ontvangen : .verzonden, statussen: vraag.map.statussen,
                                                pagina: vraag.pagina, paginagrootte: 25)
        filter.telAltijd = true
        if !vraag.vanaf.isEmpty {
            if let d = Dag(vraag.vanaf) { filter.ontvangenVanaf = d.begin() } else { fouten.append(VeldFout(veld: "vanaf", label: t.tekst("vanaf"), tekst: t.tekst("datumOngeldig"))) }
        }
        if !vraag.tot.isEmpty {
            if let d = Dag(vraag.tot) { filter.ontvangenTot = (try? d.plus(dagen: 1))?.begin() ?? .distantFuture } else { fouten.append(VeldFout(veld: "tot", label: t.tekst("tot"), tekst: t.tekst("datumOngeldig"))) }
        }
        if vraag.teLaat { filter.termijnOverschreden = true }
        // One field for both: a referentie (uuid) or the afnemer's own kenmerk.
        if let referentie = UUID(uuidString: vraag.kenmerk) { filter.referentie = referentie } else if !vraag.kenmerk.isEmpty { filter.kenmerk = vraag.kenmerk }
        if !vraag.persoon.isEmpty {
            if BSN(vraag.persoon) != nil || ANummer(vraag.persoon) != nil {
                filter.persoon = vraag.persoon
                filter.paginagrootte = 100
            } else {
                fouten.append(VeldFout(veld: "persoon", label: t.tekst("zoekPersoon"), tekst: t.tekst("persoonOngeldig")))
            }
        }
        var items: [TerugmeldingSamenvattingDTO] = []
        var totaal = 0
        if fouten.isEmpty {
            let pagina = try await req.terugmeldingen.lijst(filter, voor: g.organisatie)
            (items, totaal) = (pagina.items, pagina.totaal ?? 0)
        }
        fouten += bulkFouten
        func link(_ p: Int) -> String {
            var delen = ["map=\(vraag.map.rawValue)", "pagina=\(p)"]
            if !vraag.vanaf.isEmpty { delen.append("vanaf=\(vraag.vanaf)") }
            if !vraag.tot.isEmpty { delen.append("tot=\(vraag.tot)") }
            if vraag.teLaat { delen.append("teLaat=1") }
            if !vraag.kenmerk.isEmpty { delen.append("kenmerk=\(vraag.kenmerk.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")") }
            return "/terugmeldingen?" + delen.joined(separator: "&")
        }
        let zoekt = !vraag.persoon.isEmpty
        let inhoud = Lijst(
            isInbox: isInbox, map: vraag.map.rawValue,
            mappen: (isInbox ? [Map.nieuw, .inBehandeling, .ingepland, .archief, .alle] : [Map.alle, .nieuw, .inBehandeling, .ingepland, .archief]).map {
                MapLink(href: "/terugmeldingen?map=\($0.rawValue)", naam: t[$0.tekstSleutel] ?? $0.rawValue, actief: $0 == vraag.map && !zoekt)
            },
            rijen: items.map { Self.rij($0, taal: req.taal, vandaag: Dag(req.application.klok.nu()), kalender: req.application.kalender) },
            bladeren: Bladeren(totaal: totaal, pagina: vraag.pagina, grootte: filter.paginagrootte, link: zoekt ? nil : link),
            vanaf: vraag.vanaf, tot: vraag.tot, teLaat: vraag.teLaat, kenmerk: vraag.kenmerk, persoon: vraag.persoon,
            isZoekresultaat: zoekt,
            // RvIG only forwards, one by one (it chooses where to): no bulk take-up or completion.
            kanBulk: isInbox && g.rol != .rni && [.nieuw, .inBehandeling, .ingepland].contains(vraag.map) && !items.isEmpty,
            uitkomsten: Afhandeluitkomst.allCases.map { Keuze(waarde: $0.rawValue, naam: t.naam("uitkomst", $0)) },
            fouten: fouten, foutVelden: Dictionary(fouten.map { ($0.veld, $0.tekst) }, uniquingKeysWith: { a, _ in a }),
            bulkResultaten: bulkResultaten)
        return try await req.pagina("terugmeldingen", titel: isInbox ? "inbox" : "mijnTerugmeldingen", inhoud: inhoud,
                                    status: fouten.isEmpty ? .ok : .badRequest)
    }

    struct BulkInvoer: Content {
        var referenties: [String]?
        var actie: String?
        var uitkomst: String?
        var toelichting: String?
        var map: String?
    }

    /// Several at once, with one toelichting: each goes through the engine on its own, so each
    /// is checked, logged and can fail without stopping the others.
    func bulk(req: Request) async throws -> Response {
        let g = try gebruiker(req)
        guard g.rol != .afnemer else { throw WebFout.geenToegang }
        let invoer = try req.content.decode(BulkInvoer.self)
        let t = Teksten.voor(req.taal)
        let map = invoer.map.flatMap(Map.init(rawValue:)) ?? .nieuw
        let ids = (invoer.referenties ?? []).compactMap(UUID.init(uuidString:))
        let toelichting = (invoer.toelichting ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var fouten: [VeldFout] = []
        if ids.isEmpty { fouten.append(VeldFout(veld: "bulk-keuze", label: t.tekst("bulk"), tekst: t.tekst("bulkGeenKeuze"))) }
        let status: TerugmeldingStatus? = invoer.actie == "inBehandeling" ? .inBehandeling : invoer.actie == "afhandelen" ? .afgehandeld : nil
        if status == nil { fouten.append(VeldFout(veld: "bulk-keuze", label: t.tekst("bulk"), tekst: t.tekst("bulkGeenKeuze"))) }
        if status == .afgehandeld && toelichting.isEmpty {
            fouten.append(VeldFout(veld: "bulk-toelichting", label: t.tekst("toelichting"), tekst: t.tekst("verplichtBijAfhandelen")))
        }
        guard fouten.isEmpty, let status else {
            return try await toonLijst(req, g, Zoekvraag(map: map), bulkFouten: fouten)
        }
        var resultaten: [BulkResultaat] = []
        for id in ids.prefix(200) {
            let verzoek = StatuswijzigingInvoer(status: status.rawValue, toelichting: toelichting.isEmpty ? nil : toelichting,
                                                 uitkomst: status == .afgehandeld ? invoer.uitkomst : nil)
            do {
                let d = try await req.terugmeldingen.wijzigStatus(id, verzoek, door: g.organisatie, als: g.terugmeldPartijen)
                resultaten.append(BulkResultaat(persoon: Self.persoonTekst(d.persoon), gelukt: true, tekst: d.status.naam(req.taal)))
            } catch let p as Weigering {
                resultaten.append(BulkResultaat(persoon: String(id.tekst.prefix(8)), gelukt: false, tekst: p.velden?.first?.reden(req.taal) ?? p.uitleg(req.taal)))
            }
        }
        return try await toonLijst(req, g, Zoekvraag(map: map), bulkResultaten: resultaten)
    }

    static func rij(_ s: TerugmeldingSamenvattingDTO, taal: Taal, vandaag: Dag, kalender: Werkdagkalender) -> Rij {
        Rij(href: "/terugmeldingen/\(s.terugMeldingReferentie)", referentie: String(s.terugMeldingReferentie.prefix(8)),
            volledigeReferentie: s.terugMeldingReferentie, kenmerk: s.referentieKenmerk, persoon: persoonTekst(s.persoon), afnemer: s.afnemer.naam, bijhouder: s.bijhouder.naam,
            toelichting: s.toelichtingBegin.count > 80 ? String(s.toelichtingBegin.prefix(80)) + "…" : s.toelichtingBegin,
            ontvangen: Datumweergave.datum(s.ontvangenOp), uiterlijk: Datumweergave.datum(s.uiterlijkInBehandelingOp), teLaat: s.termijnOverschreden,
            termijn: s.status == .gemeld ? kalender.stand(uiterlijk: s.uiterlijkInBehandelingOp, vandaag: vandaag, taal) : nil,
            status: s.status.naam(taal))
    }

    static func persoonTekst(_ p: PersoonIdentificatie) -> String {
        [p.bsn.map { "BSN \($0)" }, p.anummer.map { "A-nr \($0)" }, p.adres].compactMap { $0 }.joined(separator: " · ")
    }

    // MARK: Detail

    func detail(req: Request) async throws -> Response {
        let melding = req.queryWaarde("gewijzigd") != nil ? "wijzigingOpgeslagen" : req.queryWaarde("verzonden") != nil ? "terugmeldingVerzonden" : nil
        return try await toonDetail(req, fouten: [], melding: melding)
    }

    private func toonDetail(_ req: Request, fouten: [VeldFout], melding: String? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let g = try gebruiker(req)
        let d = try await req.terugmeldingen.detail(try referentie(req), voor: g.organisatie, als: g.terugmeldPartijen)
        var inhoud = TerugmeldingPagina.bouw(d, .init(taal: req.taal, isAfnemer: g.rol == .afnemer, organisatie: g.organisatie,
                                                       vandaag: Dag(req.application.klok.nu()), kalender: req.application.kalender,
                                                       referentiedata: req.application.referentiedata), fouten: fouten)
        // The bijhouder of an open terugmelding sees where the BRP says the person is registered.
        if inhoud.kanDoorsturen || inhoud.kanOppakken, let bsn = d.persoon.bsn.flatMap(BSN.init),
           let antwoord = try await req.brp.inschrijving(bsn, doel: .bronhouderControleren, organisatie: g.organisatie.id, gebruiker: g.id,
                                                         terugmelding: UUID(uuidString: d.terugMeldingReferentie)) {
            inhoud.brp = TerugmeldingPagina.brpMelding(antwoord, eigen: g.organisatie.gemeentecode, kanDoorsturen: inhoud.kanDoorsturen, taal: req.taal)
        }
        return try await req.pagina("terugmelding", titel: "terugmeldingen", inhoud: inhoud, melding: melding, status: status)
    }

    // MARK: Actions

    func wijzigStatus(req: Request) async throws -> Response {
        let g = try gebruiker(req)
        let id = try referentie(req)
        // The same request as the API's; a form sends empty fields where the API leaves them out.
        let f = try req.content.decode(StatuswijzigingInvoer.self)
        func leeg(_ s: String?) -> String? { (s ?? "").trimmingCharacters(in: .whitespaces).isEmpty ? nil : s }
        let verzoek = StatuswijzigingInvoer(status: f.status, toelichting: leeg(f.toelichting), verwachteDatum: leeg(f.verwachteDatum),
                                             uitkomst: leeg(f.uitkomst),
                                             // The picker offers "0363 Amsterdam"; a bare code or a name works too.
                                             gemeentecode: leeg(f.gemeentecode).map { NieuweTerugmeldingController.gemeentecode($0, req.application.referentiedata) ?? $0 },
                                             rniDeelnemer: leeg(f.rniDeelnemer))
        do {
            _ = try await req.terugmeldingen.wijzigStatus(id, verzoek, door: g.organisatie, als: g.terugmeldPartijen)
        } catch let p as Weigering where p.hoortBijFormulier {
            let t = Teksten.voor(req.taal)
            let fouten = (p.velden ?? [OngeldigeParameter(.status, code: "conflict", uitleg: Tekst(p.uitleg(.nl), p.uitleg(.en)))]).map {
                VeldFout(veld: $0.veld.formulierveld, label: t[$0.veld.formulierveld] ?? t.tekst("ditVeld"), tekst: $0.reden(req.taal))
            }
            return try await toonDetail(req, fouten: fouten, status: .badRequest)
        }
        // After a forward the bijhouder no longer sees it: back to the inbox.
        if verzoek.status == TerugmeldingStatus.verkeerdeBronhouder.rawValue {
            return req.redirect(to: "/terugmeldingen", redirectType: .normal)
        }
        return req.redirect(to: "/terugmeldingen/\(id.tekst)?gewijzigd=1", redirectType: .normal)
    }

    func intrekkenVraag(req: Request) async throws -> Response {
        let g = try gebruiker(req)
        guard g.rol == .afnemer else { throw WebFout.geenToegang }
        let d = try await req.terugmeldingen.detail(try referentie(req), voor: g.organisatie, als: g.terugmeldPartijen)
        return try await req.pagina("intrekken", titel: "intrekken",
                                    inhoud: Intrekken(href: "/terugmeldingen/\(d.terugMeldingReferentie)", referentie: d.terugMeldingReferentie))
    }

    func bijlage(req: Request) async throws -> Response {
        let g = try gebruiker(req)
        let bijlageID = try req.uuid("bijlage", .bron)
        let (b, data) = try await req.terugmeldingen.bijlage(try referentie(req), bijlageID, voor: g.organisatie, als: g.terugmeldPartijen)
        return Response.download(b, data)
    }

    private func referentie(_ req: Request) throws -> UUID {
        let id = try req.uuid("referentie", .bron)
        return id
    }
}
