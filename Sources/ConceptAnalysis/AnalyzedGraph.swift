import ConceptExtraction
import GraphAlgorithms

/// A concept graph with everything computed about it: study order, clusters, hierarchy levels and
/// key concepts. Exporters, the browser and the study mode read this.
public struct AnalyzedGraph: Sendable {
    /// The extracted concepts and relations.
    public var graph: ConceptGraph
    /// Concept indices in study order (prerequisites and parents first).
    public var studyOrder: [Int]
    /// For each concept, its position in `studyOrder` (0-based).
    public var orderPosition: [Int]
    /// For each concept, the id of its cluster (0-based, dense); all 0 before clustering.
    public var cluster: [Int]
    /// For each cluster id, its name (the label of its most central concept).
    public var clusterNames: [String]
    /// For each concept, its depth in the broader hierarchy (0 for roots).
    public var level: [Int]
    /// For each concept, its PageRank (sums to 1 over the graph).
    public var rank: [Double]
    /// Indices into `graph.relations` worth drawing: the transitive reduction of the hierarchy and
    /// prerequisites, so pictures of dense graphs stay readable.
    public var drawnRelations: [Int]
    /// Every relation as a compact graph (edge id = index into `graph.relations`, kind tag =
    /// `RelationKind.tag`), kept so queries need not rebuild it.
    public var relationGraph: CSRGraph

    /// `relationGraph` defaults to the one built from `graph.relations`.
    public init(
        graph: ConceptGraph, studyOrder: [Int], orderPosition: [Int], cluster: [Int], clusterNames: [String],
        level: [Int], rank: [Double], drawnRelations: [Int], relationGraph: CSRGraph? = nil
    ) {
        self.graph = graph
        self.studyOrder = studyOrder
        self.orderPosition = orderPosition
        self.cluster = cluster
        self.clusterNames = clusterNames
        self.level = level
        self.rank = rank
        self.drawnRelations = drawnRelations
        self.relationGraph = relationGraph ?? CSRGraph(relationsOf: graph)
    }
}
