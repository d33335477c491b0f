import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Testing
import Vapor
@testable import MeldpuntApp
@testable import MeldpuntHTTP
@testable import MeldpuntWeb

/// Advice on the pages: staff give it from the case, the organisation reads it in its portal and
/// responds; the organisation asks from its request, staff answer. Every refusal by its field.
@Suite("Adviezen op de pagina's")
struct AdviezenWebTests {
    @Test func medewerkerAdviseertEnDeOrganisatieReageert() async throws {
        try await metApp { t in
            _ = try await t.partners()
            let (z, _) = try await t.meldingInBehandeling()
            try await t.gebruiker("mira@meldpunt.nl", rol: .meldpunt, oin: TestApp.meldpuntOIN)
            try await t.gebruiker("pim@uwv.nl", rol: .partner, oin: TestApp.uwvOIN)
            let staf = Browser(t)
            try await staf.login("mira@meldpunt.nl")
            let zaak = try await staf.get("/meldingen/\(z)")
            #expect(zaak.tekst.contains("<a href=\"/adviezen/nieuw?zaak=\(z)\">Advies geven aan een organisatie</a>"))

            var p = try await staf.get("/adviezen/nieuw?zaak=\(z)")
            #expect(p.tekst.contains("value=\"\(z)\"") && p.tekst.contains("<option value=\"\(TestApp.uwvOIN)\">UWV</option>"))
            // Every problem by its field, in words; what was typed stays.
            p = try await staf.post("/adviezen/nieuw", ["organisatieOin": "", "advies": "Eerst de inschrijving herstellen.", "opvolgenOp": "", "zaaknummer": z])
            #expect(p.status == .badRequest)
            #expect(p.tekst.contains("href=\"#organisatieOin\">Aan welke organisatie?: Kies de organisatie die u adviseert."))
            #expect(p.tekst.contains("href=\"#onderwerp\">Waar gaat het over?:") && p.tekst.contains("href=\"#opvolgenOp\">Navragen op:"))
            #expect(p.tekst.contains(">Eerst de inschrijving herstellen.</textarea>"))
            p = try await staf.post("/adviezen/nieuw", ["organisatieOin": TestApp.uwvOIN, "onderwerp": "route", "advies": "Eerst de inschrijving herstellen.",
                                                        "opvolgenOp": "2026-12-07", "zaaknummer": z])
            #expect(p.status == .seeOther)
            let pad = try #require(p.headers.first(name: .location)).components(separatedBy: "?")[0]
            p = try await staf.get(pad + "?gedaan=gegeven")
            #expect(p.tekst.contains("Het advies is verstuurd.") && p.tekst.contains("Eerst de inschrijving herstellen."))
            #expect(try await staf.get("/meldingen/\(z)").tekst.contains("<a href=\"\(pad)\">ADV-1: UWV"))

            let uwv = Browser(t)
            try await uwv.login("pim@uwv.nl")
            #expect(try await uwv.get("/adviezen").tekst.contains("<a href=\"\(pad)\">ADV-1</a>"))
            #expect(try await uwv.get("/adviezen?map=alle&pagina=9223372036854775807").status == .ok)
            p = try await uwv.get(pad)
            #expect(p.tekst.contains("Wij volgen het advies niet op") && p.tekst.contains("Graag uw reactie uiterlijk"))
            p = try await uwv.post("\(pad)/reactie", ["reactie": "nietOpgevolgd", "toelichting": ""])
            #expect(p.status == .badRequest && p.tekst.contains("href=\"#toelichting\">Toelichting: Leg uit waarom"))
            #expect(p.tekst.contains("value=\"nietOpgevolgd\" checked"))
            p = try await uwv.post("\(pad)/reactie", ["reactie": "nietOpgevolgd", "toelichting": "De inschrijving is al hersteld."])
            #expect(p.status == .seeOther)
            p = try await staf.get(pad)
            #expect(p.tekst.contains("Niet opgevolgd") && p.tekst.contains("De inschrijving is al hersteld."))
            // Staff cannot respond for the organisation; the organisation cannot advise.
            #expect(try await staf.post("\(pad)/reactie", ["reactie": "opgevolgd"]).status == .forbidden)
            #expect(try await uwv.get("/adviezen/nieuw").status == .forbidden)
        }
    }

