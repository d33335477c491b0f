import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// `/api/v1/ingediende-meldingen`: the cases the calling organisation filed (an intermediary for
/// its clients, an organisation for a citizen), newest first, each where it stands as the melder
/// sees it. One case in full: `GET /api/v1/meldingen/{zaaknummer}`.
struct IngediendeMeldingenController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("ingediende-meldingen", use: lijst)
    }

    func lijst(req: Request) async throws -> Response {
        let org = try req.vereisOrganisatie()
        var fouten: [OngeldigeParameter] = []
        let paginering = Paginering(req, fouten: &fouten)
        guard fouten.isEmpty else { throw Problem.ongeldig(fouten) }
        let (items, totaal) = try await req.meldingen.melderportaal.ingediend(door: org, pagina: paginering.pagina, grootte: paginering.grootte)
        return try await paginering.antwoord(items, totaal: totaal, req)
    }
}
