import Fluent
import Foundation
import MeldpuntCore
import MeldpuntDomain
import Testing
import Vapor
@testable import MeldpuntApp
@testable import MeldpuntHTTP
@testable import MeldpuntWeb

/// Letters (issue 30): a melder who chose post, or has only an address, gets a letter for every
/// message others get by e-mail — with what the page would have told them — and staff print them.
@Suite("Brieven aan melders")
struct BrievenTests {
    /// A melder without e-mail who asked for post: Fatima, by phone.
    static func perPost(email: String? = nil, voorkeur: String = "post", postcode: String? = "3511 AA") -> [String: Any] {
        var melder: [String: Any] = ["naam": "Fatima El Amrani", "telefoon": "06-12345678", "adres": "Dorpsstraat 1", "woonplaats": "Utrecht"]
        if let email { melder["email"] = email }
        if let postcode { melder["postcode"] = postcode }
        return [
            "melderType": "burger", "melder": melder, "organisatieAlBenaderd": true, "bezwaarOfBeroepLoopt": false,
            "registraties": ["WOZ"], "betrokkenOrganisaties": ["Gemeente Utrecht"], "watIsFout": "De oppervlakte van mijn woning klopt niet.", "voorkeurKanaal": voorkeur,
            "toestemming": ["gegeven": true, "tekstVersie": Toestemmingstekst.versie],
        ]
    }

    static func pdfTekst(_ r: TestResponse) -> String { String(decoding: r.body, as: UTF8.self) }

    @Test func elkeStapEenBriefDieStafPrintEnAfvinkt() async throws {
        try await metApp { t in
            let (z, _) = try await t.nieuweMelding(Self.perPost())
            // The confirmation is a letter with the private link written out; no mail to anyone but staff.
            var brieven = try await BriefRij.query(on: t.app.db).all()
            #expect(brieven.count == 1 && brieven[0].onderwerp == "Wij hebben uw melding ontvangen")
            #expect(brieven[0].alineas.contains("https://meldpunt.test/status/") || brieven[0].alineas.contains("/status/"))
            #expect(try await UitgaandBericht.query(on: t.app.db).all().allSatisfy { !$0.aan.contains("amrani") })

            // A message to the melder: the letter carries the message itself.
            #expect(try await t.stap(z, "berichten", ["tekst": "Wij hebben de gemeente gevraagd de oppervlakte opnieuw te meten."]).status == .ok)
            // (The test clock stands still: find the letters by subject, not by time.)
            brieven = try await BriefRij.query(on: t.app.db).all()
            let bericht = try #require(brieven.first { $0.onderwerp == "Een bericht over uw melding" })
            #expect(brieven.count == 2 && bericht.alineas.contains("opnieuw te meten"))
            // A note for staff only is no letter.
            #expect(try await t.stap(z, "notities", ["tekst": "Intern: gemeente gebeld."]).status == .ok)
            #expect(try await BriefRij.query(on: t.app.db).count() == 2)

            // Staff: the list, all in one PDF, then ticked as printed.
            let staf = try await t.medewerker()
            var p = try await staf.get("/meldingen")
            #expect(p.tekst.contains("<a href=\"/brieven\">Brieven te printen</a>"))
            p = try await staf.get("/brieven")
            #expect(p.status == .ok && p.tekst.contains("Nog te printen") && p.tekst.contains(z))
            #expect(p.tekst.components(separatedBy: "name=\"brief[]\"").count == 3)
            let pdf = try await staf.get("/brieven/te-versturen.pdf")
            #expect(pdf.status == .ok && pdf.headers.contentType?.subType == "pdf")
            #expect(pdf.headers.first(name: .contentDisposition)?.hasPrefix("inline;") == true)
            let inhoud = Self.pdfTekst(pdf)
            #expect(inhoud.hasPrefix("%PDF-1.4") && inhoud.contains("(Dorpsstraat 1)") && inhoud.contains("(3511 AA  UTRECHT)"))
            #expect(inhoud.contains("/Count 2"))
            #expect(inhoud.contains("Beste Fatima El Amrani,") && inhoud.contains("Bel ons op 0800 123 45 67"))
            // Reading the address for print is a processing of the melder's data.
            #expect(try await Verwerkingslogregel.query(on: t.app.db).filter(\.$actie == "brief.afdrukken").count() == 1)
            // Nothing is marked by downloading; ticking does it.
            #expect(try await BriefRij.query(on: t.app.db).filter(\.$geprintOp == nil).count() == 2)
            p = try await staf.postVelden("/brieven/geprint", brieven.map { ("brief[]", $0.id!.uuidString) })
            #expect(p.status == .seeOther)
            p = try await staf.volg(p)
            #expect(p.tekst.contains("2 brieven zijn gemarkeerd als geprint.") && p.tekst.contains("Er zijn geen brieven te printen."))
            #expect(p.tekst.contains("Geprint in de afgelopen 14 dagen") && p.tekst.contains("/brieven/\(brieven[0].id!.uuidString.lowercased())/pdf"))
            // Once printed, the private link is no longer kept readable in the letter.
            let bevestiging = try #require(try await BriefRij.query(on: t.app.db).filter(\.$onderwerp == "Wij hebben uw melding ontvangen").first())
            #expect(!bevestiging.alineas.contains("/status/") && bevestiging.alineas.contains("Bel ons, dan maken wij een link voor u."))
            // The case page lists them, and one can be printed again.
            #expect(try await staf.get("/meldingen/\(z)").tekst.contains("Brieven aan de melder"))
            let een = try await staf.get("/brieven/\(bericht.id!.uuidString)/pdf")
            #expect(een.status == .ok && Self.pdfTekst(een).contains("/Count 1") && Self.pdfTekst(een).contains("opnieuw te meten"))

            // Closing: the letter says what happened (the summary the page shows).
            try await t.contactEnAnalyse(z)
            try await t.herstelGevolgen(z)
            #expect(try await t.stap(z, "statuswijzigingen", ["status": "gesloten", "uitkomst": "opgelost", "samenvatting": "De gemeente heeft de oppervlakte aangepast."]).status == .ok)
            let laatste = try #require(try await BriefRij.query(on: t.app.db).filter(\.$onderwerp == "Uw melding is afgerond").first())
            #expect(laatste.alineas.contains("oppervlakte aangepast") && laatste.alineas.contains("hoe tevreden u bent"))
        }
    }

