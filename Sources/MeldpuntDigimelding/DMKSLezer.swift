import Foundation
import MeldpuntDomain

/// Reads a SOAP request into a `DMKSVerzoek`. Every deviation from our schema is collected with
/// the element's path and answered as one DK0004 fault, never a crash.
public enum DMKSLezer {
    public static let maxAnnotaties = 60
    public static let maxKenmerken = 100
    public static let maxSelecties = 10
    public static let maxTekst = 100_000
    public static let maxKort = 200

    public static func lees(_ data: Data) throws(DMKSFout) -> DMKSVerzoek {
        let wortel: XMLKnoop
        do {
            wortel = try XMLLezer.lees(data)
        } catch {
            switch error {
            case .dtd:
                throw DMKSFout(.nietConformXSD, "Het bericht bevat een DTD of entiteitdeclaratie; dat is in een SOAP-bericht niet toegestaan.")
            case .geenUTF8:
                throw DMKSFout(.nietConformXSD, "Stuur het bericht in UTF-8.")
            case .teDiep(let n):
                throw DMKSFout(.nietConformXSD, "Het bericht is dieper genest dan \(n) niveaus.")
            case .teVeelElementen(let n):
                throw DMKSFout(.nietConformXSD, "Het bericht heeft meer dan \(n) elementen.")
            case .syntax(let reden):
                throw DMKSFout(.nietConformXSD, "Het bericht is geen goedgevormde XML (\(reden)).")
            }
        }
        guard wortel.naam == "Envelope", wortel.namespace == DMKS.soapNamespace else {
            throw DMKSFout(.nietConformXSD, "Verwacht een SOAP 1.1-envelop (Envelope in \(DMKS.soapNamespace)).")
        }
        guard let body = wortel.kind("Body"), body.namespace == DMKS.soapNamespace else {
            throw DMKSFout(.nietConformXSD, "De SOAP-envelop heeft geen Body.")
        }
        guard body.kinderen.count == 1, let operatie = body.kinderen.first else {
            throw DMKSFout(.nietConformXSD, "De SOAP-Body bevat precies één vraagbericht; nu \(body.kinderen.count).")
        }
        guard operatie.namespace == DMKS.namespace else {
            throw DMKSFout(.nietConformXSD, "Het vraagbericht \(operatie.naam) hoort in de namespace \(DMKS.namespace).")
        }
        var l = Lezer()
        let verzoek: DMKSVerzoek?
        switch operatie.naam {
        case "AnnotatieToevoegenRequest": verzoek = l.annotatieToevoegen(operatie)
        case "StatusoverzichtRequest": verzoek = l.statusoverzicht(operatie)
        case "DetailsTerugmeldingRequest": verzoek = l.details(operatie)
        case "EchoRequest": verzoek = l.echo(operatie)
        default:
            throw DMKSFout(.nietConformXSD, "Onbekend vraagbericht \(operatie.naam). Deze dienst kent AnnotatieToevoegenRequest, StatusoverzichtRequest, DetailsTerugmeldingRequest en EchoRequest.")
        }
        guard l.fouten.isEmpty, let verzoek else {
            throw DMKSFout(.nietConformXSD, "Het bericht voldoet niet aan het schema (dmks.xsd): " + l.fouten.prefix(5).joined(separator: "; ")
                           + (l.fouten.count > 5 ? "; en \(l.fouten.count - 5) meer." : "."), details: Array(l.fouten.prefix(100)))
        }
        return verzoek
    }

    /// Times as xs:dateTime: with a zone, or without one as Dutch time; a bare date is the start of that day.
    public static func tijdstip(_ s: String) -> Date? {
        let t = s.trimmingCharacters(in: .whitespaces)
        if let d = parseTijdstip(t) { return d }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        for formaat in ["yyyy-MM-dd'T'HH:mm:ss.SSSSSS", "yyyy-MM-dd'T'HH:mm:ss.SSS", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"] {
            f.dateFormat = formaat
            if let d = f.date(from: t) { return d }
        }
        return nil
    }
}

private struct Lezer {
    var fouten: [String] = []

    mutating func fout(_ pad: String, _ reden: String) { if fouten.count < 200 { fouten.append("\(pad): \(reden)") } }

