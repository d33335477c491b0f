import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// `/api/v1/brieven`: the letters to melders who get post, for a print service working for the
/// meldpunt: the list still to print, each letter as a PDF, and reporting one sent.
struct BrievenController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let b = routes.grouped("brieven")
        b.get(use: lijst)
        b.get(":briefId", use: detail)
        b.get(":briefId", "pdf", use: pdf)
        b.put(":briefId", "verzending", use: verzonden)
    }

    private func door(_ req: Request) throws -> Handelende { Handelende(organisatie: try req.vereisOrganisatie([.meldpunt])) }

    private func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("briefId").flatMap(UUID.init(uuidString:)) else { throw Weigering.nietGevonden(.brief) }
        return id
    }

    func lijst(req: Request) async throws -> Response {
        let door = try door(req)
        var fouten: [OngeldigeParameter] = []
        let paginering = Paginering(req, fouten: &fouten)
        var map = Briefpost.Map.teVersturen
        if let raw = req.queryWaarde("map") {
            if let m = Briefpost.Map(rawValue: raw) { map = m } else {
                fouten.append(.init(api: "map", code: "enum", reason: "Een van: \(Briefpost.Map.allCases.map(\.rawValue).joined(separator: ", "))."))
            }
        }
        guard fouten.isEmpty else { throw Problem.ongeldig(fouten) }
        let (items, totaal) = try await req.meldingen.briefpost.lijst(map, pagina: paginering.pagina, grootte: paginering.grootte, door: door)
        return try await paginering.antwoord(items, totaal: totaal, req)
    }

    func detail(req: Request) async throws -> BriefDTO {
        try await req.meldingen.briefpost.brief(try id(req), door: try door(req))
    }

    func pdf(req: Request) async throws -> Response {
        let p = try await req.meldingen.briefpost.pdf(try id(req), door: try door(req))
        return Response.download(p.bestandsnaam, "application/pdf", Data(p.bytes))
    }

    /// The letter went out (printed and posted); the body is an empty object. Saying so again changes nothing.
    func verzonden(req: Request) async throws -> BriefDTO {
        let door = try door(req)
        // The body is an object (empty): anything else is a 400, as the document says.
        _ = try req.content.decode([String: JSONWaarde].self)
        let id = try id(req)
        _ = try await req.meldingen.briefpost.markeerGeprint([id], door: door)
        return try await req.meldingen.briefpost.brief(id, door: door)
    }
}
