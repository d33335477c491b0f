import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Testing
import Vapor
@testable import MeldpuntApp
@testable import MeldpuntWeb

/// Issue 27: a link a person is shown must work for that person. With the demo data, every role
/// logs in and follows every link it is shown, page after page; a link that answers 4xx (or
/// sends a logged-in user to the login page) fails the test and is named.
@Suite("Elke getoonde link werkt voor wie hem ziet")
struct LinkenTests {
    static let rollen: [(email: String, rol: GebruikersRol, gemeentecode: String?, oin: String?)] = [
        ("afnemer@test.nl", .afnemer, nil, "00000001003214345000"),
        ("bijhouder@test.nl", .bijhouder, "0363", nil),
        ("rni@test.nl", .rni, "1999", nil),
        ("meldpunt@test.nl", .meldpunt, nil, TestApp.meldpuntOIN),
        ("partner@test.nl", .partner, nil, "00000099000000002000"),
        ("privacy@test.nl", .privacy, nil, TestApp.meldpuntOIN),
        ("beheer@test.nl", .beheerder, "0363", nil),
    ]

    static let menu: [GebruikersRol: [String: Bool]] = [
        .meldpunt: ["/meldingen": true, "/signalen": true, "/evaluaties": true, "/partners": true, "/statistieken": true],
        .partner: ["/verzoeken": true, "/evaluaties": true, "/partners": false],
        .bijhouder: ["/terugmeldingen": true, "/evaluaties": false, "/partners": false],
        .rni: ["/terugmeldingen": true, "/evaluaties": false],
        .afnemer: ["/terugmeldingen": true, "/terugmeldingen/nieuw": true, "/meldingen": false],
        .beheerder: ["/beheer": true, "/partners": false],
        .privacy: ["/privacy/inzage": true, "/meldingen": false, "/beheer": false],
    ]

    static func links(_ html: String) -> [String] {
        let patroon = try! NSRegularExpression(pattern: ##"href="(/[^"#]*)"##)
        return patroon.matches(in: html, range: NSRange(html.startIndex..., in: html)).map {
            String(html[Range($0.range(at: 1), in: html)!]).replacingOccurrences(of: "&amp;", with: "&")
        }.filter { !$0.hasPrefix("/css/") && !$0.hasPrefix("/js/") && !$0.hasPrefix("/favicon") && !$0.hasPrefix("/afbeeldingen/") }
    }

    @Test func elkeLinkWerktVoorElkeRol() async throws {
        try await metApp { t in
            t.app.snelheidsbegrenzer.zetAan(false)
            try await DemoSeed.zaai(t.app)
            var kapot: [String] = []
            for r in Self.rollen {
                _ = try await t.gebruiker(r.email, rol: r.rol, gemeentecode: r.gemeentecode, oin: r.oin)
                let b = Browser(t)
                #expect(try await b.login(r.email).status == .seeOther, "\(r.rol)")
                // The menu offers what the role does, and nothing it may not.
                let menu = Set(Self.links(try await b.get("/portaal").tekst))
                for (pad, verwacht) in Self.menu[r.rol] ?? [:] {
                    #expect(menu.contains(pad) == verwacht, "\(r.rol): \(pad) \(verwacht ? "ontbreekt" : "hoort er niet")")
                }
                var teBezoeken = ["/portaal", "/"]
                var gezien = Set(teBezoeken)
                var bezocht = 0
                while let pad = teBezoeken.first, bezocht < 150 {
                    teBezoeken.removeFirst()
                    bezocht += 1
                    let antwoord = try await b.get(pad)
                    let naarInloggen = antwoord.status == .seeOther && (antwoord.locatie ?? "").hasPrefix("/inloggen")
                    if antwoord.status.code >= 400 || naarInloggen {
                        kapot.append("\(r.rol.rawValue): \(pad) → \(antwoord.status.code)")
                        continue
                    }
                    guard antwoord.headers.contentType?.subType == "html" else { continue }
                    for link in Self.links(antwoord.tekst) where link != "/uitloggen" && gezien.insert(link).inserted {
                        teBezoeken.append(link)
                    }
                }
                // The crawl really went round: every role has a menu, lists and items to follow.
                #expect(bezocht >= 8, "\(r.rol): \(bezocht) pagina's")
            }
            #expect(kapot.isEmpty, "\(kapot.joined(separator: "\n"))")
        }
    }

    /// A lost status link can be asked for again from wherever a melder looks: the home page,
    /// the form's first page, the confirmation page and the confirmation mail.
    @Test func eenKwijteStatuslinkIsOveralTerugTeVragen() async throws {
        try await metApp { t in
            for pad in ["/", "/melden"] {
                #expect(try await t.get(pad).tekst.contains("href=\"/status/kwijt\""), "\(pad)")
            }
            _ = try await t.nieuweMelding()
            let mails = try await UitgaandBericht.query(on: t.app.db).filter(\.$aan == "j.devries@consumentenbond.example").all()
            #expect(!mails.isEmpty)
            // The mail names the site where a new link is asked for; its one link stays the melder's own.
            #expect(mails.allSatisfy { $0.inhoud.contains("vraagt u een nieuwe aan") && $0.inhoud.contains(t.app.instellingen.publiekeUrl) })
            #expect(mails.allSatisfy { !$0.inhoud.contains("/status/kwijt") })
        }
    }
}