    @Test func deAPIVoorEenPrintstraat() async throws {
        try await metApp { t in
            _ = try await t.nieuweMelding(Self.perPost())
            var r = try await t.get("/api/v1/brieven", t.sleutels.meldpunt)
            #expect(r.status == .ok && r.headers.first(name: "X-Total-Count") == "1")
            let brief = try #require(try r.json([BriefDTO].self).first)
            #expect(brief.adresCompleet && brief.geprintOp == nil && brief.onderwerp == "Wij hebben uw melding ontvangen")
            r = try await t.get("/api/v1/brieven/\(brief.id)/pdf", t.sleutels.meldpunt)
            #expect(r.status == .ok && r.headers.contentType?.subType == "pdf" && Self.pdfTekst(r).contains("(Dorpsstraat 1)"))
            r = try await t.put("/api/v1/brieven/\(brief.id)/verzending", t.sleutels.meldpunt, json: [:] as [String: Any])
            let verzonden = try r.json(BriefDTO.self)
            #expect(r.status == .ok && verzonden.geprintOp != nil && verzonden.geprintDoor == "Meldpunt (API)")
            // Once more: nothing changes.
            let weer = try await t.put("/api/v1/brieven/\(brief.id)/verzending", t.sleutels.meldpunt, json: [:] as [String: Any])
            #expect(try weer.json(BriefDTO.self).geprintOp == verzonden.geprintOp)
            #expect(try await t.get("/api/v1/brieven", t.sleutels.meldpunt).headers.first(name: "X-Total-Count") == "0")
            #expect(try await t.get("/api/v1/brieven?map=geprint", t.sleutels.meldpunt).headers.first(name: "X-Total-Count") == "1")
            #expect(try await t.get("/api/v1/brieven?map=allemaal", t.sleutels.meldpunt).ongeldigeNamen == ["map"])
            // Only the meldpunt.
            #expect(try await t.get("/api/v1/brieven", t.sleutels.svb).status == .forbidden)
            #expect(try await t.get("/api/v1/brieven/\(UUID().uuidString)/pdf", t.sleutels.meldpunt).status == .notFound)
        }
    }

