import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// `/clienten`: an intermediary (schuldhulp, sociaal raadslieden, a wijkteam) follows every case
/// its organisation filed for clients, on one page, and each as the melder sees it. Filing for a
/// client is the public form (`/melden`), which records the organisation as the filer.
struct ClientenWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let c = routes.grouped("clienten")
        c.get(use: lijst)
        c.get(":zaaknummer", use: detail)
    }

    static let paginagrootte = 50

    /// An intermediary of an organisation that still has the role (a role taken away stops its users too).
    static func intermediair(_ req: Request) throws -> GebruikerDTO {
        let g = try req.vereisGebruiker(.intermediair)
        guard g.organisatie.heeft(.intermediair) else { throw Weigering.geenToegang(.rolOntbreekt(.intermediair)) }
        return g
    }

    struct Lijst: Encodable, Sendable {
        let rijen: [Rij]
        let totaal: Int
        let vorige: String?
        let volgende: String?
    }

    struct Rij: Encodable, Sendable {
        let href, zaaknummer, client, ontvangen, fase: String
        let volgendeStap: String?
        let laatsteBericht: String?
        let gesloten: Bool
    }

    func lijst(req: Request) async throws -> Response {
        let g = try Self.intermediair(req)
        let t = Teksten.voor(req.taal)
        let pagina = req.queryWaarde("pagina").flatMap(Int.init).map { min(max($0, 1), 100_000) } ?? 1
        let (items, totaal) = try await req.meldingen.melderportaal.ingediend(door: g.organisatie, gebruiker: g.id, pagina: pagina, grootte: Self.paginagrootte)
        return try await req.pagina("clienten", titel: "clientenTitel", inhoud: Lijst(
            rijen: items.map { i in
                Rij(href: "/clienten/\(i.zaaknummer)", zaaknummer: i.zaaknummer, client: i.client ?? t.tekst("mfoGewist"),
                    ontvangen: Datumweergave.datum(i.ontvangenOp), fase: t.tekst("fase_\(i.fase.rawValue)"),
                    volgendeStap: i.volgendeStap.map { "\($0.tekst) (\(Datumweergave.voluit($0.datum, req.taal)))" },
                    laatsteBericht: i.laatsteBerichtOp.map(Datumweergave.tijdstip), gesloten: i.gesloten)
            },
            totaal: totaal, vorige: pagina > 1 ? "/clienten?pagina=\(pagina - 1)" : nil,
            volgende: pagina * Self.paginagrootte < totaal ? "/clienten?pagina=\(pagina + 1)" : nil))
    }

    func detail(req: Request) async throws -> Response {
        let g = try Self.intermediair(req)
        let m = try await req.meldingen.melderportaal.voorIndiener(try req.zaaknummer(), g.organisatie, gebruiker: g.id)
        return try await req.pagina("client", titel: "clientTitel", inhoud: Statuspagina.bouw(m, taal: req.taal, basis: "/clienten/\(m.zaaknummer)"))
    }
}
