import Foundation
import MeldpuntCore

/// The MIME message of a mail (RFC 5322, RFC 2045–2047): plain text and HTML as alternatives,
/// both UTF-8 in base64; headers that say it is automatic, and `List-Unsubscribe` for summaries.
package enum Mailopmaak {
    package static func bericht(_ mail: UitgaandeMail, van: String, domein: String) -> String {
        let i = mail.inhoud
        let grens = "=_meldpunt_" + mail.id.uuidString.lowercased()
        var h: [(String, String)] = [
            ("From", van),
            ("To", "<\(mail.aan)>"),
            ("Subject", onderwerp(i.onderwerp)),
            ("Date", datum(mail.datum)),
            ("Message-ID", "<\(mail.id.uuidString.lowercased())@\(idDomein(domein))>"),
            ("MIME-Version", "1.0"),
            ("Auto-Submitted", "auto-generated"),
            ("X-Auto-Response-Suppress", "All"),
            ("Content-Language", i.taal.rawValue),
        ]
        if let afmelden = i.afmelden { h.append(("List-Unsubscribe", "<\(afmelden)>")) }
        if let t = mail.traceparent { h.append(("traceparent", t)) }
        h.append(("Content-Type", "multipart/alternative; boundary=\"\(grens)\""))
        var regels = h.map { "\($0.0): \($0.1)" }
        regels.append("")
        regels.append("--\(grens)")
        regels.append("Content-Type: text/plain; charset=utf-8")
        regels.append("Content-Transfer-Encoding: base64")
        regels.append("")
        regels.append(base64(i.tekst))
        regels.append("--\(grens)")
        regels.append("Content-Type: text/html; charset=utf-8")
        regels.append("Content-Transfer-Encoding: base64")
        regels.append("")
        regels.append(base64(i.html))
        regels.append("--\(grens)--")
        return regels.joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 2047 encoded-words of at most 75 characters when the subject is not plain ASCII.
    static func onderwerp(_ s: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: s.unicodeScalars.lazy.map { $0 == "\r" || $0 == "\n" ? " " : $0 })
        let schoon = String(scalars)
        if schoon.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 32 }) && schoon.count <= 900 { return schoon }
        var woorden: [String] = []
        var deel = ""
        for c in schoon {
            if (deel + String(c)).utf8.count > 45 {
                woorden.append(deel)
                deel = ""
            }
            deel.append(c)
        }
        if !deel.isEmpty { woorden.append(deel) }
        return woorden.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    static func base64(_ s: String) -> String {
        Data(s.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
    }

    /// RFC 5322 date, in UTC (by hand: a DateFormatter per mail was a tenth of the worker's time).
    static func datum(_ d: Date) -> String {
        var t = time_t(d.timeIntervalSince1970.rounded(.down))
        var c = tm()
        gmtime_r(&t, &c)
        func twee(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let dag = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][Int(c.tm_wday)]
        let maand = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][Int(c.tm_mon)]
        return "\(dag), \(twee(c.tm_mday)) \(maand) \(1900 + Int(c.tm_year)) \(twee(c.tm_hour)):\(twee(c.tm_min)):\(twee(c.tm_sec)) +0000"
    }

    /// An address literal in brackets (RFC 5322 domain-literal), a name as it is.
    static func idDomein(_ host: String) -> String {
        host.allSatisfy({ $0.isNumber || $0 == "." }) || host.contains(":") ? "[\(host)]" : host
    }

    /// The bare address in `Naam <adres>`.
    package static func adres(_ van: String) -> String {
        if let open = van.lastIndex(of: "<"), let dicht = van.lastIndex(of: ">"), open < dicht {
            return String(van[van.index(after: open)..<dicht])
        }
        return van.trimmingCharacters(in: .whitespaces)
    }
}
