import ServiceContextModule
import FluentKit
import Foundation
import SQLKit
import Synchronization

/// One writer with group commit. Each caller hands it a write; the writer runs whatever has
/// queued in one transaction, each write in its own savepoint (one that fails is undone alone and
/// its caller gets its error), commits once — one fsync for the whole batch — and only then
/// answers every caller. Durability is unchanged: nobody hears "done" before the commit.
///
/// A write runs on the writer's connection and must only use the database it is given: it may
/// read and write there, but never wait for anything outside the database (no network, no other
/// connection), because every other caller waits behind it.
package final class Schrijver: Sendable {
    package static let maxPerBatch = 256

    /// One lane per connection, each with its own queue and batches. SQLite has one write lock,
    /// so one lane; PostgreSQL commits lanes in parallel (a write's statements are round trips,
    /// and one connection does them one after another).
    private let banen: [Baan]
    private let volgende = Atomic<Int>(0)

    package convenience init(db: any Database) { self.init(banen: [db]) }

    package init(banen databases: [any Database]) {
        precondition(!databases.isEmpty)
        banen = databases.map(Baan.init)
    }

    /// Runs `werk` in the next batch of a lane; returns after that batch is committed.
    package func schrijf<T: Sendable>(_ werk: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        // The write runs in the writer's task: the caller's trace context goes along, so its
        // processing records name the caller's trace and span.
        let context = ServiceContext.current ?? .topLevel
        return try await withCheckedThrowingContinuation { (vervolg: CheckedContinuation<T, any Error>) in
            let uitkomst = Uitkomst<T>()
            zetInRij(Opdracht(
                rijen: nil,
                uitvoeren: { db in uitkomst.waarde = try await ServiceContext.withValue(context) { try await werk(db) } },
                afronden: { fout in
                    if let fout { vervolg.resume(throwing: fout) } else { vervolg.resume(returning: uitkomst.waarde!) }
                }))
        }
    }

    /// Inserts `rijen` in the next batch of a lane, together with the rows of the batch's other
    /// such writes (one statement per table); returns after that batch is committed.
    package func schrijf(_ rijen: Rijen) async throws {
        try await withCheckedThrowingContinuation { (vervolg: CheckedContinuation<Void, any Error>) in
            zetInRij(Opdracht(rijen: rijen, uitvoeren: { _ in }, afronden: { fout in
                if let fout { vervolg.resume(throwing: fout) } else { vervolg.resume() }
            }))
        }
    }

    /// Queues a write on the next lane and wakes it; a stopped writer refuses it at once.
    private func zetInRij(_ opdracht: Opdracht) {
        let baan = banen[volgende.add(1, ordering: .relaxed).oldValue % banen.count]
        guard baan.wachtrij.voegToe(opdracht) else {
            opdracht.afronden(Gestopt())
            return
        }
        baan.wekker.yield()
    }

    /// Batches committed and writes in them so far (writes per batch is the group-commit gain).
    package var statistiek: (batches: Int, schrijfacties: Int) {
        banen.map(\.wachtrij.statistiek).reduce((0, 0)) { ($0.0 + $1.batches, $0.1 + $1.schrijfacties) }
    }

    /// Stops taking new writes and waits until the queued ones are committed.
    package func stop() async {
        for baan in banen { await baan.stop() }
    }

    package struct Gestopt: Error {}

    private final class Baan: Sendable {
        let wachtrij = Wachtrij()
        let wekker: AsyncStream<Void>.Continuation
        let lus: Task<Void, Never>

        init(_ db: any Database) {
            let (stroom, wekker) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
            self.wekker = wekker
            lus = Task { [wachtrij] in
                for await _ in stroom {
                    while true {
                        let batch = wachtrij.neem(Schrijver.maxPerBatch)
                        if batch.isEmpty { break }
                        await Schrijver.voerUit(batch, op: db)
                        wachtrij.tel(batch.count)
                    }
                }
            }
        }

        func stop() async {
            wachtrij.sluit()
            wekker.finish()
            await lus.value
        }
    }

    private static func voerUit(_ batch: [Opdracht], op db: any Database) async {
        let fouten: [(any Error)?]
        do {
            fouten = try await db.schrijf { tx in
                guard let sql = tx as? any SQLDatabase else { fatalError("Schrijver needs an SQL database") }
                var fouten = [(any Error)?](repeating: nil, count: batch.count)
                let tellingen = Terugmeldingtellingen.Verschuivingen()
                // Rows first, all at once (no write of rows reads anything, and no other write can
                // refer to rows its caller has not heard of yet). Should that fail, each write's rows
                // go in on their own, so only the write that failed is refused.
                let metRijen = batch.indices.filter { batch[$0].rijen != nil }
                if !metRijen.isEmpty {
                    try await sql.raw("SAVEPOINT rijen").run()
                    do {
                        try await Rijen.voegIn(metRijen.map { batch[$0].rijen! }, op: tx)
                        try await sql.raw("RELEASE SAVEPOINT rijen").run()
                    } catch {
                        try await sql.raw("ROLLBACK TO SAVEPOINT rijen").run()
                        try await sql.raw("RELEASE SAVEPOINT rijen").run()
                        for i in metRijen {
                            try await sql.raw("SAVEPOINT schrijver").run()
                            do {
                                try await Rijen.voegIn([batch[i].rijen!], op: tx)
                            } catch {
                                try await sql.raw("ROLLBACK TO SAVEPOINT schrijver").run()
                                fouten[i] = error
                            }
                            try await sql.raw("RELEASE SAVEPOINT schrijver").run()
                        }
                    }
                    for i in metRijen where fouten[i] == nil { tellingen.voegToe(batch[i].rijen!.tellingen) }
                }
                for (i, opdracht) in batch.enumerated() where opdracht.rijen == nil {
                    try await sql.raw("SAVEPOINT schrijver").run()
                    // Counts are gathered per write and applied once per batch, in one order:
                    // fewer statements, and no two lanes lock the same counters the other way round.
                    let eigen = Terugmeldingtellingen.Verschuivingen()
                    do {
                        try await Terugmeldingtellingen.$uitgesteld.withValue(eigen) { try await opdracht.uitvoeren(tx) }
                        tellingen.voegToe(eigen)
                    } catch {
                        try await sql.raw("ROLLBACK TO SAVEPOINT schrijver").run()
                        fouten[i] = error
                    }
                    try await sql.raw("RELEASE SAVEPOINT schrijver").run()
                }
                try await Terugmeldingtellingen.pasToe(tellingen, on: tx)
                return fouten
            }
        } catch {
            // The commit itself failed: nothing of this batch is durable, so every caller hears it.
            for opdracht in batch { opdracht.afronden(error) }
            return
        }
        for (opdracht, fout) in zip(batch, fouten) { opdracht.afronden(fout) }
    }
}

