import MeldpuntDomain
import Vapor

/// The melder's private status page, reached by the link with the token.
struct StatuspaginaController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("status", ":token", use: toon)
        routes.post("status", ":token", "berichten", use: bericht)
        routes.get("status", ":token", "intrekken", use: intrekkenVraag)
        routes.post("status", ":token", "intrekken", use: intrekken)
    }

    struct BerichtInvoer: Content { var bericht: String? }

    func bericht(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        do {
            try await req.meldingen.berichtVanMelder(token: token, tekst: try req.content.decode(BerichtInvoer.self).bericht ?? "")
        } catch let p as Problem where p.status == 400 || p.status == 409 {
            return try await toon(req, fout: p.invalidParams?.first?.reason ?? p.detail)
        } catch let p as Problem where p.status == 404 {
            return try await req.pagina("status-onbekend", titel: "statusOnbekendTitel", status: .notFound)
        }
        return req.redirect(to: "/status/\(token)?verstuurd=1", redirectType: .normal)
    }

    struct Intrekken: Encodable, Sendable { let actie: String; let terug: String }

    func intrekkenVraag(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        _ = try await geldig(req, token)
        return try await req.pagina("status-intrekken", titel: "toestemmingIntrekken",
                                    inhoud: Intrekken(actie: "/status/\(token)/intrekken", terug: "/status/\(token)"))
    }

    func intrekken(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        do {
            try await req.meldingen.trekToestemmingIn(token: token)
        } catch let p as Problem where p.status == 404 {
            return try await req.pagina("status-onbekend", titel: "statusOnbekendTitel", status: .notFound)
        }
        return req.redirect(to: "/status/\(token)", redirectType: .normal)
    }

    private func geldig(_ req: Request, _ token: String) async throws -> MeldingService.MelderWeergave {
        do {
            return try await req.meldingen.voorMelder(token: token)
        } catch let p as Problem where p.status == 404 {
            throw Problem.nietGevonden()
        }
    }

    struct Stap: Encodable, Sendable { let naam: String; let huidig: Bool; let gedaan: Bool }
    struct Weergave: Encodable, Sendable {
        let zaaknummer: String
        let faseTekst: String
        let stappen: [Stap]
        let eersteContact: String
        let berichten: [Bericht]
        let gesloten: Bool
        let basis: String
        let fout: String?
    }
    struct Bericht: Encodable, Sendable { let tijdstip: String; let tekst: String }

    func toon(req: Request) async throws -> Response {
        try await toon(req, fout: nil)
    }

    private func toon(_ req: Request, fout: String?) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let m: MeldingService.MelderWeergave
        do {
            m = try await req.meldingen.voorMelder(token: token)
        } catch let p as Problem where p.status == 404 {
            // The same page for an unknown, wrong or old link: it reveals nothing.
            return try await req.pagina("status-onbekend", titel: "statusOnbekendTitel", status: .notFound)
        }
        let t = Teksten.voor(req.taal)
        let huidig = MelderFase.allCases.firstIndex { $0.rawValue == m.fase } ?? 0
        let weergave = Weergave(
            zaaknummer: m.zaaknummer, faseTekst: t["fase_\(m.fase)_uitleg"] ?? m.faseTekst,
            stappen: MelderFase.allCases.enumerated().map { i, f in Stap(naam: t["fase_\(f.rawValue)"] ?? f.rawValue, huidig: i == huidig, gedaan: i < huidig) },
            eersteContact: Datumweergave.datum(m.eersteContactUiterlijk),
            berichten: m.berichten.map { Bericht(tijdstip: Datumweergave.tijdstip($0.tijdstip), tekst: $0.tekst) },
            gesloten: m.gesloten, basis: "/status/\(token)", fout: fout)
        return try await req.pagina("status", titel: "statusTitel", inhoud: weergave,
                                    melding: req.queryWaarde("verstuurd") != nil ? "berichtVerstuurd" : nil, status: fout == nil ? .ok : .badRequest)
    }
}
