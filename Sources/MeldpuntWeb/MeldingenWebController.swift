import MeldpuntHTTP
import MeldpuntAdressen
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
        routes.upload("meldingen", ":zaaknummer", "documenten", max: BijlageRegels.maxUploadBody, rollen: [.meldpunt], use: document)
        let m = routes.grouped("meldingen")
        m.get(use: werkvoorraad)
        routes.get("werklast", use: werklast)
        m.post("zoeken", use: zoek)
        m.post("bulk", use: bulk)
        m.get("export.csv", use: export)
        m.post("filters", use: bewaarFilter)
        m.post("filters", ":filter", "verwijderen", use: verwijderFilter)
        m.get(":zaaknummer", use: detail)
        m.get(":zaaknummer", "bijlagen", ":bijlage", use: bijlage)
        let formulieren: [any MeldingFormulier.Type] = [
            ContactFormulier.self, ToewijzenFormulier.self, AnalyseFormulier.self, RolFormulier.self, NotitieFormulier.self,
            BerichtFormulier.self, VolgendeStapFormulier.self, WachtFormulier.self, HervattenFormulier.self, SluitenFormulier.self,
            VerzoekFormulier.self, TerugmeldingFormulier.self, EscalerenFormulier.self, ContactgegevensFormulier.self, HeropenenFormulier.self, KoppelenFormulier.self,
        ]
        for formulier in formulieren { registreer(formulier, op: routes) }
        routes.post(Webadres.meldingTaak(zaaknummer: "", .nieuweLink).route, use: vernieuwLink)
        // Each task on a page of its own; closing goes through a check page first.
        for actie in Meldingactie.metEigenPagina {
            routes.get(Webadres.meldingTaak(zaaknummer: "", actie).route) { req in try await toonTaak(req, actie) }
        }
    }

    private func registreer<F: MeldingFormulier>(_: F.Type, op routes: any RoutesBuilder) {
        let route = Webadres.meldingTaak(zaaknummer: "", F.actie).route
        if F.self == SluitenFormulier.self {
            routes.post(route, use: sluiten)
        } else {
            routes.post(route) { req in try await voerUit(F.self, req) }
        }
    }

    /// The organisation's active staff by name: whom a case can be assigned to.
    func medewerkers(_ req: Request, _ g: Handelende) async throws -> [Gebruiker] {
        try await Gebruiker.query(on: req.db).filter(\.$rol == .meldpunt).filter(\.$actief == true)
            .filter(\.$organisatie.$id == g.organisatie.id).sort(\.$naam).all()
    }

    func medewerker(_ req: Request) throws -> Handelende {
        Handelende(try req.vereisGebruiker(.meldpunt))
    }

    // MARK: Werkvoorraad

    enum Map: String, CaseIterable {
        case nieuw, ongelezen, contactVandaag, mijn, team, open, teLaat, stapTeLaat, verzoekTeLaat, wacht, gesloten

        var tekstSleutel: String { "mfoMap_" + rawValue }

        /// What the folder holds, for this staff member.
        func filter(_ g: Handelende, vandaag: Dag, pagina: Int = 1) -> MeldingService.Werkvoorraad {
            var f = MeldingService.Werkvoorraad(pagina: pagina, paginagrootte: 25)
            switch self {
            case .nieuw: f.statussen = [.ontvangen]
            case .ongelezen: f.ongelezen = true   // also closed cases the melder answered
            case .contactVandaag: f.contactUiterlijkTot = vandaag
            case .mijn: f.behandelaar = g.gebruiker?.id; f.alleenOpen = true
            // Someone without a team has no team folder (it is not shown); the filter finds nothing then.
            case .team: f.team = g.gebruiker?.team ?? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)); f.alleenOpen = true
            case .open: f.alleenOpen = true
            case .teLaat: f.contactTermijnOverschreden = true; f.alleenOpen = true
            case .stapTeLaat: f.volgendeStapVerlopen = true
            case .verzoekTeLaat: f.verzoekTermijnOverschreden = true; f.alleenOpen = true
            case .wacht: f.statussen = [.wachtOpOrganisaties]
            case .gesloten: f.statussen = [.gesloten]
            }
            return f
        }
    }

    struct ZoekInvoer: Content { var zoekterm: String? }

    /// One field for a (part of a) case number, a BSN, or text in a name, address, place or the description;
    /// a POST, so none of them lands in a URL or a log.
    func zoek(req: Request) async throws -> Response {
        let g = try medewerker(req)
        let t = Teksten.voor(req.taal)
        let term = (try req.content.decode(ZoekInvoer.self).zoekterm ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var f = MeldingService.Werkvoorraad(paginagrootte: 100)
        var fout: String?
        let cijfers = term.replacingOccurrences(of: " ", with: "")
        let zaakDeel = term.uppercased().replacingOccurrences(of: " ", with: "")
        if let z = Zaaknummer(term) {
            f.zaaknummer = z.description
        } else if cijfers.count == 9, cijfers.allSatisfy({ $0.isASCII && $0.isNumber }) {
            // Nine digits are a BSN meant; a mistyped one is said so, not searched as a case number.
            if BSN(cijfers) != nil { f.bsn = cijfers } else { fout = t["mfoZoekBsnOngeldig"] }
        } else if zaakDeel.count >= 3, zaakDeel.count <= 15, zaakDeel.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) || zaakDeel.hasPrefix("MFO") {
            // A part of a case number: "000123", "2026-0001", "MFO-2026".
            f.zaaknummerDeel = zaakDeel
        } else if !cijfers.isEmpty, cijfers.allSatisfy({ $0.isASCII && $0.isNumber }) {
            fout = t["mfoZoekBsnOngeldig"]
        } else if term.count >= 2 && term.count <= BehandelLimieten.maxKort {
            f.tekst = term
        } else {
            fout = t["mfoZoekTeKort"]
        }
        let fouten = fout.map { [VeldFout(veld: "zoekterm", label: t.tekst("mfoZoeken"), tekst: $0)] } ?? []
        return try await toonLijst(req, g, map: nil, lijstfilter: Lijstfilter(), filter: fouten.isEmpty ? f : nil, zoekterm: term, fouten: fouten)
    }

    /// Who holds what, how old and how late: for the coordinator.
    struct Werklast: Encodable, Sendable {
        struct Rij: Encodable, Sendable {
            let wie: String
            let cijfers: [MeldingPagina.Regel]
            let team: Bool
        }
        let rijen: [Rij]
        let koppen: [String]
    }

    func werklast(req: Request) async throws -> Response {
        let g = try medewerker(req)
        let t = Teksten.voor(req.taal)
        let w = try await req.meldingen.overzicht.werklast(door: g)
        let koppen = ["werklastOpen", "werklastOudste", "werklastContactTeLaat", "werklastStapTeLaat", "werklastRitme", "werklastDoorlooptijd", "werklastBetalen"].map { t.tekst($0) }
        func rij(_ r: WerklastDTO, wie: String, team: Bool = false) -> Werklast.Rij {
            let getallen = [r.open, r.oudsteWerkdagen, r.contactTeLaat, r.stapTeLaat, r.contactritmeVerstreken, r.doorlooptijdVerstreken, r.betalenBinnenkort]
            return Werklast.Rij(wie: wie, cijfers: zip(koppen, getallen).map { MeldingPagina.Regel(label: $0, waarde: String($1)) }, team: team)
        }
        let rijen = w.perBehandelaar.map { r in
            rij(r, wie: r.behandelaar?.naam ?? "")
        } + (w.nietToegewezen.map { [rij($0, wie: t.tekst("werklastNiemand"))] } ?? []) + [rij(w.team, wie: t.tekst("werklastTeam"), team: true)]
        return try await req.pagina("werklast", titel: "werklastTitel", inhoud: Werklast(rijen: rijen, koppen: koppen))
    }

    // MARK: A case

    struct DocumentInvoer: Content { var document: File? }

    /// A document staff add (a letter received, call notes); a refusal comes back next to the field.
    func document(req: Request) async throws -> Response {
        let g = try medewerker(req)
        do {
            let file = try req.content.decode(DocumentInvoer.self).document
            _ = try await req.meldingen.behandeling.voegDocumentToe(try req.zaaknummer(), bestandsnaam: file?.filename ?? "",
                                                                  data: Data(buffer: file?.data ?? ByteBuffer()), door: g)
        } catch let p as Weigering where p.hoortBijFormulier {
            let t = Teksten.voor(req.taal)
            return try await toonDetail(req, g, fouten: [VeldFout(veld: "document", label: t.tekst("mfoDocumentLabel"), tekst: p.velden?.first?.reden(req.taal) ?? p.uitleg(req.taal))],
                                        status: .badRequest)
        }
        return req.redirect(to: "/meldingen/\(try req.zaaknummer())?gedaan=document#bijlagen", redirectType: .normal)
    }

    func detail(req: Request) async throws -> Response {
        if let id = req.queryWaarde("standaardtekst").flatMap(UUID.init(uuidString:)) { return try await metStandaardtekst(req, id) }
        let gedaan = req.queryWaarde("gedaan")
        let melding = ["gevolg", "document"].contains(gedaan ?? "") ? gedaan.map { "mfoGedaan_\($0)" } : gedaan.flatMap { Meldingactie(segment: $0) }.map { "mfoGedaan_\($0.tekst)" }
        return try await toonDetail(req, try medewerker(req), melding: melding)
    }

    /// The case page with a standard text in the reply box, its fields filled in from the case in
    /// the melder's language; staff read it and change what is needed before sending.
    private func metStandaardtekst(_ req: Request, _ id: UUID) async throws -> Response {
        let g = try medewerker(req)
        let s = try await Standaardteksten(db: req.db, nu: req.application.klok.nu()).tekst(id, organisatie: g.organisatie)
        guard s.actief, s.doel == .melder else { throw Weigering.nietGevonden(.standaardtekst) }
        let d = try await req.meldingen.overzicht.detail(try req.zaaknummer(), door: g)
        return try await toonDetail(req, g, invoer: ["berichtTekst": s.ingevuld(voor: d, nu: req.application.klok.nu())], gelezen: d)
    }

    /// The case page, or (with `taak`) one task's page of it.
    /// `gelezen`: the case as already read for this request (one read, one processing-log entry).
    private func toonDetail(_ req: Request, _ g: Handelende, invoer: [String: String] = [:], fouten: [VeldFout] = [], melding: String? = nil,
                            nieuweLink: String? = nil, taak: String? = nil, gelezen: MeldingDetailDTO? = nil,
                            status: HTTPResponseStatus = .ok) async throws -> Response {
        let d = if let gelezen { gelezen } else { try await req.meldingen.overzicht.detail(try req.zaaknummer(), door: g) }
        let t = Teksten.voor(req.taal)
        let medewerkers = try await medewerkers(req, g)
        var omgeving = MeldingPagina.Omgeving(
            taal: req.taal, vandaag: Dag(req.application.klok.nu()), eigenEmail: g.gebruiker?.email,
            medewerkers: medewerkers.map { Keuze(waarde: $0.email, naam: $0.naam) },
            partners: try await req.partnerregister.partners().map { Keuze(waarde: (try $0.requireID()).tekst, naam: $0.naam) },
            signalen: try await req.signaalregister.signalenBijMelding(try req.zaaknummer(), door: g).map {
                Keuze(waarde: "/signalen/\($0.nummer)", naam: "SIG-\($0.nummer): \($0.titel) (\($0.status.naam(req.taal).lowercased()))")
            },
            adviezen: taak != nil ? [] : try await req.adviezen.bijMelding(try req.zaaknummer(), door: g).map {
                Keuze(waarde: Webadres.advies(nummer: $0.nummer).pad, naam: "ADV-\($0.nummer): \($0.organisatie.naam) · \($0.onderwerp.naam(req.taal).lowercased()) (\($0.status.naam(req.taal).lowercased()))")
            },
            overleggen: taak != nil ? [] : try await req.overleggen.bijMelding(try req.zaaknummer(), door: g).map {
                Keuze(waarde: Webadres.overleg(nummer: $0.nummer).pad, naam: "OVL-\($0.nummer): \($0.onderwerp) · \(OverleggenWebController.wanneer($0)) (\($0.status.naam(req.taal).lowercased()))")
            },
            brieven: taak != nil ? [] : try await req.meldingen.briefpost.vanMelding(try req.zaaknummer(), door: g).map {
                Keuze(waarde: "/brieven/\($0.id)/pdf", naam: "\(Datumweergave.tijdstip($0.aangemaaktOp)): \($0.onderwerp) (\($0.geprintOp == nil ? t.tekst("mfoBriefTePrinten") : t.tekst("briefGeprintOp") + " " + Datumweergave.tijdstip($0.geprintOp!)))")
            },
            koppelingen: taak != nil ? [] : try await req.meldingen.behandeling.koppelingen(try req.zaaknummer(), door: g).map {
                Keuze(waarde: "/meldingen/\($0.zaaknummer)", naam: "\($0.zaaknummer): \(t.tekst("mfoKoppeling_\($0.soort)")) (\(t.naam("mfoStatus", $0.status).lowercased()))")
            },
            standaardteksten: taak != nil ? [] : try await Standaardteksten(db: req.db, nu: req.application.klok.nu())
                .lijst(doel: .melder, organisatie: g.organisatie).map {
                    Keuze(waarde: "/meldingen/\(d.zaaknummer)?standaardtekst=\($0.id)#berichtTekst", naam: $0.titel)
                },
            zelfdePersoon: taak != nil ? [] : (try await req.meldingen.overzicht.zelfdePersoon([d.zaaknummer], door: g)[d.zaaknummer] ?? []).map {
                Keuze(waarde: "/meldingen/\($0.zaaknummer)", naam: "\($0.zaaknummer) (\(t.naam("mfoStatus", $0.status).lowercased()))")
            },
            gemeenten: taak == Meldingactie.terugmelding.segment
                ? req.application.referentiedata.actueleGemeenten().sorted { $0.naam < $1.naam }.map { "\($0.code) \($0.naam)" } : [],
            // The place the person lives, when it is a gemeente's name: the likely gemeente van bijhouding.
            gemeenteVoorstel: d.melding.flatMap { $0.vertegenwoordigde?.woonplaats ?? $0.melder?.woonplaats }
                .flatMap { NieuweTerugmeldingController.gemeentecode($0, req.application.referentiedata) }
                .flatMap { code in req.application.referentiedata.gemeente(code).map { "\(code) \($0.naam)" } })
        if taak == Meldingactie.verzoek.segment {
            // Organisations the case names (and registrations' holders) not in the register: add one from here.
            let genoemd = (d.melding?.betrokkenOrganisaties ?? []) + (d.melding?.gevolgen ?? []).compactMap(\.organisatie)
            let terug = "/meldingen/\(d.zaaknummer)/\(Meldingactie.verzoek.segment)" + (invoer["verzoekSoort"].flatMap { $0.isEmpty ? nil : "?soort=\($0)" } ?? "")
            omgeving.nietInRegister = try await req.partnerregister.nietInHetRegister(genoemd: genoemd).map {
                Keuze(waarde: "/partners?naam=\(Self.queryWaarde($0))&terug=\(Self.queryWaarde(terug))#toevoegen", naam: $0)
            }
        }
        if taak == Meldingactie.toewijzen.segment {
            omgeving.teams = try await Teams(db: req.db, nu: req.application.klok.nu()).lijst(door: g).map { Keuze(waarde: $0.id, naam: $0.naam) }
        }
        let inhoud = MeldingPagina.bouw(d, omgeving, invoer: invoer, fouten: fouten, nieuweLink: nieuweLink, taak: taak)
        if let titel = inhoud.taakTitel {
            return try await req.pagina("melding-taak", titel: "\(titel) – \(d.zaaknummer)", inhoud: inhoud, melding: melding, status: status)
        }
        return try await req.pagina("melding", titel: "\(t.tekst("mfoMelding")) \(d.zaaknummer)", inhoud: inhoud, melding: melding, status: status)
    }

    /// A task's page; a task the case does not allow now sends back to the case with why.
    private func toonTaak(_ req: Request, _ actie: Meldingactie) async throws -> Response {
        let g = try medewerker(req)
        let d = try await req.meldingen.overzicht.detail(try req.zaaknummer(), door: g)
        guard d.acties.contains(actie) else {
            return try await toonDetail(req, g, melding: "mfoTaakNietMogelijk", gelezen: d, status: .conflict)
        }
        // A request: its kind chosen first (`?soort=`); back from adding an organisation to the
        // register, that organisation is the one chosen.
        var invoer: [String: String] = [:]
        var melding: String?
        if actie == .verzoek {
            if let soort = req.queryWaarde("soort").flatMap(VerzoekSoort.init(rawValue:)) { invoer["verzoekSoort"] = soort.rawValue }
            if let org = req.queryWaarde("organisatie").flatMap(UUID.init(uuidString:)) {
                invoer["verzoekOrganisatie"] = org.tekst
                melding = "partnerToegevoegd"
            }
        }
        return try await toonDetail(req, g, invoer: invoer, melding: melding, taak: actie.segment, gelezen: d)
    }

    /// A value for a link's query string.
    static func queryWaarde(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
    }

    /// Closing: the form, then a check page showing what was chosen, then the closing itself.
    private func sluiten(_ req: Request) async throws -> Response {
        let g = try medewerker(req)
        let z = try req.zaaknummer()
        let f = try req.content.decode(SluitenFormulier.self)
        let invoer = Dictionary(f.ingevuld.map { (Formulierfouten.veld(Meldingactie.sluiten.voorvoegsel, $0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        switch f.stap {
        case "bevestig":
            return try await voerUit(SluitenFormulier.self, req, formulier: f)
        case "wijzig":
            return try await toonDetail(req, g, invoer: invoer, taak: Meldingactie.sluiten.segment)
        default:
            do {
                try await req.meldingen.behandeling.controleerSluiting(z, f.invoer, door: g)
            } catch let p as Weigering where p.hoortBijFormulier {
                return try await toonFout(req, g, .sluiten, f.ingevuld, p)
            }
            return try await toonDetail(req, g, invoer: invoer, taak: "sluiten-controle")
        }
    }

    // MARK: Steps

    private func voerUit<F: MeldingFormulier>(_: F.Type, _ req: Request, formulier: F? = nil) async throws -> Response {
        let g = try medewerker(req)
        let z = try req.zaaknummer()
        let formulier = try formulier ?? req.content.decode(F.self)
        do {
            try await formulier.voerUit(z, door: g, req)
        } catch let p as Weigering where p.hoortBijFormulier {
            return try await toonFout(req, g, F.actie, formulier.ingevuld, p, veld: F.veld)
        }
        return req.redirect(to: "/meldingen/\(z)?gedaan=\(F.actie.segment)", redirectType: .normal)
    }

    /// A new private link for the melder: shown once, on this page; only its hash is kept.
    private func vernieuwLink(_ req: Request) async throws -> Response {
        let g = try medewerker(req)
        let link = try await req.meldingen.behandeling.vernieuwLink(try req.zaaknummer(), door: g)
        return try await toonDetail(req, g, melding: "mfoGedaan_link", nieuweLink: req.application.instellingen.publiekeUrl + link.statuspagina)
    }

    /// Back to the page with every problem next to its field, and everything typed kept.
    private func toonFout(_ req: Request, _ g: Handelende, _ actie: Meldingactie, _ ingevuld: [String: String], _ p: Weigering,
                          veld: (Veld) -> String = \.formulierveld) async throws -> Response {
        let t = Teksten.voor(req.taal)
        func sleutel(_ naam: String) -> String { Formulierfouten.veld(actie.voorvoegsel, naam) }
        let fouten = (p.velden ?? [OngeldigeParameter(.geheel, code: "conflict", uitleg: Tekst(p.uitleg(.nl), p.uitleg(.en)))]).map {
            let id = sleutel(veld($0.veld))
            return VeldFout(veld: p.velden == nil ? "fouten-titel" : id, label: t["mfoVeld_\(id)"] ?? t["mfoActie_\(actie.tekst)"] ?? t.tekst("ditVeld"),
                            tekst: $0.reden(req.taal))
        }
        let invoer = Dictionary(ingevuld.map { (sleutel($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        // The message box is on the case page itself; every other form has its own page.
        let taak = [.bericht, .wacht, .hervatten, .nieuweLink].contains(actie) ? nil : actie.segment
        return try await toonDetail(req, g, invoer: invoer, fouten: fouten, taak: taak, status: .badRequest)
    }

    func bijlage(req: Request) async throws -> Response {
        let g = try medewerker(req)
        let id = try req.uuid("bijlage", .bron)
        let (b, data) = try await req.meldingen.overzicht.bijlage(try req.zaaknummer(), id, door: g)
        return Response.download(b.bestandsnaam, b.mimeType, data)
    }
}
