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
        c.post(":zaaknummer", "berichten", use: bericht)
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

    struct Pagina: Encodable, Sendable {
        let status: Statuspagina
        let bericht: String
        let fouten: [VeldFout]
        let foutVelden: [String: String]
        let verstuurd: Bool
    }

    func detail(req: Request) async throws -> Response {
        try await toon(req, try Self.intermediair(req), verstuurd: req.queryWaarde("verstuurd") != nil)
    }

    private func toon(_ req: Request, _ g: GebruikerDTO, bericht: String = "", fouten: [VeldFout] = [], verstuurd: Bool = false) async throws -> Response {
        let m = try await req.meldingen.melderportaal.voorIndiener(try req.zaaknummer(), g.organisatie, gebruiker: g.id)
        return try await req.pagina("client", titel: "clientTitel", inhoud: Pagina(
            status: Statuspagina.bouw(m, taal: req.taal, basis: "/clienten/\(m.zaaknummer)"), bericht: bericht, fouten: fouten,
            foutVelden: Dictionary(fouten.map { ($0.veld, $0.tekst) }, uniquingKeysWith: { a, _ in a }), verstuurd: verstuurd),
            status: fouten.isEmpty ? .ok : .badRequest)
    }

    struct BerichtFormulier: Content { var tekst: String? }

    /// A message to the meldpunt about the client's case, from the intermediary.
    func bericht(req: Request) async throws -> Response {
        let g = try Self.intermediair(req)
        let t = Teksten.voor(req.taal)
        let f = try req.content.decode(BerichtFormulier.self)
        let z = try req.zaaknummer()
        do {
            try await req.meldingen.melderportaal.berichtVanIndiener(z, g.organisatie, gebruiker: g, tekst: f.tekst)
        } catch let w as Weigering where w.velden != nil {
            let fouten = Formulierfouten(w, taal: req.taal, voorvoegsel: "", veld: { _ in "clientBericht" }) { _ in t["clientBerichtLabel"] }
            return try await toon(req, g, bericht: f.tekst ?? "", fouten: fouten.lijst)
        }
        return req.redirect(to: "/clienten/\(z)?verstuurd=1#bericht", redirectType: .normal)
    }
}
