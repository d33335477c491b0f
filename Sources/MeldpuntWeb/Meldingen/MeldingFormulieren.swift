import Foundation
import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// A form as posted: its fields, given back as typed after a refusal.
protocol Formulier: Content {}

extension Formulier {
    /// What was typed, by field name, to show again after a refusal.
    var ingevuld: [String: String] {
        var r: [String: String] = [:]
        for kind in Mirror(reflecting: self).children {
            guard let naam = kind.label else { continue }
            if let w = kind.value as? String?, let w { r[naam] = w }
            if let l = kind.value as? [String]?, let l { r[naam] = l.joined(separator: ",") }
        }
        return r
    }
}

/// One form on the case page: the fields it posts and the one step it asks of the case engine.
/// A refused step comes back with the messages next to this form's own fields.
protocol MeldingFormulier: Formulier {
    static var actie: Meldingactie { get }
    func voerUit(_ zaaknummer: Zaaknummer, door: Handelende, _ req: Request) async throws
    /// The form's field for a name the engine uses (they differ where the API nests).
    static func veld(_ veld: Veld) -> String
}

extension MeldingFormulier {
    static func veld(_ veld: Veld) -> String { veld.formulierveld }
}

/// nil for a field left empty: a select's "choose…" option or only spaces.
func leeg(_ s: String?) -> String? {
    guard let s, !s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
    return s
}

private func regels(_ s: String?) -> [String] { (s ?? "").split(whereSeparator: \.isNewline).map(String.init) }

struct ContactFormulier: MeldingFormulier {
    static let actie = Meldingactie.contact
    var datum, kanaal, samenvatting: String?
    /// "nee": an attempt that did not reach the melder.
    var bereikt: String?
    func voerUit(_ z: Zaaknummer, door g: Handelende, _ req: Request) async throws {
        _ = try await req.meldingen.behandeling.legContactVast(z, ContactInvoer(datum: datum, kanaal: leeg(kanaal), samenvatting: samenvatting,
                                                                                bereikt: bereikt == "nee" ? false : nil), door: g)
    }
}

struct ToewijzenFormulier: MeldingFormulier {
    static let actie = Meldingactie.toewijzen
    var email, team: String?
    func voerUit(_ z: Zaaknummer, door g: Handelende, _ req: Request) async throws {
        _ = try await req.meldingen.behandeling.wijsToe(z, email: email, team: team, door: g)
    }
}

struct AnalyseFormulier: MeldingFormulier {
    static let actie = Meldingactie.analyse
    var oorsprongOrganisatie, oorsprongRegistratie, geraakteOrganisaties, geraakteRegistraties, complexiteit, bevinding, toelichting: String?
    func voerUit(_ z: Zaaknummer, door g: Handelende, _ req: Request) async throws {
        _ = try await req.meldingen.behandeling.legAnalyseVast(z, AnalyseInvoer(
            oorsprongOrganisatie: oorsprongOrganisatie, oorsprongRegistratie: oorsprongRegistratie,
            geraakteOrganisaties: regels(geraakteOrganisaties), geraakteRegistraties: regels(geraakteRegistraties),
            complexiteit: leeg(complexiteit), bevinding: leeg(bevinding), toelichting: toelichting), door: g)
    }
}

struct RolFormulier: MeldingFormulier {
    static let actie = Meldingactie.rol
    var rol, reden: String?
    func voerUit(_ z: Zaaknummer, door g: Handelende, _ req: Request) async throws {
        _ = try await req.meldingen.behandeling.kiesRol(z, RolkeuzeInvoer(rol: leeg(rol), reden: reden), door: g)
    }
}

struct ContactgegevensFormulier: MeldingFormulier {
    static let actie = Meldingactie.contactgegevens
    var naam, email, telefoon, adres, postcode, woonplaats, voorkeurKanaal: String?
    func voerUit(_ z: Zaaknummer, door g: Handelende, _ req: Request) async throws {
        _ = try await req.meldingen.behandeling.corrigeerContactgegevens(z, ContactgegevensInvoer(
            naam: naam, email: email, telefoon: telefoon, adres: adres, postcode: postcode, woonplaats: woonplaats, voorkeurKanaal: leeg(voorkeurKanaal)), door: g)
    }
    /// The engine names the melder's fields under `melder`; the form has them flat.
    static func veld(_ veld: Veld) -> String { veld.namen.last?.rawValue ?? "" }
}

