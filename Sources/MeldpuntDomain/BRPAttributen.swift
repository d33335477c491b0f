/// The BRP data items an afnemer can doubt, with their URNs (Logius draft naming).
public struct BRPAttribuut: Sendable, Hashable {
    public let urn: String
    public let naam: String

    public static let alle: [BRPAttribuut] = [
        .init(urn: "urn:brp:persoon:naam:voornamen", naam: "Voornamen"),
        .init(urn: "urn:brp:persoon:naam:geslachtsnaam", naam: "Geslachtsnaam"),
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
}
