import Testing
@testable import MeldpuntDomain

/// Every melding analysed and its melder contacted (the notitie), or one of the fixed grounds,
/// fitting the outcome.
@Suite("Sluiten: analyse en contact, of een vaste reden")
struct ZorgBijSluitenTests {
    func codes(_ uitkomst: MeldingUitkomst, analyse: Bool, contact: Bool, pogingen: Int = 0, _ grond: String?) -> [String] {
        do {
            _ = try controleerZorgBijSluiten(uitkomst: uitkomst, geanalyseerd: analyse, gecontacteerd: contact, pogingen: pogingen, grond: grond)
            return []
        } catch { return error.fouten.map(\.code) }
    }

    @Test func metAnalyseEnContactGeenRedenNodig() throws {
        #expect(codes(.opgelost, analyse: true, contact: true, nil) == [])
        #expect(try controleerZorgBijSluiten(uitkomst: .opgelost, geanalyseerd: true, gecontacteerd: true, pogingen: 0, grond: nil) == nil)
        #expect(codes(.opgelost, analyse: true, contact: true, "ingetrokken") == ["nietNodig"])
    }

    @Test func zonderAnalyseOfContactIsEenRedenVerplicht() {
        #expect(codes(.opgelost, analyse: false, contact: false, nil) == ["required"])
        #expect(codes(.nietOpgelost, analyse: true, contact: false, nil) == ["required"])
        #expect(codes(.nietOpgelost, analyse: false, contact: true, "") == ["required"])
        #expect(codes(.nietOpgelost, analyse: false, contact: true, "omdat") == ["enum"])
    }

    @Test func deRedenPastBijDeUitkomst() throws {
        #expect(codes(.ingetrokken, analyse: false, contact: false, "ingetrokken") == [])
        #expect(codes(.nietOpgelost, analyse: false, contact: false, "ingetrokken") == ["pastNietBijUitkomst"])
        #expect(codes(.buitenScope, analyse: false, contact: true, "buitenScopeBijIntake") == [])
        #expect(codes(.doorverwezen, analyse: false, contact: true, "buitenScopeBijIntake") == ["pastNietBijUitkomst"])
        #expect(try controleerZorgBijSluiten(uitkomst: .buitenScope, geanalyseerd: false, gecontacteerd: true, pogingen: 0, grond: "buitenScopeBijIntake")
                == .buitenScopeBijIntake)
    }

    @Test func onbereikbaarNaTweePogingenEnNooitOpgelost() {
        #expect(codes(.nietOpgelost, analyse: false, contact: false, pogingen: 1, "melderOnbereikbaar") == ["tePogingen"])
        #expect(codes(.nietOpgelost, analyse: false, contact: false, pogingen: 2, "melderOnbereikbaar") == [])
        #expect(codes(.opgelost, analyse: false, contact: false, pogingen: 3, "melderOnbereikbaar") == ["nietZonderAnalyse"])
        #expect(codes(.deelsOpgelost, analyse: true, contact: false, pogingen: 3, "melderOnbereikbaar") == ["nietZonderAnalyse"])
        // Reached after all: only the analysis is missing, not the melder.
        #expect(codes(.nietOpgelost, analyse: false, contact: true, pogingen: 3, "melderOnbereikbaar") == ["alGesproken"])
    }

    /// RvIG forwards, also what it took up before that rule; nothing else, and nothing closed.
    @Test func rvigStuurtAlleenDoorOokNaOppakken() {
        for van in [TerugmeldingStatus.gemeld, .inBehandeling, .ingepland] {
            #expect(magStatusZetten(van: van, naar: .verkeerdeBronhouder, door: .bijhouder, rni: true), "\(van)")
            #expect(!magStatusZetten(van: van, naar: .afgehandeld, door: .bijhouder, rni: true))
        }
        #expect(!magStatusZetten(van: .gemeld, naar: .inBehandeling, door: .bijhouder, rni: true))
        #expect(!magStatusZetten(van: .afgehandeld, naar: .verkeerdeBronhouder, door: .bijhouder, rni: true))
        #expect(!magStatusZetten(van: .inBehandeling, naar: .verkeerdeBronhouder, door: .bijhouder), "a gemeente forwards only what is new")
        #expect(magStatusZetten(van: .gemeld, naar: .ingetrokken, door: .afnemer, rni: true), "the afnemer still withdraws")
        #expect(BRPAttribuut.nietVoorRNI("urn:brp:persoon:partner:geslachtsnaam") != nil && BRPAttribuut.nietVoorRNI("urn:brp:persoon:kinderbijslag") == nil)
    }
}
