import Foundation
import Testing
@testable import MeldpuntDomain

@Suite("Validatie van een nieuwe terugmelding")
struct ValidatieTests {
    static let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46]).base64EncodedString()
    static let pdf = Data("%PDF-1.4\n%âãÏÓ\n".utf8).base64EncodedString()
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]).base64EncodedString()

    static func register(_ code: String) -> GemeenteStatus {
        switch code {
        case "0363", "1999", "0518": .actueel(naam: "X")
        case "0457": .beeindigd(naam: "Weesp", opvolger: "0363")
        default: .onbekend
        }
    }

    static func verzoek(
        ids: [(String, String)] = [(PersoonUrn.bsn, "999993653")],
        gemeentecode: String? = "0363",
        bijlagen: [(String, String, String)] = []
    ) -> TerugmeldingInvoer {
        let json: [String: Any] = [
            "terugMeldingHeader": [
                "registratie": ["basisRegistratieCode": "BRP"],
                "gemeentecode": gemeentecode as Any,
                "melder": ["naam": "A. Fnemer", "email": "a@belastingdienst.nl", "telefoon": "+31612345678"],
                "toelichting": "Volgens de aangifte woont betrokkene op nummer 21.",
            ].compactMapValues { $0 is NSNull ? nil : $0 },
            "terugMeldingBody": [
                "objectIdentificatie": ids.map { ["objectType": "persoon", "attribuutUrn": $0.0, "idWaarde": $0.1] },
                "terugMeldingGegevens": [[
                    "attribuutUrn": "urn:brp:persoon:binnenlands-adres-ingezetene:huisnummer",
                    "betwijfeldeWaarde": "23", "voorgesteldeWaarde": "21",
                    "bijlages": bijlagen.map { ["bestandsnaam": $0.0, "mimeType": $0.1, "bijlageData": $0.2] },
                ]],
            ],
        ]
        var clean = json
        if gemeentecode == nil, var h = clean["terugMeldingHeader"] as? [String: Any] {
            h.removeValue(forKey: "gemeentecode")
            clean["terugMeldingHeader"] = h
        }
        let data = try! JSONSerialization.data(withJSONObject: clean)
        return try! JSONDecoder().decode(TerugmeldingInvoer.self, from: data)
    }

    private func fouten(_ v: TerugmeldingInvoer) -> [OngeldigeParameter] {
        switch valideer(v, gemeente: Self.register) {
        case .success: return []
        case .failure(let f): return f.fouten
        }
    }

    @Test func geldigeTerugmelding() throws {
        let r = try valideer(Self.verzoek(bijlagen: [("a.jpg", "image/jpeg", Self.jpeg)]), gemeente: Self.register).get()
        #expect(r.bsn?.value == "999993653")
        #expect(r.gemeentecode == "0363")
        #expect(r.bijlagen.count == 1)
        #expect(r.bijlagen[0].data.starts(with: [0xFF, 0xD8]))
        // Attachment bytes are taken out of what is kept as the request.
        #expect(r.inhoud.terugMeldingBody?.terugMeldingGegevens?[0].bijlages?[0].bijlageData == nil)
        #expect(r.inhoud.terugMeldingBody?.terugMeldingGegevens?[0].bijlages?[0].bestandsnaam == "a.jpg")
    }

    @Test func alleFoutenTegelijk() {
        let v = Self.verzoek(ids: [(PersoonUrn.bsn, "987463264"), (PersoonUrn.anummer, "1234567890"), (PersoonUrn.adres, String(repeating: "x", count: 51))],
                             gemeentecode: "9998",
                             bijlagen: [("a.pdf", "application/pdf", Self.jpeg), ("b.gif", "image/gif", Self.jpeg)])
        let codes = Set(fouten(v).map(\.code))
        #expect(codes.isSuperset(of: ["bsnElfproef", "gemeenteOnbekend", "adresMaxLength", "inhoudKomtNietOvereen", "enum"]))
        #expect(fouten(v).contains { $0.veld == Veld(.terugMeldingBody, .objectIdentificatie)[1] / .idWaarde })
    }

    @Test func beeindigdeGemeenteNoemtDeOpvolger() {
        let f = fouten(Self.verzoek(gemeentecode: "0457"))
        #expect(f.count == 1)
        #expect(f[0].code == "gemeenteBeeindigd")
        #expect(f[0].reason.contains("0363"))
    }

    @Test func gemeentecodeVerplichtVoorBRP() {
        #expect(fouten(Self.verzoek(gemeentecode: nil)).map(\.code) == ["required"])
        #expect(fouten(Self.verzoek(gemeentecode: "36")).map(\.code) == ["gemeentecodeFormaat"])
    }

    @Test func persoonsidentificatieVerplicht() {
        let f = fouten(Self.verzoek(ids: [("urn:brp:persoon:geboortedatum", "1981-02-19")]))
        #expect(f.map(\.code) == ["persoonIdentificatie"])
        #expect(fouten(Self.verzoek(ids: [])).map(\.code) == ["required"])
        #expect(fouten(Self.verzoek(ids: [(PersoonUrn.adres, String(repeating: "x", count: 50))])).isEmpty)
        #expect(fouten(Self.verzoek(ids: [(PersoonUrn.anummer, "8940402024")])).isEmpty)
    }

    @Test func bijlageregels() {
        let zes = (0..<6).map { ("f\($0).png", "image/png", Self.png) }
        #expect(fouten(Self.verzoek(bijlagen: zes)).map(\.code) == ["maxItems"])
        #expect(fouten(Self.verzoek(bijlagen: [("a.pdf", "application/pdf", Self.pdf), ("b.png", "image/png", Self.png)])).isEmpty)
        #expect(fouten(Self.verzoek(bijlagen: [("a.pdf", "application/pdf", "niet base64!")])).map(\.code) == ["base64"])
        #expect(fouten(Self.verzoek(bijlagen: [("../a.pdf", "application/pdf", Self.pdf)])).map(\.code) == ["bestandsnaam"])
        #expect(fouten(Self.verzoek(bijlagen: [("a.jpg", "image/jpg", Self.jpeg)])).isEmpty)
    }

    @Test func bijlagenSamenHoogstens20MiB() {
        var groot = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        groot.append(Data(count: 10 * 1024 * 1024 + 1))
        let b = groot.base64EncodedString()
        #expect(fouten(Self.verzoek(bijlagen: [("a.png", "image/png", b), ("b.png", "image/png", b)])).map(\.code) == ["maxTotalSize"])
        #expect(fouten(Self.verzoek(bijlagen: [("a.png", "image/png", b)])).isEmpty)
    }

    @Test func contactgegevens() {
        var fout: [String] = []
        valideerContact(.init(telefoon: "0612", email: "geen-adres"), pad: Veld(.melder)) { n, _, _ in fout.append(n.jsonPad) }
        #expect(fout == ["melder.email", "melder.telefoon"])
        #expect(isTelefoonnummer("+31-6-12345678"))
        #expect(!isTelefoonnummer("06 12345678"))
        #expect(isEmailadres("bas.kooij@logius.nl"))
        for bad in ["a@b", "@b.nl", "a b@c.nl", "a@@b.nl", "a@b..nl"] { #expect(!isEmailadres(bad), "\(bad)") }
    }

    @Test func langeToelichtingWordtAanvaard() {
        var v = Self.verzoek()
        v.terugMeldingHeader?.toelichting = String(repeating: "Gerede twijfel. ", count: 2_000)  // 32,000 chars
        #expect(fouten(v).isEmpty)
        v.terugMeldingHeader?.toelichting = String(repeating: "x", count: TerugmeldingLimieten.maxToelichting + 1)
        #expect(fouten(v).map(\.code) == ["maxLength"])
    }

    @Test func andereRegistratieNogNietAangesloten() {
        var v = Self.verzoek()
        v.terugMeldingHeader?.registratie?.basisRegistratieCode = "HR"
        #expect(fouten(v).map(\.code) == ["nietOndersteund"])
        v.terugMeldingHeader?.registratie?.basisRegistratieCode = "XYZ"
        #expect(fouten(v).map(\.code) == ["enum"])
    }

    /// The FAQ: an extensive explanation is necessary; the RNI keeps only some items.
    @Test func toelichtingVerplichtEnNietAllesNaarDeRNI() {
        var zonder = Self.verzoek()
        zonder.terugMeldingHeader?.toelichting = "  "
        #expect(fouten(zonder).map(\.veld) == [Veld(.terugMeldingHeader, .toelichting)])
        let rni = Self.verzoek(gemeentecode: "1999")
        #expect(fouten(rni).map(\.code) == ["nietVoorRNI"], "a Dutch address to 1999")
        #expect(fouten(rni).first?.reden(.nl).contains("gemeente waar de persoon zou moeten worden ingeschreven") == true)
        var buitenland = rni
        buitenland.terugMeldingBody?.terugMeldingGegevens?[0].attribuutUrn = "urn:brp:persoon:verblijfplaats:adres-buitenland"
        #expect(fouten(buitenland).isEmpty)
        for urn in ["urn:brp:persoon:naam:aanduiding-naamgebruik", "urn:brp:persoon:partner", "urn:brp:persoon:kind", "urn:brp:persoon:ouder"] {
            var r = rni
            r.terugMeldingBody?.terugMeldingGegevens?[0].attribuutUrn = urn
            #expect(fouten(r).map(\.code) == ["nietVoorRNI"], "\(urn)")
            #expect(BRPAttribuut.nietVoorRNI(urn) != nil && BRPAttribuut.met(urn: urn) != nil)
        }
    }

    @Test func leegVerzoek() {
        let f = fouten(TerugmeldingInvoer())
        #expect(Set(f.map(\.veld.jsonPad)) == ["terugMeldingHeader", "terugMeldingBody"])
    }
}
