import Testing
@testable import ConceptGraphCLI

@Test func moduleLoads() {
    #expect(Bool(true))
}
