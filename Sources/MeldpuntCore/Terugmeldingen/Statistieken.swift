import FluentKit
import Foundation
import MeldpuntDomain
import SQLKit

/// Counts for a bronhouder's inbox. Portable SQL only: GROUP BY for statuses and afnemers,
/// and one indexed range count per month instead of date functions that differ per database.
package struct Statistieken: Sendable {
    package struct Telling: Sendable, Encodable { package let naam: String; package let aantal: Int }

    package let perStatus: [Telling]
    package let perAfnemer: [Telling]
    package let perMaand: [Telling]
    package let tijdig: Int
    package let teLaat: Int
    /// Whole percent taken in behandeling within the term, nil when nothing counts yet.
    package var aandeelTijdig: Int? { tijdig + teLaat == 0 ? nil : Int((Double(tijdig) * 100 / Double(tijdig + teLaat)).rounded()) }

    package static func voor(bijhouder: UUID, vandaag: Dag, maanden: Int = 12, on db: any Database) async throws -> Statistieken {
        let sql = db as! any SQLDatabase
        struct Groep: Decodable { let sleutel: String; let aantal: Int }

        let statusRijen = try await sql.select().column("status", as: "sleutel").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "aantal")
            .from(Terugmelding.schema).where("bijhouder_id", .equal, bijhouder).groupBy("status").all(decoding: Groep.self)
        let perStatus = TerugmeldingStatus.allCases.filter { $0 != .verkeerdeBronhouder }.map { s in
            Telling(naam: s.rawValue, aantal: statusRijen.first { $0.sleutel == s.rawValue }?.aantal ?? 0)
        }

        struct AfnemerGroep: Decodable { let afnemer_id: UUID; let aantal: Int }
        let afnemerRijen = try await sql.select().column("afnemer_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "aantal")
            .from(Terugmelding.schema).where("bijhouder_id", .equal, bijhouder).groupBy("afnemer_id").all(decoding: AfnemerGroep.self)
        let namen = Dictionary(try await Organisatie.query(on: db).filter(\.$id ~~ afnemerRijen.map(\.afnemer_id)).all().map { ($0.id!, $0.naam) },
                               uniquingKeysWith: { a, _ in a })
        let perAfnemer = afnemerRijen.map { Telling(naam: namen[$0.afnemer_id] ?? "?", aantal: $0.aantal) }.sorted { $0.aantal > $1.aantal }

        var perMaand: [Telling] = []
        var begin = Dag(jaar: vandaag.jaar, maand: vandaag.maand, dag: 1)!
        for _ in 0..<maanden {
            let einde = begin.maand == 12 ? Dag(jaar: begin.jaar + 1, maand: 1, dag: 1)! : Dag(jaar: begin.jaar, maand: begin.maand + 1, dag: 1)!
            let aantal = try await Terugmelding.query(on: db).filter(\.$bijhouder.$id == bijhouder)
                .filter(\.$ontvangenOp >= begin.begin()).filter(\.$ontvangenOp < einde.begin()).count()
            perMaand.append(Telling(naam: String(begin.description.prefix(7)), aantal: aantal))
            begin = begin.maand == 1 ? Dag(jaar: begin.jaar - 1, maand: 12, dag: 1)! : Dag(jaar: begin.jaar, maand: begin.maand - 1, dag: 1)!
        }

        let basis = { Terugmelding.query(on: db).filter(\.$bijhouder.$id == bijhouder) }
        let tijdig = try await basis().filter(\.$opgepaktOp != nil).filter(\.$opgepaktOp, .lessThanOrEqual, \.$uiterlijkInBehandelingOp).count()
        let laatOpgepakt = try await basis().filter(\.$opgepaktOp != nil).filter(\.$opgepaktOp, .greaterThan, \.$uiterlijkInBehandelingOp).count()
        let laatOpen = try await basis().filter(\.$opgepaktOp == nil).filter(\.$uiterlijkInBehandelingOp < vandaag).count()
        return Statistieken(perStatus: perStatus, perAfnemer: perAfnemer, perMaand: perMaand, tijdig: tijdig, teLaat: laatOpgepakt + laatOpen)
    }

    package init(perStatus: [Telling], perAfnemer: [Telling], perMaand: [Telling], tijdig: Int, teLaat: Int) {
        self.perStatus = perStatus
        self.perAfnemer = perAfnemer
        self.perMaand = perMaand
        self.tijdig = tijdig
        self.teLaat = teLaat
    }
}
