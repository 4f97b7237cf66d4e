import ConceptAnalysis
import ConceptExtraction
import GraphAlgorithms

/// A card as views show it, with its place in the deck.
public struct CardView: Codable, Sendable, Hashable {
    public var front: String
    public var back: String
    public var deck: String
    public var file: String
    public var line: Int

    /// `file:line`, as editors and compilers print it.
    public var location: String { line > 0 ? "\(file):\(line)" : file }
}

/// Everything known about one concept.
public struct ConceptView: Codable, Sendable, Hashable {
    public var id: String
    public var label: String
    public var aliases: [String]
    public var decks: [String]
    public var definition: String
    public var cluster: Int
    public var clusterName: String
    /// 1-based place among all concepts by rank (1 = the key concept), and how many there are.
    public var rankPosition: Int
    public var rank: Double
    public var conceptCount: Int
    public var level: Int
    /// 1-based step in the study order.
    public var studyStep: Int
    public var cards: [CardView]
    public var parents: [EdgeView]
    public var children: [EdgeView]
    public var prerequisites: [EdgeView]
    public var dependents: [EdgeView]
    public var related: [EdgeView]
}

/// The concepts to learn before one concept.
public struct PrerequisitesView: Codable, Sendable, Hashable {
    public var concept: ConceptRef
    /// Only the immediate prerequisites (parents and direct `requires`), not the whole chain.
    public var direct: Bool
    public var prerequisites: [OrderStep]
}

/// One step of a study order.
public struct OrderStep: Codable, Sendable, Hashable {
    /// 1-based place in the study order of the whole deck set.
    public var step: Int
    public var id: String
    public var label: String
    public var cluster: Int
    /// The group of concepts that depend on each other and are learnt together, if any.
    public var group: Int?
}

/// The study order (of the whole deck set or one cluster).
public struct OrderView: Codable, Sendable, Hashable {
    public var cluster: Int?
    public var steps: [OrderStep]
}

/// One cluster: name, size and its main concepts by rank.
public struct ClusterView: Codable, Sendable, Hashable {
    public var id: Int
    public var name: String
    public var size: Int
    public var main: [ConceptRef]
}

public struct ClustersView: Codable, Sendable, Hashable {
    public var clusters: [ClusterView]
}

/// One relation walked on a path.
public struct PathStepView: Codable, Sendable, Hashable {
    public var from: ConceptRef
    public var to: ConceptRef
    public var kind: String
    /// `true` when the relation points from `from` to `to` (parent → child, prerequisite → dependent).
    public var forward: Bool
    public var evidence: String
}

/// The shortest chain of relations between two concepts (`steps` is `nil` when none links them).
public struct PathView: Codable, Sendable, Hashable {
    public var from: ConceptRef
    public var to: ConceptRef
    public var steps: [PathStepView]?
}

extension Explorer {
    public func card(_ index: Int) -> CardView {
        let c = graph.cards[index]
        return CardView(front: c.front, back: c.back, deck: c.deck, file: c.location.file, line: c.location.line)
    }

    /// Everything about concept `index`.
    /// - Complexity: O(its cards + degree · log degree).
    public func show(_ index: Int) -> ConceptView {
        let c = graph.concepts[index]
        let cluster = analyzed.cluster.isEmpty ? 0 : analyzed.cluster[index]
        return ConceptView(
            id: c.id, label: c.label, aliases: c.aliases.filter { $0 != c.label }, decks: c.decks,
            definition: c.definition, cluster: cluster,
            clusterName: cluster < analyzed.clusterNames.count ? analyzed.clusterNames[cluster] : "",
            rankPosition: rankPosition[index] + 1, rank: analyzed.rank[index], conceptCount: graph.concepts.count,
            level: analyzed.level[index], studyStep: analyzed.orderPosition[index] + 1,
            cards: c.cards.map(card),
            parents: edges(of: index, kind: .broader, incoming: true),
            children: edges(of: index, kind: .broader, incoming: false),
            prerequisites: edges(of: index, kind: .requires, incoming: true),
            dependents: edges(of: index, kind: .requires, incoming: false),
            related: edges(of: index, kind: .related, incoming: true)
                + edges(of: index, kind: .related, incoming: false))
    }

    /// A study-order step for concept `index`.
    public func step(_ index: Int) -> OrderStep {
        OrderStep(
            step: analyzed.orderPosition[index] + 1, id: graph.concepts[index].id, label: graph.concepts[index].label,
            cluster: analyzed.cluster.isEmpty ? 0 : analyzed.cluster[index], group: cycleGroup[index])
    }

    /// What to learn before concept `index`, in study order: everything above it over `broader` and
    /// `requires`, or (`direct`) only its parents and direct prerequisites.
    /// - Complexity: O(V + E) (O(degree) when direct).
    public func prerequisites(of index: Int, direct: Bool = false) -> PrerequisitesView {
        let found: [Int]
        if direct {
            let g = analyzed.relationGraph
            var set = Set<Int>()
            for slot in g.inRange(index) where EdgeKinds.dependencies.contains(g.inKinds[slot]) {
                let source = Int(g.inSources[slot])
                if source != index { set.insert(source) }
            }
            found = set.sorted { analyzed.orderPosition[$0] < analyzed.orderPosition[$1] }
        } else {
            found = analyzed.prerequisites(of: index)
        }
        return PrerequisitesView(concept: ref(index), direct: direct, prerequisites: found.map(step))
    }

    /// The study order of every concept, or of the concepts of one cluster.
    /// - Complexity: O(V).
    public func order(cluster: Int? = nil) -> OrderView {
        let steps = analyzed.studyOrder.filter { cluster == nil || analyzed.cluster[$0] == cluster }.map(step)
        return OrderView(cluster: cluster, steps: steps)
    }

    /// The number of clusters.
    public var clusterCount: Int { analyzed.clusterNames.count }

    /// Every cluster with its size and its `mainCount` highest-ranked concepts, by cluster id.
    /// - Complexity: O(V log V).
    public func clusters(mainCount: Int = 5) -> ClustersView {
        var members = [[Int]](repeating: [], count: clusterCount)
        for v in 0..<graph.concepts.count { members[analyzed.cluster[v]].append(v) }
        let views = members.enumerated().map { id, list in
            let main = list.sorted { rankPosition[$0] < rankPosition[$1] }.prefix(mainCount).map(ref)
            return ClusterView(id: id, name: analyzed.clusterNames[id], size: list.count, main: Array(main))
        }
        return ClustersView(clusters: views)
    }

    /// The shortest chain of relations (any kind, either direction) between two concepts.
    /// - Complexity: O(V + E).
    public func path(from source: Int, to target: Int) -> PathView {
        let steps = analyzed.path(from: source, to: target)?.map { step in
            PathStepView(
                from: ref(step.from), to: ref(step.to), kind: step.kind.rawValue, forward: step.followsDirection,
                evidence: graph.relations[step.relation].evidence)
        }
        return PathView(from: ref(source), to: ref(target), steps: steps)
    }
}
