import Testing
@testable import Stemming

@Test func moduleLoads() {
    #expect(Bool(true))
}
