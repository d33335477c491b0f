import MeldpuntCore
import MeldpuntDomain
import Vapor

/// RFC 9457 problem details, as the Dutch API Design Rules ask: status, title, detail,
/// and every validation error at once in `invalidParams`.
package struct Problem: Error, Content, Sendable {
    package var type: String
    package var title: String
    package var status: Int
    package var detail: String
    package var instance: String?
    package var invalidParams: [OngeldigeParameter]?

    /// Not part of the body: extra response headers (Allow, WWW-Authenticate).
    package var headers: HTTPHeaders = [:]

    package enum CodingKeys: String, CodingKey {
        case type, title, status, detail, instance, invalidParams
    }

    package init(_ status: HTTPResponseStatus, title: String? = nil, detail: String, invalidParams: [OngeldigeParameter]? = nil, headers: HTTPHeaders = [:]) {
        self.type = "https://meldpunt.example/problemen/\(status.code)"
        self.title = title ?? Problem.titel(status)
        self.status = Int(status.code)
        self.detail = detail
        self.invalidParams = invalidParams
        self.headers = headers
    }

    package static func ongeldig(_ fouten: [OngeldigeParameter], detail: String? = nil) -> Problem {
        Problem(.badRequest, detail: detail ?? (fouten.count == 1
            ? "Eén gegeven is niet in orde: \(fouten[0].reason)"
            : "\(fouten.count) gegevens zijn niet in orde; zie invalidParams."), invalidParams: fouten)
    }

    package static func ongeldig(_ name: String, _ code: String, _ reason: String) -> Problem {
        ongeldig([OngeldigeParameter(api: name, code: code, reason: reason)])
    }

    package static func nietGevonden(_ detail: String = "De gevraagde bron bestaat niet of u heeft er geen toegang toe.") -> Problem {
        Problem(.notFound, detail: detail)
    }

    package static func titel(_ status: HTTPResponseStatus) -> String {
        switch status.code {
        case 400: "Ongeldige invoer"
        case 401: "Niet geauthenticeerd"
        case 403: "Niet toegestaan"
        case 404: "Niet gevonden"
        case 405: "Methode niet toegestaan"
        case 406: "Niet aanvaardbaar"
        case 409: "Conflict"
        case 413: "Verzoek te groot"
        case 415: "Mediatype niet ondersteund"
        case 429: "Te veel verzoeken"
        case 500: "Interne fout"
        case 503: "Dienst niet beschikbaar"
        default: status.reasonPhrase
        }
    }
}

/// Turns every error into problem+json, and never shows internals on a 500.
package enum ProblemMiddleware {
    package static func response(for error: any Error, request: Request) throws -> Response {
        var problem = Self.problem(for: error, request: request)
        problem.instance = request.url.path
        let response = Response(status: HTTPResponseStatus(statusCode: problem.status))
        for (name, value) in problem.headers { response.headers.replaceOrAdd(name: name, value: value) }
        try response.content.encode(problem, as: .json)
        response.headers.contentType = .problemJSON
        return response
    }

    package static func problem(for error: any Error, request: Request) -> Problem {
        switch error {
        case let p as Problem:
            return p
        case let w as Weigering:
            return problem(for: w)
        case let v as ValidatieFouten:
            return .ongeldig(v.fouten)
        case let d as DecodingError:
            return .ongeldig([decodingParameter(d)], detail: "De body is geen geldige JSON van de verwachte vorm.")
        case let abort as any AbortError:
            switch abort.status {
            case .notFound:
                return .nietGevonden()
            case .payloadTooLarge:
                return Problem(.payloadTooLarge, detail: "Het verzoek is te groot. Bijlagen zijn samen hoogstens 20 MiB.")
            case .unsupportedMediaType:
                return Problem(.unsupportedMediaType, detail: "Stuur de body als application/json.")
            case .badRequest:
                // Vapor's own 400s (e.g. malformed JSON) carry a safe reason.
                return .ongeldig([OngeldigeParameter(api: "body", code: "syntax", reason: abort.reason)],
                                 detail: "Het verzoek kon niet worden gelezen.")
            case .tooManyRequests, .serviceUnavailable:
                return Problem(abort.status, detail: abort.status == .tooManyRequests ? abort.reason : "De server is even te druk. Probeer het zo opnieuw.",
                               headers: abort.headers)
            default:
                let status = abort.status
                return Problem(status, detail: status.code < 500 ? abort.reason : "Er ging iets mis aan onze kant.")
            }
        default:
            request.logger.error("Onverwachte fout", metadata: ["fout": .string(Foutbeschrijving.veilig(error))])
            return Problem(.internalServerError, detail: "Er ging iets mis aan onze kant. Probeer het later opnieuw.")
        }
    }

    /// The one mapping from a use case's refusal to HTTP.
    package static func problem(for w: Weigering) -> Problem {
        switch w {
        case .nietGevonden: Problem(.notFound, detail: w.uitleg(.nl))
        case .geenToegang: Problem(.forbidden, detail: w.uitleg(.nl))
        case .conflict: Problem(.conflict, detail: w.uitleg(.nl))
        case .ongeldig(let fouten): .ongeldig(fouten)
        case .tijdelijkBezet: Problem(.serviceUnavailable, detail: w.uitleg(.nl), headers: ["Retry-After": "1"])
        }
    }

    private static func decodingParameter(_ error: DecodingError) -> OngeldigeParameter {
        func pad(_ path: [any CodingKey]) -> String {
            let s = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return s.hasPrefix(".") ? String(s.dropFirst()) : (s.isEmpty ? "body" : s)
        }
        switch error {
        case .typeMismatch(let type, let context):
            return .init(api: pad(context.codingPath), code: "type", reason: "Verkeerd type; verwacht \(typeNaam(type)).")
        case .valueNotFound(let type, let context):
            return .init(api: pad(context.codingPath), code: "required", reason: "Waarde ontbreekt; verwacht \(typeNaam(type)).")
        case .keyNotFound(let key, let context):
            return .init(api: pad(context.codingPath + [key]), code: "required", reason: "Dit veld is verplicht.")
        case .dataCorrupted(let context):
            return .init(api: pad(context.codingPath), code: "syntax",
                         reason: context.codingPath.isEmpty ? "Geen geldige JSON." : context.debugDescription)
        @unknown default:
            return .init(api: "body", code: "syntax", reason: "Geen geldige JSON.")
        }
    }

    private static func typeNaam(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "tekst"
        case is Int.Type, is Double.Type: "getal"
        case is Bool.Type: "true of false"
        default: type is any Collection.Type ? "lijst of object" : "object"
        }
    }
}

extension HTTPMediaType {
    package static let problemJSON = HTTPMediaType(type: "application", subType: "problem+json", parameters: ["charset": "utf-8"])
}
