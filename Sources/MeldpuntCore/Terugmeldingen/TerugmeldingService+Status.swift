import FluentKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain
import SQLKit

/// Status changes by afnemer and bronhouder, and the attachments.
extension TerugmeldingService {
    // MARK: Status changes

    /// `vastlegging`: the step's identifier and the annotations a Digimelding system sent with it.
    package func wijzigStatus(_ id: UUID, _ verzoek: StatuswijzigingInvoer, door org: OrganisatieDTO, als partijen: Set<TerugmeldingPartij>,
                              vastlegging: (stap: UUID, annotaties: [Annotatierij])? = nil) async throws -> TerugmeldingDetailDTO {
        var fouten: [OngeldigeParameter] = []
        func fout(_ v: Veld, _ c: String, _ r: Tekst) { fouten.append(.init(v, code: c, uitleg: r)) }
        func fout(_ n: Veldnaam, _ c: String, _ r: Tekst) { fout(Veld(n), c, r) }

        let nieuw: TerugmeldingStatus?
        if let s = verzoek.status, !s.isEmpty {
            nieuw = TerugmeldingStatus(lenient: s)
            if nieuw == nil {
                fout(.status, "enum", Tekst("Deze status kennen we niet. Kies een status uit de lijst.", "We do not know this status. Choose a status from the list."))
            }
        } else {
            nieuw = nil
            fout(.status, "required", Tekst("Geef de nieuwe status.", "Give the new status."))
        }
        let toelichting = verzoek.toelichting?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let t = toelichting, t.isLanger(dan: TerugmeldingLimieten.maxToelichting) {
            fout(.toelichting, "maxLength", Tekst("De toelichting is hoogstens \(TerugmeldingLimieten.maxToelichting) tekens.", "The explanation is at most \(TerugmeldingLimieten.maxToelichting) characters."))
        }
        if [.afgehandeld, .onvoldoendeInformatie].contains(nieuw), (toelichting ?? "").isEmpty {
            fout(.toelichting, "required", Tekst("Leg in de toelichting uit wat er met de terugmelding is gedaan.", "Explain in the explanation what was done with the data report."))
        }
        var verwachteDatum: Dag?
        if nieuw == .ingepland {
            if let raw = verzoek.verwachteDatum {
                if let d = Dag(raw) {
                    if d < Dag(nu) { fout(.verwachteDatum, "verleden", Tekst("De verwachte datum ligt in het verleden.", "The expected date is in the past.")) } else { verwachteDatum = d }
                } else {
                    fout(.verwachteDatum, "date", Tekst("Vul een geldige datum in als jjjj-mm-dd.", "Enter a valid date as yyyy-mm-dd."))
                }
            } else {
                fout(.verwachteDatum, "required", Tekst("Geef bij ‘Ingepland’ de verwachte datum van afhandeling.", "With ‘Scheduled’, give the expected completion date."))
            }
        }
        var uitkomst: Afhandeluitkomst?
        if let u = verzoek.uitkomst {
            if nieuw != .afgehandeld {
                fout(.uitkomst, "nietBijStatus", Tekst("Een uitkomst hoort alleen bij de status ‘Afgehandeld’.", "An outcome belongs only with the status ‘Completed’."))
            } else if let a = Afhandeluitkomst(rawValue: u.lowercased()) {
                uitkomst = a
            } else {
                fout(.uitkomst, "enum", Tekst("Kies een uitkomst uit de lijst.", "Choose an outcome from the list."))
            }
        }
        var nieuweBijhouder: Organisatie?
        if nieuw == .verkeerdeBronhouder {
            switch (verzoek.gemeentecode, verzoek.rniDeelnemer) {
            case (let code?, nil):
                switch referentie.status(van: code) {
                case .actueel:
                    nieuweBijhouder = try await Organisatie.query(on: db).filter(\.$gemeentecode == code).first()
                    // Forwarded to the RNI: the same items are refused as when filed there.
                    if code == Gemeentecode.rni.description, let inhoud = try await TerugmeldingInhoud.find(id, on: db)?.invoer(),
                       let reden = (inhoud.terugMeldingBody?.terugMeldingGegevens ?? []).lazy.compactMap({ $0.attribuutUrn.flatMap(BRPAttribuut.nietVoorRNI) }).first {
                        fout(.gemeentecode, "nietVoorRNI", reden)
                    }
                case .beeindigd(let naam, let opvolger):
                    fout(.gemeentecode, "gemeenteBeeindigd", Tekst("Gemeente \(naam) bestaat niet meer." + (opvolger.map { " Gebruik gemeentecode \($0)." } ?? ""),
                                                                      "The municipality \(naam) no longer exists." + (opvolger.map { " Use code \($0)." } ?? "")))
                case .onbekend:
                    fout(.gemeentecode, "gemeenteOnbekend", Tekst("Er is geen gemeente met code \(code).", "There is no municipality with code \(code)."))
                }
            case (nil, let abo?):
                if !org.heeft(.rni) {
                    fout(.rniDeelnemer, "alleenRvIG", Tekst("Alleen RvIG stuurt door naar een RNI-deelnemer.", "Only RvIG forwards to an RNI participant."))
                } else {
                    nieuweBijhouder = try await Organisatie.query(on: db).filter(\.$rniDeelnemerCode == abo).first()
                    if nieuweBijhouder == nil { fout(.rniDeelnemer, "onbekend", Tekst("Deze RNI-deelnemer (\(abo)) bestaat niet.", "This RNI participant (\(abo)) does not exist.")) }
                }
            case (nil, nil):
                fout(.gemeentecode, "required", org.heeft(.rni) ? Tekst("Kies de juiste gemeente of RNI-deelnemer.", "Choose the right municipality or RNI participant.")
                                                                : Tekst("Kies de juiste gemeente.", "Choose the right municipality."))
            case (.some, .some):
                fout(.rniDeelnemer, "éénVan", Tekst("Kies een gemeente of een RNI-deelnemer, niet allebei.", "Choose a municipality or an RNI participant, not both."))
            }
            if let n = nieuweBijhouder, n.id == org.id {
                fout(verzoek.gemeentecode != nil ? .gemeentecode : .rniDeelnemer, "zelfdeBronhouder", Tekst("U bent zelf de huidige bronhouder; kies een andere.", "You are the current keeper yourself; choose another."))
            }
        } else if verzoek.gemeentecode != nil || verzoek.rniDeelnemer != nil {
            fout(verzoek.gemeentecode != nil ? .gemeentecode : .rniDeelnemer, "nietBijStatus", Tekst("Een nieuwe bronhouder hoort alleen bij de status ‘Verkeerde bronhouder’.", "A new keeper belongs only with the status ‘Wrong keeper’."))
        }
        if verzoek.verwachteDatum != nil && nieuw != .ingepland {
            fout(.verwachteDatum, "nietBijStatus", Tekst("Een verwachte datum hoort alleen bij de status ‘Ingepland’.", "An expected date belongs only with the status ‘Scheduled’."))
        }

        if nieuw == .gemeld {
            fout(.status, "nietTeZetten", Tekst("De status ‘Gemeld’ ontstaat alleen bij ontvangst of doorsturen.", "The status ‘Reported’ arises only on receipt or forwarding."))
        }

        // Order of answers: a stranger gets 404, an unknown status 400, the wrong party 403,
        // other field errors 400 (all at once), a step the model does not allow 409.
        let tm = try await zoekAlsPartij(id, org, partijen)
        guard let nieuw, nieuw != .gemeld else { throw Weigering.ongeldig(fouten) }

        let partij = nieuw.gezetDoor
        let isPartij = partijen.contains(partij) && (partij == .afnemer ? tm.$afnemer.id == org.id : tm.$bijhouder.id == org.id)
        if !isPartij {
            throw Weigering.geenToegang(nieuw == .ingetrokken ? .alleenAfnemerTrektIn : .alleenBijhouder(nieuw))
        }
        guard fouten.isEmpty else { throw Weigering.ongeldig(fouten) }
        let huidig = tm.status
        do {
            try controleerStatusovergang(van: huidig, naar: nieuw, door: partij, rni: partij == .bijhouder && org.heeft(.rni))
        } catch .rniStuurtAlleenDoor {
            throw Weigering.conflict(.rniStuurtAlleenDoor)
        } catch {
            throw Weigering.conflict(.terugmeldingOvergang(van: huidig, naar: nieuw))
        }

        let gelezenVolgnummer = tm.laatsteVolgnummer
        let vorigeBijhouder = tm.$bijhouder.id
        let keuzes = (datum: verwachteDatum, uitkomst: uitkomst, bijhouder: nieuweBijhouder)
        do {
            try await schrijver.schrijf(op: db) { tx in
                var n = tm.laatsteVolgnummer + 1
                let stap = nieuweStatus(id, volgnummer: n, nieuw, door: org.id, tijdstip: nu)
                if let vastlegging { stap.id = vastlegging.stap }
                stap.toelichting = (toelichting?.isEmpty ?? true) ? nil : toelichting
                stap.verwachteDatum = keuzes.datum
                stap.uitkomst = keuzes.uitkomst
                stap.$nieuweBijhouder.id = keuzes.bijhouder?.id
                try await stap.create(on: tx)
                for a in vastlegging?.annotaties ?? [] {
                    a.volgnummer = n
                    try await a.create(on: tx)
                }

                if huidig == .gemeld && tm.opgepaktOp == nil {
                    tm.opgepaktOp = Dag(nu)
                    tm.termijnTeLaat = Dag(nu) > tm.uiterlijkInBehandelingOp
                }
                tm.status = nieuw
                if nieuw == .verkeerdeBronhouder, let nieuweBijhouder = keuzes.bijhouder {
                    // Leaves this inbox and arrives at the right bronhouder as new, with a new deadline.
                    n += 1
                    try await nieuweStatus(id, volgnummer: n, .gemeld, door: nieuweBijhouder.id, tijdstip: nu).create(on: tx)
                    tm.$bijhouder.id = try nieuweBijhouder.requireID()
                    tm.status = .gemeld
                    tm.uiterlijkInBehandelingOp = try kalender.plusWerkdagen(Self.termijnWerkdagen, na: Dag(nu))
                    tm.opgepaktOp = nil
                    tm.termijnTeLaat = nil
                }
                tm.laatsteVolgnummer = n
                try await tm.save(on: tx)
                let contact = try await TerugmeldingInhoud.find(id, on: tx)
                    .flatMap { try $0.invoer() }?.terugMeldingHeader?.melder?.email
                let doorgestuurd = nieuw == .verkeerdeBronhouder && keuzes.bijhouder != nil
                try await boekStatuswijziging(tm, van: huidig, bijhouder: vorigeBijhouder, naar: nieuw, door: org.id,
                                              contact: contact, gebeurtenis: !doorgestuurd, on: tx)
                if doorgestuurd, let nieuweBijhouder = keuzes.bijhouder {
                    for b in try await berichten.terugmeldingAangekomen(tm, bij: nieuweBijhouder, doorgestuurd: true, nu: nu, on: tx) { try await b.create(on: tx) }
                }
                try await bijStatuswijziging?(TerugmeldingGewijzigd(
                    terugmelding: id, status: tm.status, uitkomst: keuzes.uitkomst,
                    toelichting: (toelichting?.isEmpty ?? true) ? nil : toelichting, verwachteDatum: keuzes.datum,
                    nieuweBijhouder: keuzes.bijhouder?.id, door: org.naam), tx)
            }
        } catch {
            // The unique (terugmelding, volgnummer) refused a second change at the same moment.
            if await verlorRace(error, gelezen: gelezenVolgnummer, opnieuw: { try await Terugmelding.find(id, on: db)?.laatsteVolgnummer }) {
                throw Weigering.conflict(.tegelijkGewijzigd)
            }
            throw error
        }
        return try await detailZonderLog(id)
    }

