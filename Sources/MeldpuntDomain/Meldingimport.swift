import Foundation

/// A case handled until now by the CMI, as it comes in from an export (issue 30): its own
/// reference, its original dates, what the melder reported, where it stands, its history and
/// the partner organisations involved. Dates are ISO 8601 (a day, or a moment in UTC).
public struct ImportMelding: Codable, Sendable {
    /// The case's reference in the old system; a second import of the same reference changes nothing.
    public var kenmerk: String?
    public var ontvangenOp: String?
    /// When the melder gave consent (defaults to the day it was received).
    public var toestemmingOp: String?
    public var melding: MeldingInvoer?
    /// ontvangen, inBehandeling, wachtOpOrganisaties or gesloten.
    public var status: String?
    public var uitkomst: String?
    public var samenvatting: String?
    public var geslotenOp: String?
    public var geschiedenis: [Stap]?
    public var partners: [Partner]?

    public struct Stap: Codable, Sendable, Equatable {
        public var op: String?
        /// contact, notitie, berichtAanMelder or berichtVanMelder.
        public var soort: String?
        public var tekst: String?
        /// Who did it, as the old system named them.
        public var door: String?

        public init(op: String? = nil, soort: String? = nil, tekst: String? = nil, door: String? = nil) {
            self.op = op
            self.soort = soort
            self.tekst = tekst
            self.door = door
        }
    }

    public struct Partner: Codable, Sendable, Equatable {
        public var naam: String?
        public var oin: String?
        public var contactpersoon: String?

        public init(naam: String? = nil, oin: String? = nil, contactpersoon: String? = nil) {
            self.naam = naam
            self.oin = oin
            self.contactpersoon = contactpersoon
        }
    }

    public init(kenmerk: String? = nil, ontvangenOp: String? = nil, toestemmingOp: String? = nil, melding: MeldingInvoer? = nil, status: String? = nil,
                uitkomst: String? = nil, samenvatting: String? = nil, geslotenOp: String? = nil, geschiedenis: [Stap]? = nil, partners: [Partner]? = nil) {
        self.kenmerk = kenmerk
        self.ontvangenOp = ontvangenOp
        self.toestemmingOp = toestemmingOp
        self.melding = melding
        self.status = status
        self.uitkomst = uitkomst
        self.samenvatting = samenvatting
        self.geslotenOp = geslotenOp
        self.geschiedenis = geschiedenis
        self.partners = partners
    }
}

/// An imported case that passed every check, ready to be written.
public struct GeldigeImport: Sendable {
    public let kenmerk: String
    public let ontvangenOp: Date
    public let toestemmingOp: Date
    public let invoer: MeldingInvoer
    public let status: MeldingStatus
    public let uitkomst: MeldingUitkomst?
    public let samenvatting: String?
    public let geslotenOp: Date?
    public let geschiedenis: [(op: Date, soort: Gebeurtenissoort, tekst: String, door: String?)]
    public let partners: [(naam: String, oin: String?, contactpersoon: String?)]
}

public enum ImportLimieten {
    public static let maxKenmerk = 100
    public static let maxGeschiedenis = 500
    public static let maxPartners = 50
    /// Rows in one import (a file may be split): bounds the work of one request or command.
    public static let maxRijen = 50_000
    /// No case of the CMI is older; an earlier date is a typing error (and case numbers have four-digit years).
    public static let vroegst = Date(timeIntervalSince1970: 946_684_800)
}

/// A moment from an export: "2025-03-04T09:12:00Z" (with a zone) or a day "2025-03-04" (taken as noon UTC).
public func importMoment(_ s: String) -> Date? {
    let w = s.trimmingCharacters(in: .whitespaces)
    if let dag = Dag(w) {
        var c = DateComponents()
        c.year = dag.jaar; c.month = dag.maand; c.day = dag.dag; c.hour = 12
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        return cal.date(from: c)
    }
    guard w.count <= 40 else { return nil }
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    if let d = f.date(from: w) { return d }
    f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return f.date(from: w)
}

