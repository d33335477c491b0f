import MeldpuntCore
import MeldpuntDomain
import Vapor

// The core's read models and inputs travel as JSON or form bodies.
extension MedewerkerVerwijzing: Content {}
extension AnalyseDTO: Content {}
extension RolVoorstelDTO: Content {}
extension VolgendeStapDTO: Content {}
extension GebeurtenisGegevens: Content {}
extension GebeurtenisDTO: Content {}
extension MeldingBijlageDTO: Content {}
extension MeldingSamenvattingDTO: Content {}
extension MeldingDetailDTO: Content {}
extension MeldingStatuswijzigingInvoer: Content {}
extension TekstInvoer: Content {}
extension ToewijzingInvoer: Content {}
extension MeldingZoekInvoer: Content {}
extension StatuspaginaLinkDTO: Content {}
extension OrganisatieVerwijzing: Content {}
extension PersoonIdentificatie: Content {}
extension BijlageDTO: Content {}
extension StatuswijzigingDTO: Content {}
extension TerugmeldingDetailDTO: Content {}
extension TerugmeldingSamenvattingDTO: Content {}
extension StatuswijzigingInvoer: Content {}
extension ContactpersoonDTO: Content {}
extension VerzoekBijlageDTO: Content {}
extension VerzoekBerichtDTO: Content {}
extension OpschortingDTO: Content {}
extension OverlegDTO: Content {}
extension TerugmeldingKoppelingDTO: Content {}
extension VerzoekDTO: Content {}
extension OpschortingRegelDTO: Content {}
extension PartnerVerzoekSamenvattingDTO: Content {}
extension GedeeldeMeldingDTO: Content {}
extension PartnerVerzoekDTO: Content {}
extension VerzoekBijlageInvoer: Content {}
extension RedenInvoer: Content {}
extension TerugmeldingConcept: Content {}
extension ConceptGegeven: Content {}
extension ConceptBijlage: Content {}
extension Inlogvoortgang: Content {}
extension MeldingService.Ontvangen: Content {}
extension MeldingService.MelderWeergave: Content {}
extension MeldingService.GevolgWeergave: Content {}
extension MeldingService.MelderVerzoek: Content {}
extension MeldingService.MelderOpschorting: Content {}
extension MeldingService.Bericht: Content {}
extension OrganisatieDTO: Content {}
extension Gemeente: Content {}
extension Registratie: Content {}
extension AbonnementDTO: Content {}
extension AbonnementInvoer: Content {}
