import MeldpuntCore
import Fluent
import Foundation
import Testing
@testable import MeldpuntApp
@testable import MeldpuntHTTP
@testable import MeldpuntAPI
@testable import MeldpuntWeb

@Suite("POST /api/v1/terugmeldingen")
struct AanmakenTests {
    @Test func logiusVoorbeeldWordtAanvaard() async throws {
        try await metApp { t in
            let r = try await t.post("/api/v1/terugmeldingen", t.sleutels.belastingdienst, json: try Voorbeeld.logiusVoorbeeld())
            #expect(r.status == .created, "\(r.tekst)")
            let o = r.object
            let ref = try #require(o["terugMeldingReferentie"] as? String)
            #expect(UUID(uuidString: ref) != nil)
            #expect(r.headers.first(name: .location) == "/api/v1/terugmeldingen/\(ref)")
            #expect(o["status"] as? String == "Gemeld")
            #expect(o["referentieKenmerk"] as? String == "DGM001")
            #expect((o["beschrijving"] as? String)?.contains("30 november 2026") == true)
            // Received Monday 23 November 2026 → the 5th working day after is Monday 30 November.
            #expect(o["uiterlijkInBehandelingOp"] as? String == "2026-11-30")
            #expect((o["bijhouder"] as? [String: Any])?["gemeentecode"] as? String == "0363")

            // Fields beyond the draft spec are kept.
            let detail = try await t.get("/api/v1/terugmeldingen/\(ref)", t.sleutels.belastingdienst).object
            let gegeven = (((detail["terugMelding"] as? [String: Any])?["terugMeldingBody"] as? [String: Any])?["terugMeldingGegevens"] as? [[String: Any]])?.first
            #expect(gegeven?["attribuut"] as? String == "huisnummer")
            #expect(gegeven?["gegevensElementNaam"] as? String == "Binnenlands adres ingezetene")
            #expect((gegeven?["eigenvelden"] as? [String: Any])?["product"] as? String == "TOP50")
            #expect(((detail["terugMelding"] as? [String: Any])?["terugMeldingBody"] as? [String: Any])?["geometry"] != nil)
            let bijlagen = detail["bijlagen"] as? [[String: Any]] ?? []
            #expect(bijlagen.count == 1)
            #expect(bijlagen.first?["mimeType"] as? String == "image/jpeg")
            // Attachment bytes are not echoed inside the stored request.
            #expect(!String(decoding: try JSONSerialization.data(withJSONObject: detail), as: UTF8.self).contains(Voorbeeld.jpeg.base64EncodedString()))
        }
    }

    @Test func onveranderdLogiusVoorbeeldGeeftAlleFoutenTegelijk() async throws {
        try await metApp { t in
            let r = try await t.post("/api/v1/terugmeldingen", t.sleutels.belastingdienst, json: try Voorbeeld.onveranderdLogiusVoorbeeld())
            #expect(r.status == .badRequest)
            #expect(r.isProblem)
            let namen = Set(r.ongeldigeNamen)
            #expect(namen.contains("terugMeldingBody.objectIdentificatie[0].idWaarde"))        // elfproef
            #expect(namen.contains("terugMeldingHeader.gemeentecode"))                         // missing
            #expect(namen.contains("terugMeldingBody.terugMeldingGegevens[0].bijlages[0].bijlageData"))  // not a JPEG
            #expect(r.ongeldigeCodes.contains("bsnElfproef"))
            #expect(r.object["status"] as? Int == 400)
            #expect(r.object["title"] != nil && r.object["detail"] != nil)
        }
    }

    @Test func zonderDeduplicatie() async throws {
        try await metApp { t in
            let a = try await t.meld()
            let b = try await t.meld()
            #expect(a != b)
        }
    }

    @Test func langeToelichting() async throws {
        try await metApp { t in
            let lang = String(repeating: "Gerede twijfel: de afnemer ziet in eigen processen een ander huisnummer. ", count: 300)
            #expect(lang.count > 20_000)
            let ref = try await t.meld(Voorbeeld.terugmelding(toelichting: lang))
            let d = try await t.get("/api/v1/terugmeldingen/\(ref)", t.sleutels.amsterdam).object
            let header = (d["terugMelding"] as? [String: Any])?["terugMeldingHeader"] as? [String: Any]
            #expect(header?["toelichting"] as? String == lang)
        }
    }

