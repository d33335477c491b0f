import MeldpuntCore
import Fluent
import Foundation
import Testing
import Vapor
@testable import MeldpuntApp
@testable import MeldpuntHTTP
@testable import MeldpuntAPI
@testable import MeldpuntWeb

@Suite("Portaal: nieuwe terugmelding in stappen")
struct NieuweTerugmeldingTests {
    private func start(_ t: TestApp) async throws -> (Browser, String) {
        try await t.gebruiker("bd@test.nl", rol: .afnemer, oin: "00000001003214345000")
        let b = Browser(t)
        try await b.login("bd@test.nl")
        _ = try await b.get("/terugmeldingen")
        let r = try await b.post("/terugmeldingen/nieuw", [:])
        #expect(r.status == .seeOther)
        let locatie = try #require(r.headers.first(name: .location))
        #expect(locatie.hasSuffix("/registratie"))
        _ = try await b.get(locatie)
        return (b, String(locatie.dropLast("/registratie".count)))
    }

    @Test func helemaalDoorlopenMetBijlage() async throws {
        try await metApp { t in
            let (b, basis) = try await start(t)
            #expect(try await b.post("\(basis)/registratie", ["gemeente": "amsterdam", "actie": "volgende"]).headers.first(name: .location) == "\(basis)/persoon")
            #expect(try await b.post("\(basis)/persoon", ["bsn": "999993653", "anummer": "", "adres": "", "actie": "volgende"]).status == .seeOther)
            // Two data items: add a row, then fill both.
            _ = try await b.post("\(basis)/gegevens", ["gegevens[0][attribuut]": "urn:brp:persoon:binnenlands-adres-ingezetene:huisnummer",
                                                       "gegevens[0][betwijfeld]": "23", "gegevens[0][voorgesteld]": "21", "actie": "toevoegen"])
            let tweeRijen = try await b.get("\(basis)/gegevens")
            #expect(tweeRijen.tekst.contains("gegevens[1][attribuut]"))
            #expect(tweeRijen.tekst.contains("value=\"23\""))
            #expect(try await b.post("\(basis)/gegevens", [
                "gegevens[0][attribuut]": "urn:brp:persoon:binnenlands-adres-ingezetene:huisnummer", "gegevens[0][betwijfeld]": "23", "gegevens[0][voorgesteld]": "21",
                "gegevens[1][attribuut]": "urn:brp:persoon:nationaliteit", "gegevens[1][betwijfeld]": "DE", "gegevens[1][voorgesteld]": "NL",
                "actie": "volgende"]).status == .seeOther)
            let upload = try await b.postMultipart("\(basis)/aanvullend", ["toelichting": "Volgens de aangifte woont betrokkene op 21.", "kenmerk": "BD-77",
                                                                            "contactNaam": "T. Ester", "contactEmail": "t@bd.nl", "contactTelefoon": "", "contactAfdeling": "",
                                                                            "actie": "volgende"],
                                                   bestanden: [("bijlage[]", "brief.pdf", Voorbeeld.pdf)])
            #expect(upload.status == .seeOther, "\(upload.tekst.prefix(300))")
            let controle = try await b.get("\(basis)/controleren")
            #expect(controle.tekst.contains("Amsterdam (0363)") && controle.tekst.contains("brief.pdf") && controle.tekst.contains("BSN 999993653"))

            let verzonden = try await b.post("\(basis)/controleren", ["actie": "verzenden"])
            #expect(verzonden.status == .seeOther)
            let pad = try #require(verzonden.headers.first(name: .location))
            let ref = String(pad.dropFirst("/terugmeldingen/".count).prefix(36))
            let api = try await t.get("/api/v1/terugmeldingen/\(ref)", t.sleutels.amsterdam).object
            #expect(api["status"] as? String == "Gemeld")
            #expect(api["referentieKenmerk"] as? String == "BD-77")
            #expect((api["bijlagen"] as? [[String: Any]])?.first?["sha256"] as? String == Sleutels.sha256Hex(Voorbeeld.pdf))
            let gegevens = ((api["terugMelding"] as? [String: Any])?["terugMeldingBody"] as? [String: Any])?["terugMeldingGegevens"] as? [[String: Any]]
            #expect(gegevens?.count == 2)
            #expect(try await Concept.query(on: t.app.db).count() == 0)
            #expect(try await b.get(pad).tekst.contains("Uw terugmelding is verzonden."))
        }
    }

    /// A step opens only after the ones before it; sending checks every step and shows the first
    /// incomplete one with its problems in words; the check page has "Wijzigen" per row.
    @Test func stappenInVolgordeEnWijzigenVanafDeControle() async throws {
        try await metApp { t in
            let (b, basis) = try await start(t)
            let vooruit = try await b.get("\(basis)/controleren")
            #expect(vooruit.status == .seeOther && vooruit.headers.first(name: .location) == "\(basis)/registratie")
            let stap1 = try await b.get("\(basis)/registratie")
            #expect(!stap1.tekst.contains("href=\"\(basis)/gegevens\"") && stap1.tekst.contains("<span class=\"nog-niet\">"))
            let verzonden = try await b.post("\(basis)/controleren", ["actie": "verzenden"])
            #expect(verzonden.status == .badRequest && verzonden.tekst.contains("href=\"#gemeente\""))
            #expect(!verzonden.tekst.contains("terugMeldingHeader") && !verzonden.tekst.contains("gemeentecode:"))
            #expect(try await Terugmelding.query(on: t.app.db).count() == 0)

            #expect(try await b.post("\(basis)/registratie", ["gemeente": "0363 Amsterdam", "actie": "volgende"]).status == .seeOther)
            #expect(try await b.get("\(basis)/gegevens").headers.first(name: .location) == "\(basis)/persoon")
            _ = try await b.post("\(basis)/persoon", ["bsn": "999993653", "anummer": "", "adres": "", "actie": "volgende"])
            _ = try await b.post("\(basis)/gegevens", ["gegevens[0][attribuut]": "urn:brp:persoon:binnenlands-adres-ingezetene:huisnummer",
                                                       "gegevens[0][betwijfeld]": "23", "gegevens[0][voorgesteld]": "21", "actie": "volgende"])
            _ = try await b.post("\(basis)/aanvullend", ["toelichting": "x", "kenmerk": "", "contactNaam": "T", "contactEmail": "", "contactTelefoon": "",
                                                         "contactAfdeling": "", "actie": "volgende"])
            let controle = try await b.get("\(basis)/controleren")
            #expect(controle.status == .ok && controle.tekst.contains("href=\"\(basis)/persoon?terug=controleren\">Wijzigen"))
            let wijzig = try await b.get("\(basis)/persoon?terug=controleren")
            #expect(wijzig.tekst.contains("name=\"terug\" value=\"controleren\""))
            let terug = try await b.post("\(basis)/persoon", ["bsn": "999993653", "anummer": "", "adres": "Dorpsstraat 1", "actie": "volgende", "terug": "controleren"])
            #expect(terug.headers.first(name: .location) == "\(basis)/controleren")
            #expect(try await b.get("\(basis)/controleren").tekst.contains("Dorpsstraat 1"))
        }
    }

    @Test func foutenPerStapZonderVerlies() async throws {
        try await metApp { t in
            let (b, basis) = try await start(t)
            let weesp = try await b.post("\(basis)/registratie", ["gemeente": "0457", "actie": "volgende"])
            #expect(weesp.status == .badRequest)
            #expect(weesp.tekst.contains("Amsterdam (0363)"))
            #expect(weesp.tekst.contains("href=\"#gemeente\"") && weesp.tekst.contains("value=\"0457\""))
            #expect(try await b.post("\(basis)/registratie", ["gemeente": "Nergenshuizen", "actie": "volgende"]).status == .badRequest)
            #expect(try await b.post("\(basis)/registratie", ["gemeente": "0363 Amsterdam", "actie": "volgende"]).status == .seeOther)

            let bsn = try await b.post("\(basis)/persoon", ["bsn": "123456789", "anummer": "", "adres": "Dorpsstraat 1", "actie": "volgende"])
            #expect(bsn.status == .badRequest)
            #expect(bsn.tekst.contains("Dit BSN bestaat niet"))
            #expect(bsn.tekst.contains("value=\"Dorpsstraat 1\"") && bsn.tekst.contains("value=\"123456789\""))
            #expect(try await b.post("\(basis)/persoon", ["bsn": "", "anummer": "", "adres": "", "actie": "volgende"]).status == .badRequest)
            // Going back never validates and keeps what was typed.
            #expect(try await b.post("\(basis)/persoon", ["bsn": "12", "anummer": "", "adres": "", "actie": "vorige"]).status == .seeOther)
            #expect(try await b.get("\(basis)/persoon").tekst.contains("value=\"12\""))

            let leeg = try await b.post("\(basis)/gegevens", ["gegevens[0][attribuut]": "", "gegevens[0][betwijfeld]": "", "actie": "volgende"])
            #expect(leeg.status == .badRequest)
            #expect(leeg.tekst.contains("href=\"#gegevens_0_attribuut\""))

            // A wrong e-mail address does not throw away the uploaded file.
            let fout = try await b.postMultipart("\(basis)/aanvullend", ["toelichting": "x", "kenmerk": "", "contactNaam": "", "contactEmail": "geen-adres",
                                                                         "contactTelefoon": "", "contactAfdeling": "", "actie": "volgende"],
                                                 bestanden: [("bijlage[]", "foto.png", Voorbeeld.png), ("bijlage[]", "virus.exe", Data("MZ".utf8))])
            #expect(fout.status == .badRequest)
            #expect(fout.tekst.contains("foto.png"))
            #expect(fout.tekst.contains("virus.exe: dit is geen PDF-, JPEG- of PNG-bestand."))
            #expect(fout.tekst.contains("href=\"#contactEmail\""))
        }
    }

    /// Without an explanation the step stops with a message by the field; a terugmelding to the
    /// RNI (1999) lists what does not belong there and refuses those items by their field.
    @Test func toelichtingVerplichtEnNietNaarRNI() async throws {
        try await metApp { t in
            let (b, basis) = try await start(t)
            #expect(try await b.post("\(basis)/registratie", ["gemeente": "1999", "actie": "volgende"]).status == .seeOther)
            #expect(try await b.post("\(basis)/persoon", ["bsn": "999993653", "anummer": "", "adres": "", "actie": "volgende"]).status == .seeOther)
            let stap = try await b.get("\(basis)/gegevens")
            #expect(stap.tekst.contains("Dit hoort niet bij de RNI (1999)") && stap.tekst.contains("naamgebruik"))
            let ouder = try await b.post("\(basis)/gegevens", ["gegevens[0][attribuut]": "urn:brp:persoon:ouder", "gegevens[0][betwijfeld]": "Jan", "actie": "volgende"])
            #expect(ouder.status == .badRequest)
            #expect(ouder.tekst.contains("href=\"#gegevens_0_attribuut\"") && ouder.tekst.contains("laatste gemeente van inschrijving"))
            #expect(try await b.post("\(basis)/gegevens", ["gegevens[0][attribuut]": Voorbeeld.rniGegeven, "gegevens[0][betwijfeld]": "Rue 1, Parijs",
                                                          "actie": "volgende"]).status == .seeOther)
            let zonder = try await b.post("\(basis)/aanvullend", ["toelichting": "  ", "kenmerk": "", "contactNaam": "", "contactEmail": "",
                                                                   "contactTelefoon": "", "contactAfdeling": "", "actie": "volgende"])
            #expect(zonder.status == .badRequest)
            #expect(zonder.tekst.contains("href=\"#toelichting\"") && zonder.tekst.contains("aria-invalid=\"true\""))
            #expect(zonder.tekst.contains("Leg uit waarom u twijfelt"))
        }
    }

    @Test func conceptIsVanDeGebruiker() async throws {
        try await metApp { t in
            let (_, basis) = try await start(t)
            try await t.gebruiker("svb@test.nl", rol: .afnemer, oin: "00000001002220647000")
            try await t.gebruiker("ams@test.nl", rol: .bijhouder, gemeentecode: "0363")
            let svb = Browser(t)
            try await svb.login("svb@test.nl")
            #expect(try await svb.get("\(basis)/registratie").status == .notFound)
            #expect(try await svb.post("\(basis)/registratie", ["gemeente": "0363", "actie": "volgende"]).status == .notFound)
            let ams = Browser(t)
            try await ams.login("ams@test.nl")
            #expect(try await ams.get("\(basis)/registratie").status == .forbidden)
            #expect(try await ams.post("/terugmeldingen/nieuw", [:]).status == .forbidden)
        }
    }
}
