import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Vapor

/// `meldpunt org add --naam NAAM [--oin OIN] [--gemeentecode CODE] --rol ROL[,ROL]` and `meldpunt org list`.
struct OrgCommand: AsyncCommandGroup {
    let help = "Organisaties beheren"
    var commands: [String: any AnyAsyncCommand] { ["add": OrgAddCommand(), "list": OrgListCommand()] }
}

struct OrgAddCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "naam", help: "Naam van de organisatie") var naam: String?
        @Option(name: "oin", help: "OIN (20 posities)") var oin: String?
        @Option(name: "gemeentecode", help: "Bestaande gemeente (4 cijfers) die een rol bijkrijgt") var gemeentecode: String?
        @Option(name: "rol", help: "Rollen, komma-gescheiden: afnemer, bronhouder, rni, meldpunt, partner") var rol: String?
    }
    let help = "Voeg een organisatie toe, of geef een bestaande gemeente of organisatie een rol erbij."

    func run(using context: CommandContext, signature: Signature) async throws {
        let rollen = try parseRollen(signature.rol)
        let org = try await Organisaties.voegToe(naam: signature.naam, oin: signature.oin, gemeentecode: signature.gemeentecode,
                                                 rollen: rollen, on: context.application.db)
        try await Audit.schrijf(.organisatieToegevoegd, door: nil, organisatie: org.id, onderwerp: org.naam,
                                details: org.rollen.map(\.rawValue).sorted().joined(separator: ","), nu: Date(), on: context.application.db)
        schrijf(context, "\(org.naam) — rollen: \(org.rollen.map(\.rawValue).sorted().joined(separator: ", "))"
            + (org.oin.map { " — OIN \($0)" } ?? "") + (org.gemeentecode.map { " — gemeentecode \($0)" } ?? ""))
    }

    func parseRollen(_ raw: String?) throws -> Set<Rol> {
        guard let raw, !raw.isEmpty else { throw Organisaties.Fout.ongeldig("Geef ten minste één rol met --rol.") }
        var rollen: Set<Rol> = []
        for deel in raw.split(separator: ",") {
            let naam = deel.trimmingCharacters(in: .whitespaces)
            guard let rol = Rol(rawValue: naam) else {
                throw Organisaties.Fout.ongeldig("Onbekende rol '\(naam)'. Kies uit: \(Rol.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            rollen.insert(rol)
        }
        return rollen
    }
}

struct OrgListCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "rol", help: "Alleen organisaties met deze rol") var rol: String?
    }
    let help = "Toon organisaties (zonder de honderden gemeenten, tenzij --rol bronhouder)."

    func run(using context: CommandContext, signature: Signature) async throws {
        var q = Organisatie.query(on: context.application.db).sort(\.$naam)
        if let rol = signature.rol { q = q.filter(\.$rollenTekst ~~ ",\(rol),") } else { q = q.filter(\.$gemeentecode == nil).filter(\.$rniDeelnemerCode == nil) }
        for o in try await q.all() {
            schrijf(context, "\(o.naam)\t\(o.oin ?? "-")\t\(o.gemeentecode ?? o.rniDeelnemerCode ?? "-")\t\(o.rollen.map(\.rawValue).sorted().joined(separator: ","))")
        }
    }
}

/// `meldpunt apikey create (--oin OIN | --gemeentecode CODE)` and `meldpunt apikey revoke …`.
struct ApiKeyCommand: AsyncCommandGroup {
    let help = "API-sleutels maken en intrekken"
    var commands: [String: any AnyAsyncCommand] { ["create": ApiKeyCreateCommand(), "revoke": ApiKeyRevokeCommand()] }
}

