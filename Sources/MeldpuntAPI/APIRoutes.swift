import MeldpuntHTTP
import Vapor

/// The JSON API under /api/v1: the open reference data and document, the rest behind an API key.
package func registreerAPI(_ app: Application) throws {
    let api = app.grouped("api", "v1")
    api.grouped(OpenCORSMiddleware()).get("openapi.json") { req async throws -> Response in
        let response = Response(status: .ok, body: .init(data: OpenAPIDocument.json))
        response.headers.contentType = .json
        return response
    }
    try api.register(collection: ReferentieController())
    api.get("cijfers", "openbaar", use: CijfersController.openbaar)
    let metSleutel = api.grouped(ApiSleutelMiddleware(), JSONBodyMiddleware(), UploadBudgetMiddleware())
    try metSleutel.register(collection: TerugmeldingenController())
    try metSleutel.register(collection: MeldingenController())
    try metSleutel.register(collection: MeldingVerzoekenController())
    try metSleutel.register(collection: VerzoekenController())
    try metSleutel.register(collection: AbonnementenController())
    try metSleutel.register(collection: SignalenController())
    try metSleutel.register(collection: AdviezenController())
    try metSleutel.register(collection: OverleggenController())
    try metSleutel.register(collection: BrievenController())
    try metSleutel.register(collection: IngediendeMeldingenController())
    try metSleutel.register(collection: MeldingimportenController())
    try metSleutel.register(collection: StandaardtekstenController())
    try metSleutel.register(collection: CijfersController())
    try metSleutel.register(collection: EvaluatiesController())
    // The Logius draft's path, beside the API, with the same key and body rules.
    try app.grouped(ApiSleutelMiddleware(), JSONBodyMiddleware(), UploadBudgetMiddleware()).register(collection: LogiusController())
    // Digimelding's SOAP door, beside the API: authenticates itself and answers faults as SOAP.
    try app.register(collection: DMKSController())
}
