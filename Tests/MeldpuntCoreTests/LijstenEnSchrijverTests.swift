import FluentKit
import Foundation
import MeldpuntCore
import MeldpuntDomain
import SQLKit
import Testing

/// National scale (issue 13): the group-commit writer, exact folder counts and keyset pages.
@Suite("Kern: schrijver met group commit, tellingen en bladeren met een cursor")
struct LijstenEnSchrijverTests {
    func engine(_ k: Kern, nu: Date, schrijver: Schrijver? = nil) -> TerugmeldingService {
        var t = TerugmeldingService(db: k.db, referentie: .gebundeld, pseudoniemen: k.pseudoniemen, kalender: k.kalender, nu: nu,
                                    traceID: "test", berichten: k.berichten)
        t.schrijver = schrijver
        return t
    }

    @Test func schrijverBundeltEnHoudtEenMislukteSchrijfactieApart() async throws {
        try await metKern { k in
            let schrijver = Schrijver(db: k.db)
            let sql = k.db as! any SQLDatabase
            struct Expres: Error {}
            // 60 writes at once: every third writes and then fails, and must leave nothing behind.
            let uitkomsten = await withTaskGroup(of: (Int, Bool).self) { groep in
                for i in 0..<60 {
                    groep.addTask {
                        do {
                            let terug = try await schrijver.schrijf { tx in
                                try await (tx as! any SQLDatabase).raw("INSERT INTO instellingen (sleutel, waarde) VALUES (\(bind: "test.\(i)"), \(bind: "w"))").run()
                                if i % 3 == 0 { throw Expres() }
                                return i * 2
                            }
                            return (i, terug == i * 2)
                        } catch {
                            return (i, error is Expres && i % 3 == 0 ? false : true)
                        }
                    }
                }
                var r: [Int: Bool] = [:]
                for await (i, goed) in groep { r[i] = goed }
                return r
            }
            #expect(uitkomsten.count == 60)
            let gelukt = uitkomsten.filter { $0.key % 3 != 0 }.allSatisfy(\.value)
            #expect(gelukt)
            let bewaard = try await sql.raw("SELECT sleutel FROM instellingen WHERE sleutel LIKE 'test.%'").all().map { try $0.decode(column: "sleutel", as: String.self) }
            #expect(Set(bewaard) == Set((0..<60).filter { $0 % 3 != 0 }.map { "test.\($0)" }))
            // A unique violation in one write does not undo the others in its batch either.
            async let a: Bool = { () async -> Bool in
                do { try await schrijver.schrijf { tx in try await (tx as! any SQLDatabase).raw("INSERT INTO instellingen (sleutel, waarde) VALUES ('test.1', 'dubbel')").run() }; return true } catch { return false }
            }()
            async let b: Void = schrijver.schrijf { tx in try await (tx as! any SQLDatabase).raw("INSERT INTO instellingen (sleutel, waarde) VALUES ('test.nieuw', 'w')").run() }
            let dubbelGelukt = await a
            #expect(!dubbelGelukt)
            try await b
            #expect(try await sql.raw("SELECT waarde FROM instellingen WHERE sleutel = 'test.nieuw'").first() != nil)
            let stat = schrijver.statistiek
            #expect(stat.schrijfacties == 62)
            // Writes that queued while a batch committed went in together.
            #expect(stat.batches < stat.schrijfacties)
            await schrijver.stop()
            await #expect(throws: Schrijver.Gestopt.self) { try await schrijver.schrijf { _ in 1 } }
        }
    }

