import Crypto
import FluentKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain

extension Meldingintake {
    /// The answer of an earlier request with the same single-use key, if there was one.
    package func eerder(_ eenmalig: Eenmalig?) async throws -> Ontvangen? {
        guard let eenmalig, let rij = try await EenmaligeSleutel.eerder(eenmalig.sleutel, vingerafdruk: eenmalig.vingerafdruk, on: db) else { return nil }
        return try Verzegeld.open(rij.resultaat, MeldingService.Ontvangen.self, eenmalig.geheim)
    }

    /// `binnenkomst`: how it came in; by default the public form, or the filing organisation's system.
    /// `vastgelegdDoor`: the staff member who took it by phone, at a counter or from a letter — the
    /// melder's consent is recorded as given to them, at this moment.
    package func maak(_ verzoek: MeldingInvoer, ingediendDoor: OrganisatieDTO?, eenmalig: Eenmalig? = nil, binnenkomst: Binnenkomst? = nil,
                      vastgelegdDoor: String? = nil) async throws -> Ontvangen {
        if let eerder = try await eerder(eenmalig) { return eerder }
        let fouten: [OngeldigeParameter]
        do {
            fouten = try valideerMelding(verzoek, vandaag: Dag(nu))
        } catch {
            // Record nothing; say where to go instead.
            throw Weigering.ongeldig([OngeldigeParameter(.bezwaarOfBeroepLoopt, code: "bezwaarOfBeroep", uitleg: bezwaarVerwijzing)])
        }
        guard fouten.isEmpty else { throw Weigering.ongeldig(fouten) }

        var opgeslagen: [(TerugmeldingInvoer.Bijlage, String, Int)] = []
        for b in verzoek.bijlagen ?? [] {
            guard case .success(let data) = valideerBijlage(b) else { continue }
            opgeslagen.append((b, try await BijlageOpslag.bewaar(data, nu: nu, on: db), data.count))
        }
        var inhoud = verzoek
        inhoud.bijlagen = inhoud.bijlagen?.map { var b = $0; b.bijlageData = nil; return b }
        let inhoudTekst = String(decoding: try JSONEncoder.compact.encode(inhoud), as: UTF8.self)
        let token = Sleutels.willekeurig(32)
        let uiterlijk = try kalender.plusWerkdagen(contactnormWerkdagen, na: Dag(nu))
        let bsn = MeldingPersoonsgegevens.betrokkeneBSN(verzoek)
        let registraties = ((verzoek.registraties ?? []).map { $0.uppercased() } + [verzoek.andereRegistratie].compactMap { $0 }.filter { !$0.isEmpty })
            .joined(separator: ",")
        let bijlagen = opgeslagen
        // Routed by registration to a team's werkvoorraad, if beheer set a route for one of them.
        let team = try await Teams.route(registraties.split(separator: ",").map(String.init), on: db)?.id
        @Sendable func ontvangen(_ nummer: Zaaknummer) -> Ontvangen {
            MeldingService.Ontvangen(zaaknummer: nummer, status: .ontvangen, fase: MeldingStatus.ontvangen.fase,
                      beschrijving: MeldingStatus.ontvangen.fase.tekst, eersteContactUiterlijk: uiterlijk,
                      statuspagina: Webadres.status(token: token).pad)
        }

        // Case numbers count up per year; a clash with a simultaneous intake is retried.
        for poging in 1...5 {
            do {
                if poging > 1, let eerder = try await eerder(eenmalig) { return eerder }
                let nummer = try await db.schrijf { tx -> Zaaknummer in
                    let jaar = Dag(nu).jaar
                    let nummer = Zaaknummer(jaar: jaar, volgnummer: try await Zaakteller.volgende(jaar, on: tx))

                    let m = Melding()
                    let id = UUID()
                    m.id = id
                    m.zaaknummer = nummer.description
                    m.status = .ontvangen
                    m.melderType = verzoek.melderType.flatMap(MelderType.init(rawValue:)) ?? .burger
                    m.registraties = registraties
                    m.$team.id = team
                    m.probleemsoort = verzoek.probleemsoort.flatMap(Probleemsoort.init(rawValue:)) ?? .onjuistGegeven
                    m.ontvangenOp = nu
                    m.eersteContactUiterlijk = uiterlijk
                    m.$ingediendDoor.id = ingediendDoor?.id
                    m.tokenHash = Sleutels.sha256Hex(Data(token.utf8))
                    m.toestemmingOp = nu
                    m.toestemmingVersie = Toestemmingstekst.versie
                    let metToestemming = binnenkomst?.doorMedewerker == true && vastgelegdDoor != nil
                    m.laatsteVolgnummer = metToestemming ? 2 : 1
                    // New intake is told apart by its status (ontvangen), not marked unread: unread
                    // means something came in since staff last looked (issue 27).
                    m.ongelezen = false
                    m.binnenkomst = binnenkomst ?? (ingediendDoor == nil ? .web : .api)
                    try zaken.zetVangnetdagen(m, laatsteContact: nil, gevolgen: MeldingGevolg.uit(verzoek, melding: id))
                    try await m.create(on: tx)

                    try await MeldingPersoonsgegevens(melding: id, invoer: verzoek, inhoud: inhoudTekst).create(on: tx)
                    // Each consequence the melder named is followed until it is repaired.
                    for g in MeldingGevolg.uit(verzoek, melding: id) { try await g.create(on: tx) }

                    for (b, hash, grootte) in bijlagen {
                        let mb = MeldingBijlage()
                        mb.$melding.id = id
                        mb.bestandsnaam = BijlageRegels.naam(b.bestandsnaam)
                        mb.mimeType = BijlageRegels.soort(mimeType: b.mimeType ?? "")?.rawValue ?? "application/octet-stream"
                        mb.grootte = grootte
                        mb.sha256 = hash
                        try await mb.create(on: tx)
                    }
                    try await zaken.nieuweGebeurtenis(id, 1, Gebeurtenis(soort: .ontvangen,
                                          tekst: "Melding ontvangen. Wij nemen uiterlijk \(Datumweergave.datum(uiterlijk.description)) persoonlijk contact met u op.",
                                          zichtbaar: true), door: vastgelegdDoor ?? ingediendDoor?.naam ?? "melder").create(on: tx)
                    if metToestemming, let b = binnenkomst, let wie = vastgelegdDoor {
                        // Who took the consent, how and when: on the timeline, for staff.
                        try await zaken.nieuweGebeurtenis(id, 2, Gebeurtenis(soort: .notitie,
                            tekst: "Toestemming van de melder gegeven via \(b.naam(.nl).lowercased()) (tekstversie \(Toestemmingstekst.versie)), vastgelegd door \(wie).",
                            gegevens: GebeurtenisGegevens(binnenkomst: b)), door: wie).create(on: tx)
                    }
                    try await PatroonWachtrij(bron: .melding, zaakID: id, nu: nu).create(on: tx)
                    try await berichten.meldingOntvangen(m, melder: Berichtgeving.bereik(uit: verzoek), statuslink: Webadres.status(token: token).pad, nu: nu, on: tx)
                    try await Verwerkingslog.regel(.meldingAanmaken, organisatie: ingediendDoor?.id, melding: id,
                                                   betrokkene: bsn.map { pseudoniemen.pseudoniem("bsn:" + $0) }, traceID: traceID, tijdstip: nu).create(on: tx)
                    if let eenmalig {
                        try await EenmaligeSleutel(sleutel: eenmalig.sleutel, resultaat: try Verzegeld.sluit(ontvangen(nummer), eenmalig.geheim),
                                                   aangemaaktOp: nu, vingerafdruk: eenmalig.vingerafdruk).create(on: tx)
                    }
                    return nummer
                }
                return ontvangen(nummer)
            } catch where poging < 5 {
                continue
            }
        }
        throw Weigering.tijdelijkBezet
    }
}
