import MeldpuntAdressen
import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// `/adviezen`: the meldpunt's advice to organisations. Staff give advice (unasked, or on a
/// question) and see what to answer and to follow up; a partner organisation asks and says what
/// it does with advice given to it. Each sees what the core lets it (anything else is a 404).
struct AdviezenWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let a = routes.grouped("adviezen")
        a.get(use: lijst)
        a.get("nieuw", use: nieuwFormulier)
        a.post("nieuw", use: geef)
        a.get("vragen", use: vraagFormulier)
        a.post("vragen", use: vraag)
        a.get(":adviesNummer", use: detail)
        a.post(":adviesNummer", "advies", use: beantwoordVraag)
        a.post(":adviesNummer", "reactie", use: reageer)
    }

    private func door(_ req: Request) throws -> Handelende { Handelende(try req.vereisGebruiker(.meldpunt, .partner)) }
    private func meldpunt(_ req: Request) throws -> Handelende { Handelende(try req.vereisGebruiker(.meldpunt)) }
    private func partner(_ req: Request) throws -> Handelende { Handelende(try req.vereisGebruiker(.partner)) }

    private func nummer(_ req: Request) throws -> Int {
        guard let n = req.parameters.get("adviesNummer").flatMap(Int.init), n > 0 else { throw Weigering.nietGevonden(.advies) }
        return n
    }

    private func fouten(_ req: Request, _ w: Weigering) -> Formulierfouten {
        let t = Teksten.voor(req.taal)
        return Formulierfouten(w, taal: req.taal, voorvoegsel: "") { t["adviesVeld_\($0)"] }
    }

    /// A confirmation after a step, only for the steps that exist (never text from the address).
    private func gedaan(_ req: Request) -> String? {
        req.queryWaarde("gedaan").flatMap { ["gegeven", "gevraagd", "reactie"].contains($0) ? "adviesGedaan_\($0)" : nil }
    }

    // MARK: The list

    struct Lijst: Encodable, Sendable {
        let meldpunt: Bool
        let mappen: [Map]
        let rijen: [Rij]
        let bladeren: Bladeren
    }

    struct Map: Encodable, Sendable { let href: String; let naam: String; let huidig: Bool; let aantal: Int? }

    struct Rij: Encodable, Sendable {
        let href, nummer, organisatie, onderwerp, status: String
        let zaaknummer: String?
        let opvolgenOp: String?
        let teLaat: Bool
    }

    func lijst(req: Request) async throws -> Response {
        let door = try door(req)
        let t = Teksten.voor(req.taal)
        let meldpunt = door.organisatie.heeft(.meldpunt)
        let map = req.queryWaarde("map").flatMap(Adviesregister.Map.init(rawValue:)) ?? (meldpunt ? .teBeantwoorden : .open)
        let pagina = max(1, min(100_000, req.queryWaarde("pagina").flatMap(Int.init) ?? 1))
        let grootte = 50
        let (items, totaal) = try await req.adviezen.lijst(map, pagina: pagina, grootte: grootte, door: door)
        let teDoen = meldpunt ? try await req.adviezen.teDoen(door: door) : nil
        let mappen: [Adviesregister.Map] = meldpunt ? Adviesregister.Map.allCases : [.open, .alle]
        let inhoud = Lijst(
            meldpunt: meldpunt,
            mappen: mappen.map { m in
                Map(href: "/adviezen?map=\(m.rawValue)", naam: t.naam("adviesMap", m.rawValue), huidig: m == map,
                    aantal: m == .teBeantwoorden ? teDoen?.teBeantwoorden : m == .opvolgen ? teDoen?.opvolgen : nil)
            },
            rijen: items.map { Self.rij($0, t, req.taal) },
            bladeren: Bladeren(totaal: totaal, pagina: pagina, grootte: grootte) { "/adviezen?map=\(map.rawValue)&pagina=\($0)" })
        return try await req.pagina("adviezen", titel: "adviezenTitel", inhoud: inhoud)
    }

    static func rij(_ a: AdviesDTO, _ t: [String: String], _ taal: Taal) -> Rij {
        Rij(href: Webadres.advies(nummer: a.nummer).pad, nummer: "ADV-\(a.nummer)", organisatie: a.organisatie.naam, onderwerp: a.onderwerp.naam(taal),
            status: a.status.naam(taal), zaaknummer: a.zaaknummer, opvolgenOp: a.status == .gegeven ? a.opvolgenOp.map { Datumweergave.datum($0) } : nil,
            teLaat: a.opvolgenVerstreken)
    }

    // MARK: Giving and asking

    struct Formulier: Encodable, Sendable {
        /// "nieuw" (the meldpunt advises) or "vragen" (an organisation asks).
        let soort: String
        let organisaties: [Keuze]
        let onderwerpen: [Keuze]
        let waarden: [String: String]
        let fouten: [VeldFout]
        let foutVelden: [String: String]
    }

    struct AdviesFormulier: Content {
        var organisatieOin, onderwerp, advies, opvolgenOp, zaaknummer, vraag: String?
    }

    private func toonFormulier(_ req: Request, soort: String, waarden: [String: String], fouten: Formulierfouten = .init()) async throws -> Response {
        let t = Teksten.voor(req.taal)
        let organisaties = soort == "nieuw" ? try await req.partnerregister.partners().map { o in
            Keuze(waarde: o.oin ?? "", naam: o.naam, gekozen: waarden["organisatieOin"] == o.oin)
        }.filter { !$0.waarde.isEmpty } : []
        let inhoud = Formulier(
            soort: soort,
            organisaties: [Keuze(waarde: "", naam: t.tekst("adviesKiesOrganisatie"), gekozen: (waarden["organisatieOin"] ?? "").isEmpty)] + organisaties,
            onderwerpen: AdviesOnderwerp.allCases.map { Keuze(waarde: $0.rawValue, naam: $0.naam(req.taal), gekozen: waarden["onderwerp"] == $0.rawValue) },
            waarden: waarden, fouten: fouten.lijst, foutVelden: fouten.velden)
        return try await req.pagina("advies-nieuw", titel: soort == "nieuw" ? "adviesGevenTitel" : "adviesVragenTitel", inhoud: inhoud,
                                    status: fouten.lijst.isEmpty ? .ok : .badRequest)
    }

    /// The day staff ask what became of advice, unless they choose another: ten working days on.
    private func standaardOpvolgdag(_ req: Request) -> String {
        ((try? req.application.kalender.plusWerkdagen(10, na: Dag(req.application.klok.nu()))) ?? Dag(req.application.klok.nu())).description
    }

    func nieuwFormulier(req: Request) async throws -> Response {
        _ = try meldpunt(req)
        return try await toonFormulier(req, soort: "nieuw", waarden: ["zaaknummer": req.queryWaarde("zaak") ?? "", "opvolgenOp": standaardOpvolgdag(req)])
    }

    func geef(req: Request) async throws -> Response {
        let door = try meldpunt(req)
        let f = try req.content.decode(AdviesFormulier.self)
        do {
            let a = try await req.adviezen.geef(AdviesInvoer(organisatieOin: leeg(f.organisatieOin), onderwerp: leeg(f.onderwerp), advies: f.advies,
                                                             opvolgenOp: leeg(f.opvolgenOp), zaaknummer: leeg(f.zaaknummer)?.uppercased()), door: door)
            return req.redirect(to: Webadres.advies(nummer: a.nummer).pad + "?gedaan=gegeven", redirectType: .normal)
        } catch let w as Weigering where w.hoortBijFormulier {
            return try await toonFormulier(req, soort: "nieuw", waarden: waarden(f), fouten: fouten(req, w))
        }
    }

    func vraagFormulier(req: Request) async throws -> Response {
        _ = try partner(req)
        return try await toonFormulier(req, soort: "vragen", waarden: ["zaaknummer": req.queryWaarde("zaak") ?? ""])
    }

    func vraag(req: Request) async throws -> Response {
        let door = try partner(req)
        let f = try req.content.decode(AdviesFormulier.self)
        do {
            let a = try await req.adviezen.vraag(AdviesvraagInvoer(onderwerp: leeg(f.onderwerp), vraag: f.vraag, zaaknummer: leeg(f.zaaknummer)?.uppercased()), door: door)
            return req.redirect(to: Webadres.advies(nummer: a.nummer).pad + "?gedaan=gevraagd", redirectType: .normal)
        } catch let w as Weigering where w.hoortBijFormulier {
            return try await toonFormulier(req, soort: "vragen", waarden: waarden(f), fouten: fouten(req, w))
        }
    }

    private func waarden(_ f: AdviesFormulier) -> [String: String] {
        ["organisatieOin": f.organisatieOin ?? "", "onderwerp": f.onderwerp ?? "", "advies": f.advies ?? "", "opvolgenOp": f.opvolgenOp ?? "",
         "zaaknummer": f.zaaknummer ?? "", "vraag": f.vraag ?? ""]
    }

    private func leeg(_ s: String?) -> String? {
        let w = (s ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return w.isEmpty ? nil : w
    }

    // MARK: One advice

    struct Detail: Encodable, Sendable {
        let href: String
        let nummer: String
        let regels: [MeldingPagina.Regel]
        let vraag: String?
        let gevraagdDoor: String?
        let advies: String?
        let gegeven: String?
        let reactie: String?
        let toelichting: String?
        let beantwoord: String?
        /// The meldpunt answers a question; the organisation says what it does with advice.
        let kanAdviseren: Bool
        let kanReageren: Bool
        let reacties: [Keuze]
        let waarden: [String: String]
        let fouten: [VeldFout]
        let foutVelden: [String: String]
    }

    private func toon(_ req: Request, door: Handelende, waarden: [String: String] = [:], fouten: Formulierfouten = .init(), melding: String? = nil) async throws -> Response {
        let t = Teksten.voor(req.taal)
        let a = try await req.adviezen.detail(try nummer(req), door: door)
        let meldpunt = door.organisatie.heeft(.meldpunt)
        var regels = [MeldingPagina.Regel(label: t.tekst("adviesStatus"), waarde: a.status.naam(req.taal)),
                      MeldingPagina.Regel(label: t.tekst("adviesOrganisatie"), waarde: a.organisatie.naam),
                      MeldingPagina.Regel(label: t.tekst("adviesVeld_onderwerp"), waarde: a.onderwerp.naam(req.taal)),
                      MeldingPagina.Regel(label: t.tekst("adviesHerkomst"), waarde: t.tekst(a.gevraagd ? "adviesGevraagd" : "adviesOngevraagd"))]
        if let z = a.zaaknummer { regels.append(MeldingPagina.Regel(label: t.tekst("adviesVeld_zaaknummer"), waarde: z)) }
        if a.status == .gegeven, let d = a.opvolgenOp {
            regels.append(MeldingPagina.Regel(label: t.tekst(meldpunt ? "adviesVeld_opvolgenOp" : "adviesReactieVoor"), waarde: Datumweergave.datum(d)))
        }
        var w = ["opvolgenOp": standaardOpvolgdag(req)]
        w.merge(waarden) { _, b in b }
        let inhoud = Detail(
            href: Webadres.advies(nummer: a.nummer).pad, nummer: "ADV-\(a.nummer)", regels: regels,
            vraag: a.vraag, gevraagdDoor: a.gevraagdDoor, advies: a.advies,
            gegeven: a.gegevenOp.map { "\(Datumweergave.tijdstip($0)) · \(a.gegevenDoor ?? "")" },
            reactie: AdviesStatus.reacties.contains(a.status) ? a.status.naam(req.taal) : nil, toelichting: a.toelichting,
            beantwoord: a.beantwoordOp.map { "\(Datumweergave.tijdstip($0)) · \(a.beantwoordDoor ?? "")" },
            kanAdviseren: meldpunt && a.status == .gevraagd, kanReageren: !meldpunt && a.status == .gegeven,
            reacties: AdviesStatus.reacties.map { Keuze(waarde: $0.rawValue, naam: t.naam("adviesReactie", $0.rawValue), gekozen: w["reactie"] == $0.rawValue) },
            waarden: w, fouten: fouten.lijst, foutVelden: fouten.velden)
        return try await req.pagina("advies", titel: "adviezenTitel", inhoud: inhoud, melding: melding, status: fouten.lijst.isEmpty ? .ok : .badRequest)
    }

    func detail(req: Request) async throws -> Response {
        try await toon(req, door: try door(req), melding: gedaan(req))
    }

    struct ReactieFormulier: Content { var reactie, toelichting: String? }

    func beantwoordVraag(req: Request) async throws -> Response {
        let door = try meldpunt(req)
        let f = try req.content.decode(AdviesFormulier.self)
        let n = try nummer(req)
        do {
            _ = try await req.adviezen.beantwoordVraag(n, AdviesInvoer(advies: f.advies, opvolgenOp: leeg(f.opvolgenOp)), door: door)
        } catch let w as Weigering where w.hoortBijFormulier {
            return try await toon(req, door: door, waarden: ["advies": f.advies ?? "", "opvolgenOp": f.opvolgenOp ?? ""], fouten: fouten(req, w))
        }
        return req.redirect(to: Webadres.advies(nummer: n).pad + "?gedaan=gegeven", redirectType: .normal)
    }

    func reageer(req: Request) async throws -> Response {
        let door = try partner(req)
        let f = try req.content.decode(ReactieFormulier.self)
        let n = try nummer(req)
        do {
            _ = try await req.adviezen.reageer(n, AdviesReactieInvoer(reactie: leeg(f.reactie), toelichting: f.toelichting), door: door)
        } catch let w as Weigering where w.hoortBijFormulier {
            return try await toon(req, door: door, waarden: ["reactie": f.reactie ?? "", "toelichting": f.toelichting ?? ""], fouten: fouten(req, w))
        }
        return req.redirect(to: Webadres.advies(nummer: n).pad + "?gedaan=reactie", redirectType: .normal)
    }
}
