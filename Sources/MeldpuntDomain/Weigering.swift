/// The reader's language. Dutch first; every text a person can read exists in both.
public enum Taal: String, Sendable, CaseIterable, Codable {
    case nl, en
}

/// The one error a use case throws: what was refused and why, without any HTTP.
/// The API turns it into problem+json (404, 403, 409, 400, 503), the web into a page or
/// messages next to the fields. Every case has a stable code and a text in both languages.
public enum Weigering: Error, Sendable, Equatable {
    /// The object does not exist, or the caller may not know it exists.
    case nietGevonden(Onvindbaar)
    /// The caller's organisation or party may not do this.
    case geenToegang(Ontoegang)
    /// Well-formed, but the object's state does not allow it now.
    case conflict(Conflict)
    /// One or more fields are wrong: all of them at once.
    case ongeldig([OngeldigeParameter])
    /// Nothing was done; trying again shortly will work.
    case tijdelijkBezet

    /// For a single field.
    public static func ongeldig(_ veld: Veld, _ code: String, _ reden: Tekst) -> Weigering {
        .ongeldig([OngeldigeParameter(veld, code: code, uitleg: reden)])
    }

    public static func ongeldig(_ veld: Veldnaam, _ code: String, _ reden: Tekst) -> Weigering {
        ongeldig(Veld(veld), code, reden)
    }

    public var code: String {
        switch self {
        case .nietGevonden(let o): "nietGevonden.\(o.rawValue)"
        case .geenToegang(let o): "geenToegang.\(o.code)"
        case .conflict(let c): "conflict.\(c.code)"
        case .ongeldig: "ongeldig"
        case .tijdelijkBezet: "tijdelijkBezet"
        }
    }

    /// One sentence for the reader; for `ongeldig`, a summary (the fields carry their own).
    public func uitleg(_ taal: Taal = .nl) -> String {
        switch self {
        case .nietGevonden(let o): o.uitleg(taal)
        case .geenToegang(let o): o.uitleg(taal)
        case .conflict(let c): c.uitleg(taal)
        case .ongeldig(let fouten):
            fouten.count == 1
                ? taal.kies("Eén gegeven is niet in orde: \(fouten[0].reden(.nl))", "One field is not right: \(fouten[0].reden(.en))")
                : taal.kies("\(fouten.count) gegevens zijn niet in orde.", "\(fouten.count) fields are not right.")
        case .tijdelijkBezet:
            taal.kies("Het lukte nu even niet. Probeer het opnieuw.", "That did not work just now. Please try again.")
        }
    }
}

extension Weigering: CustomStringConvertible {
    /// The field rejections, when the input was invalid.
    public var velden: [OngeldigeParameter]? {
        if case .ongeldig(let f) = self { f } else { nil }
    }

    /// For the CLI and the log: the code and the Dutch text, each field's problem on its own.
    public var description: String {
        guard let velden, !velden.isEmpty else { return "\(code): \(uitleg(.nl))" }
        return velden.map { "\($0.veld.jsonPad): \($0.reden(.nl))" }.joined(separator: "\n")
    }
}

/// Runs a domain validator; its errors become one refusal with every problem at once.
public func valideer<T>(_ f: () throws(ValidatieFouten) -> T) throws(Weigering) -> T {
    do { return try f() } catch { throw .ongeldig(error.fouten) }
}

extension Taal {
    /// The text in this language.
    public func kies(_ nl: String, _ en: String) -> String { self == .nl ? nl : en }
}

/// What could not be found (or may not be known to exist).
public enum Onvindbaar: String, Sendable, CaseIterable {
    case bron, melding, terugmelding, verzoek, bijlage, statuslink, organisatie, contactpersoon, abonnement, bericht, signaal, kandidaat, advies, gevolg, overleg, overlegActie, brief, standaardtekst, team

