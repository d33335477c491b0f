import Crypto
import FluentKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain

/// The melder's side: the status page, messages and files, a new link, consent withdrawal, the evaluation.
extension MeldingService {
    // MARK: The melder's view

    package struct MelderWeergave: Codable, Sendable {
        package let zaaknummer: String
        package let status: MeldingStatus
        package let fase: MelderFase
        package let faseTekst: String
        package let fasen: [String]
        package let rol: MeldpuntRol?
        package let uitkomst: MeldingUitkomst?
        package let ontvangenOp: Date
        package let eersteContactUiterlijk: Dag
        /// The organisations involved: from the analysis once there is one, else as the melder named them.
        package let organisaties: [String]
        package let gevolgen: [GevolgWeergave]
        /// What the meldpunt asked each organisation, and how far it is.
        package let verzoeken: [MelderVerzoek]
        /// Consequences put on hold at the meldpunt's request (confirmed by the organisation).
        package let opschortingen: [MelderOpschorting]
        package let volgendeStap: VolgendeStapDTO?
        package let berichten: [Bericht]
        /// The plain-language summary the meldpunt wrote when closing.
        package let samenvatting: String?
        package let gesloten: Bool
        package let tevredenheid: Int?
        package let aantalBijlagen: Int
        /// The phases the case has really been in, in order (the current one last).
        package let doorlopen: [MelderFase]
        /// What the melder wrote was wrong, and should be; nil once erased.
        package let omschrijving: String?
        package let watMoetHetZijn: String?
        /// The names of the files the melder sent.
        package let bijlagen: [String]
        /// Consent was withdrawn: nothing personal is kept, no more messages.
        package let gewist: Bool

        package init(zaaknummer: String, status: MeldingStatus, fase: MelderFase, faseTekst: String, fasen: [String], rol: MeldpuntRol?, uitkomst: MeldingUitkomst?, ontvangenOp: Date, eersteContactUiterlijk: Dag, organisaties: [String], gevolgen: [GevolgWeergave], verzoeken: [MelderVerzoek], opschortingen: [MelderOpschorting], volgendeStap: VolgendeStapDTO?, berichten: [Bericht], samenvatting: String?, gesloten: Bool, tevredenheid: Int?, aantalBijlagen: Int,
                     doorlopen: [MelderFase] = [], omschrijving: String? = nil, watMoetHetZijn: String? = nil, bijlagen: [String] = [], gewist: Bool = false) {
            self.doorlopen = doorlopen
            self.omschrijving = omschrijving
            self.watMoetHetZijn = watMoetHetZijn
            self.bijlagen = bijlagen
            self.gewist = gewist
            self.zaaknummer = zaaknummer
            self.status = status
            self.fase = fase
            self.faseTekst = faseTekst
            self.fasen = fasen
            self.rol = rol
            self.uitkomst = uitkomst
            self.ontvangenOp = ontvangenOp
            self.eersteContactUiterlijk = eersteContactUiterlijk
            self.organisaties = organisaties
            self.gevolgen = gevolgen
            self.verzoeken = verzoeken
            self.opschortingen = opschortingen
            self.volgendeStap = volgendeStap
            self.berichten = berichten
            self.samenvatting = samenvatting
            self.gesloten = gesloten
            self.tevredenheid = tevredenheid
            self.aantalBijlagen = aantalBijlagen
        }
    }

    package struct GevolgWeergave: Codable, Sendable {
        package let soort: String
        package let organisatie: String?
        /// Put on hold at the meldpunt's request (partner coordination, next step of the product).
        package let opgeschort: Bool

        package init(soort: String, organisatie: String?, opgeschort: Bool) {
            self.soort = soort
            self.organisatie = organisatie
            self.opgeschort = opgeschort
        }
    }

    package struct MelderVerzoek: Codable, Sendable {
        package let organisatie: String
        package let soort: String
        package let status: String

        package init(organisatie: String, soort: String, status: String) {
            self.organisatie = organisatie
            self.soort = soort
            self.status = status
        }
    }

