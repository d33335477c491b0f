import MeldpuntCore
import Vapor

/// What one running instance shares between its requests: the group-commit writer and the caches.

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
