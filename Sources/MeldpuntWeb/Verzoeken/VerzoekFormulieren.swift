import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// One form on a request's page for the meldpunt: the step it asks on that request.
protocol MeldpuntVerzoekFormulier: Formulier {
    static var actie: CoordinatieWebController.MeldpuntActie { get }
    func voerUit(_ zaaknummer: Zaaknummer, _ verzoek: UUID, door: Handelende, _ req: Request) async throws
}

struct BerichtAanPartnerFormulier: MeldpuntVerzoekFormulier {
    static let actie = CoordinatieWebController.MeldpuntActie.bericht
    var tekst: String?
    func voerUit(_ z: Zaaknummer, _ v: UUID, door g: Handelende, _ req: Request) async throws {
        _ = try await req.meldingen.verzoeken.schrijfAanPartner(z, v, tekst: tekst, door: g)
    }
}

struct VerslagFormulier: MeldpuntVerzoekFormulier {
    static let actie = CoordinatieWebController.MeldpuntActie.verslag
    var tekst: String?
    func voerUit(_ z: Zaaknummer, _ v: UUID, door g: Handelende, _ req: Request) async throws {
        _ = try await req.meldingen.verzoeken.schrijfAanPartner(z, v, tekst: tekst, verslag: true, door: g)
    }
}

struct TermijnZettenFormulier: MeldpuntVerzoekFormulier {
    static let actie = CoordinatieWebController.MeldpuntActie.termijn
    var uiterlijk, toelichting: String?
    func voerUit(_ z: Zaaknummer, _ v: UUID, door g: Handelende, _ req: Request) async throws {
        _ = try await req.meldingen.verzoeken.zetTermijn(z, v, TermijnInvoer(uiterlijk: uiterlijk, toelichting: toelichting), door: g)
    }
}

struct VerzoekEscalerenFormulier: MeldpuntVerzoekFormulier {
    static let actie = CoordinatieWebController.MeldpuntActie.escaleren
    var reden: String?
    func voerUit(_ z: Zaaknummer, _ v: UUID, door g: Handelende, _ req: Request) async throws {
        _ = try await req.meldingen.verzoeken.escaleerVerzoek(z, v, reden: reden, door: g)
    }
}

struct EscalatieAfwijzenFormulier: MeldpuntVerzoekFormulier {
    static let actie = CoordinatieWebController.MeldpuntActie.escalatieAfwijzen
    var reden: String?
    func voerUit(_ z: Zaaknummer, _ v: UUID, door g: Handelende, _ req: Request) async throws {
        _ = try await req.meldingen.verzoeken.wijsEscalatieAf(z, v, reden: reden, door: g)
    }
}

/// One form on a request's page for the partner it is addressed to.
protocol PartnerFormulier: Formulier {
    static var actie: CoordinatieWebController.PartnerActie { get }
    func voerUit(_ verzoek: UUID, door: Handelende, _ req: Request) async throws
}

struct AccepterenFormulier: PartnerFormulier {
    static let actie = CoordinatieWebController.PartnerActie.accepteren
    var uiterlijk, toelichting: String?
    func voerUit(_ v: UUID, door g: Handelende, _ req: Request) async throws {
        _ = try await req.meldingen.partnerportaal.wijzigVerzoekStatus(v, VerzoekStatuswijzigingInvoer(
            status: VerzoekStatus.geaccepteerd.rawValue, uiterlijk: leeg(uiterlijk), toelichting: leeg(toelichting)), door: g)
    }
}

struct AfwijzenFormulier: PartnerFormulier {
    static let actie = CoordinatieWebController.PartnerActie.afwijzen
    var reden: String?
    func voerUit(_ v: UUID, door g: Handelende, _ req: Request) async throws {
        _ = try await req.meldingen.partnerportaal.wijzigVerzoekStatus(v, VerzoekStatuswijzigingInvoer(status: VerzoekStatus.afgewezen.rawValue, reden: reden ?? ""), door: g)
    }
}

struct UitvoerenFormulier: PartnerFormulier {
    static let actie = CoordinatieWebController.PartnerActie.uitvoeren
    var opgeschortTot, toelichting: String?
    func voerUit(_ v: UUID, door g: Handelende, _ req: Request) async throws {
        _ = try await req.meldingen.partnerportaal.wijzigVerzoekStatus(v, VerzoekStatuswijzigingInvoer(
            status: VerzoekStatus.uitgevoerd.rawValue, opgeschortTot: leeg(opgeschortTot), toelichting: leeg(toelichting)), door: g)
    }
}

struct TermijnVoorstellenFormulier: PartnerFormulier {
    static let actie = CoordinatieWebController.PartnerActie.termijn
    var uiterlijk, toelichting: String?
    func voerUit(_ v: UUID, door g: Handelende, _ req: Request) async throws {
        _ = try await req.meldingen.partnerportaal.stelTermijnVoor(v, TermijnInvoer(uiterlijk: uiterlijk, toelichting: leeg(toelichting)), door: g)
    }
}

struct BerichtAanMeldpuntFormulier: PartnerFormulier {
    static let actie = CoordinatieWebController.PartnerActie.bericht
    var tekst: String?
    func voerUit(_ v: UUID, door g: Handelende, _ req: Request) async throws {
        _ = try await req.meldingen.partnerportaal.schrijfAanMeldpunt(v, tekst: tekst, door: g)
    }
}

struct OpheffenFormulier: PartnerFormulier {
    static let actie = CoordinatieWebController.PartnerActie.opheffen
    var toelichting: String?
    func voerUit(_ v: UUID, door g: Handelende, _ req: Request) async throws {
        _ = try await req.meldingen.partnerportaal.hefOpschortingOp(v, toelichting: toelichting, door: g)
    }
}

struct PartnerEscalerenFormulier: PartnerFormulier {
    static let actie = CoordinatieWebController.PartnerActie.escaleren
    var reden: String?
    func voerUit(_ v: UUID, door g: Handelende, _ req: Request) async throws {
        _ = try await req.meldingen.partnerportaal.escaleer(v, reden: reden, door: g)
    }
}

struct PartnerEscalatieAfwijzenFormulier: PartnerFormulier {
    static let actie = CoordinatieWebController.PartnerActie.escalatieAfwijzen
    var reden: String?
    func voerUit(_ v: UUID, door g: Handelende, _ req: Request) async throws {
        _ = try await req.meldingen.partnerportaal.wijsEscalatieAf(v, reden: reden, door: g)
    }
}
