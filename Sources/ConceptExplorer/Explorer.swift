import ConceptAnalysis
import ConceptExtraction
import GraphAlgorithms

/// The questions a learner asks of an analysed graph, answered as plain values (views) that the text
/// and JSON renderers print. Everything here is a pure function of the graph.
public struct Explorer: Sendable {
    public let analyzed: AnalyzedGraph
    /// For each concept, its place when concepts are sorted by rank (0 = the key concept).
    public let rankPosition: [Int]
    /// For each card, the concepts it is about, in concept order.
    public let conceptsOfCard: [[Int]]
    /// For each concept, the id of its group of concepts that depend on each other (a cycle of
    /// `broader`/`requires`), or `nil` when it is in no cycle. Group ids count from 0 in study order.
    public let cycleGroup: [Int?]
    /// The number of cycle groups.
    public let cycleGroupCount: Int

    /// Prepares the indexes every question uses.
    /// (Names are indexed apart, by `NameIndex`: most questions need none.)
    /// - Complexity: O((V + E) log V).
    public init(_ analyzed: AnalyzedGraph) {
        self.analyzed = analyzed
        let n = analyzed.graph.concepts.count
        var position = [Int](repeating: 0, count: n)
        let rank: [Double] = analyzed.rank
        let byRank = (0..<n).sorted { (a: Int, b: Int) -> Bool in rank[a] != rank[b] ? rank[a] > rank[b] : a < b }
        for (p, c) in byRank.enumerated() { position[c] = p }
        self.rankPosition = position

        var ofCard = [[Int]](repeating: [], count: analyzed.graph.cards.count)
        for (index, concept) in analyzed.graph.concepts.enumerated() {
            for card in concept.cards where card < ofCard.count { ofCard[card].append(index) }
        }
        self.conceptsOfCard = ofCard

        let scc = StronglyConnectedComponents(analyzed.relationGraph.filtered(kinds: .dependencies))
        var componentSize = [Int](repeating: 0, count: scc.count)
        for v in 0..<n { componentSize[Int(scc.component[v])] += 1 }
        var groupOfComponent = [Int](repeating: -1, count: scc.count)
        var groups = 0
        var cycleGroup = [Int?](repeating: nil, count: n)
        for v in analyzed.studyOrder {
            let c = Int(scc.component[v])
            guard componentSize[c] > 1 else { continue }
            if groupOfComponent[c] < 0 {
                groupOfComponent[c] = groups
                groups += 1
            }
            cycleGroup[v] = groupOfComponent[c]
        }
        self.cycleGroup = cycleGroup
        self.cycleGroupCount = groups
    }

    public var graph: ConceptGraph { analyzed.graph }

    /// A short reference to concept `index`.
    public func ref(_ index: Int) -> ConceptRef {
        ConceptRef(id: graph.concepts[index].id, label: graph.concepts[index].label)
    }

    /// The concepts at the top of the hierarchy that have children, in study order.
    /// - Complexity: O(V + E).
    public var hierarchyRoots: [Int] {
        let g = analyzed.relationGraph
        let hasParent = hierarchyFlags(g.inRange, g.inKinds)
        let hasChild = hierarchyFlags(g.outRange, g.outKinds)
        return analyzed.studyOrder.filter { !hasParent[$0] && hasChild[$0] }
    }

    /// The concepts with neither parent nor child in the hierarchy.
    public var outsideHierarchy: [Int] {
        let g = analyzed.relationGraph
        let hasParent = hierarchyFlags(g.inRange, g.inKinds)
        let hasChild = hierarchyFlags(g.outRange, g.outKinds)
        return analyzed.studyOrder.filter { !hasParent[$0] && !hasChild[$0] }
    }

    /// The top level the browser shows: hierarchy roots, then the concepts outside the hierarchy.
    public var topLevel: [Int] { hierarchyRoots + outsideHierarchy }

    private func hierarchyFlags(_ range: (Int) -> Range<Int>, _ kinds: [UInt8]) -> [Bool] {
        (0..<graph.concepts.count).map { v in range(v).contains { kinds[$0] == RelationKind.broader.tag } }
    }

    /// The relations between `source` and `target` of `kinds` (indices into `graph.relations`).
    /// - Complexity: O(out-degree of source).
    public func relations(from source: Int, to target: Int, kinds: EdgeKinds = .all) -> [Int] {
        let g = analyzed.relationGraph
        return g.outRange(source).filter { g.outTargets[$0] == Int32(target) && kinds.contains(g.outKinds[$0]) }
            .map { Int(g.outEdgeIDs[$0]) }
    }

    /// The concepts linked to `concept` by a relation of `kind`, as edges, in study order.
    /// `incoming` gives the sources of relations ending at `concept`.
    public func edges(of concept: Int, kind: RelationKind, incoming: Bool) -> [EdgeView] {
        let g = analyzed.relationGraph
        let slots = incoming ? g.inRange(concept) : g.outRange(concept)
        var found: [(other: Int, relation: Int)] = []
        for slot in slots {
            let k = incoming ? g.inKinds[slot] : g.outKinds[slot]
            guard k == kind.tag else { continue }
            let other = Int(incoming ? g.inSources[slot] : g.outTargets[slot])
            found.append((other, Int(incoming ? g.inEdgeIDs[slot] : g.outEdgeIDs[slot])))
        }
        found.sort { analyzed.orderPosition[$0.other] < analyzed.orderPosition[$1.other] }
        return found.map { item in
            let relation = graph.relations[item.relation]
            return EdgeView(
                id: graph.concepts[item.other].id, label: graph.concepts[item.other].label, kind: kind.rawValue,
                weight: relation.weight, evidence: relation.evidence)
        }
    }

    /// The relation count of each concept (all kinds, both directions).
    public func degree(of concept: Int) -> Int {
        analyzed.relationGraph.outRange(concept).count + analyzed.relationGraph.inRange(concept).count
    }
}

/// A concept as other views name it.
public struct ConceptRef: Codable, Sendable, Hashable {
    public var id: String
    public var label: String
}

/// A relation seen from one of its ends: the concept at the other end, the kind and why.
public struct EdgeView: Codable, Sendable, Hashable {
    public var id: String
    public var label: String
    public var kind: String
    public var weight: Double
    public var evidence: String
}
