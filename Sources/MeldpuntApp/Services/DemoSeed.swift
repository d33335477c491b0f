import Fluent
import Vapor

/// Demo organisations and well-known API keys, development only: lets a new user try the
/// whole flow at once (README). `--env production` never runs this.
enum DemoSeed {
    struct DemoOrganisatie {
        let naam: String
        let oin: String?
        let gemeentecode: String?
        let rollen: Set<Rol>
        let sleutel: String
    }

    static let organisaties: [DemoOrganisatie] = [
        .init(naam: "Belastingdienst (demo)", oin: "00000001003214345000", gemeentecode: nil, rollen: [.afnemer], sleutel: "mpk_demo_belastingdienst"),
        .init(naam: "Sociale Verzekeringsbank (demo)", oin: "00000001002220647000", gemeentecode: nil, rollen: [.afnemer], sleutel: "mpk_demo_svb"),
        .init(naam: "Gemeente Amsterdam", oin: nil, gemeentecode: "0363", rollen: [.bronhouder], sleutel: "mpk_demo_amsterdam"),
        .init(naam: "Gemeente Rotterdam", oin: nil, gemeentecode: "0599", rollen: [.bronhouder], sleutel: "mpk_demo_rotterdam"),
        .init(naam: "RvIG (RNI)", oin: nil, gemeentecode: "1999", rollen: [.bronhouder, .rni], sleutel: "mpk_demo_rvig"),
        .init(naam: "Meldpunt Fouten in Overheidsregistraties (demo)", oin: "00000099000000001000", gemeentecode: nil, rollen: [.meldpunt], sleutel: "mpk_demo_meldpunt"),
        .init(naam: "UWV (demo)", oin: "00000099000000002000", gemeentecode: nil, rollen: [.partner, .afnemer], sleutel: "mpk_demo_uwv"),
    ]

    /// One demo user per role; all share this password (development only).
    static let wachtwoord = "demo-wachtwoord-2026"
    static let gebruikers: [(email: String, naam: String, rol: GebruikersRol, oin: String?, gemeentecode: String?)] = [
        ("afnemer@demo.meldpunt.nl", "Anna Afnemer", .afnemer, "00000001003214345000", nil),
        ("bijhouder@demo.meldpunt.nl", "Bram Bijhouder", .bijhouder, nil, "0363"),
        ("rni@demo.meldpunt.nl", "Rik RvIG", .rni, nil, "1999"),
        ("meldpunt@demo.meldpunt.nl", "Mira Meldpunt", .meldpunt, "00000099000000001000", nil),
        ("partner@demo.meldpunt.nl", "Pim Partner", .partner, "00000099000000002000", nil),
        ("beheer@demo.meldpunt.nl", "Bea Beheer", .beheerder, "00000099000000001000", nil),
    ]

    static func zaai(_ app: Application) async throws {
        let db = app.db
        for demo in organisaties {
            let org = try await Organisaties.voegToe(naam: demo.naam, oin: demo.oin, gemeentecode: demo.gemeentecode, rollen: demo.rollen, on: db)
            let hash = Sleutels.hash(apiSleutel: demo.sleutel)
            if try await ApiSleutel.query(on: db).filter(\.$sleutelHash == hash).first() == nil {
                _ = try await Organisaties.maakApiSleutel(voor: org, omschrijving: "demo", sleutel: demo.sleutel, on: db)
            }
        }
        for demo in gebruikers where try await Gebruiker.query(on: db).filter(\.$email == demo.email).first() == nil {
            let org = try await Organisaties.zoek(oin: demo.oin, gemeentecode: demo.gemeentecode, on: db)
            _ = try await Gebruikers.voegToe(email: demo.email, naam: demo.naam, organisatie: org, rol: demo.rol,
                                             wachtwoord: wachtwoord, hasher: app.password.sync, on: db)
        }
        let commando = app.environment.arguments.dropFirst().first
        if commando == nil || commando == "serve" {
            app.logger.info("Ontwikkelomgeving: demo-API-sleutels (nooit in productie):")
            for demo in organisaties {
                app.logger.info("  \(demo.naam): \(demo.sleutel)")
            }
            app.logger.info("Demo-gebruikers (wachtwoord \(wachtwoord)): \(gebruikers.map { "\($0.email) (\($0.rol.rawValue))" }.joined(separator: ", "))")
        }
    }
}
