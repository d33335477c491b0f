import Fluent
import Foundation
import MeldpuntBezorging
import MeldpuntCore
import MeldpuntDomain
import Synchronization
import Testing
import Vapor
@testable import MeldpuntApp
@testable import MeldpuntHTTP

/// A receiver that can be down, and keeps what it acknowledged.
final class Geheugenlogboek: Logboekontvanger {
    let ontvangen = Mutex<[Logboekrecord]>([])
    let stuk = Mutex(false)
    func exporteer(_ records: [Logboekrecord]) async throws {
        if stuk.withLock({ $0 }) { throw BezorgFout("collector weg") }
        ontvangen.withLock { $0.append(contentsOf: records) }
    }
}

/// Logboek Dataverwerkingen (issue 32): the trace context from a caller through our records to
/// the webhooks, the register of processing activities, and the export that loses nothing.
@Suite("Logboek Dataverwerkingen")
struct LogboekDataverwerkingenTests {
    static let traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

    @Test func hetRegisterDektElkeActie() throws {
        let register = Verwerkingsregister.standaard
        #expect(Set(register.activiteiten.map(\.id)).count == register.activiteiten.count)
        for actie in Verwerkingsactie.allCases {
            #expect(register.activiteit(voorActie: actie.rawValue) != nil, "\(actie.rawValue) hoort bij geen verwerkingsactiviteit")
        }
        let bekend = Set(Verwerkingsactie.allCases.map(\.rawValue))
        for a in register.activiteiten {
            #expect(a.versie >= 1 && !a.naam.nl.isEmpty && !a.naam.en.isEmpty && !a.grondslag.nl.isEmpty && !a.bewaartermijn.en.isEmpty)
            #expect(a.gegevens.nl.count == a.gegevens.en.count && !a.gegevens.nl.isEmpty)
            #expect(a.acties.allSatisfy(bekend.contains), "\(a.id) noemt een onbekende actie")
        }
    }

