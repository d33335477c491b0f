import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Testing
@testable import MeldpuntApp
@testable import MeldpuntHTTP
@testable import MeldpuntAPI
@testable import MeldpuntWeb

@Suite("MFO: het openbare meldformulier")
struct MeldenWebTests {
    @Test func scopevragenLeidenDeWeg() async throws {
        try await metApp { t in
            let b = Browser(t)
            _ = try await b.get("/melden")
            let leeg = try await b.post("/melden", ["registratie": "BRP"])
            #expect(leeg.status == .badRequest)
            #expect(leeg.tekst.contains("href=\"#alBenaderdJa\"") && leeg.tekst.contains("href=\"#bezwaarJa\""))

            let bezwaar = try await b.post("/melden", ["registratie": "BRP", "alBenaderd": "ja", "bezwaar": "ja"])
            #expect(bezwaar.status == .ok && bezwaar.tekst.contains("Juridisch Loket"))
            #expect(try await Melding.query(on: t.app.db).count() == 0)

            let eerstZelf = try await b.post("/melden", ["registratie": "BRV", "alBenaderd": "nee", "bezwaar": "nee"])
            #expect(eerstZelf.tekst.contains("RDW"))                                  // who holds the data
            let zonderReden = try await b.post("/melden", ["registratie": "BRV", "alBenaderd": "nee", "bezwaar": "nee", "stap": "reden", "redenNietBenaderd": ""])
            #expect(zonderReden.status == .badRequest)
            let metReden = try await b.post("/melden", ["registratie": "BRV", "alBenaderd": "nee", "bezwaar": "nee", "stap": "reden",
                                                        "redenNietBenaderd": "Ik kan niet zelf bellen."])
            #expect(metReden.status == .ok && metReden.tekst.contains("name=\"watIsFout\""))
            #expect(metReden.tekst.contains("value=\"Ik kan niet zelf bellen.\""))
            #expect(metReden.tekst.contains("id=\"registratieBRV\" name=\"registraties[]\" value=\"BRV\" checked"))
        }
    }

    private let geldig: [String: String] = [
        "organisatieAlBenaderd": "ja", "melderType": "burger", "registraties[]": "BRP",
        "betrokkenOrganisaties": "Gemeente Rotterdam\nBelastingdienst/Toeslagen",
        "watIsFout": "Ik sta op een oud adres; mijn huurtoeslag is gestopt.", "gevolgSoort": "stopgezetteToeslag",
        "gevolgOrganisatie": "Belastingdienst/Toeslagen", "gevolgDatum": "2026-12-31", "naam": "Suzanne Moulin",
        "email": "s.moulin@example.nl", "postcode": "3077 AW", "voorkeurKanaal": "email", "toestemming": "ja",
    ]

    @Test func meldingDoenMetBijlage() async throws {
        try await metApp { t in
            let b = Browser(t)
            _ = try await b.get("/melden")
            let verstuurd = try await b.postMultipart("/melden/formulier", geldig, bestanden: [("bijlage[]", "brief.pdf", Voorbeeld.pdf)])
            #expect(verstuurd.status == .seeOther && verstuurd.headers.first(name: .location) == "/melden/ontvangen", "\(verstuurd.tekst.prefix(400))")
            let r = try await b.get("/melden/ontvangen")
            #expect(r.status == .ok, "\(r.tekst.prefix(400))")
            #expect(r.tekst.contains("MFO-2026-000001"))
            let bereik = try #require(r.tekst.range(of: #"<code id="statuslink">[^<]*</code>"#, options: .regularExpression))
            let link = String(r.tekst[bereik]).replacingOccurrences(of: "<code id=\"statuslink\">", with: "").replacingOccurrences(of: "</code>", with: "")
            let pad = try #require(link.range(of: "/status/").map { String(link[$0.lowerBound...]) })
            #expect(try await Browser(t).get(pad).tekst.contains("MFO-2026-000001"))
            let m = try #require(try await Melding.query(on: t.app.db).first())
            #expect(m.$ingediendDoor.id == nil)
            #expect(try await MeldingBijlage.query(on: t.app.db).filter(\.$melding.$id == m.id!).count() == 1)
            let p = try #require(try await MeldingPersoonsgegevens.find(m.id, on: t.app.db))
            #expect(p.naam == "Suzanne Moulin")
            #expect(p.inhoud.contains("Belastingdienst/Toeslagen"))
        }
    }

