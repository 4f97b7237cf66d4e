import Testing
@testable import ConceptAnalysis

@Test func moduleLoads() {
    #expect(Bool(true))
}
