import Foundation
import MeldpuntCore
import MeldpuntDomain
import Testing
@testable import MeldpuntBezorging

/// The MIME message as a mail program reads it: encoded subject, both bodies, the headers that
/// say it is automatic, nothing a value could smuggle into the headers.
@Suite("Berichten: de opmaak van een e-mail")
struct MailopmaakTests {
    static let mail = UitgaandeMail(
        id: UUID(uuidString: "6F9619FF-8B86-D011-B42D-00C04FC964FF")!, aan: "bram@amsterdam.example",
        inhoud: Mailinhoud(taal: .nl, onderwerp: "Terugmelding: status ‘Afgehandeld’\r\nBcc: iedereen@example.nl",
                           alineas: ["Eerste alinea met <b>geen</b> HTML.", ".Een regel die met een punt begint."],
                           link: "https://meldpunt.example.nl/terugmeldingen/1", linkTekst: "Bekijk de terugmelding", afmelden: "https://meldpunt.example.nl/instellingen"),
        datum: ISO8601DateFormatter().date(from: "2026-12-03T10:15:00Z")!)

    @Test func kopregelsEnBeideDelen() throws {
        let bericht = Mailopmaak.bericht(Self.mail, van: "Meldpunt <noreply@meldpunt.example.nl>", domein: "meldpunt.example.nl")
        let (kop, _) = try #require(bericht.range(of: "\r\n\r\n").map { (String(bericht[..<$0.lowerBound]), String(bericht[$0.upperBound...])) })
        let regels = kop.components(separatedBy: "\r\n")
        #expect(regels.contains("Message-ID: <6f9619ff-8b86-d011-b42d-00c04fc964ff@meldpunt.example.nl>"))
        #expect(regels.contains("Date: Thu, 03 Dec 2026 10:15:00 +0000"))
        // Single digits padded; a leap day; the first second of the epoch.
        #expect(Mailopmaak.datum(ISO8601DateFormatter().date(from: "2028-02-29T07:05:09Z")!) == "Tue, 29 Feb 2028 07:05:09 +0000")
        #expect(Mailopmaak.datum(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(regels.contains("Auto-Submitted: auto-generated"))
        #expect(regels.contains("List-Unsubscribe: <https://meldpunt.example.nl/instellingen>"))
        #expect(regels.contains("To: <bram@amsterdam.example>"))
        // The subject is encoded: its line break cannot start a header of its own.
        #expect(!regels.contains { $0.hasPrefix("Bcc:") })
        let onderwerp = regels.drop { !$0.hasPrefix("Subject: ") }.prefix { $0.hasPrefix("Subject: ") || $0.hasPrefix(" ") }
        let gedecodeerd = onderwerp.map { $0.replacingOccurrences(of: "Subject: ", with: "").trimmingCharacters(in: .whitespaces) }
            .map { String(decoding: Data(base64Encoded: String($0.dropFirst("=?UTF-8?B?".count).dropLast(2)))!, as: UTF8.self) }.joined()
        #expect(gedecodeerd == "Terugmelding: status ‘Afgehandeld’  Bcc: iedereen@example.nl")
        #expect(regels.allSatisfy { $0.utf8.count <= 998 })
        #expect(bericht.contains("Content-Type: text/plain; charset=utf-8") && bericht.contains("Content-Type: text/html; charset=utf-8"))
    }

    @Test func traceparentAlsKopregelAlleenInDeVormVanDeStandaard() throws {
        let inhoud = Mailinhoud(taal: .nl, onderwerp: "x", alineas: ["y"], link: nil, linkTekst: nil, afmelden: nil, privacy: "https://meldpunt.example.nl/privacy")
        let tp = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        let met = Mailopmaak.bericht(UitgaandeMail(id: UUID(), aan: "a@b.nl", inhoud: inhoud, datum: Date(), traceparent: tp), van: "M <m@x.nl>", domein: "x.nl")
        #expect(met.contains("\r\ntraceparent: \(tp)\r\n"))
        // The privacy statement under every mail.
        #expect(inhoud.tekst.contains("Zo gaan wij om met uw gegevens:\nhttps://meldpunt.example.nl/privacy"))
        #expect(inhoud.html.contains("<a href=\"https://meldpunt.example.nl/privacy\">Zo gaan wij om met uw gegevens</a>"))
        // Anything else (a stored value tampered with) never reaches a header.
        let vreemd = Mailopmaak.bericht(UitgaandeMail(id: UUID(), aan: "a@b.nl", inhoud: inhoud, datum: Date(), traceparent: tp + "\r\nBcc: c@d.nl"),
                                        van: "M <m@x.nl>", domein: "x.nl")
        #expect(!vreemd.contains("traceparent") && !vreemd.contains("Bcc"))
    }

    @Test func htmlOntsnaptEnPuntenGevuld() {
        let html = Self.mail.inhoud.html
        #expect(html.contains("&lt;b&gt;geen&lt;/b&gt;") && html.contains("<a href=\"https://meldpunt.example.nl/terugmeldingen/1\">"))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"nl\">"))
        let regels = Mailinhoud(taal: .en, onderwerp: "a \"b\"", alineas: ["één\nt & w\r\n<x>"], link: nil, linkTekst: nil, afmelden: nil).html
        #expect(regels.contains("<title>a &quot;b&quot;</title>") && regels.contains("<p>één<br>t &amp; w\r<br>&lt;x&gt;</p>"))
        #expect(Self.mail.inhoud.tekst.contains("Bekijk de terugmelding:\nhttps://meldpunt.example.nl/terugmeldingen/1"))
        #expect(SMTPClient.puntGevuld("a\r\n.b\r\n..c") == "a\r\n..b\r\n...c")
        #expect(Mailopmaak.idDomein("127.0.0.1") == "[127.0.0.1]" && Mailopmaak.adres("Meldpunt <noreply@x.nl>") == "noreply@x.nl")
    }
}
