import Fluent
import Foundation
import MeldpuntCore
import MeldpuntDomain
import SQLKit
import Testing
import Vapor
@testable import MeldpuntApp
@testable import MeldpuntHTTP

/// Retention that runs itself (issue 32): a closed melding and a finished terugmelding, every
/// personal field filled, aged past their periods; the trial lists them and changes nothing; the
/// round anonymises them; a scan of every column of every table finds nothing of them.
@Suite("Bewaartermijnen")
struct BewaartermijnenTests {
    /// Every text and blob value of every table that contains one of the markers.
    static func scan(_ db: any Database, naar merktekens: [String]) async throws -> [String] {
        let sql = db as! any SQLDatabase
        let tabellen: [String] = sql.dialect.name == "sqlite"
            ? try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all().map { try $0.decode(column: "name", as: String.self) }
            : try await sql.raw("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()").all().map { try $0.decode(column: "table_name", as: String.self) }
        var gevonden: [String] = []
        for tabel in tabellen {
            for rij in try await sql.raw("SELECT * FROM \(ident: tabel)").all() {
                for kolom in rij.allColumns {
                    let tekst = (try? rij.decode(column: kolom, as: String?.self)) ?? (try? rij.decode(column: kolom, as: Data?.self)).flatMap { $0.map { String(decoding: $0, as: UTF8.self) } }
                    guard let tekst, !tekst.isEmpty else { continue }
                    for m in merktekens where tekst.contains(m) { gevonden.append("\(tabel).\(kolom): \(m)") }
                }
            }
        }
        return gevonden
    }

    static let merktekens = ["999993653", "Suzanne Moulin", "J. de Vries", "consumentenbond", "070-1234567", "3077 AW", "oud adres ingeschreven",
                             "Mijn buurvrouw Klaasje", "op nummer 21", "T. Ester", "t.ester@belastingdienst.nl", "Adres aangepast naar 21"]

    @Test func naDeBewaartermijnBlijftNietsPersoonlijks() async throws {
        try await metApp { t in
            // A terugmelding, handled.
            let ref = try await t.meld()
            #expect(try await t.wijzig(ref, t.sleutels.amsterdam, ["status": "In behandeling"]).status == .ok)
            #expect(try await t.wijzig(ref, t.sleutels.amsterdam, ["status": "Afgehandeld", "uitkomst": "verbeterd", "toelichting": "Adres aangepast naar 21."]).status == .ok)
            // A melding with a message from the melder, then closed.
            let (z, link) = try await t.nieuweMelding()
            let b = Browser(t)
            _ = try await b.get(link)
            #expect(try await b.post("\(link)/berichten", ["bericht": "Mijn buurvrouw Klaasje kan het bevestigen."]).status == .seeOther)
            let m = try #require(try await Melding.query(on: t.app.db).filter(\.$zaaknummer == z).first())
            m.status = .gesloten
            m.geslotenOp = t.klok.nu
            try await m.save(on: t.app.db)
            #expect(try await Self.scan(t.app.db, naar: Self.merktekens).count > 5)

            // Within the periods nothing goes.
            t.klok.zet(t.klok.nu.addingTimeInterval(4 * 365 * 86_400))
            #expect(try await t.app.bewaring(traceID: "t").ronde(proef: true).meldingen.isEmpty)

            // Past them: the trial lists both and changes nothing.
            t.klok.zet(t.klok.nu.addingTimeInterval(2 * 365 * 86_400))
            let proef = try await t.app.bewaring(traceID: "t").ronde(proef: true)
            #expect(proef.meldingen == [z] && proef.terugmeldingen.map { $0.uuidString.lowercased() } == [ref.lowercased()])
            #expect(proef.verwerkingslogregels > 0)
            #expect(try await MeldingPersoonsgegevens.query(on: t.app.db).count() == 1)
            let uitvoer = try await t.cli(["bewaartermijnen", "--proef"]).joined(separator: "\n")
            #expect(uitvoer.contains("Proef: zou anonimiseren") && uitvoer.contains(z))

            // The daily round anonymises them, is kept for beheer, and a scan finds nothing left.
            let rapport = try #require(try await t.app.bewaring(traceID: "t").dagelijks())
            #expect(rapport.meldingen == [z] && rapport.terugmeldingen.count == 1 && !rapport.proef)
            let over = try await Self.scan(t.app.db, naar: Self.merktekens)
            #expect(over.isEmpty, "nog gevonden: \(over)")
            // The figures keep their facts.
            let na = try #require(try await Melding.query(on: t.app.db).filter(\.$zaaknummer == z).first())
            #expect(na.status == .gesloten && !na.registraties.isEmpty)
            #expect(try await Terugmelding.find(UUID(uuidString: ref)!, on: t.app.db)?.status == .afgehandeld)
            // Once a day: the next call the same day does nothing; the runs are listed.
            #expect(try await t.app.bewaring(traceID: "t").dagelijks() == nil)
            #expect(try await Bewaring.laatsteRondes(on: t.app.db).map(\.1.meldingen) == [[z]])
            // The systeembeheerder sees the periods and the run.
            _ = try await t.gebruiker("sam@meldpunt.nl", rol: .systeembeheerder, oin: TestApp.meldpuntOIN)
            let sam = Browser(t)
            try await sam.login("sam@meldpunt.nl")
            let pagina = try await sam.get("/beheer/bewaartermijnen")
            #expect(pagina.status == .ok && pagina.tekst.contains("Gesloten melding") && pagina.tekst.contains("<td>1825</td>") && !pagina.tekst.contains("Nog geen ronde."))
            // Nothing more to do afterwards.
            let opnieuw = try await t.app.bewaring(traceID: "t").ronde(proef: true)
            #expect(opnieuw.meldingen.isEmpty && opnieuw.terugmeldingen.isEmpty && opnieuw.verwerkingslogregels == 0)
        }
    }

