import Foundation
import MeldpuntCore

/// Transports that keep what they are given instead of sending it, and refuse the first
/// `fouten` calls as a failing receiver would: for tests of delivery, retries and content.
package final class Geheugenbezorgers: Bezorgers, @unchecked Sendable {
    private let slot = NSLock()
    private var _mails: [UitgaandeMail] = []
    private var _webhooks: [UitgaandeWebhook] = []
    private var _pogingen = 0
    private var _fouten: Int

    package init(fouten: Int = 0) { _fouten = fouten }

    package var mails: [UitgaandeMail] { slot.withLock { _mails } }
    package var webhooks: [UitgaandeWebhook] { slot.withLock { _webhooks } }
    package var pogingen: Int { slot.withLock { _pogingen } }
    package var fouten: Int {
        get { slot.withLock { _fouten } }
        set { slot.withLock { _fouten = newValue } }
    }

    private func poging() throws {
        try slot.withLock {
            _pogingen += 1
            if _fouten > 0 {
                _fouten -= 1
                throw BezorgFout("503 van de ontvanger")
            }
        }
    }

    package func verstuur(_ mail: UitgaandeMail) async throws {
        try poging()
        slot.withLock { _mails.append(mail) }
    }

    package func verstuur(_ webhook: UitgaandeWebhook) async throws {
        try poging()
        slot.withLock { _webhooks.append(webhook) }
    }
}
