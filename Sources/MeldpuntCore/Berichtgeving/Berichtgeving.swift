import FluentKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain

/// Writes notifications and events into the outbox, inside the caller's transaction; the
/// delivery worker sends them afterwards. Nothing here talks to the network.
package struct Berichtgeving: Sendable {
    /// The public address every link is built from (`MELDPUNT_PUBLIC_URL`), never a request's Host.
    package let publiekeUrl: String
    /// The CloudEvents `source`: `urn:nld:oin:<OIN>:systeem:meldpunt`.
    package let bron: String
    /// How people reach the meldpunt: in every mail's footer and on every letter.
    package let contact: Meldpuntcontact

    package init(publiekeUrl: String, oin: String, contact: Meldpuntcontact = Meldpuntcontact()) {
        self.publiekeUrl = publiekeUrl
        self.bron = "urn:nld:oin:\(oin):systeem:meldpunt"
        self.contact = contact
    }

    /// The meldpunt's OIN when none is configured (the demo meldpunt's).
    package static let standaardOIN = "00000099000000000000"

    // MARK: Mail

    /// One mail to one person, or an entry in their morning summary.
    /// `instellingen`: the page where the recipient chooses how they get mail (named in summaries).
    /// `voorMelder`: the footer says how to reach the meldpunt (phone, post).
    package func mail(aan: String, taal: Taal, _ tekst: Mailtekst, bezorging: Bezorgwijze = .direct, instellingen: String = Webadres.account.pad,
                      melding: UUID? = nil, organisatie: UUID?, voorMelder: Bool = false, nu: Date, on db: any Database) async throws {
        try await mailBericht(aan: aan, taal: taal, tekst, bezorging: bezorging, instellingen: instellingen, melding: melding, organisatie: organisatie,
                              voorMelder: voorMelder, nu: nu)?.create(on: db)
    }

    /// The outbox row of that mail, for a caller that inserts it itself; nil for an unusable address.
    package func mailBericht(aan: String, taal: Taal, _ tekst: Mailtekst, bezorging: Bezorgwijze = .direct, instellingen: String = Webadres.account.pad,
                             melding: UUID? = nil, organisatie: UUID?, voorMelder: Bool = false, nu: Date) throws -> UitgaandBericht? {
        let adres = aan.trimmingCharacters(in: .whitespacesAndNewlines)
        guard Self.isAdres(adres) else { return nil }
        let inhoud = Mailinhoud(taal: taal, onderwerp: tekst.onderwerp, alineas: tekst.alineas,
                                link: tekst.link.map { publiekeUrl + $0 }, linkTekst: tekst.linkTekst,
                                afmelden: bezorging == .dagelijks ? publiekeUrl + instellingen : nil,
                                contact: voorMelder ? contact.regel(taal) : nil, privacy: publiekeUrl + "/privacy")
        let b = UitgaandBericht()
        b.id = UUID.v7(nu)
        b.soort = .mail
        b.aan = adres
        b.onderwerp = tekst.onderwerp
        b.inhoud = String(decoding: try JSONEncoder.compact.encode(inhoud), as: UTF8.self)
        b.pogingen = 0
        b.volgendePogingOp = nu
        b.aangemaaktOp = nu
        b.melding = melding
        b.organisatie = organisatie
        b.traceparent = Spoor.huidig?.traceparent
        switch bezorging {
        case .direct:
            b.status = .wachtend
        case .dagelijks:
            b.status = .gebundeld
            b.bundel = Self.bundel(adres, taal)
        }
        return b
    }

    /// A summary collects per address and language.
    static func bundel(_ adres: String, _ taal: Taal) -> String { taal.rawValue + ":" + adres.lowercased() }

    /// A plain check that keeps header-breaking or empty values out of the outbox; the forms
    /// that collect addresses validate them properly.
    package static func isAdres(_ adres: String) -> Bool {
        guard adres.count <= 254, adres.unicodeScalars.allSatisfy({ $0.value > 32 && $0.value < 127 && $0 != "<" && $0 != ">" && $0 != "," }) else { return false }
        let delen = adres.split(separator: "@", omittingEmptySubsequences: false)
        return delen.count == 2 && !delen[0].isEmpty && delen[1].contains(".")
    }

    // MARK: Events

    /// Who may read the object through the API, and the addresses it has for them.
    package struct Lezer: Sendable {
        package let organisatie: UUID
        package let resourceUrl: String
        package let hoofdObject: String

        package init(organisatie: UUID, resource: APIAdres, hoofdObject: APIAdres? = nil) {
            self.organisatie = organisatie
            self.resourceUrl = resource.pad
            self.hoofdObject = (hoofdObject ?? resource).pad
        }
    }

    /// One event, fanned out to every subscription of an organisation that may read the object
    /// and whose channel filters match. No personal data: the kenmerken are codes and states,
    /// looked up only when a reader has a subscription at all (most steps have none to tell).
    package func gebeurtenis(_ voorval: Voorval, object: String, kenmerken maakKenmerken: () async throws -> [String: String],
                             lezers: [Lezer], nu: Date, on db: any Database) async throws {
        for b in try await gebeurtenisBerichten(voorval, object: object, kenmerken: maakKenmerken, lezers: lezers, nu: nu, on: db) {
            try await b.create(on: db)
        }
    }

    /// The outbox rows of that event, for a caller that inserts them itself (`db` is only read).
    package func gebeurtenisBerichten(_ voorval: Voorval, object: String, kenmerken maakKenmerken: () async throws -> [String: String],
                                      lezers: [Lezer], nu: Date, on db: any Database) async throws -> [UitgaandBericht] {
        let perOrganisatie = Dictionary(lezers.map { ($0.organisatie, $0) }, uniquingKeysWith: { a, _ in a })
        guard !perOrganisatie.isEmpty else { return [] }
        let abonnementen = try await Abonnement.query(on: db).filter(\.$organisatie.$id ~~ Array(perOrganisatie.keys)).all()
        guard !abonnementen.isEmpty else { return [] }
        let kenmerken = try await maakKenmerken()
        var berichten: [UitgaandBericht] = []
        for a in abonnementen {
            guard let lezer = perOrganisatie[a.$organisatie.id], try a.luistertNaar(voorval.kanaal, kenmerken) else { continue }
            let id = UUID.v7(nu)
            let body = try Self.gebeurtenisBody(voorval, id: id, vorm: a.vorm, bron: bron, object: object,
                                                resourceUrl: publiekeUrl + lezer.resourceUrl, hoofdObject: publiekeUrl + lezer.hoofdObject,
                                                kenmerken: kenmerken, tijd: nu)
            let b = UitgaandBericht()
            b.id = id
            b.soort = .webhook
            b.status = .wachtend
            b.aan = ""
            b.$abonnement.id = try a.requireID()
            b.onderwerp = voorval.rawValue
            b.inhoud = body
            b.pogingen = 0
            b.volgendePogingOp = nu
            b.aangemaaktOp = nu
            b.organisatie = a.$organisatie.id
            b.traceparent = Spoor.huidig?.traceparent
            berichten.append(b)
        }
        return berichten
    }

    /// The event as the subscription's shape has it.
    package static func gebeurtenisBody(_ voorval: Voorval, id: UUID, vorm: Gebeurtenisvorm, bron: String, object: String,
                                        resourceUrl: String, hoofdObject: String, kenmerken: [String: String], tijd: Date) throws -> String {
        try gebeurtenisBody(kanaal: voorval.kanaal.rawValue, resource: voorval.resource, actie: voorval.actie, type: voorval.cloudEventType,
                            id: id, vorm: vorm, bron: bron, object: object, resourceUrl: resourceUrl, hoofdObject: hoofdObject,
                            kenmerken: kenmerken, tijd: tijd)
    }

    /// The same for any channel, also the `test` one a new subscription gets first.
    static func gebeurtenisBody(kanaal: String, resource: String, actie: String, type: String, id: UUID, vorm: Gebeurtenisvorm, bron: String,
                                object: String, resourceUrl: String, hoofdObject: String, kenmerken: [String: String], tijd: Date) throws -> String {
        let data: Data
        switch vorm {
        case .zgw:
            data = try JSONEncoder.utc.encode(ZGWNotificatie(
                kanaal: kanaal, hoofdObject: hoofdObject, resource: resource, resourceUrl: resourceUrl,
                actie: actie, aanmaakdatum: tijd, kenmerken: kenmerken))
        case .cloudevents:
            data = try JSONEncoder.utc.encode(CloudEvent(
                id: id.uuidString.lowercased(), source: bron, type: type, subject: object, time: tijd,
                dataref: resourceUrl, nlmeldpuntkanaal: kanaal))
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// What a mail says, before it is addressed: the subject, plain paragraphs and one link (a path
/// on the public address). Never a BSN or other identifying data; the page has the details.
package struct Mailtekst: Sendable, Equatable {
    package let onderwerp: String
    package let alineas: [String]
    package let link: String?
    package let linkTekst: String?

    package init(onderwerp: String, alineas: [String], link: String? = nil, linkTekst: String? = nil) {
        self.onderwerp = onderwerp
        self.alineas = alineas
        self.link = link
        self.linkTekst = linkTekst
    }
}

/// A mail as it waits in the outbox; plain text and HTML are made from it when it is sent.
package struct Mailinhoud: Codable, Sendable, Equatable {
    package var taal: Taal
    package var onderwerp: String
    package var alineas: [String]
    package var link: String?
    package var linkTekst: String?
    /// Where a summary's reader changes how they get mail (`List-Unsubscribe`).
    package var afmelden: String?
    /// How a melder reaches the meldpunt (phone, post), under the automatic-mail notice.
    package var contact: String?
    /// The privacy statement (how we handle the reader's data), under every mail.
    package var privacy: String?

    package init(taal: Taal, onderwerp: String, alineas: [String], link: String?, linkTekst: String?, afmelden: String?, contact: String? = nil,
                 privacy: String? = nil) {
        self.privacy = privacy
        self.taal = taal
        self.onderwerp = onderwerp
        self.alineas = alineas
        self.link = link
        self.linkTekst = linkTekst
        self.afmelden = afmelden
        self.contact = contact
    }

    package var tekst: String {
        var delen = alineas
        if let link { delen.append((linkTekst.map { $0 + ":\n" } ?? "") + link) }
        delen.append(Self.voet.tekst(taal))
        if let contact { delen.append(contact) }
        if let privacy { delen.append(Self.privacyTekst.tekst(taal) + ":\n" + privacy) }
        if let afmelden { delen.append(Self.afmeldTekst.tekst(taal) + "\n" + afmelden) }
        return delen.joined(separator: "\n\n") + "\n"
    }

    package var html: String {
        func e(_ s: String, regels: Bool = false) -> String { Opmaak.html(s, regels: regels) }
        var h = "<!DOCTYPE html>\n<html lang=\"\(taal.rawValue)\"><head><meta charset=\"utf-8\"><title>\(e(onderwerp))</title></head>"
        h += "<body style=\"font-family: sans-serif; line-height: 1.5; max-width: 40em\">"
        for a in alineas { h += "<p>" + e(a, regels: true) + "</p>" }
        if let link { h += "<p><a href=\"\(e(link))\">\(e(linkTekst ?? link))</a></p>" }
        h += "<p style=\"color: #555\">\(e(Self.voet.tekst(taal)))</p>"
        if let contact { h += "<p style=\"color: #555\">\(e(contact))</p>" }
        if let privacy { h += "<p style=\"color: #555\"><a href=\"\(e(privacy))\">\(e(Self.privacyTekst.tekst(taal)))</a></p>" }
        if let afmelden { h += "<p style=\"color: #555\"><a href=\"\(e(afmelden))\">\(e(Self.afmeldTekst.tekst(taal)))</a></p>" }
        return h + "</body></html>\n"
    }

    static let voet = Tekst("Dit bericht is automatisch verstuurd door het Meldpunt Fouten in Overheidsregistraties. U kunt er niet op antwoorden.",
                            "This message was sent automatically by the Meldpunt Fouten in Overheidsregistraties. You cannot reply to it.")
    static let privacyTekst = Tekst("Zo gaan wij om met uw gegevens", "How we handle your data")
    static let afmeldTekst = Tekst("Wilt u deze berichten anders of niet meer ontvangen? Kies dat in uw instellingen:",
                                   "Want these messages differently or not at all? Choose so in your settings:")
}

/// ZGW Notificaties API 1.0, `Notificatie`.
struct ZGWNotificatie: Codable {
    let kanaal: String
    let hoofdObject: String
    let resource: String
    let resourceUrl: String
    let actie: String
    let aanmaakdatum: Date
    let kenmerken: [String: String]
}

/// NL GOV profile for CloudEvents 1.0, data-poor: the receiver fetches `dataref` with its own key.
struct CloudEvent: Codable {
    var specversion = "1.0"
    let id: String
    let source: String
    let type: String
    let subject: String
    let time: Date
    let dataref: String
    let nlmeldpuntkanaal: String
}

/// A channel with its filters, as a subscription holds it (ZGW `FilterGroup`).
package struct AbonnementKanaal: Codable, Sendable, Equatable {
    package var naam: String?
    package var filters: [String: String]?

    package init(naam: String?, filters: [String: String]? = nil) {
        self.naam = naam
        self.filters = filters
    }
}

extension Abonnement {
    package func kanaalLijst() throws -> [AbonnementKanaal] {
        try JSONDecoder().decode([AbonnementKanaal].self, from: Data(kanalen.utf8))
    }

    /// A channel of this subscription with every filter matching the event's kenmerken.
    func luistertNaar(_ kanaal: Kanaal, _ kenmerken: [String: String]) throws -> Bool {
        try kanaalLijst().contains { k in
            k.naam == kanaal.rawValue && (k.filters ?? [:]).allSatisfy { sleutel, waarde in waarde == "*" || kenmerken[sleutel] == waarde }
        }
    }
}

extension JSONEncoder {
    /// UTC timestamps in ISO 8601 and a stable key order: the API's bodies and the events.
    package static let utc: JSONEncoder = {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .iso8601
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()
}
