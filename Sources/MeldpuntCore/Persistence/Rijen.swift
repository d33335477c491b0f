import FluentKit
import Foundation
import MeldpuntDomain
import SQLKit

/// The rows one write inserts, written out by hand instead of through Fluent's model insert,
/// which reflects over every model on every insert (a fifth of a filing's CPU). The writer
/// inserts the rows of one table for a whole batch in one statement.
package struct Rijen: Sendable {
    struct Tabel: Sendable {
        let naam: String
        let kolommen: [String]
        var rijen: [[SQLBind]]
    }

    private(set) var tabellen: [Tabel] = []
    /// The counts these rows move, applied with the rest of the batch's counts.
    package let tellingen = Terugmeldingtellingen.Verschuivingen()

    package init() {}

    package var isEmpty: Bool { tabellen.isEmpty }

    /// Add parents before the rows that point to them; a batch inserts terugmeldingen first.
    mutating func voegToe(_ naam: String, _ kolommen: [String], _ waarden: [any Encodable & Sendable]) {
        precondition(waarden.count == kolommen.count, "\(naam): \(waarden.count) values for \(kolommen.count) columns")
        let rij = waarden.map { SQLBind($0) }
        if let i = tabellen.firstIndex(where: { $0.naam == naam && $0.kolommen == kolommen }) {
            tabellen[i].rijen.append(rij)
        } else {
            tabellen.append(Tabel(naam: naam, kolommen: kolommen, rijen: [rij]))
        }
    }

    /// Binds per statement stay well under SQLite's limit (32,766) and PostgreSQL's (65,535).
    static let bindsPerStatement = 8_000

    /// The rows of several writes: per table one INSERT (or a few, for very many rows).
    static func voegIn(_ alle: [Rijen], op db: any Database) async throws {
        let sql = db as! any SQLDatabase
        var samen: [Tabel] = []
        for rijen in alle {
            for t in rijen.tabellen {
                if let i = samen.firstIndex(where: { $0.naam == t.naam && $0.kolommen == t.kolommen }) {
                    samen[i].rijen += t.rijen
                } else {
                    samen.append(t)
                }
            }
        }
        // Parents first whichever write came first in the batch (a read's log entry may precede a filing).
        let ouders: Set = [Terugmelding.schema]
        for t in samen.filter({ ouders.contains($0.naam) }) + samen.filter({ !ouders.contains($0.naam) }) {
            let perStatement = max(1, bindsPerStatement / t.kolommen.count)
            var begin = 0
            while begin < t.rijen.count {
                let eind = min(begin + perStatement, t.rijen.count)
                var insert = sql.insert(into: t.naam).columns(t.kolommen)
                for rij in t.rijen[begin..<eind] { insert = insert.values(rij) }
                try await insert.run()
                begin = eind
            }
        }
    }
}

extension Rijen {
    package mutating func voegToe(_ tm: Terugmelding) throws {
        voegToe(Terugmelding.schema,
                ["id", "afnemer_id", "bijhouder_id", "registratie", "status", "referentiekenmerk", "ontvangen_op", "uiterlijk_in_behandeling_op",
                 "opgepakt_op", "bsn", "anummer", "adres", "betrokkene_hash", "toelichting_kort", "laatste_volgnummer", "gewijzigd_op", "termijn_te_laat"],
                [(try tm.requireID()), tm.$afnemer.id, tm.$bijhouder.id, tm.registratie, tm.status, tm.referentiekenmerk, tm.ontvangenOp, tm.uiterlijkInBehandelingOp,
                 tm.opgepaktOp, tm.bsn, tm.anummer, tm.adres, tm.betrokkeneHash, tm.toelichtingKort, tm.laatsteVolgnummer, tm.gewijzigdOp ?? tm.ontvangenOp,
                 tm.termijnTeLaat])
    }

    package mutating func voegToe(_ inhoud: TerugmeldingInhoud) throws {
        voegToe(TerugmeldingInhoud.schema, ["terugmelding_id", "inhoud"], [(try inhoud.requireID()), inhoud.inhoud])
    }

    package mutating func voegToe(_ s: Statuswijziging) throws {
        voegToe(Statuswijziging.schema,
                ["id", "terugmelding_id", "volgnummer", "status", "tijdstip", "organisatie_id", "toelichting", "verwachte_datum", "nieuwe_bijhouder_id", "uitkomst"],
                [(try s.requireID()), s.$terugmelding.id, s.volgnummer, s.status, s.tijdstip, s.$organisatie.id, s.toelichting, s.verwachteDatum, s.$nieuweBijhouder.id, s.uitkomst])
    }

    package mutating func voegToe(_ b: Bijlage, toegevoegd: Date) throws {
        voegToe(Bijlage.schema,
                ["id", "terugmelding_id", "bestandsnaam", "mime_type", "beschrijving", "grootte", "sha256", "gegeven_index", "toegevoegd_op"],
                [(try b.requireID()), b.$terugmelding.id, b.bestandsnaam, b.mimeType, b.beschrijving, b.grootte, b.sha256, b.gegevenIndex, b.toegevoegdOp ?? toegevoegd])
    }

    package mutating func voegToe(_ b: UitgaandBericht) throws {
        voegToe(UitgaandBericht.schema,
                ["id", "soort", "status", "aan", "abonnement_id", "onderwerp", "inhoud", "pogingen", "volgende_poging_op", "vergrendeld_tot",
                 "laatste_fout", "aangemaakt_op", "verzonden_op", "melding_id", "organisatie_id", "bundel", "traceparent"],
                [(try b.requireID()), b.soort, b.status, b.aan, b.$abonnement.id, b.onderwerp, b.inhoud, b.pogingen, b.volgendePogingOp, b.vergrendeldTot,
                 b.laatsteFout, b.aangemaaktOp, b.verzondenOp, b.melding, b.organisatie, b.bundel, b.traceparent])
    }

    package mutating func voegToe(_ w: PatroonWachtrij) throws {
        voegToe(PatroonWachtrij.schema, ["id", "bron", "zaak_id", "aangemaakt_op"], [(try w.requireID()), w.bron, w.zaakID, w.aangemaaktOp])
    }

    package mutating func voegToe(_ e: EenmaligeSleutel) throws {
        voegToe(EenmaligeSleutel.schema, ["sleutel", "resultaat", "aangemaakt_op", "vingerafdruk"], [(try e.requireID()), e.resultaat, e.aangemaaktOp, e.vingerafdruk])
    }

    package mutating func voegToe(_ r: Verwerkingslogregel) throws {
        voegToe(Verwerkingslogregel.schema,
                ["id", "tijdstip", "organisatie_id", "actie", "terugmelding_id", "melding_id", "trace_id", "betrokkene_hash", "gebruiker_id",
                 "span_id", "ouder_span_id", "status"],
                [r.id ?? UUID.v7(r.tijdstip), r.tijdstip, r.organisatieID, r.actie, r.terugmeldingID, r.meldingID, r.traceID, r.betrokkeneHash, r.gebruikerID,
                 r.spanID, r.ouderSpanID, r.status])
    }
}

extension Rijen {
    package mutating func voegToe(_ a: Annotatierij) throws {
        voegToe(Annotatierij.schema, ["uuid", "terugmelding_id", "soort", "ontvangen_op", "volgnummer", "inhoud"],
                [(try a.requireID()), a.$terugmelding.id, a.soort, a.ontvangenOp, a.volgnummer, a.inhoud])
    }
}
