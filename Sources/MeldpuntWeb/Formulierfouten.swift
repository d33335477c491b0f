import MeldpuntHTTP
import MeldpuntAdressen
import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Vapor

/// Errors of a form: every problem next to its field (`voorvoegsel` + field name), or, for a
/// refused step (409), in the summary at the top.
struct Formulierfouten {
    let lijst: [VeldFout]
    var velden: [String: String] { Dictionary(lijst.map { ($0.veld, $0.tekst) }, uniquingKeysWith: { a, _ in a }) }

    static func veld(_ voorvoegsel: String, _ naam: String) -> String {
        let veld = String(naam.prefix { $0 != "[" && $0 != "." })
        return voorvoegsel + veld.prefix(1).uppercased() + veld.dropFirst()
    }

    init(_ p: Weigering, taal: Taal, voorvoegsel: String, label: (String) -> String?) {
        lijst = (p.velden ?? [OngeldigeParameter(name: "", code: "conflict", reason: p.uitleg(taal))]).map {
            let veld = p.velden == nil ? "fouten-titel" : Self.veld(voorvoegsel, $0.name)
            return VeldFout(veld: veld, label: label(veld) ?? label(voorvoegsel) ?? Teksten.voor(taal).tekst("ditVeld"), tekst: $0.reden(taal))
        }
    }

    init() { lijst = [] }
}
