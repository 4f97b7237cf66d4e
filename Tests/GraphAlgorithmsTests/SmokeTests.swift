import Testing
@testable import GraphAlgorithms

@Test func moduleLoads() {
    #expect(Bool(true))
}