    public func uitleg(_ taal: Taal) -> String {
        switch self {
        case .bron: taal.kies("De gevraagde bron bestaat niet of u heeft er geen toegang toe.", "The requested resource does not exist or you have no access to it.")
        case .melding: taal.kies("Er is geen melding met dit zaaknummer die u mag zien.", "There is no case with this number that you may see.")
        case .terugmelding: taal.kies("Er is geen terugmelding met deze referentie die u mag zien.", "There is no data report with this reference that you may see.")
        case .verzoek: taal.kies("Er is geen verzoek met dit id dat u mag zien.", "There is no request with this id that you may see.")
        case .bijlage: taal.kies("Er is hier geen bijlage met dit id.", "There is no attachment with this id here.")
        case .statuslink: taal.kies("Deze link is niet (meer) geldig.", "This link is not valid (any more).")
        case .organisatie: taal.kies("Deze organisatie bestaat niet.", "This organisation does not exist.")
        case .contactpersoon: taal.kies("Deze organisatie heeft geen contactpersoon met dit id.", "This organisation has no contact person with this id.")
        case .abonnement: taal.kies("Uw organisatie heeft geen abonnement met dit id.", "Your organisation has no subscription with this id.")
        case .bericht: taal.kies("Er is geen bericht met dit id dat u mag zien.", "There is no message with this id that you may see.")
        case .signaal: taal.kies("Er is geen signaal met dit nummer dat u mag zien.", "There is no signal with this number that you may see.")
        case .kandidaat: taal.kies("Er is geen open voorstel met dit id.", "There is no open proposal with this id.")
        case .advies: taal.kies("Er is geen advies met dit nummer dat u mag zien.", "There is no advice with this number that you may see.")
        case .gevolg: taal.kies("Deze melding heeft geen gevolg met dit nummer.", "This case has no consequence with this number.")
        case .overleg: taal.kies("Er is geen overleg met dit nummer waarvoor uw organisatie is uitgenodigd.", "There is no meeting with this number your organisation was invited to.")
        case .overlegActie: taal.kies("Dit overleg heeft geen actie met dit nummer.", "This meeting has no action with this number.")
        case .brief: taal.kies("Er is geen brief met dit id.", "There is no letter with this id.")
        case .standaardtekst: taal.kies("Er is geen standaardtekst met dit id.", "There is no standard text with this id.")
        case .team: taal.kies("Er is geen team met dit id.", "There is no team with this id.")
        }
    }
}

/// Why the caller may not do this.
public enum Ontoegang: Sendable, Equatable {
    /// The organisation lacks the role: only the meldpunt handles cases, only afnemers report, …
    case rolOntbreekt(Organisatierol)
    /// Only the afnemer who sent a terugmelding withdraws it.
    case alleenAfnemerTrektIn
    /// Only the current bijhouder sets this status.
    case alleenBijhouder(TerugmeldingStatus)
    /// Only the organisation an overleg's action is for reports it done (or the meldpunt for it).
    case alleenActiehouder

    public var code: String {
        switch self {
        case .rolOntbreekt(let r): "rol.\(r.rawValue)"
        case .alleenAfnemerTrektIn: "alleenAfnemer"
        case .alleenBijhouder: "alleenBijhouder"
        case .alleenActiehouder: "alleenActiehouder"
        }
    }

    public func uitleg(_ taal: Taal) -> String {
        switch self {
        case .rolOntbreekt(.meldpunt): taal.kies("Alleen het Meldpunt doet dit; uw organisatie heeft die rol niet.", "Only the Meldpunt does this; your organisation does not have that role.")
        case .rolOntbreekt(.afnemer): taal.kies("Alleen afnemers kunnen terugmelden; uw organisatie heeft die rol niet.", "Only data users can report; your organisation does not have that role.")
        case .rolOntbreekt(.bronhouder): taal.kies("Alleen bronhouders doen dit; uw organisatie heeft die rol niet.", "Only registration keepers do this; your organisation does not have that role.")
        case .rolOntbreekt(.rni): taal.kies("Alleen de RNI-beheerder (RvIG) doet dit; uw organisatie heeft die rol niet.", "Only the RNI keeper (RvIG) does this; your organisation does not have that role.")
        case .rolOntbreekt(.partner): taal.kies("Alleen partnerorganisaties van het Meldpunt krijgen verzoeken; uw organisatie heeft die rol niet.", "Only partner organisations of the Meldpunt receive requests; your organisation does not have that role.")
        case .rolOntbreekt(.intermediair): taal.kies("Alleen intermediairs (zoals schuldhulpverleners en wijkteams) doen dit; uw organisatie heeft die rol niet.", "Only intermediaries (such as debt counsellors and neighbourhood teams) do this; your organisation does not have that role.")
        case .alleenAfnemerTrektIn: taal.kies("Alleen de afnemer die de terugmelding stuurde kan haar intrekken.", "Only the data user who sent the data report can withdraw it.")
        case .alleenActiehouder: taal.kies("Alleen de organisatie van deze actie meldt dat zij gedaan is.", "Only the organisation this action is for reports it done.")
        case .alleenBijhouder(let s): taal.kies("Alleen de huidige bijhouder kan de status ‘\(s.naam(.nl))’ zetten.", "Only the current keeper can set the status ‘\(s.naam(.en))’.")
        }
    }
}

