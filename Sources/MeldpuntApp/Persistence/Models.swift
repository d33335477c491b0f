import Fluent
import Foundation
import MeldpuntDomain

/// An organisation that sends or receives: afnemer, bronhouder (gemeente), RvIG, ABO, meldpunt, partner.
final class Organisatie: Model, @unchecked Sendable {
    static let schema = "organisaties"

    @ID(key: .id) var id: UUID?
    @Field(key: "naam") var naam: String
    @OptionalField(key: "oin") var oin: String?
    @OptionalField(key: "gemeentecode") var gemeentecode: String?
    @OptionalField(key: "rni_deelnemer_code") var rniDeelnemerCode: String?
    /// Roles as ",afnemer,bronhouder," so one LIKE finds a role on both databases.
    @Field(key: "rollen") var rollenTekst: String
    /// Where a bronhouder wants to hear of new terugmeldingen.
    @OptionalField(key: "melding_email") var meldingEmail: String?
    /// Partner register: the kind of partner, the registrations it holds or uses (comma-separated),
    /// and the day it signed the intentieverklaring (YYYY-MM-DD).
    @OptionalField(key: "partner_soort") var partnerSoort: String?
    @OptionalField(key: "partner_registraties") var partnerRegistraties: String?
    @OptionalField(key: "intentieverklaring_op") var intentieverklaringOp: String?
    @Timestamp(key: "aangemaakt_op", on: .create) var aangemaaktOp: Date?

    init() {}

    init(id: UUID? = nil, naam: String, oin: String? = nil, gemeentecode: String? = nil, rniDeelnemerCode: String? = nil, rollen: Set<Rol>) {
        self.id = id
        self.naam = naam
        self.oin = oin
        self.gemeentecode = gemeentecode
        self.rniDeelnemerCode = rniDeelnemerCode
        self.rollen = rollen
    }

    var rollen: Set<Rol> {
        get { Set(rollenTekst.split(separator: ",").compactMap { Rol(rawValue: String($0)) }) }
        set { rollenTekst = "," + newValue.map(\.rawValue).sorted().joined(separator: ",") + "," }
    }
}

/// What an organisation may do.
enum Rol: String, CaseIterable, Codable, Sendable {
    case afnemer, bronhouder, rni, meldpunt, partner
}

/// An API key; only its SHA-256 is stored.
final class ApiSleutel: Model, @unchecked Sendable {
    static let schema = "api_sleutels"

    @ID(key: .id) var id: UUID?
    @Parent(key: "organisatie_id") var organisatie: Organisatie
    @Field(key: "sleutel_hash") var sleutelHash: String
    @Field(key: "omschrijving") var omschrijving: String
    @Timestamp(key: "aangemaakt_op", on: .create) var aangemaaktOp: Date?
    @OptionalField(key: "ingetrokken_op") var ingetrokkenOp: Date?

    init() {}

    init(id: UUID? = nil, organisatieID: UUID, sleutelHash: String, omschrijving: String) {
        self.id = id
        self.$organisatie.id = organisatieID
        self.sleutelHash = sleutelHash
        self.omschrijving = omschrijving
    }
}

/// The routing and list columns of a terugmelding. What the afnemer sent lives in
/// `TerugmeldingInhoud`, attachment bytes in `BijlageInhoud`: lists never load either.
final class Terugmelding: Model, @unchecked Sendable {
    static let schema = "terugmeldingen"

    @ID(key: .id) var id: UUID?
    @Parent(key: "afnemer_id") var afnemer: Organisatie
    @Parent(key: "bijhouder_id") var bijhouder: Organisatie
    @Field(key: "registratie") var registratie: String
    @Field(key: "status") var status: String
    @OptionalField(key: "referentiekenmerk") var referentiekenmerk: String?
    @Field(key: "ontvangen_op") var ontvangenOp: Date
    /// Deadline to take it in behandeling, as YYYY-MM-DD (sorts and compares as text).
    @Field(key: "uiterlijk_in_behandeling_op") var uiterlijkInBehandelingOp: String
    /// Day the current bijhouder first moved it out of Gemeld; nil while still Gemeld.
    @OptionalField(key: "opgepakt_op") var opgepaktOp: String?
    @OptionalField(key: "bsn") var bsn: String?
    @OptionalField(key: "anummer") var anummer: String?
    @OptionalField(key: "adres") var adres: String?
    /// Keyed hash of the data subject (BSN, else A-nummer), for the processing log and search.
    @OptionalField(key: "betrokkene_hash") var betrokkeneHash: String?
    @Field(key: "toelichting_kort") var toelichtingKort: String
    @Field(key: "laatste_volgnummer") var laatsteVolgnummer: Int
    @Timestamp(key: "gewijzigd_op", on: .update) var gewijzigdOp: Date?

    init() {}
}

/// The terugmelding as the afnemer sent it (JSON, attachment bytes removed).
final class TerugmeldingInhoud: Model, @unchecked Sendable {
    static let schema = "terugmelding_inhoud"

    @ID(custom: "terugmelding_id", generatedBy: .user) var id: UUID?
    @Field(key: "inhoud") var inhoud: String

    init() {}
    init(terugmeldingID: UUID, inhoud: String) {
        self.id = terugmeldingID
        self.inhoud = inhoud
    }
}

/// One step in the append-only status history. (terugmelding, volgnummer) is unique, which
/// also makes two simultaneous changes of one terugmelding fail cleanly instead of both landing.
final class Statuswijziging: Model, @unchecked Sendable {
    static let schema = "statuswijzigingen"

