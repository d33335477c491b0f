import Fluent
import Foundation
import MeldpuntCore
import MeldpuntDigimelding
import MeldpuntDomain
import Testing
import Vapor
@testable import MeldpuntHTTP

/// A Digimelding message as an afnemer's system writes it, with prefixes as many SOAP stacks use.
enum DMKSBericht {
    static let ns = DMKS.namespace
    static let brp = "00000001001599185000"
    static let belastingdienst = "00000001003214345000"

    static func envelop(_ body: String) -> String {
        #"<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header/><s:Body>"# + body + "</s:Body></s:Envelope>"
    }

    static func basis(_ uuid: UUID, oin: String = belastingdienst, verwijzing: UUID? = nil, toelichting: String? = nil) -> String {
        "<dm:GeannoteerdDoor><dm:Oin>\(oin)</dm:Oin><dm:Persoonsaanduiding>anoniem</dm:Persoonsaanduiding></dm:GeannoteerdDoor>"
            + "<dm:GeannoteerdOp>2026-11-23T10:00:00+01:00</dm:GeannoteerdOp>"
            + (toelichting.map { "<dm:Toelichting>\($0)</dm:Toelichting>" } ?? "")
            + (verwijzing.map { "<dm:Annotatieverwijzing>\($0.uuidString)</dm:Annotatieverwijzing>" } ?? "")
    }

    /// A whole new tree: terugmelding, Gemeld, own reference, contact, bronhouder and an attachment.
    static func boom(root: UUID = UUID(), bsn: String = "999993653", bronhouder: String = "0363", kenmerk: String = "DM-001",
                     leaves: [UUID] = (0..<5).map { _ in UUID() }, oin: String = belastingdienst) -> String {
        let pdf = Data("%PDF-1.4\n%%EOF\n".utf8).base64EncodedString()
        return envelop("""
        <dm:AnnotatieToevoegenRequest xmlns:dm="\(ns)"><dm:OinBasisregistratie>\(brp)</dm:OinBasisregistratie><dm:Registratie>BRP</dm:Registratie>
        <dm:AnnotatieBoom>
        <dm:Annotatie><dm:Terugmelding uuid="\(root.uuidString.lowercased())">\(basis(root, oin: oin, toelichting: "Woont volgens huisbezoek op 21 &amp; niet 23."))
          <dm:Bronverwijzingen><dm:Bronverwijzing><dm:Uri>urn:brp:persoon:bsn:\(bsn)</dm:Uri><dm:Selectie>persoon</dm:Selectie></dm:Bronverwijzing></dm:Bronverwijzingen>
          <dm:Attributenset><dm:Attribuut><dm:Uri>urn:brp:persoon:binnenlands-adres-ingezetene:huisnummer</dm:Uri><dm:BetwijfeldeWaarde>23</dm:BetwijfeldeWaarde><dm:VoorgesteldeWaarde>21</dm:VoorgesteldeWaarde></dm:Attribuut></dm:Attributenset>
          <dm:Peilmoment>2026-11-20T12:00:00Z</dm:Peilmoment></dm:Terugmelding></dm:Annotatie>
        <dm:Annotatie><dm:Annotatiestatus uuid="\(leaves[0])">\(basis(leaves[0], oin: oin, verwijzing: root))<dm:Status>Gemeld</dm:Status></dm:Annotatiestatus></dm:Annotatie>
        <dm:Annotatie><dm:Referentiekenmerk uuid="\(leaves[1])">\(basis(leaves[1], oin: oin, verwijzing: root))<dm:Kenmerk>\(kenmerk)</dm:Kenmerk></dm:Referentiekenmerk></dm:Annotatie>
        <dm:Annotatie><dm:Contactinformatie ContactType="Melder" uuid="\(leaves[2])">\(basis(leaves[2], oin: oin))<dm:Naam>Jan Afnemer</dm:Naam><dm:Email>jan@belastingdienst.example</dm:Email></dm:Contactinformatie></dm:Annotatie>
        <dm:Annotatie><dm:BehandelendeBronhouder uuid="\(leaves[3])">\(basis(leaves[3], oin: oin, verwijzing: root))<dm:Bronhouder>\(bronhouder)</dm:Bronhouder></dm:BehandelendeBronhouder></dm:Annotatie>
        <dm:Annotatie><dm:Bijlageverwijzing uuid="\(leaves[4])">\(basis(leaves[4], oin: oin, verwijzing: root))<dm:Bestandsnaam>bewijs.pdf</dm:Bestandsnaam><dm:MIMEType>application/pdf</dm:MIMEType><dm:BijlageData>\(pdf)</dm:BijlageData></dm:Bijlageverwijzing></dm:Annotatie>
        </dm:AnnotatieBoom></dm:AnnotatieToevoegenRequest>
        """)
    }

    static func status(_ root: UUID, _ status: String, oin: String = belastingdienst, stap: UUID = UUID(), toelichting: String? = nil, extra: String = "") -> String {
        envelop("""
        <AnnotatieToevoegenRequest xmlns="\(ns)"><OinBasisregistratie>\(brp)</OinBasisregistratie><AnnotatieBoom>
        <Annotatie><Annotatiestatus uuid="\(stap)">\(basis(stap, oin: oin, verwijzing: root, toelichting: toelichting).replacingOccurrences(of: "dm:", with: ""))<Status>\(status)</Status></Annotatiestatus></Annotatie>
        \(extra)</AnnotatieBoom></AnnotatieToevoegenRequest>
        """)
    }

