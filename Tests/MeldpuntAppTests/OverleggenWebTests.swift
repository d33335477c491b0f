import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Testing
import Vapor
@testable import MeldpuntApp
@testable import MeldpuntHTTP
@testable import MeldpuntWeb

/// Overleg on the pages: staff plan it from the case, record the minutes and the actions; an
/// invited organisation reads it in its portal and reports its action done. Every refusal by its field.
@Suite("Overleggen op de pagina's")
struct OverleggenWebTests {
    @Test func medewerkerPlantEnDeGenodigdeMeldtZijnActieGedaan() async throws {
        try await metApp { t in
            _ = try await t.partners()
            let (z, _) = try await t.meldingInBehandeling()
            try await t.gebruiker("mira@meldpunt.nl", rol: .meldpunt, oin: TestApp.meldpuntOIN)
            try await t.gebruiker("pim@uwv.nl", rol: .partner, oin: TestApp.uwvOIN)
            let staf = Browser(t)
            try await staf.login("mira@meldpunt.nl")
            #expect(try await staf.get("/meldingen/\(z)").tekst.contains("<a href=\"/overleggen/nieuw?zaak=\(z)\">Overleg plannen met meerdere organisaties</a>"))

            var p = try await staf.get("/overleggen/nieuw?zaak=\(z)")
            #expect(p.tekst.contains("value=\"\(z)\"") && p.tekst.contains("name=\"deelnemers[]\" value=\"\(TestApp.uwvOIN)\""))
            // Every problem by its field, in words; what was typed and chosen stays.
            p = try await staf.postVelden("/overleggen/nieuw", [("onderwerp", "Adres en uitkering"), ("datum", "2026-11-01"), ("tijd", "9 uur"),
                                                                ("agenda", ""), ("zaaknummer", z), ("deelnemers[]", TestApp.uwvOIN)])
            #expect(p.status == .badRequest)
            #expect(p.tekst.contains("href=\"#datum\">Datum: Deze datum ligt in het verleden."))
            #expect(p.tekst.contains("href=\"#tijd\">Tijd: Vul een tijd in als uu:mm") && p.tekst.contains("href=\"#agenda\">Agenda:"))
            #expect(p.tekst.contains("value=\"Adres en uitkering\"") && p.tekst.contains("value=\"\(TestApp.uwvOIN)\" checked"))
            p = try await staf.postVelden("/overleggen/nieuw", [("onderwerp", "Adres en uitkering"), ("datum", "2026-11-23"), ("tijd", ""), ("agenda", "Wie herstelt wat."),
                                                                ("zaaknummer", z.lowercased())])
            #expect(p.status == .badRequest && p.tekst.contains("href=\"#deelnemers\">Genodigde organisaties: Kies ten minste één organisatie"))
            p = try await staf.postVelden("/overleggen/nieuw", [("onderwerp", "Adres en uitkering"), ("datum", "2026-11-23"), ("tijd", "15:00"), ("plaats", "Online"),
                                                                ("agenda", "Wie herstelt wat."), ("zaaknummer", z.lowercased()), ("deelnemers[]", TestApp.uwvOIN)])
            #expect(p.status == .seeOther)
            let pad = try #require(p.headers.first(name: .location)).components(separatedBy: "?")[0]
            p = try await staf.get(pad + "?gedaan=gepland")
            #expect(p.tekst.contains("Het overleg is gepland.") && p.tekst.contains("23-11-2026 15:00") && p.tekst.contains("Meldpunt, UWV"))
            #expect(try await staf.get("/meldingen/\(z)").tekst.contains("<a href=\"\(pad)\">OVL-1: Adres en uitkering"))

            // The minutes, then an action for UWV; a refused action shows its messages by the fields.
            p = try await staf.post("\(pad)/verslag", ["verslag": ""])
            #expect(p.status == .badRequest && p.tekst.contains("href=\"#verslag\">Verslag: Schrijf het verslag"))
            p = try await staf.post("\(pad)/verslag", ["verslag": "UWV zet de terugvordering stil."])
            #expect(p.status == .seeOther)
            p = try await staf.post("\(pad)/acties", ["organisatieOin": "", "omschrijving": "Terugvordering stilzetten.", "uiterlijk": "2026-11-30"])
            #expect(p.status == .badRequest && p.tekst.contains("href=\"#organisatieOin\">Welke organisatie doet het?:"))
            #expect(p.tekst.contains(">Terugvordering stilzetten.</textarea>"))
            p = try await staf.post("\(pad)/acties", ["organisatieOin": TestApp.uwvOIN, "omschrijving": "Terugvordering stilzetten.", "uiterlijk": "2026-11-30"])
            #expect(p.status == .seeOther)

            // UWV reads it in its portal and reports its action done.
            let uwv = Browser(t)
            try await uwv.login("pim@uwv.nl")
            #expect(try await uwv.get("/overleggen?map=openActies").tekst.contains("<a href=\"\(pad)\">OVL-1</a>"))
            p = try await uwv.get(pad)
            #expect(p.tekst.contains("UWV zet de terugvordering stil.") && p.tekst.contains("Melden dat het gedaan is"))
            #expect(!p.tekst.contains("Actie afspreken") && !p.tekst.contains("Verslag verbeteren"))
            p = try await uwv.post("\(pad)/acties/1/afronding", ["toelichting": String(repeating: "x", count: OverlegLimieten.maxTekst + 1)])
            #expect(p.status == .badRequest && p.tekst.contains("href=\"#afronding1Toelichting\">Wat is er gedaan?:"))
            p = try await uwv.volg(try await uwv.post("\(pad)/acties/1/afronding", ["toelichting": "Stilgezet."]))
            #expect(p.tekst.contains("De actie staat als gedaan.") && !p.tekst.contains("Melden dat het gedaan is"))
            p = try await staf.get(pad)
            #expect(p.tekst.contains("Stilgezet.") && p.tekst.contains("Verslag verbeteren") && !p.tekst.contains("Overleg annuleren"))
            // The organisation cannot plan or record; an organisation not invited does not find it.
            #expect(try await uwv.get("/overleggen/nieuw").status == .forbidden)
            #expect(try await uwv.post("\(pad)/verslag", ["verslag": "x"]).status == .forbidden)
            #expect(try await uwv.get("/overleggen?map=alle&pagina=9223372036854775807").status == .ok)
        }
    }
}
