import Foundation
import MeldpuntCore
import MeldpuntDomain
import Testing
@testable import MeldpuntApp
@testable import MeldpuntWeb

/// Citizens' pages in plain Dutch (B1): none of the words in Resources/Taal/b1-vermijden.txt on any
/// page a citizen walks through, from the first question to the own status page.
@Suite("B1: de pagina's voor burgers gebruiken geen vakwoorden")
struct B1TaalTests {
    static let woorden: [String] = {
        let pad = TekstenGebruikTests.bron.appendingPathComponent("Resources/Taal/b1-vermijden.txt")
        return ((try? String(contentsOf: pad, encoding: .utf8)) ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }()

    /// The words a reader sees: tags, attributes and the hidden fields' values left out.
    static func zichtbareTekst(_ html: String) -> String {
        var s = html.replacingOccurrences(of: #"<(script|style)[\s\S]*?</\1>"#, with: " ", options: .regularExpression)
        s = s.replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression)
        return s
    }

    static func vakwoorden(_ html: String) -> [String] {
        let tekst = zichtbareTekst(html)
        return woorden.filter { w in
            tekst.range(of: "(?i)(?<![\\p{L}])" + NSRegularExpression.escapedPattern(for: w) + "(?![\\p{L}])", options: .regularExpression) != nil
        }
    }

    @Test func deLijstIsGeladen() {
        #expect(Self.woorden.contains("elfproef") && Self.woorden.contains("intermediair") && Self.woorden.count >= 10)
        #expect(Self.vakwoorden("<p>Kies de gemeente van bijhouding</p>") == ["bijhouding"])
        #expect(Self.vakwoorden("<input type=\"hidden\" name=\"x\" value=\"intermediair\"><p>Gewoon</p>").isEmpty)
    }

    @Test func vanEersteVraagTotStatuspagina() async throws {
        try await metApp { t in
            let b = Browser(t)
            var paginas: [(String, TestResponse)] = [("/", try await b.get("/")), ("/melden", try await b.get("/melden"))]
            paginas.append(("eerst zelf BRP", try await b.volg(try await b.post("/melden", ["registratie": "BRP", "alBenaderd": "nee", "bezwaar": "nee"]))))
            paginas.append(("bezwaar", try await b.volg(try await b.post("/melden", ["registratie": "BRP", "alBenaderd": "ja", "bezwaar": "ja"]))))
            var p = try await b.volg(try await b.post("/melden", ["registratie": "BRP", "alBenaderd": "ja", "bezwaar": "nee"]))
            paginas.append(("wie", p))
            // Every page of the form, with its errors too (they are read as well).
            p = try await b.volg(try await b.postVelden("/melden/stap", [("stap", "wie"), ("actie", "verder")]))
            paginas.append(("wie met fout", p))
            for (stap, velden) in [("wie", [("melderType", "burger")]), ("wat", [("registraties[]", "BRP"), ("watIsFout", "Oud adres.")]),
                                   ("gevolgen", [("betrokkenOrganisaties", "Gemeente Utrecht"), ("gevolgSoort[]", "boete"), ("gevolgOrganisatie[]", "CJIB"), ("gevolgDatum[]", ""), ("gevolgOmschrijving[]", "")]),
                                   ("contact", [("naam", "Jan"), ("email", "jan@example.nl"), ("bsn", "123456789")])] {
                p = try await b.volg(try await b.postVelden("/melden/stap", velden + [("stap", stap), ("actie", "verder")]))
                paginas.append((stap, p))
                if stap == "contact" {   // an invalid BSN: its message is read too
                    #expect(p.tekst.contains("class=\"foutsamenvatting\""))
                    p = try await b.volg(try await b.postVelden("/melden/stap", [("naam", "Jan"), ("email", "jan@example.nl"), ("stap", "contact"), ("actie", "verder")]))
                    paginas.append(("bijlagen", p))
                }
            }
            p = try await b.volg(try await b.postVelden("/melden/stap", [("stap", "bijlagen"), ("actie", "verder")]))
            paginas.append(("controle", p))
            let verstuurd = try await b.postVelden("/melden/formulier", [("toestemming", "ja"), ("stap", "controle"), ("actie", "versturen")])
            #expect(verstuurd.status == .seeOther)
            let ontvangen = try await b.get("/melden/ontvangen")
            paginas.append(("ontvangen", ontvangen))
            let link = try #require(ontvangen.tekst.range(of: #"/status/[A-Za-z0-9_-]{43}"#, options: .regularExpression).map { String(ontvangen.tekst[$0]) })
            paginas.append(("status", try await b.get(link)))
            paginas.append(("intrekken", try await b.get(link + "/intrekken")))
            paginas.append(("link kwijt", try await b.get("/status/kwijt")))
            #expect(paginas.count >= 14)
            for (naam, pagina) in paginas {
                #expect(pagina.status.code < 500, "\(naam)")
                #expect(Self.vakwoorden(pagina.tekst).isEmpty, "\(naam): \(Self.vakwoorden(pagina.tekst))")
            }
        }
    }
}
