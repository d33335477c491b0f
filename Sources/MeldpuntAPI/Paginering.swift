import MeldpuntHTTP
import MeldpuntCore
import MeldpuntDomain
import Vapor

/// page/pageSize paging with an RFC 8288 Link header (first, prev, next, last) and X-Total-Count;
/// terugmeldingen also page by cursor (`after`).
struct Paginering {
    static let standaardGrootte = 20
    static let maxGrootte = 100

    let pagina: Int
    let grootte: Int

    /// Reads page and pageSize, adding any problem to `fouten`.
    init(_ req: Request, fouten: inout [OngeldigeParameter]) {
        var pagina = 1
        var grootte = Self.standaardGrootte
        if let raw = req.queryWaarde("page") {
            if let p = Int(raw), p >= 1, p <= 1_000_000 { pagina = p } else {
                fouten.append(.init(api: "page", code: "minimum", reason: "page is een geheel getal vanaf 1."))
            }
        }
        if let raw = req.queryWaarde("pageSize") {
            if let g = Int(raw), (1...Self.maxGrootte).contains(g) { grootte = g } else {
                fouten.append(.init(api: "pageSize", code: "range", reason: "pageSize is een geheel getal van 1 tot en met \(Self.maxGrootte)."))
            }
        }
        self.pagina = pagina
        self.grootte = grootte
    }

    /// One page of a counted list: the items, with Link and X-Total-Count.
    func antwoord<T: Content>(_ items: [T], totaal: Int, _ req: Request) async throws -> Response {
        let response = try await items.encodeResponse(for: req)
        response.headers.replaceOrAdd(name: "Link", value: linkHeader(req, totaal: totaal))
        response.headers.replaceOrAdd(name: "X-Total-Count", value: String(totaal))
        return response
    }

    func linkHeader(_ req: Request, totaal: Int) -> String {
        let laatste = max(1, (totaal + grootte - 1) / grootte)
        var links = ["\(url(req, ["page=1"])); rel=\"first\""]
        if pagina > 1 { links.append("\(url(req, ["page=\(min(pagina - 1, laatste))"])); rel=\"prev\"") }
        if pagina < laatste { links.append("\(url(req, ["page=\(pagina + 1)"])); rel=\"next\"") }
        links.append("\(url(req, ["page=\(laatste)"])); rel=\"last\"")
        return links.joined(separator: ", ")
    }

    /// Links for a list that pages by cursor: `next` carries `after=` (the last item's id) while
    /// more follow. With `page` in the request, page numbers as before (prev, and last when the
    /// total is known).
    func linkHeader(_ req: Request, na laatste: String?, meer: Bool, totaal: Int?) -> String {
        var links = ["\(url(req, [])); rel=\"first\""]
        if req.queryWaarde("page") != nil {
            if pagina > 1 { links.append("\(url(req, ["page=\(pagina - 1)"])); rel=\"prev\"") }
            if meer { links.append("\(url(req, ["page=\(pagina + 1)"])); rel=\"next\"") }
            if let totaal { links.append("\(url(req, ["page=\(max(1, (totaal + grootte - 1) / grootte))"])); rel=\"last\"") }
        } else if meer, let laatste {
            links.append("\(url(req, ["after=\(laatste)"])); rel=\"next\"")
        }
        return links.joined(separator: ", ")
    }

    /// The request's own URL with its other parameters kept and the paging ones replaced.
    private func url(_ req: Request, _ paging: [String]) -> String {
        var delen = (req.url.query ?? "").split(separator: "&").map(String.init)
            .filter { !$0.hasPrefix("page=") && !$0.hasPrefix("pageSize=") && !$0.hasPrefix("after=") }
        delen += paging + ["pageSize=\(grootte)"]
        return "<\(req.url.path)?\(delen.joined(separator: "&"))>"
    }
}