    static func details(_ uuid: UUID, oin: String = belastingdienst) -> String {
        envelop("<DetailsTerugmeldingRequest xmlns=\"\(ns)\"><OinVragendeOrganisatie>\(oin)</OinVragendeOrganisatie><OinBasisregistratie>\(brp)</OinBasisregistratie><Uuid>\(uuid)</Uuid></DetailsTerugmeldingRequest>")
    }

    static func overzicht(_ filter: String = "", oin: String = belastingdienst) -> String {
        envelop("<StatusoverzichtRequest xmlns=\"\(ns)\"><OinVragendeOrganisatie>\(oin)</OinVragendeOrganisatie><OinBasisregistratie>\(brp)</OinBasisregistratie>\(filter.isEmpty ? "" : "<Filter>\(filter)</Filter>")</StatusoverzichtRequest>")
    }

    static let echo = envelop("<EchoRequest xmlns=\"\(ns)\"><OinBasisregistratie>\(brp)</OinBasisregistratie><Echo>hallo &lt;daar&gt;</Echo></EchoRequest>")
}

extension XMLKnoop {
    /// All descendants with this local name, depth first.
    func overal(_ naam: String) -> [XMLKnoop] { kinderen.flatMap { ($0.naam == naam ? [$0] : []) + $0.overal(naam) } }
}

@Suite("Digimelding: the XML reader, the messages and the mapping")
struct DigimeldingEenheidTests {
    @Test func eenDTDWordtNooitGelezen() throws {
        let bom = #"<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;</x>"#
        #expect(throws: XMLLeesfout.dtd) { try XMLLezer.lees(Data(bom.utf8)) }
        let xxe = #"<?xml version="1.0"?><!doctype x [<!entity e SYSTEM "file:///etc/passwd">]><x>&e;</x>"#
        #expect(throws: XMLLeesfout.dtd) { try XMLLezer.lees(Data(xxe.utf8)) }
        // An undeclared entity without a DTD is simply not well-formed.
        #expect(throws: XMLLeesfout.self) { try XMLLezer.lees(Data("<x>&e;</x>".utf8)) }
        // Comments and CDATA are not declarations.
        let ok = try XMLLezer.lees(Data("<x><!-- opmerking --><![CDATA[<b>&]]></x>".utf8))
        #expect(ok.tekst == "<b>&")
        // The same DTD in UTF-16 (libxml2 would read it): only UTF-8 is read at all.
        let utf16 = Data([0xFF, 0xFE]) + bom.data(using: .utf16LittleEndian)!
        #expect(throws: XMLLeesfout.geenUTF8) { try XMLLezer.lees(utf16) }
        #expect(throws: XMLLeesfout.geenUTF8) { try XMLLezer.lees(bom.data(using: .utf16BigEndian)!) }
        #expect(throws: XMLLeesfout.geenUTF8) { try XMLLezer.lees(Data(#"<?xml version="1.0" encoding="ISO-8859-1"?><x/>"#.utf8)) }
        #expect(try XMLLezer.lees(Data([0xEF, 0xBB, 0xBF]) + Data(#"<?xml version='1.0' encoding='UTF-8'?><x/>"#.utf8)).naam == "x")
    }

    @Test func diepteEnOmvangZijnBegrensd() throws {
        let diep = String(repeating: "<a>", count: XMLLezer.maxDiepte + 1) + String(repeating: "</a>", count: XMLLezer.maxDiepte + 1)
        #expect(throws: XMLLeesfout.teDiep(XMLLezer.maxDiepte)) { try XMLLezer.lees(Data(diep.utf8)) }
        let breed = "<a>" + String(repeating: "<b/>", count: XMLLezer.maxElementen) + "</a>"
        #expect(throws: XMLLeesfout.teVeelElementen(XMLLezer.maxElementen)) { try XMLLezer.lees(Data(breed.utf8)) }
        #expect(throws: XMLLeesfout.self) { try XMLLezer.lees(Data("<a><b></a>".utf8)) }
        #expect(throws: XMLLeesfout.self) { try XMLLezer.lees(Data()) }
    }

