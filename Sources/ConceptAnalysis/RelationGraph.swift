import ConceptExtraction
import GraphAlgorithms

extension RelationKind {
    /// The kind's tag in `CSRGraph` edge kinds: broader 0, requires 1, related 2.
    public var tag: UInt8 {
        switch self {
        case .broader: 0
        case .requires: 1
        case .related: 2
        }
    }

    /// The kind with this tag.
    public init?(tag: UInt8) {
        switch tag {
        case 0: self = .broader
        case 1: self = .requires
        case 2: self = .related
        default: return nil
        }
    }
}

extension EdgeKinds {
    /// Relation kinds as an edge-kind set.
    public init(_ kinds: Set<RelationKind>) {
        var bits: UInt64 = 0
        for kind in kinds { bits |= 1 << UInt64(kind.tag) }
        self.init(bits: bits)
    }

    /// `broader` + `requires`: the relations that order study.
    public static let dependencies = EdgeKinds(RelationKind.broader.tag, RelationKind.requires.tag)
    /// `broader` only: the hierarchy.
    public static let hierarchy = EdgeKinds(RelationKind.broader.tag)
}

extension CSRGraph {
    /// All relations of `graph`: node = concept index, edge id = relation index, kind = `RelationKind.tag`.
    /// - Complexity: O(concepts + relations).
    public init(relationsOf graph: ConceptGraph) {
        let r = graph.relations
        self.init(
            nodeCount: graph.concepts.count,
            sources: r.map { Int32($0.source) }, targets: r.map { Int32($0.target) },
            weights: r.map(\.weight), kinds: r.map(\.kind.tag))
    }
}
