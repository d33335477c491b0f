import Foundation

/// Who reports to the meldpunt.
public enum MelderType: String, CaseIterable, Codable, Sendable {
    case burger, bedrijf, organisatie, intermediair
}

/// What happens to the melder because of the error.
public enum GevolgSoort: String, CaseIterable, Codable, Sendable {
    case terugvordering, boete, stopgezetteToeslag, stopgezetteUitkering, incasso, anders
}

public enum Contactkanaal: String, CaseIterable, Codable, Sendable {
    case email, telefoon, post
}

/// How a melding came in (issue 30): the public form, an organisation's or intermediary's system,
/// or taken by the meldpunt's staff from a phone call, at a counter or from a letter.
public enum Binnenkomst: String, CaseIterable, Codable, Sendable {
    case web, api, telefoon, balie, brief
    /// Taken over from the CMI's files (an import of the cases it handled until now).
    case overgenomen

    /// Taken by staff for the melder: consent is recorded as given to them.
    public var doorMedewerker: Bool { self == .telefoon || self == .balie || self == .brief }

    public func naam(_ taal: Taal) -> String {
        switch self {
        case .web: taal.kies("Het meldformulier op de website", "The report form on the website")
        case .api: taal.kies("Het systeem van een organisatie", "An organisation's system")
        case .telefoon: taal.kies("Telefoon", "Phone")
        case .balie: taal.kies("Balie", "Counter")
        case .brief: taal.kies("Brief", "Letter")
        case .overgenomen: taal.kies("Overgenomen van het CMI", "Taken over from the CMI")
        }
    }
}

/// The consent text the melder agrees to (AVG art. 6(1)(a)). Its version is stored with the
/// consent, so it is always known what exactly was agreed to.
public enum Toestemmingstekst {
    public static let versie = "2026-11-1"
    public static let tekst = """
        Ik geef het Meldpunt toestemming om mijn gegevens en die in deze melding te gebruiken om mijn probleem op te lossen. \
        Het Meldpunt deelt alleen wat nodig is, en alleen met de organisaties die mijn gegevens beheren of gebruiken \
        (zoals gemeenten, uitvoeringsorganisaties en de beheerders van basisregistraties) en die nodig zijn voor de oplossing. \
        Ik kan deze toestemming altijd intrekken; dan sluit het Meldpunt mijn melding en wist het mijn persoonsgegevens.
        """
}

/// The body of a new melding (public form and `POST /api/v1/meldingen`). All optional here so
/// that every problem is reported at once.
public struct MeldingInvoer: Codable, Sendable {
    public var melderType: String?
    public var melder: Persoonsgegevens?
    /// Business (KvK-nummer) or organisation name, for bedrijf, organisatie and intermediair.
    public var organisatieNaam: String?
    public var kvkNummer: String?
    /// For an intermediary: the person it acts for, and that they gave permission.
    public var vertegenwoordigde: Persoonsgegevens?
    public var toestemmingVertegenwoordigde: Bool?

    public var organisatieAlBenaderd: Bool?
    /// Why the organisation was not (successfully) approached first.
    public var redenNietBenaderd: String?
    public var bezwaarOfBeroepLoopt: Bool?

    /// onjuistGegeven (absent) or onjuisteInterpretatie: the data are right, an organisation uses them wrongly.
    public var probleemsoort: String?
    public var registraties: [String]?
    public var andereRegistratie: String?
    public var betrokkenOrganisaties: [String]?
    public var watIsFout: String?
    public var watMoetHetZijn: String?
    public var sinds: String?
    public var gevolgen: [Gevolg]?

    public var voorkeurKanaal: String?
    /// The melder's language for mail about the melding: nl (default) or en.
    public var taal: String?
    public var bijlagen: [TerugmeldingInvoer.Bijlage]?
    public var toestemming: Toestemming?