    /// Children other than these are not in the schema.
    mutating func alleen(_ el: XMLKnoop, _ namen: Set<String>, _ pad: String) {
        for k in el.kinderen where !namen.contains(k.naam) { fout(pad + "/" + k.naam, "onbekend element") }
    }

    mutating func enkel(_ el: XMLKnoop, _ naam: String, _ pad: String, verplicht: Bool) -> XMLKnoop? {
        let gevonden = el.alle(naam)
        if gevonden.count > 1 { fout(pad + "/" + naam, "komt hoogstens één keer voor") }
        if gevonden.isEmpty && verplicht { fout(pad + "/" + naam, "verplicht element ontbreekt") }
        return gevonden.first
    }

    mutating func tekst(_ el: XMLKnoop, _ naam: String, _ pad: String, verplicht: Bool = true, max: Int = DMKSLezer.maxKort) -> String? {
        guard let k = enkel(el, naam, pad, verplicht: verplicht) else { return nil }
        if !k.kinderen.isEmpty { fout(pad + "/" + naam, "bevat tekst, geen elementen") }
        let t = k.tekst.trimmingCharacters(in: .whitespacesAndNewlines)
        if t.count > max { fout(pad + "/" + naam, "hoogstens \(max) tekens") }
        if verplicht && t.isEmpty { fout(pad + "/" + naam, "mag niet leeg zijn") }
        return t.isEmpty ? nil : t
    }

    mutating func oin(_ el: XMLKnoop, _ naam: String, _ pad: String) -> String {
        guard let t = tekst(el, naam, pad) else { return "" }
        if t.count != 20 || !t.allSatisfy({ $0.isASCII && $0.isNumber }) { fout(pad + "/" + naam, "een OIN is 20 cijfers") }
        return t
    }

    mutating func uuid(_ s: String?, _ pad: String) -> UUID? {
        guard let s else { return nil }
        guard let u = UUID(uuidString: s) else { fout(pad, "geen UUID: \(s.prefix(40))"); return nil }
        return u
    }

    /// `totEnMet`: a bare date includes its whole day.
    mutating func tijd(_ el: XMLKnoop, _ naam: String, _ pad: String, verplicht: Bool, totEnMet: Bool = false) -> Date? {
        guard let t = tekst(el, naam, pad, verplicht: verplicht, max: 40) else { return nil }
        guard let d = DMKSLezer.tijdstip(t) else { fout(pad + "/" + naam, "geen xs:dateTime: \(t)"); return nil }
        return totEnMet && t.count == 10 ? d.addingTimeInterval(86_400 - 0.001) : d
    }

    mutating func registratie(_ el: XMLKnoop, _ pad: String) -> String? {
        let r = tekst(el, "Registratie", pad, verplicht: false, max: 3)
        return r
    }

    // MARK: Messages

    mutating func annotatieToevoegen(_ el: XMLKnoop) -> DMKSVerzoek? {
        let pad = "AnnotatieToevoegenRequest"
        alleen(el, ["OinBasisregistratie", "Registratie", "Annotatie", "AnnotatieBoom"], pad)
        let oinBR = oin(el, "OinBasisregistratie", pad)
        let registratie = registratie(el, pad)
        let enkele = el.alle("Annotatie"), bomen = el.alle("AnnotatieBoom")
        guard enkele.count + bomen.count == 1 else {
            fout(pad, "bevat precies één Annotatie of één AnnotatieBoom")
            return nil
        }
        if let a = enkele.first {
            guard let annotatie = annotatie(a, pad + "/Annotatie") else { return nil }
            return .annotatieToevoegen(oinBasisregistratie: oinBR, registratie: registratie, .annotatie(annotatie))
        }
        let boom = bomen[0]
        alleen(boom, ["Annotatie"], pad + "/AnnotatieBoom")
        let items = boom.alle("Annotatie")
        if items.isEmpty { fout(pad + "/AnnotatieBoom", "bevat ten minste één Annotatie") }
        if items.count > DMKSLezer.maxAnnotaties { fout(pad + "/AnnotatieBoom", "hoogstens \(DMKSLezer.maxAnnotaties) annotaties"); return nil }
        let annotaties = items.enumerated().compactMap { i, a in annotatie(a, pad + "/AnnotatieBoom/Annotatie[\(i + 1)]") }
        return .annotatieToevoegen(oinBasisregistratie: oinBR, registratie: registratie, .boom(annotaties))
    }