    @Test func welkKanaalDeMelderKrijgt() async throws {
        try await metApp { t in
            // E-mail and a preference for e-mail: mail, no letter.
            _ = try await t.nieuweMelding(Self.perPost(email: "fatima@example.nl", voorkeur: "email"))
            #expect(try await BriefRij.query(on: t.app.db).count() == 0)
            let mail = try #require(try await UitgaandBericht.query(on: t.app.db).filter(\.$aan == "fatima@example.nl").first())
            // The melder's mail says how to reach the meldpunt without a computer.
            #expect(mail.inhoud.contains("Bel ons op 0800 123 45 67") && mail.inhoud.contains("Postbus 12345"))
            // E-mail but a preference for post: a letter, no mail.
            _ = try await t.nieuweMelding(Self.perPost(email: "fatima2@example.nl"))
            #expect(try await BriefRij.query(on: t.app.db).count() == 1)
            #expect(try await UitgaandBericht.query(on: t.app.db).filter(\.$aan == "fatima2@example.nl").count() == 0)
            // E-mail, post asked, but no full address: mail (a letter could not be posted).
            _ = try await t.nieuweMelding(Self.perPost(email: "fatima3@example.nl", postcode: nil))
            #expect(try await BriefRij.query(on: t.app.db).count() == 1)
            #expect(try await UitgaandBericht.query(on: t.app.db).filter(\.$aan == "fatima3@example.nl").count() == 1)
            // An address without a postcode: the letter waits, marked, and cannot be printed until completed.
            _ = try await t.nieuweMelding(Self.perPost(postcode: nil))
            let onvolledig = try #require(try await t.get("/api/v1/brieven", t.sleutels.meldpunt).json([BriefDTO].self).first { !$0.adresCompleet })
            let staf = try await t.medewerker()
            let p = try await staf.get("/brieven")
            #expect(p.tekst.contains("Adres niet compleet") && p.tekst.components(separatedBy: "name=\"brief[]\"").count == 2)
            let r = try await t.get("/api/v1/brieven/\(onvolledig.id)/pdf", t.sleutels.meldpunt)
            #expect(r.status == .conflict && r.tekst.contains("adres van de melder is niet compleet"))
            #expect(Self.pdfTekst(try await staf.get("/brieven/te-versturen.pdf")).contains("/Count 1"))
        }
    }

    @Test func intrekkenWistDeBrieven() async throws {
        try await metApp { t in
            let (z, link) = try await t.nieuweMelding(Self.perPost())
            #expect(try await t.stap(z, "berichten", ["tekst": "Wij bellen u morgen."]).status == .ok)
            #expect(try await BriefRij.query(on: t.app.db).count() == 2)
            let b = Browser(t)
            _ = try await b.get("\(link)/intrekken")
            #expect(try await b.post("\(link)/intrekken", [:]).status == .seeOther)
            #expect(try await BriefRij.query(on: t.app.db).count() == 0)
        }
    }

    @Test func contactgegevensUitDeOmgeving() throws {
        let basis = ["MELDPUNT_PUBLIC_URL": "http://127.0.0.1:8080"]
        // Nothing set: example values in development, nothing made up in production.
        let ontwikkeling = try Instellingen.uit(basis, productie: false, ontwikkeling: true)
        #expect(ontwikkeling.contact == .voorbeeld)
        let productie = try Instellingen.uit(["MELDPUNT_PUBLIC_URL": "https://meldpunt.example.nl", "MELDPUNT_SMTP_URL": "smtp://127.0.0.1:25", "MELDPUNT_OIN": "00000001234567890000"],
                                             productie: true, ontwikkeling: false)
        #expect(productie.contact.regel(.nl) == nil)
        let i = try Instellingen.uit(basis.merging(["MELDPUNT_CONTACT_TELEFOON": "088 000 12 34", "MELDPUNT_CONTACT_BEREIKBAAR": "werkdagen 9–17 uur|working days 9–17",
                                                    "MELDPUNT_CONTACT_POSTADRES": "Postbus 1|2500 AA  Den Haag"]) { a, _ in a }, productie: false, ontwikkeling: true)
        #expect(i.contact.regel(.nl) == "Bel ons op 088 000 12 34 (werkdagen 9–17 uur). Post: Meldpunt Fouten in Overheidsregistraties, Postbus 1, 2500 AA  Den Haag.")
        #expect(i.contact.regel(.en) == "Call us on 088 000 12 34 (working days 9–17). Post: Meldpunt Fouten in Overheidsregistraties, Postbus 1, 2500 AA  Den Haag.")
        #expect(i.contact.email == nil)
        for (naam, fout) in [("MELDPUNT_CONTACT_TELEFOON", "bel ons"), ("MELDPUNT_CONTACT_BEREIKBAAR", "a|b|c"), ("MELDPUNT_CONTACT_POSTADRES", "1|2|3|4|5"),
                             ("MELDPUNT_CONTACT_EMAIL", "geen adres"), ("MELDPUNT_CONTACT_POSTADRES", "Postbus\u{0085}1")] {
            #expect(throws: MeldpuntConfigFout.self, "\(naam)=\(fout)") {
                try Instellingen.uit(basis.merging([naam: fout]) { a, _ in a }, productie: false, ontwikkeling: true)
            }
        }
    }

    @Test func contactgegevensOpElkePagina() async throws {
        try await metApp { t in
            for pad in ["/", "/melden", "/status/kwijt", "/inloggen"] {
                let p = try await Browser(t).get(pad)
                #expect(p.tekst.contains("Bel ons op 0800 123 45 67 (maandag tot en met vrijdag, 9.00–17.00 uur)."), "\(pad)")
            }
        }
    }
}

