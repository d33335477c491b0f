import FluentKit
import Foundation
import MeldpuntDomain

/// The safety net's round (issue 29): every open case kept to `Zorgnormen`. Each notice once per
/// object and day (the keys), on any instance; queries are index ranges on the case's days.
extension Planner {
    func vangnet(vandaag: Dag, werkdag: Bool, morgen: Dag, maandGeleden: Dag, nu: Date) async throws -> Int {
        var aantal = 0
        let dagen = Vangnetdagen(kalender: kalender, normen: zorgnormen)
        // Norms changed since the last round (configuration): every open case's days are made again.
        let vingerafdruk = Complexiteit.allCases.map { "\($0.rawValue)=\(zorgnormen.doorlooptijd($0))/\(zorgnormen.contactritme($0))" }.joined(separator: ",")
        if try await Instelling.find("zorgnormen", on: db)?.waarde != vingerafdruk {
            try await db.schrijf { tx in
                try await Melding.query(on: tx).filter(\.$status != .gesloten).set(\.$doorlooptijdUiterlijk, to: nil).update()
                try await Instelling.query(on: tx).filter(\.$id == "zorgnormen").delete()
                try await Instelling(sleutel: "zorgnormen", waarde: vingerafdruk).create(on: tx)
            }
        }
        // Cases from before the safety net (or the norms changed): their days, a page per round.
        for m in try await Melding.query(on: db).filter(\.$status != .gesloten).filter(\.$doorlooptijdUiterlijk == nil).limit(200).all() {
            // Only these columns: a step on the case at the same moment keeps what it wrote.
            try await dagen.werkBij(m, on: db)
            try await Melding.query(on: db).filter(\.$id == m.requireID()).filter(\.$doorlooptijdUiterlijk == nil)
                .set(\.$doorlooptijdUiterlijk, to: m.doorlooptijdUiterlijk).set(\.$contactVolgendeOp, to: m.contactVolgendeOp)
                .set(\.$betalenUiterlijk, to: m.betalenUiterlijk).update()
        }
        let open = MeldingStatus.allCases.filter { $0 != .gesloten }
        let waarschuwing = try kalender.plusWerkdagen(zorgnormen.waarschuwing, na: vandaag)

        // Running suspensions whose end nears while their case is open: staff and the partner.
        if werkdag {
            let verzoeken = try await Verzoek.query(on: db).filter(\.$opgeschortOp != nil).filter(\.$opgehevenOp == nil)
                .filter(\.$opschortingTot >= vandaag).filter(\.$opschortingTot <= waarschuwing)
                .join(Melding.self, on: \Verzoek.$melding.$id == \Melding.$id).filter(Melding.self, \.$status ~~ open).all()
            for v in verzoeken {
                guard let d = v.opschortingTot else { continue }
                aantal += try await eenmaal("opschorting-einde:\(try v.requireID().tekst):\(d)", nu: nu) { tx in
                    try await berichten.opschortingEindeNadert(v, nu: nu, on: tx)
                }
            }
        }
        guard werkdag else { return aantal }
        // The melder's pay-by day nears.
        for m in try await Melding.query(on: db).filter(\.$status ~~ open).filter(\.$betalenUiterlijk >= vandaag).filter(\.$betalenUiterlijk <= waarschuwing).all() {
            guard let d = m.betalenUiterlijk else { continue }
            aantal += try await eenmaal("betaaldag:\(try m.requireID().tekst):\(d)", nu: nu) { tx in try await berichten.betaaldagNadert(m, d, nu: nu, on: tx) }
        }
        // The next step promised to the melder: the working day before, or the day itself when set late.
        for m in try await Melding.query(on: db).filter(\.$status ~~ open).filter(\.$volgendeStapOp >= vandaag).filter(\.$volgendeStapOp <= morgen).all() {
            guard let d = m.volgendeStapOp else { continue }
            aantal += try await eenmaal("volgende-stap:\(try m.requireID().tekst):\(d)", nu: nu) { tx in try await berichten.volgendeStapNadert(m, d, nu: nu, on: tx) }
        }
        // Past the acceptable time: a proposal to escalate.
        for m in try await Melding.query(on: db).filter(\.$status ~~ open).filter(\.$doorlooptijdUiterlijk >= maandGeleden).filter(\.$doorlooptijdUiterlijk < vandaag).all() {
            guard let d = m.doorlooptijdUiterlijk else { continue }
            aantal += try await eenmaal("doorlooptijd:\(try m.requireID().tekst):\(d)", nu: nu) { tx in try await berichten.doorlooptijdVerstreken(m, nu: nu, on: tx) }
        }
        // The melder is due a contact by the rhythm of the case's complexity.
        for m in try await Melding.query(on: db).filter(\.$status ~~ open).filter(\.$contactVolgendeOp >= maandGeleden).filter(\.$contactVolgendeOp <= vandaag).all() {
            guard let d = m.contactVolgendeOp else { continue }
            aantal += try await eenmaal("contactritme:\(try m.requireID().tekst):\(d)", nu: nu) { tx in try await berichten.contactritmeVerstreken(m, nu: nu, on: tx) }
        }
        return aantal
    }
}
