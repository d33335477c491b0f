import Foundation
import MeldpuntCore
import Testing
import Vapor

@Suite("The Logius terugmeld draft (0.2) at its own path")
struct LogiusPadTests {
    let pad = "/logius/terugmelden/v0.2/terugmelding"

    @Test func hetVoorbeeldMetEenBronhouderWordtOntvangen() async throws {
        try await metApp { t in
            let r = try await t.post(pad, t.sleutels.belastingdienst, json: try Voorbeeld.logiusVoorbeeld())
            // The draft answers 200 with `Ontvangen`, and only that.
            #expect(r.status == .ok, "\(r.tekst)")
            #expect(Set(r.object.keys) == ["terugMeldingReferentie", "referentieKenmerk", "referentiekenmerk", "status", "beschrijving"])
            #expect(r.object["status"] as? String == "Gemeld" && r.object["referentieKenmerk"] as? String == "DGM001" && r.object["referentiekenmerk"] as? String == "DGM001")
            let ref = try #require(r.object["terugMeldingReferentie"] as? String)
            #expect(UUID(uuidString: ref) != nil)
            // One engine: the JSON API has it, the bronhouder takes it up, the draft's path says so in its spelling.
            #expect(try await t.get("/api/v1/terugmeldingen/\(ref)", t.sleutels.belastingdienst).object["status"] as? String == "Gemeld")
            #expect(try await t.wijzig(ref, t.sleutels.amsterdam, ["status": "In behandeling"]).status == .ok)
            let gelezen = try await t.get("\(pad)?terugMeldingReferentie=\(ref)", t.sleutels.belastingdienst)
            #expect(gelezen.status == .ok && gelezen.object["status"] as? String == "In Behandeling")
            // Amsterdam reads it too; the SVB does not learn it exists.
            #expect(try await t.get("\(pad)?terugMeldingReferentie=\(ref)", t.sleutels.amsterdam).status == .ok)
            #expect(try await t.get("\(pad)?terugMeldingReferentie=\(ref)", t.sleutels.svb).status == .notFound)
        }
    }

    @Test func deBronhouderUitDeHouderEnGeenToelichting() async throws {
        try await metApp { t in
            var body = try Voorbeeld.logiusVoorbeeld()
            var header = body["terugMeldingHeader"] as! [String: Any]
            header["gemeentecode"] = nil
            header["toelichting"] = nil
            header["registratie"] = ["naam": "Basisregistratie Personen", "code": "BRP", "houder": "GM0599", "basisRegistratieCode": "BRP"]
            body["terugMeldingHeader"] = header
            let r = try await t.post(pad, t.sleutels.belastingdienst, json: body)
            #expect(r.status == .ok, "\(r.tekst)")
            let ref = try #require(r.object["terugMeldingReferentie"] as? String)
            let detail = try await t.get("/api/v1/terugmeldingen/\(ref)", t.sleutels.belastingdienst)
            #expect((detail.object["bijhouder"] as? [String: Any])?["gemeentecode"] as? String == "0599")
            // The bronhouder reads that the draft had no place for an explanation.
            let toelichting = ((detail.object["terugMelding"] as? [String: Any])?["terugMeldingHeader"] as? [String: Any])?["toelichting"] as? String
            #expect(toelichting?.contains("Logius-terugmeldstandaard 0.2") == true)
        }
    }

    @Test func zonderBronhouderEenDuidelijkProbleem() async throws {
        try await metApp { t in
            // The draft's own example: houder "RVIG" names no gemeente, and its BSN fails the elfproef.
            let r = try await t.post(pad, t.sleutels.belastingdienst, json: try Voorbeeld.onveranderdLogiusVoorbeeld())
            #expect(r.status == .badRequest && r.isProblem)
            #expect(r.ongeldigeCodes.contains("bronhouderOnbekend") && r.ongeldigeNamen.contains("terugMeldingHeader.gemeentecode"))
            #expect(r.ongeldigeNamen.contains("terugMeldingBody.objectIdentificatie[0].idWaarde"))
            #expect(r.tekst.contains("registratie.houder"))
            // Reading: the reference is required and a UUID; without a key nothing.
            #expect(try await t.get(pad, t.sleutels.belastingdienst).ongeldigeNamen == ["terugMeldingReferentie"])
            #expect(try await t.get("\(pad)?terugMeldingReferentie=abc", t.sleutels.belastingdienst).ongeldigeCodes == ["uuid"])
            #expect(try await t.get("\(pad)?terugMeldingReferentie=\(UUID())", nil).status == .unauthorized)
            #expect(try await t.post(pad, t.sleutels.amsterdam, json: try Voorbeeld.logiusVoorbeeld()).status == .forbidden)
            #expect(try await t.request(.POST, pad, sleutel: t.sleutels.belastingdienst, body: Data("<x/>".utf8), contentType: "text/xml").status == .unsupportedMediaType)
        }
    }
}