    @Test func foutenZonderVerlies() async throws {
        try await metApp { t in
            let b = Browser(t)
            _ = try await b.get("/melden")
            var onvolledig = geldig
            onvolledig["naam"] = ""
            onvolledig["toestemming"] = nil
            onvolledig["postcode"] = "0000 XX"
            let fout = try await b.postMultipart("/melden/formulier", onvolledig, bestanden: [("bijlage[]", "foto.png", Voorbeeld.png)])
            #expect(fout.status == .badRequest)
            for id in ["naam", "toestemming", "postcode"] { #expect(fout.tekst.contains("href=\"#\(id)\""), "\(id)") }
            #expect(fout.tekst.contains("Uw toestemming: Zonder uw toestemming"))   // a label, never a parameter name
            #expect(!fout.tekst.contains("toestemming.gegeven") && !fout.tekst.contains("melder.naam"))
            #expect(fout.tekst.contains("Ik sta op een oud adres"))          // typed text kept
            #expect(fout.tekst.contains("<li>foto.png</li>"))                 // upload kept
            #expect(try await Melding.query(on: t.app.db).count() == 0)

            // Resubmit what the page now holds, with the missing parts filled in.
            let ref = try #require(fout.tekst.range(of: #"name="bijlageRefs\[\]" value="[^"]*""#, options: .regularExpression))
            let waarde = String(fout.tekst[ref].split(separator: "\"")[3]).replacingOccurrences(of: "&#43;", with: "+")
            var velden = geldig.map { ($0.key, $0.value) }
            velden.append(("bijlageRefs[]", waarde))
            let ok = try await b.postVelden("/melden/formulier", velden)
            #expect(ok.status == .seeOther, "\(ok.tekst.prefix(300))")
            let m = try #require(try await Melding.query(on: t.app.db).first())
            #expect(try await MeldingBijlage.query(on: t.app.db).filter(\.$melding.$id == m.id!).first()?.bestandsnaam == "foto.png")

            // A forged reference is ignored, not trusted.
            var vals = geldig.map { ($0.key, $0.value) }
            vals.append(("bijlageRefs[]", "YQ==|\(Sleutels.sha256Hex(Voorbeeld.pdf))|application/pdf|0000"))
            _ = try await b.postVelden("/melden/formulier", vals)
            let tweede = try #require(try await Melding.query(on: t.app.db).filter(\.$zaaknummer == "MFO-2026-000002").first())
            #expect(try await MeldingBijlage.query(on: t.app.db).filter(\.$melding.$id == tweede.id!).count() == 0)
        }
    }

    /// An English reader gets English messages next to the fields, named by their labels.
    @Test func foutenInHetEngels() async throws {
        try await metApp { t in
            let b = Browser(t)
            _ = try await b.get("/melden")
            b.cookies["meldpunt_taal"] = "en"
            var onvolledig = geldig
            onvolledig["naam"] = ""
            onvolledig["email"] = "geen-adres"
            onvolledig["toestemming"] = nil
            let fout = try await b.postMultipart("/melden/formulier", onvolledig, bestanden: [])
            #expect(fout.status == .badRequest)
            #expect(fout.tekst.contains("Enter your name."), "\(fout.tekst.prefix(300))")
            #expect(fout.tekst.contains("Enter a valid email address"))
            #expect(fout.tekst.contains("Without your consent we cannot handle your report."))
            for dutch in ["Vul uw naam in", "Zonder uw toestemming", "Vul een geldig e-mailadres"] { #expect(!fout.tekst.contains(dutch), "\(dutch)") }
            for technisch in ["melder.naam", "melder.email", "toestemming.gegeven", "urn:"] { #expect(!fout.tekst.contains(technisch), "\(technisch)") }
        }
    }
}
