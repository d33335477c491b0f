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

/// Runs `body` with the mock BRP and a client for it, and always stops both. The deadline is
/// generous: a loaded test machine must not turn a normal answer into "unavailable".
func metBRP(termijn: TimeAmount = .seconds(60), sleutel: String? = BRPMock.sleutel, _ body: (BRPMock, HaalCentraalBRP) async throws -> Void) async throws {
    let mock = try await BRPMock.start()
    let http = HaalCentraalBRP.client(MultiThreadedEventLoopGroup.singleton, tls: nil, termijn: termijn)
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
            #expect(await brp.raadpleeg(bsn: "999993653", traceparent: "t1") == .gevonden(BRPInschrijving(gemeentecode: "0599", gemeentenaam: "Rotterdam")))
            guard case .gevonden(let rni) = await brp.raadpleeg(bsn: "999994426", traceparent: "t2") else { Issue.record("niet gevonden"); return }
            #expect(rni.inRNI && rni.gemeentecode == "1999")
            #expect(BRPMock.personen[onbekendBSN] == nil)
            #expect(await brp.raadpleeg(bsn: onbekendBSN, traceparent: "t3") == .nietGevonden)
            // What was sent: only the fields needed, the BSN in the body and never in the URL, the key in its header.
            let verzonden = mock.ontvangen.withLock { $0.map { ($0.sleutel, $0.pad) } }
            #expect(verzonden.count == 3)
            #expect(verzonden.allSatisfy { $0.0 == BRPMock.sleutel && $0.1 == "/haalcentraal/api/brp/personen" })
            let bodies = mock.bodies()
            #expect(bodies[0]["fields"] as? [String] == ["gemeenteVanInschrijving", "overlijden"])
            #expect(bodies[0]["burgerservicenummer"] as? [String] == ["999993653"])
        }
    }

    @Test func eenFoutEenTraagAntwoordEnEenVerkeerdeSleutelZijnOnbeschikbaar() async throws {
        try await metBRP { mock, brp in
            mock.gedrag.withLock { $0 = .fout(404) }
            #expect(await brp.raadpleeg(bsn: "999993653", traceparent: "t") == .nietGevonden)
            mock.gedrag.withLock { $0 = .fout(500) }
            #expect(await brp.raadpleeg(bsn: "999993653", traceparent: "t") == .onbeschikbaar)
            mock.gedrag.withLock { $0 = .fout(503) }
            #expect(await brp.raadpleeg(bsn: "999993653", traceparent: "t") == .onbeschikbaar)
            // Slower than the deadline: broken off (a client with a short one; the answer takes far longer).
            mock.gedrag.withLock { $0 = .traag(5) }
            let http = HaalCentraalBRP.client(MultiThreadedEventLoopGroup.singleton, tls: nil, termijn: .seconds(1))
            let kort = HaalCentraalBRP(basis: mock.basis, apiSleutel: BRPMock.sleutel, http: http, termijn: .seconds(1), logger: Logger(label: "test"))
            #expect(await kort.raadpleeg(bsn: "999993653", traceparent: "t") == .onbeschikbaar)
            try await http.shutdown()
        }
        try await metBRP(sleutel: "verkeerd") { _, brp in
            #expect(await brp.raadpleeg(bsn: "999993653", traceparent: "t") == .onbeschikbaar)
        }
        // Nobody listening at all.
        let http = HaalCentraalBRP.client(MultiThreadedEventLoopGroup.singleton, tls: nil)
        let weg = HaalCentraalBRP(basis: "http://127.0.0.1:9/haalcentraal/api/brp", apiSleutel: nil, http: http, logger: Logger(label: "test"))
        #expect(await weg.raadpleeg(bsn: "999993653", traceparent: "t") == .onbeschikbaar)
        try await http.shutdown()
    }

    @Test func elkeRaadplegingStaatInHetLogboek() async throws {
        try await metBRP { mock, brp in
            try await metApp { t in
                t.app.brp = brp
                let org = try await Organisaties.zoek(oin: nil, gemeentecode: "0363", on: t.app.db)
                let raadpleging = BRPRaadpleging(bevrager: brp, pseudoniemen: t.app.pseudoniemen, db: t.app.db, schrijver: t.app.schrijver, traceID: "trace-brp", nu: t.klok.nu)
                // A caller's trace context: our record names its span as parent, the BRP gets ours.
                let spoor = Spoor(traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                let antwoord = try await spoor.metSpoor {
                    try await raadpleging.inschrijving(BSN("999993653")!, doel: .bronhouderControleren, organisatie: org.id)
                }
                #expect(antwoord == .gevonden(BRPInschrijving(gemeentecode: "0599", gemeentenaam: "Rotterdam")))
                let regel = try #require(try await Verwerkingslogregel.query(on: t.app.db).filter(\.$traceID == "trace-brp").first())
                #expect(regel.actie == "brp.raadplegen.bronhouderControleren" && regel.organisatieID == org.id)
                #expect(regel.betrokkeneHash == t.app.pseudoniemen.pseudoniem("bsn:999993653"))
                #expect(regel.ouderSpanID == "00f067aa0ba902b7" && regel.status == Verwerkingsstatus.ok.rawValue)
                let span = try #require(regel.spanID)
                #expect(mock.ontvangen.withLock { $0.last?.traceparent } == "00-\(Spoor.w3cTraceID("trace-brp"))-\(span)-01")
                // A BRP that fails: the record says so (status Error).
                mock.gedrag.withLock { $0 = .fout(500) }
                let mislukt = BRPRaadpleging(bevrager: brp, pseudoniemen: t.app.pseudoniemen, db: t.app.db, schrijver: t.app.schrijver, traceID: "trace-stuk", nu: t.klok.nu)
                #expect(try await mislukt.inschrijving(BSN("999993653")!, doel: .gemeenteKiezen, organisatie: org.id) == .onbeschikbaar)
                #expect(try await Verwerkingslogregel.query(on: t.app.db).filter(\.$traceID == "trace-stuk").first()?.status == Verwerkingsstatus.fout.rawValue)
                // Without a configured BRP nothing is asked and nothing logged.
                let zonder = BRPRaadpleging(bevrager: nil, pseudoniemen: t.app.pseudoniemen, db: t.app.db, schrijver: t.app.schrijver, traceID: "trace-geen", nu: t.klok.nu)
                #expect(try await zonder.inschrijving(BSN("999993653")!, doel: .gemeenteKiezen, organisatie: org.id) == nil)
                #expect(try await Verwerkingslogregel.query(on: t.app.db).filter(\.$traceID == "trace-geen").count() == 0)
            }
        }
    }
}