    @Test func eenBoomWordtGelezenZoalsVerstuurd() throws {
        let root = UUID(), leaves = (0..<5).map { _ in UUID() }
        let verzoek = try DMKSLezer.lees(Data(DMKSBericht.boom(root: root, leaves: leaves).utf8))
        guard case .annotatieToevoegen(let oin, let registratie, .boom(let annotaties)) = verzoek else { Issue.record("geen boom: \(verzoek)"); return }
        #expect(oin == DMKSBericht.brp && registratie == "BRP")
        #expect(annotaties.map(\.soort) == ["Terugmelding", "Annotatiestatus", "Referentiekenmerk", "Contactinformatie", "BehandelendeBronhouder", "Bijlageverwijzing"])
        guard case .terugmelding(let b, let bronnen, let attributen, let peilmoment) = annotaties[0] else { Issue.record("geen terugmelding"); return }
        #expect(b.uuid == root && b.oin == DMKSBericht.belastingdienst && b.toelichting == "Woont volgens huisbezoek op 21 & niet 23.")
        // 10:00 in Amsterdam in November is 09:00 UTC.
        #expect(b.geannoteerdOp == ISO8601DateFormatter().date(from: "2026-11-23T09:00:00Z"))
        #expect(bronnen == [Bronverwijzing(uri: "urn:brp:persoon:bsn:999993653", selectie: ["persoon"])])
        #expect(attributen == [Attribuut(uri: "urn:brp:persoon:binnenlands-adres-ingezetene:huisnummer", betwijfeldeWaarde: "23", voorgesteldeWaarde: "21")])
        #expect(peilmoment == ISO8601DateFormatter().date(from: "2026-11-20T12:00:00Z"))
        #expect(annotaties[1].basis.uuid == leaves[0] && annotaties[1].basis.verwijzing == root)
        if case .contact(_, let type, let naam, _, let email, _) = annotaties[3] {
            #expect(type == .melder && naam == "Jan Afnemer" && email == "jan@belastingdienst.example")
        } else { Issue.record("geen contact") }
    }

    @Test func watNietInHetSchemaStaatIsDK0004MetHetPad() throws {
        var fout = try #require(throwsFout { try DMKSLezer.lees(Data(DMKSBericht.echo.replacingOccurrences(of: "<Echo>", with: "<Extra/><Echo>").utf8)) })
        #expect(fout.code == .nietConformXSD && fout.details.contains("EchoRequest/Extra: onbekend element"))
        fout = try #require(throwsFout { try DMKSLezer.lees(Data(DMKSBericht.boom().replacingOccurrences(of: "<dm:Oin>00000001003214345000</dm:Oin>", with: "<dm:Oin>123</dm:Oin>").utf8)) })
        #expect(fout.code == .nietConformXSD && fout.faultstring.contains("GeannoteerdDoor/Oin: een OIN is 20 cijfers"))
        fout = try #require(throwsFout { try DMKSLezer.lees(Data(DMKSBericht.boom().replacingOccurrences(of: #"ContactType="Melder" "#, with: "").utf8)) })
        #expect(fout.faultstring.contains("Contactinformatie/@ContactType: verplicht attribuut ontbreekt"))
        fout = try #require(throwsFout { try DMKSLezer.lees(Data(DMKSBericht.envelop("<Onbekend xmlns=\"\(DMKS.namespace)\"/>").utf8)) })
        #expect(fout.code == .nietConformXSD && fout.faultstring.contains("Onbekend vraagbericht"))
        fout = try #require(throwsFout { try DMKSLezer.lees(Data("<Envelope/>".utf8)) })
        #expect(fout.faultstring.contains("SOAP 1.1-envelop"))
        fout = try #require(throwsFout { try DMKSLezer.lees(Data(DMKSBericht.details(UUID()).replacingOccurrences(of: "<Uuid>", with: "<Uuid>x").utf8)) })
        #expect(fout.faultstring.contains("DetailsTerugmeldingRequest/Uuid: geen UUID"))
    }

    @Test func eenBoomWordtDeTerugmeldingVanDeMotor() async throws {
        let root = UUID(), leaves = (0..<5).map { _ in UUID() }
        guard case .annotatieToevoegen(_, _, .boom(let a)) = try DMKSLezer.lees(Data(DMKSBericht.boom(root: root, bronhouder: "GM0599", leaves: leaves).utf8)) else { return }
        let v = try await DMKSVertaling.terugmelding(a[0], bladeren: Array(a.dropFirst())) { w in (w.hasPrefix("GM") ? String(w.dropFirst(2)) : w, nil) }
        let h = try #require(v.invoer.terugMeldingHeader), body = try #require(v.invoer.terugMeldingBody)
        #expect(h.gemeentecode == "0599" && h.referentiekenmerk == "DM-001" && h.melder?.email == "jan@belastingdienst.example")
        #expect(h.toelichting == "Woont volgens huisbezoek op 21 & niet 23." && h.registratie?.basisRegistratieCode == "BRP")
        #expect(body.objectIdentificatie?.first?.attribuutUrn == PersoonUrn.bsn && body.objectIdentificatie?.first?.idWaarde == "999993653")
        #expect(body.terugMeldingGegevens?.first?.voorgesteldeWaarde == "21" && body.terugMeldingGegevens?.first?.bijlages?.first?.bestandsnaam == "bewijs.pdf")
        #expect(v.eersteStatus == leaves[0] && v.bijlagen == [leaves[4]])
        // And the engine's own validation accepts it.
        let geldig = try valideer(v.invoer) { _ in .actueel(naam: "Rotterdam") }.get()
        #expect(geldig.bsn?.value == "999993653" && geldig.bijlagen.count == 1)

        // Without a bronhouder: a clear DK0050.
        let zonder = a.filter { $0.soort != "BehandelendeBronhouder" }
        let fout: DMKSFout? = await throwsFoutAsync { _ = try await DMKSVertaling.terugmelding(zonder[0], bladeren: Array(zonder.dropFirst())) { _ in (nil, nil) } }
        #expect(fout?.code == DMKSFout.Code.kanNietVerwerken && fout?.faultstring.contains("BehandelendeBronhouder") == true)
    }

