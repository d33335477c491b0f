import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// `/brieven`: the letters to melders who get post. Staff download all letters still to print
/// in one PDF, print them, and then mark them printed (a jammed printer loses nothing: a letter
/// stays on the list until someone says it went out). One letter can be printed again.
struct BrievenWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let b = routes.grouped("brieven")
        b.get(use: lijst)
        b.get("te-versturen.pdf", use: alles)
        b.post("geprint", use: geprint)
        b.get(":brief", "pdf", use: een)
    }

    private func medewerker(_ req: Request) throws -> Handelende { Handelende(try req.vereisGebruiker(.meldpunt)) }

    struct Lijst: Encodable, Sendable {
        let teVersturen: [Rij]
        let geprint: [Rij]
        let kanPrinten: Int
        /// The PDF of exactly the letters listed: those made up to the newest one shown.
        let pdf: String
        let gedaan: String?
    }

    struct Rij: Encodable, Sendable {
        let id, href, zaaknummer, zaakHref, onderwerp, aangemaakt, taal: String
        let geprint: String?
        let adresCompleet: Bool
    }

    static func rij(_ b: BriefDTO, _ taal: Taal) -> Rij {
        Rij(id: b.id, href: "/brieven/\(b.id)/pdf", zaaknummer: b.zaaknummer, zaakHref: "/meldingen/\(b.zaaknummer)", onderwerp: b.onderwerp,
            aangemaakt: Datumweergave.tijdstip(b.aangemaaktOp), taal: b.taal == .nl ? "Nederlands" : "English",
            geprint: b.geprintOp.map { Datumweergave.tijdstip($0) + (b.geprintDoor.map { " · \($0)" } ?? "") }, adresCompleet: b.adresCompleet)
    }

    func lijst(req: Request) async throws -> Response {
        let g = try medewerker(req)
        let post = req.meldingen.briefpost
        let (compleet, onvolledig) = try await post.teVersturenPerAdres(door: g)
        let aantal = req.queryWaarde("geprint").flatMap(Int.init)
        let tot = compleet.map(\.aangemaaktOp).max().map { Int(($0.timeIntervalSince1970 * 1000).rounded(.up)) } ?? 0
        return try await req.pagina("brieven", titel: "briefTitel", inhoud: Lijst(
            teVersturen: (compleet + onvolledig).map { Self.rij($0, req.taal) }, geprint: try await post.onlangsGeprint(door: g).map { Self.rij($0, req.taal) },
            kanPrinten: compleet.count, pdf: "/brieven/te-versturen.pdf?tot=\(tot)",
            gedaan: aantal.map { $0 == 1 ? Teksten.voor(req.taal).tekst("briefGedaanEen") : Teksten.voor(req.taal).tekst("briefGedaan").replacingOccurrences(of: "%d", with: String($0)) }))
    }

    func alles(req: Request) async throws -> Response {
        let g = try medewerker(req)
        // `tot` (milliseconds): what the page listed; without it, everything still to print.
        let tot = req.queryWaarde("tot").flatMap(Int.init).map { Date(timeIntervalSince1970: Double($0) / 1000) }
        return Self.pdf(try await req.meldingen.briefpost.pdfTeVersturen(tot: tot, door: g))
    }

    func een(req: Request) async throws -> Response {
        guard let id = req.parameters.get("brief").flatMap(UUID.init(uuidString:)) else { throw Weigering.nietGevonden(.brief) }
        return Self.pdf(try await req.meldingen.briefpost.pdf(id, door: try medewerker(req)))
    }

    /// Shown in the browser's PDF viewer, from where it is printed; the name for saving it.
    static func pdf(_ p: BriefPDF) -> Response {
        let r = Response(status: .ok, body: .init(data: Data(p.bytes)))
        r.headers.contentType = .init(type: "application", subType: "pdf")
        r.headers.replaceOrAdd(name: .contentDisposition, value: Response.contentDisposition(p.bestandsnaam).replacingOccurrences(of: "attachment;", with: "inline;"))
        r.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return r
    }

    struct GeprintFormulier: Content { var brief: [String]? }

    func geprint(req: Request) async throws -> Response {
        let g = try medewerker(req)
        let f = try req.content.decode(GeprintFormulier.self)
        let ids = (f.brief ?? []).prefix(Briefpost.maxPerRonde).compactMap(UUID.init(uuidString:))
        let aantal = try await req.meldingen.briefpost.markeerGeprint(Array(ids), door: g)
        return req.redirect(to: "/brieven?geprint=\(aantal)", redirectType: .normal)
    }
}