    @Test func eenTraceparentLooptVanHetVerzoekTotDeWebhook() async throws {
        try await metApp { t in
            let ontvanger = t.app.bezorgers as! Geheugenbezorgers
            let abonnement: [String: Any] = ["callbackUrl": "http://127.0.0.1:9/ontvang", "auth": "", "kanalen": [["naam": "terugmeldingen"]], "vorm": "cloudevents"]
            let a = try await t.post("/api/v1/abonnementen", t.sleutels.svb, json: abonnement)
            #expect(a.status == .created, Comment(rawValue: a.tekst))
            let r = try await t.request(.POST, "/api/v1/terugmeldingen", sleutel: t.sleutels.svb, headers: ["traceparent": Self.traceparent],
                                        body: try JSONSerialization.data(withJSONObject: Voorbeeld.terugmelding()))
            #expect(r.status == .created)
            let refTekst = try #require(r.object["terugMeldingReferentie"] as? String)
            let ref = try #require(UUID(uuidString: refTekst))
            let regel = try #require(try await Verwerkingslog.voor(terugmelding: ref, on: t.app.db).first)
            #expect(regel.actie == "terugmelding.aanmaken")
            // The caller's trace is ours; its span is our record's parent.
            #expect(regel.traceID == "4bf92f3577b34da6a3ce929d0e0e4736" && regel.ouderSpanID == "00f067aa0ba902b7")
            let span = try #require(regel.spanID)
            #expect(span.utf8.count == 16 && span.utf8.allSatisfy(Spoor.isHex) && span != "00f067aa0ba902b7")
            // The event it caused carries our record's span: the subscriber's log joins to it.
            let bericht = try #require(try await UitgaandBericht.query(on: t.app.db).filter(\.$soort == .webhook).all()
                .first { $0.inhoud.contains(ref.uuidString.lowercased()) })
            #expect(bericht.traceparent == "00-4bf92f3577b34da6a3ce929d0e0e4736-\(span)-01")
            _ = try await t.app.bezorging.ronde(nu: t.klok.nu)
            let verstuurd = try #require(ontvanger.webhooks.first { $0.id == bericht.id })
            #expect(verstuurd.headers.contains { $0.0 == "traceparent" && $0.1 == "00-4bf92f3577b34da6a3ce929d0e0e4736-\(span)-01" })

            // Without a traceparent (or with a malformed one) a new trace starts; X-Request-ID is only echoed.
            let zonder = try await t.request(.GET, "/api/v1/terugmeldingen/\(ref)", sleutel: t.sleutels.svb, headers: ["X-Request-ID": "mijn-verzoek", "traceparent": "00-zz-01"])
            #expect(zonder.status == .ok && zonder.headers.first(name: "X-Request-ID") == "mijn-verzoek")
            let lezen = try #require(try await Verwerkingslog.voor(terugmelding: ref, on: t.app.db).last)
            #expect(lezen.actie == "terugmelding.raadplegen" && lezen.ouderSpanID == nil)
            #expect(lezen.traceID.utf8.count == 32 && lezen.traceID.utf8.allSatisfy(Spoor.isHex) && lezen.traceID != regel.traceID)
        }
    }

    @Test func deExportVerliestNietsAlsDeCollectorWegIs() async throws {
        try await metApp { t in
            let ref = try await t.meld()
            _ = try await t.get("/api/v1/terugmeldingen/\(ref)", t.sleutels.amsterdam)
            let logboek = Geheugenlogboek()
            var export = Logboekexport(db: t.app.db, ontvanger: logboek, publiekeUrl: "https://meldpunt.example")
            export.batch = 1
            let totaal = try await Verwerkingslogregel.query(on: t.app.db).count()
            #expect(totaal >= 2)

            // Down: the round fails and nothing counts as sent.
            logboek.stuk.withLock { $0 = true }
            await #expect(throws: BezorgFout.self) { _ = try await export.ronde(nu: t.klok.nu) }
            #expect(try await Verwerkingslogregel.query(on: t.app.db).filter(\.$geexporteerdOp == nil).count() == totaal)

            // Back: batches until nothing waits, each record once.
            logboek.stuk.withLock { $0 = false }
            var rondes = 0
            while try await export.ronde(nu: t.klok.nu) > 0 { rondes += 1 }
            #expect(rondes == totaal)
            let records = logboek.ontvangen.withLock { $0 }
            #expect(records.count == totaal && Set(records.map(\.spanID)).count == totaal)
            #expect(try await Verwerkingslogregel.query(on: t.app.db).filter(\.$geexporteerdOp == nil).count() == 0)

            // The standard's attributes: activity by its register address, the pseudonym and its type.
            let aanmaken = try #require(records.first { $0.naam == "terugmelding.aanmaken" })
            let attributen = Dictionary(aanmaken.attributen, uniquingKeysWith: { a, _ in a })
            #expect(attributen["dpl.core.processing_activity_id"] == "https://meldpunt.example/api/v1/verwerkingsactiviteiten/terugmelden")
            #expect(attributen["dpl.core.data_subject_id"] == t.app.pseudoniemen.pseudoniem("bsn:999993653"))
            #expect(attributen["dpl.core.data_subject_id_type"] == "https://meldpunt.example/privacy#pseudoniem")
            #expect(aanmaken.status == .ok && aanmaken.traceID.utf8.count == 32)
        }
    }

    @Test func oudeRegelsKrijgenEenGeldigSpoor() {
        // Before the standard: a UUID trace keeps its digits, anything else hashes to a stable id.
        #expect(Spoor.w3cTraceID("ac08673a-8b4e-40de-be69-3997b3f386d7") == "ac08673a8b4e40debe693997b3f386d7")
        #expect(Spoor.w3cTraceID("demo") == Spoor.w3cTraceID("demo") && Spoor.w3cTraceID("demo").utf8.count == 32)
        let id = UUID(uuidString: "01890a5d-ac96-774b-bcce-b302099a8057")!
        #expect(Logboekexport.spanID(uit: id) == "bcceb302099a8057")
    }

    @Test func otlpInProtobufsDraadformaat() {
        // A KeyValue{key "a", value AnyValue{string "b"}} as field 1: the bytes protoc would write.
        var p = Protobuf()
        p.sleutelwaarde(1, "a", "b")
        #expect(p.bytes == [0x0A, 0x08, 0x0A, 0x01, 0x61, 0x12, 0x03, 0x0A, 0x01, 0x62])
        let record = Logboekrecord(traceID: "4bf92f3577b34da6a3ce929d0e0e4736", spanID: "00f067aa0ba902b7", ouderSpanID: nil, naam: "x",
                                   start: Date(timeIntervalSince1970: 1), eind: Date(timeIntervalSince1970: 2), status: .fout, attributen: [])
        let verzoek = OTLPProtobuf.exportTraceServiceRequest([record], dienst: "meldpunt", versie: "1")
        // The trace id's bytes are in it as a length-delimited field 1 of the span, the end time as fixed64.
        let trace: [UInt8] = [0x0A, 0x10, 0x4B, 0xF9, 0x2F, 0x35, 0x77, 0xB3, 0x4D, 0xA6, 0xA3, 0xCE, 0x92, 0x9D, 0x0E, 0x0E, 0x47, 0x36]
        #expect(verzoek.windows(ofCount: trace.count).contains { Array($0) == trace })
        let nanos = UInt64(2_000_000_000)
        let eind: [UInt8] = [0x41] + (0..<8).map { UInt8(truncatingIfNeeded: nanos >> (8 * UInt64($0))) }
        #expect(verzoek.windows(ofCount: eind.count).contains { Array($0) == eind })
        // Status{code ERROR} as field 15.
        #expect(verzoek.suffix(4) == [0x7A, 0x02, 0x18, 0x02])
    }
}