/// Staff correct the melder's contact data (issue 30): same checks as the form, every problem at
/// once; the old values only in the processing log; the letter waiting goes to the new address.
@Suite("Contactgegevens van de melder corrigeren")
struct ContactgegevensTests {
    @Test func hetAdresAanvullenEnDeBriefKanWeg() async throws {
        try await metApp { t in
            let (z, link) = try await t.nieuweMelding(BrievenTests.perPost(postcode: nil))
            let fout = try await t.put("/api/v1/meldingen/\(z)/contactgegevens", t.sleutels.meldpunt,
                                       json: ["naam": "Fatima El Amrani", "adres": "Dorpsstraat 1", "postcode": "35", "voorkeurKanaal": "post", "email": "geen-adres"])
            #expect(fout.status == .badRequest && Set(fout.ongeldigeNamen) == ["email", "postcode", "woonplaats"])
            #expect(try await t.put("/api/v1/meldingen/\(z)/contactgegevens", t.sleutels.meldpunt, json: ["adres": "Dorpsstraat 1", "voorkeurKanaal": "post"])
                .ongeldigeCodes == ["postadresOnvolledig", "postadresOnvolledig"])
            #expect(try await t.put("/api/v1/meldingen/\(z)/contactgegevens", t.sleutels.svb, json: ["adres": "x"]).status == .forbidden)
            // A channel is one of the three, or left out: an empty one is not a choice (as the document says).
            #expect(try await t.put("/api/v1/meldingen/\(z)/contactgegevens", t.sleutels.meldpunt, json: ["telefoon": "06-12345678", "voorkeurKanaal": ""])
                .ongeldigeNamen == ["voorkeurKanaal"])

            // Through the page: the form shows what is there; a wrong postcode comes back by its label, what was typed kept.
            let staf = try await t.medewerker()
            let brieven = try await staf.get("/brieven")
            #expect(brieven.tekst.contains("href=\"/meldingen/\(z)/contactgegevens\""))
            var p = try await staf.get("/meldingen/\(z)/contactgegevens")
            #expect(p.status == .ok && p.tekst.contains("value=\"Dorpsstraat 1\"") && p.tekst.contains("<option value=\"post\" selected>"))
            let velden = [("naam", "Fatima El Amrani"), ("email", ""), ("telefoon", "06-12345678"), ("adres", "Nieuwe Gracht 5"), ("postcode", "35"),
                          ("woonplaats", "Utrecht"), ("voorkeurKanaal", "post")]
            p = try await staf.postVelden("/meldingen/\(z)/contactgegevens", velden)
            #expect(p.status == .badRequest && p.tekst.contains("Postcode: Vul een postcode in zoals 1234 AB.") && p.tekst.contains("value=\"Nieuwe Gracht 5\""))
            p = try await staf.postVelden("/meldingen/\(z)/contactgegevens", velden.map { $0.0 == "postcode" ? ($0.0, "3512 JE") : $0 })
            #expect(p.status == .seeOther)
            p = try await staf.volg(p)
            #expect(p.tekst.contains("De contactgegevens zijn gecorrigeerd.") && p.tekst.contains("Contactgegevens gecorrigeerd"))
            #expect(p.tekst.contains("Straat en huisnummer, Postcode"))

