import Foundation
import NIOCore
import Synchronization
import Vapor

/// A small Haal Centraal BRP Personen server for the tests: `POST /haalcentraal/api/brp/personen`
/// in the API's shape, answering from the GBA-V test persons in `Fixtures/personen-testset.csv`,
/// and on demand with an error or slowly.
final class BRPMock: Sendable {
    enum Gedrag: Sendable { case normaal, fout(Int), traag(Double) }

    static let sleutel = "brp-test-sleutel"
    let app: Application
    let gedrag = Mutex<Gedrag>(.normaal)
    /// The bodies and headers received, to check what was sent.
    let ontvangen = Mutex<[(body: Data, sleutel: String?, pad: String, traceparent: String?)]>([])

    /// The JSON bodies received.
    func bodies() -> [[String: Any]] {
        ontvangen.withLock { $0.map(\.body) }.map { (try? JSONSerialization.jsonObject(with: $0)) as? [String: Any] ?? [:] }
    }

    static let personen: [String: String] = {
        let url = Bundle.module.url(forResource: "Fixtures/personen-testset", withExtension: "csv")!
        let regels = (try? String(contentsOf: url, encoding: .utf8))?.split(whereSeparator: \.isNewline) ?? []
        var uit: [String: String] = [:]
        for regel in regels.dropFirst() {
            let velden = csv(String(regel))
            if velden.count > 7 { uit[velden[0]] = velden[7] }
        }
        return uit
    }()

    static let namen = ["0518": "'s-Gravenhage", "0599": "Rotterdam", "0363": "Amsterdam", "1999": "Registratie Niet Ingezetenen (RNI)"]

    private init(app: Application) { self.app = app }

    var basis: String { "http://127.0.0.1:\(app.http.server.shared.localAddress!.port!)/haalcentraal/api/brp" }

    static func start() async throws -> BRPMock {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .warning
        let mock = BRPMock(app: app)
        app.post("haalcentraal", "api", "brp", "personen") { req async throws -> Response in
            let ruw = Data(buffer: req.body.data ?? ByteBuffer())
            let body = (try? JSONSerialization.jsonObject(with: ruw)) as? [String: Any] ?? [:]
            let sleutel = req.headers.first(name: "X-API-KEY"), pad = req.url.string
            mock.ontvangen.withLock { $0.append((ruw, sleutel, pad, req.headers.first(name: "traceparent"))) }
            switch mock.gedrag.withLock({ $0 }) {
            case .fout(let status):
                return Self.probleem(status, "Er is een fout opgetreden.")
            case .traag(let seconden):
                try await Task.sleep(for: .seconds(seconden))
            case .normaal:
                break
            }
            guard req.headers.first(name: "X-API-KEY") == Self.sleutel else { return Self.probleem(401, "Niet correct geauthenticeerd.") }
            guard body["type"] as? String == "RaadpleegMetBurgerservicenummer", let bsns = body["burgerservicenummer"] as? [String],
                  let fields = body["fields"] as? [String], !fields.isEmpty,
                  // Automatically delivered fields may not be asked for (the API answers 400).
                  !fields.contains(where: { ["inOnderzoek", "rni", "verificatie", "geheimhoudingPersoonsgegevens"].contains($0) })
            else { return Self.probleem(400, "Minimale combinatie van parameters moet worden opgegeven.") }
            let personen: [[String: Any]] = bsns.compactMap { bsn in
                guard let code = Self.personen[bsn] else { return nil }
                var p: [String: Any] = [:]
                if fields.contains("gemeenteVanInschrijving") {
                    p["gemeenteVanInschrijving"] = ["code": code, "omschrijving": Self.namen[code] ?? "Gemeente \(code)"]
                }
                if fields.contains("verblijfplaats") {
                    p["verblijfplaats"] = ["type": code == "1999" ? "VerblijfplaatsBuitenland" : "Adres"]
                }
                return p
            }
            let data = try JSONSerialization.data(withJSONObject: ["type": "RaadpleegMetBurgerservicenummer", "personen": personen])
            var h = HTTPHeaders()
            h.add(name: .contentType, value: "application/json; charset=utf-8")
            return Response(status: .ok, headers: h, body: .init(data: data))
        }
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        return mock
    }

    func stop() async {
        await app.server.shutdown()
        try? await app.asyncShutdown()
    }

    static func probleem(_ status: Int, _ titel: String) -> Response {
        var h = HTTPHeaders()
        h.add(name: .contentType, value: "application/problem+json")
        let body = try! JSONSerialization.data(withJSONObject: ["type": "https://datatracker.ietf.org/doc/html/rfc7231", "title": titel, "status": status])
        return Response(status: HTTPResponseStatus(statusCode: status), headers: h, body: .init(data: body))
    }

    /// One CSV line, with quoted fields.
    static func csv(_ regel: String) -> [String] {
        var velden: [String] = [], huidig = "", tussenAanhalingstekens = false
        for c in regel {
            if c == "\"" { tussenAanhalingstekens.toggle(); continue }
            if c == "," && !tussenAanhalingstekens { velden.append(huidig); huidig = ""; continue }
            huidig.append(c)
        }
        velden.append(huidig)
        return velden
    }
}
