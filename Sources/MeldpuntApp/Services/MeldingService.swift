import Fluent
import Foundation
import MeldpuntDomain
import Vapor

/// The MFO case engine: taking in a melding, and showing it to staff and to the melder.
struct MeldingService {
    let db: any Database
    let pseudoniemen: Pseudonimiseerder
    let kalender: Werkdagkalender
    let nu: Date
    let traceID: String
    /// Service norm for the first personal contact, in working days.
    let contactnormWerkdagen: Int

    struct Ontvangen: Content {
        let zaaknummer: String
        let status: String
        let fase: String
        let beschrijving: String
        let eersteContactUiterlijk: String
        /// The private link to the status page: shown once, stored only as a hash.
        let statuspagina: String
    }

    // MARK: Intake

    func maak(_ verzoek: MeldingVerzoek, ingediendDoor: OrganisatieDTO?) async throws -> Ontvangen {
        let fouten: [OngeldigeParameter]
        do {
            fouten = try valideerMelding(verzoek, vandaag: Dag(nu))
        } catch {
            // Record nothing; say where to go instead.
            throw Problem.ongeldig([OngeldigeParameter(name: "bezwaarOfBeroepLoopt", code: "bezwaarOfBeroep", reason: bezwaarVerwijzing)],
                                   detail: bezwaarVerwijzing)
        }
        guard fouten.isEmpty else { throw Problem.ongeldig(fouten) }

        var opgeslagen: [(TerugmeldingVerzoek.Bijlage, String, Int)] = []
        for b in verzoek.bijlagen ?? [] {
            guard case .success(let data) = valideerBijlage(b) else { continue }
            opgeslagen.append((b, try await BijlageOpslag.bewaar(data, on: db), data.count))
        }
        var inhoud = verzoek
        inhoud.bijlagen = inhoud.bijlagen?.map { var b = $0; b.bijlageData = nil; return b }
        let inhoudTekst = String(decoding: try JSONEncoder.compact.encode(inhoud), as: UTF8.self)
        let token = Sleutels.willekeurig(32)
        let uiterlijk = kalender.plusWerkdagen(contactnormWerkdagen, na: Dag(nu))
        let bsn = verzoek.melder?.bsn.flatMap { $0.isEmpty ? nil : $0 }
        let registraties = ((verzoek.registraties ?? []).map { $0.uppercased() } + [verzoek.andereRegistratie].compactMap { $0 }.filter { !$0.isEmpty })
            .joined(separator: ",")
        let bijlagen = opgeslagen

        // Case numbers count up per year; a clash with a simultaneous intake is retried.
        for poging in 1...5 {
            do {
                let nummer = try await db.transaction { tx -> Zaaknummer in
                    let jaar = Dag(nu).jaar
                    let teller = try await Zaakteller.find(jaar, on: tx) ?? { let t = Zaakteller(); t.id = jaar; t.laatste = 0; return t }()
                    teller.laatste += 1
                    try await teller.save(on: tx)
                    let nummer = Zaaknummer(jaar: jaar, volgnummer: teller.laatste)

                    let m = Melding()
                    let id = UUID()
                    m.id = id
                    m.zaaknummer = nummer.description
                    m.status = MeldingStatus.ontvangen.rawValue
                    m.melderType = verzoek.melderType ?? MelderType.burger.rawValue
                    m.registraties = registraties
                    m.ontvangenOp = nu
                    m.eersteContactUiterlijk = uiterlijk.description
                    m.$ingediendDoor.id = ingediendDoor?.id
                    m.tokenHash = Sleutels.sha256Hex(Data(token.utf8))
                    m.toestemmingOp = nu
                    m.toestemmingVersie = Toestemmingstekst.versie
                    m.laatsteVolgnummer = 1
                    try await m.create(on: tx)

                    let p = MeldingPersoonsgegevens()
                    p.id = id
                    p.inhoud = inhoudTekst
                    p.bsn = bsn
                    p.naam = verzoek.melder?.naam ?? ""
                    try await p.create(on: tx)

                    for (b, hash, grootte) in bijlagen {
                        let mb = MeldingBijlage()
                        mb.$melding.id = id
                        mb.bestandsnaam = b.bestandsnaam ?? "bijlage"
                        mb.mimeType = BijlageRegels.soort(mimeType: b.mimeType ?? "")?.rawValue ?? "application/octet-stream"
                        mb.grootte = grootte
                        mb.sha256 = hash
                        try await mb.create(on: tx)
                    }
                    try await gebeurtenis(id, 1, soort: "ontvangen", door: ingediendDoor?.naam ?? "melder",
                                          tekst: "Melding ontvangen. Wij nemen uiterlijk \(Datumweergave.datum(uiterlijk.description)) persoonlijk contact met u op.",
                                          zichtbaar: true).create(on: tx)
                    try await Verwerkingslog.regel(.meldingAanmaken, organisatie: ingediendDoor?.id, melding: id,
                                                   betrokkene: bsn.map { pseudoniemen.pseudoniem("bsn:" + $0) }, traceID: traceID, tijdstip: nu).create(on: tx)
                    return nummer
                }
                return Ontvangen(zaaknummer: nummer.description, status: MeldingStatus.ontvangen.rawValue, fase: MeldingStatus.ontvangen.fase.rawValue,
                                 beschrijving: MeldingStatus.ontvangen.fase.tekst, eersteContactUiterlijk: uiterlijk.description,
                                 statuspagina: "/status/\(token)")
            } catch where poging < 5 {
                continue
            }
        }
        throw Problem(.serviceUnavailable, detail: "Het lukte niet een zaaknummer toe te kennen. Probeer het opnieuw.")
    }

