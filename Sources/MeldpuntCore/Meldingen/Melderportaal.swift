import Crypto
import FluentKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain

extension Melderportaal {
    /// A lost link: when case number and e-mail address belong together (and the case still has
    /// its melder's data), a new private link goes to that address and the old one stops working.
    /// The caller always gets the same answer, so nobody learns whether a case or address exists.
    /// At most three new links per case per day.
    package func nieuweLinkPerMail(zaaknummer: String?, email: String?) async throws {
        var fouten: [OngeldigeParameter] = []
        let nummer = (zaaknummer ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        let adres = (email ?? "").trimmingCharacters(in: .whitespaces)
        if nummer.isEmpty {
            fouten.append(.init(.zaaknummer, code: "required", uitleg: Tekst("Vul uw zaaknummer in.", "Enter your case number.")))
        } else if Zaaknummer(nummer) == nil {
            fouten.append(.init(.zaaknummer, code: "pattern", uitleg: Tekst("Een zaaknummer ziet eruit als MFO-2026-000123.", "A case number looks like MFO-2026-000123.")))
        }
        if adres.isEmpty {
            fouten.append(.init(.email, code: "required", uitleg: Tekst("Vul het e-mailadres in dat u bij uw melding gaf.", "Enter the email address you gave with your report.")))
        } else if !isEmailadres(adres) {
            fouten.append(.init(.email, code: "email", uitleg: Tekst("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.", "Enter a valid email address, such as name@example.com.")))
        }
        guard fouten.isEmpty else { throw Weigering.ongeldig(fouten) }
        guard let m = try await Melding.query(on: db).filter(\.$zaaknummer == nummer).first() else { return }
        let id = try m.requireID()
        // Erased personal data (consent withdrawn) leaves no address to match.
        let p = try await MeldingPersoonsgegevens.find(id, on: db)
        guard let melder = try Berichtgeving.melder(uit: p), melder.adres.lowercased() == adres.lowercased() else { return }
        let vandaag = Dag(nu).begin()
        let eerder = try await MeldingGebeurtenis.query(on: db).filter(\.$melding.$id == id).filter(\.$soort == .linkVernieuwd)
            .filter(\.$door == "melder").filter(\.$tijdstip >= vandaag).count()
        guard eerder < 3 else { return }
        let token = Sleutels.willekeurig(32)
        try await db.schrijf { tx in
            m.tokenHash = Sleutels.sha256Hex(Data(token.utf8))
            try await zaken.volgendeGebeurtenis(m, soort: .linkVernieuwd, door: "melder",
                                          tekst: "U vroeg een nieuwe link aan; die is naar uw e-mailadres gestuurd.", zichtbaar: true, on: tx)
            try await berichten.nieuweLink(m, melder: melder, statuslink: Webadres.status(token: token).pad, nu: nu, on: tx)
            try await Verwerkingslog.regel(.meldingRaadplegen, organisatie: nil, melding: id, betrokkene: p?.bsn.map { pseudoniemen.pseudoniem("bsn:" + $0) },
                                           traceID: traceID, tijdstip: nu).create(on: tx)
        }
    }

    /// A message from the melder to the meldpunt, on the case's timeline.
    package func berichtVanMelder(token: String, tekst: String) async throws {
        let m = try await zaken.metToken(token)
        let tekst = try Self.melderbericht(tekst)
        // After closing the melder can still answer: it shows as unread on the werkvoorraad, and staff can reply.
        // Not once consent is withdrawn: nothing personal is kept any more.
        guard try await MeldingPersoonsgegevens.find(m.id, on: db) != nil else { throw Weigering.conflict(.meldingAfgerond) }
        try await zaken.volgendeGebeurtenis(m, soort: .berichtVanMelder, door: "melder", tekst: tekst, zichtbaar: true)
    }

    /// A message from the organisation that filed the case (an intermediary for its client), on
    /// the timeline as from the melder's side, with who wrote it. Another organisation learns nothing (404).
    package func berichtVanIndiener(_ zaaknummer: Zaaknummer, _ org: OrganisatieDTO, gebruiker: GebruikerDTO, tekst: String?) async throws {
        guard let m = try? await zaken.zoek(zaaknummer), m.$ingediendDoor.id == org.id else { throw Weigering.nietGevonden(.melding) }
        let tekst = try Self.melderbericht(tekst)
        guard let p = try await MeldingPersoonsgegevens.find(m.id, on: db) else { throw Weigering.conflict(.meldingAfgerond) }
        let id = try m.requireID()
        try await db.schrijf { [zaken, nu, traceID] tx in
            guard let m = try await Melding.find(id, on: tx) else { throw Weigering.nietGevonden(.melding) }
            try await zaken.volgendeGebeurtenis(m, soort: .berichtVanMelder, door: "\(gebruiker.naam) (\(org.naam))", tekst: tekst, zichtbaar: true, on: tx)
            try await Verwerkingslog.regel(.meldingBehandelen, organisatie: org.id, melding: id, betrokkene: zaken.betrokkene(p),
                                           traceID: traceID, tijdstip: nu, gebruiker: gebruiker.id).create(on: tx)
        }
    }

    /// A message from the melder's side, trimmed: not empty, not longer than a message may be.
    static func melderbericht(_ tekst: String?) throws -> String {
        let tekst = (tekst ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !tekst.isEmpty, !tekst.isLanger(dan: MeldingService.maxBericht) else {
            throw Weigering.ongeldig(.bericht, tekst.isEmpty ? "required" : "maxLength",
                                   tekst.isEmpty ? Tekst("Schrijf eerst uw bericht.", "Write your message first.")
                                                 : Tekst("Een bericht is hoogstens \(MeldingService.maxBericht) tekens.", "A message is at most \(MeldingService.maxBericht) characters."))
        }
        return tekst
    }

    package func voorMelder(token: String) async throws -> MelderWeergave {
        let m = try await zaken.metToken(token)
        try await Verwerkingslog.regel(.meldingStatuspagina, organisatie: nil, melding: m.id, betrokkene: nil, traceID: traceID, tijdstip: nu).create(on: db)
        return try await zaken.weergave(m)
    }

    /// What the organisation that filed a melding sees of it: what the melder sees. Any other
    /// organisation without the meldpunt role gets 404, so it learns nothing.
    package func voorIndiener(_ zaaknummer: Zaaknummer, _ org: OrganisatieDTO, gebruiker: UUID? = nil) async throws -> MelderWeergave {
        guard let m = try? await zaken.zoek(zaaknummer), m.$ingediendDoor.id == org.id else {
            throw Weigering.nietGevonden(.melding)
        }
        let p = try await MeldingPersoonsgegevens.find(m.id, on: db)
        try await Verwerkingslog.regel(.meldingRaadplegen, organisatie: org.id, melding: m.id,
                                       betrokkene: zaken.betrokkene(p), traceID: traceID, tijdstip: nu, gebruiker: gebruiker).create(on: db)
        return try await zaken.weergave(m)
    }

    /// A file the melder adds from the status page: PDF, JPEG or PNG by its bytes, at most
    /// 20 MiB, and at most `maxBijlagenPerZaak` on one case.
    package func bijlageVanMelder(token: String, bestandsnaam: String, data: Data) async throws {
        let m = try await zaken.metToken(token)
        let id = try m.requireID()
        guard !data.isEmpty else { throw Weigering.ongeldig(.bijlage, "required", Tekst("Kies eerst een bestand.", "Choose a file first.")) }
        guard let soort = BijlageRegels.herken(data) else {
            throw Weigering.ongeldig(.bijlage, "soort", Tekst("Dit bestand kunnen we niet aannemen. Stuur een PDF, JPEG of PNG.", "We cannot accept this file. Send a PDF, JPEG or PNG."))
        }
        guard data.count <= BijlageRegels.maxTotaleGrootte else { throw Weigering.ongeldig(.bijlage, "maxSize", Tekst("Een bestand is hoogstens 20 MB.", "A file is at most 20 MB.")) }
        guard !m.status.isGesloten else {
            throw Weigering.conflict(.meldingAfgerond)
        }
        guard try await MeldingBijlage.query(on: db).filter(\.$melding.$id == id).count() < MeldingService.maxBijlagenPerZaak else {
            throw Weigering.ongeldig(.bijlage, "maxItems", Tekst("Bij één melding passen hoogstens \(MeldingService.maxBijlagenPerZaak) bestanden. Stuur ons een bericht als u er meer heeft.", "One report can have at most \(MeldingService.maxBijlagenPerZaak) files. Send us a message if you have more."))
        }
        let naam = BijlageRegels.naam(bestandsnaam)
        let hash = try await BijlageOpslag.bewaar(data, nu: nu, on: db)
        try await db.schrijf { tx in
            let b = MeldingBijlage()
            b.$melding.id = id
            b.bestandsnaam = naam
            b.mimeType = soort.rawValue
            b.grootte = data.count
            b.sha256 = hash
            try await b.create(on: tx)
            m.laatsteVolgnummer += 1
            try await zaken.legVast(m, Gebeurtenis(soort: .bijlageVanMelder, tekst: b.bestandsnaam, zichtbaar: true,
                                             gegevens: GebeurtenisGegevens(bestandsnaam: b.bestandsnaam)), door: "melder", on: tx)
            try await m.save(on: tx)
        }
    }

    /// The one-question rating after closing; once.
    package func beoordeel(token: String, cijfer: String?, opmerking: String?) async throws {
        let m = try await zaken.metToken(token)
        let b: Beoordeling
        do { b = try valideerBeoordeling(cijfer: cijfer, opmerking: opmerking) } catch { throw Weigering.ongeldig(error.fouten) }
        guard m.status.isGesloten else { throw Weigering.conflict(.nogNietAfgerond) }
        guard m.tevredenheid == nil else { throw Weigering.conflict(.alBeoordeeld) }
        try await db.schrijf { tx in
            m.tevredenheid = b.cijfer
            m.laatsteVolgnummer += 1
            try await zaken.legVast(m, Gebeurtenis(soort: .beoordeling, tekst: b.opmerking, zichtbaar: false,
                                             gegevens: GebeurtenisGegevens(cijfer: b.cijfer)), door: "melder", on: tx)
            try await m.save(on: tx)
        }
    }
}

extension Melderportaal {
    /// Inzage (AVG art. 15) from the status page: the case's data, its history as the melder
    /// sees it and its processing log; logged itself.
    package func inzage(token: String) async throws -> InzageDTO {
        let m = try await zaken.metToken(token)
        return try await Inzage(db: db, pseudoniemen: pseudoniemen, traceID: traceID, nu: nu).voorMelder(m)
    }
}