            // The timeline names the fields, not the values; the old address is in the processing log only.
            let d = try await t.get("/api/v1/meldingen/\(z)", t.sleutels.meldpunt).json(MeldingDetailDTO.self)
            let stap = try #require(d.tijdlijn.last)
            #expect(stap.soort == .contactgegevensGewijzigd && stap.gegevens?.velden == ["adres", "postcode"] && stap.tekst == nil)
            #expect(d.melding?.melder?.adres == "Nieuwe Gracht 5")
            let log = try #require(try await Verwerkingslogregel.query(on: t.app.db).filter(\.$actie == "melding.contactgegevens.corrigeren").first())
            #expect(log.gegevens?.contains("Dorpsstraat 1") == true)
            #expect(try await MeldingGebeurtenis.query(on: t.app.db).all().allSatisfy { !($0.tekst ?? "").contains("Dorpsstraat") && !($0.gegevens ?? "").contains("Dorpsstraat") })

            // The letter that waited can now be printed, to the new address.
            let pdf = BrievenTests.pdfTekst(try await staf.get("/brieven/te-versturen.pdf"))
            #expect(pdf.contains("(Nieuwe Gracht 5)") && pdf.contains("(3512 JE  UTRECHT)") && !pdf.contains("Dorpsstraat"))

            // Withdrawal erases the old value in the log as well.
            let b = Browser(t)
            _ = try await b.get("\(link)/intrekken")
            #expect(try await b.post("\(link)/intrekken", [:]).status == .seeOther)
            #expect(try await Verwerkingslogregel.query(on: t.app.db).filter(\.$gegevens != nil).count() == 0)
            #expect(try await t.put("/api/v1/meldingen/\(z)/contactgegevens", t.sleutels.meldpunt, json: ["telefoon": "06-12345678"]).status == .conflict)
        }
    }
}

/// Reopening a closed case (issue 30): with a reason the melder reads, the outcome cleared, the
/// melder told by mail or letter; not an open case, not once consent is withdrawn.
@Suite("Een gesloten melding weer openen")
struct HeropenenTests {
    @Test func weerOpenenMetEenRedenVoorDeMelder() async throws {
        try await metApp { t in
            let (z, link) = try await t.nieuweMelding(BrievenTests.perPost())
            #expect(try await t.stap(z, "heropeningen", ["reden": "Nog open."]).status == .conflict)
            try await t.contactEnAnalyse(z)
            try await t.herstelGevolgen(z)
            #expect(try await t.stap(z, "statuswijzigingen", ["status": "gesloten", "uitkomst": "opgelost", "samenvatting": "Het adres is aangepast."]).status == .ok)

            let staf = try await t.medewerker()
            var p = try await staf.get("/meldingen/\(z)")
            #expect(p.tekst.contains("href=\"/meldingen/\(z)/heropenen\"") && p.tekst.contains("Melding weer openen"))
            p = try await staf.postVelden("/meldingen/\(z)/heropenen", [("reden", "  ")])
            #expect(p.status == .badRequest && p.tekst.contains("Waarom gaat de melding weer open?: Schrijf waarom de melding weer open gaat"))
            p = try await staf.postVelden("/meldingen/\(z)/heropenen", [("reden", "De gemeente heeft het oude adres teruggezet.")])
            #expect(p.status == .seeOther)
            #expect(try await staf.volg(p).tekst.contains("De melding is weer geopend. De melder heeft bericht gekregen."))

            let d = try await t.get("/api/v1/meldingen/\(z)", t.sleutels.meldpunt).json(MeldingDetailDTO.self)
            #expect(d.status == .inBehandeling && d.uitkomst == nil && d.mogelijkeStappen.contains(.sluiten) && !d.mogelijkeStappen.contains(.heropenen))
            #expect(d.tijdlijn.contains { $0.soort == .heropend && $0.zichtbaarVoorMelder && $0.tekst == "De gemeente heeft het oude adres teruggezet." })
            // The melder reads it: on the page, and in a letter (this melder gets post).
            #expect(try await Browser(t).get(link).tekst.contains("De gemeente heeft het oude adres teruggezet."))
            let brief = try #require(try await BriefRij.query(on: t.app.db).filter(\.$onderwerp == "Uw melding is weer geopend").first())
            #expect(brief.alineas.contains("oude adres teruggezet"))
            #expect(try await t.stap(z, "heropeningen", ["reden": "Nog eens."]).status == .conflict)
            #expect(try await t.stap(z, "heropeningen", ["reden": "x"], sleutel: t.sleutels.svb).status == .forbidden)

            // Withdrawn: closed for good.
            let b = Browser(t)
            _ = try await b.get("\(link)/intrekken")
            #expect(try await b.post("\(link)/intrekken", [:]).status == .seeOther)
            #expect(try await t.stap(z, "heropeningen", ["reden": "Toch weer."]).status == .conflict)
            #expect(try await staf.get("/meldingen/\(z)").tekst.contains("/heropenen\"") == false)
        }
    }

