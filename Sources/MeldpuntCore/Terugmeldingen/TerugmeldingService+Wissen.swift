import FluentKit
import Foundation
import MeldpuntDomain

extension TerugmeldingService {
    /// The person behind a terugmelding withdrew their consent (a melder of the case it was filed
    /// from): withdrawn by its afnemer when still open — a status change like any other, so the
    /// folder counts, the history, the bronhouder's events and the processing log follow — and its
    /// person, texts and files erased. Runs inside the caller's transaction (`op(tx)`); returns the
    /// hashes of the files it let go, for the caller to clean up with its own.
    package func wisNaIntrekkingToestemming(_ id: UUID, reden: Wisreden = .toestemmingIngetrokken) async throws -> Set<String> {
        guard let tm = try await Terugmelding.find(id, on: db) else { return [] }
        let huidig = tm.status
        if reden == .toestemmingIngetrokken && !huidig.isTerminal && huidig.volgende.contains(.ingetrokken) {
            tm.laatsteVolgnummer += 1
            let stap = nieuweStatus(id, volgnummer: tm.laatsteVolgnummer, .ingetrokken, door: tm.$afnemer.id, tijdstip: nu)
            stap.toelichting = "Ingetrokken: de melder heeft de toestemming ingetrokken."
            try await stap.create(on: db)
            tm.status = .ingetrokken
        }
        tm.bsn = nil
        tm.anummer = nil
        tm.adres = nil
        tm.referentiekenmerk = nil
        tm.toelichtingKort = reden.tekst
        try await tm.save(on: db)
        if tm.status != huidig {
            // No mail: the afnemer's contact was the person's own data, erased below.
            try await boekStatuswijziging(tm, van: huidig, bijhouder: tm.$bijhouder.id, naar: .ingetrokken, door: tm.$afnemer.id, contact: nil, on: db)
        }
        try await TerugmeldingInhoud.query(on: db).filter(\.$id == id).set(\.$inhoud, to: "{}").update()
        try await Patroonherkenning.vergeet(id, on: db)
        // A Digimelding system's annotations carry the contact's name, the texts and the person's key.
        try await Annotatierij.query(on: db).filter(\.$terugmelding.$id == id).delete()
        try await Statuswijziging.query(on: db).filter(\.$terugmelding.$id == id).filter(\.$toelichting != nil)
            .filter(\.$status != TerugmeldingStatus.ingetrokken).set(\.$toelichting, to: nil).update()
        let bijlagen = try await Bijlage.query(on: db).filter(\.$terugmelding.$id == id).all()
        try await Bijlage.query(on: db).filter(\.$terugmelding.$id == id).delete()
        return Set(bijlagen.map(\.sha256))
    }
}
