import MeldpuntHTTP
import Vapor

/// Requests with a body must send JSON (415 otherwise).
struct JSONBodyMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // A POST without any body (e.g. asking for a new status link) has no type to check.
        let zonderBody = request.headers.contentType == nil && (request.headers.first(name: .contentLength) ?? "0") == "0"
            && request.headers.first(name: .transferEncoding) == nil
        if [.POST, .PUT, .PATCH].contains(request.method) && !(request.method == .POST && zonderBody) {
            guard let type = request.headers.contentType, type.type == "application",
                  type.subType == "json" || type.subType.hasSuffix("+json")
            else {
                throw Problem(.unsupportedMediaType, detail: "Stuur de body als application/json.")
            }
        }
        return try await next.respond(to: request)
    }
}

/// Lets browsers and other origins read the public OpenAPI document.
struct OpenCORSMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: .accessControlAllowOrigin, value: "*")
        return response
    }
}
