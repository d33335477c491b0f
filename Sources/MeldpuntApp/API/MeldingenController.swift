import MeldpuntDomain
import Vapor

/// `/api/v1/meldingen`: meldingen from organisations' and intermediaries' systems.
struct MeldingenController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("meldingen").on(.POST, body: .collect(maxSize: TerugmeldingenController.maxBody), use: maak)
    }

    func maak(req: Request) async throws -> Response {
        let verzoek = try req.content.decode(MeldingVerzoek.self)
        let ontvangen = try await req.meldingen.maak(verzoek, ingediendDoor: req.vereisOrganisatie())
        let response = try await ontvangen.encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/meldingen/\(ontvangen.zaaknummer)")
        return response
    }
}