    @Test func personenInEenUri() {
        #expect(DMKSVertaling.persoon("urn:brp:persoon:bsn:999993653")! == (PersoonUrn.bsn, "999993653"))
        #expect(DMKSVertaling.persoon("urn:oin:00000001001599185000:BSN:999993653")! == (PersoonUrn.bsn, "999993653"))
        #expect(DMKSVertaling.persoon("https://brp.example/persoon/anummer/1234567890")! == (PersoonUrn.anummer, "1234567890"))
        #expect(DMKSVertaling.persoon("urn:brp:persoon:bsn:") == nil)
        #expect(DMKSVertaling.persoon("urn:kvk:12345678") == nil)
    }

    @Test func veldenHetenNaarHunElement() {
        #expect(DMKSVertaling.element("terugMeldingHeader.gemeentecode") == "BehandelendeBronhouder/Bronhouder")
        #expect(DMKSVertaling.element("terugMeldingHeader.melder.email") == "Contactinformatie/Email")
        #expect(DMKSVertaling.element("terugMeldingBody.objectIdentificatie[0].idWaarde") == "Terugmelding/Bronverwijzingen/Bronverwijzing[1]/Uri")
        #expect(DMKSVertaling.element("terugMeldingBody.terugMeldingGegevens[1].voorgesteldeWaarde") == "Terugmelding/Attributenset/Attribuut[2]/VoorgesteldeWaarde")
        #expect(DMKSVertaling.element("terugMeldingBody.terugMeldingGegevens[0].bijlages[2].mimeType") == "Bijlageverwijzing[3]/MIMEType")
    }

    @Test func eenAntwoordIsGoedgevormdEnLeestTerug() throws {
        let root = UUID()
        let basis = Annotatiebasis(uuid: root, oin: DMKSBericht.belastingdienst, geannoteerdOp: Date(timeIntervalSince1970: 1_800_000_000), toelichting: "a < b & \u{1}c")
        let boom: [Annotatie] = [
            .terugmelding(basis, bronverwijzingen: [Bronverwijzing(uri: "urn:brp:persoon:bsn:999993653")], attributen: [Attribuut(uri: "x", betwijfeldeWaarde: "\"")], peilmoment: nil),
            .bijlage(Annotatiebasis(uuid: UUID(), oin: DMKSBericht.belastingdienst, geannoteerdOp: .now, verwijzing: root), bestandsnaam: "a.pdf", mimeType: "application/pdf", data: "QUJD", beschrijving: nil),
            .contact(Annotatiebasis(uuid: UUID(), oin: DMKSBericht.belastingdienst, geannoteerdOp: .now, verwijzing: root), type: .behandelaar, naam: "B", telefoon: nil, email: "b@x.nl", afdeling: nil),
        ]
        let xml = try XMLLezer.lees(Data(DMKSSchrijver.details(boom).utf8))
        let terug = try #require(xml.overal("Terugmelding").first)
        #expect(terug.attributen["uuid"] == root.uuidString.lowercased())
        // The control character cannot be carried by XML 1.0 and is left out; the rest survives escaping.
        #expect(terug.kind("Toelichting")?.tekst == "a < b & c")
        // Attachment bytes never leave again.
        #expect(xml.overal("BijlageData").first?.tekst == "")
        #expect(xml.overal("Contactinformatie").first?.attributen["ContactType"] == "Behandelaar")
        let fout = try XMLLezer.lees(Data(DMKSSchrijver.fout(DMKSFout(.nietConformXSD, "Fout <x>", details: ["a/b: c"]), actor: "https://m.example/dmks/v1").utf8))
        #expect(fout.overal("faultcode").map(\.tekst) == ["soap:Client.DK0004.ElementNietConformXSD", "DK0004"])
        #expect(fout.overal("Melding").map(\.tekst) == ["a/b: c"])
    }

    @Test func deWSDLIsGoedgevormdEnNoemtElkeOperatie() throws {
        let wsdl = try XMLLezer.lees(Data(DMKSDefinitie.wsdl(adres: "https://m.example/dmks/v1").utf8))
        #expect(wsdl.overal("operation").compactMap { $0.attributen["name"] }.count == 8)
        #expect(wsdl.overal("address").first?.attributen["location"] == "https://m.example/dmks/v1")
        let xsd = try XMLLezer.lees(Data(DMKSDefinitie.xsd.utf8))
        #expect(xsd.attributen["targetNamespace"] == DMKS.namespace)
    }

    @Test func hetOINUitHetCertificaat() {
        #expect(Clientcertificaat.oin(subject: "CN=systeem.belastingdienst.nl,serialNumber=00000001003214345000,O=Belastingdienst,C=NL") == "00000001003214345000")
        #expect(Clientcertificaat.oin(subject: "/C=NL/O=Gemeente/serialNumber=00000001002564440000/CN=x") == "00000001002564440000")
        #expect(Clientcertificaat.oin(subject: #"O=A\,serialNumber=00000001003214345000,CN=x"#) == nil)
        #expect(Clientcertificaat.oin(subject: "serialNumber=123,CN=x") == nil)
    }

