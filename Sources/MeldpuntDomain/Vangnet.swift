import Foundation

// The safety net under every open case (the notitie: the melder is not burdened further while the
// meldpunt works; intentieverklaring 8: enforcement held off, the melder kept informed). Pure
// rules: the norms, and the days they give; the planner and the werkvoorraad apply them.

/// What the meldpunt holds itself to, configurable per complexity (the analysis' `Complexiteit`;
/// before the analysis a case counts as `midden`).
public struct Zorgnormen: Sendable, Equatable {
    /// Working days a case may take from its arrival; past it staff get a proposal to escalate.
    public var doorlooptijd: [Complexiteit: Int]
    /// Working days between contacts with the melder: the more complex, the more often.
    public var contactritme: [Complexiteit: Int]
    /// Working days ahead that staff (and the partner) hear of a suspension ending or a pay-by day.
    public var waarschuwing: Int

    public init(doorlooptijd: [Complexiteit: Int], contactritme: [Complexiteit: Int], waarschuwing: Int) {
        self.doorlooptijd = doorlooptijd
        self.contactritme = contactritme
        self.waarschuwing = waarschuwing
    }

    public static let standaard = Zorgnormen(doorlooptijd: [.laag: 20, .midden: 40, .hoog: 60],
                                             contactritme: [.laag: 15, .midden: 10, .hoog: 5], waarschuwing: 5)

    public func doorlooptijd(_ c: Complexiteit?) -> Int { doorlooptijd[c ?? .midden] ?? Self.standaard.doorlooptijd[c ?? .midden]! }
    public func contactritme(_ c: Complexiteit?) -> Int { contactritme[c ?? .midden] ?? Self.standaard.contactritme[c ?? .midden]! }

    /// "laag=20,midden=40,hoog=60": every complexity once, each 1…250 working days; nil otherwise.
    public static func lees(_ tekst: String) -> [Complexiteit: Int]? {
        var uit: [Complexiteit: Int] = [:]
        for deel in tekst.split(separator: ",") {
            let kv = deel.split(separator: "=", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard kv.count == 2, let c = Complexiteit(rawValue: kv[0]), uit[c] == nil, let n = Int(kv[1]), (1...250).contains(n) else { return nil }
            uit[c] = n
        }
        return uit.count == Complexiteit.allCases.count ? uit : nil
    }
}

/// What becomes of a suspension when its case closes (or its melder withdraws consent): decided
/// explicitly, never left running unseen; the partner is told.
public enum OpschortingBesluit: String, CaseIterable, Codable, Sendable {
    /// The partner is asked to lift it now: the case is done, enforcement may resume.
    case opheffen
    /// It stays until its end date (the correction still has to reach the partner's system).
    case aanhouden

    public func naam(_ taal: Taal) -> String {
        switch self {
        case .opheffen: taal.kies("Opheffen: de organisatie mag weer handhaven", "Lift: the organisation may enforce again")
        case .aanhouden: taal.kies("Aanhouden tot de einddatum", "Keep until its end date")
        }
    }
}

/// Closing a case with active suspensions needs a decision for them; without any, none is asked.
public func controleerOpschortingenBijSluiten(actief: Int, besluit raw: String?) throws(ValidatieFouten) -> OpschortingBesluit? {
    var f = Fouten()
    let besluit = raw.flatMap(OpschortingBesluit.init(rawValue:))
    if actief == 0 {
        if raw != nil { f.fout(.opschortingBesluit, "nietNodig", Tekst("Er loopt geen opschorting bij deze melding.", "No suspension is running for this case.")) }
    } else if besluit == nil {
        f.fout(.opschortingBesluit, raw == nil ? "required" : "enum",
               Tekst(actief == 1 ? "Er loopt nog een opschorting. Kies of de organisatie haar opheft of aanhoudt tot de einddatum."
                                 : "Er lopen nog \(actief) opschortingen. Kies of de organisaties ze opheffen of aanhouden tot de einddatum.",
                     actief == 1 ? "A suspension is still running. Choose whether the organisation lifts it or keeps it until its end date."
                                 : "\(actief) suspensions are still running. Choose whether the organisations lift them or keep them until their end date."))
    }
    try f.klaar()
    return besluit
}
