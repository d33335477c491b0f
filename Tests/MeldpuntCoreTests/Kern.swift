import Crypto
import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import MeldpuntCore
import MeldpuntDomain
import NIOPosix
import SQLKit

/// The core on a fresh database without any web server: SQLite in memory, or PostgreSQL in a
/// schema of its own when MELDPUNT_TEST_DATABASE_URL is set. Migrations and reference data as in
/// production; the clock is fixed at Monday 23 November 2026, 10:00 in Amsterdam.
struct Kern {
    let db: any Database
    let nu: Date
    let pseudoniemen = Pseudonimiseerder(sleutel: SymmetricKey(size: .bits256))
    var kalender: Werkdagkalender { .standaard }

    static let maandag = ISO8601DateFormatter().date(from: "2026-11-23T09:00:00Z")!
    var berichten: Berichtgeving { Berichtgeving(publiekeUrl: "https://meldpunt.test", oin: Berichtgeving.standaardOIN) }

    var meldingen: MeldingService {
        MeldingService(db: db, pseudoniemen: pseudoniemen, kalender: kalender, nu: nu, traceID: "test", contactnormWerkdagen: 3, berichten: berichten)
    }

    var coordinatie: Coordinatie {
        Coordinatie(meldingen: meldingen, terugmeldingen: TerugmeldingService(db: db, referentie: .gebundeld, pseudoniemen: pseudoniemen,
                                                                             kalender: kalender, nu: nu, traceID: "test", berichten: berichten))
    }

    /// The same core, some time later.
    func later(_ seconden: TimeInterval) -> Kern { Kern(db: db, nu: nu.addingTimeInterval(seconden)) }

    func organisatie(gemeentecode: String) async throws -> OrganisatieDTO {
        try OrganisatieDTO(try await Organisaties.zoek(oin: nil, gemeentecode: gemeentecode, on: db))
    }

    func nieuweOrganisatie(_ naam: String, oin: String, rollen: Set<Organisatierol>) async throws -> OrganisatieDTO {
        try OrganisatieDTO(try await Organisaties.voegToe(naam: naam, oin: oin, gemeentecode: nil, rollen: rollen, on: db))
    }
}

func metKern(_ test: (Kern) async throws -> Void) async throws {
    let databases = Databases(threadPool: .singleton, on: MultiThreadedEventLoopGroup.singleton)
    var logger = Logger(label: "kern-test")
    logger.logLevel = .warning
    var schema: String?
    if let url = ProcessInfo.processInfo.environment["MELDPUNT_TEST_DATABASE_URL"], !url.isEmpty {
        let naam = "k_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        var config = try SQLPostgresConfiguration(url: url)
        config.searchPath = [naam]
        databases.use(.postgres(configuration: config, maxConnectionsPerEventLoop: 2), as: .psql)
        schema = naam
    } else {
        databases.use(.sqlite(.memory, maxConnectionsPerEventLoop: 1), as: .sqlite)
    }
    let db = databases.database(logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())!
    do {
        if let schema { _ = try await (db as! any SQLDatabase).raw("CREATE SCHEMA \(ident: schema)").all() }
        let migraties = Migrations()
        migraties.add(Migraties.alle)
        let migrator = Migrator(databases: databases, migrations: migraties, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())
        try await migrator.setupIfNeeded().get()
        try await migrator.prepareBatch().get()
        try await ReferentiedataLader.laad(.gebundeld, on: db)
        try await test(Kern(db: db, nu: Kern.maandag))
    } catch {
        if let schema { _ = try? await (db as! any SQLDatabase).raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").all() }
        await databases.shutdownAsync()
        throw error
    }
    if let schema { _ = try? await (db as! any SQLDatabase).raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").all() }
    await databases.shutdownAsync()
}