/// Every check of a new melding (against the day it was received), and those of the history:
/// a reference, dates in order and not in the future, a status and — when closed — an outcome and
/// a summary for the melder, known kinds of history steps. Every problem at once.
public func valideerImport(_ i: ImportMelding, nu: Date) -> Result<GeldigeImport, ValidatieFouten> {
    var fouten: [OngeldigeParameter] = []
    func fout(_ v: Veld, _ code: String, _ t: Tekst) { fouten.append(OngeldigeParameter(v, code: code, uitleg: t)) }
    func moment(_ s: String?, _ v: Veld, verplicht: Bool) -> Date? {
        guard let s, !s.isEmpty else {
            if verplicht { fout(v, "required", Tekst("Vul de datum in (JJJJ-MM-DD of een tijdstip in UTC).", "Fill in the date (YYYY-MM-DD or a moment in UTC).")) }
            return nil
        }
        guard let d = importMoment(s) else {
            fout(v, "format", Tekst("Geen datum: gebruik JJJJ-MM-DD of een tijdstip als 2025-03-04T09:12:00Z.", "Not a date: use YYYY-MM-DD or a moment such as 2025-03-04T09:12:00Z."))
            return nil
        }
        if d > nu { fout(v, "toekomst", Tekst("Deze datum ligt in de toekomst.", "This date is in the future.")) }
        if d < ImportLimieten.vroegst {
            fout(v, "teVroeg", Tekst("Deze datum ligt vóór 2000; controleer het jaar.", "This date is before 2000; check the year."))
        }
        return d
    }
    let kenmerk = (i.kenmerk ?? "").trimmingCharacters(in: .whitespaces)
    if kenmerk.isEmpty {
        fout(Veld(.kenmerk), "required", Tekst("Vul het kenmerk uit het oude systeem in.", "Fill in the reference from the old system."))
    } else if kenmerk.count > ImportLimieten.maxKenmerk || !kenmerk.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || "-_/.".unicodeScalars.contains($0) }) {
        fout(Veld(.kenmerk), "pattern", Tekst("Een kenmerk is hoogstens \(ImportLimieten.maxKenmerk) letters, cijfers en - _ / .", "A reference is at most \(ImportLimieten.maxKenmerk) letters, digits and - _ / ."))
    }
    let ontvangen = moment(i.ontvangenOp, Veld(.ontvangenOp), verplicht: true)
    let toestemming = moment(i.toestemmingOp, Veld(.toestemmingOp), verplicht: false)
    var invoer = i.melding ?? MeldingInvoer()
    // The consent was given to the CMI; recorded with its day, checked as the current text's.
    invoer.toestemming = MeldingInvoer.Toestemming(gegeven: true, tekstVersie: Toestemmingstekst.versie)
    if !(i.melding?.bijlagen ?? []).isEmpty {
        fout(Veld(.melding, .bijlagen), "nietInImport", Tekst("Bestanden gaan niet mee in een import; voeg ze daarna bij de melding toe.",
                                                              "Files are not part of an import; add them to the case afterwards."))
    }
    if i.melding == nil {
        fout(Veld(.melding), "required", Tekst("De melding zelf ontbreekt.", "The report itself is missing."))
    } else if let ontvangen {
        do {
            for f in try valideerMelding(invoer, vandaag: Dag(ontvangen)) { fouten.append(OngeldigeParameter(Veld([.naam(.melding)] + f.veld.stappen), code: f.code, uitleg: Tekst(f.reason, f.reasonEn ?? f.reason))) }
        } catch {
            fout(Veld(.melding, .bezwaarOfBeroepLoopt), "bezwaarOfBeroep", Tekst("Bij een lopend bezwaar of beroep neemt het Meldpunt een melding niet in behandeling.", "The Meldpunt does not take on a report while an objection or appeal is running."))
        }
    }
    let toegestaan: [MeldingStatus] = [.ontvangen, .inBehandeling, .wachtOpOrganisaties, .gesloten]
    let status = i.status.flatMap(MeldingStatus.init(rawValue:)).flatMap { toegestaan.contains($0) ? $0 : nil }
    if status == nil {
        fout(Veld(.status), i.status == nil ? "required" : "enum", Tekst("Kies ontvangen, inBehandeling, wachtOpOrganisaties of gesloten.", "Choose ontvangen, inBehandeling, wachtOpOrganisaties or gesloten."))
    }
    var uitkomst: MeldingUitkomst?
    var samenvatting: String?
    var gesloten: Date?
    if status == .gesloten {
        uitkomst = i.uitkomst.flatMap(MeldingUitkomst.init(rawValue:))
        if uitkomst == nil || uitkomst == .ingetrokken {
            fout(Veld(.uitkomst), i.uitkomst == nil ? "required" : "enum", Tekst("Kies de uitkomst van de gesloten melding.", "Choose the outcome of the closed case."))
        }
        let s = (i.samenvatting ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if s.isEmpty { fout(Veld(.samenvatting), "required", Tekst("Schrijf voor de melder wat er is gebeurd.", "Tell the melder what happened.")) }
        else if (i.samenvatting ?? "").schemaLengte > BehandelLimieten.maxTekst { fout(Veld(.samenvatting), "maxLength", Lengteregel.hoogstens(BehandelLimieten.maxTekst)) }
        samenvatting = s
        gesloten = moment(i.geslotenOp, Veld(.geslotenOp), verplicht: true)
        if let g = gesloten, let o = ontvangen, g < o { fout(Veld(.geslotenOp), "voorOntvangst", Tekst("Gesloten vóór de melding binnenkwam.", "Closed before the report came in.")) }
    } else if i.uitkomst != nil || i.geslotenOp != nil {
        fout(Veld(.status), "nietGesloten", Tekst("Een uitkomst of sluitdatum hoort alleen bij status gesloten.", "An outcome or closing date belongs only with status gesloten."))
    }
    var geschiedenis: [(op: Date, soort: Gebeurtenissoort, tekst: String, door: String?)] = []
    let stappen = i.geschiedenis ?? []
    if stappen.count > ImportLimieten.maxGeschiedenis {
        fout(Veld(.geschiedenis), "maxItems", Tekst("Hoogstens \(ImportLimieten.maxGeschiedenis) stappen per melding.", "At most \(ImportLimieten.maxGeschiedenis) steps per case."))
    } else {
        let soorten: [String: Gebeurtenissoort] = ["contact": .contact, "notitie": .notitie, "berichtAanMelder": .berichtAanMelder, "berichtVanMelder": .berichtVanMelder]
        for (n, s) in stappen.enumerated() {
            let pad = Veld(.geschiedenis)[n]
            let op = moment(s.op, pad / .op, verplicht: true)
            if let op, let o = ontvangen, op < o { fout(pad / .op, "voorOntvangst", Tekst("Deze stap ligt vóór de ontvangst van de melding.", "This step is before the report came in.")) }
            let soort = s.soort.flatMap { soorten[$0] }
            if soort == nil { fout(pad / .soort, s.soort == nil ? "required" : "enum", Tekst("Kies contact, notitie, berichtAanMelder of berichtVanMelder.", "Choose contact, notitie, berichtAanMelder or berichtVanMelder.")) }
            let t = (s.tekst ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if t.isEmpty { fout(pad / .tekst, "required", Tekst("Vul de tekst van de stap in.", "Fill in the step's text.")) }
            else if (s.tekst ?? "").schemaLengte > BehandelLimieten.maxTekst { fout(pad / .tekst, "maxLength", Lengteregel.hoogstens(BehandelLimieten.maxTekst)) }
            if (s.door ?? "").schemaLengte > 200 { fout(pad / .door, "maxLength", Lengteregel.hoogstens(200)) }
            if let op, let soort, !t.isEmpty { geschiedenis.append((op, soort, t, s.door.flatMap { $0.isEmpty ? nil : $0 })) }
        }
    }
    var partners: [(naam: String, oin: String?, contactpersoon: String?)] = []
    let ps = i.partners ?? []
    if ps.count > ImportLimieten.maxPartners {
        fout(Veld(.partners), "maxItems", Tekst("Hoogstens \(ImportLimieten.maxPartners) partners per melding.", "At most \(ImportLimieten.maxPartners) partners per case."))
    } else {
        for (n, p) in ps.enumerated() {
            let pad = Veld(.partners)[n]
            let naam = (p.naam ?? "").trimmingCharacters(in: .whitespaces)
            if naam.isEmpty || naam.count > 200 { fout(pad / .naam, naam.isEmpty ? "required" : "maxLength", naam.isEmpty ? Tekst("Vul de naam van de organisatie in.", "Fill in the organisation's name.") : Lengteregel.hoogstens(200)) }
            if let oin = p.oin, !oin.isEmpty, !(oin.count == 20 && oin.allSatisfy(\.isASCII) && oin.allSatisfy(\.isNumber)) {
                fout(pad / .oin, "pattern", Tekst("Een OIN is 20 cijfers.", "An OIN is 20 digits."))
            }
            if (p.contactpersoon ?? "").schemaLengte > 200 { fout(pad / .contactpersoon, "maxLength", Lengteregel.hoogstens(200)) }
            partners.append((naam, p.oin.flatMap { $0.isEmpty ? nil : $0 }, p.contactpersoon.flatMap { $0.isEmpty ? nil : $0 }))
        }
    }
    guard fouten.isEmpty, let ontvangen, let status else { return .failure(ValidatieFouten(fouten)) }
    return .success(GeldigeImport(kenmerk: kenmerk, ontvangenOp: ontvangen, toestemmingOp: toestemming ?? ontvangen, invoer: invoer, status: status,
                                  uitkomst: uitkomst, samenvatting: samenvatting, geslotenOp: gesloten,
                                  geschiedenis: geschiedenis.sorted { $0.op < $1.op }, partners: partners))
}
