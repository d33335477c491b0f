import MeldpuntCore
import Vapor

extension Response {
    /// An attachment as a download: its own type, never rendered inline by the browser.
    package static func download(_ b: Bijlage, _ data: Data) -> Response {
        download(b.bestandsnaam, b.mimeType, data)
    }

    /// File names come from uploaders: everything but ASCII letters, digits and `.-_` is
    /// percent-encoded (RFC 8187), so nothing in a name can reach the header as itself.
    package static func contentDisposition(_ bestandsnaam: String) -> String {
        let toegestaan = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")
        let veilig = String(bestandsnaam.prefix(255)).addingPercentEncoding(withAllowedCharacters: toegestaan) ?? ""
        return "attachment; filename*=UTF-8''\(veilig.isEmpty ? "bijlage" : veilig)"
    }

    package static func download(_ bestandsnaam: String, _ mimeType: String, _ data: Data) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        let delen = mimeType.split(separator: "/")
        response.headers.contentType = HTTPMediaType(type: String(delen[0]), subType: String(delen[1]))
        response.headers.replaceOrAdd(name: .contentDisposition, value: contentDisposition(bestandsnaam))
        return response
    }
}
