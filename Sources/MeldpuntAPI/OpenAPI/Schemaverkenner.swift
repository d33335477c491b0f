import Foundation
import MeldpuntDomain
import OpenAPIKit30

/// A type that is a component of the OpenAPI document. Its fields, their types and which are
/// always there come from its `Decodable` form (so a field added to the type appears in the
/// document); what Swift cannot say — lengths, patterns, enums of string fields, descriptions,
/// fields that are optional only so validation can report every problem at once — is added here.
protocol APISchema: APIVorm {
    static var schemanaam: String { get }
}

/// A type described in place (not a component), with the same kind of additions.
protocol APIVorm: Decodable {
    static var beschrijving: String? { get }
    /// Replaces the derived schema of a field; its required flag comes from the type or `verplicht`.
    static var velden: [String: JSONSchema] { get }
    /// Fields required in the document though optional in Swift (inputs validated as a whole).
    static var verplicht: Set<String> { get }
    /// Optional input fields that may also be null (read as absent).
    static var nullbaar: Set<String> { get }
}

extension APIVorm {
    static var beschrijving: String? { nil }
    static var velden: [String: JSONSchema] { [:] }
    static var verplicht: Set<String> { [] }
    static var nullbaar: Set<String> { [] }
}

/// A leaf value with a schema of its own and a value to stand in for it while a type is explored.
protocol APIWaarde: Decodable {
    static var apiSchema: JSONSchema { get }
    static var voorbeeld: Self { get }
}

/// String enums: their raw values are the allowed values.
protocol APIOpsomming: APIWaarde, CaseIterable, RawRepresentable where RawValue == String {}

extension APIOpsomming {
    static var apiSchema: JSONSchema { .opsomming(allCases.map(\.rawValue)) }
    static var voorbeeld: Self { allCases.first! }
}

extension JSONSchema {
    /// A string with exactly these values.
    static func opsomming(_ waarden: [String], required: Bool = true, description: String? = nil) -> JSONSchema {
        .string(required: required, description: description, allowedValues: waarden.map(AnyCodable.init))
    }

    static func opsomming<E: CaseIterable & RawRepresentable>(_: E.Type, description: String? = nil) -> JSONSchema where E.RawValue == String {
        opsomming(E.allCases.map(\.rawValue), description: description)
    }

    static func ref(_ naam: String, required: Bool = true) -> JSONSchema { .reference(.component(named: naam), required: required) }

    static var datum: JSONSchema { .string(format: .date) }
    static var tijdstip: JSONSchema { .string(format: .dateTime) }

    /// The same schema, required or not as its place in an object says.
    func verplicht(_ ja: Bool) -> JSONSchema { ja ? requiredSchemaObject() : optionalSchemaObject() }
}

/// Explores `Decodable` types with a decoder that records what each type asks for, and collects
/// the component schemas it meets. Anything it cannot describe is reported in `problemen`
/// (a test insists that list is empty).
final class Schemaverkenner {
    private(set) var componenten: OrderedDictionary<String, JSONSchema> = [:]
    private(set) var problemen: [String] = []
    private var voorbeelden: [ObjectIdentifier: Any] = [:]

    /// The schema of a component type (registered under its name), as a reference.
    @discardableResult
    func component<T: APISchema>(_ type: T.Type) -> JSONSchema {
        _ = try? verken(T.self, pad: T.schemanaam)
        return .ref(T.schemanaam)
    }

    /// A type's schema (a reference for components) and a stand-in value.
    func verken<T: Decodable>(_ type: T.Type, pad: String) throws -> (JSONSchema, T) {
        switch type {
        case is String.Type: return (.string, "" as! T)
        case is Int.Type: return (.integer, 0 as! T)
        case is Bool.Type: return (.boolean, false as! T)
        case is Double.Type: return (.number, 0.0 as! T)
        case is Date.Type: return (.tijdstip, Date(timeIntervalSince1970: 0) as! T)
        case is UUID.Type: return (.string(format: .extended(.uuid)), UUID() as! T)
        case is Data.Type: return (.string(format: .byte), Data() as! T)
        default: break
        }
        if let waarde = type as? any APIWaarde.Type {
            return (waarde.apiSchema, waarde.voorbeeld as! T)
        }
        if let reeks = type as? any Reeks.Type {
            let (items, leeg) = try reeks.verkenElement(self, pad: pad + "[]")
            return (.array(items: items), leeg as! T)
        }
        if let woordenboek = type as? any Woordenboek.Type {
            let (waarden, leeg) = try woordenboek.verkenWaarde(self, pad: pad + "{}")
            return (.object(additionalProperties: .init(waarden)), leeg as! T)
        }
        if let component = type as? any APISchema.Type {
            let naam = component.schemanaam
            if let bekend = voorbeelden[ObjectIdentifier(type)] as? T { return (.ref(naam), bekend) }
            let (schema, waarde) = try object(T.self, pad: naam, regels: component)
            componenten[naam] = schema
            voorbeelden[ObjectIdentifier(type)] = waarde
            return (.ref(naam), waarde)
        }
        return try object(T.self, pad: pad, regels: type as? any APIVorm.Type)
    }

    /// A schema written out by hand, for what has no Swift type of its own here.
    func voegToe(_ naam: String, _ schema: JSONSchema) { componenten[naam] = schema }