    @Test func deOrganisatieVraagtVanuitHaarVerzoek() async throws {
        try await metApp { t in
            _ = try await t.partners()
            let (z, _) = try await t.meldingInBehandeling()
            let verzoek = try await t.verzoek(z, VerzoekenApiTests.opschorting)
            try await t.gebruiker("mira@meldpunt.nl", rol: .meldpunt, oin: TestApp.meldpuntOIN)
            try await t.gebruiker("pim@uwv.nl", rol: .partner, oin: TestApp.uwvOIN)
            let uwv = Browser(t)
            try await uwv.login("pim@uwv.nl")
            #expect(try await uwv.get("/verzoeken/\(verzoek)").tekst.contains("<a href=\"/adviezen/vragen?zaak=\(z)\">"))
            var p = try await uwv.get("/adviezen/vragen?zaak=\(z)")
            #expect(p.tekst.contains("value=\"\(z)\""))
            p = try await uwv.post("/adviezen/vragen", ["onderwerp": "oplossing", "vraag": "", "zaaknummer": "MFO-2026"])
            #expect(p.status == .badRequest && p.tekst.contains("href=\"#vraag\">Vraag:") && p.tekst.contains("href=\"#zaaknummer\">Melding: Een zaaknummer ziet eruit als"))
            p = try await uwv.post("/adviezen/vragen", ["onderwerp": "oplossing", "vraag": "Mogen wij matigen?", "zaaknummer": z])
            #expect(p.status == .seeOther)
            let pad = try #require(p.headers.first(name: .location)).components(separatedBy: "?")[0]

            let staf = Browser(t)
            try await staf.login("mira@meldpunt.nl")
            #expect(try await staf.get("/adviezen").tekst.contains("Vragen om te beantwoorden (1)"))
            p = try await staf.post("\(pad)/advies", ["advies": "", "opvolgenOp": "2026-12-10"])
            #expect(p.status == .badRequest && p.tekst.contains("href=\"#advies\">Advies: Schrijf uw advies."))
            #expect(try await staf.post("\(pad)/advies", ["advies": "Ja, tot de gemeente het adres herstelt.", "opvolgenOp": "2026-12-10"]).status == .seeOther)
            #expect(try await uwv.get(pad).tekst.contains("Ja, tot de gemeente het adres herstelt."))
            // In English too, by the field's label.
            _ = try await uwv.post("/taal", ["naar": "en", "terug": pad])
            let engels = try await uwv.post("\(pad)/reactie", ["reactie": "deelsOpgevolgd"])
            #expect(engels.tekst.contains("Explanation: Explain why your organisation does not (fully) follow the advice."), "\(engels.tekst.prefix(300))")
        }
    }

    /// Staff record a consequence's repair on its own page; a refusal stands by its field.
    @Test func herstelVanEenGevolgOpDePagina() async throws {
        try await metApp { t in
            let (z, _) = try await t.nieuweMelding()
            let staf = try await t.medewerker()
            var p = try await staf.get("/meldingen/\(z)")
            #expect(p.tekst.contains("Gevolgen voor de melder en hun herstel") && p.tekst.contains("href=\"/meldingen/\(z)/gevolgen/1\""))
            p = try await staf.get("/meldingen/\(z)/gevolgen/1")
            #expect(p.status == .ok && p.tekst.contains("Stopgezette toeslag") || p.tekst.contains("toeslag"))
            p = try await staf.post("/meldingen/\(z)/gevolgen/1", ["status": "nietHerstelbaar", "door": "", "toelichting": ""])
            #expect(p.status == .badRequest && p.tekst.contains("href=\"#toelichting\">Toelichting voor de melder: Leg de melder uit waarom"))
            #expect(p.tekst.contains("value=\"nietHerstelbaar\" checked"))
            p = try await staf.post("/meldingen/\(z)/gevolgen/1", ["status": "gevraagd", "door": "Belastingdienst/Toeslagen", "toelichting": ""])
            #expect(p.status == .seeOther)
            p = try await staf.get("/meldingen/\(z)?gedaan=gevolg")
            #expect(p.tekst.contains("Het herstel van het gevolg is vastgelegd.") && p.tekst.contains("Gevraagd aan de organisatie"))
            #expect(try await staf.get("/meldingen/\(z)/gevolgen/9").status == .notFound)
        }
    }
}
