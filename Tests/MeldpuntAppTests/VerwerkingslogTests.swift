import MeldpuntCore
import MeldpuntDomain
import ConsoleKit
import Fluent
import Foundation
import Synchronization
import Testing
import Vapor
@testable import MeldpuntApp
@testable import MeldpuntHTTP
@testable import MeldpuntAPI
@testable import MeldpuntWeb

/// Captures what a command prints.
final class OpvangConsole: Console, @unchecked Sendable {
    let regels = Mutex<[String]>([])
    var userInfo: [AnySendableHashable: any Sendable] = [:]
    var size: (width: Int, height: Int) { (120, 40) }
    func input(isSecure: Bool) -> String { "" }
    func output(_ text: ConsoleText, newLine: Bool) { regels.withLock { $0.append(text.description) } }
    func clear(_ type: ConsoleClear) {}
    func report(error: String, newLine: Bool) { regels.withLock { $0.append("FOUT: " + error) } }
    var uitvoer: [String] { regels.withLock { $0 } }
}

extension TestApp {
    /// Runs a CLI command as `meldpunt <args>` would, against this app's database.
    func cli(_ args: [String]) async throws -> [String] {
        let console = OpvangConsole()
        var context = CommandContext(console: console, input: CommandInput(arguments: ["meldpunt"] + args))
        context.application = app
        try await console.run(app.asyncCommands.group(), with: context)
        return console.uitvoer
    }
}

@Suite("Verwerkingslog en CLI")
struct VerwerkingslogTests {
    @Test func elkeLeesEnSchrijfactieWordtGelogd() async throws {
        try await metApp { t in
            let ref = try await t.meld()
            _ = try await t.request(.GET, "/api/v1/terugmeldingen/\(ref)", sleutel: t.sleutels.amsterdam, headers: ["traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"])
            _ = try await t.get("/api/v1/terugmeldingen", t.sleutels.amsterdam)
            _ = try await t.wijzig(ref, t.sleutels.amsterdam, ["status": "In behandeling"])
            // A stranger's failed attempt reads nothing and logs nothing against the terugmelding.
            _ = try await t.get("/api/v1/terugmeldingen/\(ref)", t.sleutels.svb)

            let regels = try await Verwerkingslog.voor(terugmelding: UUID(uuidString: ref)!, on: t.app.db)
            #expect(regels.map(\.actie) == ["terugmelding.aanmaken", "terugmelding.raadplegen", "terugmelding.lijst", "terugmelding.statuswijziging"])
            #expect(regels[1].traceID == "0af7651916cd43dd8448eb211c80319c" && regels[1].ouderSpanID == "b7ad6b7169203331")
            let amsterdam = try await Organisaties.zoek(oin: nil, gemeentecode: "0363", on: t.app.db).id
            #expect(regels[1].organisatieID == amsterdam)
            let hash = try #require(regels[0].betrokkeneHash)
            #expect(hash.count == 64)
            #expect(!hash.contains("999993653"))
            #expect(Set(regels.map(\.betrokkeneHash)) == [hash])
            #expect(hash == t.app.pseudoniemen.pseudoniem("bsn:999993653"))
        }
    }

    @Test func logboekCommando() async throws {
        try await metApp { t in
            let ref = try await t.meld()
            _ = try await t.get("/api/v1/terugmeldingen/\(ref)", t.sleutels.amsterdam)
            let uit = try await t.cli(["logboek", "--referentie", ref])
            #expect(uit.count == 3)
            #expect(uit[1].contains("terugmelding.aanmaken") && uit[1].contains("Belastingdienst"))
            #expect(uit[2].contains("terugmelding.raadplegen") && uit[2].contains("Gemeente Amsterdam"))
            #expect(!uit.joined().contains("999993653"))
        }
    }

    @Test func logboekVanEenMelding() async throws {
        try await metApp { t in
            try await t.gebruiker("mira@meldpunt.nl", rol: .meldpunt, oin: TestApp.meldpuntOIN)
            let (z, _) = try await t.nieuweMelding()
            let b = Browser(t)
            try await b.login("mira@meldpunt.nl")
            _ = try await b.get("/meldingen/\(z)")
            let uit = try await t.cli(["logboek", "--zaaknummer", z.lowercased()])
            // Creation, the start page's list after login (it shows the name), opening the case.
            #expect(uit.count == 4)
            #expect(uit[1].contains("melding.aanmaken") && uit[1].contains("SVB"))
            #expect(uit[2].contains("melding.lijst") && uit[2].contains("mira@meldpunt.nl"))
            #expect(uit[3].contains("melding.raadplegen") && uit[3].contains("mira@meldpunt.nl"))
            #expect(!uit.joined().contains("999993653"))
            await #expect(throws: Opdrachtfout.self) { try await t.cli(["logboek", "--zaaknummer", "MFO-2026-999999"]) }
            await #expect(throws: Opdrachtfout.self) { try await t.cli(["logboek"]) }
        }
    }

    @Test func organisatieEnSleutelViaCLI() async throws {
        try await metApp { t in
            let toegevoegd = try await t.cli(["org", "add", "--naam", "CIBG", "--oin", "00000001801109617000", "--rol", "afnemer"])
            #expect(toegevoegd.last?.contains("CIBG") == true)
            let uit = try await t.cli(["apikey", "create", "--oin", "00000001801109617000"])
            let sleutel = try #require(uit.last)
            #expect(sleutel.hasPrefix("mpk_") && !sleutel.contains(" "))
            // Stored hashed only.
            #expect(try await ApiSleutel.query(on: t.app.db).filter(\.$sleutelHash == sleutel).count() == 0)
            #expect(try await ApiSleutel.query(on: t.app.db).filter(\.$sleutelHash == Sleutels.hash(apiSleutel: sleutel)).count() == 1)
            try await t.meld(door: sleutel)
            _ = try await t.cli(["apikey", "revoke", "--oin", "00000001801109617000"])
            #expect(try await t.get("/api/v1/terugmeldingen", sleutel).status == .unauthorized)

            // A gemeente that also reports gets the afnemer role added.
            _ = try await t.cli(["org", "add", "--gemeentecode", "0599", "--rol", "afnemer"])
            let rotterdam = try await Organisaties.zoek(oin: nil, gemeentecode: "0599", on: t.app.db)
            #expect(rotterdam.rollen == [.afnemer, .bronhouder])
            try await t.meld(Voorbeeld.terugmelding(gemeentecode: "0363"), door: t.sleutels.rotterdam)
        }
    }

    @Test func ongeldigeInvoerVoorCLI() async throws {
        try await metApp { t in
            await #expect(throws: Weigering.self) { try await t.cli(["org", "add", "--naam", "X", "--oin", "12345", "--rol", "afnemer"]) }
            await #expect(throws: Opdrachtfout.self) { try await t.cli(["org", "add", "--naam", "X", "--oin", "00000001801109617000", "--rol", "koning"]) }
            await #expect(throws: Weigering.self) { try await t.cli(["org", "add", "--gemeentecode", "0457", "--rol", "afnemer"]) }
            await #expect(throws: Weigering.self) { try await t.cli(["apikey", "create", "--oin", "00000099000000000000"]) }
            await #expect(throws: Opdrachtfout.self) { try await t.cli(["logboek", "--referentie", "geen-uuid"]) }
        }
    }
}