    @Test func eenMelderMetEMailKrijgtBericht() async throws {
        try await metApp { t in
            let (z, _) = try await t.nieuweMelding()
            try await t.contactEnAnalyse(z)
            try await t.herstelGevolgen(z)
            #expect(try await t.stap(z, "statuswijzigingen", ["status": "gesloten", "uitkomst": "opgelost", "samenvatting": "Opgelost."]).status == .ok)
            #expect(try await t.stap(z, "heropeningen", ["reden": "De toeslag is weer stopgezet."]).status == .ok)
            #expect(try await UitgaandBericht.query(on: t.app.db).filter(\.$onderwerp == "Uw melding \(z) is weer geopend").count() == 1)
        }
    }
}

/// Documents staff add to a case (issue 30): the melder's file checks; the melder does not see them.
@Suite("Documenten bij een melding")
struct DocumentenTests {
    @Test func eenBriefVanDeMelderErbij() async throws {
        try await metApp { t in
            let (z, link) = try await t.nieuweMelding(BrievenTests.perPost())
            let staf = try await t.medewerker()
            _ = try await staf.get("/meldingen/\(z)")
            // Not a PDF, JPEG or PNG: refused next to the field, by its label.
            var p = try await staf.postMultipart("/meldingen/\(z)/documenten", [:], bestanden: [("document", "notitie.txt", Data("hallo".utf8))])
            #expect(p.status == .badRequest && p.tekst.contains("Document toevoegen: Dit bestand kan niet bij de melding."))
            p = try await staf.postMultipart("/meldingen/\(z)/documenten", [:], bestanden: [("document", "brief-melder.pdf", Voorbeeld.pdf)])
            #expect(p.status == .seeOther)
            p = try await staf.volg(p)
            #expect(p.tekst.contains("Het document is toegevoegd.") && p.tekst.contains(">brief-melder.pdf</a>") && p.tekst.contains("Document toegevoegd"))
            // The melder's page does not list it.
            #expect(try await Browser(t).get(link).tekst.contains("brief-melder.pdf") == false)
            // Through the API, with the same checks.
            let r = try await t.post("/api/v1/meldingen/\(z)/bijlagen", t.sleutels.meldpunt,
                                     json: ["bestandsnaam": "gesprek.pdf", "mimeType": "application/pdf", "bijlageData": Voorbeeld.pdf.base64EncodedString()])
            let na = try r.json(MeldingDetailDTO.self)
            #expect(r.status == .created && na.tijdlijn.last?.soort == .documentToegevoegd)
            let fout = try await t.post("/api/v1/meldingen/\(z)/bijlagen", t.sleutels.meldpunt, json: ["bestandsnaam": "x.pdf", "mimeType": "application/pdf", "bijlageData": "bm9n"])
            #expect(fout.status == .badRequest)
            #expect(try await t.post("/api/v1/meldingen/\(z)/bijlagen", t.sleutels.svb, json: ["bestandsnaam": "x.pdf"]).status == .forbidden)
        }
    }
}

