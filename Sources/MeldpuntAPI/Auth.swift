import MeldpuntHTTP
import MeldpuntCore
import MeldpuntDomain
import Vapor

/// API calls authenticate with `Authorization: Bearer <key>`; the key names the organisation.
struct ApiSleutelMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let bearer = request.headers.bearerAuthorization else {
            throw Problem(.unauthorized, detail: "Stuur uw API-sleutel mee: Authorization: Bearer <sleutel>.",
                          headers: ["WWW-Authenticate": #"Bearer realm="meldpunt""#])
        }
        guard let org = try await Organisaties.metApiSleutel(bearer.token, on: request.db, cache: request.application.sleutelcache) else {
            request.logger.notice("API-sleutel geweigerd", metadata: ["trace": .string(request.traceID)])
            throw Problem(.unauthorized, detail: "Deze API-sleutel is onbekend of ingetrokken.",
                          headers: ["WWW-Authenticate": #"Bearer realm="meldpunt", error="invalid_token""#])
        }
        request.organisatie = org
        request.logger[metadataKey: "organisatie"] = .string(org.id.uuidString)
        return try await next.respond(to: request)
    }
}

extension Request {
    private struct OrganisatieKey: StorageKey { typealias Value = OrganisatieDTO }

    var organisatie: OrganisatieDTO? {
        get { storage[OrganisatieKey.self] }
        set { storage[OrganisatieKey.self] = newValue }
    }

    /// The authenticated organisation; only called behind ApiSleutelMiddleware.
    func vereisOrganisatie() throws -> OrganisatieDTO {
        guard let organisatie else { throw Problem(.unauthorized, detail: "Niet aangemeld.") }
        return organisatie
    }

    /// The calling organisation, if it has one of these roles: access is decided before the
    /// body is read.
    func vereisOrganisatie(_ rollen: Organisatierol...) throws -> OrganisatieDTO { try vereisOrganisatie(rollen) }

    func vereisOrganisatie(_ rollen: [Organisatierol]) throws -> OrganisatieDTO {
        let org = try vereisOrganisatie()
        guard rollen.contains(where: org.heeft) else {
            throw Problem(.forbidden, detail: "Uw organisatie heeft hiervoor niet de juiste rol (\(rollen.map(\.rawValue).joined(separator: " of "))).")
        }
        return org
    }
}

/// A create's single-use key, with the fingerprint of the body it came with.

extension Request {
    /// The `Idempotency-Key` of a create, scoped to the calling organisation and hashed: the same
    /// key from another organisation is another key. 1 to 255 visible ASCII characters.
    func idempotentie(_ org: OrganisatieDTO, soort: String) throws -> Idempotentie? {
        guard let sleutel = try idempotentieSleutel(org) else { return nil }
        return Idempotentie(sleutel: soort + ":" + sleutel, vingerafdruk: Sleutels.sha256Hex(body.data.map { Data(buffer: $0) } ?? Data()))
    }

    func idempotentieSleutel(_ org: OrganisatieDTO) throws -> String? {
        guard let waarde = headers.first(name: "Idempotency-Key") else { return nil }
        guard (1...255).contains(waarde.utf8.count), waarde.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
            throw Problem.ongeldig([OngeldigeParameter(api: "Idempotency-Key", code: "idempotencyKey",
                                                       reason: "Een Idempotency-Key is 1 tot 255 zichtbare ASCII-tekens, zoals een UUID.")])
        }
        return Sleutels.sha256Hex(Data((org.id.uuidString + ":" + waarde).utf8))
    }
}
