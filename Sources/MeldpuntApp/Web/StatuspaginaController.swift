import MeldpuntDomain
import Vapor

/// The melder's private status page, reached by the link with the token.
struct StatuspaginaController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("status", ":token", use: toon)
    }

    struct Stap: Encodable, Sendable { let naam: String; let huidig: Bool; let gedaan: Bool }
    struct Weergave: Encodable, Sendable {
        let zaaknummer: String
        let faseTekst: String
        let stappen: [Stap]
        let eersteContact: String
        let berichten: [Bericht]
        let gesloten: Bool
    }
    struct Bericht: Encodable, Sendable { let tijdstip: String; let tekst: String }

    func toon(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let m: MeldingService.MelderWeergave
        do {
            m = try await req.meldingen.voorMelder(token: token)
        } catch let p as Problem where p.status == 404 {
            // The same page for an unknown, wrong or old link: it reveals nothing.
            return try await req.pagina("status-onbekend", titel: "statusOnbekendTitel", status: .notFound)
        }
        let t = Teksten.voor(req.taal)
        let huidig = MelderFase.allCases.firstIndex { $0.rawValue == m.fase } ?? 0
        let weergave = Weergave(
            zaaknummer: m.zaaknummer, faseTekst: t["fase_\(m.fase)_uitleg"] ?? m.faseTekst,
            stappen: MelderFase.allCases.enumerated().map { i, f in Stap(naam: t["fase_\(f.rawValue)"] ?? f.rawValue, huidig: i == huidig, gedaan: i < huidig) },
            eersteContact: TerugmeldingenWebController.datum(m.eersteContactUiterlijk),
            berichten: m.berichten.map { Bericht(tijdstip: TerugmeldingenWebController.tijdstip($0.tijdstip), tekst: $0.tekst) },
            gesloten: m.gesloten)
        return try await req.pagina("status", titel: "statusTitel", inhoud: weergave)
    }
}
