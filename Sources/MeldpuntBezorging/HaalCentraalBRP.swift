import AsyncHTTPClient
import Foundation
import Logging
import MeldpuntCore
import NIOCore
import NIOHTTP1
import NIOFoundationCompat
import NIOSSL

/// Haal Centraal BRP Personen 2.x: `POST {base}/personen` with `RaadpleegMetBurgerservicenummer`,
/// `fields` limited to what choosing a bronhouder needs. Every failure — an error status, a
/// malformed answer, a timeout — is `onbeschikbaar`; the BSN is only ever in the request body,
/// never in a URL or a log line.
package struct HaalCentraalBRP: BRPBevrager {
    /// Data minimisation: the gemeente van inschrijving (1999 is the RNI) and whether the person
    /// died; `inOnderzoek` comes with them. No address: nothing here needs one.
    package static let velden = ["gemeenteVanInschrijving", "overlijden"]
    package let basis: String
    package let apiSleutel: String?
    package let http: HTTPClient
    package let termijn: TimeAmount
    package let logger: Logger

    package init(basis: String, apiSleutel: String?, http: HTTPClient, termijn: TimeAmount = .seconds(2), logger: Logger) {
        self.basis = basis.hasSuffix("/") ? String(basis.dropLast()) : basis
        self.apiSleutel = apiSleutel
        self.http = http
        self.termijn = termijn
        self.logger = logger
    }

    /// A client for the BRP: no redirects, short timeouts, an optional PKIoverheid client certificate.
    package static func client(_ group: any EventLoopGroup, tls: TLSConfiguration?, termijn: TimeAmount = .seconds(2)) -> HTTPClient {
        var c = HTTPClient.Configuration(tlsConfiguration: tls, redirectConfiguration: .disallow,
                                         timeout: .init(connect: termijn, read: termijn))
        c.connectionPool = .init(idleTimeout: .seconds(30))
        return HTTPClient(eventLoopGroup: group, configuration: c)
    }

    struct Vraag: Encodable {
        let type = "RaadpleegMetBurgerservicenummer"
        let burgerservicenummer: [String]
        let fields: [String]
    }

    struct Antwoord: Decodable {
        struct Persoon: Decodable {
            struct Waarde: Decodable { let code: String?; let omschrijving: String? }
            struct Overlijden: Decodable { let datum: JSONIets? }
            struct InOnderzoek: Decodable { let gemeenteVanInschrijving: Bool? }
            let gemeenteVanInschrijving: Waarde?
            let overlijden: Overlijden?
            let inOnderzoek: InOnderzoek?
        }
        let personen: [Persoon]?
    }

    /// Any JSON value, when only its presence matters.
    struct JSONIets: Decodable { init(from decoder: any Decoder) throws {} }

    package func raadpleeg(bsn: String, traceparent: String) async -> BRPAntwoord {
        do {
            var verzoek = HTTPClientRequest(url: basis + "/personen")
            verzoek.method = .POST
            verzoek.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
            verzoek.headers.add(name: "Accept", value: "application/json")
            // The BRP's own processing log joins to our record of this lookup.
            verzoek.headers.add(name: "traceparent", value: traceparent)
            if let apiSleutel { verzoek.headers.add(name: "X-API-KEY", value: apiSleutel) }
            verzoek.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(Vraag(burgerservicenummer: [bsn], fields: Self.velden))))
            let antwoord = try await http.execute(verzoek, timeout: termijn)
            let body = try await antwoord.body.collect(upTo: 1024 * 1024)
            // An older BRP API (and some gateways) answers an unknown person with 404.
            if antwoord.status == .notFound { return .nietGevonden }
            guard antwoord.status == .ok else {
                logger.warning("BRP antwoordt \(antwoord.status.code)", metadata: ["trace": .string(traceparent)])
                return .onbeschikbaar
            }
            let gelezen = try JSONDecoder().decode(Antwoord.self, from: body)
            guard let p = gelezen.personen?.first else { return .nietGevonden }
            return .gevonden(BRPInschrijving(gemeentecode: p.gemeenteVanInschrijving?.code, gemeentenaam: p.gemeenteVanInschrijving?.omschrijving,
                                             overleden: p.overlijden?.datum != nil, inOnderzoek: p.inOnderzoek?.gemeenteVanInschrijving == true))
        } catch {
            // The kind of failure only: never the request, which holds the BSN.
            logger.warning("BRP niet bereikbaar: \(String(describing: type(of: error)))", metadata: ["trace": .string(traceparent)])
            return .onbeschikbaar
        }
    }
}
