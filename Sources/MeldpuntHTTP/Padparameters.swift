import Foundation
import MeldpuntDomain
import Vapor

extension Request {
    /// The case number in the path, typed: one that cannot be a case number names no case.
    package func zaaknummer(_ naam: String = "zaaknummer") throws -> Zaaknummer {
        guard let z = parameters.get(naam).flatMap(Zaaknummer.init) else { throw Weigering.nietGevonden(.melding) }
        return z
    }

    /// An id in the path, typed: one that is no UUID names nothing there is.
    package func uuid(_ naam: String, _ onvindbaar: Onvindbaar) throws -> UUID {
        guard let id = parameters.get(naam).flatMap(UUID.init(uuidString:)) else { throw Weigering.nietGevonden(onvindbaar) }
        return id
    }
}