    @Test func beeindigdeGemeenteNoemtOpvolger() async throws {
        try await metApp { t in
            // Weesp (0457) merged into Amsterdam (0363) in 2022.
            let r = try await t.post("/api/v1/terugmeldingen", t.sleutels.belastingdienst, json: Voorbeeld.terugmelding(gemeentecode: "0457"))
            #expect(r.status == .badRequest)
            #expect(r.ongeldigeCodes == ["gemeenteBeeindigd"])
            #expect(r.tekst.contains("0363"))
            for code in ["0000", "9876", "12"] {
                let r = try await t.post("/api/v1/terugmeldingen", t.sleutels.belastingdienst, json: Voorbeeld.terugmelding(gemeentecode: code))
                #expect(r.status == .badRequest, "\(code)")
            }
        }
    }

    @Test func rniGaatNaarRvIG() async throws {
        try await metApp { t in
            let ref = try await t.meld(Voorbeeld.terugmelding(gemeentecode: "1999", ids: [("urn:brp:persoon:anummer", "8940402024")], gegeven: Voorbeeld.rniGegeven))
            let d = try await t.get("/api/v1/terugmeldingen/\(ref)", t.sleutels.rvig)
            #expect(d.status == .ok)
            #expect((d.object["persoon"] as? [String: Any])?["anummer"] as? String == "8940402024")
        }
    }

    @Test func identificatieRegels() async throws {
        try await metApp { t in
            let adres = try await t.post("/api/v1/terugmeldingen", t.sleutels.belastingdienst,
                                         json: Voorbeeld.terugmelding(ids: [("urn:brp:persoon:adres", "Boterdiep 31, 3077 AW Rotterdam")]))
            #expect(adres.status == .created)
            let teLang = try await t.post("/api/v1/terugmeldingen", t.sleutels.belastingdienst,
                                          json: Voorbeeld.terugmelding(ids: [("urn:brp:persoon:adres", String(repeating: "a", count: 51))]))
            #expect(teLang.ongeldigeCodes == ["adresMaxLength"])
            let anummer = try await t.post("/api/v1/terugmeldingen", t.sleutels.belastingdienst,
                                           json: Voorbeeld.terugmelding(ids: [("urn:brp:persoon:anummer", "8940402025")]))
            #expect(anummer.ongeldigeCodes == ["anummerCijfersom"])
            let geen = try await t.post("/api/v1/terugmeldingen", t.sleutels.belastingdienst,
                                        json: Voorbeeld.terugmelding(ids: [("urn:brp:persoon:geboortedatum", "1981-02-19")]))
            #expect(geen.ongeldigeCodes == ["persoonIdentificatie"])
        }
    }

    @Test func contactgegevensWordenGecontroleerd() async throws {
        try await metApp { t in
            var body = Voorbeeld.terugmelding()
            var header = body["terugMeldingHeader"] as! [String: Any]
            header["melder"] = ["naam": "X", "email": "geen-email", "telefoon": "12 34"]
            body["terugMeldingHeader"] = header
            let r = try await t.post("/api/v1/terugmeldingen", t.sleutels.belastingdienst, json: body)
            #expect(Set(r.ongeldigeNamen) == ["terugMeldingHeader.melder.email", "terugMeldingHeader.melder.telefoon"])
        }
    }

    @Test func alleenAfnemersMelden() async throws {
        try await metApp { t in
            let r = try await t.post("/api/v1/terugmeldingen", t.sleutels.amsterdam, json: Voorbeeld.terugmelding(gemeentecode: "0599"))
            #expect(r.status == .forbidden)
            #expect(r.isProblem)
        }
    }

    @Test func verkeerdTypeInBody() async throws {
        try await metApp { t in
            let r = try await t.post("/api/v1/terugmeldingen", t.sleutels.belastingdienst, json: ["terugMeldingHeader": ["gemeentecode": 363]])
            #expect(r.status == .badRequest)
            #expect(r.ongeldigeNamen == ["terugMeldingHeader.gemeentecode"])
            let kapot = try await t.request(.POST, "/api/v1/terugmeldingen", sleutel: t.sleutels.belastingdienst, body: Data("{niet json".utf8))
            #expect(kapot.status == .badRequest)
            #expect(kapot.isProblem)
        }
    }
}

