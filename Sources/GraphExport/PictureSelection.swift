import ConceptAnalysis
import ConceptExtraction

/// Chooses what one readable picture shows: the cluster overview, one cluster, or the neighbourhood of
/// one concept. Pictures of a whole 600-concept deck are walls; these stay small.
///
/// Design note. Every picture draws `AnalyzedGraph.drawnRelations` (the transitive reduction) with at
/// most one edge per pair of nodes (broader wins over requires, requires over related), leaves out
/// concepts with no drawn edge inside the picture (counted in the caption), and keeps at most
/// `maxNodes` nodes (the highest-ranked; the rest counted). What it gets wrong: a cluster whose concepts
/// are linked only through other clusters shows as isolated concepts, i.e. mostly as a caption.
public struct PictureSelection: Sendable {
    /// One node of a picture: a concept, or a cluster in the overview.
    public struct Node: Sendable, Hashable {
        public var id: String
        public var label: String
        /// Concepts it stands for (1 for a concept node).
        public var weight: Int
        /// Drawn larger and bolder: a key concept, or the concept a picture is centred on.
        public var emphasized: Bool
        /// Hover text (definition, or the cluster's top concepts).
        public var tooltip: String
        /// For a group node: the labels of the leaf concepts it stands for (drawn as a list).
        public var members: [String] = []
        /// The concept an `around` picture is centred on.
        public var isFocus = false
    }

    /// One edge, at most one per unordered pair of nodes.
    public struct Edge: Sendable, Hashable {
        public var source: Int
        public var target: Int
        public var kind: RelationKind
        /// How many relations it stands for (overview: relations between two clusters).
        public var count: Int
    }

    /// A picture's content and its caption.
    public struct Picture: Sendable {
        public var title: String
        public var nodes: [Node]
        public var edges: [Edge]
        /// Says what was left out ("12 isolated concepts not drawn").
        public var caption: String
        /// Nodes are clusters sized by their concepts.
        public var isOverview = false
    }

    /// A hub with more leaves than this (hanging off it the same way) has them drawn as one list node.
    static let groupLeavesAbove = 8

    public var analyzed: AnalyzedGraph
    /// Most nodes one picture shows.
    public var maxNodes: Int

    public init(analyzed: AnalyzedGraph, maxNodes: Int = 40) {
        self.analyzed = analyzed
        self.maxNodes = maxNodes
    }

    /// Concepts of each cluster, in concept order. Clusters are numbered as in `AnalyzedGraph.cluster`.
    public var clusterMembers: [[Int]] {
        var members = [[Int]](repeating: [], count: analyzed.clusterNames.count)
        for (concept, cluster) in analyzed.cluster.enumerated() { members[cluster].append(concept) }
        return members
    }

