import FluentKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain

/// A case linked to this one: the same problem seen twice, or merged into one that carries on.
package struct KoppelingDTO: Codable, Sendable, Equatable {
    package let zaaknummer: String
    /// verwant, samengevoegd (this case was merged into the other) or opgenomen (the other into this one).
    package let soort: String
    package let status: MeldingStatus
    package let href: APIAdres
}

package struct KoppelingInvoer: Codable, Sendable {
    package var zaaknummer: String?
    /// true: close this case and carry on in the other (the melder is told, without the other's number).
    package var samenvoegen: Bool?

    package init(zaaknummer: String? = nil, samenvoegen: Bool? = nil) {
        self.zaaknummer = zaaknummer
        self.samenvoegen = samenvoegen
    }
}

extension Meldingbehandeling {
    /// The cases linked to this one, in the order they were linked.
    package func koppelingen(_ zaaknummer: Zaaknummer, door: Handelende) async throws -> [KoppelingDTO] {
        try zaken.vereisMeldpunt(door)
        let m = try await zaken.zoek(zaaknummer)
        let rijen = try await MeldingKoppeling.query(on: db).filter(\.$melding.$id == m.requireID()).sort(\.$aangemaaktOp).sort(\.$id).all()
        guard !rijen.isEmpty else { return [] }
        let anderen = Dictionary(try await Melding.query(on: db).filter(\.$id ~~ rijen.map { $0.$ander.id }).all().compactMap { a in a.id.map { ($0, a) } },
                                 uniquingKeysWith: { a, _ in a })
        return rijen.compactMap { r in
            anderen[r.$ander.id].map { KoppelingDTO(zaaknummer: $0.zaaknummer, soort: r.soort, status: $0.status, href: .melding(zaaknummer: $0.zaaknummer)) }
        }
    }

    /// Links this case to another about the same problem, or merges it into that one: this case
    /// closes (outcome `samengevoegd`) and the other carries on. Both timelines say so.
    package func koppel(_ zaaknummer: Zaaknummer, _ v: KoppelingInvoer, door: Handelende) async throws -> MeldingDetailDTO {
        try zaken.vereisMeldpunt(door)
        let m = try await zaken.zoek(zaaknummer)
        let id = try m.requireID()
        if try await MeldingPersoonsgegevens.find(id, on: db) == nil { throw Weigering.conflict(.meldingGesloten) }
        let tekst = (v.zaaknummer ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        guard let nummer = Zaaknummer(tekst) else {
            throw Weigering.ongeldig(.zaaknummer, tekst.isEmpty ? "required" : "pattern",
                                     Tekst("Vul het zaaknummer van de andere melding in, zoals MFO-2026-000123.", "Enter the other case's number, such as MFO-2026-000123."))
        }
        guard let ander = try await Melding.query(on: db).filter(\.$zaaknummer == nummer.description).first() else {
            throw Weigering.ongeldig(.zaaknummer, "onbekend", Tekst("Er is geen melding met dit zaaknummer.", "There is no case with this number."))
        }
        let anderID = try ander.requireID()
        guard anderID != id else {
            throw Weigering.ongeldig(.zaaknummer, "zelfde", Tekst("Dit is deze melding zelf; kies een andere.", "This is this case itself; choose another."))
        }
        if try await MeldingKoppeling.query(on: db).filter(\.$melding.$id == id).filter(\.$ander.$id == anderID).count() > 0 {
            throw Weigering.ongeldig(.zaaknummer, "alGekoppeld", Tekst("Deze meldingen zijn al gekoppeld.", "These cases are linked already."))
        }
        let samenvoegen = v.samenvoegen == true
        if samenvoegen {
            try zaken.vereisOpen(m)
            guard !ander.status.isGesloten, try await MeldingPersoonsgegevens.find(anderID, on: db) != nil else {
                throw Weigering.ongeldig(.zaaknummer, "gesloten", Tekst("De andere melding is gesloten; samenvoegen kan alleen met een melding die verder gaat.",
                                                                      "The other case is closed; merging needs a case that carries on."))
            }
            let open = try await Verzoek.query(on: db).filter(\.$melding.$id == id).all().filter { $0.status.isOpen || ($0.opgeschortOp != nil && $0.opgehevenOp == nil) }
            guard open.isEmpty else {
                throw Weigering.ongeldig(.samenvoegen, "lopendeVerzoeken", Tekst("Deze melding heeft nog lopende verzoeken of opschortingen bij organisaties. Rond die eerst af, dan kan zij worden samengevoegd.",
                                                                               "This case still has running requests or suspensions with organisations. Finish those first; then it can be merged."))
            }
        }
        let wie = door.naam
        let anderGelezen = ander.laatsteVolgnummer
        do {
            return try await koppelStap(m, id: id, anderID: anderID, samenvoegen: samenvoegen, wie: wie, door: door)
        } catch let w as Weigering {
            throw w
        } catch {
            // A step on the other case at the same moment took its timeline number: a 409 as for this case's own.
            if (error as? any DatabaseError)?.isConstraintFailure == true,
               await verlorRace(error, gelezen: anderGelezen, opnieuw: { [db] in try await Melding.find(anderID, on: db)?.laatsteVolgnummer }) {
                throw Weigering.conflict(.tegelijkGewijzigd)
            }
            throw error
        }
    }

    private func koppelStap(_ m: Melding, id: UUID, anderID: UUID, samenvoegen: Bool, wie: String, door: Handelende) async throws -> MeldingDetailDTO {
        try await zaken.voerUit(m, samenvoegen ? .sluiten : nil, door: door) { [nu, zaken] m, tx in
            try await MeldingKoppeling(melding: id, ander: anderID, soort: samenvoegen ? "samengevoegd" : "verwant", door: wie, op: nu).create(on: tx)
            try await MeldingKoppeling(melding: anderID, ander: id, soort: samenvoegen ? "opgenomen" : "verwant", door: wie, op: nu).create(on: tx)
            // The other case's timeline, in the same transaction (its number claimed like any step's).
            guard let a = try await Melding.find(anderID, on: tx) else { throw Weigering.conflict(.tegelijkGewijzigd) }
            a.laatsteVolgnummer += 1
            try await zaken.legVast(a, Gebeurtenis(soort: samenvoegen ? .samengevoegd : .gekoppeld,
                                                   tekst: samenvoegen ? "Melding \(m.zaaknummer) is hiermee samengevoegd en gesloten." : nil,
                                                   gegevens: GebeurtenisGegevens(gekoppeld: m.zaaknummer)), door: wie, on: tx)
            try await a.save(on: tx)
            guard samenvoegen else { return [Gebeurtenis(soort: .gekoppeld, gegevens: GebeurtenisGegevens(gekoppeld: a.zaaknummer))] }
            m.uitkomst = .samengevoegd
            m.volgendeStap = nil
            m.volgendeStapOp = nil
            return [Gebeurtenis(soort: .samengevoegd, tekst: "Samengevoegd met \(a.zaaknummer), die verder gaat.", gegevens: GebeurtenisGegevens(gekoppeld: a.zaaknummer)),
                    Gebeurtenis(soort: .gesloten,
                                tekst: "Wij behandelen uw vraag verder samen met een andere melding over hetzelfde probleem. Daarom hebben wij deze melding gesloten. U hoort van ons hoe het verder gaat.",
                                zichtbaar: true, gegevens: GebeurtenisGegevens(status: .melding(.gesloten), uitkomst: .melding(.samengevoegd)))]
        }
    }
}
