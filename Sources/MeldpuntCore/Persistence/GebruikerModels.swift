import FluentKit
import FluentSQL
import Foundation
import SQLKit
import MeldpuntDomain

/// A person who logs in to the portals, always on behalf of one organisation.
package final class Gebruiker: Model, @unchecked Sendable {
    package static let schema = "gebruikers"

    @ID(key: .id) package var id: UUID?
    @Field(key: "email") package var email: String
    @Field(key: "naam") package var naam: String
    @Parent(key: "organisatie_id") package var organisatie: Organisatie
    @Field(key: "rol") package var rol: GebruikersRol
    @Field(key: "wachtwoord_hash") package var wachtwoordHash: String
    @Field(key: "actief") package var actief: Bool
    @Timestamp(key: "aangemaakt_op", on: .create) package var aangemaaktOp: Date?
    /// A first password, or one set by beheer: to be replaced at the next login.
    @Field(key: "moet_wachtwoord_wijzigen") package var moetWachtwoordWijzigen: Bool
    @OptionalField(key: "wachtwoord_gewijzigd_op") package var wachtwoordGewijzigdOp: Date?
    /// The TOTP secret, sealed with a key from the environment (a database dump alone opens nothing).
    @OptionalField(key: "tweestaps_geheim") package var tweestapsGeheim: String?
    /// The last time step a code was accepted for: a code works once.
    @OptionalField(key: "tweestaps_laatste_stap") package var tweestapsLaatsteStap: Int64?
    /// The user's choice for notifications: at once, or one summary each working morning.
    @Field(key: "bezorging") package var bezorging: Bezorgwijze
    /// The language of the user's notifications: the one they last chose in the portal.
    @Field(key: "taal") package var taal: Taal
    /// The meldpunt team this person works in (their "my team" folder).
    @OptionalParent(key: "team_id") package var team: Team?

    package init() {}
}

/// A one-time recovery code for a lost second factor; only its SHA-256 is kept.
package final class Herstelcode: Model, @unchecked Sendable {
    package static let schema = "herstelcodes"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "gebruiker_id") package var gebruiker: Gebruiker
    @Field(key: "code_hash") package var codeHash: String
    @OptionalField(key: "gebruikt_op") package var gebruiktOp: Date?

    package init() {}
}

/// What a user may do in the portals.
package enum GebruikersRol: String, CaseIterable, Codable, Sendable {
    case afnemer, bijhouder, rni, meldpunt, partner, beheerder
    /// Files meldingen for clients, with their consent, and follows all of them (issue 30).
    case intermediair
    /// The meldpunt's privacy officer (or the FG's team): answers written requests for inzage
    /// (AVG art. 15) with everything held about a person; sees no case work otherwise.
    case privacy
    /// Manages every organisation; made only from the CLI (`meldpunt user add --rol systeembeheerder`).
    case systeembeheerder

    /// Roles that manage: they need a second factor.
    package var beheert: Bool { self == .beheerder || self == .systeembeheerder }
}

/// A login session. Only the SHA-256 of the cookie value is stored: a leaked table opens no session.
package final class Sessie: Model, @unchecked Sendable {
    package static let schema = "sessies"

    @ID(custom: "token_hash", generatedBy: .user) package var id: String?
    @Parent(key: "gebruiker_id") package var gebruiker: Gebruiker
    @Field(key: "aangemaakt_op") package var aangemaaktOp: Date
    @Field(key: "laatst_gezien_op") package var laatstGezienOp: Date

    package init() {}
}

/// Failed logins per (hashed) e-mail address, to slow down guessing.
package final class MisluktePoging: Model, @unchecked Sendable {
    package static let schema = "mislukte_inlogpogingen"

    @ID(key: .id) package var id: UUID?
    @Field(key: "sleutel") package var sleutel: String
    @Field(key: "tijdstip") package var tijdstip: Date

    package init() {}
}