    /// Clusters as nodes (label "name (N concepts)"), one edge per pair of clusters joined by a drawn
    /// relation, pointing the way most of those relations point. Clusters with no edge are counted.
    public func overview() -> Picture {
        let members = clusterMembers
        let graph = analyzed.graph
        var pairCount: [Int: [Int: (forward: Int, backward: Int, kind: RelationKind)]] = [:]
        for index in analyzed.drawnRelations.sorted() {
            let relation = graph.relations[index]
            let a = analyzed.cluster[relation.source]
            let b = analyzed.cluster[relation.target]
            guard a != b else { continue }
            let (low, high) = (min(a, b), max(a, b))
            var entry = pairCount[low, default: [:]][high] ?? (0, 0, relation.kind)
            if a == low { entry.forward += 1 } else { entry.backward += 1 }
            entry.kind = min(entry.kind, relation.kind)
            pairCount[low, default: [:]][high] = entry
        }
        var connected = Set<Int>()
        var rawEdges: [(Int, Int, RelationKind, Int)] = []
        for low in pairCount.keys.sorted() {
            for high in pairCount[low]!.keys.sorted() {
                let entry = pairCount[low]![high]!
                let (source, target) = entry.forward >= entry.backward ? (low, high) : (high, low)
                rawEdges.append((source, target, entry.kind, entry.forward + entry.backward))
                connected.insert(low)
                connected.insert(high)
            }
        }
        // Keep the largest connected clusters when there are too many.
        var shown = connected.sorted { (-members[$0].count, $0) < (-members[$1].count, $1) }
        let dropped = max(0, shown.count - maxNodes)
        shown = Array(shown.prefix(maxNodes)).sorted()
        var nodeIndex: [Int: Int] = [:]
        var nodes: [Node] = []
        let largest = members.map(\.count).max() ?? 1
        for cluster in shown {
            nodeIndex[cluster] = nodes.count
            let top = members[cluster].sorted { (-analyzed.rank[$0], $0) < (-analyzed.rank[$1], $1) }.prefix(5)
            nodes.append(
                Node(
                    id: "cluster_\(cluster)",
                    label: "\(analyzed.clusterNames[cluster])\n\(members[cluster].count) concepts",
                    weight: members[cluster].count, emphasized: members[cluster].count * 4 >= largest,
                    tooltip: top.map { graph.concepts[$0].label }.joined(separator: ", ")))
        }
        let edges = rawEdges.compactMap { source, target, kind, count -> Edge? in
            guard let s = nodeIndex[source], let t = nodeIndex[target] else { return nil }
            return Edge(source: s, target: t, kind: kind, count: count)
        }
        let isolatedClusters = members.indices.filter { !connected.contains($0) && !members[$0].isEmpty }
        let isolatedConcepts = isolatedClusters.reduce(0) { $0 + members[$1].count }
        var caption = "\(members.filter { !$0.isEmpty }.count) clusters, \(graph.concepts.count) concepts"
        if !isolatedClusters.isEmpty {
            caption +=
                "; \(isolatedClusters.count) clusters (\(isolatedConcepts) concepts) linked to no other cluster not drawn"
        }
        if dropped > 0 { caption += "; \(dropped) smaller clusters not drawn" }
        return Picture(title: "Overview", nodes: nodes, edges: edges, caption: caption, isOverview: true)
    }

    /// The concepts of one cluster and the drawn relations among them.
    public func cluster(_ cluster: Int) -> Picture {
        let members = clusterMembers[cluster]
        return picture(
            of: members, title: "Cluster: \(analyzed.clusterNames[cluster])", centre: nil,
            what: "\(members.count) concepts in this cluster")
    }

    /// The concepts within `depth` drawn relations of `concept` (either direction).
    public func around(_ concept: Int, depth: Int) -> Picture {
        let graph = analyzed.graph
        var neighbours = [[Int]](repeating: [], count: graph.concepts.count)
        for index in analyzed.drawnRelations {
            let relation = graph.relations[index]
            neighbours[relation.source].append(relation.target)
            neighbours[relation.target].append(relation.source)
        }
        var distance = [Int: Int]()
        distance[concept] = 0
        var frontier = [concept]
        var reached = [concept]
        for step in 1...max(depth, 1) where step <= depth {
            var next: [Int] = []
            for node in frontier {
                for other in neighbours[node] where distance[other] == nil {
                    distance[other] = step
                    next.append(other)
                    reached.append(other)
                }
            }
            frontier = next
        }
        return picture(
            of: reached.sorted(), title: "Around: \(graph.concepts[concept].label)", centre: concept,
            what: "\(reached.count) concepts within \(depth) step\(depth == 1 ? "" : "s")", distance: distance)
    }

    /// Every concept with a drawn link (the whole graph, as far as `maxNodes` allows).
    public func whole() -> Picture {
        picture(
            of: Array(analyzed.graph.concepts.indices), title: "Concepts", centre: nil,
            what: "\(analyzed.graph.concepts.count) concepts")
    }

