import ServiceContextModule
import FluentKit
import MeldpuntDomain
import SQLKit

extension Database {
    /// A write transaction. On SQLite (WAL) a transaction that reads first and writes later can
    /// fail with SQLITE_BUSY when another writer committed in between, which no retry helps; a
    /// no-op write as its first statement takes the write lock at the start (as BEGIN IMMEDIATE
    /// would), so writers queue instead. PostgreSQL needs nothing.
    package func schrijf<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        // Fluent runs the body in a task of its own: the caller's trace context goes along, so
        // the processing records written in it name the caller's trace and span.
        let context = ServiceContext.current ?? .topLevel
        return try await transaction { tx in
            try await ServiceContext.withValue(context) {
                if let sql = tx as? any SQLDatabase, sql.dialect.name == "sqlite" {
                    try await sql.raw("UPDATE instellingen SET waarde = waarde WHERE 1 = 0").run()
                }
                return try await body(tx)
            }
        }
    }
}

extension Database {
    /// A write whose case timeline step lost the race for its number to a simultaneous step (the
    /// database refuses it on a constraint) is a 409; a refusal stays what it is.
    func schrijfStap(_ body: @escaping @Sendable (any Database) async throws -> Void) async throws {
        do { try await schrijf(body) } catch let w as Weigering { throw w } catch {
            if (error as? any DatabaseError)?.isConstraintFailure == true { throw Weigering.conflict(.tegelijkGewijzigd) }
            throw error
        }
    }
}

/// Whether a failed step lost the race for its next step number to a simultaneous one (a 409,
/// not a 500): the row's number moved on (read again), or — when even that read fails, as under
/// heavy load when the pool is busy — the database refused the write on a constraint, which for
/// these writes is the unique step number.
func verlorRace(_ fout: any Error, gelezen: Int, opnieuw: () async throws -> Int?) async -> Bool {
    do {
        if let nu = try await opnieuw() { return nu != gelezen }
        return false
    } catch {
        return (fout as? any DatabaseError)?.isConstraintFailure == true
    }
}

extension Database {
    /// Numbers that count up (SIG-n, ADV-n): `body` writes the new row with the highest number + 1,
    /// in one transaction; a clash with a simultaneous one (the unique number) is retried.
    func metNieuwNummer(hoogste: @escaping @Sendable (any Database) async throws -> Int?,
                        _ body: @escaping @Sendable (any Database, Int) async throws -> Void) async throws -> Int {
        for poging in 1...5 {
            do {
                return try await schrijf { tx in
                    let nummer = (try await hoogste(tx) ?? 0) + 1
                    try await body(tx, nummer)
                    return nummer
                }
            } catch let w as Weigering {
                throw w
            } catch where poging < 5 {
                continue
            }
        }
        throw Weigering.tijdelijkBezet
    }
}