struct ApiKeyCreateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "oin", help: "OIN van de organisatie") var oin: String?
        @Option(name: "gemeentecode", help: "Gemeentecode van de gemeente") var gemeentecode: String?
        @Option(name: "omschrijving", help: "Waarvoor de sleutel is (bijv. het systeem)") var omschrijving: String?
    }
    let help = "Maak een API-sleutel. De sleutel staat alleen op de laatste regel van de uitvoer en wordt nergens bewaard."

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        let org = try await Organisaties.zoek(oin: signature.oin, gemeentecode: signature.gemeentecode, on: db)
        let (record, sleutel) = try await Organisaties.maakApiSleutel(voor: org, omschrijving: signature.omschrijving ?? "CLI", on: db)
        try await Audit.schrijf(.sleutelGemaakt, door: nil, organisatie: org.id, onderwerp: org.naam, nu: Date(), on: db)
        schrijf(context, "API-sleutel \(record.id!) voor \(org.naam). Bewaar hem nu: hij wordt niet opnieuw getoond.")
        schrijf(context, sleutel)
    }
}

struct ApiKeyRevokeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "oin", help: "OIN van de organisatie") var oin: String?
        @Option(name: "gemeentecode", help: "Gemeentecode van de gemeente") var gemeentecode: String?
        @Option(name: "id", help: "Alleen deze sleutel (id uit 'apikey create'); zonder: alle sleutels") var id: String?
    }
    let help = "Trek één of alle API-sleutels van een organisatie in."

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        let org = try await Organisaties.zoek(oin: signature.oin, gemeentecode: signature.gemeentecode, on: db)
        var id: UUID?
        if let raw = signature.id {
            guard let u = UUID(uuidString: raw) else { throw Organisaties.Fout.ongeldig("--id is geen geldig sleutel-id.") }
            id = u
        }
        let aantal = try await Organisaties.trekSleutelsIn(van: org, id: id, on: db)
        if id != nil && aantal == 0 { throw Organisaties.Fout.nietGevonden("Geen actieve sleutel met dit id bij \(org.naam).") }
        try await Audit.schrijf(.sleutelIngetrokken, door: nil, organisatie: org.id, onderwerp: id?.tekst ?? "alle", details: "\(aantal)", nu: Date(), on: db)
        schrijf(context, "\(aantal) sleutel(s) van \(org.naam) ingetrokken.")
    }
}

/// `meldpunt user add --email E --naam N (--oin OIN | --gemeentecode CODE) --rol ROL` (password on stdin)
/// and `meldpunt user disable --email E`.
struct UserCommand: AsyncCommandGroup {
    let help = "Gebruikers van de portalen beheren"
    var commands: [String: any AnyAsyncCommand] { ["add": UserAddCommand(), "disable": UserDisableCommand(), "reset": UserResetCommand()] }
}

struct UserAddCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "E-mailadres (inlognaam)") var email: String?
        @Option(name: "naam", help: "Naam van de gebruiker") var naam: String?
        @Option(name: "oin", help: "OIN van de organisatie") var oin: String?
        @Option(name: "gemeentecode", help: "Gemeentecode van de gemeente") var gemeentecode: String?
        @Option(name: "rol", help: "afnemer, bijhouder, rni, meldpunt, partner, beheerder of systeembeheerder") var rol: String?
    }
    let help = "Voeg een gebruiker toe; het wachtwoord (ten minste 12 tekens) komt van standaardinvoer."

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let email = signature.email, let naam = signature.naam else { throw Organisaties.Fout.ongeldig("Geef --email en --naam.") }
        guard let rol = signature.rol.flatMap(GebruikersRol.init(rawValue:)) else {
            throw Organisaties.Fout.ongeldig("Geef --rol: \(GebruikersRol.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let db = context.application.db
        let org = try await Organisaties.zoek(oin: signature.oin, gemeentecode: signature.gemeentecode, on: db)
        let wachtwoord = (readLine(strippingNewline: true) ?? "")
        let g = try await Gebruikers.voegToe(email: email, naam: naam, organisatie: org, rol: rol, wachtwoord: wachtwoord,
                                             hasher: context.application.wachtwoorden, on: db)
        try await Audit.schrijf(.gebruikerToegevoegd, door: nil, organisatie: org.id, onderwerp: g.email, details: rol.rawValue, nu: Date(), on: db)
        schrijf(context, "Gebruiker \(g.email) (\(rol.rawValue)) voor \(org.naam) toegevoegd.")
    }
}