/// What an organisation may do (stored by raw value in its role list). A user's role in the
/// portals is `GebruikersRol`; a party to one terugmelding or request is `TerugmeldingPartij` /
/// `Verzoekpartij`; the role the meldpunt plays in a case is `MeldpuntRol`.
public enum Organisatierol: String, Sendable, CaseIterable, Codable {
    case afnemer, bronhouder, rni, meldpunt, partner
    /// Files meldingen for its clients (schuldhulp, sociaal raadslieden, wijkteams) and follows them.
    case intermediair
}

/// Why the object's state does not allow this now.
public enum Conflict: Sendable, Equatable {
    /// Someone else changed it in the meantime.
    case tegelijkGewijzigd
    case meldingGesloten
    /// For the melder, in their words: the case is finished.
    case meldingAfgerond
    /// A letter cannot be printed: the melder's street, postcode or place is missing.
    case adresOnvolledig
    case meldingOvergang(MeldingOvergangFout)
    case verzoekOvergang(VerzoekFout)
    case signaalOvergang(SignaalFout)
    case adviesOvergang(AdviesFout)
    case escalatie(EscalatieFout)
    case gevolgherstel(GevolgherstelFout)
    case overleg(OverlegFout)
    /// A proposal that staff already confirmed or dismissed.
    case kandidaatAfgehandeld
    case terugmeldingOvergang(van: TerugmeldingStatus, naar: TerugmeldingStatus)
    /// RvIG does not handle a terugmelding on the RNI itself: it forwards it (FAQ).
    case rniStuurtAlleenDoor
    case verzoekAfgerond(VerzoekStatus)
    case verslagAlleenBijOverleg
    case opschortingAlOpgeheven
    case geenOpschortingOmOpTeHeffen
    /// A suspension is decided on when its case closes; afterwards only once, if the melder's withdrawal closed it.
    case opschortingBesluitBijSluiten
    case nogNietAfgerond
    case alBeoordeeld
    case eerstInPartnerregister
    case heeftAlLogin(naam: String)
    case emailAlInGebruik
    case sleutelHergebruikt
    /// Only a message that was given up can be sent again.
    case berichtNietMislukt

    public var code: String {
        switch self {
        case .tegelijkGewijzigd: "tegelijkGewijzigd"
        case .meldingGesloten: "meldingGesloten"
        case .meldingAfgerond: "meldingAfgerond"
        case .adresOnvolledig: "adresOnvolledig"
        case .meldingOvergang: "meldingOvergang"
        case .verzoekOvergang: "verzoekOvergang"
        case .signaalOvergang(let f): f.code
        case .adviesOvergang: "adviesOvergang"
        case .escalatie(let f): f == .geenVoorstel ? "geenEscalatievoorstel" : "escalatieWachtOpAntwoord"
        case .gevolgherstel: "gevolgherstelOvergang"
        case .overleg(let f): f.code
        case .kandidaatAfgehandeld: "kandidaatAfgehandeld"
        case .terugmeldingOvergang: "terugmeldingOvergang"
        case .rniStuurtAlleenDoor: "rniStuurtAlleenDoor"
        case .verzoekAfgerond: "verzoekAfgerond"
        case .verslagAlleenBijOverleg: "verslagAlleenBijOverleg"
        case .opschortingAlOpgeheven: "opschortingAlOpgeheven"
        case .geenOpschortingOmOpTeHeffen: "geenOpschorting"
        case .opschortingBesluitBijSluiten: "opschortingBesluitBijSluiten"
        case .nogNietAfgerond: "nogNietAfgerond"
        case .alBeoordeeld: "alBeoordeeld"
        case .eerstInPartnerregister: "eerstInPartnerregister"
        case .heeftAlLogin: "heeftAlLogin"
        case .emailAlInGebruik: "emailAlInGebruik"
        case .sleutelHergebruikt: "sleutelHergebruikt"
        case .berichtNietMislukt: "berichtNietMislukt"
        }
    }

