import FluentKit
import Foundation
import MeldpuntDomain
import Synchronization

/// The meldpunt's contact details as beheer set them (issue 30); without a row, the operator's
/// `MELDPUNT_CONTACT_*` settings hold.
package final class MeldpuntcontactRij: Model, @unchecked Sendable {
    package static let schema = "meldpuntcontact"

    @ID(key: .id) package var id: UUID?
    @OptionalField(key: "telefoon") package var telefoon: String?
    @OptionalField(key: "bereikbaar_nl") package var bereikbaarNl: String?
    @OptionalField(key: "bereikbaar_en") package var bereikbaarEn: String?
    /// One line each, separated by a line break.
    @OptionalField(key: "postadres") package var postadres: String?
    @OptionalField(key: "email") package var email: String?
    @Field(key: "gewijzigd_op") package var gewijzigdOp: Date
    @Field(key: "gewijzigd_door") package var gewijzigdDoor: String

    package init() {}

    var contact: Meldpuntcontact {
        Meldpuntcontact(telefoon: telefoon, bereikbaar: bereikbaarNl.map { Tekst($0, bereikbaarEn ?? $0) },
                        postadres: (postadres ?? "").split(separator: "\n").map(String.init), email: email)
    }
}

package struct MeldpuntcontactInvoer: Codable, Sendable {
    package var telefoon, bereikbaarNl, bereikbaarEn, postadres, email: String?
    package init(telefoon: String? = nil, bereikbaarNl: String? = nil, bereikbaarEn: String? = nil, postadres: String? = nil, email: String? = nil) {
        self.telefoon = telefoon
        self.bereikbaarNl = bereikbaarNl
        self.bereikbaarEn = bereikbaarEn
        self.postadres = postadres
        self.email = email
    }
}

/// The details every citizen page, letter and mail shows, read from the database at most every
/// `geldigheid` per instance (a change by beheer on another instance shows within that time; on
/// this one at once). Refreshed on a request or a background round, never on its own: an idle
/// server reads nothing.
package final class Contactbron: Sendable {
    private let stand: Mutex<(contact: Meldpuntcontact, gelezen: ContinuousClock.Instant?)>
    private let standaard: Meldpuntcontact
    package static let geldigheid: Duration = .seconds(30)

    package init(standaard: Meldpuntcontact) {
        self.standaard = standaard
        stand = Mutex((standaard, nil))
    }

    /// The details as last read.
    package var huidig: Meldpuntcontact { stand.withLock { $0.contact } }

    /// Reads them again when the last read is older than `geldigheid`.
    /// One request reads; the others meanwhile use the details as they were (no rush of reads
    /// when many requests arrive at once).
    package func vernieuw(_ db: any Database) async throws {
        let nu = ContinuousClock.now
        let aanDeBeurt = stand.withLock { s -> Bool in
            guard s.gelezen.map({ nu - $0 >= Self.geldigheid }) ?? true else { return false }
            s.gelezen = nu
            return true
        }
        guard aanDeBeurt else { return }
        let rij = try await MeldpuntcontactRij.query(on: db).sort(\.$gewijzigdOp, .descending).first()
        zet(rij?.contact ?? standaard, op: nu)
    }

    fileprivate func zet(_ c: Meldpuntcontact, op: ContinuousClock.Instant = .now) {
        stand.withLock { $0 = (c, op) }
    }

    /// Beheer changes them: kept, and in force here at once.
    package func wijzig(_ v: MeldpuntcontactInvoer, door g: GebruikerDTO, nu: Date, on db: any Database) async throws -> Meldpuntcontact {
        guard Standaardteksten.magBeheren(g) else { throw Weigering.geenToegang(.rolOntbreekt(.meldpunt)) }
        var f: [OngeldigeParameter] = []
        func regel(_ w: String?, _ veld: Veldnaam, max: Int) -> String? {
            let s = (w ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if s.schemaLengte > max || s.contains(where: \.isNewline) { f.append(OngeldigeParameter(veld, code: "maxLength", uitleg: Lengteregel.hoogstens(max))) }
            return s.isEmpty ? nil : s
        }
        let telefoon = regel(v.telefoon, .telefoon, max: 30)
        // ASCII digits, 3 (a short number) to 15 (the longest international number, E.164).
        if let t = telefoon, !t.allSatisfy({ ($0.isASCII && $0.isNumber) || " +-()".contains($0) }) || !(3...15).contains(t.filter(\.isNumber).count) {
            f.append(OngeldigeParameter(.telefoon, code: "pattern", uitleg: Tekst("Geef een telefoonnummer met cijfers, zoals 0800 123 45 67.", "Give a phone number in digits, such as 0800 123 45 67.")))
        }
        let nl = regel(v.bereikbaarNl, .bereikbaarNl, max: 120), en = regel(v.bereikbaarEn, .bereikbaarEn, max: 120)
        if en != nil && nl == nil {
            f.append(OngeldigeParameter(.bereikbaarNl, code: "required", uitleg: Tekst("Schrijf de tijden ook in het Nederlands.", "Write the hours in Dutch too.")))
        }
        let regels = (v.postadres ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if regels.count > 4 || regels.contains(where: { $0.schemaLengte > 60 }) {
            f.append(OngeldigeParameter(.postadres, code: "maxLength", uitleg: Tekst("Hoogstens 4 regels van elk 60 tekens.", "At most 4 lines of 60 characters each.")))
        }
        let email = regel(v.email, .email, max: 254)
        if let e = email, !Berichtgeving.isAdres(e) {
            f.append(OngeldigeParameter(.email, code: "format", uitleg: Tekst("Geef een e-mailadres zoals meldpunt@voorbeeld.nl.", "Give an email address such as meldpunt@example.nl.")))
        }
        guard f.isEmpty else { throw Weigering.ongeldig(f) }
        let rij = try await MeldpuntcontactRij.query(on: db).sort(\.$gewijzigdOp, .descending).first() ?? {
            let r = MeldpuntcontactRij()
            r.id = UUID.v7(nu)
            return r
        }()
        rij.telefoon = telefoon
        rij.bereikbaarNl = nl
        rij.bereikbaarEn = en
        rij.postadres = regels.isEmpty ? nil : regels.joined(separator: "\n")
        rij.email = email
        rij.gewijzigdOp = nu
        rij.gewijzigdDoor = "\(g.naam) (\(g.organisatie.naam))"
        try await rij.save(on: db)
        zet(rij.contact)
        return rij.contact
    }
}
