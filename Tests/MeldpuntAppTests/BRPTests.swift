import AsyncHTTPClient
import Fluent
import Foundation
import Logging
import MeldpuntBezorging
import MeldpuntCore
import MeldpuntDomain
import NIOCore
import NIOPosix
import Testing
import Vapor
@testable import MeldpuntHTTP

/// Runs `body` with the mock BRP and a client for it, and always stops both.
func metBRP(termijn: TimeAmount = .seconds(2), sleutel: String? = BRPMock.sleutel, _ body: (BRPMock, HaalCentraalBRP) async throws -> Void) async throws {
    let mock = try await BRPMock.start()
    let http = HaalCentraalBRP.client(MultiThreadedEventLoopGroup.singleton, tls: nil)
    let brp = HaalCentraalBRP(basis: mock.basis, apiSleutel: sleutel, http: http, termijn: termijn, logger: Logger(label: "test"))
    do { try await body(mock, brp) } catch { try? await http.shutdown(); await mock.stop(); throw error }
    try? await http.shutdown()
    await mock.stop()
}

/// A BSN that passes the elfproef but is no test person.
let onbekendBSN = "999990007"

@Suite("Haal Centraal BRP: the client and its failures")
struct BRPClientTests {
    @Test func gemeenteVanInschrijvingEnRNI() async throws {
        try await metBRP { mock, brp in
            #expect(await brp.raadpleeg(bsn: "999993653", traceID: "t1") == .gevonden(BRPInschrijving(gemeentecode: "0599", gemeentenaam: "Rotterdam")))
            guard case .gevonden(let rni) = await brp.raadpleeg(bsn: "999994426", traceID: "t2") else { Issue.record("niet gevonden"); return }
            #expect(rni.inRNI && rni.gemeentecode == "1999")
            #expect(BRPMock.personen[onbekendBSN] == nil)
            #expect(await brp.raadpleeg(bsn: onbekendBSN, traceID: "t3") == .nietGevonden)
            // What was sent: only the fields needed, the BSN in the body and never in the URL, the key in its header.
            let verzonden = mock.ontvangen.withLock { $0.map { ($0.sleutel, $0.pad) } }
            #expect(verzonden.count == 3)
            #expect(verzonden.allSatisfy { $0.0 == BRPMock.sleutel && $0.1 == "/haalcentraal/api/brp/personen" })
            let bodies = mock.bodies()
            #expect(bodies[0]["fields"] as? [String] == ["gemeenteVanInschrijving", "verblijfplaats", "overlijden"])
            #expect(bodies[0]["burgerservicenummer"] as? [String] == ["999993653"])
        }
    }

    @Test func eenFoutEenTraagAntwoordEnEenVerkeerdeSleutelZijnOnbeschikbaar() async throws {
        try await metBRP(termijn: .milliseconds(500)) { mock, brp in
            mock.gedrag.withLock { $0 = .fout(500) }
            #expect(await brp.raadpleeg(bsn: "999993653", traceID: "t") == .onbeschikbaar)
            mock.gedrag.withLock { $0 = .fout(503) }
            #expect(await brp.raadpleeg(bsn: "999993653", traceID: "t") == .onbeschikbaar)
            mock.gedrag.withLock { $0 = .traag(3) }
            let begin = ContinuousClock.now
            #expect(await brp.raadpleeg(bsn: "999993653", traceID: "t") == .onbeschikbaar)
            #expect(ContinuousClock.now - begin < .seconds(2), "de termijn breekt een traag antwoord af")
        }
        try await metBRP(sleutel: "verkeerd") { _, brp in
            #expect(await brp.raadpleeg(bsn: "999993653", traceID: "t") == .onbeschikbaar)
        }
        // Nobody listening at all.
        let http = HaalCentraalBRP.client(MultiThreadedEventLoopGroup.singleton, tls: nil)
        let weg = HaalCentraalBRP(basis: "http://127.0.0.1:9/haalcentraal/api/brp", apiSleutel: nil, http: http, logger: Logger(label: "test"))
        #expect(await weg.raadpleeg(bsn: "999993653", traceID: "t") == .onbeschikbaar)
        try await http.shutdown()
    }

    @Test func elkeRaadplegingStaatInHetLogboek() async throws {
        try await metBRP { _, brp in
            try await metApp { t in
                t.app.brp = brp
                let org = try await Organisaties.zoek(oin: nil, gemeentecode: "0363", on: t.app.db)
                let raadpleging = BRPRaadpleging(bevrager: brp, pseudoniemen: t.app.pseudoniemen, db: t.app.db, schrijver: t.app.schrijver, traceID: "trace-brp", nu: t.klok.nu)
                let antwoord = try await raadpleging.inschrijving(BSN("999993653")!, doel: .bronhouderControleren, organisatie: org.id)
                #expect(antwoord == .gevonden(BRPInschrijving(gemeentecode: "0599", gemeentenaam: "Rotterdam")))
                let regel = try #require(try await Verwerkingslogregel.query(on: t.app.db).filter(\.$traceID == "trace-brp").first())
                #expect(regel.actie == "brp.raadplegen.bronhouderControleren" && regel.organisatieID == org.id)
                #expect(regel.betrokkeneHash == t.app.pseudoniemen.pseudoniem("bsn:999993653"))
                // Without a configured BRP nothing is asked and nothing logged.
                let zonder = BRPRaadpleging(bevrager: nil, pseudoniemen: t.app.pseudoniemen, db: t.app.db, schrijver: t.app.schrijver, traceID: "trace-geen", nu: t.klok.nu)
                #expect(try await zonder.inschrijving(BSN("999993653")!, doel: .gemeenteKiezen, organisatie: org.id) == nil)
                #expect(try await Verwerkingslogregel.query(on: t.app.db).filter(\.$traceID == "trace-geen").count() == 0)
            }
        }
    }
}
