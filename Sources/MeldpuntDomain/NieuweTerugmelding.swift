import Foundation

/// One refused input field, as reported in problem+json `invalidParams`.
public struct OngeldigeParameter: Codable, Sendable, Equatable {
    /// Which input: typed; the API writes it as a JSON path, pages map it to their field.
    public let veld: Veld
    public let code: String
    /// The Dutch text, as problem+json carries it.
    public let reason: String
    /// The English text; nil only for the API's own syntax errors, which no page shows.
    public let reasonEn: String?

    private enum CodingKeys: String, CodingKey { case name, code, reason }

    public init(_ veld: Veld, code: String, uitleg: Tekst) {
        self.veld = veld
        self.code = code
        self.reason = uitleg.nl
        self.reasonEn = uitleg.en
    }

    public init(_ veld: Veldnaam, code: String, uitleg: Tekst) {
        self.init(Veld(veld), code: code, uitleg: uitleg)
    }

    /// For the API's own messages (syntax, headers): Dutch only.
    public init(api naam: String, code: String, reason: String) {
        self.veld = .api(naam)
        self.code = code
        self.reason = reason
        self.reasonEn = nil
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(veld.jsonPad, forKey: .name)
        try c.encode(code, forKey: .code)
        try c.encode(reason, forKey: .reason)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        veld = .api(try c.decode(String.self, forKey: .name))
        code = try c.decode(String.self, forKey: .code)
        reason = try c.decode(String.self, forKey: .reason)
        reasonEn = nil
    }

    /// The text for a reader of this language.
    public func reden(_ taal: Taal) -> String { taal == .en ? (reasonEn ?? reason) : reason }
}

/// The body of `POST /api/v1/terugmeldingen`: the Logius draft REST terugmelding (0.2)
/// plus `gemeentecode` and `toelichting` in the header. Every field is optional here so
/// that validation can report all problems at once instead of failing on the first.
public struct TerugmeldingInvoer: Codable, Sendable {
    public var terugMeldingHeader: Header?
    public var terugMeldingBody: Body?

    public init(terugMeldingHeader: Header? = nil, terugMeldingBody: Body? = nil) {
        self.terugMeldingHeader = terugMeldingHeader
        self.terugMeldingBody = terugMeldingBody
    }

    public struct Header: Codable, Sendable {
        public var registratie: RegistratieVerwijzing?
        public var melder: Contactinformatie?
        public var datumMelding: String?
        public var referentiekenmerk: String?
        public var peilmoment: String?
        public var meldingBron: String?
        public var gemeentecode: String?
        public var toelichting: String?

        public init(registratie: RegistratieVerwijzing? = nil, melder: Contactinformatie? = nil, datumMelding: String? = nil,
                    referentiekenmerk: String? = nil, peilmoment: String? = nil, meldingBron: String? = nil,
                    gemeentecode: String? = nil, toelichting: String? = nil) {
            self.registratie = registratie
            self.melder = melder
            self.datumMelding = datumMelding
            self.referentiekenmerk = referentiekenmerk
            self.peilmoment = peilmoment
            self.meldingBron = meldingBron
            self.gemeentecode = gemeentecode
            self.toelichting = toelichting
        }
    }

    public struct RegistratieVerwijzing: Codable, Sendable {
        public var naam: String?
        public var code: String?
        public var houder: String?
        public var basisRegistratieCode: String?

        public init(naam: String? = nil, code: String? = nil, houder: String? = nil, basisRegistratieCode: String? = nil) {
            self.naam = naam
            self.code = code
            self.houder = houder
            self.basisRegistratieCode = basisRegistratieCode
        }
    }

    public struct Contactinformatie: Codable, Sendable, Equatable {
        public var naam: String?
        public var telefoon: String?
        public var email: String?
        public var bedrijf: String?
        public var afdeling: String?
        public init(naam: String? = nil, telefoon: String? = nil, email: String? = nil, bedrijf: String? = nil, afdeling: String? = nil) {
            self.naam = naam
            self.telefoon = telefoon
            self.email = email
            self.bedrijf = bedrijf
            self.afdeling = afdeling
        }
    }

