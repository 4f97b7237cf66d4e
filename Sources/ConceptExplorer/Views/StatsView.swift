import ConceptAnalysis
import ConceptExtraction

/// Counts that describe a deck set's graph.
public struct StatsView: Codable, Sendable, Hashable {
    public var decks: Int
    public var cards: Int
    public var concepts: Int
    /// Concepts that at least one card is about (the others are only named in answers).
    public var conceptsWithCards: Int
    public var broader: Int
    public var requires: Int
    public var related: Int
    public var clusters: Int
    /// Clusters of one concept.
    public var singletonClusters: Int
    public var largestCluster: Int
    /// Concepts at the top of the hierarchy with children.
    public var hierarchyRoots: Int
    /// The deepest level of the hierarchy (0 when flat).
    public var hierarchyDepth: Int
    /// Concepts with no relation at all.
    public var isolatedConcepts: Int
    /// Groups of concepts that depend on each other (cycles of broader/requires).
    public var cycleGroups: Int
    /// The highest-ranked concepts.
    public var keyConcepts: [ConceptRef]
}

extension Explorer {
    /// Counts over the whole graph.
    /// - Complexity: O(V log V + E).
    public func stats() -> StatsView {
        var byKind: [RelationKind: Int] = [:]
        for relation in graph.relations { byKind[relation.kind, default: 0] += 1 }
        var sizes = [Int](repeating: 0, count: clusterCount)
        for c in analyzed.cluster { sizes[c] += 1 }
        let n = graph.concepts.count
        let keys = (0..<n).sorted { rankPosition[$0] < rankPosition[$1] }.prefix(5).map(ref)
        return StatsView(
            decks: Set(graph.cards.map(\.deck)).count, cards: graph.cards.count, concepts: n,
            conceptsWithCards: graph.concepts.filter { !$0.cards.isEmpty }.count,
            broader: byKind[.broader] ?? 0, requires: byKind[.requires] ?? 0, related: byKind[.related] ?? 0,
            clusters: clusterCount, singletonClusters: sizes.filter { $0 == 1 }.count,
            largestCluster: sizes.max() ?? 0, hierarchyRoots: hierarchyRoots.count,
            hierarchyDepth: analyzed.level.max() ?? 0, isolatedConcepts: (0..<n).filter { degree(of: $0) == 0 }.count,
            cycleGroups: cycleGroupCount, keyConcepts: keys)
    }
}
