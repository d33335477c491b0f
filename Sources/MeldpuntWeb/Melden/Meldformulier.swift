import Foundation
import MeldpuntCore
import MeldpuntDomain
import Vapor

/// The citizen's form as a model: its pages, what it holds, what each page shows, and the check
/// page's parts. Built without a request; MeldenController shows and checks it.
extension MeldenController {
    // MARK: The form, one topic per page

    /// The form's pages in order, each at its own address (`/melden/wie` …). What is typed is kept in
    /// the melder's sealed draft (Meldconcepten); each page is checked before the next one opens.
    enum Stap: String, CaseIterable, Sendable {
        case wie, over, wat, gevolgen, contact, bijlagen, controle

        /// "Over" (the business, organisation or person reported for) is not asked of a citizen.
        func geldt(_ type: MelderType?) -> Bool { self != .over || (type != nil && type != .burger) }

        /// The form's fields shown on this page (what a post of this page replaces in the draft).
        var velden: Set<String> {
            switch self {
            case .wie: ["melderType"]
            case .over: ["organisatieNaam", "kvkNummer", "vertegenwoordigdeNaam", "vertegenwoordigdeBsn", "toestemmingVertegenwoordigde"]
            case .wat: ["registraties", "andereRegistratie", "watIsFout", "watMoetHetZijn", "sinds"]
            case .gevolgen: ["betrokkenOrganisaties", "gevolgSoort", "gevolgOrganisatie", "gevolgDatum", "gevolgOmschrijving"]
            case .contact: ["naam", "email", "telefoon", "adres", "postcode", "woonplaats", "bsn", "voorkeurKanaal"]
            case .bijlagen: []
            case .controle: ["toestemming"]
            }
        }

        /// The page a field's error belongs on (by the field's id on the page).
        static func van(foutVeld id: String) -> Stap {
            if id.hasPrefix("gevolg") || id == "betrokkenOrganisaties" { return .gevolgen }
            if id.hasPrefix("registratie") { return .wat }
            if id == "melderTypeburger" { return .wie }
            if id == "bijlage" { return .bijlagen }
            return allCases.first { $0.velden.contains(id) } ?? .wie
        }
    }

    /// What the form holds: the draft between pages, and what one page posts.
    struct Formulier: Content {
        /// The answers before the form: the registration named first, a bezwaar ("ja": still running,
        /// "afgerond", "nee"), and whether the organisation was approached.
        var gekozenRegistratie: String?
        var bezwaar: String?
        var organisatieAlBenaderd: String?
        var redenNietBenaderd: String?
        var melderType: String?
        var organisatieNaam: String?
        var kvkNummer: String?
        var vertegenwoordigdeNaam: String?
        var vertegenwoordigdeBsn: String?
        var toestemmingVertegenwoordigde: String?
        /// Asked before the form: "onjuisteInterpretatie", the data are right and an organisation
        /// uses them wrongly (otherwise something is wrong in a registration).
        var probleemsoort: String?
        var registraties: [String]?
        var andereRegistratie: String?
        var betrokkenOrganisaties: String?
        var watIsFout: String?
        var watMoetHetZijn: String?
        var sinds: String?
        /// Several consequences: the i-th of each list belong together.
        var gevolgSoort: [String]?
        var gevolgOrganisatie: [String]?
        var gevolgDatum: [String]?
        var gevolgOmschrijving: [String]?
        var naam: String?
        var email: String?
        var telefoon: String?
        var adres: String?
        var postcode: String?
        var woonplaats: String?
        var bsn: String?
        var voorkeurKanaal: String?
        var toestemming: String?
        /// Attachments uploaded earlier in this form, as signed references (see `bijlageRef`).
        var bijlageRefs: [String]?
        var bijlage: [File]?
        /// Single use: a form sent twice (a refresh, the back button) files one melding.
        var formulierToken: String?
        /// The page this was sent from, and what the melder chose there: "verder", "terug",
        /// "gevolg" (one more consequence), "versturen", or a page's name to change it from the check page.
        var stap: String?
        var actie: String?
        /// Came to this page from the check page: "verder" goes back there.
        var vanControle: String?
        /// The problems found when a page was last sent, shown on that page (by its address: a
        /// step, "vragen" or "eerst-zelf") until the melder sends a page again.
        var fouten: [VeldFout]?
        var foutenOp: String?

        /// The problems to show on this page.
        func fouten(op pagina: String) -> [VeldFout] { foutenOp == pagina ? fouten ?? [] : [] }
    }