struct HeropenenFormulier: MeldingFormulier {
    static let actie = Meldingactie.heropenen
    var reden: String?
    func voerUit(_ z: Zaaknummer, door g: Handelende, _ req: Request) async throws {
        _ = try await req.meldingen.behandeling.heropen(z, reden: reden, door: g)
    }
}

struct KoppelenFormulier: MeldingFormulier {
    static let actie = Meldingactie.koppelen
    var zaaknummer, samenvoegen: String?
    func voerUit(_ z: Zaaknummer, door g: Handelende, _ req: Request) async throws {
        _ = try await req.meldingen.behandeling.koppel(z, KoppelingInvoer(zaaknummer: zaaknummer, samenvoegen: samenvoegen == "ja"), door: g)
    }
}

struct NotitieFormulier: MeldingFormulier {
    static let actie = Meldingactie.notitie
    var tekst: String?
    func voerUit(_ z: Zaaknummer, door g: Handelende, _ req: Request) async throws {
        _ = try await req.meldingen.behandeling.schrijf(z, tekst: tekst, aanMelder: false, door: g)
    }
}

struct BerichtFormulier: MeldingFormulier {
    static let actie = Meldingactie.bericht
    var tekst: String?
    func voerUit(_ z: Zaaknummer, door g: Handelende, _ req: Request) async throws {
        _ = try await req.meldingen.behandeling.schrijf(z, tekst: tekst, aanMelder: true, door: g)
    }
}

struct VolgendeStapFormulier: MeldingFormulier {
    static let actie = Meldingactie.volgendeStap
    var tekst, datum: String?
    func voerUit(_ z: Zaaknummer, door g: Handelende, _ req: Request) async throws {
        _ = try await req.meldingen.behandeling.zetVolgendeStap(z, VolgendeStapInvoer(tekst: tekst, datum: datum), door: g)
    }
}

struct WachtFormulier: MeldingFormulier {
    static let actie = Meldingactie.wacht
    func voerUit(_ z: Zaaknummer, door g: Handelende, _ req: Request) async throws {
        _ = try await req.meldingen.behandeling.wijzigStatus(z, MeldingStatuswijzigingInvoer(status: MeldingStatus.wachtOpOrganisaties.rawValue), door: g)
    }
}

struct HervattenFormulier: MeldingFormulier {
    static let actie = Meldingactie.hervatten
    func voerUit(_ z: Zaaknummer, door g: Handelende, _ req: Request) async throws {
        _ = try await req.meldingen.behandeling.wijzigStatus(z, MeldingStatuswijzigingInvoer(status: MeldingStatus.inBehandeling.rawValue), door: g)
    }
}

struct SluitenFormulier: MeldingFormulier {
    static let actie = Meldingactie.sluiten
    var uitkomst, samenvatting, scopeReden, redenOpenCorrecties, afsluitgrond, opschortingBesluit: String?
    /// "controle" (to the check page), "wijzig" (back to the form) or "bevestig" (close).
    var stap: String?
    var invoer: MeldingStatuswijzigingInvoer {
        MeldingStatuswijzigingInvoer(status: MeldingStatus.gesloten.rawValue, uitkomst: leeg(uitkomst), samenvatting: samenvatting,
                                     scopeReden: leeg(scopeReden), redenOpenCorrecties: leeg(redenOpenCorrecties), afsluitgrond: leeg(afsluitgrond),
                                     opschortingBesluit: leeg(opschortingBesluit))
    }
    func voerUit(_ z: Zaaknummer, door g: Handelende, _ req: Request) async throws {
        _ = try await req.meldingen.behandeling.wijzigStatus(z, invoer, door: g)
    }
}

