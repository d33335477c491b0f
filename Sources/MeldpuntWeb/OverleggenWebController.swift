import MeldpuntAdressen
import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// `/overleggen`: overleg with several organisations. Staff plan it, record the minutes, add
/// actions per organisation and cancel; an invited partner reads it all and reports its own
/// actions done. Each sees what the core lets it (anything else is a 404).
struct OverleggenWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let o = routes.grouped("overleggen")
        o.get(use: lijst)
        o.get("nieuw", use: nieuwFormulier)
        o.post("nieuw", use: plan)
        o.get(":overlegNummer", use: detail)
        o.post(":overlegNummer", "verslag", use: verslag)
        o.post(":overlegNummer", "acties", use: actie)
        o.post(":overlegNummer", "annulering", use: annuleer)
        o.post(":overlegNummer", "acties", ":actieNummer", "afronding", use: rondAf)
    }

    private func door(_ req: Request) throws -> Handelende { Handelende(try req.vereisGebruiker(.meldpunt, .partner)) }
    private func meldpunt(_ req: Request) throws -> Handelende { Handelende(try req.vereisGebruiker(.meldpunt)) }

    private func nummer(_ req: Request, _ naam: String = "overlegNummer", _ onvindbaar: Onvindbaar = .overleg) throws -> Int {
        guard let n = req.parameters.get(naam).flatMap(Int.init), n > 0 else { throw Weigering.nietGevonden(onvindbaar) }
        return n
    }

    private func fouten(_ req: Request, _ w: Weigering, voorvoegsel: String = "") -> Formulierfouten {
        let t = Teksten.voor(req.taal)
        return Formulierfouten(w, taal: req.taal, voorvoegsel: voorvoegsel) { veld in
            t["overlegVeld_\(veld.hasPrefix("afronding") ? "toelichting" : veld)"]
        }
    }

    /// A confirmation after a step, only for the steps that exist (never text from the address).
    private func gedaan(_ req: Request) -> String? {
        req.queryWaarde("gedaan").flatMap { ["gepland", "verslag", "actie", "annulering", "afronding"].contains($0) ? "overlegGedaan_\($0)" : nil }
    }

    private func leeg(_ s: String?) -> String? {
        let w = (s ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return w.isEmpty ? nil : w
    }

    // MARK: The list

    struct Lijst: Encodable, Sendable {
        let meldpunt: Bool
        let mappen: [AdviezenWebController.Map]
        let rijen: [Rij]
        let bladeren: Bladeren
    }

    struct Rij: Encodable, Sendable {
        let href, nummer, onderwerp, wanneer, status, deelnemers: String
        let zaaknummer: String?
        let openActies: Int
        let teLaat: Bool
    }

    func lijst(req: Request) async throws -> Response {
        let door = try door(req)
        let t = Teksten.voor(req.taal)
        let meldpunt = door.organisatie.heeft(.meldpunt)
        let map = req.queryWaarde("map").flatMap(Overlegregister.Map.init(rawValue:)) ?? .komend
        let pagina = max(1, min(100_000, req.queryWaarde("pagina").flatMap(Int.init) ?? 1))
        let grootte = 50
        let (items, totaal) = try await req.overleggen.lijst(map, pagina: pagina, grootte: grootte, door: door)
        let teDoen = try await req.overleggen.teDoen(door: door)
        let inhoud = Lijst(
            meldpunt: meldpunt,
            mappen: Overlegregister.Map.allCases.map { m in
                AdviezenWebController.Map(href: "/overleggen?map=\(m.rawValue)", naam: t.naam("overlegMap", m.rawValue), huidig: m == map,
                                          aantal: m == .komend ? teDoen.komend : m == .openActies ? teDoen.openActies : nil)
            },
            rijen: items.map { o in
                let eigen = o.acties.filter { $0.status == .open && (meldpunt || $0.organisatie.oin == door.organisatie.oin) }
                return Rij(href: Webadres.overleg(nummer: o.nummer).pad, nummer: "OVL-\(o.nummer)", onderwerp: o.onderwerp, wanneer: Self.wanneer(o),
                           status: o.status.naam(req.taal), deelnemers: o.deelnemers.map(\.naam).joined(separator: ", "), zaaknummer: o.zaaknummer,
                           openActies: o.status == .geannuleerd ? 0 : eigen.count, teLaat: eigen.contains(where: \.teLaat))
            },
            bladeren: Bladeren(totaal: totaal, pagina: pagina, grootte: grootte) { "/overleggen?map=\(map.rawValue)&pagina=\($0)" })
        return try await req.pagina("overleggen", titel: "overleggenTitel", inhoud: inhoud)
    }

    static func wanneer(_ o: OverlegDTO) -> String {
        Datumweergave.datum(o.datum) + (o.tijd.map { " \($0)" } ?? "")
    }

    // MARK: Planning

    struct Formulier: Encodable, Sendable {
        let organisaties: [Keuze]
        let waarden: [String: String]
        let fouten: [VeldFout]
        let foutVelden: [String: String]
    }

    struct PlanFormulier: Content {
        var onderwerp, datum, tijd, plaats, agenda, zaaknummer: String?
        var deelnemers: [String]?
    }

    private func toonFormulier(_ req: Request, waarden: [String: String], gekozen: [String], fouten: Formulierfouten = .init()) async throws -> Response {
        let organisaties = try await req.partnerregister.partners().compactMap { o in
            o.oin.map { Keuze(waarde: $0, naam: o.naam, gekozen: gekozen.contains($0)) }
        }
        let inhoud = Formulier(organisaties: organisaties, waarden: waarden, fouten: fouten.lijst, foutVelden: fouten.velden)
        return try await req.pagina("overleg-nieuw", titel: "overlegPlannenTitel", inhoud: inhoud, status: fouten.lijst.isEmpty ? .ok : .badRequest)
    }

    func nieuwFormulier(req: Request) async throws -> Response {
        _ = try meldpunt(req)
        let standaard = ((try? req.application.kalender.plusWerkdagen(5, na: Dag(req.application.klok.nu()))) ?? Dag(req.application.klok.nu())).description
        return try await toonFormulier(req, waarden: ["zaaknummer": req.queryWaarde("zaak") ?? "", "datum": standaard], gekozen: [])
    }

    func plan(req: Request) async throws -> Response {
        let door = try meldpunt(req)
        let f = try req.content.decode(PlanFormulier.self)
        do {
            let o = try await req.overleggen.plan(OverlegInvoer(onderwerp: f.onderwerp, datum: leeg(f.datum), tijd: leeg(f.tijd), plaats: f.plaats, agenda: f.agenda,
                                                                deelnemers: f.deelnemers ?? [], zaaknummer: leeg(f.zaaknummer)?.uppercased()), door: door)
            return req.redirect(to: Webadres.overleg(nummer: o.nummer).pad + "?gedaan=gepland", redirectType: .normal)
        } catch let w as Weigering where w.hoortBijFormulier {
            let waarden = ["onderwerp": f.onderwerp ?? "", "datum": f.datum ?? "", "tijd": f.tijd ?? "", "plaats": f.plaats ?? "", "agenda": f.agenda ?? "",
                           "zaaknummer": f.zaaknummer ?? ""]
            return try await toonFormulier(req, waarden: waarden, gekozen: f.deelnemers ?? [], fouten: fouten(req, w))
        }
    }

    // MARK: One overleg

    struct Detail: Encodable, Sendable {
        let href: String
        let nummer: String
        let onderwerp: String
        let regels: [MeldingPagina.Regel]
        let agenda: String
        let verslag: String?
        let verslagDoor: String?
        let annuleringsreden: String?
        let acties: [Actie]
        /// Staff: minutes (from the meeting's day), actions (unless cancelled), cancelling (while planned).
        let kanVerslag: Bool
        let verslagKanVanaf: String?
        let kanActie: Bool
        let kanAnnuleren: Bool
        let actiehouders: [Keuze]
        let waarden: [String: String]
        let fouten: [VeldFout]
        let foutVelden: [String: String]
    }

    struct Actie: Encodable, Sendable {
        let nummer: Int
        let organisatie: String
        let omschrijving: String
        let uiterlijk: String
        let status: String
        let teLaat: Bool
        let toelichting: String?
        let gedaan: String?
        /// The action's organisation (or staff for it) reports it done here.
        let kanAfronden: Bool
        let formulier: String
        let veld: String
        let fout: String?
        let waarde: String
    }

    /// `fout`: the form that was sent and refused, to show its messages and keep what was typed.
    private func toon(_ req: Request, door: Handelende, waarden: [String: String] = [:], fouten: Formulierfouten = .init(), melding: String? = nil) async throws -> Response {
        let t = Teksten.voor(req.taal)
        let n = try nummer(req)
        let o = try await req.overleggen.detail(n, door: door)
        let meldpunt = door.organisatie.heeft(.meldpunt)
        let vandaag = Dag(req.application.klok.nu())
        var regels = [MeldingPagina.Regel(label: t.tekst("overlegStatus"), waarde: o.status.naam(req.taal)),
                      MeldingPagina.Regel(label: t.tekst("overlegWanneer"), waarde: Self.wanneer(o))]
        if let p = o.plaats { regels.append(MeldingPagina.Regel(label: t.tekst("overlegVeld_plaats"), waarde: p)) }
        regels.append(MeldingPagina.Regel(label: t.tekst("overlegVeld_deelnemers"), waarde: (["Meldpunt"] + o.deelnemers.map(\.naam)).joined(separator: ", ")))
        if let z = o.zaaknummer { regels.append(MeldingPagina.Regel(label: t.tekst("overlegVeld_zaaknummer"), waarde: z)) }
        regels.append(MeldingPagina.Regel(label: t.tekst("overlegGepland"), waarde: "\(Datumweergave.tijdstip(o.aangemaaktOp)) · \(o.aangemaaktDoor)"))
        let kanActie = meldpunt && o.status != .geannuleerd
        let actiehouders = kanActie ? try await req.overleggen.actiehouders(n, door: door) : []
        let inhoud = Detail(
            href: Webadres.overleg(nummer: o.nummer).pad, nummer: "OVL-\(o.nummer)", onderwerp: o.onderwerp, regels: regels, agenda: o.agenda,
            verslag: o.verslag, verslagDoor: o.verslagOp.map { "\(Datumweergave.tijdstip($0)) · \(o.verslagDoor ?? "")" },
            annuleringsreden: o.annuleringsreden,
            acties: o.acties.map { a in
                let formulier = "afronding\(a.nummer)"
                let veld = Formulierfouten.veld(formulier, "toelichting")
                return Actie(nummer: a.nummer, organisatie: a.organisatie.naam, omschrijving: a.omschrijving, uiterlijk: Datumweergave.datum(a.uiterlijk),
                             status: a.status.naam(req.taal), teLaat: a.teLaat, toelichting: a.toelichting,
                             gedaan: a.gedaanOp.map { "\(Datumweergave.tijdstip($0))" + (a.gedaanDoor.map { " · \($0)" } ?? "") },
                             kanAfronden: a.status == .open && o.status != .geannuleerd && (meldpunt || a.organisatie.oin == door.organisatie.oin),
                             formulier: formulier, veld: veld, fout: fouten.velden[veld], waarde: waarden[veld] ?? "")
            },
            kanVerslag: meldpunt && o.status != .geannuleerd && vandaag >= o.datum,
            verslagKanVanaf: meldpunt && o.status == .gepland && vandaag < o.datum ? Datumweergave.voluit(o.datum, req.taal) : nil,
            kanActie: kanActie, kanAnnuleren: meldpunt && o.status == .gepland,
            actiehouders: [Keuze(waarde: "", naam: t.tekst("overlegKiesOrganisatie"), gekozen: (waarden["organisatieOin"] ?? "").isEmpty)]
                + actiehouders.compactMap { h in h.oin.map { Keuze(waarde: $0, naam: h.naam, gekozen: waarden["organisatieOin"] == $0) } },
            waarden: ["verslag": o.verslag ?? "", "uiterlijk": ((try? req.application.kalender.plusWerkdagen(10, na: vandaag)) ?? vandaag).description]
                .merging(waarden) { _, b in b },
            fouten: fouten.lijst, foutVelden: fouten.velden)
        return try await req.pagina("overleg", titel: "overleggenTitel", inhoud: inhoud, melding: melding, status: fouten.lijst.isEmpty ? .ok : .badRequest)
    }

    func detail(req: Request) async throws -> Response {
        try await toon(req, door: try door(req), melding: gedaan(req))
    }

    struct VerslagFormulier: Content { var verslag: String? }
    struct ActieFormulier: Content { var organisatieOin, omschrijving, uiterlijk: String? }
    struct AnnuleringFormulier: Content { var reden: String? }
    struct AfrondingFormulier: Content { var toelichting: String? }

    /// Runs a step; a refusal re-shows the page with the form's messages and what was typed.
    private func stap(_ req: Request, door: Handelende, gedaan: String, waarden: [String: String], voorvoegsel: String = "",
                      _ body: () async throws -> Void) async throws -> Response {
        do {
            try await body()
        } catch let w as Weigering where w.hoortBijFormulier {
            return try await toon(req, door: door, waarden: waarden, fouten: fouten(req, w, voorvoegsel: voorvoegsel))
        }
        return req.redirect(to: Webadres.overleg(nummer: try nummer(req)).pad + "?gedaan=\(gedaan)", redirectType: .normal)
    }

    func verslag(req: Request) async throws -> Response {
        let door = try meldpunt(req)
        let f = try req.content.decode(VerslagFormulier.self)
        return try await stap(req, door: door, gedaan: "verslag", waarden: ["verslag": f.verslag ?? ""]) {
            _ = try await req.overleggen.legVerslagVast(try nummer(req), OverlegVerslagInvoer(verslag: f.verslag), door: door)
        }
    }

    func actie(req: Request) async throws -> Response {
        let door = try meldpunt(req)
        let f = try req.content.decode(ActieFormulier.self)
        return try await stap(req, door: door, gedaan: "actie",
                              waarden: ["organisatieOin": f.organisatieOin ?? "", "omschrijving": f.omschrijving ?? "", "uiterlijk": f.uiterlijk ?? ""]) {
            _ = try await req.overleggen.voegActieToe(try nummer(req), OverlegActieInvoer(organisatieOin: leeg(f.organisatieOin), omschrijving: f.omschrijving,
                                                                                         uiterlijk: leeg(f.uiterlijk)), door: door)
        }
    }

    func annuleer(req: Request) async throws -> Response {
        let door = try meldpunt(req)
        let f = try req.content.decode(AnnuleringFormulier.self)
        return try await stap(req, door: door, gedaan: "annulering", waarden: ["reden": f.reden ?? ""]) {
            _ = try await req.overleggen.annuleer(try nummer(req), OverlegAnnuleringInvoer(reden: f.reden), door: door)
        }
    }

    func rondAf(req: Request) async throws -> Response {
        let door = try door(req)
        let f = try req.content.decode(AfrondingFormulier.self)
        let actie = try nummer(req, "actieNummer", .overlegActie)
        let formulier = "afronding\(actie)"
        return try await stap(req, door: door, gedaan: "afronding", waarden: [Formulierfouten.veld(formulier, "toelichting"): f.toelichting ?? ""],
                              voorvoegsel: formulier) {
            _ = try await req.overleggen.rondActieAf(try nummer(req), actie: actie, OverlegActieAfrondingInvoer(toelichting: f.toelichting), door: door)
        }
    }
}