    /// The index of the concept whose id or label is `name` (case-insensitive), or nil.
    public func concept(named name: String) -> Int? {
        let wanted = name.lowercased()
        let concepts = analyzed.graph.concepts
        return concepts.indices.first { concepts[$0].id.lowercased() == wanted }
            ?? concepts.indices.first { concepts[$0].label.lowercased() == wanted }
            ?? concepts.indices.first { concepts[$0].aliases.contains { $0.lowercased() == wanted } }
    }

    /// `distance` (steps from the centre) decides what the node limit keeps first; then rank.
    private func picture(of concepts: [Int], title: String, centre: Int?, what: String, distance: [Int: Int] = [:])
        -> Picture
    {
        let graph = analyzed.graph
        let inside = Set(concepts)
        // One edge per unordered pair: the strongest kind (broader, then requires, then related).
        var best: [Int: [Int: (source: Int, target: Int, kind: RelationKind)]] = [:]
        for index in analyzed.drawnRelations.sorted() {
            let relation = graph.relations[index]
            guard relation.source != relation.target, inside.contains(relation.source), inside.contains(relation.target)
            else { continue }
            let (low, high) = (min(relation.source, relation.target), max(relation.source, relation.target))
            if let existing = best[low]?[high], existing.kind <= relation.kind { continue }
            best[low, default: [:]][high] = (relation.source, relation.target, relation.kind)
        }
        var degree: [Int: Int] = [:]
        for (low, row) in best {
            for high in row.keys {
                degree[low, default: 0] += 1
                degree[high, default: 0] += 1
            }
        }
        var linked = concepts.filter { degree[$0] != nil || $0 == centre }
        let isolated = concepts.count - linked.count

        // Leaves hanging the same way off one hub (a list heading and its 40 items) become one list
        // node: forty boxes in a row make a strip no screen shows legibly.
        struct GroupKey: Hashable, Comparable {
            var hub: Int
            var kind: RelationKind
            var leafIsTarget: Bool
            static func < (a: GroupKey, b: GroupKey) -> Bool {
                (a.hub, a.kind, a.leafIsTarget ? 1 : 0) < (b.hub, b.kind, b.leafIsTarget ? 1 : 0)
            }
        }
        var groups: [GroupKey: [Int]] = [:]
        for (low, row) in best {
            for (high, edge) in row {
                for (leaf, hub) in [(low, high), (high, low)] where degree[leaf] == 1 && leaf != centre {
                    if (degree[hub] ?? 0) > Self.groupLeavesAbove {
                        groups[GroupKey(hub: hub, kind: edge.kind, leafIsTarget: edge.target == leaf), default: []]
                            .append(leaf)
                    }
                }
            }
        }
        let groupKeys = groups.keys.filter { groups[$0]!.count > Self.groupLeavesAbove }.sorted()
        var grouped = Set<Int>()
        for key in groupKeys { grouped.formUnion(groups[key]!) }
        linked = linked.filter { !grouped.contains($0) }

        var dropped = 0
        if linked.count > maxNodes {
            let keep = Set(
                linked.sorted {
                    (distance[$0] ?? 0, -analyzed.rank[$0], $0) < (distance[$1] ?? 0, -analyzed.rank[$1], $1)
                }
                .prefix(maxNodes))
            dropped = linked.count - keep.count
            linked = linked.filter { keep.contains($0) }
        }
        var nodeIndex: [Int: Int] = [:]
        let keyThreshold = graph.concepts.count >= 3 ? 2.0 / Double(graph.concepts.count) : .infinity
        var nodes = linked.enumerated().map { position, concept -> Node in
            nodeIndex[concept] = position
            let c = graph.concepts[concept]
            return Node(
                id: c.id, label: c.label, weight: 1,
                emphasized: concept == centre || analyzed.rank[concept] >= keyThreshold,
                tooltip: c.definition.isEmpty ? c.label : c.label + ": " + c.definition, isFocus: concept == centre)
        }
        var edges: [Edge] = []
        for low in best.keys.sorted() {
            for high in best[low]!.keys.sorted() {
                let e = best[low]![high]!
                guard let s = nodeIndex[e.source], let t = nodeIndex[e.target] else { continue }
                edges.append(Edge(source: s, target: t, kind: e.kind, count: 1))
            }
        }
        // Concepts whose only links went to concepts cut by the limit are left out too.
        var hasEdge = Set(edges.flatMap { [$0.source, $0.target] })
        if let centre, let index = nodeIndex[centre] { hasEdge.insert(index) }
        for key in groupKeys { if let hub = nodeIndex[key.hub] { hasEdge.insert(hub) } }
        if hasEdge.count < nodes.count {
            var renumber = [Int](repeating: -1, count: nodes.count)
            var kept: [Node] = []
            for (index, node) in nodes.enumerated() where hasEdge.contains(index) {
                renumber[index] = kept.count
                kept.append(node)
            }
            dropped += nodes.count - kept.count
            nodes = kept
            edges = edges.map {
                Edge(source: renumber[$0.source], target: renumber[$0.target], kind: $0.kind, count: $0.count)
            }
            for (concept, index) in nodeIndex { nodeIndex[concept] = renumber[index] >= 0 ? renumber[index] : nil }
        }
        var groupedShown = 0
        for key in groupKeys {
            guard let hub = nodeIndex[key.hub] else {
                dropped += groups[key]!.count
                continue
            }
            let members = groups[key]!.sorted().map { graph.concepts[$0].label }
            groupedShown += members.count
            nodes.append(
                Node(
                    id: "group-\(graph.concepts[key.hub].id)-\(key.kind.rawValue)-\(key.leafIsTarget ? "out" : "in")",
                    label: "\(members.count) concepts", weight: members.count, emphasized: false,
                    tooltip: members.joined(separator: ", "), members: members))
            let group = nodes.count - 1
            edges.append(
                Edge(
                    source: key.leafIsTarget ? hub : group, target: key.leafIsTarget ? group : hub, kind: key.kind,
                    count: members.count))
        }
        var caption = what
        if isolated > 0 { caption += "; \(isolated) without a drawn link here not drawn" }
        if groupedShown > 0 { caption += "; \(groupedShown) leaf concepts listed in boxes" }
        if dropped > 0 {
            let kept = distance.isEmpty ? "highest-ranked" : "nearest, then highest-ranked,"
            caption += "; \(dropped) more not drawn (limit \(maxNodes) nodes; the \(kept) kept)"
        }
        return Picture(title: title, nodes: nodes, edges: edges, caption: caption)
    }
}