    /// A page of the form as shown.
    struct StapPagina: Encodable, Sendable {
        let stap: String
        let nummer: Int
        let aantal: Int
        let titel: String
        let f: Formulier
        let melderTypes: [Keuze]
        let registraties: [Keuze]
        let gevolgen: [GevolgRij]
        let kanGevolgToevoegen: Bool
        let kanalen: [Keuze]
        let bijlagen: [BijlageWeergave]
        let isBedrijf: Bool
        let isVoorIemandAnders: Bool
        let vraagBsn: Bool
        let secties: [Sectie]
        let toestemmingTekst: String
        let toestemmingVersie: String
        let fouten: [VeldFout]
        let foutVelden: [String: String]
        let vanControle: Bool
        let knop: String
    }

    struct GevolgRij: Encodable, Sendable {
        let nummer: Int
        let soorten: [Keuze]
        let organisatie: String
        let datum: String
        let omschrijving: String
        let soortFout: String?
        let organisatieFout: String?
        let datumFout: String?
        let omschrijvingFout: String?
    }

    /// A part of the check page: what was filled in on one page, with a button to change it.
    struct Sectie: Encodable, Sendable {
        let stap: String
        let titel: String
        let regels: [MeldingPagina.Regel]
    }

    struct BijlageWeergave: Encodable, Sendable { let ref: String; let naam: String }

    static let maxGevolgen = 5
    /// Every text field of a page at its longest (a multipart body, 4 bytes a character), with
    /// room to spare; files go through /melden/bestanden.
    static let maxStapBody = 512 * 1024

    /// The registrations a melder of this kind is offered, in words they know, and any chosen
    /// before (a citizen who named the KVK at the start keeps it).
    static func registraties(voor type: MelderType?, gekozen: [String]) -> [Registratie] {
        let eigen = registraties(voor: type)
        return eigen + Registratie.alle.filter { r in gekozen.contains(r.code) && !eigen.contains { $0.code == r.code } }
    }

    static func registraties(voor type: MelderType?) -> [Registratie] {
        let burger = ["BRP", "BRI", "BRV", "BRK", "BAG", "WOZ"]
        switch type {
        case .burger, nil: return burger.compactMap { Registratie.met(code: $0) }
        case .bedrijf: return (burger + ["HR"]).compactMap { Registratie.met(code: $0) }
        case .organisatie, .intermediair: return Registratie.alle
        }
    }

    static func registratieNaam(_ r: Registratie, _ t: [String: String]) -> String {
        t["registratieB1_\(r.code)"] ?? "\(r.naam) (\(r.code))"
    }

    static func element(_ lijst: [String]?, _ i: Int) -> String {
        guard let lijst, i < lijst.count else { return "" }
        return lijst[i]
    }

    /// The consequences filled in (a row left wholly empty is no consequence).
    static func gevolgen(_ f: Formulier) -> [MeldingInvoer.Gevolg] {
        let n = max(f.gevolgSoort?.count ?? 0, f.gevolgOrganisatie?.count ?? 0, f.gevolgDatum?.count ?? 0, f.gevolgOmschrijving?.count ?? 0)
        return (0..<min(n, maxGevolgen)).compactMap { i in
            let delen = [element(f.gevolgSoort, i), element(f.gevolgOrganisatie, i), element(f.gevolgDatum, i), element(f.gevolgOmschrijving, i)]
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            guard delen.contains(where: { !$0.isEmpty }) else { return nil }
            return .init(soort: delen[0].isEmpty ? nil : delen[0], organisatie: delen[1].isEmpty ? nil : delen[1],
                         omschrijving: delen[3].isEmpty ? nil : delen[3], uiterlijkeDatum: delen[2].isEmpty ? nil : delen[2])
        }
    }

