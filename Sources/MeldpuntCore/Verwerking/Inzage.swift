import FluentKit
import Foundation
import MeldpuntDomain

/// Inzage (AVG art. 15): what Meldpunt holds about a person — their case's data and history and
/// every processing-log entry about them (who as organisation and role, when, why). The melder
/// gets it from the status page; staff with the privacy role for a person named by BSN or e-mail.
package struct InzageDTO: Codable, Sendable {
    package let opgesteldOp: Date
    package let meldingen: [Melding]
    package let terugmeldingen: [Terugmelding]
    package let verwerkingen: [Verwerking]

    package struct Melding: Codable, Sendable {
        package let zaaknummer: String
        package let status: String
        package let ontvangenOp: Date
        /// The data as given; nil once consent was withdrawn (then nothing personal is kept).
        package let gegevens: MeldingInvoer?
        package let bijlagen: [String]
        package let geschiedenis: [Gebeurtenis]
    }

    package struct Gebeurtenis: Codable, Sendable {
        package let tijdstip: Date
        package let door: String?
        package let tekst: String?
    }

    package struct Terugmelding: Codable, Sendable {
        package let referentie: UUID
        package let registratie: String
        package let status: String
        package let ontvangenOp: Date
        package let afnemer: String
        package let bronhouder: String
        package let gegevens: TerugmeldingInvoer?
    }

    package struct Verwerking: Codable, Sendable {
        package let tijdstip: Date
        /// The organisation that did it; nil: the melder (status page, form).
        package let organisatie: String?
        /// `medewerker` (a person of that organisation), `systeem` (its software) or `melder`.
        package let rol: String
        package let actie: String
        /// The activity of the register it belongs to, and its purpose.
        package let activiteit: String?
        package let doel: String?
        package let zaak: String?
    }
}

/// Who asked, for the processing log of the inzage itself.
package enum Inzagevrager: Sendable {
    case melder(melding: UUID)
    case medewerker(organisatie: UUID, gebruiker: UUID)
}

