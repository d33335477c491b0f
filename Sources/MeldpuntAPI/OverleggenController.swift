import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// `/api/v1/overleggen`: overleg with several organisations. The meldpunt plans, records the
/// minutes, adds actions and cancels; an invited partner reads it and reports its own actions
/// done. The meldpunt sees all, an organisation those it is invited to (anything else is a 404).
struct OverleggenController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let o = routes.grouped("overleggen")
        o.get(use: lijst)
        o.post(use: plan)
        o.get(":overlegNummer", use: detail)
        o.put(":overlegNummer", "verslag", use: verslag)
        o.put(":overlegNummer", "annulering", use: annuleer)
        o.post(":overlegNummer", "acties", use: actie)
        o.put(":overlegNummer", "acties", ":actieNummer", "afronding", use: rondAf)
    }

    private func door(_ req: Request, _ rollen: Organisatierol...) throws -> Handelende {
        Handelende(organisatie: try req.vereisOrganisatie(rollen))
    }

    private func nummer(_ req: Request, _ naam: String = "overlegNummer", _ onvindbaar: Onvindbaar = .overleg) throws -> Int {
        guard let n = req.parameters.get(naam).flatMap(Int.init), n > 0 else { throw Weigering.nietGevonden(onvindbaar) }
        return n
    }

    func lijst(req: Request) async throws -> Response {
        let door = try door(req, .meldpunt, .partner)
        var fouten: [OngeldigeParameter] = []
        let paginering = Paginering(req, fouten: &fouten)
        var map = Overlegregister.Map.alle
        if let raw = req.queryWaarde("map") {
            if let m = Overlegregister.Map(rawValue: raw) { map = m } else {
                fouten.append(.init(api: "map", code: "enum", reason: "Een van: \(Overlegregister.Map.allCases.map(\.rawValue).joined(separator: ", "))."))
            }
        }
        guard fouten.isEmpty else { throw Problem.ongeldig(fouten) }
        let (items, totaal) = try await req.overleggen.lijst(map, pagina: paginering.pagina, grootte: paginering.grootte, door: door)
        return try await paginering.antwoord(items, totaal: totaal, req)
    }

    func detail(req: Request) async throws -> OverlegDTO {
        try await req.overleggen.detail(try nummer(req), door: try door(req, .meldpunt, .partner))
    }

    func plan(req: Request) async throws -> Response {
        let door = try door(req, .meldpunt)
        return try await aangemaakt(try await req.overleggen.plan(req.content.decode(OverlegInvoer.self), door: door), req)
    }

    func verslag(req: Request) async throws -> OverlegDTO {
        let door = try door(req, .meldpunt)
        return try await req.overleggen.legVerslagVast(try nummer(req), req.content.decode(OverlegVerslagInvoer.self), door: door)
    }

    func annuleer(req: Request) async throws -> OverlegDTO {
        let door = try door(req, .meldpunt)
        return try await req.overleggen.annuleer(try nummer(req), req.content.decode(OverlegAnnuleringInvoer.self), door: door)
    }

    func actie(req: Request) async throws -> Response {
        let door = try door(req, .meldpunt)
        return try await aangemaakt(try await req.overleggen.voegActieToe(try nummer(req), req.content.decode(OverlegActieInvoer.self), door: door), req)
    }

    func rondAf(req: Request) async throws -> OverlegDTO {
        let door = try door(req, .meldpunt, .partner)
        return try await req.overleggen.rondActieAf(try nummer(req), actie: try nummer(req, "actieNummer", .overlegActie),
                                                    req.content.decode(OverlegActieAfrondingInvoer.self), door: door)
    }

    private func aangemaakt(_ o: OverlegDTO, _ req: Request) async throws -> Response {
        let response = try await o.encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: o.href.pad)
        return response
    }
}