    public struct Body: Codable, Sendable {
        public var objectIdentificatie: [ObjectIdentificatie]?
        public var geometry: JSONWaarde?
        public var terugMeldingGegevens: [Gegeven]?

        public init(objectIdentificatie: [ObjectIdentificatie]? = nil, geometry: JSONWaarde? = nil, terugMeldingGegevens: [Gegeven]? = nil) {
            self.objectIdentificatie = objectIdentificatie
            self.geometry = geometry
            self.terugMeldingGegevens = terugMeldingGegevens
        }
    }

    public struct ObjectIdentificatie: Codable, Sendable {
        public var objectType: String?
        public var attribuutUrn: String?
        public var idWaarde: String?

        public init(objectType: String? = nil, attribuutUrn: String? = nil, idWaarde: String? = nil) {
            self.objectType = objectType
            self.attribuutUrn = attribuutUrn
            self.idWaarde = idWaarde
        }
    }

    public struct Gegeven: Codable, Sendable {
        public var objectType: String?
        public var gegevensElementNaam: String?
        public var attribuut: String?
        public var attribuutUrn: String?
        public var betwijfeldeWaarde: String?
        public var voorgesteldeWaarde: String?
        public var eigenvelden: JSONWaarde?
        public var bijlages: [Bijlage]?

        public init(objectType: String? = nil, gegevensElementNaam: String? = nil, attribuut: String? = nil, attribuutUrn: String? = nil,
                    betwijfeldeWaarde: String? = nil, voorgesteldeWaarde: String? = nil, eigenvelden: JSONWaarde? = nil, bijlages: [Bijlage]? = nil) {
            self.objectType = objectType
            self.gegevensElementNaam = gegevensElementNaam
            self.attribuut = attribuut
            self.attribuutUrn = attribuutUrn
            self.betwijfeldeWaarde = betwijfeldeWaarde
            self.voorgesteldeWaarde = voorgesteldeWaarde
            self.eigenvelden = eigenvelden
            self.bijlages = bijlages
        }
    }

    public struct Bijlage: Codable, Sendable {
        public var bestandsnaam: String?
        public var mimeType: String?
        public var bijlageData: String?
        public var beschrijving: String?

        public init(bestandsnaam: String? = nil, mimeType: String? = nil, bijlageData: String? = nil, beschrijving: String? = nil) {
            self.bestandsnaam = bestandsnaam
            self.mimeType = mimeType
            self.bijlageData = bijlageData
            self.beschrijving = beschrijving
        }
    }
}

/// What the register of gemeenten says of a code, for routing.
public enum GemeenteStatus: Sendable, Equatable {
    case actueel(naam: String)
    case beeindigd(naam: String, opvolger: String?)
    case onbekend
}

/// Identification URNs of the subject (TMV 2.0: BSN, A-nummer or adres).
public enum PersoonUrn {
    public static let bsn = "urn:brp:persoon:bsn"
    public static let anummer = "urn:brp:persoon:anummer"
    public static let adres = "urn:brp:persoon:adres"
}

/// A terugmelding that passed validation: what the engine stores and routes.
public struct GevalideerdeTerugmelding: Sendable {
    public let registratie: Registratie
    public let gemeentecode: String
    public let bsn: BSN?
    public let anummer: ANummer?
    public let adres: String?
    public let referentiekenmerk: String?
    public let toelichting: String?
    public let melder: TerugmeldingInvoer.Contactinformatie?
    /// The request as received, with attachment bytes taken out (they are stored apart).
    public let inhoud: TerugmeldingInvoer
    public let bijlagen: [GevalideerdeBijlage]
}

public enum TerugmeldingLimieten {
    public static let maxToelichting = 100_000
    public static let maxAdres = 50
    public static let maxReferentiekenmerk = 50
    public static let maxWaarde = 2_000
    public static let maxKort = 200
    public static let maxGegevens = 100
    public static let maxIdentificaties = 20
}