    public struct Persoonsgegevens: Codable, Sendable, Equatable {
        public var naam: String?
        public var email: String?
        public var telefoon: String?
        public var adres: String?
        public var postcode: String?
        public var woonplaats: String?
        public var bsn: String?
        public init(naam: String? = nil, email: String? = nil, telefoon: String? = nil, adres: String? = nil, postcode: String? = nil,
                    woonplaats: String? = nil, bsn: String? = nil) {
            self.naam = naam
            self.email = email
            self.telefoon = telefoon
            self.adres = adres
            self.postcode = postcode
            self.woonplaats = woonplaats
            self.bsn = bsn
        }
    }

    public struct Gevolg: Codable, Sendable, Equatable {
        public var soort: String?
        public var organisatie: String?
        public var omschrijving: String?
        public var uiterlijkeDatum: String?
        public init(soort: String? = nil, organisatie: String? = nil, omschrijving: String? = nil, uiterlijkeDatum: String? = nil) {
            self.soort = soort
            self.organisatie = organisatie
            self.omschrijving = omschrijving
            self.uiterlijkeDatum = uiterlijkeDatum
        }
    }

    public struct Toestemming: Codable, Sendable, Equatable {
        public var gegeven: Bool?
        public var tekstVersie: String?
        public init(gegeven: Bool? = nil, tekstVersie: String? = nil) {
            self.gegeven = gegeven
            self.tekstVersie = tekstVersie
        }
    }

    public init() {}
}

public enum MeldingLimieten {
    public static let maxTekst = 20_000
    public static let maxKort = 200
    public static let maxLijst = 20
}

/// Where to go instead while a bezwaar or beroep is running (the meldpunt does not take it on).
public let bezwaarVerwijzing = Tekst(
    "Loopt er een bezwaar- of beroepsprocedure? Dan kan het Meldpunt uw melding niet behandelen: "
        + "de organisatie of de rechter beslist dan over uw zaak. Neem contact op met de organisatie "
        + "waar uw bezwaar loopt, of met de rechtbank. Hulp nodig? Het Juridisch Loket helpt gratis.",
    "Is an objection or appeal in progress? Then the Meldpunt cannot handle your report: "
        + "the organisation or the court decides on your case. Contact the organisation "
        + "handling your objection, or the court. Need help? The Juridisch Loket helps for free.")

/// Why a melding was not taken on at all (nothing is recorded).
public enum MeldingWeigering: Error, Sendable, Equatable {
    case bezwaarOfBeroep
}

