import Foundation
import MeldpuntDomain
import Testing

@Suite("Cijfers: CSV, periode en onderdrukking")
struct CijfersTests {
    @Test func csvVolgensRFC4180() {
        #expect(CSV.tekst([["Naam", "Aantal"], ["Gemeente ’s-Hertogenbosch", "3"]]) == "Naam,Aantal\r\nGemeente ’s-Hertogenbosch,3\r\n")
        #expect(CSV.tekst([["a,b", "zei \"ja\"", "twee\nregels"]]) == "\"a,b\",\"zei \"\"ja\"\"\",\"twee\nregels\"\r\n")
        // A formula never runs in a spreadsheet; a negative number stays a number.
        #expect(CSV.tekst([["=HYPERLINK(\"x\")", "-3", "@som", "+31"]]) == "\"'=HYPERLINK(\"\"x\"\")\",-3,'@som,+31\r\n")
    }

    @Test func kleineAantallenWeggelatenBuitenDeOrganisatie() {
        let tabel = Cijfertabel(id: "t", titel: Tekst("T", "T"), kolom: Tekst("K", "K"), rijen: [
            Cijferrij(sleutel: "a", naam: Tekst("a", "a"), waarde: 0), Cijferrij(sleutel: "b", naam: Tekst("b", "b"), waarde: 4),
            Cijferrij(sleutel: "c", naam: Tekst("c", "c"), waarde: 5), Cijferrij(sleutel: "d", naam: Tekst("d", "d"), waarde: 40, eenheid: .procent),
        ]).onderdrukt()
        #expect(tabel.rijen.map(\.waarde) == [0, nil, 5, 40])
        #expect(tabel.rijen.map(\.onderdrukt) == [false, true, false, false])
        #expect(tabel.csv(.nl) == "K,Waarde\r\na,0\r\nb,<5\r\nc,5\r\nd,40\r\n")
    }

    @Test func periodeStandaardEnFouten() throws {
        let vandaag = Dag("2026-12-05")!
        let standaard = try Periode.valideer(van: nil, tot: "", vandaag: vandaag)
        #expect(standaard.tot == vandaag && standaard.van == Dag("2025-12-06"))
        #expect(standaard.maanden.count == 13)
        #expect(try Periode.valideer(van: nil, tot: "2025-06-30", vandaag: vandaag).van == Dag("2024-07-01"))
        #expect(throws: ValidatieFouten.self) { try Periode.valideer(van: "2026-13-01", tot: "x", vandaag: vandaag) }
        do {
            _ = try Periode.valideer(van: "2026-12-01", tot: "2026-11-01", vandaag: vandaag)
            Issue.record("had moeten weigeren")
        } catch {
            #expect(error.fouten.map(\.code) == ["naTot"])
        }
        #expect(Doorlooptijd(dagen: 0) == .week && Doorlooptijd(dagen: 14) == .tweeWeken && Doorlooptijd(dagen: 91) == .langer)
    }
}
