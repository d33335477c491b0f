import Crypto
import FluentKit
import Foundation
import MeldpuntDomain
import SQLKit
import W3CTraceContext

/// A mail ready for the wire: the transport makes the MIME message of it.
package struct UitgaandeMail: Sendable {
    package let id: UUID
    package let aan: String
    package let inhoud: Mailinhoud
    package let datum: Date
    /// W3C trace context of the work that caused the mail (a `traceparent` header).
    package let traceparent: String?

    package init(id: UUID, aan: String, inhoud: Mailinhoud, datum: Date, traceparent: String? = nil) {
        self.id = id
        self.aan = aan
        self.inhoud = inhoud
        self.datum = datum
        self.traceparent = traceparent.flatMap(Self.geldigeTraceparent)
    }

    /// Only a well-formed W3C value reaches a header (the same parser that reads a caller's).
    package static func geldigeTraceparent(_ t: String) -> String? {
        (try? TraceContext(traceParentHeaderValue: t)) != nil ? t : nil
    }
}

/// A webhook call ready for the wire: URL, the subscriber's Authorization value, signed body.
package struct UitgaandeWebhook: Sendable {
    package let id: UUID
    package let url: String
    package let auth: String?
    package let inhoudtype: String
    package let body: Data
    package let tijdstempel: Int
    /// `v1,<base64 HMAC-SHA256(id.timestamp.body)>` (Standard Webhooks).
    package let handtekening: String
    /// How long the receiver may take to answer.
    package var tijdslimiet: Int = 15
    /// W3C trace context of the work that caused the event: the receiver's log joins to ours.
    package var traceparent: String?

    package var headers: [(String, String)] {
        var h = [("Content-Type", inhoudtype), ("webhook-id", id.uuidString.lowercased()),
                 ("webhook-timestamp", String(tijdstempel)), ("webhook-signature", handtekening)]
        if let auth { h.append(("Authorization", auth)) }
        if let t = traceparent.flatMap(UitgaandeMail.geldigeTraceparent) { h.append(("traceparent", t)) }
        return h
    }
}

/// The network side of delivery (SMTP and HTTP), behind a seam so the core stays transport-free.
package protocol Bezorgers: Sendable {
    /// Hands the mail to the SMTP server (or the development folder); throws when it was not accepted.
    func verstuur(_ mail: UitgaandeMail) async throws
    /// Posts the event; throws unless the receiver answered 2xx.
    func verstuur(_ webhook: UitgaandeWebhook) async throws
}

package struct BezorgFout: Error, CustomStringConvertible {
    package let description: String
    package init(_ d: String) { description = d }
}