    /// The check page's parts, in words (never codes).
    static func secties(_ f: Formulier, _ type: MelderType?, _ bijlagen: [BijlageWeergave], _ t: [String: String], _ taal: Taal) -> [Sectie] {
        func r(_ sleutel: String, _ waarde: String?) -> MeldingPagina.Regel? {
            guard let w = waarde?.trimmingCharacters(in: .whitespacesAndNewlines), !w.isEmpty else { return nil }
            return MeldingPagina.Regel(label: t.tekst(sleutel), waarde: w)
        }
        func datum(_ s: String?) -> String? { s.flatMap { Dag($0) }.map { Datumweergave.voluit($0, taal) } ?? s }
        // The first part's title asks the question; its one row gives the answer without repeating it.
        var s = [Sectie(stap: Stap.wie.rawValue, titel: t.tekst("meldStap_wie"), regels: [r("uwAntwoord", type.map { t.tekst("melderType_\($0.rawValue)") })].compactMap { $0 })]
        if Stap.over.geldt(type) {
            s.append(Sectie(stap: Stap.over.rawValue, titel: t.tekst("meldStap_over"), regels: [
                r("organisatieNaam", f.organisatieNaam), type == .bedrijf ? r("kvkNummer", f.kvkNummer) : nil,
                type == .intermediair ? r("vertegenwoordigdeNaam", f.vertegenwoordigdeNaam) : nil,
                type == .intermediair ? r("vertegenwoordigdeBsn", f.vertegenwoordigdeBsn) : nil,
                type == .intermediair ? r("toestemmingVertegenwoordigdeKort", f.toestemmingVertegenwoordigde == "ja" ? t.tekst("ja") : t.tekst("nee")) : nil,
            ].compactMap { $0 }))
        }
        let gekozen = (f.registraties ?? []).compactMap { Registratie.met(code: $0) }.map { registratieNaam($0, t) }
        s.append(Sectie(stap: Stap.wat.rawValue, titel: t.tekst("meldStap_wat"), regels: [
            // Only the unusual answer (asked before the form): data right, used wrongly.
            f.probleemsoort == Probleemsoort.onjuisteInterpretatie.rawValue ? r("probleemsoortVraag", t.tekst("probleemsoort_onjuisteInterpretatie")) : nil,
            r("registratiesB1", (gekozen + [f.andereRegistratie ?? ""].filter { !$0.isEmpty }).joined(separator: ", ")),
            r("watIsFout", f.watIsFout), r("watMoetHetZijn", f.watMoetHetZijn), r("sinds", datum(f.sinds)),
        ].compactMap { $0 }))
        let gevolgen = gevolgen(f).map { g in
            [g.soort.map { t.tekst("gevolg_\($0)") }, g.organisatie, datum(g.uiterlijkeDatum).map { "\(t.tekst("statusVoor")) \($0)" }, g.omschrijving]
                .compactMap { $0 }.joined(separator: " · ")
        }
        s.append(Sectie(stap: Stap.gevolgen.rawValue, titel: t.tekst("meldStap_gevolgen"),
                        regels: [r("betrokkenOrganisaties", f.betrokkenOrganisaties)].compactMap { $0 }
                            + (gevolgen.isEmpty ? [MeldingPagina.Regel(label: t.tekst("gevolgenTitel"), waarde: t.tekst("geenGevolgen"))]
                               : gevolgen.enumerated().map { MeldingPagina.Regel(label: "\(t.tekst("gevolg")) \($0.offset + 1)", waarde: $0.element) })))
        s.append(Sectie(stap: Stap.contact.rawValue, titel: t.tekst("meldStap_contact"), regels: [
            r("uwNaam", f.naam), r("email", f.email), r("telefoon", f.telefoon), r("adres", [f.adres, f.postcode, f.woonplaats].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")),
            r("bsnOptioneel", f.bsn), r("voorkeurKanaal", f.voorkeurKanaal.map { t.tekst("kanaal_\($0)") }),
        ].compactMap { $0 }))
        s.append(Sectie(stap: Stap.bijlagen.rawValue, titel: t.tekst("meldStap_bijlagen"),
                        regels: [MeldingPagina.Regel(label: t.tekst("bijlagen"), waarde: bijlagen.isEmpty ? t.tekst("geenBijlagen") : bijlagen.map(\.naam).joined(separator: ", "))]))
        return s
    }
}

extension MeldenController.Formulier {
    /// The draft with one page's post in it: that page's fields replaced (an unticked box or an
    /// emptied field included), every other page's left as they were.
    func metVelden(van g: Self, stap: MeldenController.Stap) -> Self {
        var f = self
        switch stap {
        case .wie:
            f.melderType = g.melderType
        case .over:
            f.organisatieNaam = g.organisatieNaam
            f.kvkNummer = g.kvkNummer
            f.vertegenwoordigdeNaam = g.vertegenwoordigdeNaam
            f.vertegenwoordigdeBsn = g.vertegenwoordigdeBsn
            f.toestemmingVertegenwoordigde = g.toestemmingVertegenwoordigde
        case .wat:
            f.registraties = g.registraties
            f.andereRegistratie = g.andereRegistratie
            f.watIsFout = g.watIsFout
            f.watMoetHetZijn = g.watMoetHetZijn
            f.sinds = g.sinds
        case .gevolgen:
            f.betrokkenOrganisaties = g.betrokkenOrganisaties
            f.gevolgSoort = g.gevolgSoort
            f.gevolgOrganisatie = g.gevolgOrganisatie
            f.gevolgDatum = g.gevolgDatum
            f.gevolgOmschrijving = g.gevolgOmschrijving
        case .contact:
            f.naam = g.naam
            f.email = g.email
            f.telefoon = g.telefoon
            f.adres = g.adres
            f.postcode = g.postcode
            f.woonplaats = g.woonplaats
            f.bsn = g.bsn
            f.voorkeurKanaal = g.voorkeurKanaal
        case .bijlagen:
            break
        case .controle:
            f.toestemming = g.toestemming
        }
        f.stap = g.stap
        f.actie = g.actie
        return f
    }
}