struct UserDisableCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "E-mailadres") var email: String?
    }
    let help = "Zet een gebruiker uit; al zijn sessies eindigen meteen."

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        guard let email = signature.email?.lowercased(), let g = try await Gebruiker.query(on: db).filter(\.$email == email).first() else {
            throw Organisaties.Fout.nietGevonden("Geen gebruiker met dit e-mailadres.")
        }
        try await Gebruikers.zetUit(g, on: db)
        try await Audit.schrijf(.gebruikerUitgezet, door: nil, organisatie: g.$organisatie.id, onderwerp: g.email, nu: Date(), on: db)
        schrijf(context, "Gebruiker \(email) uitgezet.")
    }
}

/// For a locked-out user (also the last systeembeheerder): a one-time password from standard
/// input, the second factor removed, every session ended.
struct UserResetCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "E-mailadres") var email: String?
    }
    let help = "Geef een gebruiker een eenmalig wachtwoord (van standaardinvoer) en verwijder de tweestapsverificatie; bij het inloggen kiest hij een eigen wachtwoord en stelt hij tweestaps opnieuw in."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let email = signature.email?.lowercased(), let g = try await Gebruiker.query(on: app.db).filter(\.$email == email).first() else {
            throw Organisaties.Fout.nietGevonden("Geen gebruiker met dit e-mailadres.")
        }
        let wachtwoord = readLine(strippingNewline: true) ?? ""
        guard wachtwoord.count >= Gebruikers.minimaleWachtwoordlengte, wachtwoord.utf8.count <= Accounts.maximaleWachtwoordBytes else {
            throw Organisaties.Fout.ongeldig("Een wachtwoord is ten minste \(Gebruikers.minimaleWachtwoordlengte) tekens en ten hoogste \(Accounts.maximaleWachtwoordBytes) bytes lang.")
        }
        _ = try await Accounts.stelWachtwoordOpnieuwIn(g, wachtwoord: wachtwoord, hasher: app.wachtwoorden, threadPool: app.threadPool, on: app.db)
        try await Accounts.zetTweestapsUit(g, eindigSessies: true, on: app.db)
        try await Audit.schrijf(.wachtwoordHersteld, door: nil, organisatie: g.$organisatie.id, onderwerp: g.email, nu: Date(), on: app.db)
        try await Audit.schrijf(.tweestapsHersteld, door: nil, organisatie: g.$organisatie.id, onderwerp: g.email, nu: Date(), on: app.db)
        schrijf(context, "Gebruiker \(email): eenmalig wachtwoord gezet, tweestapsverificatie verwijderd, sessies beëindigd.")
    }
}

