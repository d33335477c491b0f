import MeldpuntCore
import Foundation
import Vapor

/// PostgreSQL can neither store nor compare text holding a NUL character; SQLite can. This one
/// seam keeps NUL out of every request, so both databases see the same input: an API body with
/// `\u0000` is refused with a clear 400, and forms and query strings lose it (a browser never
/// sends NUL for typed text).
package enum NulTekens {
    package static func installeer() {
        ContentConfiguration.global.use(decoder: WeigerendeJSONDecoder(basis: JSONDecoder.api), for: .json)
        // Forms, multipart bodies and query strings are first counted (BegrensdeDecoder).
        ContentConfiguration.global.use(decoder: BegrensdeDecoder.formulier, for: .urlEncodedForm)
        ContentConfiguration.global.use(decoder: BegrensdeDecoder.multipart, for: .formData)
        ContentConfiguration.global.use(urlDecoder: BegrensdeDecoder.formulier)
    }

    private static let escape = Array(#"\u0000"#.utf8)

    /// A raw NUL byte, or a `\u0000` escape that is not itself an escaped backslash followed by text.
    package static func inJSON(_ bytes: some Collection<UInt8>) -> Bool {
        let b = Array(bytes)
        if b.contains(0) { return true }
        var i = 0
        while i + escape.count <= b.count {
            if b[i] == 0x5C, Array(b[i..<(i + escape.count)]) == escape {
                var voorafgaand = 0
                var j = i - 1
                while j >= 0 && b[j] == 0x5C { voorafgaand += 1; j -= 1 }
                if voorafgaand % 2 == 0 { return true }
            }
            i += 1
        }
        return false
    }

    /// `%00` and raw NUL bytes removed from form or query text.
    package static func zonderNul(_ tekst: String) -> String {
        tekst.replacingOccurrences(of: "%00", with: "").replacingOccurrences(of: "\0", with: "")
    }
}

package struct WeigerendeJSONDecoder: ContentDecoder {
    package let basis: JSONDecoder

    package func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try decode(decodable, from: body, headers: headers, userInfo: [:])
    }

    package func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders, userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
        if NulTekens.inJSON(body.readableBytesView) {
            throw Problem.ongeldig("body", "nulTeken", "Tekst met een NUL-teken (\\u0000) kan niet worden verwerkt; laat het weg.")
        }
        return try basis.decode(decodable, from: body, headers: headers, userInfo: userInfo)
    }

    package init(basis: JSONDecoder) {
        self.basis = basis
    }
}

package struct SchonendeFormulierDecoder: ContentDecoder {
    private let basis = URLEncodedFormDecoder()

    package func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try decode(decodable, from: body, headers: headers, userInfo: [:])
    }

    package func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders, userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
        let schoon = NulTekens.zonderNul(String(decoding: body.readableBytesView, as: UTF8.self))
        return try basis.decode(decodable, from: ByteBuffer(string: schoon), headers: headers, userInfo: userInfo)
    }
}

package struct SchonendeQueryDecoder: URLQueryDecoder {
    private let basis = URLEncodedFormDecoder()

    package func decode<D: Decodable>(_ decodable: D.Type, from url: URI) throws -> D {
        try decode(decodable, from: url, userInfo: [:])
    }

    package func decode<D: Decodable>(_ decodable: D.Type, from url: URI, userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
        var schoon = url
        schoon.query = url.query.map(NulTekens.zonderNul)
        return try basis.decode(decodable, from: schoon, userInfo: userInfo)
    }
}
