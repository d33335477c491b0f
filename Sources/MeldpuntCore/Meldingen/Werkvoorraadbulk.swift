import FluentKit
import Foundation
import MeldpuntDomain

/// One step for several cases at once, from the werkvoorraad (issue 30).
package enum Bulkactie: Sendable {
    /// To this staff member (their e-mail address) and/or team (as on the case page).
    case toewijzen(email: String?, team: String?)
    /// A standard text for melders, its fields filled in per case in the melder's language.
    case bericht(standaardtekst: String?)
    /// Closed with the same outcome and summary.
    case sluiten(MeldingStatuswijzigingInvoer)
}

package struct Bulkresultaat: Sendable {
    package var gedaan: [String] = []
    /// The cases where the step was refused, each with why (closed already, a decision needed, …).
    package var nietGelukt: [(zaaknummer: String, weigering: Weigering)] = []
}

package enum BulkLimieten {
    /// One page of the werkvoorraad and then some: a bulk step stays one short request.
    package static let maxZaken = 100
}

extension Meldingbehandeling {
    /// Each case on its own, through the same use case (and its own transaction) as on the case
    /// page: one that cannot take the step is reported, the others are done. The action's own
    /// fields are checked once, before any case is touched.
    /// `alleenControleren`: the action's fields and the choice of cases checked, nothing done (the check page before closing).
    package func bulk(_ zaaknummers: [String], _ actie: Bulkactie, alleenControleren: Bool = false, door: Handelende) async throws -> Bulkresultaat {
        try zaken.vereisMeldpunt(door)
        var fouten: [OngeldigeParameter] = []
        var gezien = Set<String>()
        let nummers = zaaknummers.compactMap(Zaaknummer.init).filter { gezien.insert($0.description).inserted }
        if nummers.isEmpty {
            fouten.append(OngeldigeParameter(.zaken, code: "required", uitleg: Tekst("Kies eerst een of meer meldingen in de lijst.", "First choose one or more cases in the list.")))
        } else if nummers.count > BulkLimieten.maxZaken {
            fouten.append(OngeldigeParameter(.zaken, code: "maxItems", uitleg: Tekst("Kies hoogstens \(BulkLimieten.maxZaken) meldingen tegelijk.", "Choose at most \(BulkLimieten.maxZaken) cases at once.")))
        }
        var standaardtekst: StandaardtekstDTO?
        switch actie {
        case .toewijzen(let email, let team):
            do { _ = try await toewijzing(email: email, team: team) } catch let w as Weigering { fouten += w.velden ?? [] }
        case .bericht(let id):
            let teksten = Standaardteksten(db: db, nu: nu)
            if let id = id.flatMap(UUID.init(uuidString:)), let s = try? await teksten.tekst(id, organisatie: door.organisatie), s.actief, s.doel == .melder {
                standaardtekst = s
            } else {
                fouten.append(OngeldigeParameter(.standaardtekst, code: id == nil ? "required" : "enum",
                                                 uitleg: Tekst("Kies een standaardtekst voor melders.", "Choose a standard text for melders.")))
            }
        case .sluiten(let v):
            // What fits each case's analysis is checked per case.
            do { _ = try valideerSluiting(SluitingInvoer(uitkomst: v.uitkomst, samenvatting: v.samenvatting, scopeReden: v.scopeReden), bevinding: nil) } catch {
                fouten += error.fouten.filter { $0.code != "pastNietBijBevinding" }
            }
            if let g = v.afsluitgrond, Afsluitgrond(rawValue: g) == nil {
                fouten.append(OngeldigeParameter(.afsluitgrond, code: "enum", uitleg: Tekst("Kies een grond uit de lijst.", "Choose a ground from the list.")))
            }
        }
        guard fouten.isEmpty else { throw Weigering.ongeldig(fouten) }
        var r = Bulkresultaat()
        guard !alleenControleren else { return r }
        for z in nummers {
            do {
                switch actie {
                case .toewijzen(let email, let team):
                    _ = try await wijsToe(z, email: email, team: team, door: door)
                case .bericht:
                    guard let s = standaardtekst else { continue }
                    let m = try await zaken.zoek(z)
                    let p = try await MeldingPersoonsgegevens.find(m.id, on: db)
                    // The melder's name is read to fill the text in: logged like any read.
                    try await Verwerkingslog.regel(.meldingRaadplegen, organisatie: door.organisatie.id, melding: m.id, betrokkene: zaken.betrokkene(p),
                                                   traceID: traceID, tijdstip: nu, gebruiker: door.gebruiker?.id).create(on: db)
                    _ = try await schrijf(z, tekst: s.ingevuld(voor: try await zaken.detailZonderLog(m), nu: nu), aanMelder: true, door: door)
                case .sluiten(var v):
                    v.status = MeldingStatus.gesloten.rawValue
                    _ = try await wijzigStatus(z, v, door: door)
                }
                r.gedaan.append(z.description)
            } catch let w as Weigering {
                r.nietGelukt.append((z.description, w))
            } catch {
                // One case's failure never stops the others, nor hides what was done already.
                r.nietGelukt.append((z.description, .tijdelijkBezet))
            }
        }
        return r
    }

    /// The active meldpunt staff member with this e-mail address.
    func medewerker(_ email: String?) async throws -> Gebruiker {
        let adres = (email ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        guard !adres.isEmpty else { throw Weigering.ongeldig(.email, "required", Tekst("Kies een behandelaar (het e-mailadres van een medewerker).", "Choose a handler (a staff member\'s email address).")) }
        guard let g = try await Gebruiker.query(on: db).filter(\.$email == adres).filter(\.$actief == true).with(\.$organisatie).first(),
              g.rol == .meldpunt
        else { throw Weigering.ongeldig(.email, "geenMedewerker", Tekst("Er is geen actieve medewerker van het Meldpunt met dit e-mailadres.", "There is no active Meldpunt staff member with this email address.")) }
        return g
    }
}

extension StandaardtekstDTO {
    /// The text in the melder's language with the case's fields filled in; staff or the bulk step send it.
    package func ingevuld(voor d: MeldingDetailDTO, nu: Date) -> String {
        let taal = d.melding?.taal.flatMap(Taal.init(rawValue:)) ?? .nl
        return Standaardtekstvelden.vul(tekst(taal), [
            "naam": d.melding?.melder?.naam ?? "", "zaaknummer": d.zaaknummer, "datum": Datumweergave.voluit(Dag(nu), taal),
            "contactUiterlijk": Datumweergave.voluit(d.eersteContactUiterlijk, taal),
            "volgendeStapDatum": d.volgendeStap.map { Datumweergave.voluit($0.datum, taal) } ?? "",
        ])
    }
}
