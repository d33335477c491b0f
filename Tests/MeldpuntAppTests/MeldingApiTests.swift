import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Testing
@testable import MeldpuntApp
@testable import MeldpuntHTTP
@testable import MeldpuntAPI
@testable import MeldpuntWeb

@Suite("MFO: POST /api/v1/meldingen en de statuspagina")
struct MeldingApiTests {
    static func melding(bezwaar: Bool = false, bijlage: Data? = nil) -> [String: Any] {
        var m: [String: Any] = [
            "melderType": "intermediair",
            "melder": ["naam": "J. de Vries", "email": "j.devries@consumentenbond.example", "telefoon": "070-1234567"],
            "organisatieNaam": "Consumentenbond",
            "vertegenwoordigde": ["naam": "Suzanne Moulin", "bsn": "999993653", "postcode": "3077 AW"],
            "toestemmingVertegenwoordigde": true,
            "organisatieAlBenaderd": true,
            "bezwaarOfBeroepLoopt": bezwaar,
            "registraties": ["BRP", "BRI"],
            "betrokkenOrganisaties": ["Gemeente Rotterdam", "Belastingdienst/Toeslagen"],
            "watIsFout": "Mevrouw staat op een oud adres ingeschreven; daardoor is haar huurtoeslag stopgezet.",
            "gevolgen": [["soort": "stopgezetteToeslag", "organisatie": "Belastingdienst/Toeslagen", "uiterlijkeDatum": "2026-12-31"]],
            "voorkeurKanaal": "email",
            "toestemming": ["gegeven": true, "tekstVersie": Toestemmingstekst.versie],
        ]
        if let bijlage { m["bijlagen"] = [["bestandsnaam": "brief.pdf", "mimeType": "application/pdf", "bijlageData": bijlage.base64EncodedString()]] }
        return m
    }

    @Test func meldingOntvangenMetZaaknummerEnPrivelink() async throws {
        try await metApp { t in
            let r = try await t.post("/api/v1/meldingen", t.sleutels.svb, json: Self.melding(bijlage: Voorbeeld.pdf))
            #expect(r.status == .created, "\(r.tekst)")
            #expect(r.object["zaaknummer"] as? String == "MFO-2026-000001")
            #expect(r.headers.first(name: .location) == "/api/v1/meldingen/MFO-2026-000001")
            // Received Monday 23 November: personal contact by Wednesday the 25th.
            #expect(r.object["eersteContactUiterlijk"] as? String == "2026-11-25")
            let link = try #require(r.object["statuspagina"] as? String)
            let token = String(link.dropFirst("/status/".count))
            #expect(token.count == 43)   // 256 random bits
            let tweede = try await t.post("/api/v1/meldingen", t.sleutels.svb, json: Self.melding())
            #expect(tweede.object["zaaknummer"] as? String == "MFO-2026-000002")

            let m = try #require(try await Melding.query(on: t.app.db).filter(\.$zaaknummer == "MFO-2026-000001").first())
            #expect(m.tokenHash == Sleutels.sha256Hex(Data(token.utf8)))
            #expect(try await Melding.query(on: t.app.db).filter(\.$tokenHash == token).count() == 0)
            #expect(m.toestemmingVersie == Toestemmingstekst.versie)
            #expect(try await MeldingBijlage.query(on: t.app.db).filter(\.$melding.$id == m.id!).count() == 1)
            let log = try await Verwerkingslogregel.query(on: t.app.db).filter(\.$meldingID == m.id!).all()
            #expect(log.map(\.actie) == ["melding.aanmaken"])

            // The melder's page.
            let b = Browser(t)
            let pagina = try await b.get(link)
            #expect(pagina.status == .ok)
            #expect(pagina.tekst.contains("MFO-2026-000001") && pagina.tekst.contains("We hebben uw melding ontvangen."))
            #expect(pagina.tekst.contains("25-11-2026"))
            #expect(pagina.headers.first(name: "Cache-Control") == "no-store" && pagina.headers.first(name: "Referrer-Policy") == "no-referrer")
        }
    }

    @Test func verkeerdeOfOudeLinkVerraadtNiets() async throws {
        try await metApp { t in
            let b = Browser(t)
            let nep = try await b.get("/status/\(Sleutels.willekeurig(32))")
            let kort = try await b.get("/status/abc")
            #expect(nep.status == .notFound && kort.status == .notFound)
            func hoofd(_ r: TestResponse) -> Substring? { r.tekst.range(of: "<main").map { r.tekst[$0.lowerBound...] } }
            #expect(hoofd(nep) == hoofd(kort))
            #expect(nep.tekst.contains("niet (meer) geldig"))
        }
    }

