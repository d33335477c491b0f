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
            req.logger.error("health: database antwoordt niet: \(String(reflecting: error))")
            throw Problem(.serviceUnavailable, detail: "De database antwoordt niet.")
        }
    }

    let api = app.grouped("api", "v1")
    api.grouped(OpenCORSMiddleware()).get("openapi.json") { req async throws -> Response in
        let response = Response(status: .ok, body: .init(data: OpenAPIDocument.json))
        response.headers.contentType = .json
        return response
    }
    try api.register(collection: ReferentieController())
    let metSleutel = api.grouped(ApiSleutelMiddleware(), JSONBodyMiddleware())
    try metSleutel.register(collection: TerugmeldingenController())
    try metSleutel.register(collection: MeldingenController())
    try metSleutel.register(collection: MeldingVerzoekenController())
    try metSleutel.register(collection: VerzoekenController())

    let web = app.grouped(WebMiddleware())
    try web.register(collection: AccountController())
    try web.register(collection: InlogstappenController())
    try web.register(collection: MijnAccountController())
    try web.register(collection: TerugmeldingenWebController())
    try web.register(collection: NieuweTerugmeldingController())
    try web.register(collection: BronhouderController())
    try web.register(collection: BeheerController())
    try web.register(collection: StatuspaginaController())
    try web.register(collection: MeldenController())
    try web.register(collection: MeldingenWebController())
    try web.register(collection: CoordinatieWebController())
    try web.register(collection: PartnersWebController())
}

extension Registratie: Content {}