    private func gebeurtenis(_ melding: UUID, _ volgnummer: Int, soort: String, door: String?, tekst: String?, zichtbaar: Bool) -> MeldingGebeurtenis {
        let g = MeldingGebeurtenis()
        g.$melding.id = melding
        g.volgnummer = volgnummer
        g.soort = soort
        g.tijdstip = nu
        g.door = door
        g.tekst = tekst
        g.zichtbaarVoorMelder = zichtbaar
        return g
    }

    // MARK: The melder's view

    struct MelderWeergave: Content {
        let zaaknummer: String
        let fase: String
        let faseTekst: String
        let fasen: [String]
        let ontvangenOp: Date
        let eersteContactUiterlijk: String
        let berichten: [Bericht]
        let gesloten: Bool
    }

    struct Bericht: Content {
        let tijdstip: Date
        let tekst: String
    }

    /// The case behind a status-page token. Unknown, wrong and old tokens all get the same answer.
    private func metToken(_ token: String) async throws -> Melding {
        guard token.count == 43, let m = try await Melding.query(on: db).filter(\.$tokenHash == Sleutels.sha256Hex(Data(token.utf8))).first() else {
            throw Problem.nietGevonden("Deze link is niet (meer) geldig.")
        }
        return m
    }

    static let maxBericht = 5_000

    /// A message from the melder to the meldpunt, on the case's timeline.
    func berichtVanMelder(token: String, tekst: String) async throws {
        let m = try await metToken(token)
        let tekst = tekst.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !tekst.isEmpty, tekst.count <= Self.maxBericht else {
            throw Problem.ongeldig("bericht", tekst.isEmpty ? "required" : "maxLength",
                                   tekst.isEmpty ? "Schrijf eerst uw bericht." : "Een bericht is hoogstens \(Self.maxBericht) tekens.")
        }
        guard !(MeldingStatus(rawValue: m.status) ?? .ontvangen).isGesloten else {
            throw Problem(.conflict, detail: "Uw melding is afgerond; u kunt geen berichten meer sturen.")
        }
        try await volgendeGebeurtenis(m, soort: "berichtVanMelder", door: "melder", tekst: tekst, zichtbaar: true)
    }

    /// Withdrawing consent closes the case and erases its personal data. What stays are the
    /// non-personal facts (dates, registrations, outcome) for statistics.
    func trekToestemmingIn(token: String) async throws {
        let m = try await metToken(token)
        let id = try m.requireID()
        try await db.transaction { tx in
            try await MeldingPersoonsgegevens.query(on: tx).filter(\.$id == id).delete()
            try await MeldingBijlage.query(on: tx).filter(\.$melding.$id == id).delete()
            // Messages and notes may hold personal details too.
            try await MeldingGebeurtenis.query(on: tx).filter(\.$melding.$id == id).set(\.$tekst, to: nil).update()
            m.status = MeldingStatus.gesloten.rawValue
            m.uitkomst = MeldingUitkomst.ingetrokken.rawValue
            m.geslotenOp = nu
            m.$behandelaar.id = nil
            try await m.save(on: tx)
            try await volgendeGebeurtenis(m, soort: "toestemmingIngetrokken", door: "melder",
                                          tekst: "U heeft uw toestemming ingetrokken. Wij hebben uw melding gesloten en uw persoonsgegevens gewist.",
                                          zichtbaar: true, on: tx)
        }
    }

    /// Appends to the timeline; the unique (melding, volgnummer) refuses a simultaneous twin.
    private func volgendeGebeurtenis(_ m: Melding, soort: String, door: String?, tekst: String?, zichtbaar: Bool, on database: (any Database)? = nil) async throws {
        let d = database ?? db
        m.laatsteVolgnummer += 1
        try await gebeurtenis(try m.requireID(), m.laatsteVolgnummer, soort: soort, door: door, tekst: tekst, zichtbaar: zichtbaar).create(on: d)
        try await m.save(on: d)
    }

    func voorMelder(token: String) async throws -> MelderWeergave {
        let m = try await metToken(token)
        let status = MeldingStatus(rawValue: m.status) ?? .ontvangen
        let berichten = try await MeldingGebeurtenis.query(on: db).filter(\.$melding.$id == m.requireID())
            .filter(\.$zichtbaarVoorMelder == true).sort(\.$volgnummer, .descending).all()
        try await Verwerkingslog.regel(.meldingStatuspagina, organisatie: nil, melding: m.id, betrokkene: nil, traceID: traceID, tijdstip: nu).create(on: db)
        return MelderWeergave(zaaknummer: m.zaaknummer, fase: status.fase.rawValue, faseTekst: status.fase.tekst,
                              fasen: MelderFase.allCases.map(\.rawValue), ontvangenOp: m.ontvangenOp,
                              eersteContactUiterlijk: m.eersteContactUiterlijk,
                              berichten: berichten.compactMap { g in g.tekst.map { Bericht(tijdstip: g.tijdstip, tekst: $0) } },
                              gesloten: status.isGesloten)
    }
}

extension Request {
    var meldingen: MeldingService {
        MeldingService(db: db, pseudoniemen: application.pseudoniemen, kalender: application.kalender, nu: application.klok.nu(),
                       traceID: traceID, contactnormWerkdagen: Environment.get("MELDPUNT_CONTACTNORM_WERKDAGEN").flatMap(Int.init) ?? 2)
    }
}
