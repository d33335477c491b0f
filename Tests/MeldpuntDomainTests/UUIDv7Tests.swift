import Foundation
import MeldpuntDomain
import Testing

@Suite("Tijdgeordende id's (UUIDv7)")
struct UUIDv7Tests {
    @Test func versieVariantEnTijdstip() {
        let tijd = Date(timeIntervalSince1970: 1_796_307_045.433)
        let id = UUID.v7(tijd)
        let b = id.uuid
        #expect(b.6 >> 4 == 7)
        #expect(b.8 >> 6 == 0b10)
        let ms = [b.0, b.1, b.2, b.3, b.4, b.5].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(ms == 1_796_307_045_433)
    }

    @Test func laterIsGroterEnNooitDubbel() {
        let begin = Date(timeIntervalSince1970: 1_700_000_000)
        var vorige = UUID.v7(begin).uuidString
        var gezien: Set<UUID> = []
        for i in 1...2_000 {
            // Two milliseconds apart, so rounding of the double never puts two in one millisecond.
            let id = UUID.v7(begin.addingTimeInterval(Double(i) * 0.002))
            // Text order (SQLite) and byte order (PostgreSQL) follow time.
            #expect(id.uuidString > vorige)
            vorige = id.uuidString
            gezien.insert(id)
            gezien.insert(UUID.v7(begin))
        }
        #expect(gezien.count == 4_000)
    }
}
