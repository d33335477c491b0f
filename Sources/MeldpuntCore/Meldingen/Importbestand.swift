import Foundation
import MeldpuntDomain

/// An export of the CMI's cases as rows with their line numbers: JSON (an array of cases, each
/// with its history) or CSV (one case per line, no history). Reading is linear in the file's size.
package enum Importbestand {
    package struct Fout: Error, Sendable, Equatable {
        package let regel: Int
        package let uitleg: Tekst
    }

    /// JSON: `[ {kenmerk, ontvangenOp, melding, …}, … ]`; the row number is the case's position (1 = first).
    package static func json(_ data: Data) throws(Fout) -> [(regel: Int, melding: ImportMelding)] {
        let rijen: [ImportMelding]
        do { rijen = try JSONDecoder().decode([ImportMelding].self, from: data) } catch {
            throw Fout(regel: 0, uitleg: Tekst("Het bestand is geen JSON-lijst van meldingen: \(error)", "The file is not a JSON list of cases: \(error)"))
        }
        return rijen.enumerated().map { ($0.offset + 1, $0.element) }
    }

    /// The CSV columns, in any order; lists separated by ";".
    package static let kolommen = ["kenmerk", "ontvangenOp", "toestemmingOp", "melderType", "naam", "email", "telefoon", "adres", "postcode", "woonplaats",
                                   "voorkeurKanaal", "registraties", "betrokkenOrganisaties", "watIsFout", "watMoetHetZijn", "organisatieAlBenaderd",
                                   "bezwaarOfBeroepLoopt", "status", "uitkomst", "samenvatting", "geslotenOp", "partners"]

    /// CSV (RFC 4180; comma or semicolon, quotes, line breaks inside quotes): a header row naming
    /// the columns, then one case per record; the row number is the record's first line in the file.
    package static func csv(_ tekst: String) throws(Fout) -> [(regel: Int, melding: ImportMelding)] {
        let records = try lees(tekst)
        guard let kop = records.first else { throw Fout(regel: 1, uitleg: Tekst("Het bestand is leeg.", "The file is empty.")) }
        let namen = kop.velden.map { $0.trimmingCharacters(in: .whitespaces) }
        if let onbekend = namen.first(where: { !kolommen.contains($0) }) {
            throw Fout(regel: 1, uitleg: Tekst("Onbekende kolom ‘\(onbekend)’. Kolommen: \(kolommen.joined(separator: ", ")).",
                                               "Unknown column ‘\(onbekend)’. Columns: \(kolommen.joined(separator: ", ")).")) }
        for nodig in ["kenmerk", "ontvangenOp", "watIsFout", "status"] where !namen.contains(nodig) {
            throw Fout(regel: 1, uitleg: Tekst("De kolom ‘\(nodig)’ ontbreekt.", "The column ‘\(nodig)’ is missing."))
        }
        return records.dropFirst().filter { !$0.velden.allSatisfy(\.isEmpty) }.map { r in
            var w: [String: String] = [:]
            for (i, naam) in namen.enumerated() where i < r.velden.count {
                let v = r.velden[i].trimmingCharacters(in: .whitespaces)
                if !v.isEmpty { w[naam] = v }
            }
            func lijst(_ k: String) -> [String]? {
                w[k].map { $0.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
            }
            func jaNee(_ k: String) -> Bool? {
                w[k].flatMap { ["ja": true, "true": true, "1": true, "nee": false, "false": false, "0": false][$0.lowercased()] }
            }
            var m = MeldingInvoer()
            m.melderType = w["melderType"] ?? MelderType.burger.rawValue
            m.melder = MeldingInvoer.Persoonsgegevens(naam: w["naam"], email: w["email"], telefoon: w["telefoon"], adres: w["adres"],
                                                      postcode: w["postcode"], woonplaats: w["woonplaats"])
            m.voorkeurKanaal = w["voorkeurKanaal"]
            m.registraties = lijst("registraties")
            m.betrokkenOrganisaties = lijst("betrokkenOrganisaties")
            m.watIsFout = w["watIsFout"]
            m.watMoetHetZijn = w["watMoetHetZijn"]
            m.organisatieAlBenaderd = jaNee("organisatieAlBenaderd") ?? true
            m.bezwaarOfBeroepLoopt = jaNee("bezwaarOfBeroepLoopt") ?? false
            return (r.regel, ImportMelding(kenmerk: w["kenmerk"], ontvangenOp: w["ontvangenOp"], toestemmingOp: w["toestemmingOp"], melding: m,
                                           status: w["status"], uitkomst: w["uitkomst"], samenvatting: w["samenvatting"], geslotenOp: w["geslotenOp"],
                                           partners: lijst("partners")?.map { ImportMelding.Partner(naam: $0) }))
        }
    }

    struct Record { let regel: Int; var velden: [String] }

    /// The records, each with the line it starts on. The separator is the header's: ";" when it
    /// has more of those than commas (a Dutch spreadsheet's export), else ",". A quote opens a
    /// quoted field only at the field's start (elsewhere it is a character: `5" scherm`); a quoted
    /// field that never closes is an error naming its line, never a silently swallowed rest.
    static func lees(_ tekst: String) throws(Fout) -> [Record] {
        let eersteRegel = tekst.prefix { !$0.isNewline }
        let scheiding: Character = eersteRegel.filter { $0 == ";" }.count > eersteRegel.filter { $0 == "," }.count ? ";" : ","
        var records: [Record] = []
        var huidig = Record(regel: 1, velden: [])
        var veld = ""
        var inQuotes = false
        var naQuote = false
        var veldBegin = true
        var begonnen = false
        var regel = 1
        var quoteRegel = 1
        for c in tekst {
            if inQuotes {
                if c == "\"" { inQuotes = false; naQuote = true; continue }
                if c.isNewline { regel += 1 }
                veld.append(c)
                continue
            }
            if c == "\"" {
                if naQuote {
                    // "" inside a quoted field is one quote.
                    veld.append("\""); inQuotes = true; naQuote = false
                } else if veldBegin {
                    inQuotes = true; veldBegin = false; begonnen = true; quoteRegel = regel
                } else {
                    veld.append(c)
                }
                continue
            }
            naQuote = false
            if c == scheiding {
                huidig.velden.append(veld); veld = ""; veldBegin = true; begonnen = true
            } else if c.isNewline {
                if begonnen || !veld.isEmpty || !huidig.velden.isEmpty { huidig.velden.append(veld); records.append(huidig) }
                veld = ""; begonnen = false; veldBegin = true
                regel += 1
                huidig = Record(regel: regel, velden: [])
            } else {
                veld.append(c); begonnen = true; veldBegin = false
            }
        }
        if inQuotes {
            throw Fout(regel: quoteRegel, uitleg: Tekst("Een veld dat op deze regel met \" begint, wordt nergens gesloten.", "A field starting with \" on this line is never closed."))
        }
        if begonnen || !veld.isEmpty || !huidig.velden.isEmpty { huidig.velden.append(veld); records.append(huidig) }
        return records
    }
}