    mutating func statusoverzicht(_ el: XMLKnoop) -> DMKSVerzoek? {
        let pad = "StatusoverzichtRequest"
        alleen(el, ["OinVragendeOrganisatie", "OinBasisregistratie", "Registratie", "Filter"], pad)
        let vragend = oin(el, "OinVragendeOrganisatie", pad)
        let oinBR = oin(el, "OinBasisregistratie", pad)
        let registratie = registratie(el, pad)
        var filter = Statusfilter()
        if let f = enkel(el, "Filter", pad, verplicht: false) {
            let fp = pad + "/Filter"
            alleen(f, ["MeldingskenmerkenLijst", "VanafTijdstempelIndienen", "TotEnMetTijdstempelIndienen", "VanafTijdstempelWijziging",
                       "TotEnMetTijdstempelWijziging", "StatusTerugmelding", "Objectidentificatie"], fp)
            if let lijst = enkel(f, "MeldingskenmerkenLijst", fp, verplicht: false) {
                // The specification's table spells it "MeldinggkenmerkLijstElement": both are read.
                alleen(lijst, ["MeldingkenmerkLijstElement", "MeldinggkenmerkLijstElement"], fp + "/MeldingskenmerkenLijst")
                let elementen = lijst.kinderen
                if elementen.isEmpty { fout(fp + "/MeldingskenmerkenLijst", "bevat ten minste één MeldingkenmerkLijstElement") }
                if elementen.count > DMKSLezer.maxKenmerken { fout(fp + "/MeldingskenmerkenLijst", "hoogstens \(DMKSLezer.maxKenmerken) kenmerken") }
                filter.kenmerken = elementen.prefix(DMKSLezer.maxKenmerken).map { $0.tekst.trimmingCharacters(in: .whitespacesAndNewlines) }
                if filter.kenmerken.contains(where: { $0.count > 50 }) { fout(fp + "/MeldingskenmerkenLijst", "een kenmerk is hoogstens 50 tekens") }
            }
            filter.ingediendVanaf = tijd(f, "VanafTijdstempelIndienen", fp, verplicht: false)
            filter.ingediendTotEnMet = tijd(f, "TotEnMetTijdstempelIndienen", fp, verplicht: false, totEnMet: true)
            filter.gewijzigdVanaf = tijd(f, "VanafTijdstempelWijziging", fp, verplicht: false)
            filter.gewijzigdTotEnMet = tijd(f, "TotEnMetTijdstempelWijziging", fp, verplicht: false, totEnMet: true)
            filter.status = tekst(f, "StatusTerugmelding", fp, verplicht: false, max: 50)
            filter.objectidentificatie = tekst(f, "Objectidentificatie", fp, verplicht: false, max: 100)
        }
        return .statusoverzicht(oinVragendeOrganisatie: vragend, oinBasisregistratie: oinBR, registratie: registratie, filter: filter)
    }

    mutating func details(_ el: XMLKnoop) -> DMKSVerzoek? {
        let pad = "DetailsTerugmeldingRequest"
        alleen(el, ["OinVragendeOrganisatie", "OinBasisregistratie", "Registratie", "Uuid"], pad)
        let vragend = oin(el, "OinVragendeOrganisatie", pad)
        let oinBR = oin(el, "OinBasisregistratie", pad)
        let registratie = registratie(el, pad)
        guard let id = uuid(tekst(el, "Uuid", pad, max: 40), pad + "/Uuid") else { return nil }
        return .details(oinVragendeOrganisatie: vragend, oinBasisregistratie: oinBR, registratie: registratie, uuid: id)
    }

    mutating func echo(_ el: XMLKnoop) -> DMKSVerzoek? {
        let pad = "EchoRequest"
        alleen(el, ["OinBasisregistratie", "Registratie", "Echo"], pad)
        let oinBR = oin(el, "OinBasisregistratie", pad)
        let registratie = registratie(el, pad)
        guard let echo = enkel(el, "Echo", pad, verplicht: true) else { return nil }
        if echo.tekst.count > 1_000 { fout(pad + "/Echo", "hoogstens 1000 tekens") }
        return .echo(oinBasisregistratie: oinBR, registratie: registratie, echo: String(echo.tekst.prefix(1_000)))
    }

