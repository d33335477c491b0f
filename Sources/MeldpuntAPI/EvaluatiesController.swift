import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// `/api/v1/partner-evaluaties/{oin}/{jaar}`: a partner's yearly evaluation, for the meldpunt
/// (every partner) and for the partner itself; each side records its own conclusion.
struct EvaluatiesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let e = routes.grouped("partner-evaluaties", ":oin", ":jaar")
        e.get(use: evaluatie)
        e.put("conclusie", use: conclusie)
    }

    private func organisatie(_ req: Request, _ door: Handelende) async throws -> (UUID, Int) {
        let o = try await req.cijferboek.evaluatieOrganisatie(oin: req.parameters.get("oin") ?? "", door: door)
        guard let jaar = req.parameters.get("jaar").flatMap(Int.init) else { throw Weigering.nietGevonden(.bron) }
        return (try o.requireID(), jaar)
    }

    func evaluatie(req: Request) async throws -> PartnerEvaluatieDTO {
        let door = Handelende(organisatie: try req.vereisOrganisatie(.meldpunt, .partner))
        let (org, jaar) = try await organisatie(req, door)
        return try await req.cijferboek.evaluatie(org, jaar: jaar, door: door)
    }

    struct ConclusieInvoer: Content { var conclusie: String? }

    func conclusie(req: Request) async throws -> PartnerEvaluatieDTO {
        let door = Handelende(organisatie: try req.vereisOrganisatie(.meldpunt, .partner))
        let (org, jaar) = try await organisatie(req, door)
        let invoer = try req.content.decode(ConclusieInvoer.self)
        return try await req.cijferboek.legConclusieVast(org, jaar: jaar, conclusie: invoer.conclusie, door: door, nu: req.application.klok.nu())
    }
}
