import FluentKit
import Foundation
import MeldpuntDomain

/// Where the two engines meet, above both: a terugmelding filed from an MFO case with its linked
/// correctie request, and every later status change of that terugmelding moving the request.
/// The terugmeld engine knows nothing of cases; it reports its changes through a callback.
package struct Coordinatie: Sendable {
    package let meldingen: MeldingService
    /// The terugmeld engine with the callback wired to the case engine.
    package let terugmeldingen: TerugmeldingService

    package init(meldingen: MeldingService, terugmeldingen: TerugmeldingService) {
        self.meldingen = meldingen
        var t = terugmeldingen
        t.bijStatuswijziging = { wijziging, tx in
            try await Coordinatie.terugmeldingGewijzigd(wijziging, meldingen.op(tx))
        }
        self.terugmeldingen = t
    }

    /// Files a terugmelding to the bronhouder on behalf of the meldpunt, and a correctie request
    /// to that bronhouder linked to it: the terugmelding's progress then moves the request.
    package func terugmeldingVanuitMelding(_ zaaknummer: Zaaknummer, _ tm: TerugmeldingInvoer, vraag: String?, gedeeld: [String]?,
                                           door: Handelende) async throws -> VerzoekDTO {
        let nu = meldingen.nu
        try meldingen.vereisMeldpuntOrg(door)
        let m = try await meldingen.zoek(zaaknummer)
        try meldingen.vereisOpenMelding(m)
        let eigenVraag = vraag.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        // The request's own fields are checked before anything is filed: a 400 leaves nothing behind.
        _ = try valideer { () throws(ValidatieFouten) in
            try valideerNieuwVerzoek(NieuwVerzoekInvoer(soort: VerzoekSoort.correctie.rawValue, vraag: eigenVraag ?? "correctie", gedeeldeGegevens: gedeeld),
                                     vandaag: Dag(nu), organisatieVerplicht: false)
        }
        // The terugmelding and its linked request are one write: never one without the other.
        return try await meldingen.db.schrijf { tx in
            let gemeld = try await terugmeldingen.op(tx).maak(tm, door: door.organisatie)
            guard let id = UUID(uuidString: gemeld.terugMeldingReferentie), let t = try await Terugmelding.find(id, on: tx),
                  let bijhouder = try await Organisatie.find(t.$bijhouder.id, on: tx)
            else { throw Weigering.nietGevonden(.bron) }
            let omschrijving = "Terugmelding over \(gemeld.registratie) aan \(bijhouder.naam): graag de gegevens corrigeren."
            let invoer = NieuwVerzoekInvoer(soort: VerzoekSoort.correctie.rawValue, vraag: eigenVraag ?? omschrijving, gedeeldeGegevens: gedeeld)
            return try await meldingen.op(tx).verzoeken.nieuwVerzoek(zaaknummer, invoer, door: door, organisatie: bijhouder, terugmelding: id)
        }
    }


    /// Withdrawing consent closes the case and erases its personal data everywhere, each engine
    /// its own tables in one transaction: the case, its timeline and partner requests here; the
    /// terugmeldingen the meldpunt filed from it withdrawn (when still open) and erased by the
    /// terugmeld engine, so its folder counts, history and events stay right; the files last.
    package func trekToestemmingIn(token: String) async throws {
        let m = try await meldingen.metToken(token)
        try await meldingen.db.schrijf { tx in
            let gewist = try await meldingen.op(tx).wisNaIntrekkingToestemming(m)
            var bytes = gewist.bijlagen
            for id in gewist.terugmeldingen {
                bytes.formUnion(try await terugmeldingen.op(tx).wisNaIntrekkingToestemming(id))
            }
            try await BijlageOpslag.ruimOp(bytes, on: tx)
        }
    }

    /// Inside the terugmeld engine's transaction when a terugmelding changes: the linked
    /// correctie request follows, and the step lands on the case timeline.
    static func terugmeldingGewijzigd(_ w: TerugmeldingGewijzigd, _ meldingen: MeldingService) async throws {
        let (terugmelding, status, uitkomst, toelichting) = (w.terugmelding, w.status, w.uitkomst, w.toelichting)
        let (verwachteDatum, nieuweBijhouder, door, tx) = (w.verwachteDatum, w.nieuweBijhouder, w.door, meldingen.db)
        for v in try await Verzoek.query(on: tx).filter(\.$terugmelding.$id == terugmelding).all() {
            try await meldingen.legVerzoekStapVast(v, kant: .bronhouder, door: door, organisatie: nil, gebruiker: nil, on: tx) { v, _, _ in
                var stappen = [MeldingService.VerzoekStap(soort: .terugmeldingStatus, tekst: toelichting,
                                           gegevens: GebeurtenisGegevens(uitkomst: uitkomst.map(Stapuitkomst.terugmelding), terugmeldingStatus: status))]
                guard v.status.isOpen else { return stappen }
                switch status {
                case .inBehandeling, .ingepland:
                    if v.status == .verzonden { v.status = .geaccepteerd; stappen.append(MeldingService.VerzoekStap(soort: .geaccepteerd)) }
                    if let d = verwachteDatum { v.uiterlijk = d; v.termijnDoor = .partner }
                case .afgehandeld where uitkomst != .ongewijzigd:
                    v.status = .uitgevoerd
                    stappen.append(MeldingService.VerzoekStap(soort: .uitgevoerd, tekst: toelichting))
                case .afgehandeld, .onvoldoendeInformatie:
                    v.status = .afgewezen
                    v.reden = toelichting
                    stappen.append(MeldingService.VerzoekStap(soort: .afgewezen, tekst: toelichting))
                case .gemeld where nieuweBijhouder != nil:
                    // Forwarded: the request goes to the new bronhouder and starts again.
                    v.$organisatie.id = nieuweBijhouder!
                    v.status = .verzonden
                    v.$contactpersoon.id = try await meldingen.contactpersoon(nieuweBijhouder!, v.niveau, on: tx)?.id
                default: break
                }
                return stappen
            }
        }
    }
}