    // MARK: Annotations

    static let basisNamen: Set<String> = ["GeannoteerdDoor", "GeannoteerdOp", "Toelichting", "Annotatieverwijzing"]

    mutating func annotatie(_ el: XMLKnoop, _ pad: String) -> Annotatie? {
        let soorten: Set<String> = ["Terugmelding", "Annotatiestatus", "Referentiekenmerk", "Contactinformatie", "Bijlageverwijzing", "Planningsverwachting", "BehandelendeBronhouder"]
        alleen(el, soorten, pad)
        guard el.kinderen.count == 1, let k = el.kinderen.first, soorten.contains(k.naam) else {
            fout(pad, "bevat precies één van: \(soorten.sorted().joined(separator: ", "))")
            return nil
        }
        let p = pad + "/" + k.naam
        guard let b = basis(k, p) else { return nil }
        switch k.naam {
        case "Terugmelding":
            alleen(k, Self.basisNamen.union(["Bronverwijzingen", "Attributenset", "Peilmoment"]), p)
            var bronnen: [Bronverwijzing] = []
            if let lijst = enkel(k, "Bronverwijzingen", p, verplicht: true) {
                alleen(lijst, ["Bronverwijzing"], p + "/Bronverwijzingen")
                let items = lijst.alle("Bronverwijzing")
                if items.isEmpty { fout(p + "/Bronverwijzingen", "bevat ten minste één Bronverwijzing") }
                if items.count > 20 { fout(p + "/Bronverwijzingen", "hoogstens 20 bronverwijzingen") }
                for (i, bv) in items.prefix(20).enumerated() {
                    let bp = p + "/Bronverwijzingen/Bronverwijzing[\(i + 1)]"
                    alleen(bv, ["Uri", "Selectie"], bp)
                    let selecties = bv.alle("Selectie").map { $0.tekst.trimmingCharacters(in: .whitespacesAndNewlines) }
                    if selecties.count > DMKSLezer.maxSelecties || selecties.contains(where: { $0.count > DMKSLezer.maxKort }) {
                        fout(bp + "/Selectie", "hoogstens \(DMKSLezer.maxSelecties) selecties van elk hoogstens \(DMKSLezer.maxKort) tekens")
                    }
                    if let uri = tekst(bv, "Uri", bp) { bronnen.append(Bronverwijzing(uri: uri, selectie: selecties)) }
                }
            }
            var attributen: [Attribuut] = []
            if let set = enkel(k, "Attributenset", p, verplicht: true) {
                alleen(set, ["Attribuut"], p + "/Attributenset")
                let items = set.alle("Attribuut")
                if items.isEmpty { fout(p + "/Attributenset", "bevat ten minste één Attribuut") }
                if items.count > TerugmeldingLimieten.maxGegevens { fout(p + "/Attributenset", "hoogstens \(TerugmeldingLimieten.maxGegevens) attributen") }
                for (i, a) in items.prefix(TerugmeldingLimieten.maxGegevens).enumerated() {
                    let ap = p + "/Attributenset/Attribuut[\(i + 1)]"
                    alleen(a, ["Uri", "BetwijfeldeWaarde", "VoorgesteldeWaarde"], ap)
                    let uri = tekst(a, "Uri", ap)
                    let betwijfeld = tekst(a, "BetwijfeldeWaarde", ap, verplicht: false, max: TerugmeldingLimieten.maxWaarde)
                    let voorgesteld = tekst(a, "VoorgesteldeWaarde", ap, verplicht: false, max: TerugmeldingLimieten.maxWaarde)
                    if let uri { attributen.append(Attribuut(uri: uri, betwijfeldeWaarde: betwijfeld, voorgesteldeWaarde: voorgesteld)) }
                }
            }
            let peilmoment = tijd(k, "Peilmoment", p, verplicht: false)
            return .terugmelding(b, bronverwijzingen: bronnen, attributen: attributen, peilmoment: peilmoment)
        case "Annotatiestatus":
            alleen(k, Self.basisNamen.union(["Status", "Statustype"]), p)
            return .status(b, status: tekst(k, "Status", p, verplicht: false, max: 50), statustype: tekst(k, "Statustype", p, verplicht: false, max: 50))
        case "Referentiekenmerk":
            alleen(k, Self.basisNamen.union(["Kenmerk"]), p)
            guard let kenmerk = tekst(k, "Kenmerk", p, max: TerugmeldingLimieten.maxReferentiekenmerk) else { return nil }
            return .referentiekenmerk(b, kenmerk: kenmerk)
        case "Contactinformatie":
            alleen(k, Self.basisNamen.union(["Naam", "Telefoon", "Email", "Afdeling"]), p)
            let typeTekst = k.attributen["ContactType"]
            let type = typeTekst.flatMap(Contacttype.init(rawValue:))
            if type == nil { fout(p + "/@ContactType", typeTekst == nil ? "verplicht attribuut ontbreekt" : "is Melder of Behandelaar") }
            let naam = tekst(k, "Naam", p), email = tekst(k, "Email", p)
            let telefoon = tekst(k, "Telefoon", p, verplicht: false), afdeling = tekst(k, "Afdeling", p, verplicht: false)
            guard let type, let naam, let email else { return nil }
            return .contact(b, type: type, naam: naam, telefoon: telefoon, email: email, afdeling: afdeling)
        case "Bijlageverwijzing":
            alleen(k, Self.basisNamen.union(["Bestandsnaam", "MIMEType", "BijlageData", "Beschrijving"]), p)
            let naam = tekst(k, "Bestandsnaam", p, max: 255), mime = tekst(k, "MIMEType", p, max: 100)
            // The bytes are bounded by the body limit; the engine checks type and size.
            let data = enkel(k, "BijlageData", p, verplicht: true)?.tekst.filter { !$0.isWhitespace }
            let beschrijving = tekst(k, "Beschrijving", p, verplicht: false, max: 1_000)
            guard let naam, let mime else { return nil }
            return .bijlage(b, bestandsnaam: naam, mimeType: mime, data: data, beschrijving: beschrijving)
        case "Planningsverwachting":
            alleen(k, Self.basisNamen.union(["MijlpaalAanduiding", "MijlpaalTijdstempel"]), p)
            return .planning(b, aanduiding: tekst(k, "MijlpaalAanduiding", p, verplicht: false), tijdstempel: tijd(k, "MijlpaalTijdstempel", p, verplicht: false))
        default:
            alleen(k, Self.basisNamen.union(["Bronhouder"]), p)
            guard let bronhouder = tekst(k, "Bronhouder", p, max: 40) else { return nil }
            return .bronhouder(b, bronhouder: bronhouder)
        }
    }

