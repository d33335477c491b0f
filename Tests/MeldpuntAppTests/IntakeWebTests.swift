import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Testing
import Vapor
@testable import MeldpuntApp
@testable import MeldpuntHTTP
@testable import MeldpuntWeb

/// Intake by staff (issue 30): a melding taken by phone, at a counter or from a letter — the
/// same checks as the public form, by this page's labels; consent recorded with who and when;
/// the private link shown once to pass on; a reload files nothing twice.
@Suite("Intake door een medewerker")
struct IntakeWebTests {
    @Test func eenTelefonischeMelding() async throws {
        try await metApp { t in
            try await t.gebruiker("mira@meldpunt.nl", rol: .meldpunt, oin: TestApp.meldpuntOIN)
            let staf = Browser(t)
            try await staf.login("mira@meldpunt.nl")
            #expect(try await staf.get("/meldingen").tekst.contains("<a href=\"/meldingen/nieuw\">Melding vastleggen (telefoon, balie, brief)</a>"))
            var p = try await staf.get("/meldingen/nieuw")
            #expect(p.status == .ok && p.tekst.contains("name=\"binnenkomst\" value=\"telefoon\""))
            let token = try #require(p.tekst.components(separatedBy: "name=\"formulierToken\" value=\"").dropFirst().first?.prefix(43)).description

            // Every problem at once, named by this page's labels; what was typed stays.
            p = try await staf.postVelden("/meldingen/nieuw", [("naam", "Fatima El Amrani"), ("watIsFout", ""), ("formulierToken", token)])
            #expect(p.status == .badRequest)
            #expect(p.tekst.contains("href=\"#binnenkomst\">Hoe kwam de melding binnen?: Kies telefoon, balie of brief."))
            #expect(p.tekst.contains("href=\"#watIsFout\">Wat klopt er niet, in de woorden van de melder?:"))
            #expect(p.tekst.contains("href=\"#toestemming\">Toestemming") == false && p.tekst.contains("href=\"#toestemming\">De melder gaf toestemming"))
            #expect(p.tekst.contains("value=\"Fatima El Amrani\""))
            #expect(p.tekst.contains("href=\"#organisatieAlBenaderd\">Heeft de melder de organisatie zelf al benaderd?: Kies ja of nee."))
            #expect(p.tekst.contains("href=\"#bezwaarOfBeroepLoopt\">Loopt er nog een bezwaar of beroep?: Kies ja of nee."))

            let velden: [(String, String)] = [("binnenkomst", "telefoon"), ("melderType", "burger"), ("naam", "Fatima El Amrani"), ("telefoon", "06-12345678"),
                                              ("adres", "Dorpsstraat 1"), ("postcode", "3511 AA"), ("woonplaats", "Utrecht"), ("voorkeurKanaal", "post"),
                                              ("registraties[]", "WOZ"), ("watIsFout", "De oppervlakte van mijn woning klopt niet."), ("betrokkenOrganisaties", "Gemeente Utrecht"),
                                              ("organisatieAlBenaderd", "ja"), ("bezwaar", "nee"), ("gevolgSoort[]", "boete"), ("gevolgOrganisatie[]", "CJIB"), ("gevolgDatum[]", "2026-12-15"),
                                              ("gevolgSoort[]", "stopgezetteToeslag"), ("gevolgOrganisatie[]", "Belastingdienst/Toeslagen"), ("gevolgDatum[]", ""),
                                              ("toestemming", "ja"), ("formulierToken", token)]
            p = try await staf.postVelden("/meldingen/nieuw", velden)
            #expect(p.status == .seeOther, "\(p.tekst)")
            p = try await staf.volg(p)
            #expect(p.tekst.contains("Melding vastgelegd") && p.tekst.contains("/status/") && p.tekst.contains("Uw melding MFO-2026-"))
            #expect(p.tekst.contains("De melder krijgt de bevestiging per brief"))
            // Sent again (reload, Back): the same melding, not a second one.
            #expect(try await staf.postVelden("/meldingen/nieuw", velden).status == .seeOther)
            #expect(try await Melding.query(on: t.app.db).count() == 1)

            let m = try #require(try await Melding.query(on: t.app.db).first())
            let d = try await t.get("/api/v1/meldingen/\(m.zaaknummer)", t.sleutels.meldpunt).json(MeldingDetailDTO.self)
            #expect(d.binnenkomst == .telefoon && d.vangnet?.betalenUiterlijk == Dag("2026-12-15"))
            // Both consequences of the call, each with its organisation.
            #expect(d.gevolgen.map(\.soort) == [.boete, .stopgezetteToeslag] && d.gevolgen.map(\.organisatie) == ["CJIB", "Belastingdienst/Toeslagen"])
            #expect(d.tijdlijn.first?.door?.hasPrefix("Test meldpunt") == true)
            #expect(d.tijdlijn.contains { $0.soort == .notitie && ($0.tekst ?? "").contains("vastgelegd door") && $0.gegevens?.binnenkomst == .telefoon })

            // Only the meldpunt's staff.
            _ = try await t.partners()
            try await t.gebruiker("pim@uwv.nl", rol: .partner, oin: TestApp.uwvOIN)
            let uwv = Browser(t)
            try await uwv.login("pim@uwv.nl")
            #expect(try await uwv.get("/meldingen/nieuw").status == .forbidden)
        }
    }
}
