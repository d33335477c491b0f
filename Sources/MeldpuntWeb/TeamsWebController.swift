import Fluent
import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// `/beheer/teams`: beheer of the meldpunt makes teams, puts staff in them and routes new cases
/// to them by registration (issue 30).
struct TeamsWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let s = routes.grouped("beheer", "teams")
        s.get(use: lijst)
        s.post(use: maak)
        s.get(":team", use: toon)
        s.post(":team", use: wijzig)
    }

    private func beheerder(_ req: Request) throws -> GebruikerDTO { try req.vereisGebruiker(.beheerder, .systeembeheerder) }
    private func teams(_ req: Request) -> Teams { Teams(db: req.db, nu: req.application.klok.nu()) }

    struct Formulier: MeldpuntWeb.Formulier {
        var naam: String?
        var leden: [String]?
        var registraties: [String]?
    }

    struct Pagina: Encodable, Sendable {
        let rijen: [Rij]
        let href: String
        let naam: String
        /// The team's name as saved (the heading), whatever was typed.
        let opgeslagenNaam: String
        let leden: [Keuze]
        let registraties: [Keuze]
        let fouten: [VeldFout]
        let foutVelden: [String: String]
        let bewerken: Bool
    }

    struct Rij: Encodable, Sendable {
        let href, naam, leden, registraties: String
    }

    private func pagina(_ req: Request, _ g: GebruikerDTO, team: TeamDTO?, invoer: Formulier? = nil, fouten: Weigering? = nil,
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let t = Teksten.voor(req.taal)
        let alle = try await teams(req).lijst(door: Handelende(g))
        let veldFouten = fouten.map { Formulierfouten($0, taal: req.taal, voorvoegsel: "team") { t["teamVeld_\($0.dropFirst(4).prefix(1).lowercased() + $0.dropFirst(5))"] }.lijst } ?? []
        // Everyone who can handle cases, with the team they are in now.
        let medewerkers = try await Gebruiker.query(on: req.db).filter(\.$rol == .meldpunt).filter(\.$actief == true).sort(\.$naam).all()
        let teamnaam = Dictionary(alle.map { ($0.id, $0.naam) }, uniquingKeysWith: { a, _ in a })
        // After a refusal exactly what was ticked (also nothing), else what the team has.
        let gekozenLeden = Set(invoer.map { $0.leden ?? [] } ?? team?.leden.map(\.id) ?? [])
        let gekozenRegistraties = Set(invoer.map { $0.registraties ?? [] } ?? team?.registraties ?? [])
        let routeVan = Dictionary(alle.flatMap { tm in tm.registraties.map { ($0, tm) } }, uniquingKeysWith: { a, _ in a })
        return try await req.pagina(team == nil ? "beheer-teams" : "beheer-team", titel: team == nil ? "teams" : "teamBewerken",
            inhoud: Pagina(
                rijen: team != nil ? [] : alle.map {
                    Rij(href: "/beheer/teams/\($0.id)", naam: $0.naam, leden: $0.leden.map(\.naam).joined(separator: ", "), registraties: $0.registraties.joined(separator: ", "))
                },
                href: team.map { "/beheer/teams/\($0.id)" } ?? "/beheer/teams",
                naam: invoer?.naam ?? team?.naam ?? "",
                opgeslagenNaam: team?.naam ?? "",
                leden: medewerkers.compactMap { m in
                    m.id.map { id in
                        let nu = m.$team.id.flatMap { teamnaam[$0.tekst] }.flatMap { $0 == team?.naam ? nil : " (\(t.tekst("teamNuIn")) \($0))" } ?? ""
                        return Keuze(waarde: id.tekst, naam: m.naam + nu, gekozen: gekozenLeden.contains(id.tekst))
                    }
                },
                registraties: Registratie.alle.map { r in
                    let elders = routeVan[r.code].flatMap { $0.id == team?.id ? nil : " (\(t.tekst("teamNuIn")) \($0.naam))" } ?? ""
                    return Keuze(waarde: r.code, naam: MeldenController.registratieNaam(r, t) + elders, gekozen: gekozenRegistraties.contains(r.code))
                },
                fouten: veldFouten, foutVelden: Dictionary(veldFouten.map { ($0.veld, $0.tekst) }, uniquingKeysWith: { a, _ in a }),
                bewerken: team != nil),
            status: status)
    }

    func lijst(req: Request) async throws -> Response {
        try await pagina(req, try beheerder(req), team: nil)
    }

    func maak(req: Request) async throws -> Response {
        let g = try beheerder(req)
        let f = try req.content.decode(Formulier.self)
        do {
            let team = try await teams(req).maak(naam: f.naam, door: g)
            // Straight on to choosing its staff and registrations.
            return req.redirect(to: "/beheer/teams/\(team.id)", redirectType: .normal)
        } catch let w as Weigering where w.hoortBijFormulier {
            return try await pagina(req, g, team: nil, invoer: f, fouten: w, status: .badRequest)
        }
    }

    private func team(_ req: Request, _ g: GebruikerDTO) async throws -> TeamDTO {
        let id = req.parameters.get("team").flatMap(UUID.init(uuidString:))
        guard let team = try await teams(req).lijst(door: Handelende(g)).first(where: { $0.id == id?.tekst }) else { throw Weigering.nietGevonden(.team) }
        return team
    }

    func toon(req: Request) async throws -> Response {
        let g = try beheerder(req)
        return try await pagina(req, g, team: try await team(req, g))
    }

    func wijzig(req: Request) async throws -> Response {
        let g = try beheerder(req)
        let team = try await team(req, g)
        let f = try req.content.decode(Formulier.self)
        do {
            try await teams(req).wijzig(UUID(uuidString: team.id)!, naam: f.naam, leden: f.leden ?? [], registraties: f.registraties ?? [], door: g)
        } catch let w as Weigering where w.hoortBijFormulier {
            return try await pagina(req, g, team: team, invoer: f, fouten: w, status: .badRequest)
        }
        return req.redirect(to: "/beheer/teams", redirectType: .normal)
    }
}
