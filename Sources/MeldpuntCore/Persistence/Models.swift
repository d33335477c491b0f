import FluentKit
import Foundation
import MeldpuntDomain

/// An organisation that sends or receives: afnemer, bronhouder (gemeente), RvIG, ABO, meldpunt, partner.
package final class Organisatie: Model, @unchecked Sendable {
    package static let schema = "organisaties"

    @ID(key: .id) package var id: UUID?
    @Field(key: "naam") package var naam: String
    @OptionalField(key: "oin") package var oin: String?
    @OptionalField(key: "gemeentecode") package var gemeentecode: String?
    @OptionalField(key: "rni_deelnemer_code") package var rniDeelnemerCode: String?
    /// Roles as ",afnemer,bronhouder," so one LIKE finds a role on both databases.
    @Field(key: "rollen") package var rollenTekst: String
    /// Where a bronhouder wants to hear of new terugmeldingen.
    @OptionalField(key: "melding_email") package var meldingEmail: String?
    /// Each notification to that address at once, or one summary each working morning.
    @Field(key: "melding_bezorging") package var meldingBezorging: Bezorgwijze
    /// Partner register: the kind of partner, the registrations it holds or uses (comma-separated),
    /// and the day it signed the intentieverklaring (YYYY-MM-DD).
    @OptionalField(key: "partner_soort") package var partnerSoort: String?
    @OptionalField(key: "partner_registraties") package var partnerRegistraties: String?
    @OptionalField(key: "intentieverklaring_op") package var intentieverklaringOp: String?
    @Timestamp(key: "aangemaakt_op", on: .create) package var aangemaaktOp: Date?

    package init() {}

    package init(id: UUID? = nil, naam: String, oin: String? = nil, gemeentecode: String? = nil, rniDeelnemerCode: String? = nil, rollen: Set<Organisatierol>) {
        self.id = id
        self.naam = naam
        self.oin = oin
        self.gemeentecode = gemeentecode
        self.rniDeelnemerCode = rniDeelnemerCode
        self.rollen = rollen
        self.meldingBezorging = .direct
    }

    package var rollen: Set<Organisatierol> {
        get { Set(rollenTekst.split(separator: ",").compactMap { Organisatierol(rawValue: String($0)) }) }
        set { rollenTekst = "," + newValue.map(\.rawValue).sorted().joined(separator: ",") + "," }
    }
}

/// An API key; only its SHA-256 is stored.
package final class ApiSleutel: Model, @unchecked Sendable {
    package static let schema = "api_sleutels"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "organisatie_id") package var organisatie: Organisatie
    @Field(key: "sleutel_hash") package var sleutelHash: String
    @Field(key: "omschrijving") package var omschrijving: String
    @Timestamp(key: "aangemaakt_op", on: .create) package var aangemaaktOp: Date?
    @OptionalField(key: "ingetrokken_op") package var ingetrokkenOp: Date?

    package init() {}

    package init(id: UUID? = nil, organisatieID: UUID, sleutelHash: String, omschrijving: String) {
        self.id = id
        self.$organisatie.id = organisatieID
        self.sleutelHash = sleutelHash
        self.omschrijving = omschrijving
    }
}

/// The routing and list columns of a terugmelding. What the afnemer sent lives in
/// `TerugmeldingInhoud`, attachment bytes in `BijlageInhoud`: lists never load either.
package final class Terugmelding: Model, @unchecked Sendable {
    package static let schema = "terugmeldingen"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "afnemer_id") package var afnemer: Organisatie
    @Parent(key: "bijhouder_id") package var bijhouder: Organisatie
    @Field(key: "registratie") package var registratie: String
    @Field(key: "status") package var status: TerugmeldingStatus
    @OptionalField(key: "referentiekenmerk") package var referentiekenmerk: String?
    @Field(key: "ontvangen_op") package var ontvangenOp: Date
    /// Deadline to take it in behandeling, as YYYY-MM-DD (sorts and compares as text).
    @Field(key: "uiterlijk_in_behandeling_op") package var uiterlijkInBehandelingOp: Dag
    /// Day the current bijhouder first moved it out of Gemeld; nil while still Gemeld.
    @OptionalField(key: "opgepakt_op") package var opgepaktOp: Dag?
    @OptionalField(key: "bsn") package var bsn: String?
    @OptionalField(key: "anummer") package var anummer: String?
    @OptionalField(key: "adres") package var adres: String?
    /// Keyed hash of the data subject (BSN, else A-nummer), for the processing log and search.
    @OptionalField(key: "betrokkene_hash") package var betrokkeneHash: String?
    @Field(key: "toelichting_kort") package var toelichtingKort: String
    @Field(key: "laatste_volgnummer") package var laatsteVolgnummer: Int
    @Timestamp(key: "gewijzigd_op", on: .update) package var gewijzigdOp: Date?
    /// Picked up after the deadline day; nil until picked up. Fixed from then on, so stored for the overdue filter.
    @OptionalField(key: "termijn_te_laat") package var termijnTeLaat: Bool?

    package init() {}
}