    private func object<T: Decodable>(_ type: T.Type, pad: String, regels: (any APIVorm.Type)?) throws -> (JSONSchema, T) {
        let opname = Opname()
        let waarde: T
        do {
            waarde = try T(from: VerkennendeDecoder(verkenner: self, opname: opname, pad: pad))
        } catch let fout as Onbeschrijfbaar {
            throw fout
        } catch {
            // Reported once, where it happened; the types around it just stop.
            problemen.append("\(pad): \(T.self) is niet te beschrijven (\(error)); geef het type APIWaarde of APISchema")
            throw Onbeschrijfbaar()
        }
        guard let velden = opname.velden else {
            return (opname.enkel ?? .fragment, waarde)
        }
        let extra = regels?.velden ?? [:]
        let verplicht = regels?.verplicht ?? []
        let nullbaar = regels?.nullbaar ?? []
        for naam in Set(extra.keys).union(verplicht).union(nullbaar) where !velden.contains(where: { $0.naam == naam }) {
            problemen.append("\(pad).\(naam): staat in de documentatie, maar \(T.self) heeft dit veld niet")
        }
        var eigenschappen: OrderedDictionary<String, JSONSchema> = [:]
        for veld in velden {
            let schema = extra[veld.naam] ?? veld.schema
            eigenschappen[veld.naam] = (nullbaar.contains(veld.naam) ? Bouwstenen.ofNull(schema) : schema)
                .verplicht(veld.verplicht || verplicht.contains(veld.naam))
        }
        return (.object(description: regels?.beschrijving, properties: eigenschappen), waarde)
    }
}

private struct Onbeschrijfbaar: Error {}

/// Arrays explore their element type.
protocol Reeks { static func verkenElement(_ v: Schemaverkenner, pad: String) throws -> (JSONSchema, Any) }
extension Array: Reeks where Element: Decodable {
    static func verkenElement(_ v: Schemaverkenner, pad: String) throws -> (JSONSchema, Any) {
        let (schema, _) = try v.verken(Element.self, pad: pad)
        return (schema, [Element]())
    }
}

/// String-keyed dictionaries are objects with free keys.
protocol Woordenboek { static func verkenWaarde(_ v: Schemaverkenner, pad: String) throws -> (JSONSchema, Any) }
extension Dictionary: Woordenboek where Key == String, Value: Decodable {
    static func verkenWaarde(_ v: Schemaverkenner, pad: String) throws -> (JSONSchema, Any) {
        let (schema, _) = try v.verken(Value.self, pad: pad)
        return (schema, [String: Value]())
    }
}

/// What one level of decoding asked for: named fields, or one value.
private final class Opname {
    struct Veld { let naam: String; let schema: JSONSchema; let verplicht: Bool }
    var velden: [Veld]?
    var enkel: JSONSchema?
}

private struct VerkennendeDecoder: Decoder {
    let verkenner: Schemaverkenner
    let opname: Opname
    let pad: String
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        if opname.velden == nil { opname.velden = [] }
        return KeyedDecodingContainer(Velden<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { Rij(decoder: self) }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { Enkel(decoder: self) }

    func noteer(_ naam: String, _ schema: JSONSchema, verplicht: Bool) {
        if let i = opname.velden?.firstIndex(where: { $0.naam == naam }) {
            opname.velden?[i] = .init(naam: naam, schema: schema, verplicht: verplicht && opname.velden![i].verplicht)
        } else {
            opname.velden?.append(.init(naam: naam, schema: schema, verplicht: verplicht))
        }
    }
}

private struct Velden<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: VerkennendeDecoder
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try veld(key, T.self, verplicht: true) }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try veld(key, T.self, verplicht: false) }

    // The standard library's own defaults for these would not tell optional from required.
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try veld(key, type, verplicht: false) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try veld(key, type, verplicht: false) }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try veld(key, type, verplicht: false) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try veld(key, type, verplicht: false) }

    private func veld<T: Decodable>(_ key: Key, _: T.Type, verplicht: Bool) throws -> T {
        let (schema, waarde) = try decoder.verkenner.verken(T.self, pad: decoder.pad + "." + key.stringValue)
        decoder.noteer(key.stringValue, schema, verplicht: verplicht)
        return waarde
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        throw DecodingError.dataCorrupted(.init(codingPath: [key], debugDescription: "geneste containers worden niet verkend"))
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw DecodingError.dataCorrupted(.init(codingPath: [key], debugDescription: "geneste containers worden niet verkend"))
    }
    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { decoder }
}

private struct Rij: UnkeyedDecodingContainer {
    let decoder: VerkennendeDecoder
    var codingPath: [any CodingKey] { [] }
    var count: Int? { 0 }
    var isAtEnd: Bool { true }
    var currentIndex: Int { 0 }
    mutating func decodeNil() throws -> Bool { false }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "een lijst zonder elementtype"))
    }
    mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type) throws -> KeyedDecodingContainer<N> {
        throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "geneste containers worden niet verkend"))
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { self }
    mutating func superDecoder() throws -> any Decoder { decoder }
}

private struct Enkel: SingleValueDecodingContainer {
    let decoder: VerkennendeDecoder
    var codingPath: [any CodingKey] { [] }
    func decodeNil() -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (schema, waarde) = try decoder.verkenner.verken(T.self, pad: decoder.pad)
        decoder.opname.enkel = schema
        return waarde
    }
}