    /// What follows every status change once its row is saved: the folder counts move, the
    /// parties hear of it, the processing log records it — in the change's transaction.
    func boekStatuswijziging(_ tm: Terugmelding, van huidig: TerugmeldingStatus, bijhouder vorige: UUID, naar nieuw: TerugmeldingStatus,
                             door org: UUID?, contact: String?, gebeurtenis: Bool = true, on tx: any Database) async throws {
        try await Terugmeldingtellingen.verplaatst(tm, van: vorige, huidig, on: tx)
        try await berichten.terugmeldingGewijzigd(tm, status: nieuw, contact: contact, gebeurtenis: gebeurtenis, nu: nu, on: tx)
        try await Verwerkingslog.schrijf([Verwerkingslog.regel(.statuswijziging, organisatie: org, terugmelding: try tm.requireID(),
                                                               betrokkene: tm.betrokkeneHash, traceID: traceID, tijdstip: nu)], on: tx)
    }

    func nieuweStatus(_ id: UUID, volgnummer: Int, _ status: TerugmeldingStatus, door org: UUID?, tijdstip: Date) -> Statuswijziging {
        let s = Statuswijziging()
        s.id = UUID.v7(tijdstip)
        s.$terugmelding.id = id
        s.volgnummer = volgnummer
        s.status = status
        s.tijdstip = tijdstip
        s.$organisatie.id = org
        return s
    }

    // MARK: Attachments

    package func bijlage(_ id: UUID, _ bijlageID: UUID, voor org: OrganisatieDTO, als partijen: Set<TerugmeldingPartij>) async throws -> (Bijlage, Data) {
        let tm = try await zoekAlsPartij(id, org, partijen)
        guard let b = try await Bijlage.query(on: db).filter(\.$id == bijlageID).filter(\.$terugmelding.$id == id).first(),
              let inhoud = try await BijlageInhoud.find(b.sha256, on: db)
        else { throw Weigering.nietGevonden(.bijlage) }
        try await logboek([Verwerkingslog.regel(.bijlageRaadplegen, organisatie: org.id, terugmelding: id, betrokkene: tm.betrokkeneHash, traceID: traceID, tijdstip: nu)])
        return (b, inhoud.data)
    }


    package init(db: any Database, referentie: Referentiedata, pseudoniemen: Pseudonimiseerder, kalender: Werkdagkalender, nu: Date, traceID: String, berichten: Berichtgeving) {
        self.berichten = berichten
        self.db = db
        self.referentie = referentie
        self.pseudoniemen = pseudoniemen
        self.kalender = kalender
        self.nu = nu
        self.traceID = traceID
    }
}
