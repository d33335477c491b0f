import FluentKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain
import SQLKit

/// Scheduled work inside the server: deadline reminders and the morning summaries. One
/// instance at a time holds the lease row; every reminder is keyed by (kind, object, deadline)
/// in `verstuurde_herinneringen`, so a second run — on this instance or another — sends nothing twice.
package struct Planner: Sendable {
    package let db: any Database
    package let berichten: Berichtgeving
    package let kalender: Werkdagkalender
    /// When the morning summaries go out (Amsterdam time, working days).
    package var samenvattingUur = 7
    /// Candidates read at a time by the reminder scan.
    package var paginagrootte = 500
    /// The safety net's norms (acceptable time, contact rhythm, warning days).
    package var zorgnormen = Zorgnormen.standaard

    package init(db: any Database, berichten: Berichtgeving, kalender: Werkdagkalender) {
        self.db = db
        self.berichten = berichten
        self.kalender = kalender
    }

    // MARK: Lease

    /// Takes or extends the named lease for `houder` until `nu + duur`; false while another holds it.
    package func neemLease(_ naam: String, houder: String, duur: TimeInterval, nu: Date) async throws -> Bool {
        try await Taaklease.neem(naam, houder: houder, duur: duur, nu: nu, on: db)
    }

    // MARK: One round

    package struct Resultaat: Sendable, Equatable {
        package var herinneringen = 0
        package var samenvattingen = 0
    }

    /// Everything due at `nu`: reminders and notices on working days, and the summaries once each
    /// working morning from `samenvattingUur`.
    @discardableResult
    package func ronde(nu: Date) async throws -> Resultaat {
        var r = Resultaat()
        let vandaag = Dag(nu)
        let werkdag = kalender.isWerkdag(vandaag)
        let morgen = try kalender.plusWerkdagen(1, na: vandaag)
        let maandGeleden = try vandaag.plus(dagen: -30)

        // Terugmeldingen not yet taken into handling: at national scale many thousands wait in the
        // window, so they are read a page at a time from the small index of those not picked up,
        // and a page's reminders already sent are found with one query.
        var na: (dag: Dag, id: UUID)?
        while true {
            let pagina = try await nogNietOpgepakt(van: maandGeleden, tot: morgen, na: na, aantal: paginagrootte)
            let sleutels = pagina.map { kandidaat -> String in
                let soort = kandidaat.uiterlijk < vandaag ? "terugmelding-verstreken" : "terugmelding-nadert"
                return "\(soort):\(kandidaat.id.tekst):\(kandidaat.uiterlijk)"
            }
            let verstuurd = Set(try await VerstuurdeHerinnering.query(on: db).filter(\.$id ~~ sleutels).all(\.$id).compactMap { $0 })
            let open = zip(pagina, sleutels).filter { k, sleutel in !verstuurd.contains(sleutel) && (k.uiterlijk < vandaag || werkdag) }
            let terugmeldingen = open.isEmpty ? [:] : Dictionary(
                try await Terugmelding.query(on: db).filter(\.$id ~~ open.map(\.0.id)).all().map { (try $0.requireID(), $0) }, uniquingKeysWith: { a, _ in a })
            r.herinneringen += try await eenmaal(open.compactMap { k, sleutel in
                terugmeldingen[k.id].map { tm in
                    (sleutel, { tx in try await berichten.terugmeldingTermijn(tm, verstreken: k.uiterlijk < vandaag, nu: nu, on: tx) })
                }
            }, nu: nu)
            guard pagina.count == paginagrootte, let laatste = pagina.last else { break }
            na = (laatste.uiterlijk, laatste.id)
        }

        // First personal contact still to make.
        if werkdag {
            let zonderContact = try await Melding.query(on: db).filter(\.$status == .ontvangen)
                .filter(\.$eersteContactUiterlijk >= vandaag).filter(\.$eersteContactUiterlijk <= morgen).all()
            for m in zonderContact {
                r.herinneringen += try await eenmaal("contact-nadert:\(try m.requireID().tekst):\(m.eersteContactUiterlijk)", nu: nu) { tx in
                    try await berichten.contactnormNadert(m, nu: nu, on: tx)
                }
            }
        }

        // Requests near or past their agreed day.
        let open = VerzoekStatus.allCases.filter(\.isOpen)
        let verzoeken = try await Verzoek.query(on: db).filter(\.$status ~~ open).filter(\.$uiterlijk != nil)
            .filter(\.$uiterlijk >= maandGeleden).filter(\.$uiterlijk <= morgen).all()
        for v in verzoeken {
            guard let d = v.uiterlijk else { continue }
            if d < vandaag {
                r.herinneringen += try await eenmaal("verzoek-verstreken:\(try v.requireID().tekst):\(d)", nu: nu) { tx in
                    try await berichten.verzoekTermijn(v, verstreken: true, nu: nu, on: tx)
                }
            } else if werkdag {
                r.herinneringen += try await eenmaal("verzoek-nadert:\(try v.requireID().tekst):\(d)", nu: nu) { tx in
                    try await berichten.verzoekTermijn(v, verstreken: false, nu: nu, on: tx)
                }
            }
        }

        // The meldpunt proposed to escalate and the partner let its answer day pass: staff may now decide alone.
        let onbeantwoord = try await Verzoek.query(on: db).filter(\.$escalatieVoorstelDoor == .meldpunt).filter(\.$escalatieVoorstelUiterlijk != nil)
            .filter(\.$escalatieVoorstelUiterlijk >= maandGeleden).filter(\.$escalatieVoorstelUiterlijk < vandaag).filter(\.$status ~~ open).all()
        for v in onbeantwoord {
            guard let d = v.escalatieVoorstelUiterlijk else { continue }
            r.herinneringen += try await eenmaal("escalatievoorstel-onbeantwoord:\(try v.requireID().tekst):\(d)", nu: nu) { tx in
                try await berichten.escalatievoorstelOnbeantwoord(v, nu: nu, on: tx)
            }
        }

        // Advice given whose follow-up day came without an answer: staff ask what became of it.
        if werkdag {
            let opvolgen = try await AdviesRij.query(on: db).filter(\.$status == .gegeven).filter(\.$opvolgenOp != nil)
                .filter(\.$opvolgenOp >= maandGeleden).filter(\.$opvolgenOp <= vandaag).all()
            for a in opvolgen {
                guard let d = a.opvolgenOp else { continue }
                r.herinneringen += try await eenmaal("advies-opvolgen:\(try a.requireID().tekst):\(d)", nu: nu) { tx in
                    try await berichten.adviesOpvolgen(a, nu: nu, on: tx)
                }
            }
        }

        // Overleg: actions near their day (the organisation that holds them) or past it (staff),
        // and minutes still missing the working day after the meeting (staff).
        let acties = try await OverlegActie.query(on: db).filter(\.$status == .open)
            .filter(\.$uiterlijk >= maandGeleden).filter(\.$uiterlijk <= morgen).with(\.$overleg).all()
        for a in acties where a.overleg.status != .geannuleerd {
            let d = a.uiterlijk
            if d < vandaag {
                r.herinneringen += try await eenmaal("overleg-actie-verstreken:\(try a.requireID().tekst):\(d)", nu: nu) { tx in
                    try await berichten.overlegActieVerlopen(a, a.overleg, nu: nu, on: tx)
                }
            } else if werkdag {
                r.herinneringen += try await eenmaal("overleg-actie-nadert:\(try a.requireID().tekst):\(d)", nu: nu) { tx in
                    try await berichten.overlegActieNadert(a, a.overleg, nu: nu, on: tx)
                }
            }
        }
        if werkdag {
            let zonderVerslag = try await OverlegRij.query(on: db).filter(\.$status == .gepland)
                .filter(\.$datum >= maandGeleden).filter(\.$datum < vandaag).all()
            for o in zonderVerslag {
                r.herinneringen += try await eenmaal("overleg-verslag:\(try o.requireID().tekst):\(o.datum)", nu: nu) { tx in
                    try await berichten.overlegVerslagOntbreekt(o, nu: nu, on: tx)
                }
            }
        }

        // The safety net under every open case.
        r.herinneringen += try await vangnet(vandaag: vandaag, werkdag: werkdag, morgen: morgen, maandGeleden: maandGeleden, nu: nu)

        if werkdag && Self.uur(nu) >= samenvattingUur {
            r.samenvattingen = try await samenvattingen(nu: nu)
        }
        return r
    }


    /// New terugmeldingen (status Gemeld, not picked up) whose deadline lies in `van...tot`, in
    /// deadline order after `na`: only id and deadline, from the partial index of those not picked up.
    private func nogNietOpgepakt(van: Dag, tot: Dag, na: (dag: Dag, id: UUID)?, aantal: Int) async throws -> [(id: UUID, uiterlijk: Dag)] {
        let sql = db as! any SQLDatabase
        var q = sql.select().column("id").column("uiterlijk_in_behandeling_op").from(Terugmelding.schema)
            .where("opgepakt_op", .is, SQLLiteral.null)
            .where("status", .equal, SQLBind(TerugmeldingStatus.gemeld))
            .where("uiterlijk_in_behandeling_op", .greaterThanOrEqual, SQLBind(van))
            .where("uiterlijk_in_behandeling_op", .lessThanOrEqual, SQLBind(tot))
        if let na {
            q = q.where {
                $0.where("uiterlijk_in_behandeling_op", .greaterThan, SQLBind(na.dag))
                    .orWhere { $0.where("uiterlijk_in_behandeling_op", .equal, SQLBind(na.dag)).where("id", .greaterThan, SQLBind(na.id)) }
            }
        }
        return try await q.orderBy("uiterlijk_in_behandeling_op").orderBy("id").limit(aantal).all().map {
            (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "uiterlijk_in_behandeling_op", as: Dag.self))
        }
    }

    /// Runs `doe` once for `sleutel`, with the key in the same transaction: 1 if it ran now.
    func eenmaal(_ sleutel: String, nu: Date, _ doe: @escaping @Sendable (any Database) async throws -> Void) async throws -> Int {
        if try await VerstuurdeHerinnering.find(sleutel, on: db) != nil { return 0 }
        do {
            try await db.schrijf { tx in
                try await VerstuurdeHerinnering(sleutel: sleutel, op: nu).create(on: tx)
                try await doe(tx)
            }
            return 1
        } catch {
            if try await VerstuurdeHerinnering.find(sleutel, on: db) != nil { return 0 }
            throw error
        }
    }

    /// A page of reminders in one transaction (after a backlog, thousands at once: one commit per
    /// page rather than per reminder); should it fail — another instance sent one of them at the
    /// same moment — each goes on its own. How many ran now.
    private func eenmaal(_ taken: [(sleutel: String, doe: @Sendable (any Database) async throws -> Void)], nu: Date) async throws -> Int {
        guard !taken.isEmpty else { return 0 }
        do {
            try await db.schrijf { tx in
                for taak in taken {
                    try await VerstuurdeHerinnering(sleutel: taak.sleutel, op: nu).create(on: tx)
                    try await taak.doe(tx)
                }
            }
            return taken.count
        } catch {
            var n = 0
            for taak in taken { n += try await eenmaal(taak.sleutel, nu: nu, taak.doe) }
            return n
        }
    }

    // MARK: Morning summaries

    /// One mail per recipient with everything collected since the last one; today's summary is
    /// made once (its key), and collected rows are marked as summarised in the same transaction.
    package func samenvattingen(nu: Date) async throws -> Int {
        let dag = Dag(nu)
        let bundels = Set(try await UitgaandBericht.query(on: db).filter(\.$status == .gebundeld).field(\.$bundel).all().compactMap(\.bundel))
        var n = 0
        for bundel in bundels.sorted() {
            n += try await eenmaal("samenvatting:\(bundel):\(dag)", nu: nu) { tx in
                let rijen = try await UitgaandBericht.query(on: tx).filter(\.$status == .gebundeld).filter(\.$bundel == bundel)
                    .sort(\.$aangemaaktOp).all()
                guard let eerste = rijen.first else { return }
                let taal = Taal(rawValue: String(bundel.prefix { $0 != ":" })) ?? .nl
                let links = try rijen.map { r -> String in
                    let i = try r.mailinhoud()
                    return "• " + i.onderwerp + (i.link.map { "\n  " + $0 } ?? "")
                }
                let inhoud = Mailinhoud(
                    taal: taal,
                    onderwerp: Tekst("Samenvatting van \(Berichtgeving.dag(dag, .nl)): \(rijen.count) bericht(en)", "Summary of \(Berichtgeving.dag(dag, .en)): \(rijen.count) message(s)").tekst(taal),
                    alineas: [Tekst("Dit gebeurde sinds de vorige samenvatting:", "This happened since the previous summary:").tekst(taal), links.joined(separator: "\n")],
                    link: berichten.publiekeUrl + Webadres.portaal.pad, linkTekst: Tekst("Naar het portaal (na inloggen)", "To the portal (after logging in)").tekst(taal),
                    afmelden: try eerste.mailinhoud().afmelden ?? berichten.publiekeUrl + Webadres.account.pad,
                    privacy: berichten.publiekeUrl + "/privacy")
                let b = UitgaandBericht()
                b.id = UUID()
                b.soort = .mail
                b.status = .wachtend
                b.aan = eerste.aan
                b.onderwerp = inhoud.onderwerp
                b.inhoud = String(decoding: try JSONEncoder.compact.encode(inhoud), as: UTF8.self)
                b.pogingen = 0
                b.volgendePogingOp = nu
                b.aangemaaktOp = nu
                b.organisatie = eerste.organisatie
                try await b.create(on: tx)
                try await UitgaandBericht.query(on: tx).filter(\.$id ~~ rijen.compactMap(\.id))
                    .set(\.$status, to: .samengevat).set(\.$verzondenOp, to: nu).set(\.$inhoud, to: "{}").update()
            }
        }
        return n
    }

    static func uur(_ nu: Date) -> Int {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = .amsterdam
        return cal.component(.hour, from: nu)
    }
}
