import Foundation
import MeldpuntDomain

/// One row of RvIG Tabel 33.
package struct Gemeente: Sendable, Codable, Equatable {
    package let code: String
    package let naam: String
    package let nieuweCode: String?
    package let ingang: Dag?
    package let einde: Dag?

    package func isActueel(op peildatum: Dag?) -> Bool {
        guard let peildatum else { return einde == nil }
        return (ingang.map { $0 <= peildatum } ?? true) && (einde.map { peildatum < $0 } ?? true)
    }

    package init(code: String, naam: String, nieuweCode: String?, ingang: Dag?, einde: Dag?) {
        self.code = code
        self.naam = naam
        self.nieuweCode = nieuweCode
        self.ingang = ingang
        self.einde = einde
    }
}

/// One row of RvIG Tabel 60 (RNI-deelnemers, the ABOs).
package struct RniDeelnemer: Sendable, Equatable {
    package let code: String
    package let naam: String
    package let ingang: Dag?
    package let einde: Dag?

    package init(code: String, naam: String, ingang: Dag?, einde: Dag?) {
        self.code = code
        self.naam = naam
        self.ingang = ingang
        self.einde = einde
    }
}

/// The RvIG tables shipped with the product (Resources/data), held in memory: they are small
/// and read on every terugmelding.
package struct Referentiedata: Sendable {
    package let gemeenten: [Gemeente]
    package let rniDeelnemers: [RniDeelnemer]
    private let perCode: [String: Gemeente]

    package init(gemeenten: [Gemeente], rniDeelnemers: [RniDeelnemer]) {
        self.gemeenten = gemeenten
        self.rniDeelnemers = rniDeelnemers
        self.perCode = Dictionary(gemeenten.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    package static let gebundeld: Referentiedata = {
        func tabel(_ naam: String) -> [[String]] {
            let url = Bundle.module.url(forResource: "Resources/data/\(naam)", withExtension: "csv")!
            let tekst = try! String(contentsOf: url, encoding: .utf8)
            return tekst.split(whereSeparator: \.isNewline).dropFirst().map(parseCSVRegel)
        }
        func dag(_ s: String) -> Dag? {
            guard s.count == 8 else { return nil }
            let c = Array(s)
            return Dag("\(String(c[0..<4]))-\(String(c[4..<6]))-\(String(c[6..<8]))")
        }
        let gemeenten = tabel("gemeenten-tabel33")
            .filter { $0.count >= 5 && $0[0] != Gemeentecode.onbekend.value }
            .map { Gemeente(code: $0[0], naam: $0[1], nieuweCode: $0[2].isEmpty ? nil : $0[2], ingang: dag($0[3]), einde: dag($0[4])) }
        let abos = tabel("rni-deelnemers-tabel60")
            .filter { $0.count >= 4 && $0[0] != "0000" }
            .map { RniDeelnemer(code: $0[0], naam: $0[1], ingang: dag($0[2]), einde: dag($0[3])) }
        return Referentiedata(gemeenten: gemeenten, rniDeelnemers: abos)
    }()

    package func gemeente(_ code: String) -> Gemeente? { perCode[code] }

    /// What the register says of a code today: current, ended (with the current successor), unknown.
    package func status(van code: String) -> GemeenteStatus {
        guard let g = perCode[code] else { return .onbekend }
        if g.einde == nil { return .actueel(naam: g.naam) }
        return .beeindigd(naam: g.naam, opvolger: actueleOpvolger(van: code))
    }

    /// Follows successor codes (a merged gemeente may merge again) to a current gemeente.
    package func actueleOpvolger(van code: String) -> String? {
        var huidig = perCode[code]
        var gezien: Set<String> = []
        while let g = huidig, let volgende = g.nieuweCode, !gezien.contains(volgende) {
            gezien.insert(volgende)
            guard let v = perCode[volgende] else { return nil }
            if v.einde == nil { return v.code }
            huidig = v
        }
        return nil
    }

    package func actueleGemeenten(op peildatum: Dag? = nil) -> [Gemeente] {
        gemeenten.filter { $0.isActueel(op: peildatum) }
    }
}

/// Splits one line of the RvIG CSV files: fields in double quotes, "" for a quote.
package func parseCSVRegel<S: StringProtocol>(_ regel: S) -> [String] {
    var velden: [String] = []
    var veld = ""
    var binnen = false
    var i = regel.startIndex
    while i < regel.endIndex {
        let c = regel[i]
        if binnen {
            if c == "\"" {
                let j = regel.index(after: i)
                if j < regel.endIndex && regel[j] == "\"" { veld.append("\""); i = j } else { binnen = false }
            } else {
                veld.append(c)
            }
        } else if c == "\"" {
            binnen = true
        } else if c == "," {
            velden.append(veld)
            veld = ""
        } else {
            veld.append(c)
        }
        i = regel.index(after: i)
    }
    velden.append(veld)
    return velden
}