/// The delivery worker's rounds: claim what is due, send it, record the outcome. Safe with several
/// instances on one PostgreSQL (rows are claimed with FOR UPDATE SKIP LOCKED and a lease time),
/// and after a crash (a claimed row whose lease ran out is claimed again: at least once, and
/// the stable id lets the receiver drop the repeat).
package struct Bezorging: Sendable {
    package let db: any Database
    package let bezorgers: any Bezorgers
    /// Opens a subscription's Authorization value and signing secret.
    package let sleutel: SymmetricKey
    /// How long a claimed row is this worker's: longer than the slowest send (SMTP gives up after
    /// 30 s, a webhook after 20 s), short enough that a crashed instance's rows go out soon after.
    package var claimduur: TimeInterval = 45
    package var perRonde = 100
    /// Messages sent at the same time within a round: one slow receiver does not hold the others.
    package var tegelijk = 8
    /// The first wait after a failure (25 s; smaller only to test retries quickly).
    package var basisSeconden = Herhaalschema.basisSeconden

    package init(db: any Database, bezorgers: any Bezorgers, sleutel: SymmetricKey) {
        self.db = db
        self.bezorgers = bezorgers
        self.sleutel = sleutel
    }

    /// One round; answers how many messages it tried. The outcomes are written together in one
    /// transaction after the sends (one commit per round instead of one per message; a crash in
    /// between sends those messages again once their claim ends, under the same stable id).
    @discardableResult
    package func ronde(nu: Date) async throws -> Int {
        let rijen = try await claim(nu: nu)
        guard !rijen.isEmpty else { return 0 }
        let tegelijk = max(1, tegelijk)
        let fouten = await withTaskGroup(of: (Int, String?).self) { groep in
            var fouten = [String?](repeating: nil, count: rijen.count)
            for (i, b) in rijen.enumerated() {
                if i >= tegelijk, let (j, fout) = await groep.next() { fouten[j] = fout }
                groep.addTask { (i, await bezorg(b, nu: nu)) }
            }
            for await (j, fout) in groep { fouten[j] = fout }
            return fouten
        }
        try await db.schrijf { tx in
            let sql = tx as! any SQLDatabase
            for (b, fout) in zip(rijen, fouten) {
                if let fout { mislukt(b, fout: fout, nu: nu) } else { afgerond(b, nu: nu) }
                // Written out: Fluent's save reflects over the model for every row.
                try await sql.update(UitgaandBericht.schema)
                    .set("status", to: SQLBind(b.status)).set("pogingen", to: SQLBind(b.pogingen))
                    .set("vergrendeld_tot", to: SQLBind(b.vergrendeldTot)).set("laatste_fout", to: SQLBind(b.laatsteFout))
                    .set("volgende_poging_op", to: SQLBind(b.volgendePogingOp)).set("verzonden_op", to: SQLBind(b.verzondenOp))
                    .set("inhoud", to: SQLBind(b.inhoud))
                    .where("id", .equal, SQLBind(try b.requireID())).run()
            }
        }
        return rijen.count
    }

    private func claim(nu: Date) async throws -> [UitgaandBericht] {
        let perRonde = perRonde, tot = nu.addingTimeInterval(claimduur)
        let ids: [UUID] = try await db.schrijf { tx in
            let sql = tx as! any SQLDatabase
            var select = sql.select().column("id").from(UitgaandBericht.schema)
                .where("status", .equal, SQLBind(Bezorgstatus.wachtend.rawValue))
                .where("volgende_poging_op", .lessThanOrEqual, SQLBind(nu))
                .where { $0.where("vergrendeld_tot", .is, SQLLiteral.null).orWhere("vergrendeld_tot", .lessThan, SQLBind(nu)) }
                .orderBy("volgende_poging_op").limit(perRonde)
            if sql.dialect.name == "postgresql" {
                // Another instance's claimed rows are skipped, not waited for.
                select = select.lockingClause(SQLRaw("FOR UPDATE SKIP LOCKED"))
            }
            let ids = try await select.all().map { try $0.decode(column: "id", as: UUID.self) }
            guard !ids.isEmpty else { return [] }
            try await UitgaandBericht.query(on: tx).filter(\.$id ~~ ids).set(\.$vergrendeldTot, to: tot).update()
            return ids
        }
        guard !ids.isEmpty else { return [] }
        return try await UitgaandBericht.query(on: db).filter(\.$id ~~ ids).sort(\.$volgendePogingOp).all()
    }

    /// Sends one message; nil when it went out, else why not.
    private func bezorg(_ b: UitgaandBericht, nu: Date) async -> String? {
        do {
            switch b.soort {
            case .mail:
                let inhoud = try JSONDecoder().decode(Mailinhoud.self, from: Data(b.inhoud.utf8))
                try await bezorgers.verstuur(UitgaandeMail(id: try b.requireID(), aan: b.aan, inhoud: inhoud, datum: nu, traceparent: b.traceparent))
            case .webhook:
                guard let aid = b.$abonnement.id, let a = try await Abonnement.find(aid, on: db) else {
                    throw BezorgFout("Het abonnement bestaat niet meer.")
                }
                try await bezorgers.verstuur(try webhook(b, a, nu: nu))
            }
            return nil
        } catch {
            return String(describing: error)
        }
    }

    /// The call as it goes out; signed at sending time, so a retry carries a fresh timestamp.
    package func webhook(_ b: UitgaandBericht, _ a: Abonnement, nu: Date) throws -> UitgaandeWebhook {
        let id = try b.requireID()
        guard let geheim = try Verzegeld.open(a.geheimVerzegeld, String.self, sleutel) else { throw BezorgFout("Het ondertekengeheim is niet te openen.") }
        let auth = try Verzegeld.open(a.authVerzegeld, String.self, sleutel)
        let body = Data(b.inhoud.utf8)
        let tijd = Int(nu.timeIntervalSince1970)
        var w = UitgaandeWebhook(id: id, url: a.callbackUrl, auth: auth?.isEmpty == false ? auth : nil,
                                 inhoudtype: a.vorm == .cloudevents ? "application/cloudevents+json" : "application/json",
                                 body: body, tijdstempel: tijd, handtekening: Self.onderteken(id: id, tijdstempel: tijd, body: body, geheim: geheim))
        w.traceparent = b.traceparent
        return w
    }

    /// Standard Webhooks: HMAC-SHA256 over `id.timestamp.body` with the subscription's secret.
    package static func onderteken(id: UUID, tijdstempel: Int, body: Data, geheim: String) -> String {
        var te = Data("\(id.uuidString.lowercased()).\(tijdstempel).".utf8)
        te.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: te, using: SymmetricKey(data: Data(geheim.utf8)))
        return "v1," + Data(mac).base64EncodedString()
    }

    private func afgerond(_ b: UitgaandBericht, nu: Date) {
        b.status = .verzonden
        b.verzondenOp = nu
        b.pogingen += 1
        b.vergrendeldTot = nil
        b.laatsteFout = nil
        // What a mail said is not kept once it went out: the private link in a confirmation
        // exists nowhere but in the melder's mailbox.
        if b.soort == .mail { b.inhoud = "{}" }
    }

    private func mislukt(_ b: UitgaandBericht, fout: String, nu: Date) {
        b.pogingen += 1
        b.vergrendeldTot = nil
        b.laatsteFout = String(fout.prefix(500))
        if let wacht = Herhaalschema.wachttijd(naPoging: b.pogingen, basis: basisSeconden) {
            b.volgendePogingOp = nu.addingTimeInterval(wacht)
        } else {
            b.status = .mislukt
        }
    }
}