/// Writes a `PictureSelection.Picture` as DOT sized for a screen.
///
/// Every picture carries `size="<maxInches>"` (Graphviz scales a larger drawing down to fit) and a
/// caption as the graph label. The default limit is 16 × 10 inches (1152 × 720 pt, 1536 × 960 px at
/// 96 dpi); `ratio="compress"` is not used because it needs `size` with `!`.
public struct PictureDOTWriter: Sendable {
    /// Width and height limit in inches (Graphviz `size`).
    public var maxWidthInches: Double
    public var maxHeightInches: Double
    public var fontName: String
    /// Hubs with more leaves than this get their leaves staggered over several ranks.
    static let staggerAbove = 6

    /// Layout direction: left to right suits chains, top to bottom suits wide hierarchies.
    public var direction: DOTWriter.Direction = .leftToRight

    public init(maxWidthInches: Double = 16, maxHeightInches: Double = 10, fontName: String = "Helvetica") {
        self.maxWidthInches = maxWidthInches
        self.maxHeightInches = maxHeightInches
        self.fontName = fontName
    }

    /// A concept's label (shortened), or a list node's members, three to a line, at most 36 names.
    static func label(of node: PictureSelection.Node) -> String {
        guard !node.members.isEmpty else { return DOTWriter.shortened(node.label, characters: 48) }
        let shown = node.members.prefix(36).map { DOTWriter.shortened($0, characters: 28) }
        var lines: [String] = []
        var start = 0
        while start < shown.count {
            lines.append(shown[start..<min(start + 3, shown.count)].joined(separator: " · "))
            start += 3
        }
        if node.members.count > shown.count { lines.append("… and \(node.members.count - shown.count) more") }
        return lines.joined(separator: "\n")
    }