/// `meldpunt logboek --referentie UUID`: the processing-log entries of one terugmelding.
struct LogboekCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "referentie", help: "terugMeldingReferentie (uuid)") var referentie: String?
        @Option(name: "zaaknummer", help: "zaaknummer van een melding, zoals MFO-2026-000123") var zaaknummer: String?
    }
    let help = "Toon het verwerkingslog van één terugmelding (--referentie) of melding (--zaaknummer)."

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        let regels: [Verwerkingslogregel]
        let wat: String
        switch (signature.referentie, signature.zaaknummer) {
        case (let raw?, nil):
            guard let id = UUID(uuidString: raw) else { throw Organisaties.Fout.ongeldig("--referentie is de uuid van een terugmelding.") }
            regels = try await Verwerkingslog.voor(terugmelding: id, on: db)
            wat = id.tekst
        case (nil, let raw?):
            guard let nummer = Zaaknummer(raw) else { throw Organisaties.Fout.ongeldig("--zaaknummer ziet eruit als MFO-2026-000123.") }
            guard let m = try await Melding.query(on: db).filter(\.$zaaknummer == nummer.description).first() else {
                throw Organisaties.Fout.nietGevonden("Er is geen melding \(nummer).")
            }
            regels = try await Verwerkingslogregel.query(on: db).filter(\.$meldingID == m.requireID()).sort(\.$tijdstip).all()
            wat = nummer.description
        default:
            throw Organisaties.Fout.ongeldig("Geef --referentie (terugmelding) of --zaaknummer (melding).")
        }
        let orgIDs = Set(regels.compactMap(\.organisatieID))
        let namen = Dictionary(try await Organisatie.query(on: db).filter(\.$id ~~ orgIDs).all().map { ($0.id!, $0.naam) }, uniquingKeysWith: { a, _ in a })
        let gebruikerIDs = Set(regels.compactMap(\.gebruikerID))
        let gebruikers = Dictionary(try await Gebruiker.query(on: db).filter(\.$id ~~ gebruikerIDs).all().map { ($0.id!, $0.email) }, uniquingKeysWith: { a, _ in a })
        let f = ISO8601DateFormatter()
        schrijf(context, "tijdstip (UTC)\tactie\torganisatie\tgebruiker\ttrace\tbetrokkene")
        for r in regels {
            schrijf(context, "\(f.string(from: r.tijdstip))\t\(r.actie)\t\(r.organisatieID.flatMap { namen[$0] } ?? "-")\t\(r.gebruikerID.flatMap { gebruikers[$0] } ?? "-")\t\(r.traceID)\t\(r.betrokkeneHash.map { String($0.prefix(16)) } ?? "-")")
        }
        if regels.isEmpty { schrijf(context, "(geen regels voor \(wat))") }
    }
}

/// `meldpunt audit [--organisatie UUID] [--aantal N]`: the audit trail, newest first.
struct AuditCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "organisatie", help: "Alleen acties op deze organisatie (uuid)") var organisatie: String?
        @Option(name: "aantal", help: "Hoeveel regels (standaard 200)") var aantal: Int?
    }
    let help = "Toon het audittrail van beheeracties: organisaties, rollen, gebruikers, sleutels, inloggen van systeembeheer."

    func run(using context: CommandContext, signature: Signature) async throws {
        let org = try signature.organisatie.map { raw in
            guard let id = UUID(uuidString: raw) else { throw Organisaties.Fout.ongeldig("--organisatie is een uuid.") }
            return id
        }
        let f = ISO8601DateFormatter()
        schrijf(context, "tijdstip (UTC)\tactie\tdoor\torganisatie\tonderwerp\tdetails")
        for r in try await Audit.regels(organisatie: org, limiet: min(max(signature.aantal ?? 200, 1), 10_000), on: context.application.db) {
            schrijf(context, "\(f.string(from: r.tijdstip))\t\(r.actie)\t\(r.door)\t\(r.organisatieID?.tekst ?? "-")\t\(r.onderwerp ?? "-")\t\(r.details ?? "-")")
        }
    }
}

/// `meldpunt huishouding`: one round of housekeeping now (the server also runs it every ten minutes).
struct HuishoudingCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    let help = "Ruim nu op: verlopen sessies, oude concepten en mislukte inlogpogingen, gebruikte eenmalige sleutels, bijlagen zonder verwijzing."

    func run(using context: CommandContext, signature: Signature) async throws {
        let r = try await Huishouding.ruimOp(nu: Date(), on: context.application.db)
        schrijf(context, "sessies \(r.sessies), concepten \(r.concepten), inlogpogingen \(r.inlogpogingen), eenmalige sleutels \(r.eenmaligeSleutels), bijlagen \(r.bijlagen)")
    }
}

/// Plain text to standard output (logs go to standard error).
private func schrijf(_ context: CommandContext, _ tekst: String) {
    context.console.output(tekst.consoleText())
}
