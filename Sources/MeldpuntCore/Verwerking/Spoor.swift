import Crypto
import Foundation
import ServiceContextModule
import Synchronization
import W3CTraceContext

/// The W3C trace context of the work at hand (a request, a command, a background round), as
/// Logboek Dataverwerkingen asks: a caller's `traceparent` is taken over, so its log and ours join;
/// otherwise a new trace starts. It travels in the `ServiceContext` (swift-service-context, which
/// Vapor carries across its own future boundaries), so every processing record, outgoing message
/// and BRP call made on the work's behalf finds it.
package final class Spoor: Sendable {
    /// 32 lowercase hex digits.
    package let traceID: String
    /// The caller's span (16 hex digits), when it sent a `traceparent`.
    package let ouderSpanID: String?
    /// The span of the work's first processing record: what outgoing calls and messages name as
    /// their parent, so a partner's record of them joins to it.
    package let eersteSpanID: String
    private let eersteGenomen = Mutex(false)

    package static var huidig: Spoor? { ServiceContext.current?.spoor }

    /// Runs `werk` with this trace context as the current one.
    package func metSpoor<T>(_ werk: () async throws -> T) async rethrows -> T {
        var context = ServiceContext.current ?? .topLevel
        context.spoor = self
        return try await ServiceContext.withValue(context) { try await werk() }
    }

    /// From a `traceparent` header value; anything malformed starts a new trace (the standard:
    /// a receiver never fails on a bad header).
    package init(traceparent: String?) {
        if let waarde = traceparent, waarde.utf8.count == 55,
           let context = try? TraceContext(traceParentHeaderValue: waarde) {
            traceID = context.traceID.description
            ouderSpanID = context.spanID.description
        } else {
            traceID = Self.nieuweTraceID()
            ouderSpanID = nil
        }
        eersteSpanID = Self.nieuweSpanID()
    }

    /// A new trace for work nobody asked for over the network (a command, the demo data).
    package convenience init() { self.init(traceparent: nil) }

    /// The span for the next processing record: the first gets the span outgoing messages name.
    package func volgendeSpanID() -> String {
        eersteGenomen.withLock { genomen in
            defer { genomen = true }
            return genomen ? Self.nieuweSpanID() : eersteSpanID
        }
    }

    /// What this work passes on (sampled: a processing log never samples).
    package var traceparent: String { "00-\(traceID)-\(eersteSpanID)-01" }

    package static func nieuweTraceID() -> String { TraceID.random().description }
    package static func nieuweSpanID() -> String { SpanID.random().description }

    /// A stored trace id as the 32 hex digits the standard needs: today's are that already, a
    /// UUID (older rows) loses its dashes, anything else (a caller's X-Request-ID of old, "demo")
    /// is hashed to a stable id.
    package static func w3cTraceID(_ opgeslagen: String) -> String {
        let zonderStreepjes = opgeslagen.lowercased().replacingOccurrences(of: "-", with: "")
        if zonderStreepjes.utf8.count == 32, zonderStreepjes.utf8.allSatisfy(Self.isHex) { return zonderStreepjes }
        return Sleutels.hex(SHA256.hash(data: Data(opgeslagen.utf8)).prefix(16))
    }

    package static func isHex(_ c: UInt8) -> Bool { (0x30...0x39).contains(c) || (0x61...0x66).contains(c) }
}

private enum SpoorSleutel: ServiceContextKey {
    typealias Value = Spoor
}

extension ServiceContext {
    package var spoor: Spoor? {
        get { self[SpoorSleutel.self] }
        set { self[SpoorSleutel.self] = newValue }
    }
}
