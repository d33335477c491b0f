import MeldpuntCore
import AsyncKit
import Vapor

/// The transport rules of the Dutch API Design Rules, applied to every response:
/// API-Version, security headers, no trailing slashes, 405 with Allow, trace id.
package struct ApiConventiesMiddleware: AsyncMiddleware {
    package static let apiVersie = "1.0.0"
    package let routes: Routes
    /// How an error outside the API becomes a page (the web target renders it).
    package let foutpagina: @Sendable (any Error, Request) async -> Response

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // Logboek Dataverwerkingen: a caller's traceparent carries its trace into ours; every
        // processing record, message and BRP call made for this request finds it.
        let spoor = Spoor(traceparent: request.headers.first(name: "traceparent"))
        request.traceID = spoor.traceID
        // In the request's service context, which Vapor restores around every later step
        // (Application.traceAutoPropagation), also where it leaves this task.
        request.serviceContext.spoor = spoor
        return try await spoor.metSpoor { try await beantwoord(request, chainingTo: next) }
    }

    private func beantwoord(_ request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            let path = request.url.path
            if path.count > 1 && path.hasSuffix("/") {
                throw Problem(.notFound, detail: "Paden eindigen nooit op een schuine streep: gebruik \(path.dropLast()).")
            }
            do {
                response = try await next.respond(to: request)
            } catch is ConnectionPoolTimeoutError {
                // Overloaded, not broken: ask to come back, as for any other limit.
                request.logger.warning("Geen databaseverbinding vrij binnen de wachttijd")
                throw Abort(.serviceUnavailable, headers: ["Retry-After": "5"])
            }
        } catch where !Self.isApi(request.url.path) {
            response = await foutpagina(error, request)
        } catch where error is RouteNotFound || error is AndereBron {
            let toegestaan = toegestaneMethoden(voor: request.url.path)
            response = try ProblemMiddleware.response(for: toegestaan.isEmpty
                ? Problem.nietGevonden("Er is geen bron op dit pad.")
                : Problem(.methodNotAllowed, detail: "\(request.method.rawValue) kan hier niet; wel: \(toegestaan.joined(separator: ", ")).",
                          headers: ["Allow": toegestaan.joined(separator: ", ")]), request: request)
        } catch {
            response = try ProblemMiddleware.response(for: error, request: request)
        }
        // Defence in depth: a header value with a control character (CR, LF, NUL, …) never
        // leaves the server, whatever put it there.
        if let fout = response.headers.first(where: { !Self.veiligeHeaderwaarde($0.value) }) {
            request.logger.error("Antwoordheader met stuurteken geweigerd", metadata: ["header": .string(fout.name)])
            let veilig = Self.isApi(request.url.path)
                ? try ProblemMiddleware.response(for: Problem(.internalServerError, detail: "Er ging iets mis aan onze kant."), request: request)
                : await foutpagina(Abort(.internalServerError), request)
            response.status = veilig.status
            response.headers = veilig.headers
            response.body = veilig.body
        }
        let h = response.headers
        response.headers.replaceOrAdd(name: "API-Version", value: Self.apiVersie)
        response.headers.replaceOrAdd(name: "X-Request-ID", value: Self.verzoekID(request) ?? request.traceID)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "no-referrer")
        response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains")
        if !h.contains(name: .contentSecurityPolicy) {
            response.headers.replaceOrAdd(name: .contentSecurityPolicy, value: "default-src 'none'; frame-ancestors 'none'")
        }
        if !h.contains(name: .cacheControl) {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        // Path only, never the query string, and never a status-page token: no secrets or personal data in logs.
        let duur = ContinuousClock.now - start
        let pad = request.url.path.hasPrefix("/status/") ? "/status/…" : request.url.path
        request.logger.info("\(request.method.rawValue) \(pad) \(response.status.code) \(duur.components.attoseconds / 1_000_000_000_000_000 + duur.components.seconds * 1000)ms",
                            metadata: ["trace": .string(request.traceID)])
        return response
    }

    /// Visible ASCII, space and tab only (RFC 9110 field-value, without obs-text).
    package static func veiligeHeaderwaarde(_ waarde: String) -> Bool {
        waarde.utf8.allSatisfy { $0 == 0x09 || (0x20...0x7E).contains($0) }
    }

    /// API paths answer problem+json; everything else is a page for people.
    package static func isApi(_ path: String) -> Bool {
        path.hasPrefix("/api/") || path == "/api" || path == "/health" || path.hasPrefix("/dmks/") || path.hasPrefix("/logius/")
    }

    /// A caller-supplied X-Request-ID, if it is sane, is echoed; the trace id ties log lines to
    /// processing records.
    package static func verzoekID(_ request: Request) -> String? {
        if let given = request.headers.first(name: "X-Request-ID"), (1...64).contains(given.count),
           given.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            return given
        }
        return nil
    }

    /// Methods registered for this path under any method, for 405 + Allow. Only the most specific
    /// resource counts: `/meldingen/_zoek` is its own resource, not a `/meldingen/{zaaknummer}`.
    package func toegestaneMethoden(voor path: String) -> [String] {
        let delen = path.split(separator: "/").map(String.init)
        let passend = routes.all.map { $0.path.filter { $0 != .constant("") } }.enumerated().filter { Self.past($0.element, delen) }
        func vast(_ patroon: [PathComponent]) -> [Bool] { patroon.map { if case .constant = $0 { true } else { false } } }
        guard let meestSpecifiek = passend.map({ vast($0.element) }).max(by: { $0.lexicographicallyPrecedes($1) { !$0 && $1 } }) else { return [] }
        var methoden: Set<String> = []
        for (i, patroon) in passend where vast(patroon) == meestSpecifiek {
            let route = routes.all[i]
            methoden.insert(route.method.rawValue)
            if route.method == .GET { methoden.insert("HEAD") }
        }
        return methoden.sorted()
    }

    private static func past(_ patroon: [PathComponent], _ delen: [String]) -> Bool {
        for (i, component) in patroon.enumerated() {
            switch component {
            case .catchall: return delen.count > i
            case .anything, .parameter: if i >= delen.count { return false }
            case .constant(let c): if i >= delen.count || delen[i] != c { return false }
            }
        }
        return patroon.count == delen.count
    }

    package init(routes: Routes, foutpagina: @escaping @Sendable (any Error, Request) async -> Response) {
        self.routes = routes
        self.foutpagina = foutpagina
    }
}

/// The router matched a path parameter, but the segment names a resource of its own (such as
/// `_zoek`): answer as if no route matched, so the caller gets 405 with Allow.
package struct AndereBron: Error { package init() {} }


extension Request {
    private struct TraceKey: StorageKey { typealias Value = String }

    /// Set once per request by ApiConventiesMiddleware.
    package var traceID: String {
        get { storage[TraceKey.self] ?? id }
        set { storage[TraceKey.self] = newValue }
    }
}
