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
        #expect(APIAdres.terugmeldingBijlage(UUID(), bijlage: UUID()).sjabloon == "/api/v1/terugmeldingen/{referentie}/bijlagen/{bijlage}")
    }
}

@Suite("Verzoektaken: elke kant alleen haar eigen taken")
struct VerzoektaakKantenTests {
    @Test func deTakenPassenInDeLijstVanHunKant() {
        for soort in VerzoekSoort.allCases {
            for niveau in Escalatieniveau.allCases {
                for open in [true, false] {
                    #expect(Verzoektaak.voorMeldpunt(soort: soort, open: open, niveau: niveau).isSubset(of: Verzoektaak.vanMeldpunt))
                }
            }
        }
        let statussen = Array(VerzoekStatus.allCases)
        for i in 0..<(1 << statussen.count) {
            let mogelijk = Set(statussen.indices.filter { i & (1 << $0) != 0 }.map { statussen[$0] })
            for open in [true, false] {
                for opheffen in [true, false] {
                    #expect(Verzoektaak.voorPartner(mogelijk: mogelijk, open: open, kanOpheffen: opheffen).isSubset(of: Verzoektaak.vanPartner))
                }
            }
        }
        #expect(Set(Verzoektaak.vanMeldpunt).union(Verzoektaak.vanPartner) == Set(Verzoektaak.allCases))
    }
}