/// The terugmelding as the afnemer sent it (JSON, attachment bytes removed).
package final class TerugmeldingInhoud: Model, @unchecked Sendable {
    package static let schema = "terugmelding_inhoud"

    @ID(custom: "terugmelding_id", generatedBy: .user) package var id: UUID?
    @Field(key: "inhoud") package var inhoud: String

    package init() {}
    package init(terugmeldingID: UUID, inhoud: String) {
        self.id = terugmeldingID
        self.inhoud = inhoud
    }
}

/// One step in the append-only status history. (terugmelding, volgnummer) is unique, which
/// also makes two simultaneous changes of one terugmelding fail cleanly instead of both landing.
package final class Statuswijziging: Model, @unchecked Sendable {
    package static let schema = "statuswijzigingen"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "terugmelding_id") package var terugmelding: Terugmelding
    @Field(key: "volgnummer") package var volgnummer: Int
    @Field(key: "status") package var status: TerugmeldingStatus
    @Field(key: "tijdstip") package var tijdstip: Date
    @OptionalParent(key: "organisatie_id") package var organisatie: Organisatie?
    @OptionalField(key: "toelichting") package var toelichting: String?
    @OptionalField(key: "verwachte_datum") package var verwachteDatum: Dag?
    @OptionalParent(key: "nieuwe_bijhouder_id") package var nieuweBijhouder: Organisatie?
    @OptionalField(key: "uitkomst") package var uitkomst: Afhandeluitkomst?

    package init() {}
}

/// Attachment metadata; the bytes are in `BijlageInhoud`, stored once per SHA-256.
package final class Bijlage: Model, @unchecked Sendable {
    package static let schema = "bijlagen"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "terugmelding_id") package var terugmelding: Terugmelding
    @Field(key: "bestandsnaam") package var bestandsnaam: String
    @Field(key: "mime_type") package var mimeType: String
    @OptionalField(key: "beschrijving") package var beschrijving: String?
    @Field(key: "grootte") package var grootte: Int
    @Field(key: "sha256") package var sha256: String
    @OptionalField(key: "gegeven_index") package var gegevenIndex: Int?
    @Timestamp(key: "toegevoegd_op", on: .create) package var toegevoegdOp: Date?

    package init() {}
}

package final class BijlageInhoud: Model, @unchecked Sendable {
    package static let schema = "bijlage_inhoud"

    @ID(custom: "sha256", generatedBy: .user) package var id: String?
    @Field(key: "data") package var data: Data
    /// Unreferenced bytes older than the grace period are removed by housekeeping.
    @OptionalField(key: "aangemaakt_op") package var aangemaaktOp: Date?

    package init() {}
    package init(sha256: String, data: Data, aangemaaktOp: Date = Date()) {
        self.id = sha256
        self.data = data
        self.aangemaaktOp = aangemaaktOp
    }
}

/// A key that may be used once: an API `Idempotency-Key` (per organisation) or a form's
/// single-use token. `resultaat` names what the first request created.
package final class EenmaligeSleutel: Model, @unchecked Sendable {
    package static let schema = "eenmalige_sleutels"

    @ID(custom: "sleutel", generatedBy: .user) package var id: String?
    @Field(key: "resultaat") package var resultaat: String
    @Field(key: "aangemaakt_op") package var aangemaaktOp: Date
    /// SHA-256 of the first request's body: the same key with another body is a client error.
    @OptionalField(key: "vingerafdruk") package var vingerafdruk: String?

    package init() {}
    package init(sleutel: String, resultaat: String, aangemaaktOp: Date, vingerafdruk: String? = nil) {
        id = sleutel
        self.resultaat = resultaat
        self.aangemaaktOp = aangemaaktOp
        self.vingerafdruk = vingerafdruk
    }

    /// The earlier use of this key, if any; 409 when it came with another request body
    /// (a conflict with the first request; the ADR keeps 422 out of the API).
    package static func eerder(_ sleutel: String, vingerafdruk: String?, on db: any Database) async throws -> EenmaligeSleutel? {
        guard let rij = try await find(sleutel, on: db) else { return nil }
        if let vingerafdruk, let eerste = rij.vingerafdruk, eerste != vingerafdruk {
            throw Weigering.conflict(.sleutelHergebruikt)
        }
        return rij
    }
}

