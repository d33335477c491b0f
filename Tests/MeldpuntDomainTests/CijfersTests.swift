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

    static func tabel(_ waarden: [Double], eenheid: Eenheid = .aantal) -> Cijfertabel {
        Cijfertabel(id: "t", titel: Tekst("T", "T"), kolom: Tekst("K", "K"), eenheid: eenheid,
                    rijen: waarden.enumerated().map { Cijferrij(sleutel: "\($0.offset)", naam: Tekst("r\($0.offset)", "r\($0.offset)"), waarde: $0.element) })
    }

    @Test func kleineAantallenWeggelatenBuitenDeOrganisatie() {
        let tabel = Cijfertabel(id: "t", titel: Tekst("T", "T"), kolom: Tekst("K", "K"), rijen: [
            Cijferrij(sleutel: "a", naam: Tekst("a", "a"), waarde: 0), Cijferrij(sleutel: "b", naam: Tekst("b", "b"), waarde: 4),
            Cijferrij(sleutel: "c", naam: Tekst("c", "c"), waarde: 5), Cijferrij(sleutel: "d", naam: Tekst("d", "d"), waarde: 40, eenheid: .procent),
        ]).onderdrukt()
        #expect(tabel.rijen.map(\.waarde) == [0, nil, 5, 40])
        #expect(tabel.rijen.map(\.onderdrukt) == [false, true, false, false])
        #expect(tabel.csv(.nl) == "K,Waarde\r\na,0\r\nb,x\r\nc,5\r\nd,40\r\n")
        // A duration or a mark is never hidden as a count.
        #expect(Self.tabel([2, 3.5], eenheid: .dagen).onderdrukt().rijen.map(\.waarde) == [2, 3.5])
    }

    /// Total 8, December 6, November hidden: November would be 2. A second count goes too.
    @Test func verborgenAantallenZijnNietTerugTeRekenen() {
        func verborgen(_ w: [Double]) -> [Bool] { Self.tabel(w).onderdrukt(totaalGepubliceerd: true).rijen.map(\.onderdrukt) }
        #expect(verborgen([2, 6]) == [true, true])
        #expect(verborgen([0, 3, 7, 20]) == [false, true, true, false])      // the smallest shown count goes, never a zero
        #expect(verborgen([3, 2, 10, 20]) == [true, true, false, false])     // two hidden adding up to 5: either could be 1–4
        #expect(verborgen([1, 1, 9, 30]) == [true, true, true, false])       // 1 + 1 = 2 would give both away
        #expect(verborgen([4, 4, 10, 30]) == [true, true, true, false])      // 4 + 4 = 8 would give both away
        #expect(verborgen([5, 6, 0]) == [false, false, false])
        // Without a published total the first rule alone.
        #expect(Self.tabel([2, 6]).onderdrukt().rijen.map(\.onderdrukt) == [true, false])

        // Any table: what stays hidden can never be worked back from the total.
        var g = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let w = (0..<Int.random(in: 1...8, using: &g)).map { _ in Double([0, 1, 2, 3, 4, 5, 6, 9, 40].randomElement(using: &g)!) }
            let t = Self.tabel(w).onderdrukt(totaalGepubliceerd: true)
            let weg = t.rijen.indices.filter { t.rijen[$0].onderdrukt }.map { Int(w[$0]) }
            let zichtbaarKlein = t.rijen.indices.filter { !t.rijen[$0].onderdrukt && Onthulling.teKlein(Int(w[$0])) }
            #expect(zichtbaarKlein.isEmpty, "\(w)")
            // Hidden counts stay pinned only when nothing else was left to hide.
            if !weg.isEmpty && Onthulling.teHerleiden(weg) {
                #expect(t.rijen.indices.allSatisfy { t.rijen[$0].onderdrukt || w[$0] == 0 }, "\(w)")
            }
        }
    }

    /// Months together until they hold 0 or at least 5: no public total is a small count.
    @Test func maandenSamenTotVijf() {
        let m = (1...6).map { Dag(jaar: 2026, maand: $0, dag: 1)! }
        let lopend = Maandblokken.vorm([(m[0], 0), (m[1], 2), (m[2], 1), (m[3], 3), (m[4], 6), (m[5], 2)], jaarKlaar: false)
        #expect(lopend.map(\.aantal) == [0, 6, 6])
        #expect(lopend[1].van == m[1] && lopend[1].tot == Dag("2026-04-30"))
        #expect(lopend.last?.tot == Dag("2026-05-31"))                       // June's 2 waits for July
        let klaar = Maandblokken.vorm([(m[0], 7), (m[1], 2)], jaarKlaar: true)
        #expect(klaar.map(\.aantal) == [9] && klaar[0].tot == Dag("2026-02-28"))
        #expect(Maandblokken.vorm([(m[0], 3)], jaarKlaar: true).map(\.aantal) == [3])
        // A small remainder after a period of 0 joins until it holds 5: never "0, then 2" beside a total.
        #expect(Maandblokken.vorm([(m[0], 6), (m[1], 0), (m[2], 2)], jaarKlaar: true).map(\.aantal) == [8])
        // Any year: every period but a lone one holds 0 or at least 5, and they add up.
        for _ in 0..<500 {
            let jaar = (0..<12).map { (Dag(jaar: 2025, maand: $0 + 1, dag: 1)!, [0, 0, 1, 2, 3, 4, 5, 9].randomElement()!) }
            let blokken = Maandblokken.vorm(jaar, jaarKlaar: true)
            #expect(blokken.map(\.aantal).reduce(0, +) == jaar.map(\.1).reduce(0, +))
            #expect(blokken.count == 1 || blokken.allSatisfy { $0.aantal == 0 || $0.aantal >= 5 }, "\(jaar.map(\.1))")
        }
        #expect(Dag("2028-02-10")!.laatsteVanDeMaand == Dag("2028-02-29") && Dag("2026-12-31")!.laatsteVanDeMaand == Dag("2026-12-31"))
    }

    /// Dutch spreadsheets read semicolons and decimal commas; systems get RFC 4180 whatever the language.
    @Test func csvVoorEenSpreadsheetInHetNederlands() {
        let t = Self.tabel([4.5, 12], eenheid: .dagen)
        #expect(t.csv(.nl, vorm: .spreadsheet) == "K;Waarde (dagen)\r\nr0;4,5\r\nr1;12,0\r\n")
        #expect(t.csv(.nl) == "K,Waarde (dagen)\r\nr0,4.5\r\nr1,12.0\r\n")
        #expect(t.csv(.en, vorm: .spreadsheet) == "K,Value (days)\r\nr0,4.5\r\nr1,12.0\r\n")
        #expect(CSV.tekst([["a;b", "c"]], scheiding: ";") == "\"a;b\";c\r\n")
        #expect(Eenheid.cijfer.tekst(4.25, .nl) == "4,3" || Eenheid.cijfer.tekst(4.25, .nl) == "4,2")
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