/// Validates a new melding: every problem at once, or the bezwaar/beroep stop.
public func valideerMelding(_ v: MeldingInvoer, vandaag: Dag) throws(MeldingWeigering) -> [OngeldigeParameter] {
    if v.bezwaarOfBeroepLoopt == true { throw .bezwaarOfBeroep }
    var fouten: [OngeldigeParameter] = []
    func fout(_ v: Veld, _ c: String, _ r: Tekst) { fouten.append(OngeldigeParameter(v, code: c, uitleg: r)) }
    func fout(_ n: Veldnaam, _ c: String, _ r: Tekst) { fout(Veld(n), c, r) }
    func tekst(_ waarde: String?, _ naam: Veldnaam, max: Int = MeldingLimieten.maxKort, verplicht: Bool = false, wat: Tekst? = nil) {
        tekst(waarde, Veld(naam), max: max, verplicht: verplicht, wat: wat)
    }
    func tekst(_ waarde: String?, _ naam: Veld, max: Int = MeldingLimieten.maxKort, verplicht: Bool = false, wat: Tekst? = nil) {
        let w = (waarde ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if verplicht && w.isEmpty { fout(naam, "required", wat ?? Tekst("Vul dit in.", "Fill this in.")) }
        if (waarde ?? "").schemaLengte > max { fout(naam, "maxLength", Lengteregel.hoogstens(max)) }
    }

    // Who reports.
    let type = v.melderType.flatMap(MelderType.init(rawValue:))
    if type == nil {
        fout(.melderType, v.melderType == nil ? "required" : "enum", Tekst("Kies wie meldt.", "Choose who is reporting."))
    }
    let melder = v.melder ?? .init()
    tekst(melder.naam, Veld(.melder, .naam), verplicht: true, wat: Tekst("Vul uw naam in.", "Enter your name."))
    if (melder.email ?? "").isEmpty && (melder.telefoon ?? "").isEmpty && (melder.adres ?? "").isEmpty {
        fout(Veld(.melder, .email), "contactVerplicht", Tekst("Vul een e-mailadres, telefoonnummer of adres in, zodat we contact met u kunnen opnemen.", "Enter an email address, phone number or address, so that we can contact you."))
    }
    valideerPersoon(melder, pad: Veld(.melder), fout: fout)
    switch type {
    case .bedrijf:
        tekst(v.organisatieNaam, .organisatieNaam, verplicht: true, wat: Tekst("Vul de naam van het bedrijf in.", "Enter the name of the business."))
        let kvk = (v.kvkNummer ?? "").replacingOccurrences(of: " ", with: "")
        if kvk.isEmpty {
            fout(.kvkNummer, "required", Tekst("Vul het KvK-nummer in.", "Enter the KvK number."))
        } else if kvk.count != 8 || !kvk.allSatisfy({ $0.isASCII && $0.isNumber }) {
            fout(.kvkNummer, "kvkFormaat", Tekst("Een KvK-nummer bestaat uit 8 cijfers.", "A KvK number has 8 digits."))
        }
    case .organisatie:
        tekst(v.organisatieNaam, .organisatieNaam, verplicht: true, wat: Tekst("Vul de naam van de organisatie in.", "Enter the name of the organisation."))
    case .intermediair:
        tekst(v.organisatieNaam, .organisatieNaam, verplicht: true, wat: Tekst("Vul de naam van uw organisatie in (bijvoorbeeld Consumentenbond of uw advocatenkantoor).", "Enter the name of your organisation (for example Consumentenbond or your law firm)."))
        let vertegenwoordigde = v.vertegenwoordigde ?? .init()
        tekst(vertegenwoordigde.naam, Veld(.vertegenwoordigde, .naam), verplicht: true, wat: Tekst("Vul de naam in van de persoon voor wie u meldt.", "Enter the name of the person you report for."))
        valideerPersoon(vertegenwoordigde, pad: Veld(.vertegenwoordigde), fout: fout)
        if v.toestemmingVertegenwoordigde != true {
            fout(.toestemmingVertegenwoordigde, "required", Tekst("Verklaar dat de persoon voor wie u meldt u daarvoor toestemming heeft gegeven.", "Declare that the person you report for has given you permission."))
        }
    case .burger, nil:
        break
    }

    // Scope: first the organisation itself.
    if v.organisatieAlBenaderd == nil {
        fout(.organisatieAlBenaderd, "required", Tekst("Geef aan of u de organisatie die het gegeven beheert al heeft benaderd.", "Say whether you have already contacted the organisation that keeps the information."))
    } else if v.organisatieAlBenaderd == false {
        tekst(v.redenNietBenaderd, .redenNietBenaderd, max: MeldingLimieten.maxTekst, verplicht: true,
              wat: Tekst("Vertel waarom het niet lukte of niet mogelijk is om eerst zelf de organisatie te benaderen.", "Tell us why it did not work or was not possible to contact the organisation yourself first."))
    }
    if v.bezwaarOfBeroepLoopt == nil {
        fout(.bezwaarOfBeroepLoopt, "required", Tekst("Geef aan of er een bezwaar- of beroepsprocedure loopt.", "Say whether an objection or appeal is in progress."))
    }

    // What is wrong.
    let registraties = v.registraties ?? []
    if registraties.isEmpty && (v.andereRegistratie ?? "").isEmpty {
        fout(.registraties, "required", Tekst("Kies de registratie(s) waarin het fout staat, of beschrijf een andere registratie.", "Choose the registration(s) where it is wrong, or describe another registration."))
    }
    for (i, r) in registraties.enumerated() where !Registratie.alle.contains(where: { $0.code == r }) {
        fout(Veld(.registraties)[i], "enum", Tekst("Deze registratie kennen we niet. Kies uit de lijst.", "We do not know this registration. Choose from the list."))
    }
    if registraties.count > MeldingLimieten.maxLijst { fout(.registraties, "maxItems", Tekst("Hoogstens \(MeldingLimieten.maxLijst).", "At most \(MeldingLimieten.maxLijst).")) }
    tekst(v.andereRegistratie, .andereRegistratie)
    let organisaties = v.betrokkenOrganisaties ?? []
    if organisaties.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
        fout(.betrokkenOrganisaties, "required", Tekst("Noem ten minste één organisatie die erbij betrokken is.", "Name at least one organisation involved."))
    }
    if organisaties.count > MeldingLimieten.maxLijst { fout(.betrokkenOrganisaties, "maxItems", Tekst("Hoogstens \(MeldingLimieten.maxLijst).", "At most \(MeldingLimieten.maxLijst).")) }
    for (i, o) in organisaties.enumerated() where o.schemaLengte > MeldingLimieten.maxKort {
        fout(Veld(.betrokkenOrganisaties)[i], "maxLength", Lengteregel.hoogstens(MeldingLimieten.maxKort))
    }
    let soort = v.probleemsoort.flatMap(Probleemsoort.init(rawValue:))
    if v.probleemsoort != nil && soort == nil {
        fout(.probleemsoort, "enum", Tekst("Kies of een gegeven niet klopt, of dat een organisatie een juist gegeven verkeerd gebruikt.",
                                           "Choose whether information is wrong, or whether an organisation uses correct information wrongly."))
    }
    tekst(v.watIsFout, .watIsFout, max: MeldingLimieten.maxTekst, verplicht: true,
          wat: soort == .onjuisteInterpretatie
            ? Tekst("Beschrijf welk gegeven de organisatie verkeerd gebruikt, en wat daardoor misgaat.", "Describe which information the organisation uses wrongly, and what goes wrong because of it.")
            : Tekst("Beschrijf welk gegeven niet klopt.", "Describe which information is wrong."))
    tekst(v.watMoetHetZijn, .watMoetHetZijn, max: MeldingLimieten.maxTekst)
    if let sinds = v.sinds {
        if let d = Dag(sinds) {
            if d > vandaag { fout(.sinds, "toekomst", Tekst("Deze datum ligt in de toekomst.", "This date is in the future.")) }
        } else {
            fout(.sinds, "date", Tekst("Vul een datum in als jjjj-mm-dd.", "Enter a date as yyyy-mm-dd."))
        }
    }

    // Consequences.
    let gevolgen = v.gevolgen ?? []
    if gevolgen.count > MeldingLimieten.maxLijst { fout(.gevolgen, "maxItems", Tekst("Hoogstens \(MeldingLimieten.maxLijst).", "At most \(MeldingLimieten.maxLijst).")) }
    for (i, g) in gevolgen.enumerated() {
        if g.soort.flatMap(GevolgSoort.init(rawValue:)) == nil {
            fout(Veld(.gevolgen)[i] / .soort, "enum", Tekst("Kies wat er gebeurt.", "Choose what happens."))
        }
        tekst(g.organisatie, Veld(.gevolgen)[i] / .organisatie)
        tekst(g.omschrijving, Veld(.gevolgen)[i] / .omschrijving, max: MeldingLimieten.maxTekst)
        if let d = g.uiterlijkeDatum, Dag(d) == nil {
            fout(Veld(.gevolgen)[i] / .uiterlijkeDatum, "date", Tekst("Vul een datum in als jjjj-mm-dd.", "Enter a date as yyyy-mm-dd."))
        }
    }

    // Contact preference, attachments, consent.
    if let k = v.voorkeurKanaal, Contactkanaal(rawValue: k) == nil {
        fout(.voorkeurKanaal, "enum", Tekst("Kies e-mail, telefoon of post.", "Choose email, phone or post."))
    }
    if let t = v.taal, Taal(rawValue: t) == nil {
        fout(.taal, "enum", Tekst("Kies Nederlands (nl) of Engels (en).", "Choose Dutch (nl) or English (en)."))
    }
    let bijlagen = v.bijlagen ?? []
    if bijlagen.count > BijlageRegels.maxAantal { fout(.bijlagen, "maxItems", Tekst("Hoogstens \(BijlageRegels.maxAantal) bijlagen.", "At most \(BijlageRegels.maxAantal) attachments.")) }
    var totaal = 0
    for (i, b) in bijlagen.enumerated() {
        switch valideerBijlage(b) {
        case .success(let data): totaal += data.count
        case .failure(let f): for e in f.fouten { fout(Veld(.bijlagen)[i] / e.veld, e.code, e.reden) }
        }
    }
    if totaal > BijlageRegels.maxTotaleGrootte { fout(.bijlagen, "maxTotalSize", Tekst("De bijlagen zijn samen hoogstens 20 MiB.", "The attachments are at most 20 MiB together.")) }

    if v.toestemming?.gegeven != true {
        fout(Veld(.toestemming, .gegeven), "required", Tekst("Zonder uw toestemming kunnen we uw melding niet behandelen.", "Without your consent we cannot handle your report."))
    } else if v.toestemming?.tekstVersie != Toestemmingstekst.versie {
        fout(Veld(.toestemming, .tekstVersie), "verouderd", Tekst("De tekst waarvoor u toestemming gaf is veranderd. Lees de nieuwe tekst en geef opnieuw toestemming.", "The text you consented to has changed. Read the new text and give your consent again."))
    }
    return fouten
}

