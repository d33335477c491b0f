import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// `/api/v1/standaardteksten`: the standard texts in use, for the meldpunt's systems (beheer keeps them on its pages).
struct StandaardtekstenController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("standaardteksten", use: lijst)
    }

    func lijst(req: Request) async throws -> [StandaardtekstDTO] {
        let org = try req.vereisOrganisatie(.meldpunt)
        var doel: Standaardtekstdoel?
        if let raw = req.queryWaarde("doel") {
            guard let d = Standaardtekstdoel(rawValue: raw) else {
                throw Problem.ongeldig([.init(api: "doel", code: "enum", reason: "Een van: \(Standaardtekstdoel.allCases.map(\.rawValue).joined(separator: ", ")).")])
            }
            doel = d
        }
        return try await Standaardteksten(db: req.db, nu: req.application.klok.nu()).lijst(doel: doel, organisatie: org)
    }
}
