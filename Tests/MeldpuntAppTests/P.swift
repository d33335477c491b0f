import Testing
import VaporTesting
@testable import MeldpuntApp
@Test func placeholder2() {}
