import FluentKit
import Foundation
import MeldpuntDomain
import SQLKit

/// Why personal data are erased: the melder withdrew consent, or the retention period passed.
package enum Wisreden: Sendable, Equatable {
    case toestemmingIngetrokken
    case bewaartermijn

    /// What an erased text reads as afterwards.
    package var tekst: String {
        switch self {
        case .toestemmingIngetrokken: "(gewist: de melder heeft de toestemming ingetrokken)"
        case .bewaartermijn: "(gewist: de bewaartermijn is verstreken)"
        }
    }
}

/// How long each kind of data is kept, in days (`MELDPUNT_BEWAARTERMIJNEN`). The defaults follow
/// Signalen (resolved reports 5 years, cancelled ones 1) and the Archiefwet selection lists'
/// usual 5 years for case files of this kind; the README argues them.
package struct Bewaartermijnen: Sendable, Equatable {
    /// A closed melding, after its closing date.
    package var meldingGesloten = 5 * 365
    /// A melding closed without being taken on (outside scope at intake, withdrawn, melder unreachable).
    package var meldingNietBehandeld = 365
    /// A finished terugmelding (handled, wrong bronhouder forwarded, insufficient information).
    package var terugmeldingAfgerond = 5 * 365
    /// A withdrawn terugmelding.
    package var terugmeldingIngetrokken = 365
    /// The processing log (pseudonyms only) and the audit trail of administrative actions.
    package var verwerkingslog = 5 * 365
    package var audit = 7 * 365
    /// Copies of mail and events in the outbox, whatever their state (delivered ones already go
    /// after a month; this also takes those that could never be delivered).
    package var berichten = 90

    package init() {}

    package static let namen: [(String, WritableKeyPath<Bewaartermijnen, Int>)] = [
        ("meldingGesloten", \.meldingGesloten), ("meldingNietBehandeld", \.meldingNietBehandeld),
        ("terugmeldingAfgerond", \.terugmeldingAfgerond), ("terugmeldingIngetrokken", \.terugmeldingIngetrokken),
        ("verwerkingslog", \.verwerkingslog), ("audit", \.audit), ("berichten", \.berichten),
    ]

    /// "meldingGesloten=5j,terugmeldingIngetrokken=400d": years (j) or days (d), at least 30 days.
    /// A setting that cannot be read, in both languages.
    package struct Fout: Error, Sendable { package let nl: String; package let en: String }

    package static func uit(_ tekst: String) -> Result<Bewaartermijnen, Fout> {
        var t = Bewaartermijnen()
        for deel in tekst.split(separator: ",") {
            let kv = deel.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard kv.count == 2, let pad = namen.first(where: { $0.0 == kv[0] })?.1 else {
                return .failure(Fout(nl: "onbekende soort '\(deel)'; bekend zijn \(namen.map(\.0).joined(separator: ", "))",
                                      en: "unknown kind '\(deel)'; known are \(namen.map(\.0).joined(separator: ", "))"))
            }
            let eenheid = kv[1].last, getal = Int(kv[1].dropLast())
            guard let getal, let eenheid, eenheid == "j" || eenheid == "d", getal > 0, getal <= 100 * 365 else {
                return .failure(Fout(nl: "\(kv[0]): schrijf jaren als 5j of dagen als 400d", en: "\(kv[0]): write years as 5j or days as 400d"))
            }
            let dagen = eenheid == "j" ? getal * 365 : getal
            guard dagen >= 30 else { return .failure(Fout(nl: "\(kv[0]): minstens 30 dagen", en: "\(kv[0]): at least 30 days")) }
            t[keyPath: pad] = dagen
        }
        return .success(t)
    }
}

/// What a retention round anonymised (or, as a trial, would).
package struct Bewaarrapport: Codable, Sendable, Equatable {
    package var proef: Bool
    package var meldingen: [String] = []
    package var terugmeldingen: [UUID] = []
    package var verwerkingslogregels = 0
    package var auditregels = 0
    package var berichten = 0

    package init(proef: Bool) { self.proef = proef }

    package var leeg: Bool { meldingen.isEmpty && terugmeldingen.isEmpty && verwerkingslogregels == 0 && auditregels == 0 && berichten == 0 }
}