/// Linking and merging cases (issue 30): both timelines say so; a merge closes this case without
/// naming the other to the melder, and needs no running requests.
@Suite("Meldingen koppelen en samenvoegen")
struct KoppelenTests {
    @Test func koppelenEnSamenvoegen() async throws {
        try await metApp { t in
            let (a, linkA) = try await t.nieuweMelding()
            let (b, _) = try await t.nieuweMelding()
            let (c, _) = try await t.nieuweMelding()
            let staf = try await t.medewerker()
            var p = try await staf.get("/meldingen/\(a)/koppelen")
            #expect(p.status == .ok && p.tekst.contains("Zaaknummer van de andere melding"))
            p = try await staf.postVelden("/meldingen/\(a)/koppelen", [("zaaknummer", "MFO-1"), ("samenvoegen", "nee")])
            #expect(p.status == .badRequest && p.tekst.contains("Zaaknummer van de andere melding: Vul het zaaknummer"))
            p = try await staf.postVelden("/meldingen/\(a)/koppelen", [("zaaknummer", a), ("samenvoegen", "nee")])
            #expect(p.status == .badRequest && p.tekst.contains("Dit is deze melding zelf"))
            p = try await staf.postVelden("/meldingen/\(a)/koppelen", [("zaaknummer", b.lowercased()), ("samenvoegen", "nee")])
            #expect(p.status == .seeOther)
            p = try await staf.volg(p)
            #expect(p.tekst.contains("De meldingen zijn gekoppeld.") && p.tekst.contains("\(b): over hetzelfde probleem"))
            #expect(try await staf.get("/meldingen/\(b)").tekst.contains("\(a): over hetzelfde probleem"))
            #expect(try await t.stap(a, "koppelingen", ["zaaknummer": b]).ongeldigeCodes == ["alGekoppeld"])

            // Merging a into c: a closes, c carries on; the melder of a is told, without c's number.
            let r = try await t.stap(a, "koppelingen", ["zaaknummer": c, "samenvoegen": true])
            #expect(r.status == .created)
            let da = try r.json(MeldingDetailDTO.self)
            #expect(da.status == .gesloten && da.uitkomst == .samengevoegd)
            let dc = try await t.get("/api/v1/meldingen/\(c)", t.sleutels.meldpunt).json(MeldingDetailDTO.self)
            #expect(dc.status != .gesloten && dc.tijdlijn.last?.soort == .samengevoegd && dc.tijdlijn.last?.gegevens?.gekoppeld == a)
            let lijst = try await t.get("/api/v1/meldingen/\(c)/koppelingen", t.sleutels.meldpunt).json([KoppelingDTO].self)
            #expect(lijst.map(\.soort) == ["opgenomen"] && lijst.first?.zaaknummer == a)
            let melderPagina = try await Browser(t).get(linkA)
            #expect(melderPagina.tekst.contains("samen met een andere melding over hetzelfde probleem") && !melderPagina.tekst.contains(c))
            // Closing by choosing 'samengevoegd' is not possible; only the merge does it.
            try await t.contactEnAnalyse(b)
            #expect(try await t.stap(b, "statuswijzigingen", ["status": "gesloten", "uitkomst": "samengevoegd", "samenvatting": "x"]).ongeldigeCodes == ["alleenDoorSamenvoegen"])
            #expect(try await t.stap(b, "koppelingen", ["zaaknummer": a, "samenvoegen": true]).ongeldigeCodes == ["alGekoppeld"])
            let (e, _) = try await t.nieuweMelding()
            #expect(try await t.stap(e, "koppelingen", ["zaaknummer": a, "samenvoegen": true]).ongeldigeCodes == ["gesloten"])
            #expect(try await t.stap(b, "koppelingen", ["zaaknummer": c], sleutel: t.sleutels.svb).status == .forbidden)
        }
    }
}

