/// The ten basisregistraties (DOMAIN.md, "Registrations").
public struct Registratie: Sendable, Codable, Hashable {
    public let code: String
    public let naam: String
    public let bronhouder: String

    public static let alle: [Registratie] = [
        .init(code: "BRP", naam: "Basisregistratie Personen", bronhouder: "Gemeente van bijhouding; RNI: RvIG (gemeentecode 1999)"),
        .init(code: "HR", naam: "Handelsregister", bronhouder: "Kamer van Koophandel (KVK)"),
        .init(code: "BRI", naam: "Basisregistratie Inkomen", bronhouder: "Belastingdienst"),
        .init(code: "BRV", naam: "Basisregistratie Voertuigen", bronhouder: "RDW"),
        .init(code: "BRK", naam: "Basisregistratie Kadaster", bronhouder: "Kadaster"),
        .init(code: "BAG", naam: "Basisregistratie Adressen en Gebouwen", bronhouder: "Gemeente"),
        .init(code: "WOZ", naam: "Basisregistratie Waarde Onroerende Zaken", bronhouder: "Gemeente"),
        .init(code: "BRT", naam: "Basisregistratie Topografie", bronhouder: "Kadaster"),
        .init(code: "BGT", naam: "Basisregistratie Grootschalige Topografie", bronhouder: "Gemeenten, provincies, waterschappen en Rijk"),
        .init(code: "BRO", naam: "Basisregistratie Ondergrond", bronhouder: "TNO / BRO"),
    ]

    public static func met(code: String) -> Registratie? {
        alle.first { $0.code == code.uppercased() }
    }

    public static let brp = met(code: "BRP")!
}
