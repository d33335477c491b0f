/// The BRP data items an afnemer can doubt, with their URNs (Logius draft naming).
public struct BRPAttribuut: Sendable, Hashable {
    public let urn: String
    public let naam: String

    public static let alle: [BRPAttribuut] = [
        .init(urn: "urn:brp:persoon:naam:voornamen", naam: "Voornamen"),
        .init(urn: "urn:brp:persoon:naam:geslachtsnaam", naam: "Geslachtsnaam"),
        .init(urn: "urn:brp:persoon:naam:aanduiding-naamgebruik", naam: "Naamgebruik (hoe iemand aangeschreven wil worden)"),
        .init(urn: "urn:brp:persoon:geboorte:datum", naam: "Geboortedatum"),
        .init(urn: "urn:brp:persoon:geboorte:plaats", naam: "Geboorteplaats"),
        .init(urn: "urn:brp:persoon:geslacht", naam: "Geslacht"),
        .init(urn: "urn:brp:persoon:nationaliteit", naam: "Nationaliteit"),
        .init(urn: "urn:brp:persoon:overlijden", naam: "Overlijden"),
        .init(urn: "urn:brp:persoon:binnenlands-adres-ingezetene:straatnaam", naam: "Straatnaam"),
        .init(urn: "urn:brp:persoon:binnenlands-adres-ingezetene:huisnummer", naam: "Huisnummer"),
        .init(urn: "urn:brp:persoon:binnenlands-adres-ingezetene:huisletter", naam: "Huisletter"),
        .init(urn: "urn:brp:persoon:binnenlands-adres-ingezetene:huisnummertoevoeging", naam: "Huisnummertoevoeging"),
        .init(urn: "urn:brp:persoon:binnenlands-adres-ingezetene:postcode", naam: "Postcode"),
        .init(urn: "urn:brp:persoon:binnenlands-adres-ingezetene:woonplaats", naam: "Woonplaats"),
        .init(urn: "urn:brp:persoon:verblijfplaats:adres-buitenland", naam: "Adres in het buitenland"),
        .init(urn: "urn:brp:persoon:inschrijving:gemeente", naam: "Gemeente van inschrijving"),
        .init(urn: "urn:brp:persoon:partner", naam: "Partner (huwelijk of geregistreerd partnerschap)"),
        .init(urn: "urn:brp:persoon:kind", naam: "Kind"),
        .init(urn: "urn:brp:persoon:ouder", naam: "Ouder"),
    ]

    public static func met(urn: String) -> BRPAttribuut? { alle.first { $0.urn == urn } }

    /// Why a terugmelding on this item must not go to the RNI (gemeentecode 1999), after the FAQ's
    /// list "worden NIET als terugmelding op RNI-gegevens gezien"; nil when it may.
    public static func nietVoorRNI(_ urn: String) -> Tekst? {
        if urn == "urn:brp:persoon:naam:aanduiding-naamgebruik" {
            return Tekst("Naamgebruik wordt niet bijgehouden in de RNI. Stuur deze terugmelding niet naar de RNI (1999).",
                         "Name usage is not kept in the RNI. Do not send this report to the RNI (1999).")
        }
        if urn.hasPrefix("urn:brp:persoon:binnenlands-adres-ingezetene:") {
            return Tekst("Woont de persoon in Nederland en moet hij of zij als ingezetene worden ingeschreven? Stuur de terugmelding dan naar de gemeente waar de persoon zou moeten worden ingeschreven, niet naar de RNI (1999).",
                         "Does the person live in the Netherlands and should they be registered as a resident? Then send the report to the municipality where they should be registered, not to the RNI (1999).")
        }
        if ["urn:brp:persoon:partner", "urn:brp:persoon:kind", "urn:brp:persoon:ouder"].contains(where: { urn == $0 || urn.hasPrefix($0 + ":") }) {
            return Tekst("Gegevens van gerelateerden (partner, kind, ouder) worden niet bijgehouden in de RNI. Waren ze al vóór de emigratie anders? Stuur de terugmelding dan naar de laatste gemeente van inschrijving, niet naar de RNI (1999).",
                         "Data of relatives (partner, child, parent) is not kept in the RNI. Were they already different before emigration? Then send the report to the last municipality of registration, not to the RNI (1999).")
        }
        return nil
    }
}