    func throwsFout(_ f: () throws -> Void) -> DMKSFout? {
        do { try f(); return nil } catch let e as DMKSFout { return e } catch { return nil }
    }

    func throwsFoutAsync(_ f: () async throws -> Void) async -> DMKSFout? {
        do { try await f(); return nil } catch let e as DMKSFout { return e } catch { return nil }
    }
}

@Suite("Digimelding: the SOAP door on the engine")
struct DigimeldingHTTPTests {
    func soap(_ t: TestApp, _ body: String, sleutel: String?, headers: HTTPHeaders = [:]) async throws -> (TestResponse, XMLKnoop) {
        var h = headers
        h.replaceOrAdd(name: "SOAPAction", value: DMKS.namespace + "AnnotatieToevoegen")
        let r = try await t.request(.POST, "/dmks/v1", sleutel: sleutel, headers: h, body: Data(body.utf8), contentType: "text/xml; charset=utf-8")
        return (r, try XMLLezer.lees(r.body))
    }

    /// Digimelding identifies by OIN; the reference data's gemeenten have none.
    func geefAmsterdamEenOIN(_ t: TestApp) async throws -> String {
        let amsterdam = try await Organisaties.zoek(oin: nil, gemeentecode: "0363", on: t.app.db)
        amsterdam.oin = "00000099000000004000"
        try await amsterdam.save(on: t.app.db)
        t.app.sleutelcache.leeg()
        return "00000099000000004000"
    }

    func faultcode(_ xml: XMLKnoop) -> String? { xml.overal("DigimeldingSynchroonFault").first?.kind("faultcode")?.tekst }

