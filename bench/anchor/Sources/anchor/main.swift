import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Vapor

// `anchor serve --port N` with ANCHOR_DATABASE_URL=sqlite:///abs/path or postgres://…
// GET /hello answers text; POST /rijen inserts one row from the JSON body (a naive insert:
// one Fluent create, one transaction and one fsync per request, the database defaults).

final class Rij: Model, @unchecked Sendable {
    static let schema = "anchor_rijen"
    @ID(key: .id) var id: UUID?
    @Field(key: "kenmerk") var kenmerk: String
    @Field(key: "tekst") var tekst: String
    @Field(key: "aangemaakt_op") var aangemaaktOp: Date
    init() {}
}

struct RijInvoer: Content { var kenmerk: String; var tekst: String }

struct MaakRijen: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Rij.schema).id()
            .field("kenmerk", .string, .required).field("tekst", .string, .required)
            .field("aangemaakt_op", .datetime, .required).create()
    }
    func revert(on database: any Database) async throws { try await database.schema(Rij.schema).delete() }
}

var env = try Environment.detect()
try LoggingSystem.bootstrap(from: &env)
let app = try await Application.make(env)
let url = Environment.get("ANCHOR_DATABASE_URL") ?? "sqlite:///tmp/anchor.sqlite"
if url.hasPrefix("postgres") {
    app.databases.use(.postgres(configuration: try SQLPostgresConfiguration(url: url), maxConnectionsPerEventLoop: 4), as: .psql)
} else {
    app.databases.use(.sqlite(.file(String(url.dropFirst("sqlite://".count)))), as: .sqlite)
    _ = try await (app.db as! any SQLDatabase).raw("PRAGMA journal_mode=WAL").all()
}
app.migrations.add(MaakRijen())
try await app.autoMigrate()
app.get("hello") { _ in "Hello, world!" }
app.post("rijen") { req async throws -> Response in
    let invoer = try req.content.decode(RijInvoer.self)
    let rij = Rij()
    rij.kenmerk = invoer.kenmerk
    rij.tekst = invoer.tekst
    rij.aangemaaktOp = Date()
    try await rij.create(on: req.db)
    return Response(status: .created)
}
try await app.execute()
try await app.asyncShutdown()