/// Standard texts (issue 30): beheer of the meldpunt keeps them in Dutch and English with fields;
/// staff start a reply from one, filled in for this case in the melder's language.
@Suite("Standaardteksten")
struct StandaardtekstenTests {
    @Test func beheerMaaktZeMedewerkersGebruikenZe() async throws {
        try await metApp { t in
            try await t.gebruiker("bea@meldpunt.nl", rol: .beheerder, oin: TestApp.meldpuntOIN)
            let bea = Browser(t)
            _ = try await bea.login("bea@meldpunt.nl")
            var p = try await bea.get("/beheer/standaardteksten")
            #expect(p.status == .ok && p.tekst.contains("Er zijn nog geen standaardteksten."))
            p = try await bea.post("/beheer/standaardteksten", ["titel": "", "doel": "melder", "tekstNl": "Beste {naam}, {onzin}.", "tekstEn": ""])
            #expect(p.status == .badRequest && p.tekst.contains("href=\"#titel\">Titel:") && p.tekst.contains("Onbekend veld {onzin}") && p.tekst.contains("{onzin}.</textarea>"))
            p = try await bea.post("/beheer/standaardteksten", ["titel": "Wij wachten op de gemeente", "doel": "melder",
                                                                "tekstNl": "Beste {naam}, wij hebben de gemeente gevraagd naar melding {zaaknummer}. Wij bellen u uiterlijk {contactUiterlijk}.",
                                                                "tekstEn": "Dear {naam}, we asked the municipality about case {zaaknummer}."])
            #expect(p.status == .seeOther)
            p = try await bea.volg(p)
            #expect(p.tekst.contains("Wij wachten op de gemeente") && p.tekst.contains("De melder"))
            let s = try #require(try await StandaardtekstRij.query(on: t.app.db).first())

            // Staff: the case page offers it; choosing it fills the reply box for this case.
            let (z, _) = try await t.nieuweMelding(BrievenTests.perPost())
            let staf = try await t.medewerker()
            p = try await staf.get("/meldingen/\(z)")
            #expect(p.tekst.contains("href=\"/meldingen/\(z)?standaardtekst=\(s.id!.tekst)#berichtTekst\">Wij wachten op de gemeente</a>"))
            p = try await staf.get("/meldingen/\(z)?standaardtekst=\(s.id!.tekst)")
            #expect(p.tekst.contains("Beste Fatima El Amrani, wij hebben de gemeente gevraagd naar melding \(z). Wij bellen u uiterlijk 25 november 2026.</textarea>"))

            // Switched off: no longer offered; the API lists what is in use.
            #expect(try await t.get("/api/v1/standaardteksten?doel=melder", t.sleutels.meldpunt).json([StandaardtekstDTO].self).count == 1)
            p = try await bea.post("/beheer/standaardteksten/\(s.id!.tekst)", ["titel": "Wij wachten op de gemeente", "doel": "melder", "tekstNl": "Beste {naam}.", "tekstEn": ""])
            #expect(p.status == .seeOther)
            #expect(try await staf.get("/meldingen/\(z)").tekst.contains("standaardtekst=") == false)
            #expect(try await t.get("/api/v1/standaardteksten", t.sleutels.meldpunt).json([StandaardtekstDTO].self).isEmpty)
            #expect(try await t.get("/api/v1/standaardteksten?doel=iedereen", t.sleutels.meldpunt).ongeldigeNamen == ["doel"])
            #expect(try await t.get("/api/v1/standaardteksten", t.sleutels.svb).status == .forbidden)
            // A gemeente's beheer does not keep the meldpunt's texts.
            try await t.gebruiker("beheer@amsterdam.nl", rol: .beheerder, gemeentecode: "0363")
            let a = Browser(t)
            _ = try await a.login("beheer@amsterdam.nl")
            #expect(try await a.get("/beheer/standaardteksten").status == .forbidden)
            #expect(try await a.get("/beheer").tekst.contains("/beheer/standaardteksten") == false)
        }
    }

    @Test func eenTekstVoorPartnersOpHetVerzoek() async throws {
        try await metApp { t in
            try await t.gebruiker("bea@meldpunt.nl", rol: .beheerder, oin: TestApp.meldpuntOIN)
            let bea = Browser(t)
            _ = try await bea.login("bea@meldpunt.nl")
            _ = try await bea.post("/beheer/standaardteksten", ["titel": "Herinnering termijn", "doel": "partner",
                                                                "tekstNl": "Beste {naam} van {organisatie}, wij wachten nog op uw antwoord over melding {zaaknummer}.", "tekstEn": ""])
            _ = try await bea.post("/beheer/standaardteksten", ["titel": "Voor melders", "doel": "melder", "tekstNl": "Beste {naam}.", "tekstEn": ""])
            let partner = try #require(try await StandaardtekstRij.query(on: t.app.db).filter(\.$doel == .partner).first())
            let melder = try #require(try await StandaardtekstRij.query(on: t.app.db).filter(\.$doel == .melder).first())
            _ = try await t.partners()
            let (z, _) = try await t.meldingInBehandeling()
            let v = try await t.stap(z, "verzoeken", ["organisatieOin": TestApp.uwvOIN, "soort": "advies", "vraag": "Hoe voorkomen we dit?"])
            #expect(v.status == .created, "\(v.tekst)")
            let id = try v.json(VerzoekDTO.self).id
            let staf = try await t.medewerker()
            var p = try await staf.get("/meldingen/\(z)/verzoeken/\(id)")
            // Only the partner texts are offered here.
            #expect(p.tekst.contains("href=\"/meldingen/\(z)/verzoeken/\(id)?standaardtekst=\(partner.id!.tekst)#berichtTekst\">Herinnering termijn</a>"))
            #expect(!p.tekst.contains("Voor melders"))
            p = try await staf.get("/meldingen/\(z)/verzoeken/\(id)?standaardtekst=\(partner.id!.tekst)")
            #expect(p.tekst.contains("Beste UWV operationeel van UWV, wij wachten nog op uw antwoord over melding \(z).</textarea>"), "\(p.tekst.prefix(0))")
            #expect(try await staf.get("/meldingen/\(z)/verzoeken/\(id)?standaardtekst=\(melder.id!.tekst)").status == .notFound)
        }
    }
}