    @Test func eenAfnemerMeldtVolgtLeestEnTrektIn() async throws {
        try await metApp { t in
            let amsterdamOIN = try await geefAmsterdamEenOIN(t)

            let root = UUID(), leaves = (0..<5).map { _ in UUID() }
            var (r, xml) = try await soap(t, DMKSBericht.boom(root: root, leaves: leaves), sleutel: t.sleutels.belastingdienst)
            #expect(r.status == .ok && r.headers.first(name: .contentType)?.hasPrefix("text/xml") == true, "\(r.tekst)")
            #expect(xml.overal("AnnotatieVerwijzing").first?.tekst == root.uuidString.lowercased())

            // The same terugmelding in the JSON API: routed, deadline, attachment with the system's UUID.
            let api = try await t.get("/api/v1/terugmeldingen/\(root.uuidString.lowercased())", t.sleutels.belastingdienst)
            #expect(api.status == .ok && api.object["status"] as? String == "Gemeld" && api.object["referentieKenmerk"] as? String == "DM-001")
            #expect((api.object["bijlagen"] as? [[String: Any]])?.first?["id"] as? String == leaves[4].uuidString.lowercased())
            #expect(try await Annotatierij.query(on: t.app.db).filter(\.$terugmelding.$id == root).count() == 6)
            #expect(try await Verwerkingslogregel.query(on: t.app.db).filter(\.$actie == "terugmelding.aanmaken").filter(\.$terugmeldingID == root).count() == 1)
            // A retry of the same tree: the same acknowledgement, nothing filed twice.
            (r, xml) = try await soap(t, DMKSBericht.boom(root: root, leaves: leaves), sleutel: t.sleutels.belastingdienst)
            #expect(r.status == .ok && xml.overal("AnnotatieVerwijzing").first?.tekst == root.uuidString.lowercased())
            #expect(try await Terugmelding.query(on: t.app.db).filter(\.$referentiekenmerk == "DM-001").count() == 1)

            // Statusoverzicht: on the reference, on the person, on the status.
            (r, xml) = try await soap(t, DMKSBericht.overzicht("<MeldingskenmerkenLijst><MeldingkenmerkLijstElement>DM-001</MeldingkenmerkLijstElement></MeldingskenmerkenLijst>"), sleutel: t.sleutels.belastingdienst)
            #expect(xml.overal("Uuid").map(\.tekst) == [root.uuidString.lowercased()], "\(r.tekst)")
            #expect(xml.overal("Status").map(\.tekst) == ["Gemeld"])
            (_, xml) = try await soap(t, DMKSBericht.overzicht("<Objectidentificatie>999993653</Objectidentificatie>"), sleutel: t.sleutels.belastingdienst)
            #expect(xml.overal("Uuid").count == 1)
            (_, xml) = try await soap(t, DMKSBericht.overzicht("<StatusTerugmelding>Afgehandeld</StatusTerugmelding>"), sleutel: t.sleutels.belastingdienst)
            #expect(xml.overal("Annotatie").isEmpty && xml.overal("AnnotatieLijst").first?.attributen["geenWaarde"] == "true")
            // Another afnemer sees nothing of it.
            (_, xml) = try await soap(t, DMKSBericht.overzicht(oin: "00000001002220647000"), sleutel: t.sleutels.svb)
            #expect(xml.overal("Annotatie").isEmpty)

            // The bronhouder takes it up through the JSON API and plans it through Digimelding.
            #expect(try await t.wijzig(root.uuidString, t.sleutels.amsterdam, ["status": "In behandeling"]).status == .ok)
            let stap = UUID()
            let planning = "<Annotatie><Planningsverwachting uuid=\"\(UUID())\">\(DMKSBericht.basis(UUID(), oin: amsterdamOIN, verwijzing: root).replacingOccurrences(of: "dm:", with: ""))<MijlpaalAanduiding>Huisbezoek</MijlpaalAanduiding><MijlpaalTijdstempel>2026-12-15T00:00:00+01:00</MijlpaalTijdstempel></Planningsverwachting></Annotatie>"
            (r, xml) = try await soap(t, DMKSBericht.status(root, "Ingepland", oin: amsterdamOIN, stap: stap, extra: planning), sleutel: t.sleutels.amsterdam)
            #expect(r.status == .ok && xml.overal("AnnotatieVerwijzing").first?.tekst == stap.uuidString.lowercased(), "\(r.tekst)")
            let detail = try await t.get("/api/v1/terugmeldingen/\(root.uuidString)", t.sleutels.belastingdienst)
            #expect(detail.object["status"] as? String == "Ingepland")
            #expect((detail.object["statusHistorie"] as? [[String: Any]])?.last?["verwachteDatum"] as? String == "2026-12-15")

            // The afnemer reads the whole tree; the reading is logged.
            let gelezen = try await Verwerkingslogregel.query(on: t.app.db).filter(\.$actie == "terugmelding.raadplegen").filter(\.$terugmeldingID == root).count()
            (r, xml) = try await soap(t, DMKSBericht.details(root), sleutel: t.sleutels.belastingdienst)
            let boom = try #require(xml.overal("AnnotatieBoom").first, "\(r.tekst)")
            #expect(boom.kinderen.first?.kinderen.first?.naam == "Terugmelding")
            #expect(boom.overal("Status").map(\.tekst) == ["Gemeld", "In behandeling", "Ingepland"])
            let statusDoor = boom.overal("Annotatiestatus").map { $0.kind("GeannoteerdDoor")?.kind("Oin")?.tekst }
            #expect(statusDoor == [DMKSBericht.belastingdienst, amsterdamOIN, amsterdamOIN])
            #expect(boom.overal("Annotatiestatus").map { $0.attributen["uuid"] }.first == leaves[0].uuidString.lowercased())
            #expect(boom.overal("BijlageData").map(\.tekst) == [""])
            #expect(boom.overal("MijlpaalAanduiding").map(\.tekst) == ["Huisbezoek"])
            #expect(try await Verwerkingslogregel.query(on: t.app.db).filter(\.$actie == "terugmelding.raadplegen").filter(\.$terugmeldingID == root).count() == gelezen + 1)

            // A portal-filed terugmelding reads as a tree too, with stable UUIDs.
            let ref = try await t.meld()
            let id = try #require(UUID(uuidString: ref))
            let eerste = try await soap(t, DMKSBericht.details(id), sleutel: t.sleutels.belastingdienst).1
            let tweede = try await soap(t, DMKSBericht.details(id), sleutel: t.sleutels.belastingdienst).1
            #expect(eerste.overal("Terugmelding").first?.attributen["uuid"] == ref.lowercased())
            #expect(eerste.overal("Referentiekenmerk").map { $0.attributen["uuid"] } == tweede.overal("Referentiekenmerk").map { $0.attributen["uuid"] })

            // Withdrawal by the afnemer with one annotation; then the bronhouder can no longer act.
            (r, _) = try await soap(t, DMKSBericht.status(id, "INGETROKKEN", toelichting: "Toch juist"), sleutel: t.sleutels.belastingdienst)
            #expect(r.status == .ok, "\(r.tekst)")
            #expect(try await t.get("/api/v1/terugmeldingen/\(ref)", t.sleutels.belastingdienst).object["status"] as? String == "Ingetrokken")
            (r, xml) = try await soap(t, DMKSBericht.status(id, "In behandeling", oin: amsterdamOIN), sleutel: t.sleutels.amsterdam)
            #expect(r.status == .internalServerError && faultcode(xml) == "DK0050")
        }
    }