struct EscalerenFormulier: MeldingFormulier {
    static let actie = Meldingactie.escaleren
    var reden: String?
    func voerUit(_ z: Zaaknummer, door g: Handelende, _ req: Request) async throws {
        _ = try await req.meldingen.verzoeken.escaleerMelding(z, reden: reden, door: g)
    }
}

/// A request to a partner organisation, with its suspension or meeting details.
struct VerzoekFormulier: MeldingFormulier {
    static let actie = Meldingactie.verzoek
    var organisatie, soort, vraag, uiterlijk, actie, kenmerk, tot, overlegDatum, deelnemers: String?
    var gedeeld: [String]?

    func voerUit(_ z: Zaaknummer, door g: Handelende, _ req: Request) async throws {
        var org: Organisatie?
        if let id = organisatie.flatMap(UUID.init(uuidString:)) { org = try await Organisatie.find(id, on: req.db) }
        let soort = leeg(soort)
        // Without an organisation the engine checks the rest as well: every problem in one round.
        _ = try await req.meldingen.verzoeken.nieuwVerzoek(z, NieuwVerzoekInvoer(
            soort: soort, vraag: vraag, uiterlijk: leeg(uiterlijk), gedeeldeGegevens: gedeeld ?? [],
            opschorting: soort == VerzoekSoort.opschorting.rawValue ? .init(actie: leeg(actie), kenmerk: leeg(kenmerk), tot: leeg(tot)) : nil,
            overleg: soort == VerzoekSoort.overleg.rawValue ? .init(datum: leeg(overlegDatum), deelnemers: deelnemers) : nil), door: g, organisatie: org)
    }

    static func veld(_ veld: Veld) -> String { veld.verzoekformulierveld }
}

/// A terugmelding about one BRP item of the person, on behalf of the meldpunt.
struct TerugmeldingFormulier: MeldingFormulier {
    static let actie = Meldingactie.terugmelding
    var gemeentecode, bsn, gegeven, betwijfeld, voorgesteld, toelichting: String?
    var gedeeld: [String]?

    func voerUit(_ z: Zaaknummer, door g: Handelende, _ req: Request) async throws {
        // The picker offers "0363 Amsterdam"; a name or a bare code works too.
        var f = self
        f.gemeentecode = gemeentecode.map { NieuweTerugmeldingController.gemeentecode($0, req.application.referentiedata) ?? $0 }
        _ = try await req.coordinatie.terugmeldingVanuitMelding(z, f.terugmelding(door: g, vandaag: Dag(req.application.klok.nu())),
                                                                vraag: nil, gedeeld: gedeeld ?? [], door: g)
    }

    func terugmelding(door g: Handelende, vandaag: Dag) -> TerugmeldingInvoer {
        func schoon(_ s: String?) -> String? { leeg(s)?.trimmingCharacters(in: .whitespacesAndNewlines) }
        return TerugmeldingInvoer(
            terugMeldingHeader: .init(registratie: .init(naam: Registratie.brp.naam, code: "BRP", houder: nil, basisRegistratieCode: "BRP"),
                                      melder: .init(naam: g.gebruiker?.naam, telefoon: nil, email: g.gebruiker?.email, bedrijf: g.organisatie.naam, afdeling: nil),
                                      datumMelding: vandaag.description, referentiekenmerk: nil, peilmoment: nil,
                                      meldingBron: "Meldpunt", gemeentecode: schoon(gemeentecode), toelichting: schoon(toelichting)),
            terugMeldingBody: .init(objectIdentificatie: [.init(objectType: "persoon", attribuutUrn: PersoonUrn.bsn, idWaarde: schoon(bsn) ?? "")],
                                    geometry: nil,
                                    terugMeldingGegevens: [.init(objectType: "persoon", gegevensElementNaam: gegeven.flatMap { BRPAttribuut.met(urn: $0)?.naam },
                                                                 attribuut: nil, attribuutUrn: schoon(gegeven), betwijfeldeWaarde: schoon(betwijfeld),
                                                                 voorgesteldeWaarde: schoon(voorgesteld), eigenvelden: nil, bijlages: [])]))
    }

    static func veld(_ veld: Veld) -> String { veld.terugmeldformulierveld }
}
