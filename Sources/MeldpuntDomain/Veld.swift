/// Which input a rejection is about, typed: the API writes it as a JSON path and pages map it to
/// their field and label, each in one place (`Problem` and `Formulierfouten`), so no layer parses
/// another's strings.
public struct Veld: Hashable, Sendable {
    public enum Stap: Hashable, Sendable {
        case naam(Veldnaam)
        /// A row of a list; nil for "every row" (a rule over the whole list).
        case rij(Int?)
        /// What only the API has — a query parameter, a header, its JSON decoder's path —,
        /// named as the API names it. No page shows these.
        case api(String)
    }

    public let stappen: [Stap]

    public init(_ stappen: [Stap]) { self.stappen = stappen }

    public init(_ namen: Veldnaam...) { stappen = namen.map(Stap.naam) }

    /// No one field: the input as a whole (a refused step, shown above the form).
    public static let geheel = Veld([])

    /// An input only the API has (see `Stap.api`).
    public static func api(_ naam: String) -> Veld { Veld([.api(naam)]) }

    /// The field of this object or row: `pad / .email`.
    public static func / (pad: Veld, naam: Veldnaam) -> Veld { Veld(pad.stappen + [.naam(naam)]) }

    /// Row `i` of this list (nil: every row).
    public subscript(rij: Int?) -> Veld { Veld(stappen + [.rij(rij)]) }

    /// The outermost field: what a one-level form shows the message next to.
    public var hoofdveld: Veldnaam? {
        if case .naam(let n) = stappen.first { n } else { nil }
    }

    /// Every field name on the way, outermost first.
    public var namen: [Veldnaam] {
        stappen.compactMap { if case .naam(let n) = $0 { n } else { nil } }
    }

    /// The first row number on the way, if any.
    public var rij: Int? {
        for s in stappen { if case .rij(let i) = s { return i } }
        return nil
    }

    /// Whether this field is, or lies inside, `naam`.
    public func valtOnder(_ naam: Veldnaam) -> Bool { namen.contains(naam) }
}

/// Every field name the domain's rules can reject, spelled as the JSON the API reads (so that
/// the API's path is the names joined, and the OpenAPI document agrees).
public enum Veldnaam: String, Sendable, CaseIterable {
    // Terugmelding (Logius draft message)
    case terugMeldingHeader, terugMeldingBody, terugMeldingGegevens, registratie, basisRegistratieCode
    case gemeentecode, toelichting, datumMelding, peilmoment, meldingBron, referentiekenmerk
    case objectIdentificatie, idWaarde, attribuutUrn, attribuut, gegevensElementNaam, objectType
    case betwijfeldeWaarde, voorgesteldeWaarde, bijlages, melder, bedrijf, afdeling
    case bsn, anummer, adres, postcode, woonplaats, naam, email, telefoon
    // Attachments
    case bijlage, bijlagen, bestandsnaam, beschrijving, mimeType, bijlageData
    // Melding (MFO intake)
    case melderType, vertegenwoordigde, toestemming, gegeven, tekstVersie, toestemmingVertegenwoordigde
    case kvkNummer, registraties, betrokkenOrganisaties, organisatieAlBenaderd, sinds, gevolgen
    case soort, organisatie, uiterlijkeDatum, omschrijving, voorkeurKanaal, watIsFout, watMoetHetZijn
    case bezwaarOfBeroepLoopt, organisatieNaam, redenNietBenaderd, andereRegistratie
    // Handling a melding
    case kanaal, datum, tekst, uitkomst, scopeReden, complexiteit, rol, reden, overleg, orgaan
    case opschorting, actie, opgeschortTot, verwachteDatum, uiterlijk, geleerd, status, cijfer
    case redenOpenCorrecties, gedeeldeGegevens, organisatieOin, organisatieOins, inhoud, vorm, van
    case niveau, bericht, zaken, terugmelding, rniDeelnemer, gemeente, taal
    // Signalen
    case signaalNummer, kenmerk, signaal
    // Subscriptions, register, accounts
    case callbackUrl, kanalen, filters, oin, contactEmail, contactTelefoon, rollen, actief, wachtwoord
    case peildatum, jaar, tot, auth, zaaknummer, nieuw, herhaal, huidig, code
    case afsluitgrond, bereikt, probleemsoort, bevinding
    // Advice
    case onderwerp, advies, opvolgenOp, reactie
    // Consequences
    case door
    // Overleg with several organisations
    case agenda, tijd, plaats, verslag
    // The safety net
    case opschortingBesluit
    // Lists
    case after
    // Analysis, evaluation, overleg
    case geraakteOrganisaties, geraakteRegistraties
    case conclusie, deelnemers, functie, intentieverklaringOp, oorsprongOrganisatie, oorsprongRegistratie, oplossingsroute, opmerking, samenvatting, titel, vraag
    // Importing the CMI's cases
    case melding, ontvangenOp, geslotenOp, toestemmingOp, geschiedenis, partners, op, contactpersoon, meldingen, csv, samenvoegen
    // Standard texts
    case doel, tekstNl, tekstEn, standaardtekst
    // Teams and saved filters
    case leden, team, zoekvraag, bereikbaarNl, bereikbaarEn, postadres
}

extension Veld {
    /// As the API names it in `invalidParams`: `terugMeldingBody.terugMeldingGegevens[0].idWaarde`.
    public var jsonPad: String {
        var pad = ""
        for s in stappen {
            switch s {
            case .naam(let n): pad += (pad.isEmpty ? "" : ".") + n.rawValue
            case .rij(let i): pad += "[\(i.map(String.init) ?? "")]"
            case .api(let naam): pad += (pad.isEmpty ? "" : ".") + naam
            }
        }
        return pad
    }
}
