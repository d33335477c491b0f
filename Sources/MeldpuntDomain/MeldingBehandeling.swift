import Foundation

// The rules of case handling by meldpunt staff: which step is possible in which state, and
// what each step must contain. Every validator reports all problems at once.

/// How a personal contact with the melder took place.
public enum Contactvorm: String, CaseIterable, Codable, Sendable {
    case telefoon, email, post, gesprek, videobellen
}

/// Why a melding falls outside the meldpunt's scope.
public enum ScopeReden: String, CaseIterable, Codable, Sendable {
    /// A bezwaar or beroep is running: the organisation or the court decides.
    case bezwaarOfBeroep
    /// Not about data in a government registration.
    case geenRegistratie
    case anders
}

/// A step staff take on a case. Each moves the case on, or leaves its state as it is.
public enum Behandelstap: String, CaseIterable, Codable, Sendable, Equatable {
    /// A personal contact with the melder; the first one ends "ontvangen".
    case contact
    case analyse
    case rolKeuze
    case wachtOpOrganisaties
    case hervatten
    case sluiten
    /// A closed case opened again, with a reason the melder reads (issue 30).
    case heropenen
}

/// The state a case is in after `stap`, or why the step is not possible now.
public func statusNa(_ stap: Behandelstap, van huidig: MeldingStatus) throws(MeldingOvergangFout) -> MeldingStatus {
    if stap == .heropenen {
        guard huidig.isGesloten else { throw .ongeldigeOvergang(van: huidig, naar: .inBehandeling) }
        return .inBehandeling
    }
    if huidig.isGesloten { throw .ongeldigeOvergang(van: huidig, naar: huidig) }
    switch stap {
    case .contact:
        return huidig == .ontvangen ? .intake : huidig
    case .analyse:
        switch huidig {
        case .ontvangen: throw .ontbreekt(.eersteContact)
        case .intake: return .analyse
        default: return huidig
        }
    case .rolKeuze:
        switch huidig {
        case .ontvangen: throw .ontbreekt(.eersteContact)
        case .intake: throw .ontbreekt(.analyse)
        case .analyse: return .inBehandeling
        default: return huidig
        }
    case .wachtOpOrganisaties:
        try controleerMeldingOvergang(van: huidig, naar: .wachtOpOrganisaties)
        return .wachtOpOrganisaties
    case .hervatten:
        guard huidig == .wachtOpOrganisaties else { throw .ongeldigeOvergang(van: huidig, naar: .inBehandeling) }
        return .inBehandeling
    case .sluiten:
        return .gesloten
    case .heropenen:
        return .inBehandeling
    }
}


public enum BehandelLimieten {
    public static let maxTekst = 20_000
    public static let maxBericht = 5_000
    public static let maxKort = 200
    public static let maxLijst = 20
}

struct Fouten {
    var lijst: [OngeldigeParameter] = []
    mutating func fout(_ v: Veld, _ c: String, _ r: Tekst) { lijst.append(OngeldigeParameter(v, code: c, uitleg: r)) }
    mutating func fout(_ n: Veldnaam, _ c: String, _ r: Tekst) { fout(Veld(n), c, r) }
    mutating func tekst(_ waarde: String?, _ naam: Veldnaam, max: Int, verplicht: Bool, wat: Tekst = Tekst("Vul dit in.", "Fill this in.")) -> String? {
        tekst(waarde, Veld(naam), max: max, verplicht: verplicht, wat: wat)
    }
    mutating func dag(_ raw: String?, _ naam: Veldnaam, wat: Tekst, vanaf: (Dag, String, Tekst)? = nil, tot: (Dag, String, Tekst)? = nil) -> Dag? {
        dag(raw, Veld(naam), wat: wat, vanaf: vanaf, tot: tot)
    }

