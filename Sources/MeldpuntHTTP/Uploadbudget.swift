import Synchronization
import Vapor

/// How many bytes of upload bodies the server holds in memory at once (`MELDPUNT_UPLOAD_BUFFER_MB`).
/// A page's upload that does not fit gets 503 at once (a person sends again); an API upload waits
/// a while for room first, since systems send in bursts and would otherwise only retry.
package final class UploadBudget: Sendable {
    package let limiet: Int
    /// How long an API upload waits for room before it gets 503.
    package let wachttijd: Duration
    private let inGebruik = Mutex(0)

    package init(limiet: Int, wachttijd: Duration = .seconds(30)) {
        self.limiet = limiet
        self.wachttijd = wachttijd
    }

    /// Room for `bytes` now, or false. A body larger than the whole budget takes the whole budget.
    package func reserveer(_ bytes: Int) -> Bool {
        let bytes = min(bytes, limiet)
        return inGebruik.withLock { n in
            guard n + bytes <= limiet else { return false }
            n += bytes
            return true
        }
    }

    /// Room for `bytes`, waiting at most `maximaal` for other uploads to finish.
    package func wacht(op bytes: Int, maximaal: Duration) async -> Bool {
        let eind = ContinuousClock.now + maximaal
        while !reserveer(bytes) {
            guard ContinuousClock.now < eind, (try? await Task.sleep(for: .milliseconds(10))) != nil else { return false }
        }
        return true
    }

    package func geefVrij(_ bytes: Int) { inGebruik.withLock { $0 -= min(bytes, limiet) } }

    package var bezet: Int { inGebruik.withLock { $0 } }
}

extension Application {
    private struct UploadBudgetKey: StorageKey { typealias Value = UploadBudget }

    package var uploadBudget: UploadBudget {
        get { storage[UploadBudgetKey.self] ?? UploadBudget(limiet: 0) }
        set { storage[UploadBudgetKey.self] = newValue }
    }
}

/// Large API bodies only within the upload budget, reserved before a byte is read. A JSON body
/// with base64 attachments is held three times while it is read: the bytes, the decoded strings
/// and the attachments' bytes.
package struct UploadBudgetMiddleware: AsyncMiddleware {
    /// Bodies up to this size (the routes' default limit) need no reservation.
    static let klein = 1024 * 1024
    static let factor = 3

    package init() {}

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .POST || request.method == .PUT || request.method == .PATCH, request.body.data == nil else {
            return try await next.respond(to: request)
        }
        let lengte = request.headers.first(name: .contentLength).flatMap(Int.init)
        guard lengte.map({ $0 > Self.klein }) ?? (request.headers.first(name: .transferEncoding) != nil) else {
            return try await next.respond(to: request)
        }
        let budget = request.application.uploadBudget
        let bytes = (lengte ?? budget.limiet) * Self.factor
        guard await budget.wacht(op: bytes, maximaal: budget.wachttijd) else {
            throw Abort(.serviceUnavailable, headers: ["Retry-After": "10"])
        }
        defer { budget.geefVrij(bytes) }
        return try await next.respond(to: request)
    }
}
