import Vapor

/// For every page: language, the logged-in user (database session), CSRF on every POST,
/// and the strict security headers of HTML responses.
struct WebMiddleware: AsyncMiddleware {
    static let sessieCookie = "meldpunt_sessie"
    static let csrfCookie = "meldpunt_csrf"
    static let taalCookie = "meldpunt_taal"
    static let csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        request.taal = request.cookies[Self.taalCookie].flatMap { Taal(rawValue: $0.string) } ?? .nl

        // Double-submit CSRF token: an HttpOnly, SameSite=Strict cookie echoed in a hidden field.
        var nieuweCsrf: String?
        if let c = request.cookies[Self.csrfCookie]?.string, c.count == 43 {
            request.csrfToken = c
        } else {
            nieuweCsrf = Sleutels.willekeurig(32)
            request.csrfToken = nieuweCsrf!
        }
        if request.method == .POST {
            _ = try await request.body.collect(max: 32 * 1024 * 1024).get()
            let gegeven = (try? request.content.get(String.self, at: "_csrf")) ?? ""
            guard nieuweCsrf == nil, Self.gelijk(gegeven, request.csrfToken) else {
                throw WebFout.ongeldigFormulier
            }
        }

        if let token = request.cookies[Self.sessieCookie]?.string {
            request.gebruiker = try await Gebruikers.sessie(token, nu: request.application.klok.nu(), on: request.db)
            if request.gebruiker == nil { request.sessieVerlopen = true }
        }

        let response = try await next.respond(to: request)
        if let nieuweCsrf {
            response.cookies[Self.csrfCookie] = Self.cookie(nieuweCsrf, request, sameSite: .strict)
        }
        if request.sessieVerlopen && request.gebruiker == nil && response.cookies[Self.sessieCookie] == nil {
            response.cookies[Self.sessieCookie] = Self.verwijderd(request)
        }
        response.headers.replaceOrAdd(name: .contentSecurityPolicy, value: Self.csp)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    /// Constant-time comparison: the token must not leak through timing.
    static func gelijk(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func cookie(_ waarde: String, _ request: Request, sameSite: HTTPCookies.SameSitePolicy = .lax, maxAge: Int? = nil) -> HTTPCookies.Value {
        HTTPCookies.Value(string: waarde, maxAge: maxAge, path: "/", isSecure: request.application.environment != .development && request.application.environment != .testing,
                          isHTTPOnly: true, sameSite: sameSite)
    }

    static func verwijderd(_ request: Request) -> HTTPCookies.Value {
        var c = cookie("", request)
        c.expires = Date(timeIntervalSince1970: 0)
        c.maxAge = 0
        return c
    }
}

/// Errors of the pages that are not problems of the API.
enum WebFout: Error {
    case nietIngelogd
    case geenToegang
    case ongeldigFormulier
}

extension Request {
    private struct GebruikerKey: StorageKey { typealias Value = GebruikerDTO }
    private struct TaalKey: StorageKey { typealias Value = Taal }
    private struct CsrfKey: StorageKey { typealias Value = String }
    private struct VerlopenKey: StorageKey { typealias Value = Bool }

    var gebruiker: GebruikerDTO? {
        get { storage[GebruikerKey.self] }
        set { storage[GebruikerKey.self] = newValue }
    }
    var taal: Taal {
        get { storage[TaalKey.self] ?? .nl }
        set { storage[TaalKey.self] = newValue }
    }
    var csrfToken: String {
        get { storage[CsrfKey.self] ?? "" }
        set { storage[CsrfKey.self] = newValue }
    }
    var sessieVerlopen: Bool {
        get { storage[VerlopenKey.self] ?? false }
        set { storage[VerlopenKey.self] = newValue }
    }

    /// The logged-in user with one of these roles; otherwise to the login page or a 403.
    func vereisGebruiker(_ rollen: GebruikersRol...) throws -> GebruikerDTO {
        guard let gebruiker else { throw WebFout.nietIngelogd }
        guard rollen.isEmpty || rollen.contains(gebruiker.rol) else { throw WebFout.geenToegang }
        return gebruiker
    }
}