private func valideerPersoon(_ p: MeldingInvoer.Persoonsgegevens, pad: Veld, fout: (Veld, String, Tekst) -> Void) {
    if let email = p.email, !email.isEmpty, !isEmailadres(email) { fout(pad / .email, "email", Tekst("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.", "Enter a valid email address, such as name@example.com.")) }
    if let tel = p.telefoon, !tel.isEmpty, !isTelefoonnummer(tel.replacingOccurrences(of: " ", with: "")) {
        fout(pad / .telefoon, "pattern", Tekst("Een telefoonnummer is 8 tot 20 tekens: cijfers, + en -.", "A phone number is 8 to 20 characters: digits, + and -."))
    }
    if let pc = p.postcode, !pc.isEmpty, Postcode(pc) == nil { fout(pad / .postcode, "postcodeFormaat", Tekst("Vul een postcode in zoals 1234 AB.", "Enter a postcode such as 1234 AB.")) }
    if let bsn = p.bsn, !bsn.isEmpty {
        do { try BSN.check(bsn) } catch { fout(pad / .bsn, error.code, error.uitleg) }
    }
    for (veld, waarde) in [(Veldnaam.naam, p.naam), (.email, p.email), (.adres, p.adres), (.woonplaats, p.woonplaats)] where (waarde ?? "").schemaLengte > MeldingLimieten.maxKort {
        fout(pad / veld, "maxLength", Lengteregel.hoogstens(MeldingLimieten.maxKort))
    }
}

