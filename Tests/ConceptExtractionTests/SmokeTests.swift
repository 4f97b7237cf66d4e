import Testing
@testable import ConceptExtraction

@Test func moduleLoads() {
    #expect(Bool(true))
}
