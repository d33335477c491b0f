import Foundation
import Vapor

/// Static files only under the folders that exist in Public/ (read once at start): every other
/// path goes straight to the routes without touching the disk.
package struct StatischeBestandenMiddleware: AsyncMiddleware {
    let bestanden: FileMiddleware
    let voorvoegsels: [String]

    package init(map: String) {
        bestanden = FileMiddleware(publicDirectory: map)
        let namen = (try? FileManager.default.contentsOfDirectory(atPath: map)) ?? []
        voorvoegsels = namen.filter { !$0.hasPrefix(".") }.map { n in
            var isMap: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: (map as NSString).appendingPathComponent(n), isDirectory: &isMap)
            return "/" + n + (isMap.boolValue ? "/" : "")
        }
    }

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let pad = request.url.path
        guard voorvoegsels.contains(where: { $0.hasSuffix("/") ? pad.hasPrefix($0) : pad == $0 }) else {
            return try await next.respond(to: request)
        }
        return try await bestanden.respond(to: request, chainingTo: next)
    }
}
