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
        /// While the case runs: the day the melder hears from the meldpunt again at the latest
        /// (the contact rhythm), so they never wait without knowing until when.
        package var weerContactOp: Dag? = nil

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
        /// How far its repair is, and why it cannot be repaired when it cannot.
        package var herstel: HerstelStatus = .teHerstellen
        package var toelichting: String?

        package init(soort: String, organisatie: String?, opgeschort: Bool, herstel: HerstelStatus = .teHerstellen, toelichting: String? = nil) {
            self.soort = soort
            self.organisatie = organisatie
            self.opgeschort = opgeschort
            self.herstel = herstel
            self.toelichting = toelichting
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

    package static let maxBericht = 5_000

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
        let gewist = try await wisPersoonsgegevens(m, reden: .toestemmingIngetrokken)
        // A suspension still running is not left unseen: staff decide to lift or keep it (the opschortingen page).
        if try await Verzoek.query(on: db).filter(\.$melding.$id == id).filter(\.$opgeschortOp != nil).filter(\.$opgehevenOp == nil).count() > 0 {
            try await self.berichten.aanStaf(m, Tekst("De melder trok de toestemming in terwijl een opschorting loopt; beslis of die wordt opgeheven",
                                                 "The melder withdrew consent while a suspension is running; decide whether it is lifted"), nu: nu, on: db)
        }
        m.status = .gesloten
        m.uitkomst = .ingetrokken
        // Withdrawn before the analysis or the first contact: counted as closed without them.
        if try Self.analyse(m) == nil || m.eersteContactOp == nil { m.afsluitgrond = .ingetrokken }
        m.geslotenOp = nu
        m.$behandelaar.id = nil
        m.volgendeStap = nil
        m.volgendeStapOp = nil
        try await m.save(on: db)
        try await volgendeGebeurtenis(m, soort: .toestemmingIngetrokken, door: "melder",
                                      tekst: "U heeft uw toestemming ingetrokken. Wij hebben uw melding gesloten en uw persoonsgegevens gewist.",
                                      zichtbaar: true)
        return gewist
    }

    /// Everything personal of a case, everywhere in the case engine: on consent withdrawal, and
    /// when a closed case's retention period has passed. What stays are the non-personal facts.
    package func wisPersoonsgegevens(_ m: Melding, reden: Wisreden) async throws -> GewistNaIntrekking {
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
            // A consequence's organisation and who repairs it are the melder's and staff's words.
            if g.soort == .gevolgherstel { gegevens.organisatie = nil }
            g.gegevens = String(decoding: try JSONEncoder.compact.encode(gegevens), as: UTF8.self)
            try await g.save(on: db)
        }
        // So may the requests to partners: their questions, threads, files and references.
        let verzoeken = try await Verzoek.query(on: db).filter(\.$melding.$id == id).all()
        for v in verzoeken {
            v.vraag = reden.tekst
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
        // The explanations of the consequences' repair; their kind and state stay for the figures.
        try await MeldingGevolg.query(on: db).filter(\.$melding.$id == id).set(\.$toelichting, to: nil).set(\.$door, to: nil)
            .set(\.$organisatie, to: nil).update()
        // And the meldpunt's advice about the case: its question, advice and answer.
        for a in try await AdviesRij.query(on: db).filter(\.$melding.$id == id).all() {
            a.vraag = a.vraag.map { _ in reden.tekst }
            a.advies = a.advies.map { _ in reden.tekst }
            a.toelichting = nil
            try await a.save(on: db)
        }
        // And the letters to the melder, printed or not: their texts may quote the case.
        try await BriefRij.query(on: db).filter(\.$melding.$id == id).delete()
        // And the old contact data a correction kept in the processing log.
        try await Verwerkingslogregel.query(on: db).filter(\.$meldingID == id).filter(\.$gegevens != nil).set(\.$gegevens, to: nil).update()
        // And the overleggen about it: subject, agenda, minutes, actions.
        try await Overlegregister.wis(melding: id, reden: reden, berichten: self.berichten, nu: nu, on: db)
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
        try await berichten.kondigAan(m, e.soort, tekst: e.zichtbaar || e.soort == .volgendeStap ? e.tekst : nil, datum: e.gegevens?.datum, nu: nu, on: tx)
    }

    func weergave(_ m: Melding) async throws -> MelderWeergave {
        let id = try m.requireID()
        let status = m.status
        let berichten = try await MeldingGebeurtenis.query(on: db).filter(\.$melding.$id == id)
            .filter(\.$zichtbaarVoorMelder == true).sort(\.$volgnummer, .descending).all()
        let persoon = try await MeldingPersoonsgegevens.find(id, on: db)
        // The melder's own files; what staff added stays with staff.
        let bijlagen = try await MeldingBijlage.query(on: db).filter(\.$melding.$id == id).sort(\.$id).all().filter { $0.vanMeldpunt != true }.map(\.bestandsnaam)
        let verzoek = try persoon?.invoer()
        // The phases it really went through: from its status changes, never assumed.
        let wijzigingen = try await MeldingGebeurtenis.query(on: db).filter(\.$melding.$id == id)
            .filter(\.$soort ~~ [.statusGewijzigd, .contact, .analyse, .rolGekozen, .gesloten]).sort(\.$volgnummer).all()
        var doorlopen: [MelderFase] = [.ontvangen]
        for g in wijzigingen {
            let status: MeldingStatus? = if case .melding(let s)? = try g.gegevensWaarde()?.status { s } else { nil }
            let fase = status?.fase ?? (g.soort == .gesloten ? .afgerond : .inBehandeling)
            if doorlopen.last != fase { doorlopen.append(fase) }
        }
        if doorlopen.last != status.fase { doorlopen.append(status.fase) }
        let verzoeken = try await Verzoek.query(on: db).filter(\.$melding.$id == id).with(\.$organisatie).sort(\.$nummer).all()
        var organisaties = (try Self.analyse(m).map { [$0.oorsprongOrganisatie] + $0.geraakteOrganisaties } ?? verzoek?.betrokkenOrganisaties ?? [])
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for v in verzoeken where !organisaties.contains(v.organisatie.naam) { organisaties.append(v.organisatie.naam) }
        let opgeschort = verzoeken.filter { $0.opgeschortOp != nil }
        let actief = Set(opgeschort.filter { $0.opgehevenOp == nil }.compactMap(\.opschortingActie))
        var weergave = MelderWeergave(
            zaaknummer: m.zaaknummer, status: m.status, fase: status.fase, faseTekst: status.fase.tekst,
            fasen: MelderFase.allCases.map(\.rawValue), rol: m.rol, uitkomst: m.uitkomst, ontvangenOp: m.ontvangenOp,
            eersteContactUiterlijk: m.eersteContactUiterlijk,
            organisaties: organisaties,
            gevolgen: try await Self.gevolgen(m, on: db).map { g in
                GevolgWeergave(soort: g.soort.rawValue, organisatie: g.organisatie, opgeschort: opschortingsActie(voorGevolg: g.soort.rawValue).map { actief.contains($0) } ?? false,
                               herstel: g.status, toelichting: g.toelichting)
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
        if !status.isGesloten, m.eersteContactOp != nil, let d = m.contactVolgendeOp, d >= Dag(nu) { weergave.weerContactOp = d }
        return weergave
    }

}
