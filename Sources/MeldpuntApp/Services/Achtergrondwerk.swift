import AsyncHTTPClient
import Foundation
import MeldpuntBezorging
import MeldpuntCore
import MeldpuntHTTP
import NIOSSL
import SQLKit
import Vapor

extension Application {
    var bezorging: Bezorging {
        var b = Bezorging(db: db, bezorgers: bezorgers, sleutel: geheimen.abonnementen)
        b.basisSeconden = Double(instellingen.herhaalBasis)
        return b
    }

    var planner: Planner {
        var p = Planner(db: db, berichten: berichtgeving, kalender: kalender)
        p.zorgnormen = instellingen.zorgnormen
        return p
    }

    /// Builds the transports from the settings, once at start.
    func maakBezorgers() throws -> any Bezorgers {
        let i = instellingen
        let mailweg: Netwerkbezorgers.Mailweg
        let domein = URLComponents(string: i.publiekeUrl)?.host ?? "localhost"
        switch i.mail {
        case .smtp(let s):
            var tls = TLSConfiguration.makeClientConfiguration()
            if let ca = i.smtpCA { tls.trustRoots = .file(ca) }
            let beveiliging: SMTPClient.Beveiliging = switch s.beveiliging { case .geen: .geen; case .starttls: .starttls; case .tls: .tls }
            mailweg = .smtp(SMTPClient(host: s.host, poort: s.poort, beveiliging: beveiliging, gebruiker: s.gebruiker, wachtwoord: s.wachtwoord,
                                       helo: domein, tls: tls, group: eventLoopGroup))
        case .map(let pad):
            mailweg = .map(pad.hasPrefix("/") ? pad : directory.workingDirectory + pad)
        }
        let client = Netwerkbezorgers.webhookClient(eventLoopGroup)
        lifecycle.use(ClientStop(client: client))
        return Netwerkbezorgers(mailweg: mailweg, van: i.mailVan, domein: domein, http: client, alleenPubliek: !i.privateCallbacks)
    }
}

extension Application {
    /// The BRP client when MELDPUNT_BRP_URL is set; it closes with the application.
    func maakBRP() throws -> (any BRPBevrager)? {
        guard let b = instellingen.brp else { return nil }
        var tls = TLSConfiguration.makeClientConfiguration()
        if let ca = b.ca { tls.trustRoots = .file(ca) }
        if let cert = b.certificaat, let sleutel = b.sleutel {
            tls.certificateChain = try NIOSSLCertificate.fromPEMFile(cert).map { .certificate($0) }
            tls.privateKey = .file(sleutel)
        }
        let client = HaalCentraalBRP.client(eventLoopGroup, tls: tls)
        lifecycle.use(ClientStop(client: client))
        return HaalCentraalBRP(basis: b.url, apiSleutel: b.apiSleutel, http: client, logger: logger)
    }
}

extension Application {
    /// The export of the processing log, when MELDPUNT_OTLP_ENDPOINT is set.
    func maakLogboekexport() throws -> Logboekexport? {
        guard let url = instellingen.otlpTraces else { return nil }
        let client = HTTPClient(eventLoopGroupProvider: .shared(eventLoopGroup), configuration: .init(timeout: .init(connect: .seconds(5), read: .seconds(10))))
        lifecycle.use(ClientStop(client: client))
        return Logboekexport(db: db, ontvanger: OTLPLogboek(url: url, http: client, dienstversie: ApiConventiesMiddleware.apiVersie),
                             publiekeUrl: instellingen.publiekeUrl)
    }
}

/// The webhook client closes with the application.
private struct ClientStop: LifecycleHandler {
    let client: HTTPClient
    func shutdownAsync(_ application: Application) async {
        try? await client.shutdown()
    }
}

/// The delivery worker, the scheduler and the detector of structural errors, started with the
/// server. Every instance delivers (rows are claimed, never shared); only the lease holder runs
/// the scheduler, and only the holder of another lease the detector.
enum Achtergrondwerk {
    /// Two loops, so a long planner round (a backlog of reminders) never holds up delivery.
    static func start(_ app: Application) {
        let houder = UUID().uuidString
        let bezorgen = Task {
            while !Task.isCancelled {
                var gedaan = 0
                do {
                    gedaan = try await Termijn.binnen(.seconds(120)) { try await app.bezorging.ronde(nu: app.klok.nu()) }
                } catch {
                    app.logger.warning("Bezorging mislukt: \(Foutbeschrijving.veilig(error))")
                }
                // A full round may have left more; an empty one waits a second.
                if gedaan == 0 { try? await Task.sleep(for: .seconds(1)) }
            }
        }
        let plannen = Task {
            while !Task.isCancelled {
                let volgende = Date().addingTimeInterval(60)
                do {
                    // The round's reminders carry the contact details as beheer last set them (read
                    // before the planner is made); a failed read keeps the last ones.
                    do { try await app.contactbron.vernieuw(app.db) } catch {
                        app.logger.warning("Contactgegevens niet gelezen: \(Foutbeschrijving.veilig(error))")
                    }
                    let planner = app.planner
                    if try await planner.neemLease("planner", houder: houder, duur: 180, nu: app.klok.nu()) {
                        // Within the lease, so no other instance takes over while this round runs.
                        let r = try await Termijn.binnen(.seconds(150)) { try await planner.ronde(nu: app.klok.nu()) }
                        if r.herinneringen + r.samenvattingen > 0 {
                            app.logger.info("Planner", metadata: ["herinneringen": "\(r.herinneringen)", "samenvattingen": "\(r.samenvattingen)"])
                        }
                        // Retention once a day, under the same lease: one instance at a time.
                        let spoor = Spoor()
                        if let b = try await Termijn.binnen(.seconds(150), { try await spoor.metSpoor { try await app.bewaring(traceID: spoor.traceID).dagelijks() } }) {
                            app.ruimMailmapOp()
                            if !b.leeg {
                                app.logger.info("Bewaartermijnen", metadata: ["meldingen": "\(b.meldingen.count)", "terugmeldingen": "\(b.terugmeldingen.count)",
                                                                             "verwerkingslog": "\(b.verwerkingslogregels)", "audit": "\(b.auditregels)"])
                            }
                        }
                    }
                } catch {
                    app.logger.warning("Planner mislukt: \(Foutbeschrijving.veilig(error))")
                }
                try? await Task.sleep(for: .seconds(max(1, volgende.timeIntervalSinceNow)))
            }
        }
        // The detector of structural errors: new and re-analysed cases within seconds of arrival,
        // on one instance at a time (a round's matching must see the previous round's groups).
        let patronen = Task {
            while !Task.isCancelled {
                var gedaan = 0
                do {
                    if try await Taaklease.neem("patronen", houder: houder, duur: 60, nu: app.klok.nu(), on: app.db) {
                        gedaan = try await Termijn.binnen(.seconds(50)) { try await Patroonherkenning(db: app.db).ronde(nu: app.klok.nu()) }
                    }
                } catch {
                    app.logger.warning("Patroonherkenning mislukt: \(Foutbeschrijving.veilig(error))")
                }
                if gedaan == 0 { try? await Task.sleep(for: .seconds(2)) }
            }
        }
        var taken = [bezorgen, plannen, patronen]
        if let logboek = try? app.maakLogboekexport() { taken.append(logboekTaak(app, logboek, houder: houder)) }
        app.lifecycle.use(Stop(taken: taken))
    }

