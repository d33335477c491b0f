
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

/// Commits what the group-commit writer still holds before the database closes.
package struct SchrijverStoppen: LifecycleHandler {
    package let schrijver: Schrijver

    package func shutdownAsync(_ application: Application) async { await schrijver.stop() }

    package init(schrijver: Schrijver) { self.schrijver = schrijver }
}

extension Application {
    private struct SchrijverKey: StorageKey { typealias Value = Schrijver }

    /// The one group-commit writer of this instance, set in `configure`.
    package var schrijver: Schrijver? {
        get { storage[SchrijverKey.self] }
        set { storage[SchrijverKey.self] = newValue }
    }
}

extension Application {
    private struct SleutelcacheKey: StorageKey { typealias Value = Sleutelcache }
    private struct OrganisatiecacheKey: StorageKey { typealias Value = Organisatiecache }

    /// Organisation names for answers, shared by every request of this instance.
    /// Set once in `configure`, before any route runs.
    package var organisatiecache: Organisatiecache {
        get { storage[OrganisatiecacheKey.self]! }
        set { storage[OrganisatiecacheKey.self] = newValue }
    }

    /// Checked API keys, shared by every request of this instance.
    /// Set once in `configure`, before any route runs.
    package var sleutelcache: Sleutelcache {
        get { storage[SleutelcacheKey.self]! }
        set { storage[SleutelcacheKey.self] = newValue }
    }
}

/// Static files only under the folders that exist in Public/ (read once at start): every other
/// path goes straight to the routes without touching the disk.
package struct StatischeBestandenMiddleware: AsyncMiddleware {
    let bestanden: FileMiddleware
    let voorvoegsels: [String]

    package init(map: String) {
        bestanden = FileMiddleware(publicDirectory: map)
        let namen = (try? FileManager.default.contentsOfDirectory(atPath: map)) ?? []
        voorvoegsels = namen.filter { !$0.hasPrefix(".") }.map { n in
            var isMap: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: (map as NSString).appendingPathComponent(n), isDirectory: &isMap)
            return "/" + n + (isMap.boolValue ? "/" : "")
        }
    }

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let pad = request.url.path
        guard voorvoegsels.contains(where: { $0.hasSuffix("/") ? pad.hasPrefix($0) : pad == $0 }) else {
            return try await next.respond(to: request)
        }
        return try await bestanden.respond(to: request, chainingTo: next)
    }
}
