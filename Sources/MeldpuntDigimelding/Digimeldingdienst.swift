import Crypto
import FluentKit
import Foundation
import MeldpuntCore
import MeldpuntDomain

/// The Digimelding door onto the terugmeld engine: the same terugmelding, rules, deadlines,
/// events and processing log as the JSON API and the portals, spoken as DMKS 1.3 annotations.
package struct Digimeldingdienst {
    package let terugmeldingen: TerugmeldingService
    package let beller: OrganisatieDTO
    /// The OINs this service answers for as the BRP's holder; empty accepts any well-formed OIN.
    package let oinsBasisregistratie: Set<String>

    package static let maxOverzicht = 1_000
    /// How far a system's clock may run ahead of ours, in seconds.
    package static let klokspeling: TimeInterval = 300
    /// Routes a tree without a bronhouder to the gemeente van inschrijving, where configured.
    package var brp: BRPRaadpleging?

    package init(terugmeldingen: TerugmeldingService, beller: OrganisatieDTO, oinsBasisregistratie: Set<String> = []) {
        self.terugmeldingen = terugmeldingen
        self.beller = beller
        self.oinsBasisregistratie = oinsBasisregistratie
    }

    var db: any Database { terugmeldingen.db }
    var nu: Date { terugmeldingen.nu }

    /// The answer envelope, or a fault to send instead.
    package func verwerk(_ verzoek: DMKSVerzoek) async throws -> String {
        if let r = verzoek.registratie, r.uppercased() != "BRP" {
            throw DMKSFout(.kanNietVerwerken, "Deze dienst behandelt alleen terugmeldingen op de BRP, niet op registratie \(r).")
        }
        if !oinsBasisregistratie.isEmpty && !oinsBasisregistratie.contains(verzoek.oinBasisregistratie) {
            throw DMKSFout(.kanNietVerwerken, "OinBasisregistratie \(verzoek.oinBasisregistratie) is niet de houder van de BRP die deze dienst bedient (\(oinsBasisregistratie.sorted().joined(separator: ", "))).")
        }
        switch verzoek {
        case .echo(_, _, let echo):
            return DMKSSchrijver.echo(echo)
        case .annotatieToevoegen(_, _, .boom(let annotaties)):
            return try await voegToe(annotaties)
        case .annotatieToevoegen(_, _, .annotatie(let a)):
            return try await voegToe([a])
        case .statusoverzicht(let vragend, _, _, let filter):
            try controleerVragend(vragend)
            return DMKSSchrijver.statusoverzicht(try await statusoverzicht(filter))
        case .details(let vragend, _, _, let uuid):
            try controleerVragend(vragend)
            return DMKSSchrijver.details(try await boom(uuid))
        }
    }

    func controleerVragend(_ oin: String) throws {
        guard let eigen = beller.oin, eigen == oin else {
            throw DMKSFout(.nietGeautoriseerd, "OinVragendeOrganisatie \(oin) is niet de organisatie waarmee u bent aangemeld"
                           + (beller.oin.map { " (\($0))." } ?? "; uw organisatie heeft geen OIN in Meldpunt."))
        }
    }

    // MARK: AnnotatieToevoegen

    func voegToe(_ annotaties: [Annotatie]) async throws -> String {
        var gezien: Set<UUID> = []
        for a in annotaties {
            guard a.basis.oin == beller.oin else {
                throw DMKSFout(.nietGeautoriseerd, "Annotatie \(a.basis.uuid.uuidString.lowercased()) is geannoteerd door OIN \(a.basis.oin); u bent aangemeld als "
                               + (beller.oin ?? "een organisatie zonder OIN") + ". Een systeem annoteert alleen uit naam van de eigen organisatie.")
            }
            // The latest GeannoteerdOp is the current status (DMKS 1.3): a clock ahead would make it so.
            guard a.basis.geannoteerdOp <= nu.addingTimeInterval(Self.klokspeling) else {
                throw DMKSFout(.kanNietVerwerken, "GeannoteerdOp van annotatie \(a.basis.uuid.uuidString.lowercased()) ligt in de toekomst (\(DMKSSchrijver.tijd(a.basis.geannoteerdOp))). Controleer de klok van uw systeem.")
            }
            guard gezien.insert(a.basis.uuid).inserted else {
                throw DMKSFout(.kanNietVerwerken, "UUID \(a.basis.uuid.uuidString.lowercased()) komt meer dan eens voor in het bericht.")
            }
        }
        let wortels = annotaties.filter { if case .terugmelding = $0 { true } else { false } }
        switch wortels.count {
        case 1: return try await nieuweTerugmelding(wortels[0], bladeren: annotaties.filter { $0 != wortels[0] })
        case 0: return try await aanpassing(annotaties)
        default: throw DMKSFout(.kanNietVerwerken, "Eén terugmelding per bericht: deze AnnotatieBoom bevat \(wortels.count) Terugmelding-annotaties.")
        }
    }

    func nieuweTerugmelding(_ wortel: Annotatie, bladeren: [Annotatie]) async throws -> String {
        guard beller.heeft(.afnemer) || beller.heeft(.meldpunt) else {
            throw DMKSFout(.nietGeautoriseerd, "Uw organisatie is in Meldpunt geen afnemer en kan niet terugmelden.")
        }
        let root = wortel.basis.uuid
        for b in bladeren where b.basis.verwijzing != nil && b.basis.verwijzing != root {
            throw DMKSFout(.kanNietVerwerken, "\(b.soort) \(b.basis.uuid.uuidString.lowercased()) verwijst naar een andere annotatie dan de terugmelding in dit bericht.")
        }
        // A status leaf that names no status is the Gemeld every new terugmelding starts with:
        // kept so, since the answers require a status.
        let bladeren = bladeren.map { b -> Annotatie in
            if case .status(let basis, nil, let type) = b { return .status(basis, status: TerugmeldingStatus.gemeld.rawValue, statustype: type) }
            return b
        }
        let rijen = try ([wortel] + bladeren).map { a in try rij(a, terugmelding: root, volgnummer: 1) }
        // A retry of a tree that already arrived (Digikoppeling delivers at least once) gets the
        // same acknowledgement; another tree under the same UUID does not.
        if let antwoord = try await herhaling(root, rijen) { return antwoord }
        let vertaald = try await DMKSVertaling.terugmelding(wortel, bladeren: bladeren, bronhouder: bronhoudercode) { [brp, beller] bsn in
            guard case .gevonden(let i)? = try await brp?.inschrijving(bsn, doel: .routeren, organisatie: beller.id, terugmelding: root) else { return nil }
            return i.gemeentecode
        }
        // Every annotation as received, the leaves pointing at the root as the tree says.
        let vastlegging = Vastlegging(id: root, eersteStatus: vertaald.eersteStatus, bijlagen: vertaald.bijlagen, annotaties: rijen)
        do {
            _ = try await terugmeldingen.maak(vertaald.invoer, door: beller, vastlegging: vastlegging)
        } catch let w as Weigering {
            throw DMKSVertaling.fout(w)
        } catch {
            // The same tree at the same moment (a retry overtaking the first): acknowledged once it is there.
            if let antwoord = try await herhaling(root, rijen) { return antwoord }
            if try await bestaatAl(([wortel] + bladeren).map(\.basis.uuid)) {
                throw DMKSFout(.kanNietVerwerken, "Een van de UUID's in dit bericht is al in gebruik. Kies nieuwe UUID's.")
            }
            throw error
        }
        return DMKSSchrijver.annotatieToevoegen(tijdstempel: nu, verwijzing: root)
    }

    /// The acknowledgement again when exactly these annotations are already stored under this
    /// root by the caller; a fault when the UUIDs are taken by something else; nil when new.
    func herhaling(_ root: UUID, _ rijen: [Annotatierij], verwijzing: UUID? = nil) async throws -> String? {
        let ids = rijen.compactMap(\.id)
        let bestaand = try await Annotatierij.query(on: db).filter(\.$id ~~ ids).all()
        if bestaand.isEmpty {
            guard try await bestaatAl(ids) else { return nil }
        }
        let opgeslagen = Dictionary(bestaand.compactMap { r in r.id.map { ($0, r) } }, uniquingKeysWith: { a, _ in a })
        let zelfde = rijen.allSatisfy { r in opgeslagen[r.id!].map { $0.$terugmelding.id == root && $0.inhoud == r.inhoud } ?? false }
        guard zelfde, let tm = try await Terugmelding.find(root, on: db),
              tm.$afnemer.id == beller.id || tm.$bijhouder.id == beller.id
        else {
            throw DMKSFout(.kanNietVerwerken, "Een van de UUID's in dit bericht is al in gebruik voor iets anders. Kies nieuwe UUID's.")
        }
        return DMKSSchrijver.annotatieToevoegen(tijdstempel: nu, verwijzing: verwijzing ?? root)
    }

    /// Leaves added to an existing tree: a status (withdrawal by the afnemer, the rest by the
    /// bronhouder) with its planning and forwarding, or contact details and references on their own.
    func aanpassing(_ annotaties: [Annotatie]) async throws -> String {
        let verwijzingen = Set(annotaties.map(\.basis.verwijzing))
        guard verwijzingen.count == 1, let root = verwijzingen.first ?? nil else {
            throw DMKSFout(.kanNietVerwerken, "Een annotatie bij een bestaande terugmelding verwijst met Annotatieverwijzing naar de UUID van die terugmelding; alle annotaties in één bericht naar dezelfde.")
        }
        // Party first: whether a UUID exists is no one else's business.
        let tm: Terugmelding
        do {
            tm = try await terugmeldingen.zoekAlsPartij(root, beller, beller.terugmeldPartijen)
        } catch let w as Weigering { throw DMKSVertaling.fout(w) }
        let statussen = annotaties.filter { if case .status = $0 { true } else { false } }
        if annotaties.contains(where: { if case .bijlage = $0 { true } else { false } }) {
            throw DMKSFout(.kanNietVerwerken, "Bijlagen gaan mee met de terugmelding zelf; een bijlage achteraf toevoegen kan niet.")
        }
        // Each leaf from its own side: the afnemer's reference and contact, the bronhouder's handler.
        let isAfnemer = tm.$afnemer.id == beller.id && beller.terugmeldPartijen.contains(.afnemer)
        let isBijhouder = tm.$bijhouder.id == beller.id && beller.terugmeldPartijen.contains(.bijhouder)
        for a in annotaties {
            switch a {
            case .referentiekenmerk, .contact(_, .melder, _, _, _, _):
                guard isAfnemer else { throw DMKSFout(.nietGeautoriseerd, "Een \(a.soort) van de melder geeft alleen de afnemer die terugmeldde.") }
            case .contact(_, .behandelaar, _, _, _, _):
                guard isBijhouder else { throw DMKSFout(.nietGeautoriseerd, "Contactinformatie van de behandelaar geeft alleen de huidige bronhouder.") }
            default: break
            }
        }
        // Set to the new step's number where a status comes with them.
        let rijen = try annotaties.map { try rij($0, terugmelding: root, volgnummer: tm.laatsteVolgnummer) }
        if let antwoord = try await herhaling(root, rijen, verwijzing: (statussen.first ?? annotaties[0]).basis.uuid) { return antwoord }
        guard let statusannotatie = statussen.first else {
            if annotaties.contains(where: { if case .planning = $0 { true } else if case .bronhouder = $0 { true } else { false } }) {
                throw DMKSFout(.kanNietVerwerken, "Een Planningsverwachting of BehandelendeBronhouder hoort bij een Annotatiestatus (Ingepland, Verkeerde Bronhouder).")
            }
            // Nothing is added to a terugmelding that is finished (or erased for its person).
            guard !tm.status.isTerminal else {
                throw DMKSFout(.kanNietVerwerken, "De terugmelding is \(tm.status.rawValue.lowercased()); er kan niets meer aan worden toegevoegd.")
            }
            let nu = nu, traceID = terugmeldingen.traceID, beller = beller, betrokkene = tm.betrokkeneHash
            do {
                try await terugmeldingen.schrijver.schrijf(op: db) { tx in
                    for r in rijen { try await r.create(on: tx) }
                    // The last change, for Statusoverzicht's window on it (DMKS 1.3 note 4).
                    try await Terugmelding.query(on: tx).filter(\.$id == root).set(\.$gewijzigdOp, to: nu).update()
                    try await Verwerkingslog.schrijf([Verwerkingslog.regel(.annotatieToevoegen, organisatie: beller.id, terugmelding: root,
                                                                           betrokkene: betrokkene, traceID: traceID, tijdstip: nu)], on: tx)
                }
            } catch {
                if let antwoord = try await herhaling(root, rijen, verwijzing: annotaties[0].basis.uuid) { return antwoord }
                throw error
            }
            return DMKSSchrijver.annotatieToevoegen(tijdstempel: nu, verwijzing: annotaties[0].basis.uuid)
        }
        guard statussen.count == 1, case .status(let basis, let status, _) = statusannotatie else {
            throw DMKSFout(.kanNietVerwerken, "Hoogstens één Annotatiestatus per bericht.")
        }
        var invoer = StatuswijzigingInvoer(status: status ?? "", toelichting: basis.toelichting)
        for a in annotaties {
            switch a {
            case .planning(_, _, let tijdstempel):
                invoer.verwachteDatum = tijdstempel.map { Dag($0).description }
            case .bronhouder(_, let bronhouder):
                let (gemeente, abo) = try await bronhoudercode(bronhouder)
                invoer.gemeentecode = gemeente
                invoer.rniDeelnemer = abo
            default: break
            }
        }
        do {
            _ = try await terugmeldingen.wijzigStatus(try tm.requireID(), invoer, door: beller, als: beller.terugmeldPartijen, vastlegging: (basis.uuid, rijen))
        } catch let w as Weigering {
            throw DMKSVertaling.fout(w)
        }
        return DMKSSchrijver.annotatieToevoegen(tijdstempel: nu, verwijzing: basis.uuid)
    }

    /// A bronhouder as DMKS names it: a gemeentecode, or an OIN of a connected organisation.
    func bronhoudercode(_ waarde: String) async throws -> (gemeente: String?, rniDeelnemer: String?) {
        let w = waarde.trimmingCharacters(in: .whitespaces)
        if w.count == 20, w.allSatisfy(\.isNumber) {
            guard let org = try await Organisatie.query(on: db).filter(\.$oin == w).first() else {
                throw DMKSFout(.kanNietVerwerken, "Er is in Meldpunt geen bronhouder met OIN \(w).")
            }
            if let code = org.gemeentecode { return (code, nil) }
            if let abo = org.rniDeelnemerCode { return (nil, abo) }
            throw DMKSFout(.kanNietVerwerken, "De organisatie met OIN \(w) is geen bronhouder van de BRP.")
        }
        // "GM0363" as CBS writes it, or the bare four digits; the engine judges the rest.
        return (Gemeentecode.zonderCBSVoorvoegsel(w), nil)
    }

    func bestaatAl(_ ids: [UUID]) async throws -> Bool {
        guard !ids.isEmpty else { return false }
        async let tm = Terugmelding.query(on: db).filter(\.$id ~~ ids).count()
        async let stap = Statuswijziging.query(on: db).filter(\.$id ~~ ids).count()
        async let bijlage = Bijlage.query(on: db).filter(\.$id ~~ ids).count()
        async let annotatie = Annotatierij.query(on: db).filter(\.$id ~~ ids).count()
        return try await tm + stap + bijlage + annotatie > 0
    }

    func rij(_ a: Annotatie, terugmelding: UUID, volgnummer: Int) throws -> Annotatierij {
        var kaal = a.zonderBijlagedata
        // Leaves of a new tree may leave the reference out; kept as the tree means it.
        if kaal.basis.verwijzing == nil && kaal.basis.uuid != terugmelding { kaal = kaal.metVerwijzing(terugmelding) }
        return Annotatierij(id: a.basis.uuid, terugmelding: terugmelding, soort: a.soort, ontvangenOp: nu, volgnummer: volgnummer,
                            inhoud: String(decoding: try JSONEncoder.compact.encode(kaal), as: UTF8.self))
    }

    // MARK: Statusoverzicht

    func statusoverzicht(_ filter: Statusfilter) async throws -> [Overzichtregel] {
        var q = Terugmelding.query(on: db).filter(\.$afnemer.$id == beller.id)
        if !filter.kenmerken.isEmpty { q = q.filter(\.$referentiekenmerk ~~ filter.kenmerken) }
        if let t = filter.ingediendVanaf { q = q.filter(\.$ontvangenOp >= t) }
        if let t = filter.ingediendTotEnMet { q = q.filter(\.$ontvangenOp <= t) }
        if let t = filter.gewijzigdVanaf { q = q.filter(\.$gewijzigdOp >= t) }
        if let t = filter.gewijzigdTotEnMet { q = q.filter(\.$gewijzigdOp <= t) }
        if let s = filter.status {
            guard let status = TerugmeldingStatus(lenient: s) else {
                throw DMKSFout(.kanNietVerwerken, "StatusTerugmelding '\(s)' is bij de BRP niet bekend. Kies uit: \(TerugmeldingStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            q = q.filter(\.$status == status)
        }
        if let o = filter.objectidentificatie {
            let sleutel = o.count == 9 ? "bsn:" + o : "anummer:" + o
            q = q.filter(\.$betrokkeneHash == terugmeldingen.pseudoniemen.pseudoniem(sleutel))
        }
        let gevonden = try await q.sort(\.$ontvangenOp).sort(\.$id).limit(Self.maxOverzicht + 1).all()
        if gevonden.count > Self.maxOverzicht {
            throw DMKSFout(.kanNietVerwerken, "Meer dan \(Self.maxOverzicht) terugmeldingen passen bij dit filter. Verfijn het, bijvoorbeeld met VanafTijdstempelWijziging.")
        }
        guard !gevonden.isEmpty else { return [] }
        let ids = try gevonden.map { try $0.requireID() }
        // Only what the answer shows: each tree's root as sent and its latest step.
        async let stappenRijen = Statuswijziging.query(on: db).filter(\.$terugmelding.$id ~~ ids).sort(\.$volgnummer).all()
        async let wortelRijen = Annotatierij.query(on: db).filter(\.$id ~~ ids).all()
        let stappen = try await stappenRijen
        var laatste: [UUID: Statuswijziging] = [:]
        for s in stappen { laatste[s.$terugmelding.id] = s }
        let stapIDs = laatste.values.compactMap(\.id), orgIDs = Set(laatste.values.compactMap(\.$organisatie.id))
        async let statusRijen = Annotatierij.query(on: db).filter(\.$id ~~ stapIDs).all()
        let orgs = try await oins(orgIDs)
        let bewaard = try Dictionary((try await wortelRijen + statusRijen).map { ($0.id!, try $0.annotatie()) }, uniquingKeysWith: { a, _ in a })
        try await terugmeldingen.logboek(gevonden.map {
            Verwerkingslog.regel(.inLijst, organisatie: beller.id, terugmelding: $0.id, betrokkene: $0.betrokkeneHash, traceID: terugmeldingen.traceID, tijdstip: nu)
        })
        return try gevonden.map { tm in
            let id = try tm.requireID()
            let bron: Bronverwijzing = if case .terugmelding(_, let bronnen, _, _)? = bewaard[id], let eerste = bronnen.first { eerste }
                else { DMKSVertaling.bronverwijzing(bsn: tm.bsn, anummer: tm.anummer, adres: tm.adres) }
            let stap = laatste[id]
            let status: Annotatie = stap.flatMap { bewaard[$0.id!] }
                ?? DMKSVertaling.status(stap, root: id, oin: stap?.$organisatie.id.flatMap { orgs[$0] } ?? "", terugvallend: tm)
            return Overzichtregel(tijdstempel: tm.ontvangenOp, uuid: id, kenmerk: tm.referentiekenmerk ?? "", bronverwijzing: bron, status: status)
        }
    }

    func oins(_ ids: Set<UUID>) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let rijen = try await Organisatie.query(on: db).filter(\.$id ~~ Array(ids)).all()
        return Dictionary(rijen.compactMap { o in o.oin.map { (o.id!, $0) } }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: DetailsTerugmelding

    func boom(_ uuid: UUID) async throws -> [Annotatie] {
        let tm: Terugmelding
        do {
            tm = try await terugmeldingen.zoekAlsPartij(uuid, beller, beller.terugmeldPartijen)
        } catch let w as Weigering { throw DMKSVertaling.fout(w) }
        let id = try tm.requireID()
        async let logregel: Void = terugmeldingen.logboek([Verwerkingslog.regel(.raadplegen, organisatie: beller.id, terugmelding: id, betrokkene: tm.betrokkeneHash,
                                                                                 traceID: terugmeldingen.traceID, tijdstip: nu)])
        async let inhoudRij = TerugmeldingInhoud.find(id, on: db)
        async let stappenRijen = Statuswijziging.query(on: db).filter(\.$terugmelding.$id == id).sort(\.$volgnummer).all()
        async let bijlagenRijen = Bijlage.query(on: db).filter(\.$terugmelding.$id == id).sort(\.$gegevenIndex).all()
        async let opgeslagenRijen = Annotatierij.query(on: db).filter(\.$terugmelding.$id == id).all()
        let stappen = try await stappenRijen
        let orgIDs = Set(stappen.flatMap { [$0.$organisatie.id, $0.$nieuweBijhouder.id].compactMap { $0 } } + [tm.$afnemer.id])
        let orgs = try await Organisatie.query(on: db).filter(\.$id ~~ Array(orgIDs)).all()
        let invoer = try await inhoudRij.flatMap { try $0.invoer() }
        let boom = DMKSVertaling.boom(tm, invoer: invoer, stappen: stappen, bijlagen: try await bijlagenRijen,
                                      opgeslagen: try (try await opgeslagenRijen).sorted { ($0.volgnummer, $0.ontvangenOp) < ($1.volgnummer, $1.ontvangenOp) }.map { ($0.volgnummer, try $0.annotatie()) },
                                      organisaties: Dictionary(orgs.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a }))
        try await logregel
        return boom
    }
}

extension Annotatierij {
    func annotatie() throws -> Annotatie { try JSONDecoder().decode(Annotatie.self, from: Data(inhoud.utf8)) }
}

extension Annotatie {
    func metVerwijzing(_ root: UUID) -> Annotatie {
        var b = basis
        b.verwijzing = root
        return metBasis(b)
    }

    func metBasis(_ b: Annotatiebasis) -> Annotatie {
        switch self {
        case .terugmelding(_, let x, let y, let z): .terugmelding(b, bronverwijzingen: x, attributen: y, peilmoment: z)
        case .status(_, let x, let y): .status(b, status: x, statustype: y)
        case .referentiekenmerk(_, let x): .referentiekenmerk(b, kenmerk: x)
        case .contact(_, let t, let n, let tel, let e, let af): .contact(b, type: t, naam: n, telefoon: tel, email: e, afdeling: af)
        case .bijlage(_, let n, let m, let d, let be): .bijlage(b, bestandsnaam: n, mimeType: m, data: d, beschrijving: be)
        case .planning(_, let a, let t): .planning(b, aanduiding: a, tijdstempel: t)
        case .bronhouder(_, let x): .bronhouder(b, bronhouder: x)
        }
    }
}
