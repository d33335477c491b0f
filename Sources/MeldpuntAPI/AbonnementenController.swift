import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// `/api/v1/abonnementen`: an organisation subscribes its systems to events (ZGW Notificaties
/// `abonnement`). It only ever gets events about objects it may read with the same key.
struct AbonnementenController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let a = routes.grouped("abonnementen")
        a.get(use: lijst)
        a.post(use: maak)
        a.get(":abonnementId", use: detail)
        a.delete(":abonnementId", use: verwijder)
    }

    private func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("abonnementId").flatMap(UUID.init(uuidString:)) else {
            throw Weigering.nietGevonden(.abonnement)
        }
        return id
    }

    func lijst(req: Request) async throws -> [AbonnementDTO] {
        try await req.abonnementen.lijst(door: req.vereisOrganisatie())
    }

    func maak(req: Request) async throws -> Response {
        let org = try req.vereisOrganisatie()
        let invoer = try req.content.decode(AbonnementInvoer.self)
        let a = try await req.abonnementen.maak(invoer, door: org)
        let response = try await a.encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/abonnementen/\(a.id)")
        return response
    }

    func detail(req: Request) async throws -> AbonnementDTO {
        try await req.abonnementen.detail(id(req), door: req.vereisOrganisatie())
    }

    func verwijder(req: Request) async throws -> HTTPStatus {
        try await req.abonnementen.verwijder(id(req), door: req.vereisOrganisatie())
        return .noContent
    }
}
