import FluentKit
import Foundation

/// One processing record as Logboek Dataverwerkingen has it: a span with the standard's
/// attributes. Made from a `verwerkingslog` row, which stays the source.
package struct Logboekrecord: Sendable, Equatable {
    /// 32 and 16 lowercase hex digits.
    package let traceID: String
    package let spanID: String
    package let ouderSpanID: String?
    package let naam: String
    package let start: Date
    package let eind: Date
    package let status: Verwerkingsstatus
    package let attributen: [(String, String)]

    package init(traceID: String, spanID: String, ouderSpanID: String?, naam: String, start: Date, eind: Date, status: Verwerkingsstatus,
                 attributen: [(String, String)]) {
        self.traceID = traceID
        self.spanID = spanID
        self.ouderSpanID = ouderSpanID
        self.naam = naam
        self.start = start
        self.eind = eind
        self.status = status
        self.attributen = attributen
    }

    package static func == (a: Self, b: Self) -> Bool {
        a.traceID == b.traceID && a.spanID == b.spanID && a.ouderSpanID == b.ouderSpanID && a.naam == b.naam
            && a.start == b.start && a.eind == b.eind && a.status == b.status && a.attributen.elementsEqual(b.attributen, by: ==)
    }
}

/// Where records go: a collector that acknowledges what it received (OTLP in production).
package protocol Logboekontvanger: Sendable {
    /// Returns when the receiver acknowledged every record; throws otherwise (nothing counts as sent).
    func exporteer(_ records: [Logboekrecord]) async throws
}

/// Moves processing records to the Logboek: the oldest waiting rows, in batches, each batch
/// marked only after the receiver acknowledged it. A collector that is down loses nothing: the
/// rows wait and the next round catches up (a batch acknowledged but not yet marked when the
/// process dies goes again: at least once, and the span id lets the receiver drop the repeat).
package struct Logboekexport: Sendable {
    package let db: any Database
    package let ontvanger: any Logboekontvanger
    package let publiekeUrl: String
    package var register = Verwerkingsregister.standaard
    package var batch = 512

    package init(db: any Database, ontvanger: any Logboekontvanger, publiekeUrl: String) {
        self.db = db
        self.ontvanger = ontvanger
        self.publiekeUrl = publiekeUrl
    }

    /// One batch; the number exported (a full batch means: call again).
    package func ronde(nu: Date) async throws -> Int {
        let rijen = try await Verwerkingslogregel.query(on: db).filter(\.$geexporteerdOp == nil).sort(\.$id).limit(batch).all()
        guard !rijen.isEmpty else { return 0 }
        try await ontvanger.exporteer(try rijen.map(record))
        let ids = try rijen.map { try $0.requireID() }
        try await Verwerkingslogregel.query(on: db).filter(\.$id ~~ ids).set(\.$geexporteerdOp, to: nu).update()
        return rijen.count
    }

    /// The type of every data-subject id we write: a keyed pseudonym (HMAC-SHA256) of the BSN, or
    /// of the A-nummer when no BSN is known, explained on the privacy page.
    package var betrokkeneSoort: String { "\(publiekeUrl)/privacy#pseudoniem" }

    package func record(_ r: Verwerkingslogregel) throws -> Logboekrecord {
        let id = try r.requireID()
        var attributen = [("dpl.core.processing_activity_id",
                           Verwerkingsregister.adres(register.activiteit(voorActie: r.actie)?.id ?? "onbekend", publiekeUrl: publiekeUrl))]
        if let b = r.betrokkeneHash {
            attributen.append(("dpl.core.data_subject_id", b))
            attributen.append(("dpl.core.data_subject_id_type", betrokkeneSoort))
        }
        return Logboekrecord(traceID: Spoor.w3cTraceID(r.traceID), spanID: r.spanID ?? Self.spanID(uit: id), ouderSpanID: r.ouderSpanID,
                             naam: r.actie, start: r.tijdstip, eind: r.tijdstip,
                             status: r.status.flatMap(Verwerkingsstatus.init(rawValue:)) ?? .ok, attributen: attributen)
    }

    /// Rows from before the standard have no span: the random half of their UUIDv7 is one.
    package static func spanID(uit id: UUID) -> String {
        let u = id.uuid
        return Sleutels.hex([u.8, u.9, u.10, u.11, u.12, u.13, u.14, u.15])
    }
}
