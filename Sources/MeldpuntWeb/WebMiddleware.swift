import MeldpuntHTTP
import MeldpuntCore
import MeldpuntDomain
import Crypto
import Synchronization
import Vapor

/// For every page: language, the logged-in user (database session), CSRF on every POST,
/// and the strict security headers of HTML responses.
struct WebMiddleware: AsyncMiddleware {
    /// Every form without files fits in this.
    static let kleineBody = 256 * 1024
    static let csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        request.taal = request.cookie(.taal).flatMap(Taal.init(rawValue:)) ?? .nl

        // The session needs no body: known before anything is read.
        if let token = request.cookie(.sessie) {
            request.gebruiker = try await Gebruikers.sessie(token, nu: request.application.klok.nu(), on: request.db)
            if request.gebruiker == nil { request.sessieVerlopen = true }
        }
        let nieuweCsrf = Self.zetCsrfToken(request, sessie: request.gebruiker != nil)

        if request.method == .POST {
            // Every POST without a session counts against its address, also on doors that have
            // no limit of their own (the language switch): parsing is work.
            let begrenzer = request.application.snelheidsbegrenzer
            if request.gebruiker == nil, begrenzer.regel(.POST, request.url.path) == nil,
               let wacht = begrenzer.neem(begrenzer.anoniem, adres: Snelheidsbegrenzer.adres(request, vertrouwProxy: request.application.instellingen.vertrouwProxy)) {
                throw TeVeelVerzoeken(wachtSeconden: wacht)
            }
            // Limits before work: a small body everywhere, a large one only on an upload route, only
            // for a visitor who has the form's CSRF cookie (and the role, where the route needs one),
            // only within the server-wide budget for bodies in memory; a too-large body is refused
            // from its Content-Length, before a byte is read.
            let upload = request.route?.upload
            let max = upload?.max ?? Self.kleineBody
            if let lengte = request.headers.first(name: .contentLength).flatMap(Int.init), lengte > max {
                throw Abort(.payloadTooLarge)
            }
            guard nieuweCsrf == nil || request.gebruiker != nil else { throw WebFout.ongeldigFormulier }
            var gereserveerd = 0
            if let upload {
                if !upload.rollen.isEmpty { _ = try request.vereisGebruiker(upload.rollen) }
                gereserveerd = request.headers.first(name: .contentLength).flatMap(Int.init) ?? max
                guard request.application.uploadBudget.reserveer(gereserveerd) else {
                    throw Abort(.serviceUnavailable, headers: ["Retry-After": "10"])
                }
            }
            defer { if gereserveerd > 0 { request.application.uploadBudget.geefVrij(gereserveerd) } }
            let body = try await request.body.collect(max: max).get()
            // A URL-encoded form's token is read without decoding the rest of the body.
            let gegeven = request.headers.contentType == .urlEncodedForm
                ? body.flatMap { BegrensdeDecoder.veld("_csrf", in: $0.readableBytesView) } ?? ""
                : (try? request.content.get(String.self, at: "_csrf")) ?? ""
            guard Sleutels.gelijk(gegeven, request.csrfToken) else {
                // A form of a session that has since ended: log in again rather than an error.
                throw request.sessieVerlopen ? WebFout.nietIngelogd : WebFout.ongeldigFormulier
            }
        }

        let response = try await next.respond(to: request)
        if let nieuweCsrf {
            response.zet(.csrf, nieuweCsrf, request, sameSite: .strict)
        }
        if request.sessieVerlopen && request.gebruiker == nil && response.cookies[request.cookieNaam(.sessie)] == nil {
            response.zet(.sessie, nil, request)
        }
        response.headers.replaceOrAdd(name: .contentSecurityPolicy, value: Self.csp)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    /// The form token. With a session it is bound to that session (an HMAC of the session
    /// cookie: a token from another session, or planted before login, is worthless); without one
    /// it is the double-submit value of an HttpOnly, SameSite=Strict cookie. Returns a new
    /// cookie value when the visitor has none yet.
    @discardableResult
    static func zetCsrfToken(_ request: Request, sessie geldig: Bool) -> String? {
        if geldig, let sessie = request.cookie(.sessie) {
            request.csrfToken = csrfToken(sessie: sessie, request.application)
            return request.cookie(.csrf)?.count == 43 ? nil : Sleutels.willekeurig(32)
        }
        if let c = request.cookie(.csrf), c.count == 43 {
            request.csrfToken = c
            return nil
        }
        let nieuw = Sleutels.willekeurig(32)
        request.csrfToken = nieuw
        return nieuw
    }