    @Test func elkeFoutKrijgtZijnCode() async throws {
        try await metApp { t in
            let root = UUID()
            _ = try await soap(t, DMKSBericht.boom(root: root), sleutel: t.sleutels.belastingdienst)
            var (r, xml) = try await soap(t, DMKSBericht.echo, sleutel: nil)
            #expect(r.status == .internalServerError && faultcode(xml) == "DK0002")
            #expect(xml.overal("faultcode").first?.tekst == "soap:Client.DK0002.RequesterSysteemNietGeautoriseerd")
            (r, xml) = try await soap(t, DMKSBericht.echo, sleutel: t.sleutels.belastingdienst)
            #expect(r.status == .ok && xml.overal("Echo").first?.tekst == "hallo <daar>")
            // Asking as another organisation, annotating in another's name.
            (_, xml) = try await soap(t, DMKSBericht.overzicht(oin: "00000001002220647000"), sleutel: t.sleutels.belastingdienst)
            #expect(faultcode(xml) == "DK0002")
            (_, xml) = try await soap(t, DMKSBericht.status(root, "Ingetrokken", oin: "00000001002220647000"), sleutel: t.sleutels.belastingdienst)
            #expect(faultcode(xml) == "DK0002")
            // A gemeente without an OIN in Meldpunt cannot annotate (Digimelding identifies by OIN).
            (_, xml) = try await soap(t, DMKSBericht.status(root, "In behandeling", oin: "00000099000000004000"), sleutel: t.sleutels.amsterdam)
            #expect(faultcode(xml) == "DK0002")
            // Content the BRP does not accept: an invalid BSN, an unknown status, an unknown tree, another registration.
            (_, xml) = try await soap(t, DMKSBericht.boom(bsn: "123456789"), sleutel: t.sleutels.belastingdienst)
            #expect(faultcode(xml) == "DK0050")
            #expect(xml.overal("Melding").contains { $0.tekst.hasPrefix("Terugmelding/Bronverwijzingen/Bronverwijzing[1]/Uri:") })
            (_, xml) = try await soap(t, DMKSBericht.status(root, "Verdwenen"), sleutel: t.sleutels.belastingdienst)
            #expect(faultcode(xml) == "DK0050")
            (_, xml) = try await soap(t, DMKSBericht.details(UUID()), sleutel: t.sleutels.belastingdienst)
            #expect(faultcode(xml) == "DK0050")
            (_, xml) = try await soap(t, DMKSBericht.boom().replacingOccurrences(of: "<dm:Registratie>BRP", with: "<dm:Registratie>HR"), sleutel: t.sleutels.belastingdienst)
            #expect(faultcode(xml) == "DK0050")
            // The same UUID from another afnemer.
            (_, xml) = try await soap(t, DMKSBericht.boom(root: root, oin: "00000001002220647000"), sleutel: t.sleutels.svb)
            #expect(faultcode(xml) == "DK0050")
            // Syntax: DTD, wrong type, not XML.
            let bom = #"<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "aaaa">]>"# + DMKSBericht.echo.replacingOccurrences(of: #"<?xml version="1.0" encoding="UTF-8"?>"#, with: "")
            (r, xml) = try await soap(t, bom, sleutel: t.sleutels.belastingdienst)
            #expect(r.status == .internalServerError && faultcode(xml) == "DK0004")
            let json = try await t.request(.POST, "/dmks/v1", sleutel: t.sleutels.belastingdienst, body: Data("{}".utf8), contentType: "application/json")
            #expect(try faultcode(XMLLezer.lees(json.body)) == "DK0004")
            (_, xml) = try await soap(t, "<<<", sleutel: t.sleutels.belastingdienst)
            #expect(faultcode(xml) == "DK0004")
            // The description.
            let wsdl = try await t.get("/dmks/v1?wsdl")
            #expect(wsdl.status == .ok && wsdl.tekst.contains("soap:address location=\"http://127.0.0.1"))
            #expect(try await t.get("/dmks/v1").tekst == wsdl.tekst)
            #expect(try await t.get("/dmks/v1?xsd").tekst.contains("<xs:schema"))
        }
    }

