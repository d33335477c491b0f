import Foundation

/// One activity of the register of processing activities (AVG art. 30), as versioned in the
/// repository (`Resources/verwerkingsactiviteiten.json`). Id and version together name one text.
package struct Verwerkingsactiviteit: Codable, Sendable, Equatable {
    package struct Tekst: Codable, Sendable, Equatable {
        package let nl: String
        package let en: String
    }
    package struct Lijst: Codable, Sendable, Equatable {
        package let nl: [String]
        package let en: [String]
    }
    package let id: String
    package let versie: Int
    package let geldigVanaf: String
    package let naam: Tekst
    package let doel: Tekst
    package let grondslag: Tekst
    package let betrokkenen: Tekst
    package let gegevens: Lijst
    package let ontvangers: Tekst
    package let bewaartermijn: Tekst
    /// The processing-log actions (`Verwerkingsactie`) that belong to it.
    package let acties: [String]
}

package struct Verwerkingsregister: Sendable {
    package let activiteiten: [Verwerkingsactiviteit]
    private let perActie: [String: Verwerkingsactiviteit]

    package init(activiteiten: [Verwerkingsactiviteit]) {
        self.activiteiten = activiteiten
        var perActie: [String: Verwerkingsactiviteit] = [:]
        for a in activiteiten { for actie in a.acties { perActie[actie] = a } }
        self.perActie = perActie
    }

    /// The register shipped with this version of Meldpunt.
    package static let standaard: Verwerkingsregister = {
        struct Bestand: Decodable { let verwerkingsactiviteiten: [Verwerkingsactiviteit] }
        guard let url = Bundle.module.url(forResource: "Resources/verwerkingsactiviteiten", withExtension: "json"),
              let data = try? Data(contentsOf: url), let b = try? JSONDecoder().decode(Bestand.self, from: data) else {
            fatalError("Resources/verwerkingsactiviteiten.json ontbreekt of is ongeldig")
        }
        return Verwerkingsregister(activiteiten: b.verwerkingsactiviteiten)
    }()

    package func activiteit(_ id: String) -> Verwerkingsactiviteit? { activiteiten.first { $0.id == id } }
    package func activiteit(voorActie actie: String) -> Verwerkingsactiviteit? { perActie[actie] }

    /// The stable address of an activity: what every LDV record names as its processing activity.
    package static func adres(_ id: String, publiekeUrl: String) -> String { "\(publiekeUrl)/api/v1/verwerkingsactiviteiten/\(id)" }
}