    package struct MelderOpschorting: Codable, Sendable {
        package let organisatie: String
        package let actie: String
        package let tot: String?
        package let opgehevenOp: Date?

        package init(organisatie: String, actie: String, tot: String?, opgehevenOp: Date?) {
            self.organisatie = organisatie
            self.actie = actie
            self.tot = tot
            self.opgehevenOp = opgehevenOp
        }
    }

    package struct Bericht: Codable, Sendable {
        package let tijdstip: Date
        package let tekst: String
        package let vanMelder: Bool

        package init(tijdstip: Date, tekst: String, vanMelder: Bool) {
            self.tijdstip = tijdstip
            self.tekst = tekst
            self.vanMelder = vanMelder
        }
    }

    package static let maxBijlagenPerZaak = 10
    package static let melderSoorten: Set<Gebeurtenissoort> = [.berichtVanMelder, .bijlageVanMelder]

    /// The case behind a status-page token. Unknown, wrong and old tokens all get the same answer.
    func metToken(_ token: String) async throws -> Melding {
        guard token.count == 43, let m = try await Melding.query(on: db).filter(\.$tokenHash == Sleutels.sha256Hex(Data(token.utf8))).first() else {
            throw Weigering.nietGevonden(.statuslink)
        }
        return m
    }

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
            try await volgendeGebeurtenis(m, soort: .linkVernieuwd, door: "melder",
                                          tekst: "U vroeg een nieuwe link aan; die is naar uw e-mailadres gestuurd.", zichtbaar: true, on: tx)
            try await berichten.nieuweLink(m, melder: melder, statuslink: Webadres.status(token: token).pad, nu: nu, on: tx)
            try await Verwerkingslog.regel(.meldingRaadplegen, organisatie: nil, melding: id, betrokkene: p?.bsn.map { pseudoniemen.pseudoniem("bsn:" + $0) },
                                           traceID: traceID, tijdstip: nu).create(on: tx)
        }
    }

    package static let maxBericht = 5_000

    /// A message from the melder to the meldpunt, on the case's timeline.
    package func berichtVanMelder(token: String, tekst: String) async throws {
        let m = try await metToken(token)
        let tekst = tekst.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !tekst.isEmpty, !tekst.isLanger(dan: Self.maxBericht) else {
            throw Weigering.ongeldig(.bericht, tekst.isEmpty ? "required" : "maxLength",
                                   tekst.isEmpty ? Tekst("Schrijf eerst uw bericht.", "Write your message first.")
                                                 : Tekst("Een bericht is hoogstens \(Self.maxBericht) tekens.", "A message is at most \(Self.maxBericht) characters."))
        }
        // After closing the melder can still answer: it shows as unread on the werkvoorraad, and staff can reply.
        // Not once consent is withdrawn: nothing personal is kept any more.
        guard try await MeldingPersoonsgegevens.find(m.id, on: db) != nil else { throw Weigering.conflict(.meldingAfgerond) }
        try await volgendeGebeurtenis(m, soort: .berichtVanMelder, door: "melder", tekst: tekst, zichtbaar: true)
    }

    /// What erasing a case let go elsewhere: the terugmeldingen filed from it (the terugmeld
    /// engine erases those) and the attachment hashes to clean up when all is erased.
    package struct GewistNaIntrekking: Sendable {
        package var terugmeldingen: [UUID]
        package var bijlagen: Set<String>
    }


    /// Consent withdrawn, the case engine's part (inside the caller's transaction): the case closes
    /// and its personal data go — texts, file names in the timeline, partner threads and files.
    /// What stays are the non-personal facts (dates, registrations, states, outcome) for
    /// statistics, and the processing log, whose keyed pseudonyms name no one without the key
    /// (SECURITY.md). `Coordinatie.trekToestemmingIn` runs this with the terugmeld engine's part.
    package func wisNaIntrekkingToestemming(_ m: Melding) async throws -> GewistNaIntrekking {
        let id = try m.requireID()
        // Mail about the case holds the melder's address: none of it stays, sent or not.
        try await UitgaandBericht.query(on: db).filter(\.$melding == id).delete()
        var bytes = Set(try await MeldingBijlage.query(on: db).filter(\.$melding.$id == id).all().map(\.sha256))
        try await MeldingPersoonsgegevens.query(on: db).filter(\.$id == id).delete()
        // The detector's stems, phrases and keys come from what the melder wrote.
        try await Patroonherkenning.vergeet(id, on: db)
        try await MeldingBijlage.query(on: db).filter(\.$melding.$id == id).delete()
        // Messages and notes may hold personal details too; so may file names and reasons in event data.
        try await MeldingGebeurtenis.query(on: db).filter(\.$melding.$id == id).set(\.$tekst, to: nil).update()
        for g in try await MeldingGebeurtenis.query(on: db).filter(\.$melding.$id == id).filter(\.$gegevens != nil).all() {
            // Erasing: facts that no longer read are erased with the rest rather than kept unread.
            guard var gegevens = (try? g.gegevensWaarde()) ?? nil else {
                g.gegevens = nil
                try await g.save(on: db)
                continue
            }
            gegevens.bestandsnaam = nil
            gegevens.scopeReden = nil
            g.gegevens = String(decoding: try JSONEncoder.compact.encode(gegevens), as: UTF8.self)
            try await g.save(on: db)
        }
        // So may the requests to partners: their questions, threads, files and references.
        let verzoeken = try await Verzoek.query(on: db).filter(\.$melding.$id == id).all()
        for v in verzoeken {
            v.vraag = "(gewist: de melder heeft de toestemming ingetrokken)"
            v.reden = nil
            v.opschortingKenmerk = nil
            v.overlegDeelnemers = nil
            v.overlegVerslag = nil
            try await v.save(on: db)
        }
        let berichten = try await VerzoekBericht.query(on: db).filter(\.$verzoek.$id ~~ verzoeken.compactMap(\.id)).all()
        bytes.formUnion(berichten.compactMap(\.sha256))
        try await VerzoekBericht.query(on: db).filter(\.$verzoek.$id ~~ verzoeken.compactMap(\.id))
            .set(\.$tekst, to: nil).set(\.$bestandsnaam, to: nil).set(\.$sha256, to: nil).set(\.$mimeType, to: nil).set(\.$grootte, to: nil).update()
        m.status = .gesloten
        m.uitkomst = .ingetrokken
        m.geslotenOp = nu
        m.$behandelaar.id = nil
        m.volgendeStap = nil
        m.volgendeStapOp = nil
        try await m.save(on: db)
        try await volgendeGebeurtenis(m, soort: .toestemmingIngetrokken, door: "melder",
                                      tekst: "U heeft uw toestemming ingetrokken. Wij hebben uw melding gesloten en uw persoonsgegevens gewist.",
                                      zichtbaar: true)
        return GewistNaIntrekking(terugmeldingen: verzoeken.compactMap { $0.$terugmelding.id }, bijlagen: bytes)
    }

    /// Appends to the timeline; the unique (melding, volgnummer) refuses a simultaneous twin.
    func volgendeGebeurtenis(_ m: Melding, soort: Gebeurtenissoort, door: String?, tekst: String?, zichtbaar: Bool, on database: (any Database)? = nil) async throws {
        let d = database ?? db
        m.laatsteVolgnummer += 1
        try await legVast(m, Gebeurtenis(soort: soort, tekst: tekst, zichtbaar: zichtbaar), door: door, on: d)
        try await m.save(on: d)
    }

    /// Writes the timeline entry numbered `m.laatsteVolgnummer` and what it tells others (outbox), in `tx`.
    package func legVast(_ m: Melding, _ e: Gebeurtenis, door: String?, on tx: any Database) async throws {
        try await nieuweGebeurtenis(try m.requireID(), m.laatsteVolgnummer, e, door: door).create(on: tx)
        try await berichten.kondigAan(m, e.soort, nu: nu, on: tx)
    }

    package func voorMelder(token: String) async throws -> MelderWeergave {
        let m = try await metToken(token)
        try await Verwerkingslog.regel(.meldingStatuspagina, organisatie: nil, melding: m.id, betrokkene: nil, traceID: traceID, tijdstip: nu).create(on: db)
        return try await weergave(m)
    }

    /// What the organisation that filed a melding sees of it: what the melder sees. Any other
    /// organisation without the meldpunt role gets 404, so it learns nothing.
    package func voorIndiener(_ zaaknummer: Zaaknummer, _ org: OrganisatieDTO) async throws -> MelderWeergave {
        guard let m = try? await zoek(zaaknummer), m.$ingediendDoor.id == org.id else {
            throw Weigering.nietGevonden(.melding)
        }
        let p = try await MeldingPersoonsgegevens.find(m.id, on: db)
        try await Verwerkingslog.regel(.meldingRaadplegen, organisatie: org.id, melding: m.id,
                                       betrokkene: betrokkene(p), traceID: traceID, tijdstip: nu).create(on: db)
        return try await weergave(m)
    }

    func weergave(_ m: Melding) async throws -> MelderWeergave {
        let id = try m.requireID()
        let status = m.status
        let berichten = try await MeldingGebeurtenis.query(on: db).filter(\.$melding.$id == id)
            .filter(\.$zichtbaarVoorMelder == true).sort(\.$volgnummer, .descending).all()
        let persoon = try await MeldingPersoonsgegevens.find(id, on: db)
        let bijlagen = try await MeldingBijlage.query(on: db).filter(\.$melding.$id == id).sort(\.$id).all().map(\.bestandsnaam)
        let verzoek = try persoon?.invoer()
        // The phases it really went through: from its status changes, never assumed.
        let wijzigingen = try await MeldingGebeurtenis.query(on: db).filter(\.$melding.$id == id)
            .filter(\.$soort ~~ [.statusGewijzigd, .contact, .analyse, .rolGekozen, .gesloten]).sort(\.$volgnummer).all()
        var doorlopen: [MelderFase] = [.ontvangen]
        for g in wijzigingen {
            let fase = try g.gegevensWaarde()?.status
                .flatMap(MeldingStatus.init(rawValue:))?.fase ?? (g.soort == .gesloten ? .afgerond : .inBehandeling)
            if doorlopen.last != fase { doorlopen.append(fase) }
        }
        if doorlopen.last != status.fase { doorlopen.append(status.fase) }
        let verzoeken = try await Verzoek.query(on: db).filter(\.$melding.$id == id).with(\.$organisatie).sort(\.$nummer).all()
        var organisaties = (try Self.analyse(m).map { [$0.oorsprongOrganisatie] + $0.geraakteOrganisaties } ?? verzoek?.betrokkenOrganisaties ?? [])
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for v in verzoeken where !organisaties.contains(v.organisatie.naam) { organisaties.append(v.organisatie.naam) }
        let opgeschort = verzoeken.filter { $0.opgeschortOp != nil }
        let actief = Set(opgeschort.filter { $0.opgehevenOp == nil }.compactMap(\.opschortingActie))
        return MelderWeergave(
            zaaknummer: m.zaaknummer, status: m.status, fase: status.fase, faseTekst: status.fase.tekst,
            fasen: MelderFase.allCases.map(\.rawValue), rol: m.rol, uitkomst: m.uitkomst, ontvangenOp: m.ontvangenOp,
            eersteContactUiterlijk: m.eersteContactUiterlijk,
            organisaties: organisaties,
            gevolgen: (verzoek?.gevolgen ?? []).compactMap { g in
                g.soort.map { GevolgWeergave(soort: $0, organisatie: g.organisatie, opgeschort: opschortingsActie(voorGevolg: $0).map { actief.contains($0) } ?? false) }
            },
            verzoeken: verzoeken.map { MelderVerzoek(organisatie: $0.organisatie.naam, soort: $0.soort.rawValue, status: $0.status.rawValue) },
            opschortingen: opgeschort.map { MelderOpschorting(organisatie: $0.organisatie.naam, actie: $0.opschortingActie?.rawValue ?? "anders", tot: $0.opschortingTot?.description, opgehevenOp: $0.opgehevenOp) },
            volgendeStap: m.volgendeStapDTO,
            berichten: berichten.compactMap { g in g.tekst.map { Bericht(tijdstip: g.tijdstip, tekst: $0, vanMelder: Self.melderSoorten.contains(g.soort)) } },
            samenvatting: berichten.first { $0.soort == .gesloten }?.tekst,
            gesloten: status.isGesloten, tevredenheid: m.tevredenheid,
            aantalBijlagen: bijlagen.count,
            doorlopen: doorlopen, omschrijving: verzoek?.watIsFout, watMoetHetZijn: verzoek?.watMoetHetZijn,
            bijlagen: bijlagen, gewist: persoon == nil)
    }

    /// A file the melder adds from the status page: PDF, JPEG or PNG by its bytes, at most
    /// 20 MiB, and at most `maxBijlagenPerZaak` on one case.
    package func bijlageVanMelder(token: String, bestandsnaam: String, data: Data) async throws {
        let m = try await metToken(token)
        let id = try m.requireID()
        guard !data.isEmpty else { throw Weigering.ongeldig(.bijlage, "required", Tekst("Kies eerst een bestand.", "Choose a file first.")) }
        guard let soort = BijlageRegels.herken(data) else {
            throw Weigering.ongeldig(.bijlage, "soort", Tekst("Dit bestand kunnen we niet aannemen. Stuur een PDF, JPEG of PNG.", "We cannot accept this file. Send a PDF, JPEG or PNG."))
        }
        guard data.count <= BijlageRegels.maxTotaleGrootte else { throw Weigering.ongeldig(.bijlage, "maxSize", Tekst("Een bestand is hoogstens 20 MB.", "A file is at most 20 MB.")) }
        guard !m.status.isGesloten else {
            throw Weigering.conflict(.meldingAfgerond)
        }
        guard try await MeldingBijlage.query(on: db).filter(\.$melding.$id == id).count() < Self.maxBijlagenPerZaak else {
            throw Weigering.ongeldig(.bijlage, "maxItems", Tekst("Bij één melding passen hoogstens \(Self.maxBijlagenPerZaak) bestanden. Stuur ons een bericht als u er meer heeft.", "One report can have at most \(Self.maxBijlagenPerZaak) files. Send us a message if you have more."))
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
            try await legVast(m, Gebeurtenis(soort: .bijlageVanMelder, tekst: b.bestandsnaam, zichtbaar: true,
                                             gegevens: GebeurtenisGegevens(bestandsnaam: b.bestandsnaam)), door: "melder", on: tx)
            try await m.save(on: tx)
        }
    }

    /// The one-question rating after closing; once.
    package func beoordeel(token: String, cijfer: String?, opmerking: String?) async throws {
        let m = try await metToken(token)
        let b: Beoordeling
        do { b = try valideerBeoordeling(cijfer: cijfer, opmerking: opmerking) } catch { throw Weigering.ongeldig(error.fouten) }
        guard m.status.isGesloten else { throw Weigering.conflict(.nogNietAfgerond) }
        guard m.tevredenheid == nil else { throw Weigering.conflict(.alBeoordeeld) }
        try await db.schrijf { tx in
            m.tevredenheid = b.cijfer
            m.laatsteVolgnummer += 1
            try await legVast(m, Gebeurtenis(soort: .beoordeling, tekst: b.opmerking, zichtbaar: false,
                                             gegevens: GebeurtenisGegevens(cijfer: b.cijfer)), door: "melder", on: tx)
            try await m.save(on: tx)
        }
    }
}