/// Append-only audit trail of administrative actions: organisations, roles, users, keys,
/// logins of the system role. Nothing updates or deletes a row.
package final class AuditRegel: Model, @unchecked Sendable {
    package static let schema = "audit"

    @ID(key: .id) package var id: UUID?
    @Field(key: "tijdstip") package var tijdstip: Date
    @Field(key: "actie") package var actie: String
    @OptionalField(key: "door_gebruiker_id") package var doorGebruikerID: UUID?
    @Field(key: "door") package var door: String
    @OptionalField(key: "organisatie_id") package var organisatieID: UUID?
    @OptionalField(key: "onderwerp") package var onderwerp: String?
    @OptionalField(key: "details") package var details: String?

    package init() {}
}

/// Append-only processing log (AVG art. 30): who touched which terugmelding, when, why.
package final class Verwerkingslogregel: Model, @unchecked Sendable {
    package static let schema = "verwerkingslog"

    @ID(key: .id) package var id: UUID?
    @Field(key: "tijdstip") package var tijdstip: Date
    @OptionalField(key: "organisatie_id") package var organisatieID: UUID?
    @Field(key: "actie") package var actie: String
    @OptionalField(key: "terugmelding_id") package var terugmeldingID: UUID?
    @OptionalField(key: "melding_id") package var meldingID: UUID?
    @Field(key: "trace_id") package var traceID: String
    @OptionalField(key: "betrokkene_hash") package var betrokkeneHash: String?
    /// The portal user, when a person (not a system) did it.
    @OptionalField(key: "gebruiker_id") package var gebruikerID: UUID?
    /// What a correction replaced (JSON), kept here only; erased with the melding's personal data.
    @OptionalField(key: "gegevens") package var gegevens: String?
    /// Logboek Dataverwerkingen: this record's span (16 hex digits; older rows have none and
    /// take one from their id), the caller's span when it sent a traceparent, and the status.
    @OptionalField(key: "span_id") package var spanID: String?
    @OptionalField(key: "ouder_span_id") package var ouderSpanID: String?
    @OptionalField(key: "status") package var status: Int?
    /// When a collector acknowledged the record; nil while it waits (or no collector is set).
    @OptionalField(key: "geexporteerd_op") package var geexporteerdOp: Date?

    package init() {}
}

/// Small key/value settings the server keeps for itself (e.g. a generated pseudonym key).
package final class Instelling: Model, @unchecked Sendable {
    package static let schema = "instellingen"

    @ID(custom: "sleutel", generatedBy: .user) package var id: String?
    @Field(key: "waarde") package var waarde: String

    package init() {}
    package init(sleutel: String, waarde: String) {
        self.id = sleutel
        self.waarde = waarde
    }
}

/// The `Idempotency-Key` of a create, scoped to the calling organisation and hashed, with a
/// fingerprint of the body so a reused key with another body is refused.
package struct Idempotentie: Sendable {
    package let sleutel: String
    package let vingerafdruk: String?
    package init(sleutel: String, vingerafdruk: String?) {
        self.sleutel = sleutel
        self.vingerafdruk = vingerafdruk
    }
}

/// One Digimelding annotation as received (DMKS 1.3): its UUID, the terugmelding (the tree's
/// root) it hangs on, its kind, and the annotation itself as JSON (attachment bytes left out).
package final class Annotatierij: Model, @unchecked Sendable {
    package static let schema = "dmks_annotaties"

    @ID(custom: "uuid", generatedBy: .user) package var id: UUID?
    @Parent(key: "terugmelding_id") package var terugmelding: Terugmelding
    @Field(key: "soort") package var soort: String
    @Field(key: "ontvangen_op") package var ontvangenOp: Date
    /// The status step it arrived with (1 for the filing): the tree's order, whatever clocks say.
    @Field(key: "volgnummer") package var volgnummer: Int
    @Field(key: "inhoud") package var inhoud: String

    package init() {}

    package init(id: UUID, terugmelding: UUID, soort: String, ontvangenOp: Date, volgnummer: Int, inhoud: String) {
        self.id = id
        self.$terugmelding.id = terugmelding
        self.soort = soort
        self.ontvangenOp = ontvangenOp
        self.volgnummer = volgnummer
        self.inhoud = inhoud
    }
}