/// One attachment's rules, shared by terugmeldingen and meldingen: a name without path or
/// control characters, PDF/JPEG/PNG, valid base64, and bytes that really are the declared type.
/// Returns every problem of this attachment, or its decoded bytes.
public func valideerBijlage(_ b: TerugmeldingInvoer.Bijlage) -> Result<Data, BijlageFouten> {
    var fouten: [BijlageFout] = []
    let naam = b.bestandsnaam ?? ""
    if naam.trimmingCharacters(in: .whitespaces).isEmpty {
        fouten.append(.init(veld: .bestandsnaam, code: "required", reden: Tekst("De bestandsnaam ontbreekt.", "The file name is missing.")))
    } else if naam.schemaLengte > BijlageRegels.maxBestandsnaamLengte || naam.contains("/") || naam.contains("\\")
                || naam.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
        fouten.append(.init(veld: .bestandsnaam, code: "bestandsnaam", reden: Tekst("Een bestandsnaam is hoogstens \(BijlageRegels.maxBestandsnaamLengte) tekens, zonder / of \\ of stuurtekens.", "A file name is at most \(BijlageRegels.maxBestandsnaamLengte) characters, without / or \\ or control characters.")))
    }
    if let beschrijving = b.beschrijving, beschrijving.schemaLengte > 200 {
        fouten.append(.init(veld: .beschrijving, code: "maxLength", reden: Tekst("Mag hoogstens 200 tekens lang zijn.", "At most 200 characters.")))
    }
    let soort = b.mimeType.flatMap(BijlageRegels.soort(mimeType:))
    if soort == nil {
        fouten.append(.init(veld: .mimeType, code: "enum", reden: Tekst("Alleen PDF, JPEG en PNG zijn toegestaan.", "Only PDF, JPEG and PNG are allowed.")))
    }
    var data: Data?
    if let tekst = b.bijlageData, !tekst.isEmpty {
        if let d = Data(base64Encoded: tekst, options: .ignoreUnknownCharacters), !d.isEmpty,
           tekst.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+/=\r\n".contains($0)) }) {
            if let soort, BijlageRegels.herken(d) != soort {
                fouten.append(.init(veld: .bijlageData, code: "inhoudKomtNietOvereen", reden: Tekst("De inhoud past niet bij het opgegeven bestandstype.", "The content does not match the stated file type.")))
            } else {
                data = d
            }
        } else {
            fouten.append(.init(veld: .bijlageData, code: "base64", reden: Tekst("De inhoud van het bestand is niet leesbaar (geen geldige base64).", "The file content cannot be read (not valid base64).")))
        }
    } else {
        fouten.append(.init(veld: .bijlageData, code: "required", reden: Tekst("De inhoud van de bijlage ontbreekt.", "The content of the attachment is missing.")))
    }
    if let data, fouten.isEmpty { return .success(data) }
    return .failure(BijlageFouten(fouten: fouten))
}

