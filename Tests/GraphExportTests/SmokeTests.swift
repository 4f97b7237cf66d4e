import Testing
@testable import GraphExport

@Test func moduleLoads() {
    #expect(Bool(true))
}
