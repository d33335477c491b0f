import MeldpuntCore
import FluentKit
import Vapor

/// Digikoppeling's identification: the OIN in the subject serialNumber of the PKIoverheid
/// client certificate. TLS ends at the proxy, which passes the verified subject on:
///
///     proxy_set_header X-SSL-Client-Verify $ssl_client_verify;
///     proxy_set_header X-SSL-Client-S-DN   $ssl_client_s_dn;
///
/// Trusted only with MELDPUNT_CLIENTCERT_HEADERS=1, which needs MELDPUNT_TRUSTED_PROXY=1: the
/// proxy must overwrite both headers on every request, or anyone could send them.
package enum Clientcertificaat {
    package static let verifyHeader = "X-SSL-Client-Verify"
    package static let subjectHeader = "X-SSL-Client-S-DN"

    /// The OIN of a certificate the proxy verified, if any.
    package static func oin(_ request: Request, vertrouwd: Bool) -> String? {
        guard vertrouwd, request.headers.first(name: verifyHeader) == "SUCCESS",
              let dn = request.headers.first(name: subjectHeader), dn.utf8.count <= 2_048 else { return nil }
        return oin(subject: dn)
    }

    /// The serialNumber (2.5.4.5) of an RFC 2253 subject, if it is 20 digits.
    package static func oin(subject dn: String) -> String? {
        for deel in delen(dn) {
            guard let is_ = deel.firstIndex(of: "=") else { continue }
            let sleutel = deel[..<is_].trimmingCharacters(in: .whitespaces).lowercased()
            let waarde = deel[deel.index(after: is_)...].trimmingCharacters(in: .whitespaces)
            if sleutel == "serialnumber" || sleutel == "2.5.4.5", waarde.count == 20, waarde.allSatisfy({ $0.isASCII && $0.isNumber }) {
                return waarde
            }
        }
        return nil
    }

    /// RDNs split on unescaped commas (and the older slash form).
    static func delen(_ dn: String) -> [String] {
        if dn.hasPrefix("/") { return dn.split(separator: "/").map(String.init) }
        var uit: [String] = [], huidig = "", escape = false
        for c in dn {
            if escape { huidig.append(c); escape = false; continue }
            if c == "\\" { escape = true; continue }
            if c == "," || c == "+" { uit.append(huidig); huidig = ""; continue }
            huidig.append(c)
        }
        uit.append(huidig)
        return uit
    }

    /// The organisation the certificate names.
    package static func organisatie(_ request: Request) async throws -> OrganisatieDTO? {
        let i = request.application.instellingen
        guard let oin = oin(request, vertrouwd: i.vertrouwProxy && i.clientcertHeaders),
              let org = try await Organisatie.query(on: request.db).filter(\.$oin == oin).first() else { return nil }
        return try OrganisatieDTO(org)
    }
}