    /// A trimmed text, checked for presence and length; nil when empty.
    mutating func tekst(_ waarde: String?, _ naam: Veld, max: Int, verplicht: Bool, wat: Tekst = Tekst("Vul dit in.", "Fill this in.")) -> String? {
        let w = (waarde ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if w.isEmpty {
            if verplicht { fout(naam, "required", wat) }
            return nil
        }
        if (waarde ?? "").schemaLengte > max { fout(naam, "maxLength", Lengteregel.hoogstens(max)) }
        return w
    }

    /// A required day, checked against the earliest and latest day allowed; nil when invalid.
    mutating func dag(_ raw: String?, _ naam: Veld, wat: Tekst, vanaf: (Dag, String, Tekst)? = nil, tot: (Dag, String, Tekst)? = nil) -> Dag? {
        guard let raw, !raw.isEmpty else { fout(naam, "required", wat); return nil }
        guard let d = Dag(raw) else { fout(naam, "date", Tekst("Vul een datum in als jjjj-mm-dd.", "Enter a date as yyyy-mm-dd.")); return nil }
        if let (grens, code, reden) = tot, d > grens { fout(naam, code, reden); return nil }
        if let (grens, code, reden) = vanaf, d < grens { fout(naam, code, reden); return nil }
        return d
    }

    /// A list's limits as the API document's schema counts them: every entry sent (empty ones
    /// too, at its own index), each entry's length in code points.
    mutating func lijstGrenzen(_ waarden: [String], _ naam: Veldnaam, maxAantal: Int, maxLengte: Int) {
        if waarden.count > maxAantal { fout(naam, "maxItems", Tekst("Hoogstens \(maxAantal).", "At most \(maxAantal).")) }
        for (i, w) in waarden.enumerated() where w.schemaLengte > maxLengte {
            fout(Veld(naam)[i], "maxLength", Lengteregel.hoogstens(maxLengte))
        }
    }

    func klaar() throws(ValidatieFouten) { if !lijst.isEmpty { throw ValidatieFouten(lijst) } }
}

// MARK: Contact

public struct ContactInvoer: Codable, Sendable, Equatable {
    public var datum: String?
    public var kanaal: String?
    public var samenvatting: String?
    /// False for an attempt that did not reach the melder (absent: reached).
    public var bereikt: Bool?
    public init(datum: String? = nil, kanaal: String? = nil, samenvatting: String? = nil, bereikt: Bool? = nil) {
        self.datum = datum
        self.kanaal = kanaal
        self.samenvatting = samenvatting
        self.bereikt = bereikt
    }
}

public struct Contactmoment: Sendable, Equatable {
    public let datum: Dag
    public let kanaal: Contactvorm
    public let samenvatting: String
    /// Whether the melder was reached; an attempt is recorded, but is no contact.
    public var bereikt = true
}

/// A contact lies between the day the melding came in and today.
public func valideerContactmoment(_ v: ContactInvoer, ontvangen: Dag, vandaag: Dag) throws(ValidatieFouten) -> Contactmoment {
    var f = Fouten()
    let datum = f.dag(v.datum, .datum, wat: Tekst("Vul de datum van het contact in.", "Enter the date of the contact."),
                      vanaf: (ontvangen, "voorOntvangst", Tekst("Deze datum ligt vóór de ontvangst van de melding (\(ontvangen)).", "This date is before the case was received (\(ontvangen)).")),
                      tot: (vandaag, "toekomst", Tekst("Deze datum ligt in de toekomst.", "This date is in the future.")))
    let kanaal = v.kanaal.flatMap(Contactvorm.init(rawValue:))
    if kanaal == nil {
        f.fout(.kanaal, v.kanaal == nil ? "required" : "enum", Tekst("Kies hoe het contact was.", "Choose how the contact took place."))
    }
    let samenvatting = f.tekst(v.samenvatting, .samenvatting, max: BehandelLimieten.maxTekst, verplicht: true,
                               wat: Tekst("Vat samen wat er besproken is.", "Summarise what was discussed."))
    try f.klaar()
    return Contactmoment(datum: datum!, kanaal: kanaal!, samenvatting: samenvatting!, bereikt: v.bereikt ?? true)
}

// MARK: Analysis

public struct AnalyseInvoer: Codable, Sendable, Equatable {
    public var oorsprongOrganisatie: String?
    public var oorsprongRegistratie: String?
    public var geraakteOrganisaties: [String]?
    public var geraakteRegistraties: [String]?
    public var complexiteit: String?
    /// onjuistGegeven or onjuisteInterpretatie; absent: what the melder said at intake.
    public var bevinding: String?
    public var toelichting: String?
    public init(oorsprongOrganisatie: String? = nil, oorsprongRegistratie: String? = nil, geraakteOrganisaties: [String]? = nil,
                geraakteRegistraties: [String]? = nil, complexiteit: String? = nil, bevinding: String? = nil, toelichting: String? = nil) {
        self.oorsprongOrganisatie = oorsprongOrganisatie
        self.oorsprongRegistratie = oorsprongRegistratie
        self.geraakteOrganisaties = geraakteOrganisaties
        self.geraakteRegistraties = geraakteRegistraties
        self.complexiteit = complexiteit
        self.bevinding = bevinding
        self.toelichting = toelichting
    }
}

/// Origin, impact and complexity. A registration is one of the ten codes or a free name of
/// another registration; empty list entries are dropped, duplicates kept once.
/// Without a finding, the analysis takes what the melder said (`gemeld`).
public func valideerAnalyse(_ v: AnalyseInvoer, gemeld: Probleemsoort = .onjuistGegeven) throws(ValidatieFouten) -> (analyse: Analyse, toelichting: String?) {
    var f = Fouten()
    let organisatie = f.tekst(v.oorsprongOrganisatie, .oorsprongOrganisatie, max: BehandelLimieten.maxKort, verplicht: true,
                              wat: Tekst("Noem de organisatie waar de fout is ontstaan.", "Name the organisation where the error arose."))
    let registratie = f.tekst(v.oorsprongRegistratie, .oorsprongRegistratie, max: BehandelLimieten.maxKort, verplicht: true,
                              wat: Tekst("Noem de registratie waarin de fout is ontstaan.", "Name the registration where the error arose."))
    func lijst(_ waarden: [String]?, _ naam: Veldnaam) -> [String] {
        f.lijstGrenzen(waarden ?? [], naam, maxAantal: BehandelLimieten.maxLijst, maxLengte: BehandelLimieten.maxKort)
        let schoon = (waarden ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        var gezien = Set<String>()
        return schoon.filter { gezien.insert($0.lowercased()).inserted }
    }
    let organisaties = lijst(v.geraakteOrganisaties, .geraakteOrganisaties)
    let registraties = lijst(v.geraakteRegistraties, .geraakteRegistraties).map(registratieCode)
    let complexiteit = v.complexiteit.flatMap(Complexiteit.init(rawValue:))
    if complexiteit == nil {
        f.fout(.complexiteit, v.complexiteit == nil ? "required" : "enum", Tekst("Kies de complexiteit: laag, midden of hoog.", "Choose the complexity: low, medium or high."))
    }
    let bevinding = (v.bevinding ?? "").isEmpty ? gemeld : Probleemsoort(rawValue: v.bevinding!)
    if bevinding == nil {
        f.fout(.bevinding, "enum", Tekst("Kies wat de analyse vond: een onjuist gegeven, of een juist gegeven dat verkeerd is uitgelegd.",
                                        "Choose what the analysis found: wrong information, or correct information interpreted wrongly."))
    }
    let toelichting = f.tekst(v.toelichting, .toelichting, max: BehandelLimieten.maxTekst, verplicht: false)
    try f.klaar()
    return (Analyse(oorsprongOrganisatie: organisatie!, oorsprongRegistratie: registratieCode(registratie!),
                    geraakteOrganisaties: organisaties, geraakteRegistraties: registraties, complexiteit: complexiteit!, bevinding: bevinding!), toelichting)
}

/// "brp" → "BRP": the ten basisregistraties by their code, anything else as written.
private func registratieCode(_ s: String) -> String {
    Registratie.alle.first { $0.code.caseInsensitiveCompare(s) == .orderedSame }?.code ?? s
}

// MARK: Role

public struct RolkeuzeInvoer: Codable, Sendable, Equatable {
    public var rol: String?
    public var reden: String?
    public init(rol: String? = nil, reden: String? = nil) {
        self.rol = rol
        self.reden = reden
    }
}

public struct RolKeuze: Sendable, Equatable {
    public let rol: MeldpuntRol
    /// Why staff chose another role than the proposal; nil when they followed it.
    public let afwijkingsreden: String?
}

/// Staff follow the proposal, or choose another role and say why.
public func valideerRolkeuze(_ v: RolkeuzeInvoer, voorstel: RolVoorstel) throws(ValidatieFouten) -> RolKeuze {
    var f = Fouten()
    let rol = v.rol.flatMap(MeldpuntRol.init(rawValue:))
    if rol == nil {
        f.fout(.rol, v.rol == nil ? "required" : "enum", Tekst("Kies de rol van het Meldpunt.", "Choose the role of the Meldpunt."))
    }
    let reden = f.tekst(v.reden, .reden, max: BehandelLimieten.maxTekst, verplicht: rol != nil && rol != voorstel.rol,
                        wat: Tekst("U kiest een andere rol dan de voorgestelde (\(voorstel.rol.naam(.nl).lowercased())); leg uit waarom.", "You chose another role than the proposed one (\(voorstel.rol.naam(.en).lowercased())); explain why."))
    try f.klaar()
    return RolKeuze(rol: rol!, afwijkingsreden: rol == voorstel.rol ? nil : reden)
}

// MARK: Closing

public struct SluitingInvoer: Codable, Sendable, Equatable {
    public var uitkomst: String?
    /// Plain-language summary for the melder; for buitenScope and doorverwezen: where to go instead.
    public var samenvatting: String?
    public var scopeReden: String?
    public init(uitkomst: String? = nil, samenvatting: String? = nil, scopeReden: String? = nil) {
        self.uitkomst = uitkomst
        self.samenvatting = samenvatting
        self.scopeReden = scopeReden
    }
}

public struct Sluiting: Sendable, Equatable {
    public let uitkomst: MeldingUitkomst
    public let samenvatting: String
    public let scopeReden: ScopeReden?
}

/// Why a case may close without what the notitie asks of every melding — an analysis and personal
/// contact with the melder. Only these grounds; each is shown when closing and counted.
public enum Afsluitgrond: String, CaseIterable, Codable, Sendable {
    /// Not reached after at least `Afsluitgrond.minimumPogingen` recorded attempts.
    case melderOnbereikbaar
    /// The melder withdrew the melding.
    case ingetrokken
    /// Outside the meldpunt's scope, seen at intake.
    case buitenScopeBijIntake

    public static let minimumPogingen = 2
}

/// The duty of care when closing: analysed and contacted, or one of the fixed grounds, and a
/// ground that fits the outcome. Returns the ground to record (nil when none is needed).
public func controleerZorgBijSluiten(uitkomst: MeldingUitkomst, geanalyseerd: Bool, gecontacteerd: Bool, pogingen: Int,
                                     grond raw: String?) throws(ValidatieFouten) -> Afsluitgrond? {
    var f = Fouten()
    let gegeven = (raw ?? "").trimmingCharacters(in: .whitespaces)
    let grond = Afsluitgrond(rawValue: gegeven)
    if !gegeven.isEmpty && grond == nil {
        f.fout(.afsluitgrond, "enum", Tekst("Kies een reden uit de lijst.", "Choose a reason from the list."))
    } else if geanalyseerd && gecontacteerd {
        if grond != nil {
            f.fout(.afsluitgrond, "nietNodig", Tekst("Deze melding is geanalyseerd en de melder is gesproken; een reden om zonder te sluiten hoort er niet bij.",
                                                    "This case was analysed and the melder was contacted; a reason for closing without them does not belong here."))
        }
    } else if let grond {
        switch grond {
        case .ingetrokken where uitkomst != .ingetrokken:
            f.fout(.afsluitgrond, "pastNietBijUitkomst", Tekst("‘De melder heeft de melding ingetrokken’ hoort bij de uitkomst ‘Ingetrokken’.",
                                                              "‘The melder withdrew the report’ goes with the outcome ‘Withdrawn’."))
        case .buitenScopeBijIntake where uitkomst != .buitenScope:
            f.fout(.afsluitgrond, "pastNietBijUitkomst", Tekst("‘Buiten de scope bij de intake’ hoort bij de uitkomst ‘Buiten de scope’.",
                                                              "‘Out of scope at intake’ goes with the outcome ‘Out of scope’."))
        case .melderOnbereikbaar where gecontacteerd:
            f.fout(.afsluitgrond, "alGesproken", Tekst("De melder is al persoonlijk gesproken; alleen de analyse ontbreekt nog. Leg die vast voordat u sluit.",
                                                      "The melder has been contacted in person; only the analysis is missing. Record it before closing."))
        case .melderOnbereikbaar where pogingen < Afsluitgrond.minimumPogingen:
            f.fout(.afsluitgrond, "tePogingen", Tekst("Leg eerst ten minste \(Afsluitgrond.minimumPogingen) pogingen vast om de melder te bereiken (bij ‘Contact’, met ‘niet bereikt’); nu \(pogingen).",
                                                     "First record at least \(Afsluitgrond.minimumPogingen) attempts to reach the melder (under ‘Contact’, as ‘not reached’); now \(pogingen)."))
        case .melderOnbereikbaar where uitkomst.isOpgelost:
            f.fout(.uitkomst, "nietZonderAnalyse", Tekst("Zonder analyse en contact kan een melding niet ‘opgelost’ zijn. Kies een andere uitkomst.",
                                                        "Without analysis and contact a case cannot be ‘solved’. Choose another outcome."))
        default:
            break
        }
    } else {
        let wat = !geanalyseerd && !gecontacteerd ? Tekst("nog niet geanalyseerd en de melder is nog niet gesproken", "not yet analysed and the melder has not been contacted")
            : !geanalyseerd ? Tekst("nog niet geanalyseerd", "not yet analysed") : Tekst("de melder is nog niet persoonlijk gesproken", "the melder has not been contacted in person")
        f.fout(.afsluitgrond, "required", Tekst("Elke melding wordt geanalyseerd en de melder persoonlijk gesproken. Deze melding is \(wat.nl): kies waarom u haar toch sluit.",
                                               "Every case is analysed and the melder contacted in person. This case is \(wat.en): choose why you close it anyway."))
    }
    try f.klaar()
    return geanalyseerd && gecontacteerd ? nil : grond
}

/// `bevinding`: the analysis' finding, nil when there is no analysis.
public func valideerSluiting(_ v: SluitingInvoer, bevinding: Probleemsoort? = nil) throws(ValidatieFouten) -> Sluiting {
    var f = Fouten()
    let uitkomst = v.uitkomst.flatMap(MeldingUitkomst.init(rawValue:))
    if uitkomst == nil {
        f.fout(.uitkomst, v.uitkomst == nil ? "required" : "enum", Tekst("Kies de uitkomst.", "Choose the outcome."))
    } else if uitkomst == .samengevoegd {
        f.fout(.uitkomst, "alleenDoorSamenvoegen", Tekst("Samenvoegen doet u met ‘Koppelen of samenvoegen’, met de melding die verder gaat.",
                                                        "Merging is done with ‘Link or merge’, naming the case that carries on."))
    } else if uitkomst == .interpretatieHersteld && bevinding != .onjuisteInterpretatie {
        // Only what the analysis found: the figures count it as a kind of error.
        f.fout(.uitkomst, "pastNietBijBevinding", Tekst("‘Gegevens klopten, verkeerde uitleg hersteld’ hoort bij de bevinding ‘juist gegeven, verkeerd uitgelegd’ in de analyse. Pas eerst de analyse aan, of kies een andere uitkomst.",
                                                       "‘Data were correct, wrong interpretation put right’ goes with the finding ‘correct information, interpreted wrongly’ in the analysis. Change the analysis first, or choose another outcome."))
    }
    let verwijst = uitkomst == .buitenScope || uitkomst == .doorverwezen
    let samenvatting = f.tekst(v.samenvatting, .samenvatting, max: BehandelLimieten.maxTekst, verplicht: true,
                               wat: verwijst ? Tekst("Schrijf voor de melder waar hij of zij wel terecht kan.", "Tell the melder where they can go instead.")
                                             : Tekst("Schrijf voor de melder in gewone taal wat er is gebeurd.", "Tell the melder in plain words what happened."))
    var scopeReden: ScopeReden?
    if let raw = v.scopeReden, !raw.isEmpty {
        scopeReden = ScopeReden(rawValue: raw)
        if scopeReden == nil { f.fout(.scopeReden, "enum", Tekst("Kies een reden uit de lijst.", "Choose a reason from the list.")) }
        else if uitkomst != .buitenScope { f.fout(.scopeReden, "nietBijUitkomst", Tekst("Een reden buiten de scope hoort alleen bij de uitkomst ‘Buiten de scope’.", "An out-of-scope reason belongs only with the outcome ‘Out of scope’.")) }
    } else if uitkomst == .buitenScope {
        f.fout(.scopeReden, "required", Tekst("Zeg waarom de melding buiten de scope valt.", "Say why the report is out of scope."))
    }
    try f.klaar()
    return Sluiting(uitkomst: uitkomst!, samenvatting: samenvatting!, scopeReden: scopeReden)
}

// MARK: Next step and rating

public struct VolgendeStapInvoer: Codable, Sendable, Equatable {
    public var tekst: String?
    public var datum: String?
    public init(tekst: String? = nil, datum: String? = nil) {
        self.tekst = tekst
        self.datum = datum
    }
}

/// What the melder can expect next, and by when (not in the past).
public func valideerVolgendeStap(_ v: VolgendeStapInvoer, vandaag: Dag) throws(ValidatieFouten) -> (tekst: String, datum: Dag) {
    var f = Fouten()
    let tekst = f.tekst(v.tekst, .tekst, max: BehandelLimieten.maxKort * 5, verplicht: true, wat: Tekst("Beschrijf de volgende stap voor de melder.", "Describe the next step for the melder."))
    let datum = f.dag(v.datum, .datum, wat: Tekst("Vul de datum in waarop de melder de volgende stap kan verwachten.", "Enter the date on which the melder can expect the next step."),
                      vanaf: (vandaag, "verleden", Tekst("Deze datum ligt in het verleden.", "This date is in the past.")))
    try f.klaar()
    return (tekst!, datum!)
}

public struct Beoordeling: Sendable, Equatable {
    public static let schaal = 1...5
    public let cijfer: Int
    public let opmerking: String?
}

/// The melder's one-question satisfaction rating after closing: 1 (very unhappy) to 5.
public func valideerBeoordeling(cijfer: String?, opmerking: String?) throws(ValidatieFouten) -> Beoordeling {
    var f = Fouten()
    let c = cijfer.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    if c == nil || !Beoordeling.schaal.contains(c!) {
        f.fout(.cijfer, cijfer == nil || cijfer!.isEmpty ? "required" : "range", Tekst("Kies hoe tevreden u bent, van 1 tot en met 5.", "Choose how satisfied you are, from 1 to 5."))
    }
    let o = f.tekst(opmerking, .opmerking, max: BehandelLimieten.maxBericht, verplicht: false)
    try f.klaar()
    return Beoordeling(cijfer: c!, opmerking: o)
}
