import MeldpuntHTTP
import Vapor

/// The pages, all behind the web middleware (sessions, CSRF, language, headers).
package func registreerWeb(_ app: Application) throws {
    let web = app.grouped(WebMiddleware())
    try web.register(collection: AccountController())
    try web.register(collection: PrivacyController())
    try web.register(collection: StartpaginaController())
    try web.register(collection: InlogstappenController())
    try web.register(collection: MijnAccountController())
    try web.register(collection: TerugmeldingenWebController())
    try web.register(collection: NieuweTerugmeldingController())
    try web.register(collection: BronhouderController())
    try web.register(collection: BeheerController())
    try web.register(collection: StatuspaginaController())
    try web.register(collection: MeldenController())
    try web.register(collection: MeldingenWebController())
    try web.register(collection: GevolgenWebController())
    try web.register(collection: CoordinatieWebController())
    try web.register(collection: PartnersWebController())
    try web.register(collection: SignalenWebController())
    try web.register(collection: AdviezenWebController())
    try web.register(collection: OverleggenWebController())
    try web.register(collection: IntakeWebController())
    try web.register(collection: BrievenWebController())
    try web.register(collection: ClientenWebController())
    try web.register(collection: StandaardtekstenWebController())
    try web.register(collection: TeamsWebController())
    try web.register(collection: ContactgegevensWebController())
    try web.register(collection: CijfersWebController())
    try web.register(collection: EvaluatiesWebController())
}

/// An error outside the API as a page, in the reader's language.
package func foutpagina(_ error: any Error, _ request: Request) async -> Response {
    await WebFoutPagina.response(for: error, request: request)
}
