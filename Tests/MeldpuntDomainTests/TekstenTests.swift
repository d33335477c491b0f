import Foundation
import Testing
@testable import MeldpuntDomain

/// Every rejection a person can read has a Dutch and an English text, and neither shows an enum
/// raw value, a URN or a JSON path: the validators are fed wrong input of every kind and each
/// answer is checked.
@Suite("Teksten: elke afwijzing in twee talen, zonder technische namen")
struct TekstenTests {
    static let vandaag = Dag("2026-11-23")!

    /// Input from JSON, as the API and the forms deliver it.
    static func invoer<T: Decodable>(_ type: T.Type, _ json: String) -> T {
        try! JSONDecoder().decode(T.self, from: Data(json.utf8))
    }

    static func fouten(_ f: () throws(ValidatieFouten) -> Void) -> [OngeldigeParameter] {
        do { try f(); return [] } catch { return error.fouten }
    }

    /// Wrong input for every validator: empty, wrong kinds, wrong formats, too long, wrong dates.
    /// Computed once: every test reads the same list.
    static let afwijzingen = alleAfwijzingen()

    static func alleAfwijzingen() -> [OngeldigeParameter] {
        let lang = String(repeating: "x", count: 5_000)
        var alle: [OngeldigeParameter] = []
        for json in ["{}", #"{"melderType":"x","melder":{"email":"geen","telefoon":"1","postcode":"0000","bsn":"123456789"},"registraties":["XYZ"],"sinds":"morgen","gevolgen":[{"soort":"x","uiterlijkeDatum":"x"}],"voorkeurKanaal":"duif","kvkNummer":"1","toestemming":{"gegeven":false,"tekstVersie":"0"},"bijlagen":[{"bestandsnaam":"a/b","mimeType":"text/plain","bijlageData":"!!"}]}"#,
                     #"{"melderType":"bedrijf","organisatieAlBenaderd":false,"sinds":"2099-01-01","betrokkenOrganisaties":["\#(lang)"]}"#,
                     #"{"melderType":"intermediair","vertegenwoordigde":{}}"#] {
            alle += (try? valideerMelding(invoer(MeldingInvoer.self, json), vandaag: vandaag)) ?? []
        }
        for json in ["{}", #"{"terugMeldingHeader":{},"terugMeldingBody":{}}"#,
                     #"{"terugMeldingHeader":{"registratie":{"basisRegistratieCode":"XYZ"},"gemeentecode":"12","datumMelding":"x","peilmoment":"x","melder":{"email":"x","telefoon":"1"}},"terugMeldingBody":{"objectIdentificatie":[{"attribuutUrn":"urn:brp:persoon:bsn","idWaarde":"123456789"},{"attribuutUrn":"urn:brp:persoon:anummer","idWaarde":"0123456789"},{}],"terugMeldingGegevens":[{"bijlages":[{"bestandsnaam":"","mimeType":"x"}]},{}]}}"#,
                     #"{"terugMeldingHeader":{"registratie":{"basisRegistratieCode":"BRT"},"gemeentecode":"0457"},"terugMeldingBody":{"objectIdentificatie":[{"attribuutUrn":"urn:brp:persoon:adres","idWaarde":"\#(lang)"}],"terugMeldingGegevens":[{"attribuutUrn":"x"}]}}"#] {
            if case .failure(let f) = valideer(invoer(TerugmeldingInvoer.self, json), gemeente: { $0 == "0457" ? .beeindigd(naam: "Weesp", opvolger: "0363") : .onbekend }) {
                alle += f.fouten
            }
        }
        let ontvangen = Dag("2026-11-01")!
        for json in ["{}", #"{"datum":"2020-01-01","kanaal":"duif"}"#, #"{"datum":"2099-01-01"}"#, #"{"datum":"gisteren"}"#] {
            alle += fouten { () throws(ValidatieFouten) in _ = try valideerContactmoment(invoer(ContactInvoer.self, json), ontvangen: ontvangen, vandaag: vandaag) }
        }
        for json in ["{}", #"{"complexiteit":"x","oorsprongOrganisatie":"\#(lang)"}"#] {
            alle += fouten { () throws(ValidatieFouten) in _ = try valideerAnalyse(invoer(AnalyseInvoer.self, json)) }
        }
        let voorstel = stelRolVoor(Analyse(oorsprongOrganisatie: "RDW", oorsprongRegistratie: "BRV", geraakteOrganisaties: ["CJIB"],
                                           geraakteRegistraties: [], complexiteit: .hoog))
        for json in ["{}", #"{"rol":"x"}"#, #"{"rol":"begeleidend"}"#] {
            alle += fouten { () throws(ValidatieFouten) in _ = try valideerRolkeuze(invoer(RolkeuzeInvoer.self, json), voorstel: voorstel) }
        }
        for json in ["{}", #"{"uitkomst":"x"}"#, #"{"uitkomst":"buitenScope"}"#, #"{"uitkomst":"opgelost","scopeReden":"x"}"#] {
            alle += fouten { () throws(ValidatieFouten) in _ = try valideerSluiting(invoer(SluitingInvoer.self, json)) }
        }
        for json in ["{}", #"{"tekst":"x","datum":"2020-01-01"}"#] {
            alle += fouten { () throws(ValidatieFouten) in _ = try valideerVolgendeStap(invoer(VolgendeStapInvoer.self, json), vandaag: vandaag) }
        }
        alle += fouten { () throws(ValidatieFouten) in _ = try valideerBeoordeling(cijfer: "9", opmerking: lang) }
        alle += fouten { () throws(ValidatieFouten) in _ = try valideerBeoordeling(cijfer: nil, opmerking: nil) }
        for json in ["{}", #"{"soort":"x","organisatieOin":"1","gedeeldeGegevens":["x"],"uiterlijk":"2020-01-01"}"#,
                     #"{"soort":"opschorting","opschorting":{"actie":"x","tot":"2020-01-01"},"overleg":{}}"#,
                     #"{"soort":"overleg","overleg":{"datum":"2020-01-01"},"opschorting":{}}"#] {
            alle += fouten { () throws(ValidatieFouten) in _ = try valideerNieuwVerzoek(invoer(NieuwVerzoekInvoer.self, json), vandaag: vandaag) }
        }
        for json in ["{}", #"{"status":"x"}"#, #"{"status":"uitgevoerd","reden":"x","uiterlijk":"2030-01-01","opgeschortTot":"2030-01-01"}"#,
                     #"{"status":"afgewezen"}"#] {
            alle += fouten { () throws(ValidatieFouten) in _ = try valideerVerzoekStatuswijziging(invoer(VerzoekStatuswijzigingInvoer.self, json), soort: .correctie, vandaag: vandaag) }
        }
        alle += fouten { () throws(ValidatieFouten) in _ = try valideerTermijn(invoer(TermijnInvoer.self, #"{"uiterlijk":"2020-01-01"}"#), vandaag: vandaag) }
        for json in ["{}", #"{"soort":"x","intentieverklaringOp":"2099-01-01"}"#] {
            alle += fouten { () throws(ValidatieFouten) in _ = try valideerPartner(invoer(PartnerInvoer.self, json), vandaag: vandaag) }
        }
        for json in ["{}", #"{"niveau":"x","email":"x","telefoon":"1"}"#] {
            alle += fouten { () throws(ValidatieFouten) in _ = try valideerContactpersoon(invoer(ContactpersoonInvoer.self, json)) }
        }
        return alle
    }

    /// Raw values that are not words a reader would use: camelCase codes and the like.
    static let technischeWaarden: [String] = {
        let waarden = MeldingUitkomst.allCases.map(\.rawValue) + MeldpuntRol.allCases.map(\.rawValue) + ScopeReden.allCases.map(\.rawValue)
            + VerzoekSoort.allCases.map(\.rawValue) + GedeeldGegeven.allCases.map(\.rawValue) + GevolgSoort.allCases.map(\.rawValue)
            + MelderType.allCases.map(\.rawValue) + OpschortingsActie.allCases.map(\.rawValue) + Contactvorm.allCases.map(\.rawValue)
            + MeldingStatus.allCases.map(\.rawValue) + Afhandeluitkomst.allCases.map(\.rawValue)
        return waarden.filter { $0.contains(where: \.isUppercase) && $0.first!.isLowercase }
    }()

    static func technisch(_ tekst: String) -> String? {
        if tekst.contains("urn:") { return "URN" }
        if let w = technischeWaarden.first(where: { tekst.contains($0) }) { return w }
        // A JSON path: name.name or name[0]; e-mail examples and file types are fine.
        let zonderVoorbeelden = tekst.replacingOccurrences(of: "naam@voorbeeld.nl", with: "").replacingOccurrences(of: "name@example.com", with: "")
        if zonderVoorbeelden.range(of: #"[a-z][A-Za-z]+\.[a-z][A-Za-z]+|\w\[\d*\]"#, options: .regularExpression) != nil { return "pad" }
        for woord in ["attribuutUrn", "mimeType", "gemeentecode;", "rniDeelnemer", "invalidParams", "elfproef"] where tekst.contains(woord) { return woord }
        return nil
    }

    @Test func elkeAfwijzingHeeftNederlandsEnEngels() {
        let alle = Self.afwijzingen
        #expect(alle.count > 80, "the battery should reach most rejections, got \(alle.count)")
        #expect(Set(alle.map(\.code)).count >= 25)
        for f in alle {
            #expect(!f.reason.isEmpty, "\(f.veld.jsonPad) \(f.code)")
            #expect(f.reasonEn.map { !$0.isEmpty } == true, "no English for \(f.veld.jsonPad) \(f.code): \(f.reason)")
        }
    }

    @Test func geenTechnischeNamenInDeTeksten() {
        // The detector itself finds what used to reach the screen.
        for oud in ["Kies de uitkomst: opgelost, deelsOpgelost, nietOpgelost.", "terugMeldingHeader.gemeentecode", "Geef urn:brp:persoon:bsn",
                    "bijlagen[0] ontbreekt", "Dit BSN voldoet niet aan de elfproef."] {
            #expect(Self.technisch(oud) != nil, "\(oud)")
        }
        for f in Self.afwijzingen {
            for taal in Taal.allCases {
                let tekst = f.reden(taal)
                #expect(Self.technisch(tekst) == nil, "\(f.veld.jsonPad) \(f.code) (\(taal)): \(tekst)")
            }
        }
    }

    @Test func identificatiesWeigerenInTweeTalen() {
        var fouten: [IdentifierError] = []
        for bsn in ["12", "123456789"] { do { try BSN.check(bsn) } catch { fouten.append(error) } }
        for a in ["1", "0123456789", "1123456789", "1234567890"] { do { try ANummer.check(a) } catch { fouten.append(error) } }
        for o in ["1", "99999999999999999999", "00000001001234567999"] { do { try OIN.check(o) } catch { fouten.append(error) } }
        do { try Gemeentecode.check("12") } catch { fouten.append(error) }
        do { try Postcode.check("0000") } catch { fouten.append(error) }
        #expect(fouten.count >= 8)
        for f in fouten {
            #expect(!f.uitleg.nl.isEmpty && !f.uitleg.en.isEmpty && f.uitleg.nl != f.uitleg.en, "\(f.code)")
            #expect(Self.technisch(f.uitleg.nl) == nil && Self.technisch(f.uitleg.en) == nil, "\(f.code)")
        }
    }

    @Test func weigeringenInTweeTalen() {
        var weigeringen: [Weigering] = Onvindbaar.allCases.map { .nietGevonden($0) }
        weigeringen += Organisatierol.allCases.map { .geenToegang(.rolOntbreekt($0)) }
        weigeringen += [.geenToegang(.alleenAfnemerTrektIn), .geenToegang(.alleenBijhouder(.afgehandeld)), .tijdelijkBezet]
        weigeringen += [.ongeldig(Array(Self.afwijzingen.prefix(1))), .ongeldig(Array(Self.afwijzingen.prefix(3)))]
        let conflicten: [Conflict] = [
            .tegelijkGewijzigd, .meldingGesloten, .meldingAfgerond, .verslagAlleenBijOverleg, .opschortingAlOpgeheven,
            .geenOpschortingOmOpTeHeffen, .nogNietAfgerond, .alBeoordeeld, .eerstInPartnerregister, .heeftAlLogin(naam: "Jan"),
            .emailAlInGebruik, .sleutelHergebruikt, .verzoekAfgerond(.uitgevoerd),
            .terugmeldingOvergang(van: .afgehandeld, naar: .inBehandeling), .terugmeldingOvergang(van: .gemeld, naar: .ingepland), .rniStuurtAlleenDoor,
            .verzoekOvergang(.hoogsteNiveau), .verzoekOvergang(.redenOntbreekt), .verzoekOvergang(.ongeldigeOvergang(van: .verzonden, naar: .uitgevoerd)),
        ] + MeldingOvergangFout.Vereiste.allCases.map { .meldingOvergang(.ontbreekt($0)) }
            + [.meldingOvergang(.ongeldigeOvergang(van: .analyse, naar: .wachtOpOrganisaties))]
        weigeringen += conflicten.map { .conflict($0) }
        #expect(Set(weigeringen.map(\.code)).count >= 25)
        for w in weigeringen {
            let nl = w.uitleg(.nl), en = w.uitleg(.en)
            #expect(!nl.isEmpty && !en.isEmpty && nl != en, "\(w.code)")
            #expect(Self.technisch(nl) == nil && Self.technisch(en) == nil, "\(w.code): \(nl) / \(en)")
        }
    }
}
