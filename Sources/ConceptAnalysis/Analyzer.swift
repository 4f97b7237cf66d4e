import ConceptExtraction

/// Computes study order, clusters, levels and key concepts of a concept graph.
public struct Analyzer: Sendable {
    /// Leiden resolution (1 = plain modularity); higher gives more, smaller clusters.
    public var resolution: Double
    /// Seed for the clustering's random choices: the same seed gives the same clusters.
    public var seed: UInt64

    public init(resolution: Double = 1.0, seed: UInt64 = 1) {
        self.resolution = resolution
        self.seed = seed
    }

    public func analyze(_ graph: ConceptGraph) -> AnalyzedGraph {
        // Placeholder until the graph algorithms land: deck order, one cluster.
        let n = graph.concepts.count
        let order = graph.concepts.indices.sorted { graph.concepts[$0].firstSeen < graph.concepts[$1].firstSeen }
        var position = [Int](repeating: 0, count: n)
        for (p, c) in order.enumerated() { position[c] = p }
        return AnalyzedGraph(
            graph: graph, studyOrder: order, orderPosition: position, cluster: [Int](repeating: 0, count: n),
            clusterNames: n > 0 ? [graph.concepts[order[0]].label] : [], level: [Int](repeating: 0, count: n),
            rank: [Double](repeating: n > 0 ? 1 / Double(n) : 0, count: n),
            drawnRelations: Array(graph.relations.indices))
    }
}
