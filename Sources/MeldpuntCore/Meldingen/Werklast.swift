import FluentKit
import Foundation
import MeldpuntDomain
import SQLKit

/// Who holds what, how old and how late (issue 29, for the coordinator): per behandelaar (and the
/// cases nobody holds yet), the open cases and what presses in them, with the team's total.
package struct WerklastDTO: Codable, Sendable, Equatable {
    /// Nil for the cases nobody holds yet, and for the team's total.
    package let behandelaar: MedewerkerVerwijzing?
    package let open: Int
    /// Working days since the oldest open case arrived.
    package let oudsteWerkdagen: Int
    package let contactTeLaat: Int
    package let stapTeLaat: Int
    package let contactritmeVerstreken: Int
    package let doorlooptijdVerstreken: Int
    /// A pay-by day of the melder within the warning days (or past).
    package let betalenBinnenkort: Int

    package init(behandelaar: MedewerkerVerwijzing?, open: Int, oudsteWerkdagen: Int, contactTeLaat: Int, stapTeLaat: Int, contactritmeVerstreken: Int,
                 doorlooptijdVerstreken: Int, betalenBinnenkort: Int) {
        self.behandelaar = behandelaar
        self.open = open
        self.oudsteWerkdagen = oudsteWerkdagen
        self.contactTeLaat = contactTeLaat
        self.stapTeLaat = stapTeLaat
        self.contactritmeVerstreken = contactritmeVerstreken
        self.doorlooptijdVerstreken = doorlooptijdVerstreken
        self.betalenBinnenkort = betalenBinnenkort
    }
}

/// The workload of the meldpunt's staff: per behandelaar, the cases nobody holds, the team.
package struct WerklastOverzichtDTO: Codable, Sendable, Equatable {
    package let perBehandelaar: [WerklastDTO]
    package let nietToegewezen: WerklastDTO?
    package let team: WerklastDTO

    package init(perBehandelaar: [WerklastDTO], nietToegewezen: WerklastDTO?, team: WerklastDTO) {
        self.perBehandelaar = perBehandelaar
        self.nietToegewezen = nietToegewezen
        self.team = team
    }
}

extension Meldingoverzicht {
    /// One row per behandelaar with open cases (most open first), the unassigned ones, and the
    /// team's total. One aggregate over the open cases; names read once.
    package func werklast(door: Handelende) async throws -> WerklastOverzichtDTO {
        try zaken.vereisMeldpunt(door)
        let vandaag = Dag(zaken.nu)
        let binnenkort = try zaken.kalender.plusWerkdagen(zaken.zorgnormen.waarschuwing, na: vandaag)
        let sql = zaken.db as! any SQLDatabase
        struct Rij: Decodable {
            let behandelaar_id: UUID?
            let aantal: Int
            let oudste: Date?
            let contact_te_laat, stap_te_laat, ritme, doorlooptijd, betalen: Int?
        }
        let rijen = try await sql.raw("""
            SELECT behandelaar_id, COUNT(*) AS aantal, MIN(ontvangen_op) AS oudste,
              SUM(CASE WHEN eerste_contact_op IS NULL AND eerste_contact_uiterlijk < \(bind: vandaag) THEN 1 ELSE 0 END) AS contact_te_laat,
              SUM(CASE WHEN volgende_stap_op < \(bind: vandaag) THEN 1 ELSE 0 END) AS stap_te_laat,
              SUM(CASE WHEN contact_volgende_op < \(bind: vandaag) THEN 1 ELSE 0 END) AS ritme,
              SUM(CASE WHEN doorlooptijd_uiterlijk < \(bind: vandaag) THEN 1 ELSE 0 END) AS doorlooptijd,
              SUM(CASE WHEN betalen_uiterlijk <= \(bind: binnenkort) THEN 1 ELSE 0 END) AS betalen
            FROM meldingen WHERE status <> 'gesloten' GROUP BY behandelaar_id
            """).all(decoding: Rij.self)
        let ids = rijen.compactMap(\.behandelaar_id)
        let mensen = ids.isEmpty ? [:] : Dictionary(try await Gebruiker.query(on: zaken.db).filter(\.$id ~~ ids).all().map { (try $0.requireID(), $0) },
                                                    uniquingKeysWith: { a, _ in a })
        func werkdagen(_ d: Date?) -> Int {
            guard let d else { return 0 }
            var n = 0, dag = Dag(d)
            // Bounded: a case older than a year counts as 250 working days and more.
            while dag < vandaag && n < 250, let volgende = try? zaken.kalender.plusWerkdagen(1, na: dag) { dag = volgende; n += 1 }
            return n
        }
        var per: [WerklastDTO] = []
        var zonder: WerklastDTO?
        for r in rijen {
            let wie = try r.behandelaar_id.flatMap { mensen[$0] }.map(MeldingService.verwijzing)
            let w = WerklastDTO(behandelaar: wie, open: r.aantal, oudsteWerkdagen: werkdagen(r.oudste),
                                contactTeLaat: r.contact_te_laat ?? 0, stapTeLaat: r.stap_te_laat ?? 0, contactritmeVerstreken: r.ritme ?? 0,
                                doorlooptijdVerstreken: r.doorlooptijd ?? 0, betalenBinnenkort: r.betalen ?? 0)
            if wie == nil { zonder = w } else { per.append(w) }
        }
        per.sort { a, b in a.open != b.open ? a.open > b.open : (a.behandelaar?.naam ?? "") < (b.behandelaar?.naam ?? "") }
        let alle = per + (zonder.map { [$0] } ?? [])
        func som(_ k: KeyPath<WerklastDTO, Int>) -> Int { alle.reduce(0) { $0 + $1[keyPath: k] } }
        let team = WerklastDTO(behandelaar: nil, open: som(\.open), oudsteWerkdagen: alle.map(\.oudsteWerkdagen).max() ?? 0,
                               contactTeLaat: som(\.contactTeLaat), stapTeLaat: som(\.stapTeLaat), contactritmeVerstreken: som(\.contactritmeVerstreken),
                               doorlooptijdVerstreken: som(\.doorlooptijdVerstreken), betalenBinnenkort: som(\.betalenBinnenkort))
        return WerklastOverzichtDTO(perBehandelaar: per, nietToegewezen: zonder, team: team)
    }
}
