
import MeldpuntCore
import Synchronization
import Vapor

/// Per-address limits on the anonymous doors (login, the public form, status pages, the public
/// API): a token bucket per address and door, in memory per instance. Over the limit: 429 with
/// Retry-After, before any work. `MELDPUNT_RATE_LIMITS=off` switches it off for load tests.
package final class Snelheidsbegrenzer: Sendable {
    package struct Regel: Sendable, Equatable {
        package let naam: String
        /// Requests allowed in a burst; refilled evenly over a minute.
        package let perMinuut: Int

        package init(naam: String, perMinuut: Int) {
            self.naam = naam
            self.perMinuut = perMinuut
        }
    }

    package struct Emmer {
        package var tokens: Double
        package var bijgewerkt: ContinuousClock.Instant

        package init(tokens: Double, bijgewerkt: ContinuousClock.Instant) {
            self.tokens = tokens
            self.bijgewerkt = bijgewerkt
        }
    }

    private let emmers = Mutex<[String: Emmer]>([:])
    /// Tests stop time here, so a limit does not depend on how fast a loaded machine runs them.
    private let vasteTijd = Mutex<ContinuousClock.Instant?>(nil)
    private let ingeschakeld: Mutex<Bool>
    package var aan: Bool { ingeschakeld.withLock { $0 } }
    /// Requests per minute per door, where not the default.
    package let perMinuut: [String: Int]

    /// Sending a melding or a file: 10 a minute; moving between the form's pages (text only): 60.
    /// Any other POST without a session (the language switch, a form of an expired session): 30.
    package static let standaard = ["inloggen": 10, "melden": 10, "meldenStap": 60, "status": 60, "publiekeApi": 300, "anoniem": 30]

    /// The door of every other POST without a session.
    package var anoniem: Regel { Regel(naam: "anoniem", perMinuut: perMinuut["anoniem"] ?? Self.standaard["anoniem"]!) }

    package init(aan: Bool, perMinuut: [String: Int] = [:]) {
        self.ingeschakeld = Mutex(aan)
        self.perMinuut = perMinuut
    }

    /// Tests that log in many users from one address switch the limits off.
    package func zetAan(_ aan: Bool) { ingeschakeld.withLock { $0 = aan } }

    package func zetTijdStil(_ stil: Bool) { vasteTijd.withLock { $0 = stil ? .now : nil } }

    /// Which door a request knocks on, if it is an anonymous one.
    package func regel(_ method: HTTPMethod, _ pad: String) -> Regel? {
        let naam: String? = switch (method, pad) {
        case (.POST, _) where pad == "/inloggen" || pad.hasPrefix("/inloggen/"): "inloggen"
        case (.POST, "/melden/stap"), (.POST, "/melden"), (.POST, "/melden/eerst-zelf"), (.POST, "/melden/wissen"): "meldenStap"
        case (.POST, _) where pad.hasPrefix("/melden"): "melden"
        case (_, _) where pad.hasPrefix("/status/"): "status"
        case (.GET, "/api/v1/gemeenten"), (.GET, "/api/v1/registraties"), (.GET, "/api/v1/termijnen"), (.GET, "/api/v1/openapi.json"):
            "publiekeApi"
        default: nil
        }
        return naam.map { Regel(naam: $0, perMinuut: perMinuut[$0] ?? Self.standaard[$0] ?? 60) }
    }

    /// nil: go ahead; else the seconds to wait.
    package func neem(_ regel: Regel, adres: String, nu gegeven: ContinuousClock.Instant? = nil) -> Int? {
        guard aan else { return nil }
        let nu = gegeven ?? vasteTijd.withLock { $0 } ?? .now
        let sleutel = regel.naam + "|" + adres
        let perSeconde = Double(regel.perMinuut) / 60
        return emmers.withLock { emmers in
            if emmers.count > 100_000 { Self.ruimOp(&emmers, nu: nu) }
            var e = emmers[sleutel] ?? Emmer(tokens: Double(regel.perMinuut), bijgewerkt: nu)
            let verstreken = Double((nu - e.bijgewerkt).components.seconds) + Double((nu - e.bijgewerkt).components.attoseconds) / 1e18
            e.tokens = min(Double(regel.perMinuut), e.tokens + verstreken * perSeconde)
            e.bijgewerkt = nu
            guard e.tokens >= 1 else {
                emmers[sleutel] = e
                return max(1, Int(((1 - e.tokens) / perSeconde).rounded(.up)))
            }
            e.tokens -= 1
            emmers[sleutel] = e
            return nil
        }
    }

    /// Buckets idle for over a minute are full again: forget them.
    private static func ruimOp(_ emmers: inout [String: Emmer], nu: ContinuousClock.Instant) {
        emmers = emmers.filter { nu - $0.value.bijgewerkt < .seconds(60) }
    }

    /// The client's address: the peer, or with MELDPUNT_TRUSTED_PROXY=1 the last address the
    /// proxy added to X-Forwarded-For (earlier entries are the client's own to forge).
    package static func adres(_ request: Request, vertrouwProxy: Bool) -> String {
        if vertrouwProxy, let xff = request.headers.first(name: .xForwardedFor),
           let laatste = xff.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !laatste.isEmpty {
            return String(laatste.prefix(64))
        }
        return request.remoteAddress?.ipAddress ?? "onbekend"
    }
}

package struct SnelheidsbegrenzingMiddleware: AsyncMiddleware {
    package let begrenzer: Snelheidsbegrenzer
    package let vertrouwProxy: Bool

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let regel = begrenzer.regel(request.method, request.url.path),
           let wacht = begrenzer.neem(regel, adres: Snelheidsbegrenzer.adres(request, vertrouwProxy: vertrouwProxy)) {
            request.logger.notice("Te veel verzoeken", metadata: ["deur": .string(regel.naam)])
            throw TeVeelVerzoeken(wachtSeconden: wacht)
        }
        return try await next.respond(to: request)
    }

    package init(begrenzer: Snelheidsbegrenzer, vertrouwProxy: Bool) {
        self.begrenzer = begrenzer
        self.vertrouwProxy = vertrouwProxy
    }
}

/// 429 with Retry-After; a page or problem+json like every other error.
package struct TeVeelVerzoeken: AbortError {
    package let wachtSeconden: Int
    package var status: HTTPResponseStatus { .tooManyRequests }
    package var reason: String { "Te veel verzoeken. Probeer het over \(wachtSeconden) seconden opnieuw." }
    package var headers: HTTPHeaders { ["Retry-After": String(wachtSeconden)] }

    package init(wachtSeconden: Int) {
        self.wachtSeconden = wachtSeconden
    }
}
