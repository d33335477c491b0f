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
                fouten.append(.init(name: "page", code: "minimum", reason: "page is een geheel getal vanaf 1."))
            }
        }
        if let raw = req.queryWaarde("pageSize") {
            if let g = Int(raw), (1...Self.maxGrootte).contains(g) { grootte = g } else {
                fouten.append(.init(name: "pageSize", code: "range", reason: "pageSize is een geheel getal van 1 tot en met \(Self.maxGrootte)."))
            }
        }
        self.pagina = pagina
        self.grootte = grootte
    }

    func linkHeader(_ req: Request, totaal: Int) -> String {
        let laatste = max(1, (totaal + grootte - 1) / grootte)
        func url(_ p: Int) -> String {
            var delen = (req.url.query ?? "").split(separator: "&").map(String.init)
                .filter { !$0.hasPrefix("page=") && !$0.hasPrefix("pageSize=") }
            delen.append("page=\(p)")
            delen.append("pageSize=\(grootte)")
            return "<\(req.url.path)?\(delen.joined(separator: "&"))>"
        }
        var links = ["\(url(1)); rel=\"first\""]
        if pagina > 1 { links.append("\(url(min(pagina - 1, laatste))); rel=\"prev\"") }
        if pagina < laatste { links.append("\(url(pagina + 1)); rel=\"next\"") }
        links.append("\(url(laatste)); rel=\"last\"")
        return links.joined(separator: ", ")
    }

    /// Links for a list that pages by cursor: `next` carries `after=` (the last item's id) while
    /// more follow. With `page` in the request, page numbers as before (prev, and last when the
    /// total is known).
    func linkHeader(_ req: Request, na laatste: String?, meer: Bool, totaal: Int?) -> String {
        func url(_ extra: [String]) -> String {
            var delen = (req.url.query ?? "").split(separator: "&").map(String.init)
                .filter { !$0.hasPrefix("page=") && !$0.hasPrefix("pageSize=") && !$0.hasPrefix("after=") }
            delen += extra + ["pageSize=\(grootte)"]
            return "<\(req.url.path)?\(delen.joined(separator: "&"))>"
        }
        var links = ["\(url([])); rel=\"first\""]
        if req.queryWaarde("page") != nil {
            if pagina > 1 { links.append("\(url(["page=\(pagina - 1)"])); rel=\"prev\"") }
            if meer { links.append("\(url(["page=\(pagina + 1)"])); rel=\"next\"") }
            if let totaal { links.append("\(url(["page=\(max(1, (totaal + grootte - 1) / grootte))"])); rel=\"last\"") }
        } else if meer, let laatste {
            links.append("\(url(["after=\(laatste)"])); rel=\"next\"")
        }
        return links.joined(separator: ", ")
    }
}