    @Test func bladerenVanDeJuisteKantHerhalingEnKlok() async throws {
        try await metApp { t in
            let amsterdamOIN = try await geefAmsterdamEenOIN(t)
            let root = UUID(), leaves = (0..<5).map { _ in UUID() }
            // A Gemeld leaf without a Status is kept as Gemeld: the answers need one.
            let boom = DMKSBericht.boom(root: root, leaves: leaves).replacingOccurrences(of: "<dm:Status>Gemeld</dm:Status>", with: "")
            var (r, xml) = try await soap(t, boom, sleutel: t.sleutels.belastingdienst)
            #expect(r.status == .ok, "\(r.tekst)")
            (_, xml) = try await soap(t, DMKSBericht.details(root), sleutel: t.sleutels.belastingdienst)
            #expect(xml.overal("Status").map(\.tekst) == ["Gemeld"])
            // The same tree again: acknowledged; another tree under the same root UUID: refused.
            (r, _) = try await soap(t, boom, sleutel: t.sleutels.belastingdienst)
            #expect(r.status == .ok)
            (r, xml) = try await soap(t, DMKSBericht.boom(root: root, kenmerk: "ANDERS", leaves: leaves), sleutel: t.sleutels.belastingdienst)
            #expect(faultcode(xml) == "DK0050")

            // A stranger learns nothing of which UUIDs exist: the same fault as for an unknown tree.
            (_, xml) = try await soap(t, DMKSBericht.status(root, "INGETROKKEN", oin: "00000001002220647000", stap: leaves[1]), sleutel: t.sleutels.svb)
            #expect(xml.overal("DigimeldingSynchroonFault").first?.kind("faultstring")?.tekst == "Er is geen terugmelding met deze UUID die uw organisatie mag zien.")

            // Each side its own leaves: the bronhouder gives no reference of the afnemer's.
            func blad(_ inhoud: String, oin: String, uuid: UUID = UUID()) -> String {
                DMKSBericht.envelop("<AnnotatieToevoegenRequest xmlns=\"\(DMKS.namespace)\"><OinBasisregistratie>\(DMKSBericht.brp)</OinBasisregistratie><Annotatie>"
                    + inhoud.replacingOccurrences(of: "BASIS", with: DMKSBericht.basis(uuid, oin: oin, verwijzing: root).replacingOccurrences(of: "dm:", with: ""))
                    .replacingOccurrences(of: "UUID", with: uuid.uuidString) + "</Annotatie></AnnotatieToevoegenRequest>")
            }
            let kenmerk = "<Referentiekenmerk uuid=\"UUID\">BASIS<Kenmerk>GEM-1</Kenmerk></Referentiekenmerk>"
            let behandelaar = "<Contactinformatie ContactType=\"Behandelaar\" uuid=\"UUID\">BASIS<Naam>B. Handelaar</Naam><Email>b@amsterdam.example</Email></Contactinformatie>"
            (_, xml) = try await soap(t, blad(kenmerk, oin: amsterdamOIN), sleutel: t.sleutels.amsterdam)
            #expect(faultcode(xml) == "DK0002")
            (_, xml) = try await soap(t, blad(behandelaar, oin: DMKSBericht.belastingdienst), sleutel: t.sleutels.belastingdienst)
            #expect(faultcode(xml) == "DK0002")
            // The bronhouder's handler: added, logged, moves the last change, and leaves the afnemer's contact in place.
            let voor = try #require(try await Terugmelding.find(root, on: t.app.db)?.gewijzigdOp)
            let blad1 = UUID()
            (r, _) = try await soap(t, blad(behandelaar, oin: amsterdamOIN, uuid: blad1), sleutel: t.sleutels.amsterdam)
            #expect(r.status == .ok, "\(r.tekst)")
            #expect(try await Terugmelding.find(root, on: t.app.db)?.gewijzigdOp ?? voor >= voor)
            #expect(try await Verwerkingslogregel.query(on: t.app.db).filter(\.$actie == "terugmelding.annotatie").filter(\.$terugmeldingID == root).count() == 1)
            // Sent twice: acknowledged twice, stored once.
            (r, _) = try await soap(t, blad(behandelaar, oin: amsterdamOIN, uuid: blad1), sleutel: t.sleutels.amsterdam)
            #expect(r.status == .ok)
            (_, xml) = try await soap(t, DMKSBericht.details(root), sleutel: t.sleutels.belastingdienst)
            #expect(xml.overal("Contactinformatie").map { $0.attributen["ContactType"] } == ["Melder", "Behandelaar"])

            // A clock far ahead would make its status the current one: refused.
            let toekomst = DMKSBericht.status(root, "INGETROKKEN").replacingOccurrences(of: "2026-11-23T10:00:00+01:00", with: "2027-01-01T00:00:00Z")
            (_, xml) = try await soap(t, toekomst, sleutel: t.sleutels.belastingdienst)
            #expect(faultcode(xml) == "DK0050")
            // Finished: nothing more is added.
            #expect(try await soap(t, DMKSBericht.status(root, "INGETROKKEN"), sleutel: t.sleutels.belastingdienst).0.status == .ok)
            (_, xml) = try await soap(t, blad(behandelaar, oin: amsterdamOIN), sleutel: t.sleutels.amsterdam)
            #expect(faultcode(xml) != nil)
            let melder = "<Contactinformatie ContactType=\"Melder\" uuid=\"UUID\">BASIS<Naam>J. Afnemer</Naam><Email>j@bd.example</Email></Contactinformatie>"
            (_, xml) = try await soap(t, blad(melder, oin: DMKSBericht.belastingdienst), sleutel: t.sleutels.belastingdienst)
            #expect(faultcode(xml) == "DK0050")
        }
    }

    @Test func hetCertificaatAlleenAchterEenVertrouwdeProxy() async throws {
        try await metApp { t in
            let cert: HTTPHeaders = ["X-SSL-Client-Verify": "SUCCESS", "X-SSL-Client-S-DN": "CN=systeem,serialNumber=00000001003214345000,O=Belastingdienst,C=NL"]
            var (_, xml) = try await soap(t, DMKSBericht.echo, sleutel: nil, headers: cert)
            #expect(faultcode(xml) == "DK0002")
            // A proxy trusted for X-Forwarded-For alone does not vouch for certificates.
            t.app.instellingen.vertrouwProxy = true
            (_, xml) = try await soap(t, DMKSBericht.echo, sleutel: nil, headers: cert)
            #expect(faultcode(xml) == "DK0002")
            t.app.instellingen.clientcertHeaders = true
            (_, xml) = try await soap(t, DMKSBericht.echo, sleutel: nil, headers: cert)
            #expect(xml.overal("Echo").first?.tekst == "hallo <daar>")
            // The proxy says the certificate did not verify.
            var mislukt = cert
            mislukt.replaceOrAdd(name: "X-SSL-Client-Verify", value: "FAILED:certificate has expired")
            (_, xml) = try await soap(t, DMKSBericht.echo, sleutel: nil, headers: mislukt)
            #expect(faultcode(xml) == "DK0002")
        }
    }
}