    static func csrfToken(sessie: String, _ app: Application) -> String {
        Sleutels.base64url(Data(HMAC<SHA256>.authenticationCode(for: Data(sessie.utf8), using: app.geheimen.csrf)))
    }

    static func cookie(_ waarde: String, _ request: Request, sameSite: HTTPCookies.SameSitePolicy = .lax, maxAge: Int? = nil,
                       pad: String = "/") -> HTTPCookies.Value {
        HTTPCookies.Value(string: waarde, maxAge: maxAge, path: pad, isSecure: request.application.instellingen.veiligeCookies,
                          isHTTPOnly: true, sameSite: sameSite)
    }

}

/// The cookies of the pages. Outside development their names carry the browser-enforced prefix:
/// `__Host-` (Secure, Path=/, no Domain: no subdomain can set or shadow it), `__Secure-` for a
/// cookie with a narrower path.
enum Koekje: String {
    case sessie = "meldpunt_sessie"
    case csrf = "meldpunt_csrf"
    case taal = "meldpunt_taal"
    case ontvangen = "meldpunt_ontvangen"
    case inlogstap = "meldpunt_inlogstap"
    case meldconcept = "meldpunt_meldconcept"
    /// Staff's one-time confirmation of a melding they took (its private link).
    case vastgelegd = "meldpunt_vastgelegd"

    var pad: String {
        switch self {
        case .ontvangen: "/melden/ontvangen"
        case .vastgelegd: "/meldingen/nieuw/vastgelegd"
        case .inlogstap: "/inloggen"
        default: "/"
        }
    }
}

extension Request {
    func cookieNaam(_ k: Koekje) -> String {
        guard application.instellingen.veiligeCookies else { return k.rawValue }
        return (k.pad == "/" ? "__Host-" : "__Secure-") + k.rawValue
    }

    func cookie(_ k: Koekje) -> String? { cookies[cookieNaam(k)]?.string }
}

extension Response {
    /// Sets (or with nil ends) one of the page cookies, under its name for this environment.
    func zet(_ k: Koekje, _ waarde: String?, _ request: Request, sameSite: HTTPCookies.SameSitePolicy = .lax, maxAge: Int? = nil) {
        var c = WebMiddleware.cookie(waarde ?? "", request, sameSite: sameSite, maxAge: waarde == nil ? 0 : maxAge, pad: k.pad)
        if waarde == nil { c.expires = Date(timeIntervalSince1970: 0) }
        cookies[request.cookieNaam(k)] = c
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
    func vereisGebruiker(_ rollen: GebruikersRol...) throws -> GebruikerDTO { try vereisGebruiker(rollen) }

    func vereisGebruiker(_ rollen: [GebruikersRol]) throws -> GebruikerDTO {
        guard let gebruiker else { throw WebFout.nietIngelogd }
        guard rollen.isEmpty || rollen.contains(gebruiker.rol) else { throw WebFout.geenToegang }
        return gebruiker
    }
}

/// A page route that takes files: its body limit and the roles that may send one.
struct UploadRegel: Sendable {
    let max: Int
    let rollen: [GebruikersRol]
}

extension Route {
    var upload: UploadRegel? { userInfo["upload"] as? UploadRegel }
}

extension RoutesBuilder {
    /// A POST that takes files up to `max` bytes; `rollen` empty means anonymous visitors may
    /// upload (the public form, the melder's status page).
    @discardableResult
    func upload(_ path: PathComponent..., max: Int, rollen: [GebruikersRol], use handler: @Sendable @escaping (Request) async throws -> Response) -> Route {
        let route = on(.POST, path, body: .collect(maxSize: ByteCount(value: max)), use: handler)
        route.userInfo["upload"] = UploadRegel(max: max, rollen: rollen)
        return route
    }
}