    public func text(for picture: PictureSelection.Picture) -> String {
        let q = DOTWriter.quoted
        // A hub with many leaves (fewer than a list node takes) would be drawn as one tall column:
        // stagger its leaves over up to four ranks, as Graphviz's `unflatten -l 4` does.
        var degree = [Int](repeating: 0, count: picture.nodes.count)
        for edge in picture.edges {
            degree[edge.source] += 1
            degree[edge.target] += 1
        }
        var leavesOf = [Int](repeating: 0, count: picture.nodes.count)
        for edge in picture.edges {
            if degree[edge.target] == 1 { leavesOf[edge.source] += 1 }
            if degree[edge.source] == 1 { leavesOf[edge.target] += 1 }
        }
        var out = "digraph \"picture\" {\n"
        out +=
            "  graph [charset=\"UTF-8\", rankdir=\"\(direction.rawValue)\", fontname=\(q(fontName)), fontsize=\"12\", "
        out += "size=\"\(ExportText.double(maxWidthInches)),\(ExportText.double(maxHeightInches))\", "
        out +=
            "labelloc=\"t\", label=\(q(picture.title + "\n" + picture.caption)), nodesep=\"0.25\", ranksep=\"0.5\"];\n"
        out += "  node [shape=\"box\", style=\"rounded,filled\", fillcolor=\"#f4f6fb\", color=\"#4a5a80\", "
        out += "fontname=\(q(fontName)), fontsize=\"12\"];\n"
        out += "  edge [color=\"#4a5a80\", arrowsize=\"0.7\"];\n"
        let largest = max(picture.nodes.map(\.weight).max() ?? 1, 1)
        for node in picture.nodes {
            out += "  \(q(node.id)) [label=\(q(Self.label(of: node)))"
            out += ", tooltip=\(q(DOTWriter.shortened(node.tooltip, bytes: 600)))"
            if !node.members.isEmpty { out += ", shape=\"note\", style=\"filled\", fillcolor=\"#fbfaf2\"" }
            if picture.isOverview && largest > 1 {
                // Overview: area grows with the number of concepts.
                let scale = (Double(node.weight) / Double(largest)).squareRoot()
                out +=
                    ", fontsize=\"\(Int(11 + 13 * scale))\", margin=\"\(ExportText.double(Double(Int(10 + 30 * scale)) / 100))\""
            }
            if node.isFocus {
                out += ", penwidth=\"3\", fillcolor=\"#ffe39a\", fontsize=\"16\""
            } else if node.emphasized {
                out += ", penwidth=\"2\", fillcolor=\"#dfe7fb\""
            }
            out += "];\n"
        }
        var staggered = [Int](repeating: 0, count: picture.nodes.count)
        for edge in picture.edges {
            out += "  \(q(picture.nodes[edge.source].id)) -> \(q(picture.nodes[edge.target].id)) ["
            let hub = degree[edge.target] == 1 ? edge.source : degree[edge.source] == 1 ? edge.target : nil
            if let hub, leavesOf[hub] > Self.staggerAbove {
                out += "minlen=\"\(1 + staggered[hub] % 4)\", "
                staggered[hub] += 1
            }
            switch edge.kind {
            case .broader: out += "style=\"solid\", arrowhead=\"onormal\""
            case .requires: out += "style=\"dashed\""
            case .related: out += "style=\"dotted\", dir=\"none\""
            }
            if edge.count > 1 {
                out += ", penwidth=\"\(ExportText.double(min(1 + Double(edge.count).squareRoot() / 2, 5)))\""
                out += ", tooltip=\"\(edge.count) relations\""
            }
            out += "];\n"
        }
        out += "}\n"
        return out
    }
}
