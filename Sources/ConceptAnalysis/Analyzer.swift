import ConceptExtraction
import GraphAlgorithms

/// Computes study order, clusters, levels and key concepts of a concept graph.
public struct Analyzer: Sendable {
    /// Leiden resolution (1 = plain modularity); higher gives more, smaller clusters.
    public var resolution: Double
    /// Seed for the clustering's random choices: the same seed gives the same clusters.
    public var seed: UInt64
    /// Leiden iterations at most (it stops earlier once an iteration changes nothing). On weakly
    /// clustered graphs "until stable" can take hundreds of iterations for gains in the fourth decimal;
    /// three keep modularity at or above igraph's default two on every deck measured (README).
    public var maxIterations: Int

    public init(resolution: Double = 1.0, seed: UInt64 = 1, maxIterations: Int = 3) {
        self.resolution = resolution
        self.seed = seed
        self.maxIterations = maxIterations
    }

    /// Analyses `graph`:
    /// - clusters: Leiden (modularity, `resolution`, `seed`) on the undirected graph of all relations
    ///   (weights summed), ids renumbered by the study-order position of each cluster's first member;
    /// - study order: topological order of the `broader` + `requires` condensation, cycles together,
    ///   staying in the last concept's cluster when possible, otherwise deck order (`firstSeen`);
    /// - level: longest path from a root over the condensation of `broader` relations;
    /// - rank: PageRank on the reversed `broader` + `requires` graph (rank flows to parents and
    ///   prerequisites);
    /// - drawn relations: `broader` + `requires` relations in the transitive reduction (those inside
    ///   a cycle kept), ascending.
    ///
    /// Deterministic for a given graph, resolution and seed.
    /// - Complexity: about O((V + E) log V) plus Leiden; the transitive reduction is O(C·E/64) and
    ///   keeps every edge above 20 000 components.
    public func analyze(_ graph: ConceptGraph) -> AnalyzedGraph {
        analyze(graph) { _, _ in }
    }

    /// The parts of `analyze` that `analyze(_:stageFinished:)` reports, in the order they run.
    public enum Stage: String, Sendable, CaseIterable {
        /// The compact relation graph (CSR) built from the concept graph.
        case relationGraph = "relation graph"
        /// Leiden on the undirected relation graph.
        case cluster
        /// The clustered topological study order and the dense cluster ids.
        case order
        /// PageRank and each cluster's name.
        case rank
        /// Hierarchy levels.
        case levels
        /// The transitive reduction of the dependencies (the relations drawn in pictures).
        case reduction
    }

    /// `analyze(graph)`, calling `stageFinished` after each stage with its wall time: for `--timings`.
    public func analyze(
        _ graph: ConceptGraph, stageFinished: (Stage, Duration) -> Void
    ) -> AnalyzedGraph {
        let clock = ContinuousClock()
        var stageStart = clock.now
        func finished(_ stage: Stage) {
            let now = clock.now
            stageFinished(stage, now - stageStart)
            stageStart = now
        }

        let n = graph.concepts.count
        let relationGraph = CSRGraph(relationsOf: graph)
        finished(.relationGraph)
        guard n > 0 else {
            return AnalyzedGraph(
                graph: graph, studyOrder: [], orderPosition: [], cluster: [], clusterNames: [], level: [],
                rank: [], drawnRelations: [], relationGraph: relationGraph)
        }

        // Clusters (raw ids), then study order preferring to stay in a cluster.
        let leiden = Leiden(resolution: resolution, seed: seed, maxIterations: maxIterations)
            .run(UndirectedGraph(relationGraph))
        finished(.cluster)
        let dependencies = relationGraph.filtered(kinds: .dependencies)
        let keys = graph.concepts.map(\.firstSeen)
        let order = GraphAlgorithms.studyOrder(dependencies, keys: keys, clusters: leiden.membership)
        var position = [Int](repeating: 0, count: n)
        for (p, c) in order.enumerated() { position[Int(c)] = p }

        // Dense cluster ids by the study position of each cluster's first member.
        var clusterID = [Int](repeating: -1, count: leiden.communityCount)
        var nextCluster = 0
        for c in order where clusterID[Int(leiden.membership[Int(c)])] < 0 {
            clusterID[Int(leiden.membership[Int(c)])] = nextCluster
            nextCluster += 1
        }
        let cluster = (0..<n).map { clusterID[Int(leiden.membership[$0])] }
        finished(.order)

        let rank = pageRank(dependencies, reversed: true)

        var best = [Int](repeating: -1, count: nextCluster)
        for v in 0..<n {
            let c = cluster[v]
            if best[c] < 0 || rank[v] > rank[best[c]] { best[c] = v }
        }
        let clusterNames = best.map { graph.concepts[$0].label }
        finished(.rank)

        let level = Self.levels(relationGraph)
        finished(.levels)

        let keep = transitiveReduction(of: dependencies)
        let drawn = graph.relations.indices.filter { $0 < keep.count && keep[$0] }
        finished(.reduction)

        return AnalyzedGraph(
            graph: graph, studyOrder: order.map(Int.init), orderPosition: position, cluster: cluster,
            clusterNames: clusterNames, level: level, rank: rank, drawnRelations: drawn,
            relationGraph: relationGraph)
    }

    /// Depth in the `broader` hierarchy: the longest path from a root over the condensation (members
    /// of a cycle share a level).
    /// - Complexity: O(V + E).
    static func levels(_ relationGraph: CSRGraph) -> [Int] {
        let hierarchy = relationGraph.filtered(kinds: .hierarchy)
        let scc = StronglyConnectedComponents(hierarchy)
        // Component ids are topological, so one pass in id order is a longest-path DP.
        var componentLevel = [Int](repeating: 0, count: scc.count)
        for c in 0..<scc.count {
            for u in scc.members(of: c) {
                for slot in hierarchy.outRange(Int(u)) {
                    let d = Int(scc.component[Int(hierarchy.outTargets[slot])])
                    if d != c { componentLevel[d] = max(componentLevel[d], componentLevel[c] + 1) }
                }
            }
        }
        return (0..<relationGraph.nodeCount).map { componentLevel[Int(scc.component[$0])] }
    }
}
