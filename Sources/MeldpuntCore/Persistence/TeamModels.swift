import FluentKit
import Foundation

/// A team of the meldpunt's staff (issue 30): new cases are routed to it by registration.
package final class Team: Model, @unchecked Sendable {
    package static let schema = "teams"

    @ID(key: .id) package var id: UUID?
    @Field(key: "naam") package var naam: String
    @Field(key: "aangemaakt_op") package var aangemaaktOp: Date

    package init() {}
}

/// A new case on this registration goes to this team; one team per registration.
package final class Teamroute: Model, @unchecked Sendable {
    package static let schema = "team_routes"

    @ID(key: .id) package var id: UUID?
    @Field(key: "registratie") package var registratie: String
    @Parent(key: "team_id") package var team: Team

    package init() {}
}

/// A werkvoorraad filter one person keeps under a name (issue 30).
package final class BewaardFilter: Model, @unchecked Sendable {
    package static let schema = "bewaarde_filters"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "gebruiker_id") package var gebruiker: Gebruiker
    @Field(key: "naam") package var naam: String
    /// The filter as its canonical query string (status=…&registratie=…): read again through the
    /// same parser as a link, so a value no longer known simply drops out.
    @Field(key: "zoekvraag") package var zoekvraag: String
    @Field(key: "aangemaakt_op") package var aangemaaktOp: Date

    package init() {}
}