    @Test func bezwaarOfBeroepLegtNietsVast() async throws {
        try await metApp { t in
            let r = try await t.post("/api/v1/meldingen", t.sleutels.svb, json: Self.melding(bezwaar: true))
            #expect(r.status == .badRequest && r.isProblem)
            #expect(r.ongeldigeCodes == ["bezwaarOfBeroep"])
            #expect((r.object["detail"] as? String)?.contains("Juridisch Loket") == true)
            #expect(try await Melding.query(on: t.app.db).count() == 0)
            #expect(try await MeldingPersoonsgegevens.query(on: t.app.db).count() == 0)
        }
    }

    @Test func alleFoutenTegelijkEnGeenToestemmingGeenMelding() async throws {
        try await metApp { t in
            var m = Self.melding()
            m["toestemming"] = ["gegeven": false, "tekstVersie": Toestemmingstekst.versie]
            m["melder"] = ["naam": "", "email": "fout"]
            m["registraties"] = ["XYZ"]
            m["sinds"] = ""
            let r = try await t.post("/api/v1/meldingen", t.sleutels.svb, json: m)
            #expect(r.status == .badRequest)
            #expect(Set(r.ongeldigeNamen).isSuperset(of: ["toestemming.gegeven", "melder.naam", "melder.email", "registraties[0]", "sinds"]))
            #expect(try await Melding.query(on: t.app.db).count() == 0)
            #expect(try await t.post("/api/v1/meldingen", nil, json: Self.melding()).status == .unauthorized)
        }
    }

    private func nieuweMelding(_ t: TestApp) async throws -> (link: String, melding: Melding) {
        let r = try await t.post("/api/v1/meldingen", t.sleutels.svb, json: Self.melding(bijlage: Voorbeeld.pdf))
        let link = try #require(r.object["statuspagina"] as? String)
        let m = try #require(try await Melding.query(on: t.app.db).filter(\.$zaaknummer == (r.object["zaaknummer"] as? String ?? "")).first())
        return (link, m)
    }

    @Test func melderStuurtEenBericht() async throws {
        try await metApp { t in
            let (link, m) = try await nieuweMelding(t)
            let b = Browser(t)
            _ = try await b.get(link)
            let leeg = try await b.post("\(link)/berichten", ["bericht": "  "])
            #expect(leeg.status == .badRequest && leeg.tekst.contains("href=\"#bericht\""))
            let r = try await b.post("\(link)/berichten", ["bericht": "Ik heb nog een brief van de gemeente gevonden."])
            #expect(r.status == .seeOther)
            let pagina = try await b.get(r.headers.first(name: .location)!)
            #expect(pagina.tekst.contains("Uw bericht is verstuurd.") && pagina.tekst.contains("Ik heb nog een brief"))
            let soorten = try await MeldingGebeurtenis.query(on: t.app.db).filter(\.$melding.$id == m.id!).sort(\.$volgnummer).all().map(\.soort)
            #expect(soorten == [.ontvangen, .berichtVanMelder])
            // Without the page's CSRF token nothing is sent.
            #expect(try await Browser(t).post("\(link)/berichten", ["bericht": "x"], csrf: "").status == .forbidden)
        }
    }

    @Test func toestemmingIntrekkenWistPersoonsgegevens() async throws {
        try await metApp { t in
            let (link, m) = try await nieuweMelding(t)
            let b = Browser(t)
            _ = try await b.get(link)
            _ = try await b.post("\(link)/berichten", ["bericht": "Mijn nieuwe adres is Boterdiep 31."])
            let vraag = try await b.get("\(link)/intrekken")
            #expect(vraag.status == .ok && vraag.tekst.contains("wissen wij uw persoonsgegevens"))
            #expect(try await b.post("\(link)/intrekken", [:]).status == .seeOther)

            let id = try m.requireID()
            #expect(try await MeldingPersoonsgegevens.query(on: t.app.db).filter(\.$id == id).count() == 0)
            #expect(try await MeldingBijlage.query(on: t.app.db).filter(\.$melding.$id == id).count() == 0)
            let gebeurtenissen = try await MeldingGebeurtenis.query(on: t.app.db).filter(\.$melding.$id == id).sort(\.$volgnummer).all()
            #expect(!gebeurtenissen.contains { $0.tekst?.contains("Boterdiep") == true })
            #expect(gebeurtenissen.last?.soort == .toestemmingIngetrokken)
            // Non-personal facts stay for statistics.
            let na = try #require(try await Melding.find(id, on: t.app.db))
            #expect(na.status == .gesloten && na.uitkomst == .ingetrokken && na.registraties == "BRP,BRI")
            let pagina = try await b.get(link)
            #expect(pagina.tekst.contains("Uw melding is afgerond.") && !pagina.tekst.contains("Stuur ons een bericht"))
            #expect(try await b.post("\(link)/berichten", ["bericht": "nog iets"]).status == .badRequest)
        }
    }
}
