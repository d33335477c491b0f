import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// `/api/v1/cijfers/…`: the same figures as the dashboards, as JSON. The meldpunt, a bronhouder
/// and an afnemer each read their own; `openbaar` is open to all (counts 1–4 left out).
struct CijfersController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let c = routes.grouped("cijfers")
        c.get("meldpunt") { req async throws -> Cijferoverzicht in
            let door = Handelende(organisatie: try req.vereisOrganisatie(.meldpunt))
            return try await req.cijferboek.meldpunt(try periode(req), door: door)
        }
        c.get("bronhouder") { req async throws -> Cijferoverzicht in
            let org = try req.vereisOrganisatie(.bronhouder, .rni)
            return try await req.cijferboek.bronhouder(try periode(req), organisatie: org)
        }
        c.get("afnemer") { req async throws -> Cijferoverzicht in
            let org = try req.vereisOrganisatie(.afnemer)
            return try await req.cijferboek.afnemer(try periode(req), organisatie: org)
        }
    }

    /// The public figures, outside the API key group.
    static func openbaar(_ req: Request) async throws -> Cijferoverzicht {
        try await req.cijferboek.openbaar(try req.periode(leegIsAfwezig: false, vanafJaarbegin: true))
    }
}

private func periode(_ req: Request) throws -> Periode { try req.periode(leegIsAfwezig: false) }
