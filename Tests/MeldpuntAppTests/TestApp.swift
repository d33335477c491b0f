import MeldpuntCore
import MeldpuntBezorging
import AsyncHTTPClient
import Fluent
import Foundation
import NIOCore
import NIOPosix
import SQLKit
import Synchronization
import Testing
import Vapor
@testable import MeldpuntApp
@testable import MeldpuntHTTP
@testable import MeldpuntAPI
@testable import MeldpuntWeb

/// A clock the tests can move: deadlines depend on "today".
final class TestKlok: Sendable {
    private let tijd: Mutex<Date>
    init(_ start: Date) { tijd = Mutex(start) }
    var nu: Date { tijd.withLock { $0 } }
    func zet(_ d: Date) { tijd.withLock { $0 = d } }
}

/// A problem+json answer, as a client reads it.
struct Probleem: Decodable {
    struct Parameter: Decodable { let name: String; let code: String; let reason: String }
    let type: String
    let title: String
    let status: Int
    let detail: String
    let invalidParams: [Parameter]?
}

/// What a test sees of one HTTP response.
struct TestResponse {
    let status: HTTPResponseStatus
    let headers: HTTPHeaders
    let body: Data

    func json<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try JSONDecoder.api.decode(T.self, from: body)
    }

    var object: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    var array: [[String: Any]] { (try? JSONSerialization.jsonObject(with: body)) as? [[String: Any]] ?? [] }
    var tekst: String { String(decoding: body, as: UTF8.self) }

    /// The invalidParams names of a problem+json answer.
    var ongeldigeNamen: [String] { (object["invalidParams"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String } }
    var ongeldigeCodes: [String] { (object["invalidParams"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String } }
    var isProblem: Bool { headers.first(name: .contentType)?.hasPrefix("application/problem+json") == true }
}

/// One migrated SQLite database with the reference data, made on first use, that tests copy.
actor SQLiteSjabloon {
    static let gedeeld = SQLiteSjabloon()
    private var maken: Task<String, any Error>?

    func pad() async throws -> String {
        if maken == nil {
            maken = Task {
                let pad = FileManager.default.temporaryDirectory.appendingPathComponent("meldpunt-sjabloon-\(UUID().uuidString).sqlite").path
                let app = try await Application.make(.testing)
                app.logger.logLevel = .warning
                do {
                    try await configure(app, database: .sqlite(path: pad))
                    // Everything into the main file, so a plain copy is the whole database.
                    _ = try await (app.db as! any SQLDatabase).raw("PRAGMA wal_checkpoint(TRUNCATE)").all()
                } catch {
                    try? await app.asyncShutdown()
                    throw error
                }
                try await app.asyncShutdown()
                return pad
            }
        }
        return try await maken!.value
    }
}

/// Organisations with API keys that every test gets.
struct TestSleutels {
    var belastingdienst = ""
    var svb = ""
    var amsterdam = ""
    var rotterdam = ""
    var rvig = ""
    var abo = ""  // RNI-deelnemer 0101 (Belastingdienst inzake heffingen en toeslagen)
    var meldpunt = ""
}

/// A running Meldpunt on a real port with a fresh database: SQLite in a temporary file, or, when
/// MELDPUNT_TEST_DATABASE_URL is set, PostgreSQL in a schema of its own (so tests run in parallel).
final class TestApp: @unchecked Sendable {
    let app: Application
    let client: HTTPClient
    let port: Int
    let klok: TestKlok
    var sleutels = TestSleutels()
    /// The authenticator secrets of the test users, per e-mail address.
    let telefoons = Mutex<[String: Data]>([:])
    private let schema: String?
    private let sqlitePad: String?

    static let meldpuntOIN = "00000099000000001000"

    /// Monday 23 November 2026, 10:00 in Amsterdam.
    static let standaardTijd = ISO8601DateFormatter().date(from: "2026-11-23T09:00:00Z")!

    static func start(tijd: Date = standaardTijd) async throws -> TestApp {
        // On PostgreSQL each app holds up to a dozen connections: at most so many apps at once,
        // so a parallel run stays under the server's max_connections (CI: 500).
        if ProcessInfo.processInfo.environment["MELDPUNT_TEST_DATABASE_URL"].map({ !$0.isEmpty }) == true { await Testpoort.postgres.wacht() }
        let app = try await Application.make(.testing)
        app.logger.logLevel = .warning
        // A pool of its own: with the shared one (as many threads as cores), every app's SQLite
        // work and bcrypt queue behind all other tests running at the same time.
        app.threadPool = NIOThreadPool(numberOfThreads: 2)
        let keuze: DatabaseKeuze
        var schema: String?
        var pad: String?
        if let url = ProcessInfo.processInfo.environment["MELDPUNT_TEST_DATABASE_URL"], !url.isEmpty {
            schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            keuze = .postgres(url: url, schema: schema)
        } else {
            pad = FileManager.default.temporaryDirectory.appendingPathComponent("meldpunt-test-\(UUID().uuidString).sqlite").path
            // A copy of a database migrated and loaded once per test run: configure then finds
            // everything in place, instead of every test creating 40 tables and 350 organisations.
            try FileManager.default.copyItem(atPath: try await SQLiteSjabloon.gedeeld.pad(), toPath: pad!)
            keuze = .sqlite(path: pad!)
        }
        do {
            try await configure(app, database: keuze)
            // Nothing leaves a test app: what would be sent is kept for the test to read.
            app.bezorgers = Geheugenbezorgers()
            let klok = TestKlok(tijd)
            app.klok = Klok { klok.nu }
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = app.http.server.shared.localAddress!.port!
            let t = TestApp(app: app, port: port, klok: klok, schema: schema, sqlitePad: pad)
            do {
                try await t.maakTestorganisaties()
            } catch {
                // An HTTP client never shut down ends the process; the app stops below.
                try? await t.client.shutdown()
                throw error
            }
            return t
        } catch {
            try? await app.asyncShutdown()
            if keuze.isPostgres { await Testpoort.postgres.geefVrij() }
            throw error
        }
    }

    private init(app: Application, port: Int, klok: TestKlok, schema: String?, sqlitePad: String?) {
        self.app = app
        self.port = port
        self.klok = klok
        self.schema = schema
        self.sqlitePad = sqlitePad
        self.client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                                 configuration: Self.clientConfiguratie)
    }

    /// Generous waits: on a loaded two-core CI machine, hundreds of queued requests are normal.
    private static var clientConfiguratie: HTTPClient.Configuration {
        var c = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(120), read: .seconds(120)))
        c.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 16)
        return c
    }

    private func maakTestorganisaties() async throws {
        let db = app.db
        func sleutel(_ org: Organisatie) async throws -> String {
            try await Organisaties.maakApiSleutel(voor: org, omschrijving: "test", on: db).1
        }
        sleutels.belastingdienst = try await sleutel(Organisaties.voegToe(naam: "Belastingdienst", oin: "00000001003214345000", gemeentecode: nil, rollen: [.afnemer], on: db))
        sleutels.svb = try await sleutel(Organisaties.voegToe(naam: "SVB", oin: "00000001002220647000", gemeentecode: nil, rollen: [.afnemer], on: db))
        sleutels.amsterdam = try await sleutel(Organisaties.zoek(oin: nil, gemeentecode: "0363", on: db))
        sleutels.rotterdam = try await sleutel(Organisaties.zoek(oin: nil, gemeentecode: "0599", on: db))
        sleutels.rvig = try await sleutel(Organisaties.zoek(oin: nil, gemeentecode: "1999", on: db))
        sleutels.meldpunt = try await sleutel(Organisaties.voegToe(naam: "Meldpunt", oin: TestApp.meldpuntOIN, gemeentecode: nil, rollen: [.meldpunt], on: db))
        let abo = try await Organisatie.query(on: db).filter(\.$rniDeelnemerCode == "0101").first()!
        sleutels.abo = try await sleutel(abo)
    }

    func stop() async {
        try? await client.shutdown()
        await app.server.shutdown()
        if let schema {
            _ = try? await (app.db as! any SQLDatabase).raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").all()
        }
        try? await app.asyncShutdown()
        if let sqlitePad {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: sqlitePad + suffix) }
        }
        if schema != nil { await Testpoort.postgres.geefVrij() }
    }

    // MARK: Requests

    func request(_ method: HTTPMethod, _ path: String, sleutel: String? = nil, headers extra: HTTPHeaders = [:],
                 body: Data? = nil, contentType: String? = "application/json") async throws -> TestResponse {
        var req = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        req.method = method
        if let sleutel { req.headers.add(name: .authorization, value: "Bearer \(sleutel)") }
        if let body {
            req.body = .bytes(ByteBuffer(data: body))
            if let contentType { req.headers.add(name: .contentType, value: contentType) }
        }
        for (k, v) in extra { req.headers.replaceOrAdd(name: k, value: v) }
        let resp = try await client.execute(req, timeout: .seconds(60))
        let data = try await resp.body.collect(upTo: 64 * 1024 * 1024)
        return TestResponse(status: resp.status, headers: resp.headers, body: Data(buffer: data))
    }

    func get(_ path: String, _ sleutel: String? = nil) async throws -> TestResponse {
        try await request(.GET, path, sleutel: sleutel)
    }

    func post(_ path: String, _ sleutel: String?, json: Any) async throws -> TestResponse {
        try await request(.POST, path, sleutel: sleutel, body: JSONSerialization.data(withJSONObject: json))
    }

    /// Files a terugmelding and returns its referentie (fails the test if it was not 201).
    @discardableResult
    func meld(_ body: [String: Any] = Voorbeeld.terugmelding(), door sleutel: String? = nil) async throws -> String {
        let r = try await post("/api/v1/terugmeldingen", sleutel ?? sleutels.belastingdienst, json: body)
        #expect(r.status == .created, "\(r.tekst)")
        return try #require(r.object["terugMeldingReferentie"] as? String)
    }

    func wijzig(_ ref: String, _ sleutel: String, _ body: [String: Any]) async throws -> TestResponse {
        try await post("/api/v1/terugmeldingen/\(ref)/statuswijzigingen", sleutel, json: body)
    }
}