// MARK: The outbox for beheer

package struct UitgaandBerichtDTO: Codable, Sendable, Equatable {
    package let id: UUID
    package let soort: Berichtsoort
    package let status: Bezorgstatus
    package let aan: String
    package let onderwerp: String
    package let pogingen: Int
    package let aangemaaktOp: Date
    package let volgendePogingOp: Date?
    package let verzondenOp: Date?
    package let laatsteFout: String?

    init(_ b: UitgaandBericht, aan: String) throws {
        id = (try b.requireID())
        soort = b.soort
        status = b.status
        self.aan = aan
        onderwerp = b.onderwerp
        pogingen = b.pogingen
        aangemaaktOp = b.aangemaaktOp
        volgendePogingOp = b.status == .wachtend ? b.volgendePogingOp : nil
        verzondenOp = b.verzondenOp
        laatsteFout = b.laatsteFout
    }
}

/// Beheer's view of the outbox: its own organisation's messages (the systeembeheerder's: all;
/// the meldpunt's beheer also sees the mail to melders, which it sends).
package struct Postvak: Sendable {
    package let db: any Database
    package let nu: Date

    package init(db: any Database, nu: Date) {
        self.db = db
        self.nu = nu
    }

    package struct Telling: Sendable, Equatable {
        package var wachtend = 0, verzonden = 0, mislukt = 0, gebundeld = 0
    }

    private func zichtbaar(_ q: QueryBuilder<UitgaandBericht>, voor g: GebruikerDTO) -> QueryBuilder<UitgaandBericht> {
        guard g.rol != .systeembeheerder else { return q }
        let eigen = g.organisatie.id
        if g.organisatie.heeft(.meldpunt) {
            return q.group(.or) { $0.filter(\.$organisatie == eigen).filter(\.$organisatie == nil) }
        }
        return q.filter(\.$organisatie == eigen)
    }

    package func lijst(status: Bezorgstatus?, voor g: GebruikerDTO, limiet: Int = 200) async throws -> (items: [UitgaandBerichtDTO], telling: Telling) {
        guard g.rol.beheert else { throw Weigering.geenToegang(.rolOntbreekt(.meldpunt)) }
        var telling = Telling()
        for s in Bezorgstatus.allCases {
            let n = try await zichtbaar(UitgaandBericht.query(on: db), voor: g).filter(\.$status == s).count()
            switch s {
            case .wachtend: telling.wachtend = n
            case .verzonden, .samengevat: telling.verzonden += n
            case .mislukt: telling.mislukt = n
            case .gebundeld: telling.gebundeld = n
            }
        }
        var q = zichtbaar(UitgaandBericht.query(on: db), voor: g)
        if let status { q = q.filter(\.$status == status) }
        let rijen = try await q.sort(\.$aangemaaktOp, .descending).limit(limiet).all()
        var callbacks: [UUID: String] = [:]
        let abonnementen = Set(rijen.compactMap { $0.$abonnement.id })
        if !abonnementen.isEmpty {
            for a in try await Abonnement.query(on: db).filter(\.$id ~~ Array(abonnementen)).all() { callbacks[try a.requireID()] = a.callbackUrl }
        }
        return (try rijen.map { b in try UitgaandBerichtDTO(b, aan: b.soort == .mail ? b.aan : (b.$abonnement.id.flatMap { callbacks[$0] } ?? "")) }, telling)
    }

    /// "Send again": a dead-lettered message goes back in line with a fresh set of retries.
    package func opnieuw(_ id: UUID, voor g: GebruikerDTO) async throws {
        guard g.rol.beheert else { throw Weigering.geenToegang(.rolOntbreekt(.meldpunt)) }
        guard let b = try await zichtbaar(UitgaandBericht.query(on: db), voor: g).filter(\.$id == id).first() else {
            throw Weigering.nietGevonden(.bericht)
        }
        guard b.status == .mislukt else { throw Weigering.conflict(.berichtNietMislukt) }
        b.status = .wachtend
        b.pogingen = 0
        b.volgendePogingOp = nu
        b.vergrendeldTot = nil
        try await b.save(on: db)
    }
}
