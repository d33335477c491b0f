import MeldpuntAPI
import MeldpuntWeb
import MeldpuntHTTP
import MeldpuntCore
import Fluent
import MeldpuntDomain
import SQLKit
import Vapor

func routes(_ app: Application) throws {
    app.get("health") { req async throws -> Response in
        do {
            _ = try await (req.db as! any SQLDatabase).raw("SELECT 1").all()
            return try await ["status": "ok"].encodeResponse(for: req)
        } catch {
            req.logger.error("health: database antwoordt niet: \(Foutbeschrijving.veilig(error))")
            throw Problem(.serviceUnavailable, detail: "De database antwoordt niet.")
        }
    }

    // One budget for the bodies of pages and API alike.
    app.uploadBudget = UploadBudget(limiet: app.instellingen.uploadBufferBytes)
    try registreerAPI(app)
    try registreerWeb(app)
}