@Suite("Haal Centraal BRP where it helps a person decide")
struct BRPGebruikTests {
    private func wizard(_ t: TestApp) async throws -> (Browser, String) {
        try await t.gebruiker("bd@test.nl", rol: .afnemer, oin: "00000001003214345000")
        let b = Browser(t)
        try await b.login("bd@test.nl")
        _ = try await b.get("/terugmeldingen")
        let r = try await b.post("/terugmeldingen/nieuw", [:])
        let locatie = try #require(r.headers.first(name: .location))
        _ = try await b.get(locatie)
        return (b, String(locatie.dropLast("/registratie".count)))
    }

    @Test func deWizardStelDeGemeenteVanInschrijvingVoor() async throws {
        try await metBRP { mock, brp in
            try await metApp { t in
                t.app.brp = brp
                let (b, basis) = try await wizard(t)
                _ = try await b.post("\(basis)/registratie", ["gemeente": "0363 Amsterdam", "actie": "volgende"])
                #expect(try await b.post("\(basis)/persoon", ["bsn": "999993653", "anummer": "", "adres": "", "actie": "volgende"]).status == .seeOther)
                // Rotterdam according to the BRP, Amsterdam chosen: said on the next step, with the choice.
                let gegevens = try await b.get("\(basis)/gegevens")
                #expect(gegevens.tekst.contains("Volgens de BRP staat deze persoon ingeschreven in Rotterdam (0599), niet in Amsterdam (0363) die u koos."))
                #expect(gegevens.tekst.contains("Rotterdam kiezen"))
                #expect(try await Verwerkingslogregel.query(on: t.app.db).filter(\.$actie == "brp.raadplegen.gemeenteKiezen").count() == 1)
                // Saving the person again with the same BSN does not ask again.
                _ = try await b.post("\(basis)/persoon", ["bsn": "999993653", "anummer": "", "adres": "", "actie": "volgende"])
                #expect(mock.ontvangen.withLock { $0.count } == 1)
                // Taking the suggestion changes only the gemeente.
                #expect(try await b.post("\(basis)/gegevens", ["actie": "brpGemeente"]).headers.first(name: .location) == "\(basis)/gegevens")
                let registratie = try await b.get("\(basis)/registratie")
                #expect(registratie.tekst.contains("value=\"0599 Rotterdam\"") && registratie.tekst.contains("de gemeente die u koos"))

                // A person in the RNI: RvIG is offered.
                _ = try await b.post("\(basis)/persoon", ["bsn": "999994426", "anummer": "", "adres": "", "actie": "volgende"])
                #expect(try await b.get("\(basis)/gegevens").tekst.contains("RvIG (RNI) kiezen"))
                // Unknown BSN: a warning, not a stop.
                _ = try await b.post("\(basis)/persoon", ["bsn": onbekendBSN, "anummer": "", "adres": "", "actie": "volgende"])
                #expect(try await b.get("\(basis)/gegevens").tekst.contains("De BRP kent geen levende persoon met dit BSN."))
                // The BRP down: the wizard says so and goes on.
                mock.gedrag.withLock { $0 = .fout(500) }
                let verder = try await b.post("\(basis)/persoon", ["bsn": "999993653", "anummer": "", "adres": "", "actie": "volgende"])
                #expect(verder.status == .seeOther && verder.headers.first(name: .location) == "\(basis)/gegevens")
                #expect(try await b.get("\(basis)/gegevens").tekst.contains("De BRP kon nu niet worden geraadpleegd."))
            }
        }
    }