    /// Processing records to the collector, on one instance at a time (the lease), oldest first.
    /// A collector that is down is tried again after a growing wait (up to a minute); nothing is
    /// lost meanwhile, the rows wait.
    static func logboekTaak(_ app: Application, _ export: Logboekexport, houder: String) -> Task<Void, Never> {
        Task {
            var wacht = 2.0
            while !Task.isCancelled {
                var gedaan = 0
                do {
                    if try await Taaklease.neem("logboek", houder: houder, duur: 60, nu: app.klok.nu(), on: app.db) {
                        gedaan = try await Termijn.binnen(.seconds(50)) { try await export.ronde(nu: app.klok.nu()) }
                    }
                    wacht = 2
                } catch {
                    if wacht == 2 { app.logger.warning("Logboek Dataverwerkingen: export mislukt, later opnieuw: \(Foutbeschrijving.veilig(error))") }
                    wacht = min(60, wacht * 2)
                }
                if gedaan < export.batch { try? await Task.sleep(for: .seconds(wacht)) }
            }
        }
    }

    private struct Stop: LifecycleHandler {
        let taken: [Task<Void, Never>]
        func shutdownAsync(_ application: Application) async { await Achtergrondtaken.stop(taken) }
    }
}

/// SQLite: moves the WAL into the database file once a second, beside the writer rather than
/// inside one of its commits. PASSIVE never waits for a reader or a writer; what it could not
/// copy goes next time. Only the writer's connection has automatic checkpoints off, so the WAL
/// stays bounded also when this task does not run (commands, tests).
enum WALCheckpoints {
    static func start(_ app: Application) {
        let taak = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                do {
                    _ = try await Termijn.binnen(.seconds(30)) { try await (app.db as! any SQLDatabase).raw("PRAGMA wal_checkpoint(PASSIVE)").all().count }
                } catch {
                    app.logger.warning("WAL-checkpoint mislukt: \(Foutbeschrijving.veilig(error))")
                }
            }
        }
        app.lifecycle.use(Stop(taak: taak))
    }

    private struct Stop: LifecycleHandler {
        let taak: Task<Void, Never>
        func shutdownAsync(_ application: Application) async { await Achtergrondtaken.stop([taak]) }
    }
}

/// Stopping background work on shutdown: cancel, then wait until each task has left its round.
/// Lifecycle handlers run before the databases close, so a round that was halfway (a connection
/// being opened, a transaction) finishes against an open pool instead of meeting a closed one.
enum Achtergrondtaken {
    static func stop(_ taken: [Task<Void, Never>]) async {
        for taak in taken { taak.cancel() }
        for taak in taken { await taak.value }
    }
}

extension Application {
    /// Without SMTP mail is written to a folder (development): those copies hold names and
    /// addresses too, and go after the outbox's period.
    func ruimMailmapOp() {
        guard case .map(let pad) = instellingen.mail else { return }
        let map = pad.hasPrefix("/") ? pad : directory.workingDirectory + pad
        let grens = klok.nu().addingTimeInterval(-Double(instellingen.bewaartermijnen.berichten) * 86_400)
        Mailmap.ruimOp(map, ouderDan: grens)
    }
}

enum Mailmap {
    /// Removes the .eml files last changed before `grens`; returns how many.
    @discardableResult
    static func ruimOp(_ map: String, ouderDan grens: Date) -> Int {
        let fm = FileManager.default
        guard let namen = try? fm.contentsOfDirectory(atPath: map) else { return 0 }
        var weg = 0
        for naam in namen where naam.hasSuffix(".eml") {
            let pad = (map as NSString).appendingPathComponent(naam)
            guard let gewijzigd = (try? fm.attributesOfItem(atPath: pad))?[.modificationDate] as? Date, gewijzigd < grens else { continue }
            if (try? fm.removeItem(atPath: pad)) != nil { weg += 1 }
        }
        return weg
    }
}
