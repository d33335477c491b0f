import Foundation
import MeldpuntDomain

// Tests read case numbers and ids from responses as text; the use cases take them typed.
extension String {
    var zaak: Zaaknummer { Zaaknummer(self)! }
    var uuid: UUID { UUID(uuidString: self)! }
}
