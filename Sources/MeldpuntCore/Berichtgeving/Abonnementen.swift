import Crypto
import FluentKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain

/// A subscription as its organisation asks for it (the ZGW Notificaties `abonnement`), plus the
/// event shape. Optional in Swift so every wrong field is reported at once.
package struct AbonnementInvoer: Codable, Sendable {
    package var callbackUrl: String?
    /// The Authorization value Meldpunt sends with each event (e.g. `Bearer …`).
    package var auth: String?
    package var kanalen: [AbonnementKanaal]?
    /// `zgw` (default) or `cloudevents`.
    package var vorm: String?

    package init(callbackUrl: String? = nil, auth: String? = nil, kanalen: [AbonnementKanaal]? = nil, vorm: String? = nil) {
        self.callbackUrl = callbackUrl
        self.auth = auth
        self.kanalen = kanalen
        self.vorm = vorm
    }
}

package struct AbonnementDTO: Codable, Sendable, Equatable {
    package let id: String
    package let url: String
    package let callbackUrl: String
    package let kanalen: [AbonnementKanaal]
    package let vorm: Gebeurtenisvorm
    package let aangemaaktOp: Date
    /// The secret each event's `webhook-signature` is made with: given once, at creation.
    package let geheim: String?
}

/// Subscriptions of the caller's organisation: create (with a test delivery), list, read, end.
package struct Abonnementen: Sendable {
    package let db: any Database
    package let sleutel: SymmetricKey
    package let bezorgers: any Bezorgers
    package let berichten: Berichtgeving
    package let alleenPubliek: Bool
    package let nu: Date

    package init(db: any Database, sleutel: SymmetricKey, bezorgers: any Bezorgers, berichten: Berichtgeving, alleenPubliek: Bool, nu: Date) {
        self.db = db
        self.sleutel = sleutel
        self.bezorgers = bezorgers
        self.berichten = berichten
        self.alleenPubliek = alleenPubliek
        self.nu = nu
    }

    package static let maxAbonnementen = 20

    package func maak(_ invoer: AbonnementInvoer, door org: OrganisatieDTO) async throws -> AbonnementDTO {
        var fouten: [OngeldigeParameter] = []
        func fout(_ v: Veld, _ c: String, _ r: Tekst) { fouten.append(.init(v, code: c, uitleg: r)) }
        func fout(_ n: Veldnaam, _ c: String, _ r: Tekst) { fout(Veld(n), c, r) }
        let url = invoer.callbackUrl?.trimmingCharacters(in: .whitespaces) ?? ""
        if url.isEmpty {
            fout(.callbackUrl, "required", Tekst("Geef het adres waar de notificaties heen gaan.", "Give the address the notifications go to."))
        } else if url.isLanger(dan: 200) {
            fout(.callbackUrl, "maxLength", Tekst("Het adres is hoogstens 200 tekens.", "The address is at most 200 characters."))
        } else if let f = Callbackadres.fout(url, alleenPubliek: alleenPubliek) {
            fout(.callbackUrl, "url", f)
        }
        let auth = invoer.auth ?? ""
        if invoer.auth == nil {
            fout(.auth, "required", Tekst("Geef de Authorization-waarde die wij meesturen (mag leeg zijn).", "Give the Authorization value we send along (may be empty)."))
        } else if auth.count > 1000 || !auth.unicodeScalars.allSatisfy({ $0.value >= 32 && $0.value < 127 }) {
            fout(.auth, "header", Tekst("De Authorization-waarde is hoogstens 1000 gewone tekens, zonder regeleinden.", "The Authorization value is at most 1000 plain characters, without line breaks."))
        }
        let vorm: Gebeurtenisvorm?
        if let v = invoer.vorm {
            vorm = Gebeurtenisvorm(rawValue: v)
            if vorm == nil { fout(.vorm, "enum", Tekst("Kies zgw of cloudevents.", "Choose zgw or cloudevents.")) }
        } else {
            vorm = .zgw
        }
        let kanalen = invoer.kanalen ?? []
        if kanalen.isEmpty {
            fout(.kanalen, "required", Tekst("Kies ten minste één kanaal.", "Choose at least one channel."))
        } else if kanalen.count > Kanaal.allCases.count * 4 {
            fout(.kanalen, "maxItems", Tekst("Te veel kanalen.", "Too many channels."))
        }
        for (i, k) in kanalen.enumerated() {
            guard let naam = k.naam, let kanaal = Kanaal(rawValue: naam) else {
                fout(Veld(.kanalen)[i] / .naam, "enum", Tekst("Kies een kanaal: terugmeldingen, meldingen, verzoeken of opschortingen.",
                                                         "Choose a channel: terugmeldingen, meldingen, verzoeken or opschortingen."))
                continue
            }
            for (sleutel, waarde) in k.filters ?? [:] {
                if !kanaal.kenmerken.contains(sleutel) {
                    fout(Veld(.kanalen)[i] / .filters, "onbekend", Tekst("Op dit kanaal kunt u filteren op: \(kanaal.kenmerken.joined(separator: ", ")).",
                                                                    "On this channel you can filter on: \(kanaal.kenmerken.joined(separator: ", "))."))
                } else if waarde.isEmpty || waarde.isLanger(dan: 1000) {
                    fout(Veld(.kanalen)[i] / .filters, "length", Tekst("Een filterwaarde is 1 tot 1000 tekens.", "A filter value is 1 to 1000 characters."))
                }
            }
        }
        guard fouten.isEmpty, let vorm else { throw Weigering.ongeldig(fouten) }
        guard try await Abonnement.query(on: db).filter(\.$organisatie.$id == org.id).count() < Self.maxAbonnementen else {
            throw Weigering.ongeldig(.kanalen, "maxItems", Tekst("Uw organisatie heeft al \(Self.maxAbonnementen) abonnementen; beëindig er eerst een.",
                                                            "Your organisation already has \(Self.maxAbonnementen) subscriptions; end one first."))
        }

        let geheim = Sleutels.willekeurig(32)
        let a = Abonnement()
        a.id = UUID()
        a.$organisatie.id = org.id
        a.callbackUrl = url
        a.authVerzegeld = try Verzegeld.sluit(auth, sleutel)
        a.geheimVerzegeld = try Verzegeld.sluit(geheim, sleutel)
        a.kanalen = String(decoding: try JSONEncoder.compact.encode(kanalen), as: UTF8.self)
        a.vorm = vorm
        a.aangemaaktOp = nu

        // As the ZGW Notificaties API does: the receiver must take a test event before it is stored.
        let test = UitgaandBericht()
        test.id = UUID()
        test.inhoud = try Self.testBody(vorm, id: try test.requireID(), bron: berichten.bron, publiekeUrl: berichten.publiekeUrl, nu: nu)
        do {
            // The caller waits for this one: a receiver that is slow to answer fails it.
            var webhook = try Bezorging(db: db, bezorgers: bezorgers, sleutel: sleutel).webhook(test, a, nu: nu)
            webhook.tijdslimiet = 5
            try await bezorgers.verstuur(webhook)
        } catch {
            throw Weigering.ongeldig(.callbackUrl, "testMislukt", Tekst("De testnotificatie kwam niet aan op dit adres (\(error)). Controleer het adres en de Authorization-waarde.",
                                                                      "The test notification did not arrive at this address (\(error)). Check the address and the Authorization value."))
        }
        try await a.create(on: db)
        return try dto(a, geheim: geheim)
    }

    static func testBody(_ vorm: Gebeurtenisvorm, id: UUID, bron: String, publiekeUrl: String, nu: Date) throws -> String {
        let adres = publiekeUrl + APIAdres.abonnementen.pad
        return try Berichtgeving.gebeurtenisBody(kanaal: "test", resource: "test", actie: "test", type: "nl.overheid.meldpunt.test", id: id, vorm: vorm,
                                                 bron: bron, object: "test", resourceUrl: adres, hoofdObject: adres, kenmerken: [:], tijd: nu)
    }

    package func lijst(door org: OrganisatieDTO) async throws -> [AbonnementDTO] {
        try await Abonnement.query(on: db).filter(\.$organisatie.$id == org.id).sort(\.$aangemaaktOp).all().map { try dto($0, geheim: nil) }
    }

    package func detail(_ id: UUID, door org: OrganisatieDTO) async throws -> AbonnementDTO {
        try dto(try await eigen(id, org), geheim: nil)
    }

    package func verwijder(_ id: UUID, door org: OrganisatieDTO) async throws {
        let a = try await eigen(id, org)
        try await db.schrijf { tx in
            // What still waits for this subscription is not sent any more.
            try await UitgaandBericht.query(on: tx).filter(\.$abonnement.$id == id).filter(\.$status == .wachtend)
                .set(\.$status, to: .mislukt).set(\.$laatsteFout, to: "Het abonnement is beëindigd.").update()
            try await a.delete(on: tx)
        }
    }

    /// Another organisation's subscription is not found, so its existence is not revealed.
    private func eigen(_ id: UUID, _ org: OrganisatieDTO) async throws -> Abonnement {
        guard let a = try await Abonnement.query(on: db).filter(\.$id == id).filter(\.$organisatie.$id == org.id).first() else {
            throw Weigering.nietGevonden(.abonnement)
        }
        return a
    }

    private func dto(_ a: Abonnement, geheim: String?) throws -> AbonnementDTO {
        let id = try a.requireID().tekst
        return AbonnementDTO(id: id, url: berichten.publiekeUrl + APIAdres.abonnement(try a.requireID()).pad, callbackUrl: a.callbackUrl,
                             kanalen: try a.kanaalLijst(), vorm: a.vorm, aangemaaktOp: a.aangemaaktOp, geheim: geheim)
    }
}
