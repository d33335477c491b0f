import MeldpuntAdressen
import MeldpuntDomain

/// A case action as the pages use it: its address segment, its name in the texts, its fields' prefix.
extension Meldingactie {
    /// The last part of its address (`volgende-stap`), also the `?gedaan=` value after it.
    var segment: String { Webadres.segment(self) }

    init?(segment: String) {
        guard let a = Meldingactie.allCases.first(where: { $0.segment == segment }) else { return nil }
        self = a
    }

    /// Its name in the interface texts (`mfoActie_…`, `mfoGedaan_…`).
    var tekst: String { self == .nieuweLink ? "link" : rawValue }

    /// The form's prefix for its fields, so every id on the page is unique.
    var voorvoegsel: String {
        switch self {
        case .rol: "keuze"
        case .volgendeStap: "stap"
        case .terugmelding: "tm"
        default: segment
        }
    }
}