    public func uitleg(_ taal: Taal) -> String {
        switch self {
        case .tegelijkGewijzigd:
            taal.kies("Dit is tegelijk door een ander gewijzigd. Haal het opnieuw op en probeer het nog eens.",
                      "Someone else changed this at the same time. Load it again and try once more.")
        case .meldingGesloten:
            taal.kies("De melding is gesloten; er kan niets meer aan veranderen.", "The case is closed; nothing can change any more.")
        case .meldingAfgerond:
            taal.kies("Uw melding is afgerond. U kunt geen berichten of bestanden meer sturen.", "Your report has been completed. You can no longer send messages or files.")
        case .adresOnvolledig:
            taal.kies("Het adres van de melder is niet compleet (straat en huisnummer, postcode en woonplaats). Vul het aan bij de melding; dan kan de brief worden afgedrukt.",
                      "The melder's address is incomplete (street and number, postcode and place). Complete it on the case; then the letter can be printed.")
        case .meldingOvergang(let f): f.uitleg(taal)
        case .verzoekOvergang(let f): f.uitleg(taal)
        case .signaalOvergang(let f): f.uitleg(taal)
        case .adviesOvergang(let f): f.uitleg(taal)
        case .escalatie(let f): f.uitleg(taal)
        case .gevolgherstel(let f): f.uitleg(taal)
        case .overleg(let f): f.uitleg(taal)
        case .kandidaatAfgehandeld:
            taal.kies("Over dit voorstel is al beslist: het is bevestigd, samengevoegd of afgewezen.", "This proposal was already decided on: confirmed, merged or dismissed.")
        case .terugmeldingOvergang(let van, let naar):
            van.isTerminal
                ? taal.kies("De terugmelding is ‘\(van.naam(.nl))’; er verandert niets meer aan.", "The data report is ‘\(van.naam(.en))’; nothing changes any more.")
                : taal.kies("Van ‘\(van.naam(.nl))’ kan de terugmelding niet naar ‘\(naar.naam(.nl))’. Mogelijk: \(van.mogelijk(.nl)).",
                            "From ‘\(van.naam(.en))’ the data report cannot go to ‘\(naar.naam(.en))’. Possible: \(van.mogelijk(.en)).")
        case .rniStuurtAlleenDoor:
            taal.kies("RvIG neemt een terugmelding op de RNI niet zelf in behandeling: stuur haar door naar een RNI-deelnemer of naar een gemeente. Die beslist of het gegeven wordt aangepast.",
                      "RvIG does not handle a data report on the RNI itself: forward it to an RNI participant or to a municipality, which decides whether the data is changed.")
        case .verzoekAfgerond(let s):
            taal.kies("Het verzoek is \(s.naam(.nl).lowercased()); er verandert niets meer aan.", "The request is \(s.naam(.en).lowercased()); nothing changes any more.")
        case .verslagAlleenBijOverleg:
            taal.kies("Een verslag hoort bij een verzoek om overleg.", "A report belongs to a request for consultation.")
        case .opschortingAlOpgeheven:
            taal.kies("Deze opschorting is al opgeheven.", "This suspension has already been lifted.")
        case .opschortingBesluitBijSluiten:
            taal.kies("Over deze opschorting is al besloten, of de melding loopt nog: dan besluit u bij het afronden.",
                      "This suspension has already been decided on, or the case is still open: then you decide when completing it.")
        case .geenOpschortingOmOpTeHeffen:
            taal.kies("Er is (nog) geen bevestigde opschorting om op te heffen.", "There is no confirmed suspension (yet) to lift.")
        case .nogNietAfgerond:
            taal.kies("U kunt uw melding beoordelen als zij is afgerond.", "You can rate your report once it has been completed.")
        case .alBeoordeeld:
            taal.kies("U heeft deze melding al beoordeeld. Dank u wel.", "You have already rated this report. Thank you.")
        case .eerstInPartnerregister:
            taal.kies("Zet de organisatie eerst in het partnerregister.", "Add the organisation to the partner register first.")
        case .heeftAlLogin(let naam):
            taal.kies("\(naam) heeft al een login.", "\(naam) already has a login.")
        case .emailAlInGebruik:
            taal.kies("Er is al een account met dit e-mailadres.", "There already is an account with this email address.")
        case .sleutelHergebruikt:
            taal.kies("Deze Idempotency-Key is al gebruikt voor een ander verzoek. Gebruik een nieuwe sleutel voor een nieuw verzoek.",
                      "This Idempotency-Key was already used for another request. Use a new key for a new request.")
        case .berichtNietMislukt:
            taal.kies("Dit bericht is niet mislukt: het wordt al verstuurd of is verstuurd.",
                      "This message has not failed: it is being sent or has been sent.")
        }
    }
}