@Suite("Bijlagen")
struct BijlageTests {
    @Test func beidePartijenDownloadenDezelfdeBytes() async throws {
        try await metApp { t in
            let ref = try await t.meld(Voorbeeld.terugmelding(bijlagen: [("brief.pdf", "application/pdf", Voorbeeld.pdf), ("foto.png", "image/png", Voorbeeld.png)]))
            let d = try await t.get("/api/v1/terugmeldingen/\(ref)", t.sleutels.belastingdienst).object
            let bijlagen = try #require(d["bijlagen"] as? [[String: Any]])
            #expect(bijlagen.count == 2)
            let pdf = try #require(bijlagen.first { $0["bestandsnaam"] as? String == "brief.pdf" })
            #expect(pdf["sha256"] as? String == Sleutels.sha256Hex(Voorbeeld.pdf))
            #expect(pdf["grootte"] as? Int == Voorbeeld.pdf.count)
            let href = try #require(pdf["href"] as? String)
            for sleutel in [t.sleutels.belastingdienst, t.sleutels.amsterdam] {
                let r = try await t.get(href, sleutel)
                #expect(r.status == .ok)
                #expect(r.body == Voorbeeld.pdf)
                #expect(r.headers.first(name: .contentType) == "application/pdf")
                #expect(r.headers.first(name: .contentDisposition)?.contains("brief.pdf") == true)
            }
            for sleutel in [t.sleutels.svb, t.sleutels.rotterdam] {
                #expect(try await t.get(href, sleutel).status == .notFound)
            }
            let onbekend = try await t.get("/api/v1/terugmeldingen/\(ref)/bijlagen/\(UUID())", t.sleutels.belastingdienst)
            #expect(onbekend.status == .notFound)
        }
    }

    @Test func dezelfdeInhoudWordtEenmaalBewaard() async throws {
        try await metApp { t in
            try await t.meld(Voorbeeld.terugmelding(bijlagen: [("a.pdf", "application/pdf", Voorbeeld.pdf)]))
            try await t.meld(Voorbeeld.terugmelding(bijlagen: [("b.pdf", "application/pdf", Voorbeeld.pdf)]))
            #expect(try await BijlageInhoud.query(on: t.app.db).count() == 1)
            #expect(try await Bijlage.query(on: t.app.db).count() == 2)
        }
    }

    @Test func hoogstensVijf() async throws {
        try await metApp { t in
            let vijf = (0..<5).map { ("f\($0).png", "image/png", Voorbeeld.png) }
            #expect(try await t.post("/api/v1/terugmeldingen", t.sleutels.belastingdienst, json: Voorbeeld.terugmelding(bijlagen: vijf)).status == .created)
            let zes = (0..<6).map { ("f\($0).png", "image/png", Voorbeeld.png) }
            let r = try await t.post("/api/v1/terugmeldingen", t.sleutels.belastingdienst, json: Voorbeeld.terugmelding(bijlagen: zes))
            #expect(r.status == .badRequest)
            #expect(r.ongeldigeCodes == ["maxItems"])
        }
    }

    @Test func inhoudMoetBijHetTypePassen() async throws {
        try await metApp { t in
            let r = try await t.post("/api/v1/terugmeldingen", t.sleutels.belastingdienst,
                                     json: Voorbeeld.terugmelding(bijlagen: [("a.pdf", "application/pdf", Voorbeeld.png), ("b.exe", "application/x-msdownload", Data("MZ".utf8))]))
            #expect(r.status == .badRequest)
            #expect(Set(r.ongeldigeCodes) == ["inhoudKomtNietOvereen", "enum"])
        }
    }

    @Test func meerDan20MiBSamen() async throws {
        try await metApp { t in
            var groot = Voorbeeld.png
            groot.append(Data(count: 7 * 1024 * 1024))
            let drie = (0..<3).map { ("f\($0).png", "image/png", groot) }
            let r = try await t.post("/api/v1/terugmeldingen", t.sleutels.belastingdienst, json: Voorbeeld.terugmelding(bijlagen: drie))
            #expect(r.status == .badRequest)
            #expect(r.ongeldigeCodes == ["maxTotalSize"])
            #expect(try await Terugmelding.query(on: t.app.db).count() == 0)
        }
    }

    @Test func teGrootVerzoekIs413() async throws {
        try await metApp { t in
            var groot = Voorbeeld.png
            groot.append(Data(count: 26 * 1024 * 1024))
            let r = try await t.post("/api/v1/terugmeldingen", t.sleutels.belastingdienst, json: Voorbeeld.terugmelding(bijlagen: [("a.png", "image/png", groot)]))
            #expect(r.status == .payloadTooLarge)
            #expect(r.isProblem)
            #expect(r.object["status"] as? Int == 413)
        }
    }
}
