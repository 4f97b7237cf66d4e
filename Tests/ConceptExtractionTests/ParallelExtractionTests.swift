import DeckReading
import ParallelWork
import TestSupport
import Testing

@testable import ConceptExtraction

/// Per-card work is shared out between the cores, each with its own copy of the normalizer's caches;
/// the graph must not depend on how the cards were shared out (run under ThreadSanitizer in CI).
@Suite struct ParallelExtractionTests {
    @Test func sharingTheCardsOutGivesTheSameGraph() {
        let decks = DeckLoader().load(paths: [TestPaths.repositoryRoot.appendingPathComponent("Decks").path]).decks
        #expect(decks.flatMap(\.cards).count >= 2 * 7)  // at least two shares
        var oneCore = ConceptExtractor()
        oneCore.cardsPerCore = .max
        var shared = ConceptExtractor()
        shared.cardsPerCore = 7
        let alone = oneCore.extract(from: decks)
        let together = shared.extract(from: decks)
        #expect(!alone.concepts.isEmpty)
        #expect(alone.concepts == together.concepts)
        #expect(alone.relations == together.relations)
    }

    @Test func sharesCoverTheCardsInOrder() {
        for (count, parts, minimum) in [(0, 2, 5), (9, 2, 5), (10, 2, 5), (1001, 3, 1), (7, 8, 1)] {
            let ranges = Parallel.ranges(of: count, maxParts: parts, minimumLength: minimum)
            #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == count)
            #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            #expect(ranges.count <= parts && (ranges.count == 1 || ranges.allSatisfy { $0.count >= minimum }))
        }
        #expect(Parallel.map(5) { $0 * $0 } == [0, 1, 4, 9, 16])
    }
}
