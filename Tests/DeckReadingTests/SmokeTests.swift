import Testing
@testable import DeckReading

@Test func moduleLoads() {
    #expect(Bool(true))
}
