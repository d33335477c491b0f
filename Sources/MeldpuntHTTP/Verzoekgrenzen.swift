import MeldpuntCore
import Vapor

/// Limits every request meets before any work (issue 26): a deadline that cancels the handler,
/// and a query string of bounded length. Sits inside the error mapping, so a request past its
/// deadline gets a clear 503 with `Retry-After` (problem+json or a page).
package struct VerzoekgrenzenMiddleware: AsyncMiddleware {
    /// Longer query strings are refused with 414: no page or filter needs more.
    package static let maxQuery = 8192
    /// Seconds a request may take; one with a body over 1 MB gets five times as long.
    package let termijn: Int

    package init(termijn: Int) { self.termijn = termijn }

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let q = request.url.query, q.utf8.count > Self.maxQuery {
            throw Abort(.uriTooLong, reason: "De zoekvraag in het adres is te lang (hoogstens \(Self.maxQuery) tekens).")
        }
        let groot = (request.headers.first(name: .contentLength).flatMap(Int.init) ?? 0) > 1024 * 1024
        do {
            return try await Termijn.binnen(.seconds(groot ? 5 * termijn : termijn)) { try await next.respond(to: request) }
        } catch let fout as TermijnVerstreken {
            request.logger.warning("Verzoek na zijn termijn afgebroken", metadata: ["termijn": .string("\(fout.limiet)")])
            throw Abort(.serviceUnavailable, headers: ["Retry-After": "5"])
        }
    }
}

/// URL-encoded forms and query strings are parsed by Vapor in time that grows with the square
/// of the number of repeated keys (20,000 `a[]=1` kept a core busy for a minute, issue 26), and
/// multipart bodies part by part. These decoders count fields and measure keys in one pass over
/// the bytes first, and refuse what no form of the meldpunt sends.
package struct BegrensdeDecoder: ContentDecoder, URLQueryDecoder {
    /// No form has more fields (the citizen's wizard with every consequence and file has ~150).
    package static let maxVelden = 500
    /// Longer keys are no field names of ours (they also bound nesting like `a[b][c]…`).
    package static let maxSleutel = 100
    /// Parts of a multipart body: the fields of a form with up to 10 files.
    package static let maxDelen = 200

    enum Soort { case formulier, multipart }
    let soort: Soort

    package static let formulier = BegrensdeDecoder(soort: .formulier)
    package static let multipart = BegrensdeDecoder(soort: .multipart)

    package func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try decode(D.self, from: body, headers: headers, userInfo: [:])
    }

    package func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders, userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
        switch soort {
        case .formulier:
            try Self.controleer(body.readableBytesView)
            return try SchonendeFormulierDecoder().decode(D.self, from: body, headers: headers, userInfo: userInfo)
        case .multipart:
            if let grens = headers.contentType?.parameters["boundary"] {
                try Self.controleerDelen(body.readableBytesView, grens: Array(grens.utf8))
            }
            return try FormDataDecoder().decode(D.self, from: body, headers: headers, userInfo: userInfo)
        }
    }

    package func decode<D: Decodable>(_ decodable: D.Type, from url: URI) throws -> D {
        try decode(D.self, from: url, userInfo: [:])
    }

    package func decode<D: Decodable>(_ decodable: D.Type, from url: URI, userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
        try Self.controleer((url.query ?? "").utf8)
        return try SchonendeQueryDecoder().decode(D.self, from: url, userInfo: userInfo)
    }

    /// One pass: at most `maxVelden` fields, each key at most `maxSleutel` bytes.
    package static func controleer<C: Collection<UInt8>>(_ bytes: C) throws {
        var velden = 1
        var sleutel = 0
        var inSleutel = true
        for b in bytes {
            switch b {
            case UInt8(ascii: "&"):
                velden += 1
                guard velden <= maxVelden else { throw Abort(.badRequest, reason: "Het formulier heeft te veel velden (hoogstens \(maxVelden)).") }
                sleutel = 0
                inSleutel = true
            case UInt8(ascii: "=") where inSleutel:
                inSleutel = false
            default:
                guard inSleutel else { continue }
                sleutel += 1
                guard sleutel <= maxSleutel else { throw Abort(.badRequest, reason: "Een veldnaam in het formulier is te lang.") }
            }
        }
    }

    /// Counts the parts by their delimiter line (`\r\n--grens`), in one pass.
    static func controleerDelen<C: Collection<UInt8>>(_ bytes: C, grens: [UInt8]) throws {
        let scheiding = Array("\r\n--".utf8) + grens
        var delen = 0
        var i = bytes.startIndex
        while let cr = bytes[i...].firstIndex(of: 0x0D) {
            if bytes.distance(from: cr, to: bytes.endIndex) >= scheiding.count, bytes[cr..<bytes.index(cr, offsetBy: scheiding.count)].elementsEqual(scheiding) {
                delen += 1
                guard delen <= maxDelen else { throw Abort(.badRequest, reason: "Het formulier heeft te veel delen (hoogstens \(maxDelen)).") }
                i = bytes.index(cr, offsetBy: scheiding.count)
            } else {
                i = bytes.index(after: cr)
            }
        }
    }

    /// The value of one field of a URL-encoded body, read without decoding the others (the
    /// CSRF check reads `_csrf` of any form, before the handler decodes it).
    package static func veld<C: Collection<UInt8>>(_ naam: String, in bytes: C) -> String? {
        func tekst(_ b: some Sequence<UInt8>) -> String? {
            String(decoding: b.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: " ") : $0 }, as: UTF8.self).removingPercentEncoding
        }
        var begin = bytes.startIndex
        while begin < bytes.endIndex {
            let einde = bytes[begin...].firstIndex(of: UInt8(ascii: "&")) ?? bytes.endIndex
            let stuk = bytes[begin..<einde]
            let isteken = stuk.firstIndex(of: UInt8(ascii: "=")) ?? stuk.endIndex
            // A key may come percent-encoded (`%5Fcsrf`); keys longer than ours are skipped unread.
            if stuk.distance(from: stuk.startIndex, to: isteken) <= 3 * naam.utf8.count, tekst(stuk[..<isteken]) == naam {
                return isteken == stuk.endIndex ? "" : tekst(stuk[stuk.index(after: isteken)...])
            }
            begin = einde == bytes.endIndex ? einde : bytes.index(after: einde)
        }
        return nil
    }
}
