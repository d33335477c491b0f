import Foundation

/// One line of a Statusoverzicht: a tree's root and its latest status.
public struct Overzichtregel: Sendable, Equatable {
    public var tijdstempel: Date
    public var uuid: UUID
    public var kenmerk: String
    public var bronverwijzing: Bronverwijzing
    public var status: Annotatie

    public init(tijdstempel: Date, uuid: UUID, kenmerk: String, bronverwijzing: Bronverwijzing, status: Annotatie) {
        self.tijdstempel = tijdstempel
        self.uuid = uuid
        self.kenmerk = kenmerk
        self.bronverwijzing = bronverwijzing
        self.status = status
    }
}

/// Writes the answers and faults of the service as SOAP 1.1 envelopes.
public enum DMKSSchrijver {
    public static func annotatieToevoegen(tijdstempel: Date, verwijzing: UUID) -> String {
        envelop { w in
            w.element("AnnotatieToevoegenResponse", [("xmlns", DMKS.namespace)]) { w in
                w.element("Tijdstempel", tijd(tijdstempel))
                w.element("AnnotatieVerwijzing", verwijzing.uuidString.lowercased())
            }
        }
    }

    public static func statusoverzicht(_ regels: [Overzichtregel]) -> String {
        envelop { w in
            w.element("StatusoverzichtResponse", [("xmlns", DMKS.namespace)]) { w in
                // An empty answer is a normal answer with the reason 'geenWaarde' (DMKS 1.3 §4.3).
                w.element("AnnotatieLijst", regels.isEmpty ? [("geenWaarde", "true")] : []) { w in
                    for r in regels {
                        w.element("Annotatie") { w in
                            w.element("Tijdstempel", tijd(r.tijdstempel))
                            w.element("Uuid", r.uuid.uuidString.lowercased())
                            w.element("Meldingskenmerk", r.kenmerk)
                            w.element("Bronverwijzing") { w in
                                w.element("Uri", r.bronverwijzing.uri)
                                w.element("Selectie", r.bronverwijzing.selectie.first)
                            }
                            w.element("Annotatiestatus", [("uuid", r.status.basis.uuid.uuidString.lowercased())]) { w in soortInhoud(r.status, &w) }
                        }
                    }
                }
            }
        }
    }

    public static func details(_ boom: [Annotatie]) -> String {
        envelop { w in
            w.element("DetailsTerugmeldingResponse", [("xmlns", DMKS.namespace)]) { w in
                w.element("AnnotatieBoom") { w in
                    for a in boom { annotatie(a, &w) }
                }
            }
        }
    }

    public static func echo(_ tekst: String) -> String {
        envelop { w in
            w.element("EchoResponse", [("xmlns", DMKS.namespace)]) { w in w.element("Echo", tekst) }
        }
    }

    /// A SOAP fault with the DigimeldingSynchroonFault in its detail (DMKS 1.3 chapter 5).
    public static func fout(_ f: DMKSFout, actor: String) -> String {
        envelop { w in
            w.element("soap:Fault") { w in
                w.element("faultcode", "soap:\(f.code.isClient ? "Client" : "Server").\(f.code.rawValue).\(f.code.omschrijvingKort)")
                w.element("faultstring", f.faultstring)
                w.element("faultactor", actor)
                w.element("detail") { w in
                    w.element("DigimeldingSynchroonFault", [("xmlns", DMKS.namespace)]) { w in
                        w.element("faultcode", f.code.rawValue)
                        w.element("faultstring", f.faultstring)
                        w.element("faultactor", actor)
                        w.element("faultdetail") { w in
                            for d in f.details { w.element("Melding", d) }
                        }
                    }
                }
            }
        }
    }

    // MARK: Parts

    static func envelop(_ inhoud: (inout XMLSchrijver) -> Void) -> String {
        var w = XMLSchrijver()
        w.element("soap:Envelope", [("xmlns:soap", DMKS.soapNamespace)]) { w in
            w.element("soap:Body") { w in inhoud(&w) }
        }
        return #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n" + w.tekst
    }

    public static func annotatie(_ a: Annotatie, _ w: inout XMLSchrijver) {
        w.element("Annotatie") { w in
            var attributen = [("uuid", a.basis.uuid.uuidString.lowercased())]
            if case .contact(_, let type, _, _, _, _) = a { attributen.append(("ContactType", type.rawValue)) }
            w.element(a.soort, attributen) { w in soortInhoud(a, &w) }
        }
    }

    /// The basis and the kind's own elements, in the schema's order.
    static func soortInhoud(_ a: Annotatie, _ w: inout XMLSchrijver) {
        let b = a.basis
        w.element("GeannoteerdDoor") { w in
            w.element("Oin", b.oin)
            w.element("Vestiging", b.vestiging)
            w.element("Persoonsaanduiding", b.persoonsaanduiding)
        }
        w.element("GeannoteerdOp", tijd(b.geannoteerdOp))
        w.element("Toelichting", b.toelichting)
        w.element("Annotatieverwijzing", b.verwijzing?.uuidString.lowercased())
        switch a {
        case .terugmelding(_, let bronnen, let attributen, let peilmoment):
            w.element("Bronverwijzingen") { w in
                for bv in bronnen {
                    w.element("Bronverwijzing") { w in
                        w.element("Uri", bv.uri)
                        for s in bv.selectie { w.element("Selectie", s) }
                    }
                }
            }
            w.element("Attributenset") { w in
                for at in attributen {
                    w.element("Attribuut") { w in
                        w.element("Uri", at.uri)
                        w.element("BetwijfeldeWaarde", at.betwijfeldeWaarde)
                        w.element("VoorgesteldeWaarde", at.voorgesteldeWaarde)
                    }
                }
            }
            w.element("Peilmoment", peilmoment.map(tijd))
        case .status(_, let status, let statustype):
            w.element("Status", status)
            w.element("Statustype", statustype)
        case .referentiekenmerk(_, let kenmerk):
            w.element("Kenmerk", kenmerk)
        case .contact(_, _, let naam, let telefoon, let email, let afdeling):
            w.element("Naam", naam)
            w.element("Telefoon", telefoon)
            w.element("Email", email)
            w.element("Afdeling", afdeling)
        case .bijlage(_, let naam, let mime, _, let beschrijving):
            w.element("Bestandsnaam", naam)
            w.element("MIMEType", mime)
            // Never returned (DMKS 1.3 note 5): present and empty.
            w.element("BijlageData", "")
            w.element("Beschrijving", beschrijving)
        case .planning(_, let aanduiding, let tijdstempel):
            w.element("MijlpaalAanduiding", aanduiding)
            w.element("MijlpaalTijdstempel", tijdstempel.map(tijd))
        case .bronhouder(_, let bronhouder):
            w.element("Bronhouder", bronhouder)
        }
    }

    /// xs:dateTime in UTC with milliseconds.
    public static func tijd(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: d)
    }
}
