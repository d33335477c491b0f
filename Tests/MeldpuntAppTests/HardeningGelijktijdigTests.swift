import MeldpuntCore
import AsyncHTTPClient
import Fluent
import Foundation
import MeldpuntDomain
import NIOCore
import SQLKit
import Testing
import Vapor
@testable import MeldpuntApp
@testable import MeldpuntHTTP
@testable import MeldpuntAPI
@testable import MeldpuntWeb

@Suite("Hardening: gelijktijdige schrijvers")
struct GelijktijdigTests {
    /// Many writers at once on one database: filings, status changes and case intake interleave;
    /// none of them may end in a 5xx (SQLite: writers queue for the write lock).
    @Test func honderdenGelijktijdigeVerzoekenZonder5xx() async throws {
        try await metApp { t in
            let refs = try await withThrowingTaskGroup(of: String.self) { groep in
                for i in 0..<40 { groep.addTask { try await t.meld(Voorbeeld.terugmelding(kenmerk: "GL-\(i)")) } }
                return try await groep.reduce(into: []) { $0.append($1) }
            }
            let statussen = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { groep in
                for (i, ref) in refs.enumerated() {
                    groep.addTask { try await t.wijzig(ref, t.sleutels.amsterdam, ["status": "In behandeling"]).status }
                    groep.addTask { try await t.wijzig(ref, t.sleutels.amsterdam, ["status": "In behandeling"]).status }   // the same step twice: one 409
                    groep.addTask { try await t.post("/api/v1/meldingen", t.sleutels.svb, json: MeldingApiTests.melding()).status }
                    groep.addTask { try await t.get("/api/v1/terugmeldingen?pageSize=5&page=\(i % 3 + 1)", t.sleutels.amsterdam).status }
                }
                return try await groep.reduce(into: []) { $0.append($1) }
            }
            #expect(statussen.count == 160)
            #expect(statussen.allSatisfy { $0.code < 500 }, "\(statussen.filter { $0.code >= 500 })")
            #expect(statussen.filter { $0 == .conflict }.count == 40)
            #expect(try await Melding.query(on: t.app.db).count() == 40)
            #expect(try await Terugmelding.query(on: t.app.db).filter(\.$status == .inBehandeling).count() == 40)
        }
    }
}

@Suite("Hardening: afsluiten")
struct AfsluitenTests {
    /// SIGTERM: the server stops accepting, and the database closes only after every handler
    /// finished, also one whose client already hung up (before: a crash on the closed database).
    @Test func afsluitenWachtOpLopendeVerzoeken() async throws {
        let t = try await TestApp.start()
        do { try await afsluiten(t) } catch {
            // A failure stops the app too: a client left running ends the whole test process.
            await t.stop()
            throw error
        }
    }

    private func afsluiten(_ t: TestApp) async throws {
        let b = Browser(t)
        _ = try await b.get("/inloggen")
        // Five wrong passwords: the next attempt for this account is slowed down by a second.
        for _ in 0..<5 { _ = try await b.post("/inloggen", ["email": "x@y.nl", "wachtwoord": "fout-wachtwoord"]) }
        var verzoek = HTTPClientRequest(url: "http://127.0.0.1:\(t.port)/inloggen")
        verzoek.method = .POST
        verzoek.headers.add(name: "Cookie", value: b.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        verzoek.headers.add(name: .contentType, value: "application/x-www-form-urlencoded")
        verzoek.body = .bytes(ByteBuffer(string: "email=x%40y.nl&wachtwoord=fout-wachtwoord&_csrf=\(b.csrf)"))
        // The client gives up before the answer; the handler is still busy when shutdown starts.
        await #expect(throws: (any Error).self) { _ = try await t.client.execute(verzoek, timeout: .milliseconds(300)) }
        let lopend = t.app.lopendeVerzoeken
        #expect(lopend.lopend == 1)
        await t.stop()
        #expect(lopend.lopend == 0)
    }
}
