import MeldpuntHTTP
import MeldpuntCore
import MeldpuntDomain
import Vapor

/// `/api/v1/meldingen`: intake from organisations' and intermediaries' systems, and case
/// handling by the meldpunt's own systems. Thin: decode, call `MeldingService`, encode.
struct MeldingenController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let m = routes.grouped("meldingen")
        m.on(.POST, body: .collect(maxSize: TerugmeldingenController.maxBody), use: maak)
        m.get(use: werkvoorraad)
        m.post("_zoek", use: zoek)
        routes.get("werklast", use: werklast)
        m.get(":zaaknummer", use: detail)
        m.post(":zaaknummer", "contactmomenten", use: contact)
        m.put(":zaaknummer", "behandelaar", use: behandelaar)
        m.put(":zaaknummer", "analyse", use: analyse)
        m.put(":zaaknummer", "rol", use: rol)
        m.put(":zaaknummer", "gevolgen", ":gevolgNummer", use: gevolgherstel)
        m.post(":zaaknummer", "notities", use: notitie)
        m.post(":zaaknummer", "berichten", use: bericht)
        m.put(":zaaknummer", "contactgegevens", use: contactgegevens)
        m.post(":zaaknummer", "heropeningen", use: heropen)
        m.get(":zaaknummer", "koppelingen", use: koppelingen)
        m.post(":zaaknummer", "koppelingen", use: koppel)
        m.on(.POST, ":zaaknummer", "bijlagen", body: .collect(maxSize: TerugmeldingenController.maxBody), use: document)
        m.put(":zaaknummer", "volgende-stap", use: volgendeStap)
        m.post(":zaaknummer", "statuswijzigingen", use: statuswijziging)
        m.post(":zaaknummer", "statuspagina-links", use: link)
        m.get(":zaaknummer", "bijlagen", ":bijlage", use: bijlage)
    }

    func maak(req: Request) async throws -> Response {
        let org = try req.vereisOrganisatie()
        let eenmalig = try req.idempotentie(org, soort: "melding").map {
            MeldingService.Eenmalig(sleutel: $0.sleutel, geheim: req.application.geheimen.eenmaligeWeergave, vingerafdruk: $0.vingerafdruk)
        }
        let verzoek = try req.content.decode(MeldingInvoer.self)
        let ontvangen = try await req.meldingen.intake.maak(verzoek, ingediendDoor: org, eenmalig: eenmalig)
        let response = try await ontvangen.encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/meldingen/\(ontvangen.zaaknummer)")
        return response
    }

    private func medewerker(_ req: Request) throws -> Handelende { Handelende(organisatie: try req.vereisOrganisatie()) }
    /// Writes on a case: only the meldpunt, decided before the body is read.
    private func behandelaar(_ req: Request) throws -> Handelende { Handelende(organisatie: try req.vereisOrganisatie(.meldpunt)) }
    private func zaaknummer(_ req: Request) throws -> Zaaknummer {
        if (req.parameters.get("zaaknummer") ?? "").hasPrefix("_") { throw AndereBron() }
        return try req.zaaknummer()
    }

    /// Who holds what, how old and how late: per behandelaar, the unassigned cases, the team.
    func werklast(req: Request) async throws -> WerklastOverzichtDTO {
        try await req.meldingen.overzicht.werklast(door: medewerker(req))
    }

    func werkvoorraad(req: Request) async throws -> Response {
        var fouten: [OngeldigeParameter] = []
        let paginering = Paginering(req, fouten: &fouten)
        var f = MeldingService.Werkvoorraad(pagina: paginering.pagina, paginagrootte: paginering.grootte)
        if let raw = req.queryWaarde("status") {
            let delen = raw.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
            let statussen = delen.compactMap(MeldingStatus.init(rawValue:))
            if statussen.count == delen.count { f.statussen = statussen } else {
                fouten.append(.init(api: "status", code: "enum", reason: "Kies uit: \(MeldingStatus.allCases.map(\.rawValue).joined(separator: ", ")); komma-gescheiden."))
            }
        }
        if let raw = req.queryWaarde("behandelaar") {
            if let id = UUID(uuidString: raw) { f.behandelaar = id } else {
                fouten.append(.init(api: "behandelaar", code: "uuid", reason: "Geef het id van een medewerker (uuid)."))
            }
        }
        if let raw = req.queryWaarde("contactTermijnOverschreden") {
            if let b = Bool(raw) { f.contactTermijnOverschreden = b } else {
                fouten.append(.init(api: "contactTermijnOverschreden", code: "boolean", reason: "true of false."))
            }
        }
        if let raw = req.queryWaarde("ongelezen") {
            if let b = Bool(raw) { f.ongelezen = b } else {
                fouten.append(.init(api: "ongelezen", code: "boolean", reason: "true of false."))
            }
        }
        if let raw = req.queryWaarde("verzoekTermijnOverschreden") {
            if let b = Bool(raw) { f.verzoekTermijnOverschreden = b } else {
                fouten.append(.init(api: "verzoekTermijnOverschreden", code: "boolean", reason: "true of false."))
            }
        }
        if let raw = req.queryWaarde("open") {
            if let b = Bool(raw) { f.alleenOpen = b } else { fouten.append(.init(api: "open", code: "boolean", reason: "true of false.")) }
        }
        if let raw = req.queryWaarde("volgendeStapVerlopen") {
            if let b = Bool(raw) { f.volgendeStapVerlopen = b } else { fouten.append(.init(api: "volgendeStapVerlopen", code: "boolean", reason: "true of false.")) }
        }
        if let raw = req.queryWaarde("sortering") {
            if let s = MeldingService.Sortering(rawValue: raw) { f.sortering = s } else {
                fouten.append(.init(api: "sortering", code: "enum", reason: "Een van: \(MeldingService.Sortering.allCases.map(\.rawValue).joined(separator: ", "))."))
            }
        }
        guard fouten.isEmpty else { throw Problem.ongeldig(fouten) }
        let (items, totaal) = try await req.meldingen.overzicht.werkvoorraad(f, door: medewerker(req))
        return try await paginering.antwoord(items, totaal: totaal, req)
    }

    /// Search in the body, so a name or BSN never ends up in a URL or a log. A field that is
    /// given must be valid, also when empty; null counts as not given.
    func zoek(req: Request) async throws -> [MeldingSamenvattingDTO] {
        let door = try behandelaar(req)
        _ = try req.vereisOrganisatie(.meldpunt)
        let v = try req.content.decode(MeldingZoekInvoer.self)
        var f = MeldingService.Werkvoorraad(paginagrootte: 100)
        var fouten: [OngeldigeParameter] = []
        if v.zaaknummer == nil && v.naam == nil && v.bsn == nil {
            fouten.append(.init(api: "zaaknummer", code: "required", reason: "Zoek op zaaknummer, naam of BSN."))
        }
        // As the document's constraints count: the pattern exactly, lengths in code points.
        if let z = v.zaaknummer {
            if let nummer = Zaaknummer(z.trimmingCharacters(in: .whitespaces)) { f.zaaknummer = nummer.description } else {
                fouten.append(.init(api: "zaaknummer", code: "pattern", reason: "Een zaaknummer ziet eruit als MFO-2026-000123."))
            }
        }
        if let naam = v.naam {
            if (2...BehandelLimieten.maxKort).contains(naam.schemaLengte) { f.naam = naam.trimmingCharacters(in: .whitespaces) } else {
                fouten.append(.init(api: "naam", code: "length", reason: "Zoek met 2 tot \(BehandelLimieten.maxKort) tekens."))
            }
        }
        if let b = v.bsn?.replacingOccurrences(of: " ", with: "") {
            do { try BSN.check(b); f.bsn = b } catch { fouten.append(.init(api: "bsn", code: error.code, reason: error.reason)) }
        }
        guard fouten.isEmpty else { throw Problem.ongeldig(fouten) }
        return try await req.meldingen.overzicht.werkvoorraad(f, door: door).items
    }

    /// The meldpunt sees the whole case; the organisation that filed it, its progress as the melder sees it.
    func detail(req: Request) async throws -> Response {
        let org = try req.vereisOrganisatie()
        if org.heeft(.meldpunt) {
            return try await req.meldingen.overzicht.detail(try zaaknummer(req), door: Handelende(organisatie: org)).encodeResponse(for: req)
        }
        return try await req.meldingen.melderportaal.voorIndiener(try zaaknummer(req), org).encodeResponse(for: req)
    }

    func contact(req: Request) async throws -> MeldingDetailDTO {
        let door = try behandelaar(req)
        let invoer = try req.content.decode(ContactInvoer.self)
        return try await req.meldingen.behandeling.legContactVast(try zaaknummer(req), invoer, door: door)
    }

    func behandelaar(req: Request) async throws -> MeldingDetailDTO {
        let door = try behandelaar(req)
        let invoer = try req.content.decode(ToewijzingInvoer.self).email
        return try await req.meldingen.behandeling.wijsToe(try zaaknummer(req), email: invoer, door: door)
    }

    func analyse(req: Request) async throws -> MeldingDetailDTO {
        let door = try behandelaar(req)
        let invoer = try req.content.decode(AnalyseInvoer.self)
        return try await req.meldingen.behandeling.legAnalyseVast(try zaaknummer(req), invoer, door: door)
    }

    func gevolgherstel(req: Request) async throws -> MeldingDetailDTO {
        let door = try behandelaar(req)
        guard let n = req.parameters.get("gevolgNummer").flatMap(Int.init), n > 0 else { throw Weigering.nietGevonden(.gevolg) }
        let invoer = try req.content.decode(GevolgherstelInvoer.self)
        return try await req.meldingen.behandeling.zetGevolgherstel(try zaaknummer(req), nummer: n, invoer, door: door)
    }

    func rol(req: Request) async throws -> MeldingDetailDTO {
        let door = try behandelaar(req)
        let invoer = try req.content.decode(RolkeuzeInvoer.self)
        return try await req.meldingen.behandeling.kiesRol(try zaaknummer(req), invoer, door: door)
    }

    func notitie(req: Request) async throws -> MeldingDetailDTO {
        let door = try behandelaar(req)
        let invoer = try req.content.decode(TekstInvoer.self).tekst
        return try await req.meldingen.behandeling.schrijf(try zaaknummer(req), tekst: invoer, aanMelder: false, door: door)
    }

    func bericht(req: Request) async throws -> MeldingDetailDTO {
        let door = try behandelaar(req)
        let invoer = try req.content.decode(TekstInvoer.self).tekst
        return try await req.meldingen.behandeling.schrijf(try zaaknummer(req), tekst: invoer, aanMelder: true, door: door)
    }

    func contactgegevens(req: Request) async throws -> MeldingDetailDTO {
        let door = try behandelaar(req)
        return try await req.meldingen.behandeling.corrigeerContactgegevens(try zaaknummer(req), try req.content.decode(ContactgegevensInvoer.self), door: door)
    }

    /// A document staff add (a letter received, call notes), checked as the melder's files.
    func document(req: Request) async throws -> Response {
        let door = try behandelaar(req)
        let b = try req.content.decode(TerugmeldingInvoer.Bijlage.self)
        let data: Data
        switch valideerBijlage(b) {
        case .success(let d): data = d
        case .failure(let f): throw Weigering.ongeldig(f.fouten.map { OngeldigeParameter(Veld($0.veld), code: $0.code, uitleg: $0.reden) })
        }
        let d = try await req.meldingen.behandeling.voegDocumentToe(try zaaknummer(req), bestandsnaam: b.bestandsnaam ?? "", data: data, door: door)
        return try await d.encodeResponse(status: .created, for: req)
    }

    func koppelingen(req: Request) async throws -> [KoppelingDTO] {
        try await req.meldingen.behandeling.koppelingen(try zaaknummer(req), door: try behandelaar(req))
    }

    func koppel(req: Request) async throws -> Response {
        let door = try behandelaar(req)
        let d = try await req.meldingen.behandeling.koppel(try zaaknummer(req), try req.content.decode(KoppelingInvoer.self), door: door)
        return try await d.encodeResponse(status: .created, for: req)
    }

    func heropen(req: Request) async throws -> MeldingDetailDTO {
        let door = try behandelaar(req)
        return try await req.meldingen.behandeling.heropen(try zaaknummer(req), reden: try req.content.decode(RedenInvoer.self).reden, door: door)
    }

    func volgendeStap(req: Request) async throws -> MeldingDetailDTO {
        let door = try behandelaar(req)
        let invoer = try req.content.decode(VolgendeStapInvoer.self)
        return try await req.meldingen.behandeling.zetVolgendeStap(try zaaknummer(req), invoer, door: door)
    }

    func statuswijziging(req: Request) async throws -> MeldingDetailDTO {
        let door = try behandelaar(req)
        let invoer = try req.content.decode(MeldingStatuswijzigingInvoer.self)
        return try await req.meldingen.behandeling.wijzigStatus(try zaaknummer(req), invoer, door: door)
    }

    func link(req: Request) async throws -> Response {
        let door = try medewerker(req)
        let link = try await req.meldingen.behandeling.vernieuwLink(try zaaknummer(req), door: door)
        return try await link.encodeResponse(status: .created, for: req)
    }

    func bijlage(req: Request) async throws -> Response {
        let door = try medewerker(req)
        guard let id = req.parameters.get("bijlage").flatMap(UUID.init(uuidString:)) else { throw Problem.nietGevonden() }
        let (b, data) = try await req.meldingen.overzicht.bijlage(try zaaknummer(req), id, door: door)
        return Response.download(b.bestandsnaam, b.mimeType, data)
    }
}