/// The retention job: anonymises what has passed its period, in batches, each case in its own
/// write (a failure leaves the others done). Runs under the planner's lease, so one instance at
/// a time; a trial changes nothing and lists what would go.
package struct Bewaring: Sendable {
    package let meldingen: MeldingService
    package let terugmeldingen: TerugmeldingService
    package let termijnen: Bewaartermijnen
    package var batch = 200

    package init(meldingen: MeldingService, terugmeldingen: TerugmeldingService, termijnen: Bewaartermijnen) {
        self.meldingen = meldingen
        self.terugmeldingen = terugmeldingen
        self.termijnen = termijnen
    }

    private var db: any Database { meldingen.db }
    private var nu: Date { meldingen.nu }
    private func grens(_ dagen: Int) -> Date { nu.addingTimeInterval(-Double(dagen) * 86_400) }

    /// A real round, kept for beheer when it did anything; at most once a day is enough.
    package func dagelijks() async throws -> Bewaarrapport? {
        if let laatste = try await Bewaarronde.query(on: db).sort(\.$uitgevoerdOp, .descending).first(),
           laatste.uitgevoerdOp > nu.addingTimeInterval(-86_400) { return nil }
        let rapport = try await ronde(proef: false)
        let r = Bewaarronde()
        r.uitgevoerdOp = nu
        r.rapport = String(decoding: try JSONEncoder().encode(rapport), as: UTF8.self)
        try await r.create(on: db)
        return rapport
    }

    package static func laatsteRondes(_ aantal: Int = 20, on db: any Database) async throws -> [(Date, Bewaarrapport)] {
        try await Bewaarronde.query(on: db).sort(\.$uitgevoerdOp, .descending).limit(aantal).all().map {
            ($0.uitgevoerdOp, try JSONDecoder().decode(Bewaarrapport.self, from: Data($0.rapport.utf8)))
        }
    }

    package func ronde(proef: Bool) async throws -> Bewaarrapport {
        var rapport = Bewaarrapport(proef: proef)
        // Meldingen: closed, their period passed, their personal data still there (the join:
        // those already anonymised never fill a batch). Closed without handling: the short period.
        var meldingRijen: [Melding] = []
        for (nietBehandeld, voor) in [(true, grens(termijnen.meldingNietBehandeld)), (false, grens(termijnen.meldingGesloten))] {
            var q = Melding.query(on: db).join(MeldingPersoonsgegevens.self, on: \Melding.$id == \MeldingPersoonsgegevens.$id)
                .filter(\.$status == .gesloten).filter(\.$geslotenOp < voor)
            q = nietBehandeld ? q.filter(\.$afsluitgrond != nil) : q.filter(\.$afsluitgrond == nil)
            meldingRijen += try await q.sort(\.$geslotenOp).limit(batch - meldingRijen.count).all()
        }
        for m in meldingRijen {
            guard let id = m.id else { continue }
            rapport.meldingen.append(m.zaaknummer)
            guard !proef else { continue }
            try await db.schrijf { [meldingen, nu] tx in
                guard let m = try await Melding.find(id, on: tx) else { return }
                let betrokkene = meldingen.betrokkene(try await MeldingPersoonsgegevens.find(id, on: tx))
                let gewist = try await meldingen.op(tx).wisPersoonsgegevens(m, reden: .bewaartermijn)
                try await BijlageOpslag.ruimOp(gewist.bijlagen, on: tx)
                try await Verwerkingslog.regel(.anonimiseren, organisatie: nil, melding: id, betrokkene: betrokkene, traceID: meldingen.traceID, tijdstip: nu).create(on: tx)
            }
        }
        // Terugmeldingen: finished, unchanged for their period, not yet anonymised (the join again).
        let afgerond = TerugmeldingStatus.allCases.filter(\.isTerminal)
        var tRijen: [Terugmelding] = []
        for (ingetrokken, voor) in [(true, grens(termijnen.terugmeldingIngetrokken)), (false, grens(termijnen.terugmeldingAfgerond))] {
            let statussen = ingetrokken ? [TerugmeldingStatus.ingetrokken] : afgerond.filter { $0 != .ingetrokken }
            tRijen += try await Terugmelding.query(on: db).join(TerugmeldingInhoud.self, on: \Terugmelding.$id == \TerugmeldingInhoud.$id)
                .filter(TerugmeldingInhoud.self, \.$inhoud != "{}").filter(\.$status ~~ statussen).filter(\.$gewijzigdOp < voor)
                .sort(\.$gewijzigdOp).limit(batch - tRijen.count).all()
        }
        for t in tRijen {
            guard let id = t.id else { continue }
            rapport.terugmeldingen.append(id)
            guard !proef else { continue }
            try await db.schrijf { [terugmeldingen, nu, betrokkene = t.betrokkeneHash] tx in
                let bytes = try await terugmeldingen.op(tx).wisNaIntrekkingToestemming(id, reden: .bewaartermijn)
                try await BijlageOpslag.ruimOp(bytes, on: tx)
                try await Verwerkingslog.regel(.anonimiseren, organisatie: nil, terugmelding: id, betrokkene: betrokkene, traceID: terugmeldingen.traceID, tijdstip: nu).create(on: tx)
            }
        }
        // The processing log and the audit trail: old rows go.
        let log = Verwerkingslogregel.query(on: db).filter(\.$tijdstip < grens(termijnen.verwerkingslog))
        let audit = AuditRegel.query(on: db).filter(\.$tijdstip < grens(termijnen.audit))
        let berichten = UitgaandBericht.query(on: db).filter(\.$aangemaaktOp < grens(termijnen.berichten))
        rapport.verwerkingslogregels = try await log.count()
        rapport.auditregels = try await audit.count()
        rapport.berichten = try await berichten.count()
        if !proef {
            if rapport.verwerkingslogregels > 0 { try await log.delete() }
            if rapport.auditregels > 0 { try await audit.delete() }
            if rapport.berichten > 0 { try await berichten.delete() }
        }
        return rapport
    }
}
