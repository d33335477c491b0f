import MeldpuntAdressen
import MeldpuntDomain
import OpenAPIKit30

// The domain's value types as the document shows them: enums by their raw values, days as dates.

extension Dag: APIWaarde {
    static var apiSchema: JSONSchema { .datum }
    static var voorbeeld: Dag { Dag(jaar: 2026, maand: 1, dag: 1)! }
}

/// A link to a resource: in JSON its path (the typed case on the Swift side).
extension APIAdres: APIWaarde {
    static var apiSchema: JSONSchema { .string }
    static var voorbeeld: APIAdres { voorbeelden[0] }
}

extension Zaaknummer: APIWaarde {
    static var apiSchema: JSONSchema { .string(pattern: Bouwstenen.zaaknummerPatroon) }
    static var voorbeeld: Zaaknummer { Zaaknummer(jaar: 2026, volgnummer: 123) }
}

extension TerugmeldingStatus: APIOpsomming {}
extension Afhandeluitkomst: APIOpsomming {}
extension MeldingStatus: APIOpsomming {}
extension MelderFase: APIOpsomming {}
extension MelderType: APIOpsomming {}
extension MeldpuntRol: APIOpsomming {}
extension Contactvorm: APIOpsomming {}
extension ScopeReden: APIOpsomming {}
extension MeldingUitkomst: APIOpsomming {}
extension Afsluitgrond: APIOpsomming {}
extension Probleemsoort: APIOpsomming {}
extension Binnenkomst: APIOpsomming {}
extension GevolgSoort: APIOpsomming {}
extension Complexiteit: APIOpsomming {}
extension Behandelstap: APIOpsomming {}
extension Escalatieniveau: APIOpsomming {}
extension VerzoekSoort: APIOpsomming {}
extension VerzoekStatus: APIOpsomming {}
extension OpschortingsActie: APIOpsomming {}
extension GedeeldGegeven: APIOpsomming {}
extension Verzoekpartij: APIOpsomming {}
extension Escalatiebesluit: APIOpsomming {}
extension Gebeurtenisvorm: APIOpsomming {}
