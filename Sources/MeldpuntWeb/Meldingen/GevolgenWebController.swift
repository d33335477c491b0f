import MeldpuntAdressen
import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// `/meldingen/:zaaknummer/gevolgen/:gevolg`: staff record how far the repair of one consequence
/// the melder named has come (asked, repaired, not repairable with why); the melder sees it.
struct GevolgenWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let route = Webadres.gevolg(zaaknummer: "", nummer: 1).route
        routes.get(route, use: toon)
        routes.post(route, use: zet)
    }

    struct Pagina: Encodable, Sendable {
        let zaaknummer: String
        let terug: String
        let href: String
        let titel: String
        let regels: [MeldingPagina.Regel]
        let statussen: [Keuze]
        let kan: Bool
        let waarden: [String: String]
        let fouten: [VeldFout]
        let foutVelden: [String: String]
    }

    struct Formulier: Content { var status, door, toelichting: String? }

    private func nummer(_ req: Request) throws -> Int {
        guard let n = req.parameters.get("gevolg").flatMap(Int.init), n > 0 else { throw Weigering.nietGevonden(.gevolg) }
        return n
    }

    private func pagina(_ req: Request, _ g: Handelende, waarden: [String: String] = [:], fouten: Formulierfouten = .init()) async throws -> Response {
        let z = try req.zaaknummer()
        let n = try nummer(req)
        let d = try await req.meldingen.overzicht.detail(z, door: g)
        guard let gevolg = d.gevolgen.first(where: { $0.nummer == n }) else { throw Weigering.nietGevonden(.gevolg) }
        let t = Teksten.voor(req.taal)
        var regels = [MeldingPagina.Regel(label: t.tekst("gevolgWat"), waarde: t.naam("gevolg", gevolg.soort)),
                      MeldingPagina.Regel(label: t.tekst("gevolgHerstel"), waarde: gevolg.status.naam(req.taal))]
        if let o = gevolg.organisatie { regels.insert(MeldingPagina.Regel(label: t.tekst("gevolgOrganisatieLabel"), waarde: o), at: 1) }
        if let door = gevolg.door { regels.append(MeldingPagina.Regel(label: t.tekst("gevolgVeld_door"), waarde: door)) }
        if let tl = gevolg.toelichting { regels.append(MeldingPagina.Regel(label: t.tekst("gevolgVeld_toelichting"), waarde: tl)) }
        let keuze = waarden["status"] ?? ""
        let inhoud = Pagina(
            zaaknummer: d.zaaknummer, terug: Webadres.melding(zaaknummer: d.zaaknummer).pad, href: Webadres.gevolg(zaaknummer: d.zaaknummer, nummer: n).pad,
            titel: "\(t.tekst("gevolg")) \(n): \(t.naam("gevolg", gevolg.soort))", regels: regels,
            statussen: HerstelStatus.allCases.filter(gevolg.status.volgende.contains).map { Keuze(waarde: $0.rawValue, naam: $0.naam(req.taal), gekozen: keuze == $0.rawValue) },
            kan: !gevolg.status.volgende.isEmpty,
            waarden: ["door": gevolg.door ?? gevolg.organisatie ?? ""].merging(waarden) { _, b in b }, fouten: fouten.lijst, foutVelden: fouten.velden)
        return try await req.pagina("melding-gevolg", titel: "gevolgTitel", inhoud: inhoud, status: fouten.lijst.isEmpty ? .ok : .badRequest)
    }

    func toon(req: Request) async throws -> Response {
        try await pagina(req, Handelende(try req.vereisGebruiker(.meldpunt)))
    }

    func zet(req: Request) async throws -> Response {
        let g = Handelende(try req.vereisGebruiker(.meldpunt))
        let f = try req.content.decode(Formulier.self)
        let z = try req.zaaknummer()
        do {
            _ = try await req.meldingen.behandeling.zetGevolgherstel(z, nummer: try nummer(req), GevolgherstelInvoer(status: f.status, door: f.door, toelichting: f.toelichting), door: g)
        } catch let w as Weigering where w.hoortBijFormulier {
            let t = Teksten.voor(req.taal)
            return try await pagina(req, g, waarden: ["status": f.status ?? "", "door": f.door ?? "", "toelichting": f.toelichting ?? ""],
                                    fouten: Formulierfouten(w, taal: req.taal, voorvoegsel: "") { t["gevolgVeld_\($0)"] })
        }
        return req.redirect(to: Webadres.melding(zaaknummer: z.description).pad + "?gedaan=gevolg", redirectType: .normal)
    }
}