public struct BijlageFout: Sendable, Equatable {
    public let veld: Veldnaam
    public let code: String
    public let reden: Tekst
}

public struct BijlageFouten: Error, Sendable, Equatable {
    public let fouten: [BijlageFout]
}

// MARK: Correcting the melder's contact data (issue 30)

/// The melder's contact data as staff correct it (a new address, a phone number that changed):
/// the whole set, as the melder would give it on the form.
public struct ContactgegevensInvoer: Codable, Sendable, Equatable {
    public var naam: String?
    public var email: String?
    public var telefoon: String?
    public var adres: String?
    public var postcode: String?
    public var woonplaats: String?
    public var voorkeurKanaal: String?

    public init(naam: String? = nil, email: String? = nil, telefoon: String? = nil, adres: String? = nil, postcode: String? = nil,
                woonplaats: String? = nil, voorkeurKanaal: String? = nil) {
        self.naam = naam
        self.email = email
        self.telefoon = telefoon
        self.adres = adres
        self.postcode = postcode
        self.woonplaats = woonplaats
        self.voorkeurKanaal = voorkeurKanaal
    }

    /// What the melder gave, as a correction starts from it.
    public init(_ v: MeldingInvoer) {
        self.init(naam: v.melder?.naam, email: v.melder?.email, telefoon: v.melder?.telefoon, adres: v.melder?.adres,
                  postcode: v.melder?.postcode, woonplaats: v.melder?.woonplaats, voorkeurKanaal: v.voorkeurKanaal)
    }
}

