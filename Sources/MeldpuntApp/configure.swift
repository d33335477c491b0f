import MeldpuntAPI
import MeldpuntWeb
import MeldpuntHTTP
import MeldpuntCore
import MeldpuntBezorging
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import MeldpuntDomain
import SQLKit
import Vapor

extension DatabaseID {
    /// The connection of the group-commit writer (`Schrijver`), apart from the request pool.
    static let schrijver = DatabaseID(string: "schrijver")
}

/// Where the data lives, from MELDPUNT_DATABASE_URL:
/// `sqlite:///absolute/path.sqlite` or `postgres://user:pass@host:port/db`.
enum DatabaseKeuze: Equatable, Sendable {
    case sqlite(path: String)
    case postgres(url: String, schema: String? = nil)

    static let standaardPad = "data/meldpunt.sqlite"

    static func uit(_ url: String?, werkmap: String) throws -> DatabaseKeuze {
        guard let url, !url.isEmpty else {
            return .sqlite(path: werkmap + standaardPad)
        }
        if url.hasPrefix("sqlite://") {
            let pad = String(url.dropFirst("sqlite://".count))
            guard pad.hasPrefix("/") else {
                throw MeldpuntConfigFout("MELDPUNT_DATABASE_URL: gebruik een absoluut pad, zoals sqlite:///var/lib/meldpunt/meldpunt.sqlite")
            }
            return .sqlite(path: pad)
        }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            return .postgres(url: url)
        }
        throw MeldpuntConfigFout("MELDPUNT_DATABASE_URL moet beginnen met sqlite:// of postgres://")
    }
}


/// Wires the application: database, migrations, reference data, middleware, routes, commands.
public func configure(_ app: Application) async throws {
    let keuze = try DatabaseKeuze.uit(Environment.get("MELDPUNT_DATABASE_URL"), werkmap: app.directory.workingDirectory)
    try await configure(app, database: keuze)
}