/// Runs `body` with a fresh running app and always stops it.
func metApp(tijd: Date = TestApp.standaardTijd, _ body: (TestApp) async throws -> Void) async throws {
    let t = try await TestApp.start(tijd: tijd)
    do {
        try await body(t)
    } catch {
        await t.stop()
        throw error
    }
    await t.stop()
}

/// Request bodies used across tests.
enum Voorbeeld {
    static let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0] + Array(repeating: 7, count: 40) + [0xFF, 0xD9])
    static let pdf = Data("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8))

    /// The Logius example request, made valid as the issue says: a valid BSN, a gemeentecode,
    /// the explanation the FAQ calls necessary, and real JPEG bytes instead of the placeholder.
    static func logiusVoorbeeld(gemeentecode: String = "0363") throws -> [String: Any] {
        let url = Bundle.module.url(forResource: "Fixtures/terugmelden-voorbeeld", withExtension: "json")!
        var d = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        var header = d["terugMeldingHeader"] as! [String: Any]
        header["gemeentecode"] = gemeentecode
        header["toelichting"] = "Betrokkene heeft bij de aanvraag een huurcontract getoond met een ander huisnummer."
        d["terugMeldingHeader"] = header
        var body = d["terugMeldingBody"] as! [String: Any]
        var ids = body["objectIdentificatie"] as! [[String: Any]]
        ids[0]["idWaarde"] = "999993653"
        body["objectIdentificatie"] = ids
        var gegevens = body["terugMeldingGegevens"] as! [[String: Any]]
        var bijlages = gegevens[0]["bijlages"] as! [[String: Any]]
        bijlages[0]["bijlageData"] = jpeg.base64EncodedString()
        gegevens[0]["bijlages"] = bijlages
        body["terugMeldingGegevens"] = gegevens
        d["terugMeldingBody"] = body
        return d
    }

    static func onveranderdLogiusVoorbeeld() throws -> [String: Any] {
        let url = Bundle.module.url(forResource: "Fixtures/terugmelden-voorbeeld", withExtension: "json")!
        return try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    /// An item the RNI keeps (an address abroad), for terugmeldingen to 1999.
    static let rniGegeven = "urn:brp:persoon:verblijfplaats:adres-buitenland"

    static func terugmelding(
        gemeentecode: String = "0363",
        ids: [(String, String)] = [("urn:brp:persoon:bsn", "999993653")],
        bijlagen: [(String, String, Data)] = [],
        toelichting: String? = "De persoon woont volgens onze gegevens op nummer 21.",
        kenmerk: String? = "BD-001",
        gegeven: String = "urn:brp:persoon:binnenlands-adres-ingezetene:huisnummer"
    ) -> [String: Any] {
        var header: [String: Any] = [
            "registratie": ["basisRegistratieCode": "BRP"],
            "gemeentecode": gemeentecode,
            "melder": ["naam": "T. Ester", "email": "t.ester@belastingdienst.nl", "telefoon": "+31-70-1234567"],
        ]
        if let toelichting { header["toelichting"] = toelichting }
        if let kenmerk { header["referentiekenmerk"] = kenmerk }
        return [
            "terugMeldingHeader": header,
            "terugMeldingBody": [
                "objectIdentificatie": ids.map { ["objectType": "persoon", "attribuutUrn": $0.0, "idWaarde": $0.1] },
                "terugMeldingGegevens": [[
                    "attribuutUrn": gegeven,
                    "betwijfeldeWaarde": "23",
                    "voorgesteldeWaarde": "21",
                    "bijlages": bijlagen.map { ["bestandsnaam": $0.0, "mimeType": $0.1, "bijlageData": $0.2.base64EncodedString()] },
                ] as [String: Any]],
            ] as [String: Any],
        ]
    }
}

/// A counting gate: at most `plaatsen` holders at once, the others wait in order.
actor Testpoort {
    static let postgres = Testpoort(plaatsen: 24)

    private var vrij: Int
    private var wachtenden: [CheckedContinuation<Void, Never>] = []

    init(plaatsen: Int) { vrij = plaatsen }

    func wacht() async {
        if vrij > 0 { vrij -= 1; return }
        await withCheckedContinuation { wachtenden.append($0) }
    }

    func geefVrij() {
        if wachtenden.isEmpty { vrij += 1 } else { wachtenden.removeFirst().resume() }
    }
}

extension DatabaseKeuze {
    var isPostgres: Bool { if case .postgres = self { true } else { false } }
}