    mutating func basis(_ el: XMLKnoop, _ pad: String) -> Annotatiebasis? {
        let id = uuid(el.attributen["uuid"], pad + "/@uuid")
        if el.attributen["uuid"] == nil { fout(pad + "/@uuid", "verplicht attribuut ontbreekt") }
        var oinTekst = "", vestiging: String?, persoon: String?
        if let door = enkel(el, "GeannoteerdDoor", pad, verplicht: true) {
            let dp = pad + "/GeannoteerdDoor"
            alleen(door, ["Oin", "Vestiging", "Persoonsaanduiding"], dp)
            oinTekst = oin(door, "Oin", dp)
            vestiging = tekst(door, "Vestiging", dp, verplicht: false, max: 20)
            persoon = tekst(door, "Persoonsaanduiding", dp)
        }
        let op = tijd(el, "GeannoteerdOp", pad, verplicht: true)
        let toelichting = tekst(el, "Toelichting", pad, verplicht: false, max: DMKSLezer.maxTekst)
        let verwijzing = uuid(tekst(el, "Annotatieverwijzing", pad, verplicht: false, max: 40), pad + "/Annotatieverwijzing")
        guard let id, let op, let persoon else { return nil }
        return Annotatiebasis(uuid: id, oin: oinTekst, vestiging: vestiging, persoonsaanduiding: persoon, geannoteerdOp: op, toelichting: toelichting, verwijzing: verwijzing)
    }
}
