import MeldpuntCore
import Fluent
import Foundation
import Testing
import Vapor
@testable import MeldpuntApp
@testable import MeldpuntHTTP
@testable import MeldpuntAPI
@testable import MeldpuntWeb

/// PostgreSQL cannot hold NUL in text: every way in keeps it out, on both databases alike.
@Suite("NUL-tekens in invoer")
struct NulTekensTests {
    @Test func herkentEenEchteNulEscape() {
        #expect(NulTekens.inJSON(Array(#"{"tekst":"a\u0000b"}"#.utf8)))
        #expect(NulTekens.inJSON(Array(#"{"tekst":"a\\\u0000"}"#.utf8)))      // an escaped backslash, then a NUL
        #expect(!NulTekens.inJSON(Array(#"{"tekst":"a\\u0000"}"#.utf8)))      // the text \u0000, no NUL
        #expect(!NulTekens.inJSON(Array(#"{"tekst":"a\u0001"}"#.utf8)))
        #expect(NulTekens.inJSON([0x7B, 0x00, 0x7D]))
        #expect(NulTekens.zonderNul("a%00b\0c") == "abc")
    }

    @Test func apiWeigertNulMetEenDuidelijkeFout() async throws {
        try await metApp { t in
            let (z, _) = try await t.nieuweMelding()
            let body = Data(#"{"tekst": "We bellen u morgen.\u0000"}"#.utf8)
            let r = try await t.request(.POST, "/api/v1/meldingen/\(z)/berichten", sleutel: t.sleutels.meldpunt, body: body)
            #expect(r.status == .badRequest && r.ongeldigeCodes == ["nulTeken"])
            let zoek = try await t.request(.POST, "/api/v1/meldingen/_zoek", sleutel: t.sleutels.meldpunt, body: Data(#"{"naam": "mo\u0000ulin"}"#.utf8))
            #expect(zoek.status == .badRequest)
            let tekst = try await t.request(.POST, "/api/v1/meldingen/\(z)/berichten", sleutel: t.sleutels.meldpunt,
                                            body: Data(#"{"tekst": "Het pad is C:\\u0000."}"#.utf8))
            #expect(tekst.status == .ok)
        }
    }

    @Test func formulierEnQueryVerliezenDeNul() async throws {
        try await metApp { t in
            let (_, link) = try await t.nieuweMelding()
            let melder = Browser(t)
            _ = try await melder.get(link)
            let body = "bericht=Nog%00%20een%20brief&_csrf=\(melder.csrf)"
            let r = try await t.request(.POST, "\(link)/berichten", headers: ["Cookie": melder.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")],
                                        body: Data(body.utf8), contentType: "application/x-www-form-urlencoded")
            #expect(r.status == .seeOther)
            #expect(try await MeldingGebeurtenis.query(on: t.app.db).filter(\.$soort == .berichtVanMelder).first()?.tekst == "Nog een brief")
            try await t.gebruiker("afnemer@bd.nl", rol: .afnemer, oin: "00000001003214345000")
            let b = Browser(t)
            try await b.login("afnemer@bd.nl")
            #expect(try await b.get("/terugmeldingen?kenmerk=BD%00-1").status == .ok)
        }
    }
}
