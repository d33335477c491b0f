import Foundation

// The partner register: who the meldpunt works with, and whom to call at which level.

public struct PartnerInvoer: Codable, Sendable, Equatable {
    public var soort: String?
    /// Registrations it holds or uses, one per line or comma-separated.
    public var registraties: String?
    /// The day it signed the intentieverklaring; empty when it has not (yet).
    public var intentieverklaringOp: String?
    public init(soort: String? = nil, registraties: String? = nil, intentieverklaringOp: String? = nil) {
        self.soort = soort; self.registraties = registraties; self.intentieverklaringOp = intentieverklaringOp
    }
}

public struct Partnergegevens: Sendable, Equatable {
    public let soort: PartnerSoort
    public let registraties: [String]
    public let intentieverklaringOp: Dag?
}

public func valideerPartner(_ v: PartnerInvoer, vandaag: Dag) throws(ValidatieFouten) -> Partnergegevens {
    var f = Fouten()
    let soort = v.soort.flatMap(PartnerSoort.init(rawValue:))
    if soort == nil { f.fout(.soort, v.soort == nil ? "required" : "enum", Tekst("Kies de soort organisatie.", "Choose the kind of organisation.")) }
    var registraties: [String] = []
    for r in (v.registraties ?? "").split(whereSeparator: { $0 == "," || $0.isNewline }) {
        let t = r.trimmingCharacters(in: .whitespaces)
        if !t.isEmpty && !registraties.contains(t) { registraties.append(t) }
    }
    if registraties.contains(where: { $0.schemaLengte > BehandelLimieten.maxKort }) || registraties.count > BehandelLimieten.maxLijst {
        f.fout(.registraties, "maxLength", Tekst("Hoogstens \(BehandelLimieten.maxLijst) registraties van elk \(BehandelLimieten.maxKort) tekens.", "At most \(BehandelLimieten.maxLijst) registrations of \(BehandelLimieten.maxKort) characters each."))
    }
    var getekend: Dag?
    if let raw = v.intentieverklaringOp, !raw.trimmingCharacters(in: .whitespaces).isEmpty {
        getekend = f.dag(raw.trimmingCharacters(in: .whitespaces), .intentieverklaringOp, wat: Tekst("Vul de datum in.", "Enter the date."),
                         tot: (vandaag, "toekomst", Tekst("Deze datum ligt in de toekomst.", "This date is in the future.")))
    }
    try f.klaar()
    return Partnergegevens(soort: soort!, registraties: registraties, intentieverklaringOp: getekend)
}

/// An organisation new to the meldpunt, put in the partner register by its staff: its OIN and,
/// when the meldpunt does not know it yet, its name. Every problem at once, with the partner's own.
public func valideerNieuwePartner(oin: String?, naam: String?, bekend: Bool, _ v: PartnerInvoer, vandaag: Dag) throws(ValidatieFouten) -> Partnergegevens {
    var f = Fouten()
    let o = (oin ?? "").trimmingCharacters(in: .whitespaces)
    if o.isEmpty {
        f.fout(.oin, "required", Tekst("Vul het OIN van de organisatie in.", "Enter the organisation's OIN."))
    } else {
        do { try OIN.check(o) } catch { f.fout(.oin, error.code, error.uitleg) }
    }
    if !bekend { _ = f.tekst(naam, .naam, max: BehandelLimieten.maxKort, verplicht: true, wat: Tekst("Vul de naam van de organisatie in.", "Enter the organisation's name.")) }
    do {
        let g = try valideerPartner(v, vandaag: vandaag)
        try f.klaar()
        return g
    } catch {
        throw ValidatieFouten(f.lijst + error.fouten)
    }
}

/// Organisations the meldpunt knows by name but not (yet) in its register: those holding a
/// registration and those melders named, without the ones already there. Generic holders
/// ("Gemeente") are left out: a gemeente is chosen by name.
public func nietInHetRegister(genoemd: [String], geregistreerd: [String]) -> [String] {
    let bekend = Set(geregistreerd.map { $0.lowercased() })
    var uit: [String] = []
    let houders = Registratie.alle.map(\.bronhouder).flatMap { $0.components(separatedBy: " / ") }
    for naam in houders + genoemd {
        let n = naam.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !n.isEmpty, !n.isLanger(dan: BehandelLimieten.maxKort), !n.lowercased().hasPrefix("gemeente"),
              !bekend.contains(where: { $0 == n.lowercased() || $0.contains(n.lowercased()) || n.lowercased().contains($0) }),
              !uit.contains(where: { $0.lowercased() == n.lowercased() }) else { continue }
        uit.append(n)
    }
    return uit.sorted { $0.lowercased() < $1.lowercased() }
}

public struct ContactpersoonInvoer: Codable, Sendable, Equatable {
    public var niveau: String?
    public var naam: String?
    public var functie: String?
    public var email: String?
    public var telefoon: String?
    public init(niveau: String? = nil, naam: String? = nil, functie: String? = nil, email: String? = nil, telefoon: String? = nil) {
        self.niveau = niveau; self.naam = naam; self.functie = functie; self.email = email; self.telefoon = telefoon
    }
}

public struct ContactpersoonGegevens: Sendable, Equatable {
    public let niveau: Escalatieniveau
    public let naam: String
    public let functie: String?
    public let email: String?
    public let telefoon: String?
}

/// Interdepartementaal is beyond a partner's own hierarchy: its contacts are operationeel to strategisch.
public func valideerContactpersoon(_ v: ContactpersoonInvoer) throws(ValidatieFouten) -> ContactpersoonGegevens {
    var f = Fouten()
    let niveaus: [Escalatieniveau] = [.operationeel, .tactisch, .strategisch]
    let niveau = v.niveau.flatMap(Escalatieniveau.init(rawValue:)).flatMap { niveaus.contains($0) ? $0 : nil }
    if niveau == nil { f.fout(.niveau, v.niveau == nil ? "required" : "enum", Tekst("Kies het niveau.", "Choose the level.")) }
    let naam = f.tekst(v.naam, .naam, max: BehandelLimieten.maxKort, verplicht: true, wat: Tekst("Vul de naam in.", "Enter the name."))
    let functie = f.tekst(v.functie, .functie, max: BehandelLimieten.maxKort, verplicht: false)
    let email = f.tekst(v.email, .email, max: BehandelLimieten.maxKort, verplicht: false)?.lowercased()
    if let email, !isEmailadres(email) { f.fout(.email, "email", Tekst("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.", "Enter a valid email address, such as name@example.com.")) }
    let telefoon = f.tekst(v.telefoon, .telefoon, max: 30, verplicht: false)
    if let telefoon, !isTelefoonnummer(telefoon) { f.fout(.telefoon, "telefoon", Tekst("Vul een geldig telefoonnummer in.", "Enter a valid phone number.")) }
    if email == nil && telefoon == nil { f.fout(.email, "required", Tekst("Geef een e-mailadres of telefoonnummer.", "Give an email address or phone number.")) }
    try f.klaar()
    return ContactpersoonGegevens(niveau: niveau!, naam: naam!, functie: functie, email: email, telefoon: telefoon)
}
