import ConceptExtraction
import GraphAlgorithms

/// One relation on a path between two concepts, as walked.
public struct ConceptPathStep: Sendable, Hashable {
    /// Index into `graph.relations`.
    public var relation: Int
    /// The concept the walk leaves and the one it reaches.
    public var from: Int
    public var to: Int
    public var kind: RelationKind
    /// `true` when the walk goes from the relation's source to its target.
    public var followsDirection: Bool
}

extension AnalyzedGraph {
    /// Every concept to learn before `concept` (transitively, over `broader` + `requires`), in
    /// study order. A concept on a cycle with `concept` is included; `concept` itself is not.
    /// - Complexity: O(V + E) for the search, O(k log k) to sort the k results.
    public func prerequisites(of concept: Int) -> [Int] {
        sortedByStudyOrder(ancestors(of: concept, in: relationGraph, kinds: .dependencies), excluding: concept)
    }

    /// Every concept that builds on `concept` (transitively, over `broader` + `requires`), in study order.
    /// - Complexity: O(V + E + k log k).
    public func dependents(of concept: Int) -> [Int] {
        sortedByStudyOrder(descendants(of: concept, in: relationGraph, kinds: .dependencies), excluding: concept)
    }

    /// The direct children of `concept` in the `broader` hierarchy, in study order.
    /// - Complexity: O(out-degree · log).
    public func children(of concept: Int) -> [Int] {
        let g = relationGraph
        let found = g.outRange(concept).filter { g.outKinds[$0] == RelationKind.broader.tag }.map { g.outTargets[$0] }
        return sortedByStudyOrder(found, excluding: -1)
    }

    /// The direct parents of `concept` in the `broader` hierarchy, in study order.
    /// - Complexity: O(in-degree · log).
    public func parents(of concept: Int) -> [Int] {
        let g = relationGraph
        let found = g.inRange(concept).filter { g.inKinds[$0] == RelationKind.broader.tag }.map { g.inSources[$0] }
        return sortedByStudyOrder(found, excluding: -1)
    }

    /// A shortest chain of relations (of `kinds`, any direction) from `source` to `target`;
    /// empty when they are the same concept, `nil` when nothing connects them.
    /// - Complexity: O(V + E).
    public func path(
        from source: Int, to target: Int, kinds: Set<RelationKind> = Set(RelationKind.allCases)
    ) -> [ConceptPathStep]? {
        shortestPath(from: source, to: target, in: relationGraph, kinds: EdgeKinds(kinds))?.map {
            ConceptPathStep(
                relation: Int($0.edge), from: Int($0.from), to: Int($0.to), kind: RelationKind(tag: $0.kind)!,
                followsDirection: $0.forward)
        }
    }

    private func sortedByStudyOrder(_ nodes: [Int32], excluding concept: Int) -> [Int] {
        var seen = Set<Int>()
        return nodes.map(Int.init).filter { $0 != concept && seen.insert($0).inserted }
            .sorted { orderPosition[$0] < orderPosition[$1] }
    }
}