/// The same rules as the form: each field's format and length, a way to reach the melder, and
/// post only with a full address. Returns the set with empty fields as absent, and which
/// fields changed compared with `oud`.
public func valideerContactgegevens(_ v: ContactgegevensInvoer, oud: MeldingInvoer) throws(ValidatieFouten) -> (MeldingInvoer, [Veldnaam]) {
    var fouten: [OngeldigeParameter] = []
    func fout(_ veld: Veld, _ code: String, _ t: Tekst) { fouten.append(OngeldigeParameter(veld, code: code, uitleg: t)) }
    func leeg(_ s: String?) -> String? {
        let w = (s ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return w.isEmpty ? nil : w
    }
    var melder = oud.melder ?? MeldingInvoer.Persoonsgegevens()
    melder.naam = leeg(v.naam)
    melder.email = leeg(v.email)
    melder.telefoon = leeg(v.telefoon)
    melder.adres = leeg(v.adres)
    melder.postcode = leeg(v.postcode)
    melder.woonplaats = leeg(v.woonplaats)
    valideerPersoon(melder, pad: .geheel, fout: fout)
    if melder.email == nil && melder.telefoon == nil && melder.adres == nil {
        fout(Veld(.email), "contactVerplicht", Tekst("Vul een e-mailadres, telefoonnummer of adres in, zodat we contact met de melder kunnen opnemen.",
                                                                "Enter an email address, phone number or address, so that we can contact the melder."))
    }
    // Absent (or null) is no preference; a value must be one of the channels, as the API's document says.
    let kanaal = v.voorkeurKanaal
    if let k = kanaal, Contactkanaal(rawValue: k) == nil {
        fout(Veld(.voorkeurKanaal), "enum", Tekst("Kies e-mail, telefoon of post.", "Choose email, phone or post."))
    } else if kanaal == Contactkanaal.post.rawValue && (melder.adres == nil || melder.postcode == nil || melder.woonplaats == nil) {
        for (veld, waarde) in [(Veldnaam.adres, melder.adres), (.postcode, melder.postcode), (.woonplaats, melder.woonplaats)] where waarde == nil {
            fout(Veld(veld), "postadresOnvolledig", Tekst("Voor post zijn straat en huisnummer, postcode en woonplaats nodig; vul dit in.",
                                                          "Post needs street and number, postcode and place; fill this in."))
        }
    } else if kanaal == Contactkanaal.email.rawValue && melder.email == nil {
        fout(Veld(.email), "required", Tekst("Vul het e-mailadres in, of kies een ander kanaal.", "Enter the email address, or choose another channel."))
    } else if kanaal == Contactkanaal.telefoon.rawValue && melder.telefoon == nil {
        fout(Veld(.telefoon), "required", Tekst("Vul het telefoonnummer in, of kies een ander kanaal.", "Enter the phone number, or choose another channel."))
    }
    guard fouten.isEmpty else { throw ValidatieFouten(fouten) }
    var nieuw = oud
    nieuw.melder = melder
    nieuw.voorkeurKanaal = kanaal
    let o = oud.melder
    let paren: [(Veldnaam, String?, String?)] = [
        (.naam, o?.naam, melder.naam), (.email, o?.email, melder.email), (.telefoon, o?.telefoon, melder.telefoon),
        (.adres, o?.adres, melder.adres), (.postcode, o?.postcode, melder.postcode), (.woonplaats, o?.woonplaats, melder.woonplaats),
        (.voorkeurKanaal, oud.voorkeurKanaal, kanaal),
    ]
    let gewijzigd = paren.filter { leeg($0.1) != $0.2 }.map(\.0)
    return (nieuw, gewijzigd)
}