extension Array {
    /// Consecutive slices of `n` elements, to find a byte sequence.
    func windows(ofCount n: Int) -> [ArraySlice<Element>] {
        guard count >= n else { return [] }
        return (0...(count - n)).map { self[$0..<($0 + n)] }
    }
}

/// The privacy statement and the register, for everyone, in both languages; the register also as
/// data at the address every processing record names.
@Suite("Privacyverklaring en register van verwerkingsactiviteiten")
struct PrivacypaginaTests {
    @Test func verklaringEnRegisterInBeideTalen() async throws {
        try await metApp { t in
            let b = Browser(t)
            let nl = try await b.get("/privacy")
            #expect(nl.status == .ok && nl.tekst.contains("Privacyverklaring") && nl.tekst.contains("id=\"pseudoniem\""))
            #expect(nl.tekst.contains("mailto:fg@meldpunt.example") && nl.tekst.contains("href=\"/privacy/verwerkingsactiviteiten\""))
            let register = try await b.get("/privacy/verwerkingsactiviteiten")
            for a in Verwerkingsregister.standaard.activiteiten {
                #expect(register.tekst.contains("id=\"\(a.id)\"") && register.tekst.contains(a.naam.nl))
            }
            _ = try await b.post("/taal", ["naar": "en", "terug": "/privacy"])
            let en = try await b.get("/privacy/verwerkingsactiviteiten")
            #expect(en.tekst.contains("Register of processing activities") && en.tekst.contains(Verwerkingsregister.standaard.activiteiten[0].naam.en))
            // Every page's footer and the home page link to it.
            #expect(try await b.get("/").tekst.contains("href=\"/privacy\""))

            let lijst = try await t.get("/api/v1/verwerkingsactiviteiten")
            #expect(lijst.status == .ok)
            let ids = ((try JSONSerialization.jsonObject(with: lijst.body)) as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids == Verwerkingsregister.standaard.activiteiten.map(\.id))
            let een = try await t.get("/api/v1/verwerkingsactiviteiten/terugmelden")
            #expect(een.status == .ok && (een.object["acties"] as? [String])?.contains("terugmelding.aanmaken") == true && een.object["versie"] as? Int == 1)
            let onbekend = try await t.get("/api/v1/verwerkingsactiviteiten/bestaat-niet")
            #expect(onbekend.status == .notFound && onbekend.headers.contentType?.description.hasPrefix("application/problem+json") == true)
        }
    }
}

/// Inzage (AVG art. 15) from the status page: the data, the history, who used it — on a page and
/// as a file; the BSN shortened (the link alone must not hand it out); the inzage itself logged.
@Suite("Inzage voor de melder")
struct InzageMelderTests {
    @Test func deMelderZietZijnGegevensEnWieZeGebruikte() async throws {
        try await metApp { t in
            let (z, link) = try await t.nieuweMelding()
            // The meldpunt reads the case: a processing by an organisation.
            #expect(try await t.get("/api/v1/meldingen/\(z)", t.sleutels.meldpunt).status == .ok)
            let b = Browser(t)
            let status = try await b.get(link)
            #expect(status.tekst.contains("href=\"\(link)/inzage\""))
            let pagina = try await b.get("\(link)/inzage")
            #expect(pagina.status == .ok && pagina.tekst.contains("Uw gegevens bij Meldpunt") && pagina.tekst.contains("Suzanne Moulin"))
            #expect(pagina.tekst.contains("•••••3653") && !pagina.tekst.contains("999993653"))
            #expect(pagina.tekst.contains("melding ontvangen") && pagina.tekst.contains("melding bekeken") && pagina.tekst.contains("Meldingen van burgers, bedrijven en organisaties behandelen"))
            #expect(pagina.tekst.contains("href=\"\(link)/inzage.json\""))

            let bestand = try await b.get("\(link)/inzage.json")
            #expect(bestand.status == .ok && bestand.headers.first(name: .contentDisposition)?.hasPrefix("attachment;") == true)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let inzage = try decoder.decode(InzageDTO.self, from: bestand.body)
            #expect(inzage.meldingen.map(\.zaaknummer) == [z])
            #expect(inzage.meldingen[0].gegevens?.vertegenwoordigde?.bsn == "•••••3653" && inzage.meldingen[0].gegevens?.melder?.naam == "J. de Vries")
            #expect(!String(decoding: bestand.body, as: UTF8.self).contains("999993653"))
            // Who: the filing organisation's system, the meldpunt's reading; why: the register's activity.
            #expect(inzage.verwerkingen.contains { $0.actie == "melding.aanmaken" && $0.organisatie == "SVB" && $0.rol == "systeem" && $0.activiteit == "meldingen-behandelen" })
            #expect(inzage.verwerkingen.contains { $0.actie == "melding.raadplegen" && $0.rol == "systeem" })
            // The inzage itself is a processing, logged (the page and the file: two).
            let m = try #require(try await Melding.query(on: t.app.db).filter(\.$zaaknummer == z).first())
            #expect(try await Verwerkingslogregel.query(on: t.app.db).filter(\.$meldingID == m.requireID()).filter(\.$actie == "inzage.verstrekken").count() == 2)
            // An unknown link learns nothing.
            #expect(try await b.get("/status/\(String(repeating: "x", count: 43))/inzage").status == .notFound)
            #expect(try await b.get("/status/\(String(repeating: "x", count: 43))/inzage.json").status == .notFound)
        }
    }
}

