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

    /// A form's field id: its name behind the form's prefix (`sluiten` + `uitkomst` → `sluitenUitkomst`).
    static func veld(_ voorvoegsel: String, _ naam: String) -> String {
        voorvoegsel.isEmpty ? naam : voorvoegsel + naam.prefix(1).uppercased() + naam.dropFirst()
    }

    /// `veld`: where this form shows a field the engine names (its own name, by default).
    init(_ p: Weigering, taal: Taal, voorvoegsel: String, veld: (Veld) -> String = \.formulierveld, label: (String) -> String?) {
        lijst = (p.velden ?? [OngeldigeParameter(.geheel, code: "conflict", uitleg: Tekst(p.uitleg(.nl), p.uitleg(.en)))]).map {
            let veld = p.velden == nil ? "fouten-titel" : Self.veld(voorvoegsel, veld($0.veld))
            return VeldFout(veld: veld, label: label(veld) ?? label(voorvoegsel) ?? Teksten.voor(taal).tekst("ditVeld"), tekst: $0.reden(taal))
        }
    }

    init() { lijst = [] }
}