package struct Inzage: Sendable {
    package let db: any Database
    package let pseudoniemen: Pseudonimiseerder
    package let traceID: String
    package let nu: Date

    package init(db: any Database, pseudoniemen: Pseudonimiseerder, traceID: String, nu: Date) {
        self.db = db
        self.pseudoniemen = pseudoniemen
        self.traceID = traceID
        self.nu = nu
    }

    /// For the melder, by the status page's case: that case's data (the BSN shortened: the link
    /// alone must not hand it out) and history as the melder sees it, and its processing log.
    package func voorMelder(_ m: Melding) async throws -> InzageDTO {
        let id = try m.requireID()
        let p = try await MeldingPersoonsgegevens.find(id, on: db)
        var melding = try await melding(m, p, alles: false)
        if var g = melding.gegevens {
            let melderBSN = g.melder?.bsn, vertegenwoordigdeBSN = g.vertegenwoordigde?.bsn
            g.melder?.bsn = melderBSN.map(Self.ingekort)
            g.vertegenwoordigde?.bsn = vertegenwoordigdeBSN.map(Self.ingekort)
            melding = InzageDTO.Melding(zaaknummer: melding.zaaknummer, status: melding.status, ontvangenOp: melding.ontvangenOp, gegevens: g,
                                        bijlagen: melding.bijlagen, geschiedenis: melding.geschiedenis)
        }
        let regels = try await Verwerkingslogregel.query(on: db).filter(\.$meldingID == id).sort(\.$tijdstip).all()
        let inzage = InzageDTO(opgesteldOp: nu, meldingen: [melding], terugmeldingen: [], verwerkingen: try await verwerkingen(regels, zaken: [id: m.zaaknummer]))
        try await Verwerkingslog.regel(.inzageVerstrekken, organisatie: nil, melding: id, betrokkene: p?.bsn.map { pseudoniemen.pseudoniem("bsn:" + $0) },
                                       traceID: traceID, tijdstip: nu).create(on: db)
        return inzage
    }

    /// The person a staff inzage is about: a BSN (elfproef), an e-mail address, or both.
    package static func zoekvraag(bsn: String?, email: String?) throws -> (BSN?, String?) {
        let b = (bsn ?? "").replacingOccurrences(of: " ", with: ""), e = (email ?? "").trimmingCharacters(in: .whitespaces)
        var fouten: [OngeldigeParameter] = []
        if b.isEmpty && e.isEmpty {
            fouten.append(.init(.bsn, code: "required", uitleg: Tekst("Vul een BSN of een e-mailadres in.", "Enter a BSN or an email address.")))
        }
        if !b.isEmpty && BSN(b) == nil {
            fouten.append(.init(.bsn, code: "pattern", uitleg: Tekst("Een BSN heeft 9 cijfers en klopt met de elfproef.", "A BSN has 9 digits and passes the eleven test.")))
        }
        if !e.isEmpty && !isEmailadres(e) {
            fouten.append(.init(.email, code: "email", uitleg: Tekst("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.", "Enter a valid email address, such as name@example.com.")))
        }
        guard fouten.isEmpty else { throw Weigering.ongeldig(fouten) }
        return (BSN(b), e.isEmpty ? nil : e)
    }

    /// For staff with the privacy role (a written request): everything about the person with
    /// this BSN or e-mail address, all history included; the export is itself logged.
    package func voorBetrokkene(bsn: BSN?, email: String?, door: Inzagevrager) async throws -> InzageDTO {
        var meldingIDs: Set<UUID> = []
        var pseudoniem: String?
        if let bsn {
            pseudoniem = pseudoniemen.pseudoniem("bsn:" + bsn.value)
            meldingIDs.formUnion(try await MeldingPersoonsgegevens.query(on: db).filter(\.$bsn == bsn.value).all().compactMap(\.id))
        }
        if let email = email?.trimmingCharacters(in: .whitespaces).lowercased(), !email.isEmpty {
            // The search text narrows it down; the stored request decides.
            for p in try await MeldingPersoonsgegevens.query(on: db).filter(\.$zoektekst, .contains(inverse: false, .anywhere), email).limit(500).all() {
                let v = try p.invoer()
                if [v.melder?.email, v.vertegenwoordigde?.email].contains(where: { $0?.lowercased() == email }), let id = p.id { meldingIDs.insert(id) }
            }
        }
        let rijen = try await Melding.query(on: db).filter(\.$id ~~ meldingIDs).sort(\.$ontvangenOp).all()
        var meldingen: [InzageDTO.Melding] = []
        for m in rijen { meldingen.append(try await melding(m, try await MeldingPersoonsgegevens.find(m.requireID(), on: db), alles: true)) }
        var terugmeldingen: [InzageDTO.Terugmelding] = []
        var logregels: [Verwerkingslogregel] = []
        if let pseudoniem {
            for t in try await Terugmelding.query(on: db).filter(\.$betrokkeneHash == pseudoniem).with(\.$afnemer).with(\.$bijhouder).sort(\.$ontvangenOp).all() {
                terugmeldingen.append(InzageDTO.Terugmelding(referentie: try t.requireID(), registratie: t.registratie, status: t.status.rawValue, ontvangenOp: t.ontvangenOp,
                                                            afnemer: t.afnemer.naam, bronhouder: t.bijhouder.naam,
                                                            gegevens: try await TerugmeldingInhoud.find(t.requireID(), on: db)?.invoer()))
            }
            logregels = try await Verwerkingslogregel.query(on: db).filter(\.$betrokkeneHash == pseudoniem).sort(\.$tijdstip).all()
        }
        if !meldingIDs.isEmpty {
            let bekend = Set(logregels.compactMap(\.id))
            logregels += try await Verwerkingslogregel.query(on: db).filter(\.$meldingID ~~ meldingIDs).all().filter { !bekend.contains($0.id!) }
            logregels.sort { $0.tijdstip < $1.tijdstip }
        }
        let zaken = Dictionary(rijen.compactMap { m in m.id.map { ($0, m.zaaknummer) } }, uniquingKeysWith: { a, _ in a })
        let inzage = InzageDTO(opgesteldOp: nu, meldingen: meldingen, terugmeldingen: terugmeldingen, verwerkingen: try await verwerkingen(logregels, zaken: zaken))
        if case .medewerker(let organisatie, let gebruiker) = door {
            try await Verwerkingslog.regel(.inzageVerstrekken, organisatie: organisatie, betrokkene: pseudoniem, traceID: traceID, tijdstip: nu, gebruiker: gebruiker).create(on: db)
        }
        return inzage
    }

    private func melding(_ m: Melding, _ p: MeldingPersoonsgegevens?, alles: Bool) async throws -> InzageDTO.Melding {
        let id = try m.requireID()
        var gegevens = try p?.invoer()
        gegevens?.bijlagen = nil
        var q = MeldingGebeurtenis.query(on: db).filter(\.$melding.$id == id)
        if !alles { q = q.filter(\.$zichtbaarVoorMelder == true) }
        let geschiedenis = try await q.sort(\.$volgnummer).all().map { InzageDTO.Gebeurtenis(tijdstip: $0.tijdstip, door: $0.door, tekst: $0.tekst) }
        let bijlagen = try await MeldingBijlage.query(on: db).filter(\.$melding.$id == id).all().map(\.bestandsnaam)
        return InzageDTO.Melding(zaaknummer: m.zaaknummer, status: m.status.rawValue, ontvangenOp: m.ontvangenOp, gegevens: gegevens, bijlagen: bijlagen,
                                 geschiedenis: geschiedenis)
    }

    private func verwerkingen(_ regels: [Verwerkingslogregel], zaken: [UUID: String]) async throws -> [InzageDTO.Verwerking] {
        let orgIDs = Set(regels.compactMap(\.organisatieID))
        let namen = Dictionary(try await Organisatie.query(on: db).filter(\.$id ~~ orgIDs).all().map { ((try $0.requireID()), $0.naam) }, uniquingKeysWith: { a, _ in a })
        let register = Verwerkingsregister.standaard
        return regels.map { r in
            let activiteit = register.activiteit(voorActie: r.actie)
            return InzageDTO.Verwerking(tijdstip: r.tijdstip, organisatie: r.organisatieID.flatMap { namen[$0] },
                                        rol: r.organisatieID == nil ? "melder" : r.gebruikerID != nil ? "medewerker" : "systeem",
                                        actie: r.actie, activiteit: activiteit?.id, doel: activiteit?.doel.nl,
                                        zaak: r.meldingID.flatMap { zaken[$0] } ?? r.terugmeldingID?.uuidString.lowercased())
        }
    }

    /// The last four digits: enough to recognise, useless to anyone else.
    static func ingekort(_ bsn: String) -> String { String(repeating: "•", count: max(0, bsn.count - 4)) + bsn.suffix(4) }
}
