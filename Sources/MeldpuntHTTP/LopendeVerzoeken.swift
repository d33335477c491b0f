
import MeldpuntCore
import Synchronization
import Vapor

/// Requests still being handled. On SIGTERM the server first stops accepting, then Vapor closes
/// the databases; a handler whose client already hung up can still be running then. Shutdown
/// waits here until every handler has finished (or the grace period ends), so none of them
/// meets a closed database.
package final class LopendeVerzoeken: Sendable {
    private let aantal = Mutex(0)

    package init() {}

    package var lopend: Int { aantal.withLock { $0 } }

    package func begin() { aantal.withLock { $0 += 1 } }
    package func einde() { aantal.withLock { $0 -= 1 } }

    /// True when all finished within `maximaal`.
    package func wachtTotKlaar(maximaal: Duration) async -> Bool {
        let einde = ContinuousClock.now + maximaal
        while lopend > 0 {
            guard ContinuousClock.now < einde else { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }
}

package struct LopendeVerzoekenMiddleware: AsyncMiddleware {
    package let lopend: LopendeVerzoeken

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        lopend.begin()
        defer { lopend.einde() }
        return try await next.respond(to: request)
    }

    package init(lopend: LopendeVerzoeken) {
        self.lopend = lopend
    }
}

/// Runs before Fluent's own shutdown (lifecycle handlers stop in reverse order). Vapor stops the
/// HTTP server only after the lifecycle handlers, so this stops it first: otherwise requests
/// keep arriving after the drain and meet a closed database.
package struct Afronden: LifecycleHandler {
    package let lopend: LopendeVerzoeken
    package let maximaal: Duration

    package func shutdownAsync(_ application: Application) async {
        // No new connections; open ones finish their request (a second call later is a no-op).
        await application.server.shutdown()
        let n = lopend.lopend
        guard n > 0 else { return }
        application.logger.notice("Afsluiten: wacht op \(n) lopende verzoek(en)")
        if await !lopend.wachtTotKlaar(maximaal: maximaal) {
            application.logger.warning("Afsluiten: \(lopend.lopend) verzoek(en) niet binnen \(maximaal) klaar")
        }
    }

    package init(lopend: LopendeVerzoeken, maximaal: Duration) {
        self.lopend = lopend
        self.maximaal = maximaal
    }
}

extension Application {
    private struct LopendKey: StorageKey { typealias Value = LopendeVerzoeken }

    package var lopendeVerzoeken: LopendeVerzoeken {
        get { storage[LopendKey.self] ?? LopendeVerzoeken() }
        set { storage[LopendKey.self] = newValue }
    }
}

/// Keeps the meldpunt's contact details fresh (at most one read per `Contactbron.geldigheid`): a
/// failed read keeps the details last read rather than failing the request.
package struct ContactbronMiddleware: AsyncMiddleware {
    package init() {}

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do { try await request.application.contactbron.vernieuw(request.db) } catch {
            request.logger.warning("Contactgegevens niet gelezen: \(Foutbeschrijving.veilig(error))")
        }
        return try await next.respond(to: request)
    }
}