/// Validates a terugmelding completely and returns every problem, or the validated result.
/// `gemeente` answers what the reference data says of a gemeentecode.
public func valideer(
    _ verzoek: TerugmeldingInvoer, gemeente: (String) -> GemeenteStatus
) -> Result<GevalideerdeTerugmelding, ValidatieFouten> {
    var fouten: [OngeldigeParameter] = []
    func fout(_ veld: Veld, _ code: String, _ reason: Tekst) {
        fouten.append(OngeldigeParameter(veld, code: code, uitleg: reason))
    }
    func fout(_ naam: Veldnaam, _ code: String, _ reason: Tekst) { fout(Veld(naam), code, reason) }
    func maxLengte(_ waarde: String?, _ max: Int, _ name: Veld) {
        if let waarde, waarde.schemaLengte > max {
            fout(name, "maxLength", Tekst("Mag hoogstens \(max) tekens lang zijn (nu \(waarde.schemaLengte)).", "At most \(max) characters (now \(waarde.schemaLengte))."))
        }
    }

    let header = verzoek.terugMeldingHeader
    let body = verzoek.terugMeldingBody
    if header == nil { fout(.terugMeldingHeader, "required", Tekst("De kop van de terugmelding (gemeente, melder, datum) ontbreekt.", "The heading of the data report (municipality, reporter, date) is missing.")) }
    if body == nil { fout(.terugMeldingBody, "required", Tekst("De inhoud van de terugmelding ontbreekt.", "The content of the data report is missing.")) }

    // Registratie: only the BRP has bronhouders connected so far.
    var registratie: Registratie?
    if let header {
        let code = header.registratie?.basisRegistratieCode ?? header.registratie?.code
        if let code, !code.isEmpty {
            if let r = Registratie.met(code: code) {
                if r == .brp {
                    registratie = r
                } else {
                    fout(Veld(.terugMeldingHeader, .registratie, .basisRegistratieCode), "nietOndersteund",
                         Tekst("Terugmelden op de \(r.naam) (\(r.code)) kan hier nog niet: alleen de BRP is aangesloten.", "Reporting on the \(r.naam) (\(r.code)) is not possible here yet: only the BRP is connected."))
                }
            } else {
                fout(Veld(.terugMeldingHeader, .registratie, .basisRegistratieCode), "enum",
                     Tekst("Deze registratie kennen we niet. Kies een basisregistratie, zoals BRP.", "We do not know this registration. Choose a base registration, such as BRP."))
            }
        } else {
            fout(Veld(.terugMeldingHeader, .registratie, .basisRegistratieCode), "required",
                 Tekst("Geef aan op welke registratie u terugmeldt (bijvoorbeeld BRP).", "Say which registration you report on (for example BRP)."))
        }
    }

    // Gemeente van bijhouding, chosen by the afnemer.
    var gemeentecode: String?
    if let header {
        let name = Veld(.terugMeldingHeader, .gemeentecode)
        if let code = header.gemeentecode, !code.isEmpty {
            do {
                try Gemeentecode.check(code)
                switch gemeente(code) {
                case .actueel:
                    gemeentecode = code
                case .beeindigd(let naam, let opvolger):
                    fout(name, "gemeenteBeeindigd", Tekst("Gemeente \(naam) (\(code)) bestaat niet meer." + (opvolger.map { " Gebruik de opvolger, gemeentecode \($0)." } ?? ""),
                                                          "The municipality \(naam) (\(code)) no longer exists." + (opvolger.map { " Use its successor, code \($0)." } ?? "")))
                case .onbekend:
                    fout(name, "gemeenteOnbekend", Tekst("Er is geen gemeente met code \(code).", "There is no municipality with code \(code)."))
                }
            } catch {
                fout(name, error.code, error.uitleg)
            }
        } else if registratie == .brp {
            fout(name, "required", Tekst("Kies de gemeente waar de persoon staat ingeschreven (of de RNI).", "Choose the municipality where the person is registered (or the RNI)."))
        }
        // The FAQ: an extensive explanation of why the afnemer doubts the data is "noodzakelijk".
        if (header.toelichting ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            fout(Veld(.terugMeldingHeader, .toelichting), "required",
                 Tekst("Leg uit waarom u twijfelt aan het gegeven: wat u zag, wanneer en waar. Zonder uitleg kan de gemeente de terugmelding niet goed beoordelen.",
                       "Explain why you doubt the data: what you saw, when and where. Without an explanation the municipality cannot judge the report properly."))
        }
        maxLengte(header.toelichting, TerugmeldingLimieten.maxToelichting, Veld(.terugMeldingHeader, .toelichting))
        maxLengte(header.referentiekenmerk, TerugmeldingLimieten.maxReferentiekenmerk, Veld(.terugMeldingHeader, .referentiekenmerk))
        maxLengte(header.meldingBron, TerugmeldingLimieten.maxKort, Veld(.terugMeldingHeader, .meldingBron))
        if let d = header.datumMelding, Dag(d) == nil {
            fout(Veld(.terugMeldingHeader, .datumMelding), "date", Tekst("Vul een geldige datum in als jjjj-mm-dd.", "Enter a valid date as yyyy-mm-dd."))
        }
        if let p = header.peilmoment, parseTijdstip(p) == nil {
            fout(Veld(.terugMeldingHeader, .peilmoment), "dateTime", Tekst("Geen geldig tijdstip; gebruik ISO 8601, zoals 2024-04-03T10:42:37Z.", "Not a valid time; use ISO 8601, such as 2024-04-03T10:42:37Z."))
        }
        if let melder = header.melder {
            valideerContact(melder, pad: Veld(.terugMeldingHeader, .melder), fout: fout)
        }
    }

    // Subject identification: at least one of BSN, A-nummer, adres.
    var bsn: BSN?, anummer: ANummer?, adres: String?
    if let body {
        let ids = body.objectIdentificatie ?? []
        if ids.isEmpty {
            fout(Veld(.terugMeldingBody, .objectIdentificatie), "required",
                 Tekst("Identificeer de persoon met een BSN, A-nummer of adres.", "Identify the person with a BSN, A-number or address."))
        } else if ids.count > TerugmeldingLimieten.maxIdentificaties {
            fout(Veld(.terugMeldingBody, .objectIdentificatie), "maxItems", Tekst("Hoogstens \(TerugmeldingLimieten.maxIdentificaties) identificaties.", "At most \(TerugmeldingLimieten.maxIdentificaties) identifications."))
        }
        var heeftPersoonId = false
        for (i, id) in ids.enumerated() {
            let pad = Veld(.terugMeldingBody, .objectIdentificatie)[i]
            guard let urn = id.attribuutUrn, !urn.isEmpty else {
                fout(pad / .attribuutUrn, "required", Tekst("Geef aan waarmee u de persoon identificeert (BSN, A-nummer of adres).", "Say how you identify the person (BSN, A-number or address)."))
                continue
            }
            let waarde = id.idWaarde ?? ""
            if waarde.isEmpty {
                fout(pad / .idWaarde, "required", Tekst("De waarde van de identificatie ontbreekt.", "The value of the identification is missing."))
                continue
            }
            maxLengte(waarde, TerugmeldingLimieten.maxKort, pad / .idWaarde)
            switch urn {
            case PersoonUrn.bsn:
                heeftPersoonId = true
                do { try BSN.check(waarde); bsn = BSN(waarde) } catch { fout(pad / .idWaarde, error.code, error.uitleg) }
            case PersoonUrn.anummer:
                heeftPersoonId = true
                do { try ANummer.check(waarde); anummer = ANummer(waarde) } catch { fout(pad / .idWaarde, error.code, error.uitleg) }
            case PersoonUrn.adres:
                heeftPersoonId = true
                if waarde.schemaLengte > TerugmeldingLimieten.maxAdres {
                    fout(pad / .idWaarde, "adresMaxLength", Tekst("Een adres mag hoogstens \(TerugmeldingLimieten.maxAdres) posities lang zijn (nu \(waarde.schemaLengte)).", "An address is at most \(TerugmeldingLimieten.maxAdres) positions long (now \(waarde.schemaLengte))."))
                } else {
                    adres = waarde
                }
            default:
                maxLengte(urn, TerugmeldingLimieten.maxKort, pad / .attribuutUrn)
            }
        }
        if !ids.isEmpty && !heeftPersoonId {
            fout(Veld(.terugMeldingBody, .objectIdentificatie), "persoonIdentificatie",
                 Tekst("Identificeer de persoon met ten minste een BSN, A-nummer of adres.", "Identify the person with at least a BSN, A-number or address."))
        }
    }

    // The doubted items and their attachments.
    var bijlagen: [GevalideerdeBijlage] = []
    var totaal = 0
    if let body {
        let gegevens = body.terugMeldingGegevens ?? []
        if gegevens.isEmpty {
            fout(Veld(.terugMeldingBody, .terugMeldingGegevens), "required", Tekst("Geef ten minste één betwijfeld gegeven.", "Give at least one doubted data item."))
        } else if gegevens.count > TerugmeldingLimieten.maxGegevens {
            fout(Veld(.terugMeldingBody, .terugMeldingGegevens), "maxItems", Tekst("Hoogstens \(TerugmeldingLimieten.maxGegevens) gegevens per terugmelding.", "At most \(TerugmeldingLimieten.maxGegevens) data items per data report."))
        }
        var aantalBijlagen = 0
        for (i, g) in gegevens.enumerated() {
            let pad = Veld(.terugMeldingBody, .terugMeldingGegevens)[i]
            if (g.attribuutUrn ?? "").isEmpty && (g.attribuut ?? "").isEmpty {
                fout(pad / .attribuutUrn, "required", Tekst("Kies welk gegeven u betwijfelt.", "Choose the data item you doubt."))
            }
            if g.betwijfeldeWaarde == nil && g.voorgesteldeWaarde == nil {
                fout(pad / .betwijfeldeWaarde, "required", Tekst("Geef de betwijfelde waarde, de voorgestelde waarde of allebei.", "Give the doubted value, the proposed value or both."))
            }
            for (veld, waarde) in [(Veldnaam.attribuutUrn, g.attribuutUrn), (.attribuut, g.attribuut), (.gegevensElementNaam, g.gegevensElementNaam), (.objectType, g.objectType)] {
                maxLengte(waarde, TerugmeldingLimieten.maxKort, pad / veld)
            }
            maxLengte(g.betwijfeldeWaarde, TerugmeldingLimieten.maxWaarde, pad / .betwijfeldeWaarde)
            if gemeentecode == Gemeentecode.rni.description, let urn = g.attribuutUrn, let reden = BRPAttribuut.nietVoorRNI(urn) {
                fout(pad / .attribuutUrn, "nietVoorRNI", reden)
            }
            maxLengte(g.voorgesteldeWaarde, TerugmeldingLimieten.maxWaarde, pad / .voorgesteldeWaarde)

            for (j, b) in (g.bijlages ?? []).enumerated() {
                aantalBijlagen += 1
                switch valideerBijlage(b) {
                case .success(let data):
                    totaal += data.count
                    bijlagen.append(GevalideerdeBijlage(bestandsnaam: BijlageRegels.naam(b.bestandsnaam), mimeType: BijlageRegels.soort(mimeType: b.mimeType!)!.rawValue,
                                                        beschrijving: b.beschrijving, data: data, gegevenIndex: i))
                case .failure(let f):
                    for e in f.fouten { fout((pad / .bijlages)[j] / e.veld, e.code, e.reden) }
                }
            }
        }
        if aantalBijlagen > BijlageRegels.maxAantal {
            fout((Veld(.terugMeldingBody) / .terugMeldingGegevens)[nil] / .bijlages, "maxItems", Tekst("Hoogstens \(BijlageRegels.maxAantal) bijlagen per terugmelding (nu \(aantalBijlagen)).", "At most \(BijlageRegels.maxAantal) attachments per data report (now \(aantalBijlagen))."))
        }
        if totaal > BijlageRegels.maxTotaleGrootte {
            fout((Veld(.terugMeldingBody) / .terugMeldingGegevens)[nil] / .bijlages, "maxTotalSize", Tekst("De bijlagen zijn samen hoogstens 20 MiB (nu \(totaal / 1024 / 1024) MiB).", "The attachments are at most 20 MiB together (now \(totaal / 1024 / 1024) MiB)."))
        }
    }

    guard fouten.isEmpty, let registratie, let gemeentecode, let header else {
        return .failure(ValidatieFouten(fouten))
    }
    var inhoud = verzoek
    if var b = inhoud.terugMeldingBody {
        b.terugMeldingGegevens = b.terugMeldingGegevens?.map { g in
            var g = g
            g.bijlages = g.bijlages?.map { var b = $0; b.bijlageData = nil; return b }
            return g
        }
        inhoud.terugMeldingBody = b
    }
    return .success(GevalideerdeTerugmelding(
        registratie: registratie, gemeentecode: gemeentecode, bsn: bsn, anummer: anummer, adres: adres,
        referentiekenmerk: header.referentiekenmerk, toelichting: header.toelichting, melder: header.melder,
        inhoud: inhoud, bijlagen: bijlagen))
}