/// `omgeving`: the environment variables, read once here (tests pass their own).
func configure(_ app: Application, database keuze: DatabaseKeuze, omgeving: [String: String] = ProcessInfo.processInfo.environment) async throws {
    let instellingen = try Instellingen.uit(omgeving, productie: app.environment == .production,
                                            ontwikkeling: app.environment == .development || app.environment == .testing)
    app.instellingen = instellingen
    app.http.server.configuration.hostname = instellingen.host
    app.http.server.configuration.port = instellingen.poort
    // A connection that sends and receives nothing for this long is closed (one opened and left
    // silent holds a descriptor for ever); longer than a request's deadline, so never mid-answer.
    app.http.server.configuration.idleTimeout = .seconds(Int64(instellingen.httpTermijn) + 30)
    // Vapor's own 413 for large bodies is turned into problem+json by ProblemMiddleware.
    app.routes.defaultMaxBodySize = "1mb"

    switch keuze {
    case .sqlite(let path):
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // The driver opens one connection per event loop; a thread pool larger than the cores lets
        // a read run while another connection waits for the disk.
        app.threadPool = NIOThreadPool(numberOfThreads: 8)
        // Writers queue for SQLite's one write lock: under a burst a request may wait its turn.
        app.databases.use(.sqlite(.file(path), connectionPoolTimeout: .seconds(60), sqlLogLevel: .debug), as: .sqlite)
        // The group-commit writer's own connections: a batch being committed never holds up a read.
        app.databases.use(.sqlite(.file(path), connectionPoolTimeout: .seconds(60), sqlLogLevel: .debug), as: .schrijver, isDefault: false)
    case .postgres(let url, let schema):
        var config = try SQLPostgresConfiguration(url: url)
        if let schema { config.searchPath = [schema] }
        app.databases.use(.postgres(configuration: config, maxConnectionsPerEventLoop: 4, connectionPoolTimeout: .seconds(30), sqlLogLevel: .debug), as: .psql)
        app.databases.use(.postgres(configuration: config, maxConnectionsPerEventLoop: 2, connectionPoolTimeout: .seconds(30), sqlLogLevel: .debug),
                          as: .schrijver, isDefault: false)
        if let schema {
            _ = try await (app.db as! any SQLDatabase).raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").all()
        }
    }
    if case .sqlite = keuze {
        // WAL: readers never wait for the writer. Persistent in the file, so once is enough.
        _ = try await (app.db as! any SQLDatabase).raw("PRAGMA journal_mode=WAL").all()
        try await stelSQLiteVerbindingenIn(app)
    }

    app.migrations.add(Migraties.alle)
    try await app.autoMigrate()

    app.referentiedata = .gebundeld
    try await ReferentiedataLader.laad(app.referentiedata, on: app.db)
    let productie = app.environment == .production
    app.geheimen = try await Geheimen.laad(omgeving: omgeving, productie: productie, db: app.db, logger: app.logger)
    if productie {
        // Demo keys and users of a database that once ran in development never open anything here.
        try await DemoSeed.schakelUit(app)
    }

    app.middleware = .init()
    // Outermost, so the count covers error handling too; the database closes only after it drains.
    app.lopendeVerzoeken = LopendeVerzoeken()
    app.middleware.use(LopendeVerzoekenMiddleware(lopend: app.lopendeVerzoeken))
    // SQLite: one lane (one write lock). PostgreSQL: four lanes over the writer's four connections.
    let schrijver: Schrijver
    switch keuze {
    case .sqlite: schrijver = Schrijver(db: app.db(.schrijver))
    case .postgres:
        let loops = Array(app.eventLoopGroup.makeIterator())
        schrijver = Schrijver(banen: (0..<4).map { app.databases.database(.schrijver, logger: app.logger, on: loops[$0 % loops.count])! })
    }
    app.schrijver = schrijver
    app.sleutelcache = Sleutelcache()
    app.organisatiecache = Organisatiecache()
    // Registered first, so it stops last: after the requests drained, before the database closes.
    app.lifecycle.use(SchrijverStoppen(schrijver: schrijver))
    app.lifecycle.use(Afronden(lopend: app.lopendeVerzoeken, maximaal: .seconds(30)))
    // The request's trace context (Logboek Dataverwerkingen) reaches the handler also where
    // Vapor continues on an event loop (a body read, a future-based middleware).
    app.traceAutoPropagation = true
    app.middleware.use(ApiConventiesMiddleware(routes: app.routes, foutpagina: foutpagina))
    // A deadline for every request and a bounded query string, inside the error mapping.
    app.middleware.use(VerzoekgrenzenMiddleware(termijn: instellingen.httpTermijn))
    // Per-address limits on the anonymous doors, before any body is read.
    app.snelheidsbegrenzer = Snelheidsbegrenzer(aan: instellingen.snelheidslimieten, perMinuut: instellingen.limietPerMinuut)
    app.middleware.use(SnelheidsbegrenzingMiddleware(begrenzer: app.snelheidsbegrenzer, vertrouwProxy: instellingen.vertrouwProxy))
    app.middleware.use(StatischeBestandenMiddleware(map: app.directory.publicDirectory))
    app.contactbron = Contactbron(standaard: instellingen.contact)
    try await app.contactbron.vernieuw(app.db)
    app.middleware.use(ContactbronMiddleware())
    app.views.use(.leaf)
    // bcrypt at its default cost; tests use the cheapest cost so the suite stays fast.
    app.passwords.use(app.environment == .testing ? .bcrypt(cost: 4) : .bcrypt)
    app.bezorgers = try app.maakBezorgers()
    app.brp = try app.maakBRP()

    ContentConfiguration.global.use(encoder: JSONEncoder.api, for: .json)
    NulTekens.installeer()

    try routes(app)

    app.asyncCommands.use(OrgCommand(), as: "org")
    app.asyncCommands.use(ApiKeyCommand(), as: "apikey")
    app.asyncCommands.use(LogboekCommand(), as: "logboek")
    app.asyncCommands.use(BewaartermijnenCommand(), as: "bewaartermijnen")
    app.asyncCommands.use(ImportCommand(), as: "import")
    app.asyncCommands.use(UserCommand(), as: "user")
    app.asyncCommands.use(AuditCommand(), as: "audit")
    app.asyncCommands.use(HuishoudingCommand(), as: "huishouding")
    app.asyncCommands.use(BerichtenCommand(), as: "berichten")

    let commando = app.environment.arguments.dropFirst().first
    if app.environment != .testing && (commando == nil || commando == "serve") {
        Huishouding.planIn(app)
        Achtergrondwerk.start(app)
        if case .sqlite = keuze { WALCheckpoints.start(app) }
    }

    if app.environment == .development {
        try await DemoSeed.zaai(app)
    }
}

/// Per-connection settings. The driver keeps one connection per event loop and pool, opened here
/// once and kept: waiting for the write lock sleeps (busy_timeout) instead of the driver's default
/// of retrying at once, which spins a thread; a larger page cache; temporary sorts in memory; the
/// WAL file cut back after a checkpoint, and no checkpoint inside the writer's commits. Durability stays synchronous=FULL (the default in WAL: one
/// fsync per commit, shared by a whole batch of the writer).
private func stelSQLiteVerbindingenIn(_ app: Application) async throws {
    for id in [DatabaseID.sqlite, .schrijver] {
        for loop in app.eventLoopGroup.makeIterator() {
            guard let db = app.databases.database(id, logger: app.logger, on: loop) as? any SQLDatabase else { continue }
            // The writer's commits never run a checkpoint (it would stall every waiting write of
            // the batch); the server checkpoints beside it (WALCheckpoints).
            let eigen = id == .schrijver ? ["PRAGMA wal_autocheckpoint = 0"] : []
            // secure_delete: what is erased (consent withdrawn, retention passed) is overwritten in
            // the file, not only unlinked from it.
            for pragma in ["PRAGMA busy_timeout = 10000", "PRAGMA cache_size = -16000", "PRAGMA temp_store = MEMORY",
                           "PRAGMA journal_size_limit = 67108864", "PRAGMA synchronous = FULL", "PRAGMA secure_delete = ON"] + eigen {
                _ = try await db.raw(SQLQueryString(pragma)).all()
            }
        }
    }
}
