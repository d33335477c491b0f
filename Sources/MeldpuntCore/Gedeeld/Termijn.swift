import Foundation

/// Work that has a deadline: past it the work's task is cancelled and `TermijnVerstreken` is
/// thrown. Cancellation stops what checks for it (the bounded loops of the detector and the
/// candidate list do; a database query in flight finishes first). Requests and background
/// rounds both go through here, so nothing the server starts runs on without end.
package enum Termijn {
    package static func binnen<T: Sendable>(_ limiet: Duration, _ werk: @escaping @Sendable () async throws -> T) async throws -> T {
        let begin = ContinuousClock.now
        let taak = Task { try await werk() }
        let wekker = Task {
            try await Task.sleep(for: limiet)
            taak.cancel()
        }
        defer { wekker.cancel() }
        do {
            // Work that finishes, even after the deadline (it ignored the cancellation), keeps its answer.
            return try await withTaskCancellationHandler { try await taak.value } onCancel: { taak.cancel() }
        } catch {
            if ContinuousClock.now - begin >= limiet { throw TermijnVerstreken(limiet: limiet) }
            throw error
        }
    }
}

package struct TermijnVerstreken: Error, CustomStringConvertible {
    package let limiet: Duration
    package var description: String { "Termijn van \(limiet) verstreken" }
}

/// What may be written in a log about an error: never a value it carries. An encoding or
/// decoding error holds the value it failed on (a whole request with a BSN, a name, an e-mail:
/// issue 26), so only its kind and depth are told; other errors by type and at most 300
/// characters of their description (database errors describe themselves without values).
package enum Foutbeschrijving {
    package static func veilig(_ error: any Error) -> String {
        switch error {
        case let e as EncodingError:
            if case .invalidValue(_, let c) = e { return "EncodingError.invalidValue op diepte \(c.codingPath.count)" }
            return "EncodingError"
        case let d as DecodingError:
            switch d {
            case .typeMismatch(_, let c): return "DecodingError.typeMismatch op diepte \(c.codingPath.count)"
            case .valueNotFound(_, let c): return "DecodingError.valueNotFound op diepte \(c.codingPath.count)"
            case .keyNotFound(_, let c): return "DecodingError.keyNotFound op diepte \(c.codingPath.count)"
            case .dataCorrupted(let c): return "DecodingError.dataCorrupted op diepte \(c.codingPath.count)"
            @unknown default: return "DecodingError"
            }
        default:
            let tekst = String(describing: error)
            return String(reflecting: type(of: error)) + ": " + String(tekst.unicodeScalars.prefix(300).map(Character.init))
        }
    }
}
