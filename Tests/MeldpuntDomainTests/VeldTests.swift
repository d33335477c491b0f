import Testing
@testable import MeldpuntDomain

/// A rejected field is a typed key: the API's JSON path comes from it in one way, and the
/// domain's rules only name fields the domain knows.
@Suite("Veld: getypeerde veldsleutels")
struct VeldTests {
    @Test func hetJSONPadVolgtDeStappen() {
        #expect(Veld(.terugMeldingHeader, .gemeentecode).jsonPad == "terugMeldingHeader.gemeentecode")
        #expect((Veld(.terugMeldingBody, .terugMeldingGegevens)[2] / .bijlages)[0].jsonPad == "terugMeldingBody.terugMeldingGegevens[2].bijlages[0]")
        #expect((Veld(.terugMeldingBody, .terugMeldingGegevens)[nil] / .bijlages).jsonPad == "terugMeldingBody.terugMeldingGegevens[].bijlages")
        #expect(Veld.api("Idempotency-Key").jsonPad == "Idempotency-Key")
        #expect(Veld.geheel.jsonPad == "")
    }

    @Test func hoofdveldRijEnNamen() {
        let v = Veld(.gevolgen)[1] / .uiterlijkeDatum
        #expect(v.hoofdveld == .gevolgen)
        #expect(v.rij == 1)
        #expect(v.namen == [.gevolgen, .uiterlijkeDatum])
        #expect(v.valtOnder(.uiterlijkeDatum) && !v.valtOnder(.soort))
        #expect(Veld.api("page").hoofdveld == nil)
    }

    /// What the domain rejects is always one of its own field names, never an API-only name.
    @Test func deRegelsNoemenAlleenBekendeVelden() {
        let afwijzingen = TekstenTests.afwijzingen
        #expect(afwijzingen.count > 40)
        for f in afwijzingen {
            #expect(!f.veld.stappen.isEmpty, "\(f.code)")
            for stap in f.veld.stappen {
                if case .api(let naam) = stap { Issue.record("API-naam \(naam) in een domeinregel (\(f.code))") }
            }
        }
    }

    @Test func veldnamenZijnJSONNamen() {
        for n in Veldnaam.allCases {
            #expect(n.rawValue.first?.isLowercase == true && n.rawValue.allSatisfy { $0.isLetter && $0.isASCII }, "\(n)")
        }
    }
}
