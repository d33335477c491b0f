import MeldpuntCore
import MeldpuntDomain
import Foundation
import Vapor

/// Where the BRP is and how to reach it.
package struct BRPInstelling: Sendable {
    package var url: String
    package var apiSleutel: String?
    package var certificaat: String?
    package var sleutel: String?
    package var ca: String?
}

/// Everything the server takes from its environment, read and checked once at start-up;
/// requests never read the environment. A wrong value stops the start with its name.
package struct Instellingen: Sendable {
    package var host = "127.0.0.1"
    package var poort = 8080
    /// Per-address limits on the anonymous doors (off only for load tests).
    package var snelheidslimieten = true
    /// Per door where not the default (`MELDPUNT_RATE_LIMITS=inloggen=30,status=120`).
    package var limietPerMinuut: [String: Int] = [:]
    /// Take the client address from the last X-Forwarded-For entry (behind one trusted proxy).
    package var vertrouwProxy = false
    /// Identify systems by the client certificate the proxy verified (`MELDPUNT_CLIENTCERT_HEADERS=1`,
    /// only with MELDPUNT_TRUSTED_PROXY=1): a separate choice, since a proxy set up for
    /// X-Forwarded-For alone would pass a client's own certificate headers on.
    package var clientcertHeaders = false
    /// The OINs the Digimelding door answers for as the BRP's holder (MELDPUNT_DMKS_OIN, comma
    /// separated); empty: any well-formed OIN, so an afnemer's system needs no change.
    package var dmksOINs: Set<String> = []
    /// The public address links are built from, never from a request's Host header.
    package var publiekeUrl: String
    package var uploadBufferBytes = 96 * 1024 * 1024
    package var contactnormWerkdagen = 2
    /// Cookie names: `__Host-` outside development and tests (Secure, Path=/, no Domain).
    package var cookiePrefix = ""
    package var veiligeCookies = false
    /// The meldpunt's own OIN: the `source` of its CloudEvents.
    package var meldpuntOIN = Berichtgeving.standaardOIN
    /// Where mail goes: an SMTP server, or (development without SMTP) a folder of .eml files.
    package var mail: Mailinstelling = .map("data/mail")
    package var mailVan = "Meldpunt <noreply@meldpunt.localhost>"
    /// Webhook callbacks to loopback or private addresses (the test receiver on this host); off in production.
    package var privateCallbacks = true
    /// Extra trust for the SMTP server's certificate (`MELDPUNT_SMTP_CA_FILE`, PEM): a private CA.
    package var smtpCA: String?
    /// The Haal Centraal BRP Personen API (`MELDPUNT_BRP_URL`, its base such as
    /// `https://…/haalcentraal/api/brp`), its key (`MELDPUNT_BRP_API_KEY`, header X-API-KEY), and an
    /// optional client certificate and key (`MELDPUNT_BRP_CERT_FILE`, `MELDPUNT_BRP_KEY_FILE`, PEM)
    /// and CA (`MELDPUNT_BRP_CA_FILE`). Without a URL no lookup is made.
    package var brp: BRPInstelling?
    /// The OpenTelemetry collector the processing log goes to (`MELDPUNT_OTLP_ENDPOINT`, its OTLP/HTTP
    /// base such as `https://collector:4318`, or the full `…/v1/traces`). Without it records stay
    /// in the database only, marked as waiting: a collector set later gets them all.
    package var otlpTraces: String?
    /// How people reach the functionaris gegevensbescherming (`MELDPUNT_FG_EMAIL`), named on the
    /// privacy statement; an example address outside production, none made up in production.
    package var fgEmail: String? = "fg@meldpunt.example"
    /// How long each kind of personal data is kept (`MELDPUNT_BEWAARTERMIJNEN`, e.g.
    /// "meldingGesloten=5j,terugmeldingIngetrokken=400d"); the defaults are in `Bewaartermijnen`.
    package var bewaartermijnen = Bewaartermijnen()
    /// The first wait after a failed delivery, in seconds (`MELDPUNT_RETRY_BASE_SECONDS`, 25 by default).
    package var herhaalBasis = 25
    /// Every request is cancelled after this many seconds (`MELDPUNT_REQUEST_DEADLINE_SECONDS`);
    /// one with a body over 1 MB (uploads) gets five times as long.
    package var httpTermijn = 60
    /// The safety net's norms: `MELDPUNT_DOORLOOPTIJD` and `MELDPUNT_CONTACTRITME` as
    /// "laag=20,midden=40,hoog=60" (working days), `MELDPUNT_WAARSCHUWING_WERKDAGEN`.
    package var zorgnormen = Zorgnormen.standaard
    /// How people reach the meldpunt (`MELDPUNT_CONTACT_*`); example values outside production
    /// when none is set, nothing made up in production.
    package var contact = Meldpuntcontact.voorbeeld

    package static func uit(_ omgeving: [String: String], productie: Bool, ontwikkeling: Bool) throws -> Instellingen {
        func geheelGetal(_ naam: String, _ standaard: Int, _ bereik: ClosedRange<Int>) throws -> Int {
            guard let w = omgeving[naam], !w.isEmpty else { return standaard }
            guard let n = Int(w), bereik.contains(n) else {
                throw MeldpuntConfigFout("\(naam): verwacht een geheel getal van \(bereik.lowerBound) tot en met \(bereik.upperBound), niet '\(w)'")
            }
            return n
        }
        let host = omgeving["MELDPUNT_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        let poort = try geheelGetal("MELDPUNT_PORT", 8080, 0...65535)
        let url = omgeving["MELDPUNT_PUBLIC_URL"] ?? omgeving["MELDPUNT_PUBLIEKE_URL"]
        let publiekeUrl: String
        if let url, !url.isEmpty {
            guard let c = URLComponents(string: url), ["http", "https"].contains(c.scheme ?? ""), c.host?.isEmpty == false,
                  c.query == nil, c.fragment == nil, ApiConventiesMiddleware.veiligeHeaderwaarde(url)
            else { throw MeldpuntConfigFout("MELDPUNT_PUBLIC_URL: verwacht een adres als https://meldpunt.example.nl, niet '\(url)'") }
            if productie && c.scheme != "https" {
                throw MeldpuntConfigFout("MELDPUNT_PUBLIC_URL: in productie alleen https")
            }
            publiekeUrl = url.hasSuffix("/") ? String(url.dropLast()) : url
        } else if productie {
            throw MeldpuntConfigFout("MELDPUNT_PUBLIC_URL ontbreekt: het publieke adres (https://…) waarmee links in pagina's en berichten worden gemaakt")
        } else {
            publiekeUrl = "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(poort)"
        }
        let limieten = omgeving["MELDPUNT_RATE_LIMITS"]?.trimmingCharacters(in: .whitespaces)
        var perDeur: [String: Int] = [:]
        if let limieten, !["on", "off", ""].contains(limieten.lowercased()) {
            for deel in limieten.split(separator: ",") {
                let paar = deel.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
                guard paar.count == 2, Snelheidsbegrenzer.standaard[paar[0]] != nil, let n = Int(paar[1]), (1...100_000).contains(n) else {
                    throw MeldpuntConfigFout("MELDPUNT_RATE_LIMITS: off, on of per deur zoals inloggen=30,melden=10,status=60,publiekeApi=300; niet '\(limieten)'")
                }
                perDeur[paar[0]] = n
            }
        }
        let proxy = omgeving["MELDPUNT_TRUSTED_PROXY"]
        guard proxy == nil || ["0", "1", ""].contains(proxy!) else {
            throw MeldpuntConfigFout("MELDPUNT_TRUSTED_PROXY: 0 of 1, niet '\(proxy!)'")
        }
        let certHeaders = omgeving["MELDPUNT_CLIENTCERT_HEADERS"]
        guard certHeaders == nil || ["0", "1", ""].contains(certHeaders!) else {
            throw MeldpuntConfigFout("MELDPUNT_CLIENTCERT_HEADERS: 0 of 1, niet '\(certHeaders!)'")
        }
        if certHeaders == "1" && proxy != "1" {
            throw MeldpuntConfigFout("MELDPUNT_CLIENTCERT_HEADERS=1 vraagt ook MELDPUNT_TRUSTED_PROXY=1: alleen een proxy mag zeggen welk certificaat hij controleerde")
        }
        let buitenOntwikkeling = !ontwikkeling
        let oin = omgeving["MELDPUNT_OIN"].flatMap { $0.isEmpty ? nil : $0 } ?? Berichtgeving.standaardOIN
        guard oin.count == 20, oin.allSatisfy(\.isASCII), oin.allSatisfy(\.isNumber) else {
            throw MeldpuntConfigFout("MELDPUNT_OIN: verwacht 20 cijfers, niet '\(oin)'")
        }
        let mail: Mailinstelling
        if let url = omgeving["MELDPUNT_SMTP_URL"], !url.isEmpty {
            mail = .smtp(try SMTPInstelling.uit(url))
        } else if productie {
            throw MeldpuntConfigFout("MELDPUNT_SMTP_URL ontbreekt: smtp://host:25, smtp+starttls://gebruiker:wachtwoord@host:587 of smtps://gebruiker:wachtwoord@host:465")
        } else {
            mail = .map(omgeving["MELDPUNT_MAIL_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "data/mail")
        }
        let van = omgeving["MELDPUNT_MAIL_FROM"].flatMap { $0.isEmpty ? nil : $0 } ?? "Meldpunt <noreply@\(URLComponents(string: publiekeUrl)?.host ?? "localhost")>"
        guard ApiConventiesMiddleware.veiligeHeaderwaarde(van), van.contains("@") else {
            throw MeldpuntConfigFout("MELDPUNT_MAIL_FROM: verwacht een adres als 'Meldpunt <noreply@meldpunt.example.nl>', niet '\(van)'")
        }
        let privaat = omgeving["MELDPUNT_WEBHOOK_PRIVATE"]
        guard privaat == nil || ["0", "1", ""].contains(privaat!) else {
            throw MeldpuntConfigFout("MELDPUNT_WEBHOOK_PRIVATE: 0 of 1, niet '\(privaat!)'")
        }
        var i = Instellingen(
            host: host, poort: poort,
            snelheidslimieten: limieten?.lowercased() != "off",
            limietPerMinuut: perDeur,
            vertrouwProxy: proxy == "1",
            publiekeUrl: publiekeUrl,
            uploadBufferBytes: try geheelGetal("MELDPUNT_UPLOAD_BUFFER_MB", 96, 8...4096) * 1024 * 1024,
            contactnormWerkdagen: try geheelGetal("MELDPUNT_CONTACTNORM_WERKDAGEN", 2, 0...20),
            cookiePrefix: buitenOntwikkeling ? "__Host-" : "",
            veiligeCookies: buitenOntwikkeling)
        i.meldpuntOIN = oin
        i.clientcertHeaders = certHeaders == "1"
        if let lijst = omgeving["MELDPUNT_DMKS_OIN"], !lijst.isEmpty {
            let oins = lijst.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard oins.allSatisfy({ $0.count == 20 && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
                throw MeldpuntConfigFout("MELDPUNT_DMKS_OIN: verwacht een of meer OIN's van 20 cijfers, gescheiden door komma's, niet '\(lijst)'")
            }
            i.dmksOINs = Set(oins)
        }
        i.mail = mail
        i.mailVan = van
        i.privateCallbacks = privaat.map { $0 == "1" } ?? !productie
        i.herhaalBasis = try geheelGetal("MELDPUNT_RETRY_BASE_SECONDS", 25, 1...3600)
        i.httpTermijn = try geheelGetal("MELDPUNT_REQUEST_DEADLINE_SECONDS", 60, 1...600)
        for (naam, pad) in [("MELDPUNT_DOORLOOPTIJD", \Zorgnormen.doorlooptijd), ("MELDPUNT_CONTACTRITME", \Zorgnormen.contactritme)] {
            guard let w = omgeving[naam], !w.isEmpty else { continue }
            guard let norm = Zorgnormen.lees(w) else {
                throw MeldpuntConfigFout("\(naam): verwacht werkdagen per complexiteit als laag=20,midden=40,hoog=60 (elk 1 tot en met 250), niet '\(w)'")
            }
            i.zorgnormen[keyPath: pad] = norm
        }
        i.zorgnormen.waarschuwing = try geheelGetal("MELDPUNT_WAARSCHUWING_WERKDAGEN", 5, 1...30)
        i.contact = try Self.contact(omgeving, productie: productie)
        if let ca = omgeving["MELDPUNT_SMTP_CA_FILE"], !ca.isEmpty {
            guard FileManager.default.isReadableFile(atPath: ca) else { throw MeldpuntConfigFout("MELDPUNT_SMTP_CA_FILE: \(ca) is niet te lezen") }
            i.smtpCA = ca
        }
        if let url = omgeving["MELDPUNT_BRP_URL"], !url.isEmpty {
            guard let c = URLComponents(string: url), ["http", "https"].contains(c.scheme ?? ""), c.host?.isEmpty == false, c.query == nil else {
                throw MeldpuntConfigFout("MELDPUNT_BRP_URL: verwacht de basis van de BRP API, zoals https://brp.example.nl/haalcentraal/api/brp, niet '\(url)'")
            }
            if productie && c.scheme != "https" { throw MeldpuntConfigFout("MELDPUNT_BRP_URL: in productie alleen https") }
            var brp = BRPInstelling(url: url)
            brp.apiSleutel = omgeving["MELDPUNT_BRP_API_KEY"].flatMap { $0.isEmpty ? nil : $0 }
            if let s = brp.apiSleutel, !ApiConventiesMiddleware.veiligeHeaderwaarde(s) { throw MeldpuntConfigFout("MELDPUNT_BRP_API_KEY: alleen zichtbare ASCII-tekens") }
            for (naam, pad) in [("MELDPUNT_BRP_CERT_FILE", \BRPInstelling.certificaat), ("MELDPUNT_BRP_KEY_FILE", \BRPInstelling.sleutel), ("MELDPUNT_BRP_CA_FILE", \BRPInstelling.ca)] {
                guard let f = omgeving[naam], !f.isEmpty else { continue }
                guard FileManager.default.isReadableFile(atPath: f) else { throw MeldpuntConfigFout("\(naam): \(f) is niet te lezen") }
                brp[keyPath: pad] = f
            }
            if (brp.certificaat == nil) != (brp.sleutel == nil) {
                throw MeldpuntConfigFout("MELDPUNT_BRP_CERT_FILE en MELDPUNT_BRP_KEY_FILE horen bij elkaar: geef beide of geen van beide")
            }
            i.brp = brp
        }
        if let tekst = omgeving["MELDPUNT_BEWAARTERMIJNEN"]?.trimmingCharacters(in: .whitespaces), !tekst.isEmpty {
            switch Bewaartermijnen.uit(tekst) {
            case .success(let t): i.bewaartermijnen = t
            case .failure(let fout): throw MeldpuntConfigFout("MELDPUNT_BEWAARTERMIJNEN: \(fout.nl)")
            }
        }
        if let fg = omgeving["MELDPUNT_FG_EMAIL"]?.trimmingCharacters(in: .whitespaces), !fg.isEmpty {
            guard Berichtgeving.isAdres(fg) else { throw MeldpuntConfigFout("MELDPUNT_FG_EMAIL: verwacht een e-mailadres, niet '\(fg)'") }
            i.fgEmail = fg
        } else if productie {
            i.fgEmail = nil
        }
        if let url = omgeving["MELDPUNT_OTLP_ENDPOINT"]?.trimmingCharacters(in: .whitespaces), !url.isEmpty {
            guard let c = URLComponents(string: url), ["http", "https"].contains(c.scheme), let host = c.host, !host.isEmpty, c.query == nil else {
                throw MeldpuntConfigFout("MELDPUNT_OTLP_ENDPOINT: verwacht het OTLP/HTTP-adres van de collector, zoals https://collector.example.nl:4318, niet '\(url)'")
            }
            // The Logboek must be reached over TLS; only a collector on this machine may be plain.
            if productie && c.scheme != "https" && !["127.0.0.1", "localhost", "::1"].contains(host) {
                throw MeldpuntConfigFout("MELDPUNT_OTLP_ENDPOINT: in productie alleen https (of een collector op deze machine)")
            }
            let basis = url.hasSuffix("/") ? String(url.dropLast()) : url
            i.otlpTraces = basis.hasSuffix("/v1/traces") ? basis : basis + "/v1/traces"
        }
        return i
    }

    /// `MELDPUNT_CONTACT_TELEFOON` ("0800 123 45 67"), `MELDPUNT_CONTACT_BEREIKBAAR` ("Dutch text|English
    /// text"), `MELDPUNT_CONTACT_POSTADRES` (lines separated by "|"), `MELDPUNT_CONTACT_EMAIL`.
    static func contact(_ omgeving: [String: String], productie: Bool) throws -> Meldpuntcontact {
        func waarde(_ naam: String) -> String? {
            omgeving[naam].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        let namen = ["MELDPUNT_CONTACT_TELEFOON", "MELDPUNT_CONTACT_BEREIKBAAR", "MELDPUNT_CONTACT_POSTADRES", "MELDPUNT_CONTACT_EMAIL"]
        guard namen.contains(where: { waarde($0) != nil }) else { return productie ? Meldpuntcontact() : .voorbeeld }
        func regel(_ naam: String, _ w: String, max: Int) throws -> String {
            guard w.count <= max, w.unicodeScalars.allSatisfy({ $0.value >= 32 && $0.value != 127 && !(0x80...0x9F).contains($0.value) }) else {
                throw MeldpuntConfigFout("\(naam): hoogstens \(max) tekens per regel, zonder stuurtekens")
            }
            return w
        }
        var c = Meldpuntcontact()
        if let t = waarde("MELDPUNT_CONTACT_TELEFOON") {
            guard t.count <= 30, t.allSatisfy({ $0.isNumber || " +-()".contains($0) }), t.contains(where: \.isNumber) else {
                throw MeldpuntConfigFout("MELDPUNT_CONTACT_TELEFOON: verwacht een telefoonnummer als '0800 123 45 67', niet '\(t)'")
            }
            c.telefoon = t
        }
        if let b = waarde("MELDPUNT_CONTACT_BEREIKBAAR") {
            let delen = try b.split(separator: "|", omittingEmptySubsequences: false).map { try regel("MELDPUNT_CONTACT_BEREIKBAAR", $0.trimmingCharacters(in: .whitespaces), max: 100) }
            guard delen.count <= 2, !delen.contains(where: \.isEmpty) else {
                throw MeldpuntConfigFout("MELDPUNT_CONTACT_BEREIKBAAR: verwacht 'Nederlandse tekst|English text', niet '\(b)'")
            }
            c.bereikbaar = Tekst(delen[0], delen.last!)
        }
        if let a = waarde("MELDPUNT_CONTACT_POSTADRES") {
            let regels = try a.split(separator: "|").map { try regel("MELDPUNT_CONTACT_POSTADRES", $0.trimmingCharacters(in: .whitespaces), max: 60) }.filter { !$0.isEmpty }
            guard (1...4).contains(regels.count) else {
                throw MeldpuntConfigFout("MELDPUNT_CONTACT_POSTADRES: één tot vier regels, gescheiden door |, zoals 'Postbus 12345|2500 AA  Den Haag'")
            }
            c.postadres = regels
        }
        if let e = waarde("MELDPUNT_CONTACT_EMAIL") {
            guard Berichtgeving.isAdres(e) else { throw MeldpuntConfigFout("MELDPUNT_CONTACT_EMAIL: verwacht een e-mailadres, niet '\(e)'") }
            c.email = e
        }
        return c
    }

    package init(host: String = "127.0.0.1", poort: Int = 8080, snelheidslimieten: Bool = true, limietPerMinuut: [String: Int] = [:],
                 vertrouwProxy: Bool = false, publiekeUrl: String, uploadBufferBytes: Int = 96 * 1024 * 1024,
                 contactnormWerkdagen: Int = 2, cookiePrefix: String = "", veiligeCookies: Bool = false) {
        self.host = host
        self.poort = poort
        self.snelheidslimieten = snelheidslimieten
        self.limietPerMinuut = limietPerMinuut
        self.vertrouwProxy = vertrouwProxy
        self.publiekeUrl = publiekeUrl
        self.uploadBufferBytes = uploadBufferBytes
        self.contactnormWerkdagen = contactnormWerkdagen
        self.cookiePrefix = cookiePrefix
        self.veiligeCookies = veiligeCookies
    }
}

extension Application {
    private struct InstellingenKey: StorageKey { typealias Value = Instellingen }
    private struct BegrenzerKey: StorageKey { typealias Value = Snelheidsbegrenzer }

    /// Set once in `configure`, before any route runs.
    package var instellingen: Instellingen {
        get { storage[InstellingenKey.self]! }
        set { storage[InstellingenKey.self] = newValue }
    }

    package var snelheidsbegrenzer: Snelheidsbegrenzer {
        get { storage[BegrenzerKey.self] ?? Snelheidsbegrenzer(aan: false) }
        set { storage[BegrenzerKey.self] = newValue }
    }
}

package struct MeldpuntConfigFout: Error, CustomStringConvertible {
    package let description: String
    package init(_ d: String) { description = d }
}

/// Where the delivery worker hands mail.
package enum Mailinstelling: Sendable, Equatable {
    case smtp(SMTPInstelling)
    /// Development without SMTP: one .eml file per message in this folder.
    case map(String)
}

/// `MELDPUNT_SMTP_URL`: `smtp://host:port` (plain, a relay on the same host or network),
/// `smtp+starttls://user:pass@host:587`, or `smtps://user:pass@host:465`.
package struct SMTPInstelling: Sendable, Equatable {
    package enum Beveiliging: String, Sendable { case geen, starttls, tls }
    package let host: String
    package let poort: Int
    package let beveiliging: Beveiliging
    package let gebruiker: String?
    package let wachtwoord: String?

    package init(host: String, poort: Int, beveiliging: Beveiliging, gebruiker: String? = nil, wachtwoord: String? = nil) {
        self.host = host
        self.poort = poort
        self.beveiliging = beveiliging
        self.gebruiker = gebruiker
        self.wachtwoord = wachtwoord
    }

    package static func uit(_ url: String) throws -> SMTPInstelling {
        let fout = MeldpuntConfigFout("MELDPUNT_SMTP_URL: verwacht smtp://host:poort, smtp+starttls://gebruiker:wachtwoord@host:587 of smtps://gebruiker:wachtwoord@host:465")
        guard let c = URLComponents(string: url), let scheme = c.scheme, let host = c.host, !host.isEmpty, c.path.isEmpty || c.path == "/" else { throw fout }
        let beveiliging: Beveiliging
        switch scheme {
        case "smtp": beveiliging = .geen
        case "smtp+starttls": beveiliging = .starttls
        case "smtps": beveiliging = .tls
        default: throw fout
        }
        let poort = c.port ?? [.geen: 25, .starttls: 587, .tls: 465][beveiliging]!
        // Credentials only over TLS, never in the clear.
        if c.user != nil && beveiliging == .geen {
            throw MeldpuntConfigFout("MELDPUNT_SMTP_URL: een gebruikersnaam en wachtwoord alleen met smtp+starttls:// of smtps://")
        }
        return SMTPInstelling(host: host, poort: poort, beveiliging: beveiliging, gebruiker: c.user?.removingPercentEncoding, wachtwoord: c.password?.removingPercentEncoding)
    }
}