/// All validation problems of one request.
public struct ValidatieFouten: Error, Sendable {
    public let fouten: [OngeldigeParameter]
    public init(_ fouten: [OngeldigeParameter]) { self.fouten = fouten }
}

/// Contact details are optional, but checked when given.
public func valideerContact(
    _ c: TerugmeldingInvoer.Contactinformatie, pad: Veld, fout: (Veld, String, Tekst) -> Void
) {
    if let email = c.email, !email.isEmpty, !isEmailadres(email) {
        fout(pad / .email, "email", Tekst("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.", "Enter a valid email address, such as name@example.com."))
    }
    if let tel = c.telefoon, !tel.isEmpty, !isTelefoonnummer(tel) {
        fout(pad / .telefoon, "pattern", Tekst("Een telefoonnummer is 8 tot 20 tekens: cijfers, + en -.", "A phone number is 8 to 20 characters: digits, + and -."))
    }
    for (veld, waarde) in [(Veldnaam.naam, c.naam), (.bedrijf, c.bedrijf), (.afdeling, c.afdeling), (.email, c.email)] {
        if let waarde, waarde.schemaLengte > TerugmeldingLimieten.maxKort {
            fout(pad / veld, "maxLength", Tekst("Mag hoogstens \(TerugmeldingLimieten.maxKort) tekens lang zijn.", "At most \(TerugmeldingLimieten.maxKort) characters."))
        }
    }
}

/// `^[0-9+-]{8,20}$` (Logius draft).
public func isTelefoonnummer(_ s: String) -> Bool {
    (8...20).contains(s.count) && s.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "+" || $0 == "-") }
}

/// One @, something before it, a dot in the domain part, no spaces.
public func isEmailadres(_ s: String) -> Bool {
    let delen = s.split(separator: "@", omittingEmptySubsequences: false)
    // No whitespace, control characters or the specials of an address header (`<>,;:"()[]\`):
    // an address goes into a To header and an SMTP command as it is (issue 26).
    guard delen.count == 2, !delen[0].isEmpty, s.count <= 254,
          !s.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control || "<>,;:\"()[]\\".unicodeScalars.contains($0) })
    else { return false }
    let domein = delen[1].split(separator: ".", omittingEmptySubsequences: false)
    return domein.count >= 2 && domein.allSatisfy { !$0.isEmpty }
}

/// ISO 8601 instant with or without fractional seconds.
public func parseTijdstip(_ s: String) -> Date? {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let d = f.date(from: s) { return d }
    f.formatOptions = [.withInternetDateTime]
    return f.date(from: s)
}