    @Test func tellingenBlijvenExactBijIndienenWijzigenEnDoorsturen() async throws {
        try await metKern { k in
            let svb = try await k.nieuweOrganisatie("SVB", oin: "00000001002220647000", rollen: [.afnemer])
            let amsterdam = try await k.organisatie(gemeentecode: "0363")
            let rotterdam = try await k.organisatie(gemeentecode: "0599")
            // Two lanes (as PostgreSQL runs), six filings at once: counts gathered per batch stay exact.
            let schrijver = Schrijver(banen: [k.db, k.db])
            let t = engine(k, nu: k.nu, schrijver: schrijver)
            let gemeld = try await withThrowingTaskGroup(of: (Int, UUID).self) { groep in
                for i in 0..<6 {
                    groep.addTask {
                        let g = try await t.maak(TerugmeldingCoreTests.terugmelding(gemeente: i < 4 ? "0363" : "0599"), door: svb)
                        return (i, UUID(uuidString: g.terugMeldingReferentie)!)
                    }
                }
                var r: [(Int, UUID)] = []
                for try await x in groep { r.append(x) }
                return r
            }
            let ids = gemeld.sorted { $0.0 < $1.0 }.map(\.1)
            _ = try await t.wijzigStatus(ids[0], .init(status: "In behandeling"), door: amsterdam, als: [.bijhouder])
            _ = try await t.wijzigStatus(ids[0], .init(status: "Afgehandeld", toelichting: "Gecorrigeerd.", uitkomst: "verbeterd"), door: amsterdam, als: [.bijhouder])
            _ = try await t.wijzigStatus(ids[1], .init(status: "Verkeerde bronhouder", gemeentecode: "0599"), door: amsterdam, als: [.bijhouder])
            _ = try await t.wijzigStatus(ids[2], .init(status: "Ingetrokken"), door: svb, als: [.afnemer])
            // A refused change moves nothing.
            await #expect(throws: Weigering.self) {
                _ = try await t.wijzigStatus(ids[2], .init(status: "In behandeling"), door: amsterdam, als: [.bijhouder])
            }

            func klopt() async throws {
                for (org, richting) in [(amsterdam, TerugmeldingService.Richting.ontvangen), (rotterdam, .ontvangen), (svb, .verzonden)] {
                    for status in TerugmeldingStatus.allCases {
                        var q = Terugmelding.query(on: k.db).filter(\.$status == status)
                        q = richting == .ontvangen ? q.filter(\.$bijhouder.$id == org.id) : q.filter(\.$afnemer.$id == org.id)
                        let geteld = try await q.count()
                        #expect(try await Terugmeldingtellingen.aantal(org.id, richting, statussen: [status], on: k.db) == geteld, "\(org.naam) \(richting) \(status)")
                    }
                }
            }
            try await klopt()
            #expect(try await Terugmeldingtellingen.aantal(amsterdam.id, .ontvangen, statussen: [], on: k.db) == 3)
            #expect(try await Terugmeldingtellingen.aantal(rotterdam.id, .ontvangen, statussen: [.gemeld], on: k.db) == 3)
            // Counting again from the rows gives what the writes kept.
            try await Terugmeldingtellingen.herbereken(on: k.db)
            try await klopt()
            // A folder's page says its total from the counts.
            let inbox = try await t.lijst(.init(richting: .ontvangen, statussen: [.gemeld]), voor: rotterdam)
            #expect(inbox.totaal == 3 && inbox.items.count == 3 && !inbox.meer)
            await schrijver.stop()
        }
    }

    @Test func elkeMapEnElkFilterBladertMetEenCursorDoorDeHeleLijst() async throws {
        try await metKern { k in
            let svb = try await k.nieuweOrganisatie("SVB", oin: "00000001002220647000", rollen: [.afnemer])
            let amsterdam = try await k.organisatie(gemeentecode: "0363")
            // 23 terugmeldingen over three weeks; some picked up in time, some late, some never.
            var ids: [UUID] = []
            for i in 0..<23 {
                let t = engine(k, nu: k.nu.addingTimeInterval(Double(i) * 86_400))
                ids.append(UUID(uuidString: try await t.maak(TerugmeldingCoreTests.terugmelding(), door: svb).terugMeldingReferentie)!)
            }
            let later = k.nu.addingTimeInterval(30 * 86_400)
            for (n, id) in ids.enumerated() where n % 3 != 2 {
                // Picked up the next day (in time) or three weeks later (late).
                let t = engine(k, nu: n % 3 == 0 ? k.nu.addingTimeInterval(Double(n + 1) * 86_400) : later)
                _ = try await t.wijzigStatus(id, .init(status: "In behandeling"), door: amsterdam, als: [.bijhouder])
                if n % 5 == 0 {
                    _ = try await t.wijzigStatus(id, .init(status: "Afgehandeld", toelichting: "Gecorrigeerd.", uitkomst: "verbeterd"), door: amsterdam, als: [.bijhouder])
                }
            }
            let t = engine(k, nu: later.addingTimeInterval(86_400))
            let alle = try await Terugmelding.query(on: k.db).all()
            let filters: [TerugmeldingService.Filter] = [
                .init(richting: .ontvangen),
                .init(richting: .verzonden),
                .init(richting: .ontvangen, statussen: [.gemeld]),
                .init(richting: .ontvangen, statussen: [.afgehandeld, .inBehandeling]),
                .init(richting: .ontvangen, termijnOverschreden: true),
                .init(richting: .ontvangen, termijnOverschreden: false),
                .init(richting: .ontvangen, statussen: [.gemeld, .inBehandeling], termijnOverschreden: true),
                .init(richting: .verzonden, ontvangenVanaf: k.nu.addingTimeInterval(5 * 86_400), ontvangenTot: k.nu.addingTimeInterval(15 * 86_400)),
            ]
            for var filter in filters {
                // The same rule as the engine, on every row, in list order.
                let verwacht = alle.filter { tm in
                    (filter.statussen.isEmpty || filter.statussen.contains(tm.status))
                        && (filter.termijnOverschreden.map { t.termijnOverschreden(tm) == $0 } ?? true)
                        && (filter.ontvangenVanaf.map { tm.ontvangenOp >= $0 } ?? true)
                        && (filter.ontvangenTot.map { tm.ontvangenOp < $0 } ?? true)
                }.sorted { a, b in
                    let voor = (a.ontvangenOp, a.id!.uuidString) < (b.ontvangenOp, b.id!.uuidString)
                    return filter.richting == .ontvangen ? voor : !voor
                }.map { $0.id!.tekst }
                filter.paginagrootte = 4
                var gezien: [String] = []
                var pagina = try await t.lijst(filter, voor: filter.richting == .ontvangen ? amsterdam : svb)
                gezien += pagina.items.map(\.terugMeldingReferentie)
                var rondes = 0
                while pagina.meer, rondes < 20 {
                    filter.na = UUID(uuidString: gezien.last!)
                    pagina = try await t.lijst(filter, voor: filter.richting == .ontvangen ? amsterdam : svb)
                    gezien += pagina.items.map(\.terugMeldingReferentie)
                    rondes += 1
                }
                #expect(gezien == verwacht, "\(filter.statussen) \(String(describing: filter.termijnOverschreden)) \(filter.richting)")
                // Page numbers still reach the same items.
                filter.na = nil
                filter.pagina = 2
                #expect(try await t.lijst(filter, voor: filter.richting == .ontvangen ? amsterdam : svb).items.map(\.terugMeldingReferentie)
                        == Array(verwacht.dropFirst(4).prefix(4)))
            }
            #expect(ids.count == 23)
            // A cursor from another organisation's list is refused, not followed.
            let rotterdam = try await k.organisatie(gemeentecode: "0599")
            await #expect(throws: Weigering.self) {
                _ = try await t.lijst(.init(richting: .ontvangen, na: ids[0]), voor: rotterdam)
            }
        }
    }
}
