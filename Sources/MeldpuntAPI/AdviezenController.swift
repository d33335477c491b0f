import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// `/api/v1/adviezen`: the meldpunt's advice to organisations (its adviserende rol). The meldpunt
/// gives advice and answers questions; a partner organisation asks (`/api/v1/adviesvragen`) and
/// says what it does with advice given to it. Each sees what it may: the meldpunt all, an
/// organisation its own (anything else is a 404).
struct AdviezenController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let a = routes.grouped("adviezen")
        a.get(use: lijst)
        a.post(use: geef)
        a.get(":adviesNummer", use: detail)
        a.put(":adviesNummer", "advies", use: beantwoordVraag)
        a.put(":adviesNummer", "reactie", use: reageer)
        routes.post("adviesvragen", use: vraag)
    }

    private func door(_ req: Request, _ rollen: Organisatierol...) throws -> Handelende {
        Handelende(organisatie: try req.vereisOrganisatie(rollen))
    }

    private func nummer(_ req: Request) throws -> Int {
        guard let n = req.parameters.get("adviesNummer").flatMap(Int.init), n > 0 else { throw Weigering.nietGevonden(.advies) }
        return n
    }

    func lijst(req: Request) async throws -> Response {
        let door = try door(req, .meldpunt, .partner)
        var fouten: [OngeldigeParameter] = []
        let paginering = Paginering(req, fouten: &fouten)
        var map = Adviesregister.Map.alle
        if let raw = req.queryWaarde("map") {
            if let m = Adviesregister.Map(rawValue: raw) { map = m } else {
                fouten.append(.init(api: "map", code: "enum", reason: "Een van: \(Adviesregister.Map.allCases.map(\.rawValue).joined(separator: ", "))."))
            }
        }
        guard fouten.isEmpty else { throw Problem.ongeldig(fouten) }
        let (items, totaal) = try await req.adviezen.lijst(map, pagina: paginering.pagina, grootte: paginering.grootte, door: door)
        return try await paginering.antwoord(items, totaal: totaal, req)
    }

    func detail(req: Request) async throws -> AdviesDTO {
        let door = try door(req, .meldpunt, .partner)
        return try await req.adviezen.detail(try nummer(req), door: door)
    }

    func geef(req: Request) async throws -> Response {
        let door = try door(req, .meldpunt)
        return try await aangemaakt(try await req.adviezen.geef(req.content.decode(AdviesInvoer.self), door: door), req)
    }

    func vraag(req: Request) async throws -> Response {
        let door = try door(req, .partner)
        return try await aangemaakt(try await req.adviezen.vraag(req.content.decode(AdviesvraagInvoer.self), door: door), req)
    }

    func beantwoordVraag(req: Request) async throws -> AdviesDTO {
        let door = try door(req, .meldpunt)
        return try await req.adviezen.beantwoordVraag(try nummer(req), req.content.decode(AdviesInvoer.self), door: door)
    }

    func reageer(req: Request) async throws -> AdviesDTO {
        let door = try door(req, .partner)
        return try await req.adviezen.reageer(try nummer(req), req.content.decode(AdviesReactieInvoer.self), door: door)
    }

    private func aangemaakt(_ a: AdviesDTO, _ req: Request) async throws -> Response {
        let response = try await a.encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: a.href.pad)
        return response
    }
}

