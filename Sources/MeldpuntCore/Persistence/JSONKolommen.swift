import FluentKit
import Foundation
import MeldpuntDomain

/// A stored JSON value that does not decode as its type: a schema drift or a damaged row. Never
/// read as "empty": the work stops and the row is named (table, id, column) in the log — the
/// decoder's own message is left out, as it may quote the value (a BSN, a name).
package struct OnleesbareRij: Error, CustomStringConvertible, Sendable {
    package let tabel: String
    package let id: String
    package let kolom: String
    package let reden: String

    package var description: String { "Onleesbare rij: \(tabel) \(id), kolom \(kolom): \(reden)" }
}

extension Model {
    /// The JSON column `kolom` of this row as `T`; throws `OnleesbareRij` when it does not decode.
    func leesJSON<T: Decodable>(_ type: T.Type, _ tekst: String, kolom: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(tekst.utf8))
        } catch {
            throw OnleesbareRij(tabel: Self.schema, id: id.map { "\($0)" } ?? "(nieuw)", kolom: kolom, reden: Foutbeschrijving.veilig(error))
        }
    }
}

// One throwing accessor per JSON column.

extension MeldingPersoonsgegevens {
    /// What the melder sent.
    package func invoer() throws -> MeldingInvoer { try leesJSON(MeldingInvoer.self, inhoud, kolom: "inhoud") }
}

extension MeldingGebeurtenis {
    /// The event's non-personal facts, if it has any.
    package func gegevensWaarde() throws -> GebeurtenisGegevens? {
        try gegevens.map { try leesJSON(GebeurtenisGegevens.self, $0, kolom: "gegevens") }
    }
}

extension Melding {
    /// The analysis, once recorded.
    package func analyseWaarde() throws -> Analyse? { try analyse.map { try leesJSON(Analyse.self, $0, kolom: "analyse") } }
}

extension TerugmeldingInhoud {
    /// The terugmelding as the afnemer sent it (attachment bytes removed); after consent
    /// withdrawal an empty object, which reads as an input without any field.
    package func invoer() throws -> TerugmeldingInvoer { try leesJSON(TerugmeldingInvoer.self, inhoud, kolom: "inhoud") }
}

extension UitgaandBericht {
    /// The mail this row holds (events keep their body as sent, not a `Mailinhoud`).
    package func mailinhoud() throws -> Mailinhoud { try leesJSON(Mailinhoud.self, inhoud, kolom: "inhoud") }
}

extension PatroonKandidaat {
    /// The features the candidate's cases share.
    package func patroonsleutel() throws -> Patroonsleutel { try leesJSON(Patroonsleutel.self, delen, kolom: "delen") }
}
