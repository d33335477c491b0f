import Foundation
import MeldpuntAdressen
import MeldpuntDomain
import Testing

@Suite("Adressen: every case reads back from its own path")
struct AdressenTests {
    @Test func webadressenKomenTerugUitHunPad() {
        for a in Webadres.voorbeelden {
            #expect(Webadres(pad: a.pad) == a, "\(a.pad)")
        }
        #expect(Set(Webadres.voorbeelden.map(\.pad)).count == Webadres.voorbeelden.count)
    }

    @Test func apiAdressenKomenTerugUitHunPad() {
        for a in APIAdres.voorbeelden {
            #expect(APIAdres(pad: a.pad) == a, "\(a.pad)")
            #expect(a.pad.hasPrefix("/api/v1/"))
        }
        #expect(Set(APIAdres.voorbeelden.map(\.pad)).count == APIAdres.voorbeelden.count)
    }

    @Test func eenOnbekendPadIsGeenAdres() {
        #expect(Webadres(pad: "/meldingen/MFO-2026-000123/onbekend") == nil)
        #expect(Webadres(pad: "/verzoeken/geen-uuid") == nil)
        #expect(APIAdres(pad: "/api/v2/meldingen/x") == nil)
    }

    @Test func eenWaardeMetEenSlashBlijftEenDeel() {
        let a = Webadres.melding(zaaknummer: "a/b")
        #expect(a.pad == "/meldingen/a%2Fb")
        #expect(Webadres(pad: a.pad) == a)
    }

    @Test func sjabloonNoemtDeParameters() {
        #expect(Webadres.verzoekTaakVanMelding(zaaknummer: "x", verzoek: UUID(), .termijn).sjabloon == "/meldingen/{zaaknummer}/verzoeken/{verzoek}/termijn")
        #expect(APIAdres.terugmeldingBijlage(UUID(), bijlage: UUID()).sjabloon == "/api/v1/terugmeldingen/{id}/bijlagen/{bijlage}")
    }
}
