import FluentKit
import SQLKit
import Foundation
import MeldpuntDomain

/// The transactional outbox: one message to send, written in the transaction of the change
/// that causes it. Its id is the message's stable identity (Message-ID, webhook-id), so a
/// receiver can drop a repeat.
package final class UitgaandBericht: Model, @unchecked Sendable {
    package static let schema = "uitgaande_berichten"

    @ID(key: .id) package var id: UUID?
    @Field(key: "soort") package var soort: Berichtsoort
    @Field(key: "status") package var status: Bezorgstatus
    /// An e-mail address (mail), empty for a webhook.
    @Field(key: "aan") package var aan: String
    @OptionalParent(key: "abonnement_id") package var abonnement: Abonnement?
    /// The subject of a mail, the event type of a webhook: what beheer sees in the list.
    @Field(key: "onderwerp") package var onderwerp: String
    /// JSON: a `Mailinhoud`, or the event body exactly as it is sent.
    @Field(key: "inhoud") package var inhoud: String
    @Field(key: "pogingen") package var pogingen: Int
    @Field(key: "volgende_poging_op") package var volgendePogingOp: Date
    /// Claimed by a worker until then; a worker that died lets it go when the time passes.
    @OptionalField(key: "vergrendeld_tot") package var vergrendeldTot: Date?
    @OptionalField(key: "laatste_fout") package var laatsteFout: String?
    @Field(key: "aangemaakt_op") package var aangemaaktOp: Date
    @OptionalField(key: "verzonden_op") package var verzondenOp: Date?
    /// The case a mail is about: withdrawn consent erases the mails of that case.
    @OptionalField(key: "melding_id") package var melding: UUID?
    /// Whose beheer sees it: the receiving organisation; nil for mail to a melder (the meldpunt's).
    @OptionalField(key: "organisatie_id") package var organisatie: UUID?
    /// Waiting for the morning summary of this recipient (status `gebundeld`).
    @OptionalField(key: "bundel") package var bundel: String?
    /// The W3C trace context of the work that caused it, sent along (webhook header, mail
    /// header) so the receiver's processing log joins to ours.
    @OptionalField(key: "traceparent") package var traceparent: String?

    package init() {}
}

package enum Berichtsoort: String, Codable, Sendable, CaseIterable { case mail, webhook }

package enum Bezorgstatus: String, Codable, Sendable, CaseIterable {
    /// To be sent (again) from `volgende_poging_op`.
    case wachtend
    /// Delivered: the SMTP server or the receiver accepted it.
    case verzonden
    /// Given up after every retry: waits for beheer's "send again".
    case mislukt
    /// Part of a recipient's daily summary, not sent on its own.
    case gebundeld
    /// Sent as part of a daily summary.
    case samengevat
}

/// An organisation's subscription to events (the ZGW Notificaties `abonnement`).
package final class Abonnement: Model, @unchecked Sendable {
    package static let schema = "abonnementen"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "organisatie_id") package var organisatie: Organisatie
    @Field(key: "callback_url") package var callbackUrl: String
    /// The Authorization value to send, sealed with a key from the environment.
    @Field(key: "auth_verzegeld") package var authVerzegeld: String
    /// The secret the signature is made with, sealed likewise.
    @Field(key: "geheim_verzegeld") package var geheimVerzegeld: String
    /// JSON: `[AbonnementKanaal]`.
    @Field(key: "kanalen") package var kanalen: String
    @Field(key: "vorm") package var vorm: Gebeurtenisvorm
    @Field(key: "aangemaakt_op") package var aangemaaktOp: Date

    package init() {}
}

/// Who runs a scheduled job now: one instance holds the lease until `tot`.
package final class Taaklease: Model, @unchecked Sendable {
    package static let schema = "taakleases"

    @ID(custom: "naam", generatedBy: .user) package var id: String?
    @Field(key: "houder") package var houder: String
    @Field(key: "tot") package var tot: Date

    package init() {}

    /// Takes or extends the named lease for `houder` until `nu + duur`; false while another
    /// instance holds it. Background work that must run on one instance at a time asks first.
    package static func neem(_ naam: String, houder: String, duur: TimeInterval, nu: Date, on db: any Database) async throws -> Bool {
        let sql = db as! any SQLDatabase
        let tot = nu.addingTimeInterval(duur)
        let genomen = try await sql.update(schema)
            .set("houder", to: SQLBind(houder)).set("tot", to: SQLBind(tot))
            .where("naam", .equal, SQLBind(naam))
            .where { $0.where("houder", .equal, SQLBind(houder)).orWhere("tot", .lessThan, SQLBind(nu)) }
            .returning("naam").all()
        if !genomen.isEmpty { return true }
        if try await find(naam, on: db) != nil { return false }
        let l = Taaklease()
        l.id = naam
        l.houder = houder
        l.tot = tot
        do {
            try await l.create(on: db)
            return true
        } catch {
            return false   // another instance created it at the same moment
        }
    }
}

/// A reminder or notice that was sent: its key (kind, object, deadline) is unique, so each is sent once.
package final class VerstuurdeHerinnering: Model, @unchecked Sendable {
    package static let schema = "verstuurde_herinneringen"

    @ID(custom: "sleutel", generatedBy: .user) package var id: String?
    @Field(key: "verstuurd_op") package var verstuurdOp: Date

    package init() {}
    package init(sleutel: String, op: Date) {
        self.id = sleutel
        self.verstuurdOp = op
    }
}
