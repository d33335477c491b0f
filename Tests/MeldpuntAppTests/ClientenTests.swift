import Fluent
import Foundation
import MeldpuntCore
import MeldpuntDomain
import Testing
import Vapor
@testable import MeldpuntApp
@testable import MeldpuntHTTP
@testable import MeldpuntWeb

/// Intermediaries (issue 30): a schuldhulpverlener signed in files for a client with the client's
/// recorded consent, and follows every case of the organisation's clients on one page.
@Suite("Intermediairs en hun cliënten")
struct ClientenTests {
    static let oin = "00000001112223330000"

    func verder(_ b: Browser, _ stap: String, _ velden: [(String, String)], actie: String = "verder") async throws -> TestResponse {
        let r = try await b.postVelden(actie == "versturen" ? "/melden/formulier" : "/melden/stap", velden + [("stap", stap), ("actie", actie)])
        return r.headers.first(name: .location) == "/melden/ontvangen" ? r : try await b.volg(r)
    }

    @Test func eenSchuldhulpverlenerMeldtVoorEenClientEnVolgtAlles() async throws {
        try await metApp { t in
            let org = try await Organisaties.voegToe(naam: "Schuldhulp Utrecht", oin: Self.oin, gemeentecode: nil, rollen: [.intermediair], on: t.app.db)
            try await t.gebruiker("ilse@schuldhulp.example.nl", rol: .intermediair, oin: Self.oin)
            let b = Browser(t)
            try await b.login("ilse@schuldhulp.example.nl")
            var p = try await b.get("/portaal")
            #expect(p.tekst.contains("href=\"/clienten\"") && p.tekst.contains("Uw organisatie heeft nog geen meldingen gedaan voor cliënten."))

            // The form starts as the organisation: reporting on behalf of someone, its own name and address as contact.
            _ = try await b.get("/melden")
            p = try await b.volg(try await b.post("/melden", ["registratie": "BRP", "alBenaderd": "ja", "bezwaar": "nee"]))
            #expect(p.tekst.contains("value=\"intermediair\" checked"))
            p = try await verder(b, "wie", [("melderType", "intermediair")])
            #expect(p.tekst.contains("value=\"Schuldhulp Utrecht\""))
            // The client's consent is asked and recorded.
            p = try await verder(b, "over", [("organisatieNaam", "Schuldhulp Utrecht"), ("vertegenwoordigdeNaam", "Kees Jansen")])
            #expect(p.tekst.contains("foutsamenvatting") && p.tekst.contains("href=\"#toestemmingVertegenwoordigde\""))
            p = try await verder(b, "over", [("organisatieNaam", "Schuldhulp Utrecht"), ("vertegenwoordigdeNaam", "Kees Jansen"), ("toestemmingVertegenwoordigde", "ja")])
            p = try await verder(b, "wat", [("registraties[]", "BRP"), ("watIsFout", "Meneer staat nog op zijn oude adres ingeschreven.")])
            p = try await verder(b, "gevolgen", [("betrokkenOrganisaties", "Gemeente Utrecht"), ("gevolgSoort[]", ""), ("gevolgOrganisatie[]", ""), ("gevolgDatum[]", ""), ("gevolgOmschrijving[]", "")])
            #expect(p.tekst.contains("value=\"Test intermediair\"") && p.tekst.contains("value=\"ilse@schuldhulp.example.nl\""))
            p = try await verder(b, "contact", [("naam", "Ilse de Boer"), ("email", "ilse@schuldhulp.example.nl"), ("voorkeurKanaal", "email")])
            p = try await verder(b, "bijlagen", [])
            p = try await verder(b, "controle", [("toestemming", "ja")], actie: "versturen")
            #expect(p.status == .seeOther, "\(p.tekst.prefix(600))")

            let m = try #require(try await Melding.query(on: t.app.db).first())
            #expect(m.$ingediendDoor.id == org.id && m.binnenkomst == .web)
            let invoer = try #require(try await MeldingPersoonsgegevens.find(m.id, on: t.app.db)).invoer()
            #expect(invoer.toestemmingVertegenwoordigde == true && invoer.vertegenwoordigde?.naam == "Kees Jansen")

            // Staff write to the melder: the intermediary's page shows it.
            #expect(try await t.stap(m.zaaknummer, "berichten", ["tekst": "Wij hebben de gemeente gevraagd het adres te controleren."]).status == .ok)
            #expect(try await t.stap(.PUT, m.zaaknummer, "volgende-stap", ["tekst": "We bellen de gemeente", "datum": "2026-12-01"]).status == .ok)
            p = try await b.get("/clienten")
            #expect(p.status == .ok && p.tekst.contains("Kees Jansen") && p.tekst.contains(m.zaaknummer) && p.tekst.contains("We bellen de gemeente"))
            #expect(p.tekst.contains("Meldingen in totaal: 1"))
            p = try await b.get("/clienten/\(m.zaaknummer)")
            #expect(p.status == .ok && p.tekst.contains("het adres te controleren"))
            #expect(try await Verwerkingslogregel.query(on: t.app.db).filter(\.$meldingID == m.id).filter(\.$organisatieID == org.id).count() >= 2)
            // The intermediary writes to the meldpunt from the client's page: empty is said next to the field.
            p = try await b.post("/clienten/\(m.zaaknummer)/berichten", ["tekst": " "])
            #expect(p.status == .badRequest && p.tekst.contains("href=\"#clientBericht\">Uw bericht:") && p.tekst.contains("Schrijf eerst uw bericht."))
            p = try await b.post("/clienten/\(m.zaaknummer)/berichten", ["tekst": "Meneer Jansen heeft een nieuwe aanmaning gekregen."])
            #expect(p.status == .seeOther)
            #expect(try await b.volg(p).tekst.contains("Uw bericht is verstuurd."))
            let d = try await t.get("/api/v1/meldingen/\(m.zaaknummer)", t.sleutels.meldpunt).json(MeldingDetailDTO.self)
            #expect(d.tijdlijn.contains { $0.soort == .berichtVanMelder && $0.tekst == "Meneer Jansen heeft een nieuwe aanmaning gekregen." && $0.door?.contains("Schuldhulp") == true })
            #expect(try await Melding.find(m.id, on: t.app.db)?.ongelezen == true)

            // Filing for oneself (a citizen's melding) is not the organisation's case.
            _ = try await b.get("/melden")
            _ = try await b.volg(try await b.post("/melden", ["registratie": "BRP", "alBenaderd": "ja", "bezwaar": "nee"]))
            _ = try await verder(b, "wie", [("melderType", "burger")])
            _ = try await verder(b, "wat", [("registraties[]", "BRP"), ("watIsFout", "Mijn eigen adres klopt niet.")])
            _ = try await verder(b, "gevolgen", [("betrokkenOrganisaties", "Gemeente Utrecht"), ("gevolgSoort[]", ""), ("gevolgOrganisatie[]", ""), ("gevolgDatum[]", ""), ("gevolgOmschrijving[]", "")])
            _ = try await verder(b, "contact", [("naam", "Ilse de Boer"), ("email", "ilse@schuldhulp.example.nl"), ("voorkeurKanaal", "email")])
            _ = try await verder(b, "bijlagen", [])
            #expect(try await verder(b, "controle", [("toestemming", "ja")], actie: "versturen").status == .seeOther)
            let vanOrganisatie = try await Melding.query(on: t.app.db).filter(\.$ingediendDoor.$id == org.id).count()
            #expect(try await Melding.query(on: t.app.db).count() == 2 && vanOrganisatie == 1)

            // Another organisation's intermediary sees none of it; staff and others may not use the page.
            let ander = try await Organisaties.voegToe(naam: "Wijkteam Noord", oin: "00000001112223340000", gemeentecode: nil, rollen: [.intermediair], on: t.app.db)
            _ = ander
            try await t.gebruiker("wim@wijkteam.example.nl", rol: .intermediair, oin: "00000001112223340000")
            let w = Browser(t)
            try await w.login("wim@wijkteam.example.nl")
            #expect(try await w.get("/clienten").tekst.contains("Uw organisatie heeft nog geen meldingen gedaan voor cliënten."))
            #expect(try await w.get("/clienten/\(m.zaaknummer)").status == .notFound)
            #expect(try await w.post("/clienten/\(m.zaaknummer)/berichten", ["tekst": "Hallo"]).status == .notFound)
            let staf = try await t.medewerker()
            #expect(try await staf.get("/clienten").status == .forbidden)
            // An organisation that lost the role: its users no longer reach the page.
            let wijkteam = try #require(try await Organisatie.query(on: t.app.db).filter(\.$oin == "00000001112223340000").first())
            wijkteam.rollenTekst = ",partner,"
            try await wijkteam.save(on: t.app.db)
            #expect(try await w.get("/clienten").status == .forbidden)

            // The API: the organisation's own filings.
            let sleutel = try await Organisaties.maakApiSleutel(voor: org, omschrijving: "test", on: t.app.db).1
            let r = try await t.get("/api/v1/ingediende-meldingen", sleutel)
            #expect(r.status == .ok && r.headers.first(name: "X-Total-Count") == "1")
            let lijst = try r.json([IngediendeMeldingDTO].self)
            #expect(lijst.first?.client == "Kees Jansen" && lijst.first?.volgendeStap?.tekst == "We bellen de gemeente" && lijst.first?.laatsteBerichtOp != nil)
            #expect(try await t.get("/api/v1/ingediende-meldingen", t.sleutels.svb).headers.first(name: "X-Total-Count") == "0")
        }
    }
}