// MARK: Names of states, for texts (never the raw value)

extension TerugmeldingStatus {
    public func naam(_ taal: Taal) -> String {
        guard taal == .en else { return rawValue }
        return switch self {
        case .gemeld: "Reported"
        case .inBehandeling: "In progress"
        case .ingepland: "Scheduled"
        case .afgehandeld: "Completed"
        case .ingetrokken: "Withdrawn"
        case .onvoldoendeInformatie: "Insufficient information"
        case .verkeerdeBronhouder: "Wrong keeper"
        }
    }

    /// The statuses a party can choose from here, named.
    func mogelijk(_ taal: Taal) -> String {
        volgende.filter { $0 != .gemeld }.map { $0.naam(taal) }.sorted().joined(separator: ", ")
    }
}

extension MeldingStatus {
    public func naam(_ taal: Taal) -> String {
        switch self {
        case .ontvangen: taal.kies("Ontvangen", "Received")
        case .intake: taal.kies("Intake", "Intake")
        case .analyse: taal.kies("Analyse", "Analysis")
        case .inBehandeling: taal.kies("In behandeling", "In progress")
        case .wachtOpOrganisaties: taal.kies("Wacht op organisaties", "Waiting for organisations")
        case .gesloten: taal.kies("Gesloten", "Closed")
        }
    }
}

extension MeldpuntRol {
    public func naam(_ taal: Taal) -> String {
        switch self {
        case .begeleidend: taal.kies("Begeleidend", "Guiding")
        case .coordinerend: taal.kies("Coördinerend", "Coordinating")
        case .adviserend: taal.kies("Adviserend", "Advising")
        }
    }
}

extension VerzoekStatus {
    public func naam(_ taal: Taal) -> String {
        switch self {
        case .verzonden: taal.kies("Verzonden", "Sent")
        case .geaccepteerd: taal.kies("Geaccepteerd", "Accepted")
        case .afgewezen: taal.kies("Afgewezen", "Declined")
        case .uitgevoerd: taal.kies("Uitgevoerd", "Done")
        }
    }
}

extension MeldingOvergangFout {
    public func uitleg(_ taal: Taal) -> String {
        switch self {
        case .ongeldigeOvergang(let van, _) where van == .gesloten:
            Conflict.meldingGesloten.uitleg(taal)
        case .ongeldigeOvergang(let van, let naar):
            taal.kies("Van ‘\(van.naam(.nl))’ kan de melding niet naar ‘\(naar.naam(.nl))’.", "From ‘\(van.naam(.en))’ the case cannot go to ‘\(naar.naam(.en))’.")
        case .ontbreekt(.eersteContact):
            taal.kies("Leg eerst het eerste persoonlijke contact met de melder vast.", "First record the first personal contact with the melder.")
        case .ontbreekt(.analyse):
            taal.kies("Leg eerst de analyse vast (oorsprong, impact en complexiteit); daarna kiest u de rol.",
                      "First record the analysis (origin, impact and complexity); then choose the role.")
        case .ontbreekt(.uitkomst):
            taal.kies("Kies eerst de uitkomst.", "First choose the outcome.")
        }
    }
}

extension VerzoekFout {
    public func uitleg(_ taal: Taal) -> String {
        switch self {
        case .ongeldigeOvergang(let van, let naar):
            van.volgende.isEmpty
                ? Conflict.verzoekAfgerond(van).uitleg(taal)
                : taal.kies("Van ‘\(van.naam(.nl))’ kan het verzoek niet naar ‘\(naar.naam(.nl))’.", "From ‘\(van.naam(.en))’ the request cannot go to ‘\(naar.naam(.en))’.")
        case .redenOntbreekt: taal.kies("Geef de reden.", "Give the reason.")
        case .hoogsteNiveau: taal.kies("Het verzoek is al interdepartementaal geëscaleerd; hoger kan niet.", "The request has already been escalated interdepartmentally; there is no higher level.")
        }
    }
}

/// A text a person reads, in both languages.
public struct Tekst: Sendable, Equatable, Hashable, Codable {
    public let nl: String
    public let en: String
    public init(_ nl: String, _ en: String) {
        self.nl = nl
        self.en = en
    }
    public func tekst(_ taal: Taal) -> String { taal.kies(nl, en) }
}