    @Test func batchNaBatchTotAllesWegIs() async throws {
        try await metApp { t in
            // Three closed cases: one closed without handling (the short period), two handled.
            var nummers: [String] = []
            for i in 0..<3 {
                let (z, _) = try await t.nieuweMelding()
                let m = try #require(try await Melding.query(on: t.app.db).filter(\.$zaaknummer == z).first())
                m.status = .gesloten
                m.geslotenOp = t.klok.nu
                if i == 0 { m.afsluitgrond = .melderOnbereikbaar }
                try await m.save(on: t.app.db)
                nummers.append(z)
            }
            // After two years only the one not handled goes.
            t.klok.zet(t.klok.nu.addingTimeInterval(2 * 365 * 86_400))
            var bewaring = t.app.bewaring(traceID: "t")
            bewaring.batch = 1
            #expect(try await bewaring.ronde(proef: false).meldingen == [nummers[0]])
            #expect(try await bewaring.ronde(proef: false).meldingen.isEmpty)
            // After six, one per batch: what is done never fills a batch again.
            t.klok.zet(t.klok.nu.addingTimeInterval(4 * 365 * 86_400))
            bewaring = t.app.bewaring(traceID: "t")
            bewaring.batch = 1
            let eerste = try await bewaring.ronde(proef: false).meldingen
            let tweede = try await bewaring.ronde(proef: false).meldingen
            #expect(Set(eerste + tweede) == Set(nummers[1...]) && eerste.count == 1 && tweede.count == 1)
            #expect(try await bewaring.ronde(proef: false).meldingen.isEmpty)
            #expect(try await MeldingPersoonsgegevens.query(on: t.app.db).count() == 0)
        }
    }

    @Test func deMailmapVanDeOntwikkelserverWordtOpgeruimd() throws {
        let map = NSTemporaryDirectory() + "mailmap-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: map, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: map) }
        for (naam, dagen) in [("oud.eml", 100.0), ("nieuw.eml", 10.0), ("oud.txt", 100.0)] {
            let pad = map + "/" + naam
            try Data("To: iemand@example.nl".utf8).write(to: URL(fileURLWithPath: pad))
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-dagen * 86_400)], ofItemAtPath: pad)
        }
        #expect(Mailmap.ruimOp(map, ouderDan: Date().addingTimeInterval(-90 * 86_400)) == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: map).sorted() == ["nieuw.eml", "oud.txt"])
    }

    @Test func termijnenUitDeOmgeving() {
        guard case .success(let t) = Bewaartermijnen.uit("meldingGesloten=2j, terugmeldingIngetrokken=400d") else { Issue.record("niet gelezen"); return }
        #expect(t.meldingGesloten == 730 && t.terugmeldingIngetrokken == 400 && t.audit == 7 * 365)
        for fout in ["onbekend=1j", "meldingGesloten=5", "meldingGesloten=10d", "meldingGesloten=xj"] {
            guard case .failure = Bewaartermijnen.uit(fout) else { Issue.record("\(fout) aanvaard"); continue }
        }
    }
}