    @Test func deBijhouderZietWaarDePersoonStaatIngeschrevenEnStuurtDoor() async throws {
        try await metBRP { mock, brp in
            try await metApp { t in
                t.app.brp = brp
                try await t.gebruiker("ams@test.nl", rol: .bijhouder, gemeentecode: "0363")
                let ams = Browser(t)
                try await ams.login("ams@test.nl")
                // Filed at Amsterdam for a person the BRP has in Rotterdam.
                let ref = try await t.meld()
                let pagina = try await ams.get("/terugmeldingen/\(ref)")
                #expect(pagina.tekst.contains("Volgens de BRP staat deze persoon ingeschreven in Rotterdam (0599), niet bij u."))
                #expect(pagina.tekst.contains("Doorsturen naar Rotterdam") && pagina.tekst.contains("name=\"gemeentecode\" value=\"0599\""))
                let log = try #require(try await Verwerkingslogregel.query(on: t.app.db).filter(\.$actie == "brp.raadplegen.bronhouderControleren").first())
                #expect(log.terugmeldingID == UUID(uuidString: ref) && log.gebruikerID != nil)
                // The offered forward works as any forward.
                #expect(try await ams.post("/terugmeldingen/\(ref)/status", ["status": "Verkeerde bronhouder", "gemeentecode": "0599"]).status == .seeOther)
                let api = try await t.get("/api/v1/terugmeldingen/\(ref)", t.sleutels.belastingdienst)
                #expect((api.object["bijhouder"] as? [String: Any])?["gemeentecode"] as? String == "0599")

                // The BRP slower than the deadline: the page comes anyway, and says the lookup is unavailable.
                let ref2 = try await t.meld()
                mock.gedrag.withLock { $0 = .traag(8) }
                let http = HaalCentraalBRP.client(MultiThreadedEventLoopGroup.singleton, tls: nil, termijn: .seconds(1))
                t.app.brp = HaalCentraalBRP(basis: mock.basis, apiSleutel: BRPMock.sleutel, http: http, termijn: .seconds(1), logger: Logger(label: "test"))
                let traag = try await ams.get("/terugmeldingen/\(ref2)")
                #expect(traag.status == .ok && traag.tekst.contains("De BRP kon nu niet worden geraadpleegd."))
                #expect(traag.tekst.contains("In behandeling nemen"))
                try await http.shutdown()
            }
        }
    }

    @Test func zonderBronhouderRoutetHetSysteemNaarDeGemeenteVanInschrijving() async throws {
        try await metBRP { _, brp in
            try await metApp { t in
                t.app.brp = brp
                // The Logius draft's body names no gemeente: the BRP's is used.
                var body = try Voorbeeld.logiusVoorbeeld()
                var header = body["terugMeldingHeader"] as! [String: Any]
                header["gemeentecode"] = nil
                body["terugMeldingHeader"] = header
                let r = try await t.post("/logius/terugmelden/v0.2/terugmelding", t.sleutels.belastingdienst, json: body)
                #expect(r.status == .ok, "\(r.tekst)")
                let ref = try #require(r.object["terugMeldingReferentie"] as? String)
                let detail = try await t.get("/api/v1/terugmeldingen/\(ref)", t.sleutels.belastingdienst)
                #expect((detail.object["bijhouder"] as? [String: Any])?["gemeentecode"] as? String == "0599")
                #expect(try await Verwerkingslogregel.query(on: t.app.db).filter(\.$actie == "brp.raadplegen.routeren").count() == 1)

                // Digimelding without a BehandelendeBronhouder leaf: to 's-Gravenhage, where the BRP has the person.
                let root = UUID()
                let zonder = DMKSBericht.boom(root: root, bsn: "999990639").replacingOccurrences(of: #"<dm:Annotatie><dm:BehandelendeBronhouder"#, with: "<dm:Annotatie><dm:Referentiekenmerk")
                    .replacingOccurrences(of: "<dm:Bronhouder>0363</dm:Bronhouder></dm:BehandelendeBronhouder>", with: "<dm:Kenmerk>X</dm:Kenmerk></dm:Referentiekenmerk>")
                let s = try await t.request(.POST, "/dmks/v1", sleutel: t.sleutels.belastingdienst, body: Data(zonder.utf8), contentType: "text/xml")
                #expect(s.status == .ok, "\(s.tekst)")
                let dmks = try await t.get("/api/v1/terugmeldingen/\(root.uuidString)", t.sleutels.belastingdienst)
                #expect((dmks.object["bijhouder"] as? [String: Any])?["gemeentecode"] as? String == "0518")
            }
        }
    }
}