/// A queued write: run inside the batch, answered after the commit.
private struct Opdracht: Sendable {
    /// Rows only: inserted with the batch's other rows instead of run.
    let rijen: Rijen?
    let uitvoeren: @Sendable (any Database) async throws -> Void
    let afronden: @Sendable ((any Error)?) -> Void
}

/// The result of one write, held from its run until the commit; only the writer's task touches it.
private final class Uitkomst<T>: @unchecked Sendable {
    var waarde: T?
}

private final class Wachtrij: Sendable {
    private let staat = Mutex<(opdrachten: [Opdracht], gesloten: Bool)>(([], false))

    func voegToe(_ o: Opdracht) -> Bool {
        staat.withLock { s in
            guard !s.gesloten else { return false }
            s.opdrachten.append(o)
            return true
        }
    }

    func neem(_ maximaal: Int) -> [Opdracht] {
        staat.withLock { s in
            let n = min(maximaal, s.opdrachten.count)
            let batch = Array(s.opdrachten.prefix(n))
            s.opdrachten.removeFirst(n)
            return batch
        }
    }

    func sluit() { staat.withLock { $0.gesloten = true } }

    private let teller = Mutex<(batches: Int, schrijfacties: Int)>((0, 0))

    func tel(_ n: Int) { teller.withLock { $0.batches += 1; $0.schrijfacties += n } }

    var statistiek: (batches: Int, schrijfacties: Int) { teller.withLock { $0 } }
}

extension Optional where Wrapped == Schrijver {
    /// Through the writer when there is one (the server), else a transaction of its own (CLI, tests
    /// that build a service on a bare database, and code already inside a transaction).
    package func schrijf<T: Sendable>(op db: any Database, _ werk: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        if let schrijver = self { return try await schrijver.schrijf(werk) }
        return try await db.schrijf(werk)
    }

    /// Rows through the writer, else in a transaction of their own.
    package func schrijf(_ rijen: Rijen, op db: any Database) async throws {
        if let schrijver = self { return try await schrijver.schrijf(rijen) }
        try await db.schrijf { tx in
            try await Rijen.voegIn([rijen], op: tx)
            try await Terugmeldingtellingen.pasToe(rijen.tellingen, on: tx)
        }
    }
}