    @ID(key: .id) var id: UUID?
    @Parent(key: "terugmelding_id") var terugmelding: Terugmelding
    @Field(key: "volgnummer") var volgnummer: Int
    @Field(key: "status") var status: String
    @Field(key: "tijdstip") var tijdstip: Date
    @OptionalParent(key: "organisatie_id") var organisatie: Organisatie?
    @OptionalField(key: "toelichting") var toelichting: String?
    @OptionalField(key: "verwachte_datum") var verwachteDatum: String?
    @OptionalParent(key: "nieuwe_bijhouder_id") var nieuweBijhouder: Organisatie?
    @OptionalField(key: "uitkomst") var uitkomst: String?

    init() {}
}

/// Attachment metadata; the bytes are in `BijlageInhoud`, stored once per SHA-256.
final class Bijlage: Model, @unchecked Sendable {
    static let schema = "bijlagen"

    @ID(key: .id) var id: UUID?
    @Parent(key: "terugmelding_id") var terugmelding: Terugmelding
    @Field(key: "bestandsnaam") var bestandsnaam: String
    @Field(key: "mime_type") var mimeType: String
    @OptionalField(key: "beschrijving") var beschrijving: String?
    @Field(key: "grootte") var grootte: Int
    @Field(key: "sha256") var sha256: String
    @OptionalField(key: "gegeven_index") var gegevenIndex: Int?
    @Timestamp(key: "toegevoegd_op", on: .create) var toegevoegdOp: Date?

    init() {}
}

final class BijlageInhoud: Model, @unchecked Sendable {
    static let schema = "bijlage_inhoud"

    @ID(custom: "sha256", generatedBy: .user) var id: String?
    @Field(key: "data") var data: Data
    /// Unreferenced bytes older than the grace period are removed by housekeeping.
    @OptionalField(key: "aangemaakt_op") var aangemaaktOp: Date?

    init() {}
    init(sha256: String, data: Data, aangemaaktOp: Date = Date()) {
        self.id = sha256
        self.data = data
        self.aangemaaktOp = aangemaaktOp
    }
}

/// A key that may be used once: an API `Idempotency-Key` (per organisation) or a form's
/// single-use token. `resultaat` names what the first request created.
final class EenmaligeSleutel: Model, @unchecked Sendable {
    static let schema = "eenmalige_sleutels"

    @ID(custom: "sleutel", generatedBy: .user) var id: String?
    @Field(key: "resultaat") var resultaat: String
    @Field(key: "aangemaakt_op") var aangemaaktOp: Date
    /// SHA-256 of the first request's body: the same key with another body is a client error.
    @OptionalField(key: "vingerafdruk") var vingerafdruk: String?

    init() {}
    init(sleutel: String, resultaat: String, aangemaaktOp: Date, vingerafdruk: String? = nil) {
        id = sleutel
        self.resultaat = resultaat
        self.aangemaaktOp = aangemaaktOp
        self.vingerafdruk = vingerafdruk
    }

    /// The earlier use of this key, if any; 409 when it came with another request body
    /// (a conflict with the first request; the ADR keeps 422 out of the API).
    static func eerder(_ sleutel: String, vingerafdruk: String?, on db: any Database) async throws -> EenmaligeSleutel? {
        guard let rij = try await find(sleutel, on: db) else { return nil }
        if let vingerafdruk, let eerste = rij.vingerafdruk, eerste != vingerafdruk {
            throw Weigering.conflict(.sleutelHergebruikt)
        }
        return rij
    }
}

struct AddEenmaligVingerafdruk: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EenmaligeSleutel.schema).field("vingerafdruk", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EenmaligeSleutel.schema).deleteField("vingerafdruk").update()
    }
}

/// Append-only audit trail of administrative actions: organisations, roles, users, keys,
/// logins of the system role. Nothing updates or deletes a row.
final class AuditRegel: Model, @unchecked Sendable {
    static let schema = "audit"

    @ID(key: .id) var id: UUID?
    @Field(key: "tijdstip") var tijdstip: Date
    @Field(key: "actie") var actie: String
    @OptionalField(key: "door_gebruiker_id") var doorGebruikerID: UUID?
    @Field(key: "door") var door: String
    @OptionalField(key: "organisatie_id") var organisatieID: UUID?
    @OptionalField(key: "onderwerp") var onderwerp: String?
    @OptionalField(key: "details") var details: String?

    init() {}
}

/// Append-only processing log (AVG art. 30): who touched which terugmelding, when, why.
final class Verwerkingslogregel: Model, @unchecked Sendable {
    static let schema = "verwerkingslog"

    @ID(key: .id) var id: UUID?
    @Field(key: "tijdstip") var tijdstip: Date
    @OptionalField(key: "organisatie_id") var organisatieID: UUID?
    @Field(key: "actie") var actie: String
    @OptionalField(key: "terugmelding_id") var terugmeldingID: UUID?
    @OptionalField(key: "melding_id") var meldingID: UUID?
    @Field(key: "trace_id") var traceID: String
    @OptionalField(key: "betrokkene_hash") var betrokkeneHash: String?
    /// The portal user, when a person (not a system) did it.
    @OptionalField(key: "gebruiker_id") var gebruikerID: UUID?

    init() {}
}

/// Small key/value settings the server keeps for itself (e.g. a generated pseudonym key).
final class Instelling: Model, @unchecked Sendable {
    static let schema = "instellingen"

    @ID(custom: "sleutel", generatedBy: .user) var id: String?
    @Field(key: "waarde") var waarde: String

    init() {}
    init(sleutel: String, waarde: String) {
        self.id = sleutel
        self.waarde = waarde
    }
}
