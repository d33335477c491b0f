import MeldpuntHTTP
import MeldpuntCore
import MeldpuntDomain
import Vapor

/// What every page template gets: language, texts, the user, the CSRF token, and its own content.
struct Pagina<Inhoud: Encodable & Sendable>: Encodable, Sendable {
    let titel: String
    let taal: String
    let t: [String: String]
    let gebruiker: GebruikerWeergave?
    let csrf: String
    let pad: String
    /// The menu item this page belongs to (the path's first part), marked as current in the menu.
    let sectie: String
    let melding: String?
    let inhoud: Inhoud
    /// How people reach the meldpunt (phone and hours), in every page's footer; letters and mails also give the postal address.
    var contact: String? = nil
}

struct GebruikerWeergave: Encodable, Sendable {
    let naam: String
    let organisatie: String
    let rol: String
    /// The partner register is the meldpunt's: its staff and beheer, and the systeembeheerder.
    let partners: Bool

    init(_ g: GebruikerDTO) {
        naam = g.naam
        organisatie = g.organisatie.naam
        rol = g.rol.rawValue
        partners = g.rol == .systeembeheerder || ([.meldpunt, .beheerder].contains(g.rol) && g.organisatie.heeft(.meldpunt))
    }
}

struct Leeg: Encodable, Sendable {}

/// A task in a workspace's action menu (`actiemenu.leaf`): a link to its own page, or a one-click form (`post`).
/// `meer`: used now and then; on a wide screen folded under "more actions" so the menu stays on the first screen.
struct ActieLink: Encodable, Sendable { let href: String; let naam: String; var post = false; var apart = false; var volgende = false; var meer = false }

/// Page n of m of a list, with links to the pages before and after (nil where there is none).
struct Bladeren: Encodable, Sendable {
    let totaal: Int
    let pagina: Int
    let paginas: Int
    let vorige: String?
    let volgende: String?

    /// `link` nil: the list is shown whole (a search result), without paging links.
    init(totaal: Int, pagina: Int, grootte: Int, link: ((Int) -> String)?) {
        self.totaal = totaal
        self.pagina = pagina
        paginas = max(1, (totaal + grootte - 1) / grootte)
        vorige = pagina > 1 ? link?(pagina - 1) : nil
        volgende = pagina < paginas ? link?(pagina + 1) : nil
    }
}

/// One option of a select, radio group or checkbox list.
struct Keuze: Encodable, Sendable {
    let waarde: String
    let naam: String
    var gekozen = false
}

extension Keuze {
    /// "Each mail at once" or "one summary each working morning", the current one chosen.
    static func bezorging(_ gekozen: Bezorgwijze, _ t: [String: String]) -> [Keuze] {
        Bezorgwijze.allCases.map { Keuze(waarde: $0.rawValue, naam: t.naam("bezorging", $0), gekozen: $0 == gekozen) }
    }
}

extension Request {
    func pagina<Inhoud: Encodable & Sendable>(_ template: String, titel: String, inhoud: Inhoud, melding: String? = nil,
                                              status: HTTPResponseStatus = .ok) async throws -> Response {
        let teksten = Teksten.voor(taal)
        let context = Pagina(
            titel: teksten[titel] ?? titel, taal: taal.rawValue, t: teksten,
            gebruiker: gebruiker.map(GebruikerWeergave.init),
            csrf: csrfToken, pad: url.path, sectie: String(url.path.split(separator: "/").first ?? ""), melding: melding.map { teksten[$0] ?? $0 }, inhoud: inhoud,
            contact: application.contactbron.huidig.belZin(taal))
        let view = try await self.view.render(template, context)
        let response = try await view.encodeResponse(for: self)
        response.status = status
        return response
    }

    func pagina(_ template: String, titel: String, melding: String? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        try await pagina(template, titel: titel, inhoud: Leeg(), melding: melding, status: status)
    }

    /// A local path to return to after login or a language switch; never another site.
    func veiligTerugpad(_ raw: String?) -> String { Terugpad.veilig(raw) }
}

/// Return paths come from outside and end up in a `Location` header: only same-site relative
/// paths of visible ASCII, so no scheme, no `//` or `\\`, and no control, space or Unicode
/// line separator can split the header or turn `/\t/host` into another site.
enum Terugpad {
    static func veilig(_ raw: String?) -> String {
        guard let raw, raw.utf8.count <= 2000, raw.hasPrefix("/"), !raw.hasPrefix("//"), !raw.hasPrefix("/api/"),
              raw.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) && $0 != "\\" })
        else { return "/" }
        return raw
    }
}
