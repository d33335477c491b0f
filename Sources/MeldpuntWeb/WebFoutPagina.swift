import MeldpuntHTTP
import MeldpuntCore
import MeldpuntDomain
import Vapor

/// Errors on pages become pages: login redirect, 403, 404 or 500, in the user's language.
enum WebFoutPagina {
    struct Tekst: Encodable, Sendable { let tekst: String }

    static func response(for error: any Error, request: Request) async -> Response {
        // No route matched: WebMiddleware did not run, so read the language and token here.
        if request.csrfToken.isEmpty {
            request.taal = request.cookie(.taal).flatMap(Taal.init(rawValue:)) ?? .nl
            WebMiddleware.zetCsrfToken(request, sessie: request.cookie(.sessie).map { $0.count < 100 } ?? false)
        }
        let t = Teksten.voor(request.taal)
        let status: HTTPResponseStatus
        let tekst: String
        var headers: HTTPHeaders = [:]
        switch error {
        case WebFout.nietIngelogd:
            let terug = request.url.path.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(.init(charactersIn: "&=?"))) ?? "/"
            return request.redirect(to: "/inloggen?terug=\(terug)", redirectType: .normal)
        case WebFout.geenToegang:
            (status, tekst) = (.forbidden, t.tekst("geenToegang"))
        case WebFout.ongeldigFormulier:
            (status, tekst) = (.forbidden, t.tekst("ongeldigFormulier"))
        case is RouteNotFound:
            (status, tekst) = (.notFound, t.tekst("paginaNietGevonden"))
        case let w as Weigering:
            (status, tekst) = switch w {
            case .nietGevonden: (.notFound, t.tekst("paginaNietGevonden"))
            case .geenToegang: (.forbidden, w.uitleg(request.taal))
            case .conflict: (.conflict, w.uitleg(request.taal))
            case .ongeldig: (.badRequest, w.uitleg(request.taal))
            case .tijdelijkBezet: (.serviceUnavailable, t.tekst("teDruk"))
            }
        case let p as Problem where p.status < 500:
            (status, tekst) = (HTTPResponseStatus(statusCode: p.status), p.status == 404 ? t.tekst("paginaNietGevonden") : p.detail)
        case let a as any AbortError where [.payloadTooLarge, .tooManyRequests, .serviceUnavailable].contains(a.status):
            (status, tekst, headers) = (a.status, a.status == .payloadTooLarge ? t.tekst("teGroot") : t.tekst("teDruk"), a.headers)
        case let a as any AbortError where a.status.code < 500:
            // Framework messages are English and technical: people get a plain one.
            (status, tekst) = (a.status, a.status == .notFound ? t.tekst("paginaNietGevonden") : t.tekst("ongeldigFormulier"))
        case is DecodingError:
            (status, tekst) = (.badRequest, t.tekst("ongeldigFormulier"))
        default:
            request.logger.error("Onverwachte fout", metadata: ["fout": .string(Foutbeschrijving.veilig(error))])
            (status, tekst) = (.internalServerError, t.tekst("foutTitel"))
        }
        do {
            let r = try await request.pagina("fout", titel: "foutTitel", inhoud: Tekst(tekst: tekst), status: status)
            r.headers.replaceOrAdd(name: .contentSecurityPolicy, value: WebMiddleware.csp)
            for (naam, waarde) in headers { r.headers.replaceOrAdd(name: naam, value: waarde) }
            return r
        } catch {
            let r = Response(status: status, body: .init(string: tekst))
            r.headers.contentType = .plainText
            return r
        }
    }
}

extension Weigering {
    /// Invalid input or a state conflict: shown next to the form, not as an error page.
    var hoortBijFormulier: Bool {
        switch self {
        case .ongeldig, .conflict: true
        case .nietGevonden, .geenToegang, .tijdelijkBezet: false
        }
    }

    var isNietGevonden: Bool {
        if case .nietGevonden = self { true } else { false }
    }
}
