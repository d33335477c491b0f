import MeldpuntAPI
import MeldpuntWeb
import MeldpuntHTTP
import MeldpuntCore
import Fluent
import Foundation
import Vapor

/// Housekeeping: expired sessions, old drafts, old failed-login rows, used single-use keys,
/// attachment bytes nothing refers to, delivered messages after a month, and the keys of sent
/// reminders once their deadline is long past. Every step is an idempotent delete by age, so several
/// instances may run it at the same moment without coordination.
enum Huishouding {
    struct Resultaat: Sendable, Equatable {
        var sessies = 0
        var concepten = 0
        var meldconcepten = 0
        var inlogpogingen = 0
        var eenmaligeSleutels = 0
        var bijlagen = 0
        var berichten = 0
        var herinneringen = 0
    }

    static let conceptBewaartermijn: TimeInterval = 30 * 24 * 3600
    static let eenmaligBewaartermijn: TimeInterval = 24 * 3600
    static let inlogpogingBewaartermijn: TimeInterval = 24 * 3600
    /// Delivered mail and events stay a month for beheer to look back on; failed ones until resent.
    static let berichtBewaartermijn: TimeInterval = 30 * 24 * 3600
    /// A reminder's key outlives the 30 days the scheduler looks back.
    static let herinneringBewaartermijn: TimeInterval = 90 * 24 * 3600

    static func ruimOp(nu: Date, on db: any Database) async throws -> Resultaat {
        var r = Resultaat()
        let sessies = Sessie.query(on: db).group(.or) {
            $0.filter(\.$laatstGezienOp < nu.addingTimeInterval(-Gebruikers.sessieInactief))
                .filter(\.$aangemaaktOp < nu.addingTimeInterval(-Gebruikers.sessieMaximaal))
        }
        r.sessies = try await sessies.count()
        try await sessies.delete()
        let concepten = Concept.query(on: db).filter(\.$bijgewerktOp < nu.addingTimeInterval(-conceptBewaartermijn))
        r.concepten = try await concepten.count()
        try await concepten.delete()
        r.meldconcepten = try await Meldconcepten.ruimOp(nu: nu, on: db)
        let pogingen = MisluktePoging.query(on: db).filter(\.$tijdstip < nu.addingTimeInterval(-inlogpogingBewaartermijn))
        r.inlogpogingen = try await pogingen.count()
        try await pogingen.delete()
        let sleutels = EenmaligeSleutel.query(on: db).filter(\.$aangemaaktOp < nu.addingTimeInterval(-eenmaligBewaartermijn))
        r.eenmaligeSleutels = try await sleutels.count()
        try await sleutels.delete()
        r.bijlagen = try await BijlageOpslag.ruimOnverwezenOp(nu: nu, on: db)
        let berichten = UitgaandBericht.query(on: db).filter(\.$status ~~ [.verzonden, .samengevat])
            .filter(\.$aangemaaktOp < nu.addingTimeInterval(-berichtBewaartermijn))
        r.berichten = try await berichten.count()
        try await berichten.delete()
        let herinneringen = VerstuurdeHerinnering.query(on: db).filter(\.$verstuurdOp < nu.addingTimeInterval(-herinneringBewaartermijn))
        r.herinneringen = try await herinneringen.count()
        try await herinneringen.delete()
        return r
    }

    /// Every ten minutes while the server runs; a failed round is logged and tried again next time.
    static func planIn(_ app: Application, elke interval: Duration = .seconds(600)) {
        let taak = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard !Task.isCancelled else { break }
                do {
                    let r = try await Termijn.binnen(.seconds(300)) { try await ruimOp(nu: app.klok.nu(), on: app.db) }
                    app.logger.info("Huishouding", metadata: ["sessies": "\(r.sessies)", "concepten": "\(r.concepten)", "meldconcepten": "\(r.meldconcepten)", "inlogpogingen": "\(r.inlogpogingen)",
                                                             "eenmalig": "\(r.eenmaligeSleutels)", "bijlagen": "\(r.bijlagen)",
                                                             "berichten": "\(r.berichten)", "herinneringen": "\(r.herinneringen)"])
                } catch {
                    app.logger.warning("Huishouding mislukt: \(Foutbeschrijving.veilig(error))")
                }
            }
        }
        app.lifecycle.use(HuishoudingStop(taak: taak))
    }

    private struct HuishoudingStop: LifecycleHandler {
        let taak: Task<Void, Never>
        func shutdownAsync(_ application: Application) async { await Achtergrondtaken.stop([taak]) }
    }
}
