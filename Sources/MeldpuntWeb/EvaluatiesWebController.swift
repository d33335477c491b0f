import Foundation
import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// The yearly evaluation with each partner as a printable page: the meldpunt's staff choose a
/// partner and year; a partner's users see their own. Each side writes its conclusion there.
struct EvaluatiesWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let e = routes.grouped("evaluaties")
        e.get(use: kies)
        e.get(":org", ":jaar", use: evaluatie)
        e.get(":org", ":jaar", ":bestand", use: csv)
        e.post(":org", ":jaar", "conclusie", use: conclusie)
    }

    private func gebruiker(_ req: Request) throws -> Handelende { Handelende(try req.vereisGebruiker(.meldpunt, .partner)) }

    private func sleutel(_ req: Request) throws -> (UUID, Int) {
        guard let org = req.parameters.get("org").flatMap(UUID.init(uuidString:)), let jaar = req.parameters.get("jaar").flatMap(Int.init) else {
            throw Weigering.nietGevonden(.bron)
        }
        return (org, jaar)
    }

    /// Staff pick a partner and year; a partner goes straight to its own evaluation of last year.
    func kies(req: Request) async throws -> Response {
        let door = try gebruiker(req)
        let dit = Dag(req.application.klok.nu()).jaar
        if !door.organisatie.heeft(.meldpunt) {
            return req.redirect(to: "/evaluaties/\(door.organisatie.id.tekst)/\(dit - 1)", redirectType: .normal)
        }
        if let org = req.queryWaarde("organisatie").flatMap(UUID.init(uuidString:)), let jaar = req.queryWaarde("jaar").flatMap(Int.init) {
            return req.redirect(to: "/evaluaties/\(org.tekst)/\(jaar)", redirectType: .normal)
        }
        let partners = try await req.cijferboek.evaluatiePartners(door: door)
        return try await req.pagina("evaluaties", titel: "evaluatiesTitel", inhoud: Keuzepagina(
            partners: partners.map { Keuze(waarde: (try $0.requireID()).tekst, naam: $0.naam) },
            jaren: (0..<5).map { Keuze(waarde: "\(dit - $0)", naam: "\(dit - $0)", gekozen: $0 == 1) }))
    }

    func evaluatie(req: Request) async throws -> Response {
        try await toon(req, door: gebruiker(req), melding: req.queryWaarde("gedaan") == "conclusie" ? "evaluatieOpgeslagen" : nil)
    }

    private func toon(_ req: Request, door: Handelende, waarden: [String: String]? = nil, fouten: Formulierfouten = .init(), melding: String? = nil) async throws -> Response {
        let (org, jaar) = try sleutel(req)
        let t = Teksten.voor(req.taal)
        let e = try await req.cijferboek.evaluatie(org, jaar: jaar, door: door)
        let href = "/evaluaties/\(org.tekst)/\(jaar)"
        let overzicht = Cijferoverzicht(soort: "evaluatie", periode: try Cijferboek.jaar(jaar), onderdrukt: false, kerncijfers: e.kerncijfers, tabellen: e.tabellen)
        let meldpunt = door.organisatie.heeft(.meldpunt)
        let eigen = meldpunt ? e.conclusieMeldpunt : e.conclusiePartner
        let inhoud = Pagina(href: href, organisatie: e.organisatie.naam, jaar: jaar,
                            cijfers: CijferPagina.bouw(overzicht, basis: href, intro: "evaluatieIntro", waarden: [:], fouten: .init(), taal: req.taal, t: t),
                            conclusieMeldpunt: e.conclusieMeldpunt, conclusiePartner: e.conclusiePartner,
                            eigenKant: t.tekst(meldpunt ? "evaluatieConclusieMeldpunt" : "evaluatieConclusiePartner"),
                            waarden: waarden ?? ["conclusieConclusie": eigen ?? ""], fouten: fouten.lijst, foutVelden: fouten.velden)
        return try await req.pagina("evaluatie", titel: "evaluatieTitel", inhoud: inhoud, melding: melding, status: fouten.lijst.isEmpty ? .ok : .badRequest)
    }

    func csv(req: Request) async throws -> Response {
        let door = try gebruiker(req)
        let (org, jaar) = try sleutel(req)
        let e = try await req.cijferboek.evaluatie(org, jaar: jaar, door: door)
        let bestand = req.parameters.get("bestand") ?? ""
        guard bestand.hasSuffix(".csv"), let tabel = e.tabel(String(bestand.dropLast(4))) else { throw Weigering.nietGevonden(.bron) }
        let naam = e.organisatie.naam.unicodeScalars.filter { $0.isASCII && (CharacterSet.alphanumerics.contains($0)) }.map(String.init).joined()
        return Response.csv(tabel.csv(req.taal, vorm: req.csvVorm), bestandsnaam: "evaluatie-\(naam)-\(jaar)-\(tabel.id).csv")
    }

    struct ConclusieFormulier: Content { var conclusie: String? }

    func conclusie(req: Request) async throws -> Response {
        let door = try gebruiker(req)
        let (org, jaar) = try sleutel(req)
        let f = try req.content.decode(ConclusieFormulier.self)
        do {
            _ = try await req.cijferboek.legConclusieVast(org, jaar: jaar, conclusie: f.conclusie, door: door, nu: req.application.klok.nu())
        } catch let w as Weigering where w.hoortBijFormulier {
            let t = Teksten.voor(req.taal)
            return try await toon(req, door: door, waarden: ["conclusieConclusie": f.conclusie ?? ""],
                                  fouten: Formulierfouten(w, taal: req.taal, voorvoegsel: "conclusie") { t["evaluatieVeld_\($0)"] })
        }
        return req.redirect(to: "/evaluaties/\(org.tekst)/\(jaar)?gedaan=conclusie", redirectType: .normal)
    }
}
