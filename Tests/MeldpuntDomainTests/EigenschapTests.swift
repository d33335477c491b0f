import Foundation
import PropertyBased
import Testing
@testable import MeldpuntDomain

/// Properties over the whole input space: whatever comes in from outside, the rules answer
/// (a value or a coded refusal) and never trap.
@Suite("Eigenschappen: kalender, identificatoren, datums")
struct EigenschapTests {
    let kalender = Werkdagkalender.standaard

    /// Any day of the calendar and any offset: a valid day or `buitenBereik`, never a trap.
    @Test func plusDagenBlijftBinnenDeKalender() async {
        await propertyCheck(count: 500, input: Gen.int(in: Dag.eerste.dagnummer...Dag.laatste.dagnummer), Gen.int(in: -5_000_000...5_000_000)) { n, delta in
            let start = Dag(dagnummer: n)
            do throws(KalenderFout) {
                let eind = try start.plus(dagen: delta)
                #expect(Dag(eind.description) == eind)
                #expect(eind.dagnummer - start.dagnummer == delta)
            } catch {
                #expect(error == .buitenBereik)
                #expect(!(Dag.eerste.dagnummer...Dag.laatste.dagnummer).contains(n + delta))
            }
        }
    }

    @Test func extremeVerschuivingenGevenGeenOverloop() {
        #expect(throws: KalenderFout.buitenBereik) { try Dag.laatste.plus(dagen: .max) }
        #expect(throws: KalenderFout.buitenBereik) { try Dag.eerste.plus(dagen: .min) }
        #expect(throws: KalenderFout.buitenBereik) { try Dag.laatste.plus(dagen: 1) }
        #expect(throws: KalenderFout.buitenBereik) { try Dag.eerste.plus(dagen: -1) }
    }

    /// The finding of issue 10: working days from the end of the calendar must be refused,
    /// not crash in the Easter computation of year 10000.
    @Test func werkdagenAanHetEindVanDeKalender() throws {
        #expect(throws: KalenderFout.buitenBereik) { try kalender.plusWerkdagen(5, na: Dag("9999-12-28")!) }
        #expect(throws: KalenderFout.buitenBereik) { try kalender.plusWerkdagen(-1, na: Dag("2026-01-01")!) }
        #expect(try kalender.plusWerkdagen(1, na: Dag("9999-12-29")!) == Dag("9999-12-30")!)
    }

    /// Working days over any start year: the result is a working day after the start, never a trap.
    @Test func werkdagenOverAlleJaren() async {
        await propertyCheck(count: 300, input: Gen.int(in: Dag.eerste.dagnummer...Dag.laatste.dagnummer), Gen.int(in: 0...1000)) { n, werkdagen in
            let start = Dag(dagnummer: n)
            do {
                let eind = try kalender.plusWerkdagen(werkdagen, na: start)
                #expect(eind >= start)
                if werkdagen > 0 { #expect(kalender.isWerkdag(eind)) }
            } catch {
                #expect(start.jaar >= 9995)
            }
        }
    }

    /// Every year has its Easter between 22 March and 25 April.
    @Test func paaszondagInElkJaar() async {
        await propertyCheck(count: 500, input: Gen.int(in: 1...9999)) { jaar in
            let pasen = Werkdagkalender.paaszondag(jaar)
            #expect(pasen.weekdag == 7)
            #expect(pasen >= Dag(jaar: jaar, maand: 3, dag: 22)! && pasen <= Dag(jaar: jaar, maand: 4, dag: 25)!)
        }
    }

    /// Arbitrary text as a date: nil or a day that prints back as the same text.
    @Test func datumTekstRondreis() async {
        let tekens = Gen.character(in: "-"..."9").string(of: 0...12)
        await propertyCheck(count: 1000, input: tekens) { tekst in
            if let dag = Dag(tekst) { #expect(dag.description == tekst) }
        }
    }

    /// Arbitrary text as BSN, A-nummer, gemeentecode, postcode, OIN: accepted or a coded refusal.
    @Test func identificatorenWeigerenMetCode() async {
        let tekens = Gen.character(in: " "..."z").string(of: 0...24)
        await propertyCheck(count: 1000, input: tekens) { tekst in
            func weigering(_ check: () throws -> Void) -> IdentifierError? {
                do { try check(); return nil } catch let e as IdentifierError { return e } catch { Issue.record("onverwachte fout \(error)"); return nil }
            }
            let fouten = [weigering { try BSN.check(tekst) }, weigering { try ANummer.check(tekst) }, weigering { try Gemeentecode.check(tekst) },
                          weigering { try Postcode.check(tekst) }, weigering { try OIN.check(tekst) }].compactMap { $0 }
            for fout in fouten { #expect(!fout.code.isEmpty && !fout.reason.isEmpty) }
        }
    }

    /// Nine random digits: the BSN check agrees with the elfproef computed here.
    @Test func bsnElfproef() async {
        await propertyCheck(count: 1000, input: Gen.number.string(of: 9)) { cijfers in
            let d = cijfers.compactMap(\.wholeNumberValue)
            let som = zip(d, [9, 8, 7, 6, 5, 4, 3, 2, -1]).map(*).reduce(0, +)
            #expect((BSN(cijfers) != nil) == (som % 11 == 0 && som != 0))
        }
    }
}