/// Inzage on a written request: staff with the privacy role look a person up by BSN or e-mail and
/// get everything (full data and history, terugmeldingen about them, the whole log); each export is
/// logged with who asked; nobody else may.
@Suite("Inzage door de privacyrol")
struct InzagePrivacyrolTests {
    @Test func dePrivacyrolZoektOpBSNEnEmail() async throws {
        try await metApp { t in
            let ref = try await t.meld()
            let (z, _) = try await t.nieuweMelding()
            let fg = try await t.gebruiker("fg@meldpunt.nl", rol: .privacy, oin: TestApp.meldpuntOIN)
            let b = Browser(t)
            try await b.login("fg@meldpunt.nl")
            #expect(try await b.get("/portaal").tekst.contains("href=\"/privacy/inzage\""))
            let formulier = try await b.get("/privacy/inzage")
            #expect(formulier.status == .ok && formulier.tekst.contains("Inzageverzoek beantwoorden"))

            // Every problem by its field's label.
            let leeg = try await b.post("/privacy/inzage", ["bsn": "", "email": ""])
            #expect(leeg.status == .badRequest && leeg.tekst.contains("BSN: Vul een BSN of een e-mailadres in."))
            let fout = try await b.post("/privacy/inzage", ["bsn": "123456789", "email": "geen-adres"])
            #expect(fout.status == .badRequest && fout.tekst.contains("Een BSN heeft 9 cijfers") && fout.tekst.contains("E-mailadres: Vul een geldig e-mailadres in"))
            #expect(fout.tekst.contains("value=\"123456789\"") && fout.tekst.contains("value=\"geen-adres\""))

            // By BSN: the case (full, the BSN included), the terugmelding about the person, the log.
            let gevonden = try await b.post("/privacy/inzage", ["bsn": "999993653", "email": ""])
            #expect(gevonden.status == .ok && gevonden.tekst.contains(z) && gevonden.tekst.contains(ref.lowercased()))
            #expect(gevonden.tekst.contains("Suzanne Moulin") && gevonden.tekst.contains("999993653") && gevonden.tekst.contains("terugmelding ontvangen"))
            // By e-mail: the case whose melder gave it.
            let perEmail = try await b.post("/privacy/inzage", ["bsn": "", "email": "J.deVries@consumentenbond.example"])
            #expect(perEmail.status == .ok && perEmail.tekst.contains(z) && !perEmail.tekst.contains(ref.lowercased()))
            // As a file.
            let bestand = try await b.post("/privacy/inzage.json", ["bsn": "999993653", "email": ""])
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let inzage = try decoder.decode(InzageDTO.self, from: bestand.body)
            #expect(inzage.meldingen.map(\.zaaknummer) == [z] && inzage.terugmeldingen.map { $0.referentie.uuidString.lowercased() } == [ref.lowercased()])
            #expect(inzage.meldingen[0].gegevens?.vertegenwoordigde?.bsn == "999993653")
            #expect(inzage.verwerkingen.contains { $0.actie == "terugmelding.aanmaken" } && inzage.verwerkingen.contains { $0.actie == "melding.aanmaken" })

            // Each export is itself logged: who asked (the user), about whom (the pseudonym).
            let gelogd = try await Verwerkingslogregel.query(on: t.app.db).filter(\.$actie == "inzage.verstrekken").filter(\.$gebruikerID == fg.requireID()).all()
            #expect(gelogd.count == 3 && gelogd.filter { $0.betrokkeneHash == t.app.pseudoniemen.pseudoniem("bsn:999993653") }.count == 2)

            // Nobody else: not the meldpunt's staff, not a beheerder.
            _ = try await t.gebruiker("mira@meldpunt.nl", rol: .meldpunt, oin: TestApp.meldpuntOIN)
            let mira = Browser(t)
            try await mira.login("mira@meldpunt.nl")
            #expect(try await mira.get("/privacy/inzage").status == .forbidden)
            #expect(try await mira.post("/privacy/inzage", ["bsn": "999993653", "email": ""]).status == .forbidden)
        }
    }
}
