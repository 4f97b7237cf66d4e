/// A directed acyclic graph grown one edge at a time, refusing each edge that would close a cycle.
///
/// **Why.** A greedy "first found wins" rule (keep an edge unless the edges kept before it already
/// lead back from its head to its tail) needs a reachability answer per edge. A plain depth-first
/// search per edge is quadratic on a large strongly connected core; this keeps a topological order of
/// the kept edges instead (Pearce and Kelly's dynamic topological sort, 2006) and searches only the
/// nodes whose position lies between the new edge's ends, and only when the edge disagrees with the
/// order. The answers are exactly those of the plain search (a path from head to tail can only pass
/// through nodes ordered between them), so the edges kept are the same.
///
/// **Bounded.** A caller may cap the edges one insertion may scan (`searchLimit`): an edge whose
/// question cannot be settled within it is refused as `.undecided`, so that a tangle of thousands of
/// mutually reachable nodes costs at most the cap per edge instead of a search of the tangle.
///
/// - Complexity: an edge that agrees with the order costs O(1); one that does not costs
///   O(δ log δ), δ being the nodes and edges between its ends' positions (the "affected region"),
///   and δ ≤ 2 × `searchLimit` when a limit is given. Unbounded, the worst case is quadratic, as for
///   every known incremental algorithm.
public struct DynamicTopologicalOrder: Sendable {
    /// Position of each node: every kept edge `u → v` has `position[u] < position[v]`.
    public private(set) var position: [Int32]
    /// Kept edges as linked lists, once per direction, each with its search marks.
    private var outgoing: EdgeLists
    private var incoming: EdgeLists
    /// Search scratch: a node is marked when its mark equals the current stamp.
    private var stamp: UInt32 = 0
    private var stack: [Int32] = []
    private var forward: [Int32] = []
    private var backward: [Int32] = []

    /// An empty graph on `nodeCount` nodes, ordered by node number.
    public init(nodeCount: Int) {
        self.init(position: (0..<Int32(nodeCount)).map { $0 })
    }

    /// An empty graph on the nodes of `candidates`, ordered by a reverse postorder of a depth-first
    /// search of it (nodes and edges in number order). Seed with the graph of all the edges that will
    /// be offered: then only the back edges of that search (the edges that can close a cycle, and
    /// those that merely look as if they might) disagree with the order and cost a search.
    ///
    /// - Complexity: O(V + E).
    public init(seededBy candidates: CSRGraph) {
        let n = candidates.nodeCount
        var position = [Int32](repeating: -1, count: n)
        var next = Int32(n)
        var cursor = [Int32](repeating: 0, count: n)
        var stack: [Int32] = []
        var seen = [Bool](repeating: false, count: n)
        for root in 0..<n where !seen[root] {
            seen[root] = true
            cursor[root] = candidates.outOffsets[root]
            stack.append(Int32(root))
            while let top = stack.last {
                let node = Int(top)
                if cursor[node] < candidates.outOffsets[node + 1] {
                    let target = Int(candidates.outTargets[Int(cursor[node])])
                    cursor[node] += 1
                    if !seen[target] {
                        seen[target] = true
                        cursor[target] = candidates.outOffsets[target]
                        stack.append(Int32(target))
                    }
                } else {
                    // Finished: it goes before everything finished earlier (its descendants).
                    stack.removeLast()
                    next -= 1
                    position[node] = next
                }
            }
        }
        self.init(position: position)
    }

    private init(position: [Int32]) {
        let nodeCount = position.count
        self.position = position
        outgoing = EdgeLists(nodeCount: nodeCount)
        incoming = EdgeLists(nodeCount: nodeCount)
    }

    /// What became of an edge offered to `insert`.
    public enum Insertion: Sendable, Equatable {
        case added
        /// The target already reaches the source (or they are one node): refused.
        case closesCycle
        /// Settling it would scan more edges than the limit: refused without an answer.
        case undecided
    }

    /// Adds `source → target` unless `target` already reaches `source` (or they are one node).
    /// Returns whether the edge was added.
    public mutating func insert(from source: Int32, to target: Int32) -> Bool {
        insert(from: source, to: target, searchLimit: .max) == .added
    }

    /// Adds `source → target` unless `target` already reaches `source`, or unless answering that
    /// would scan more than `searchLimit` edges.
    public mutating func insert(from source: Int32, to target: Int32, searchLimit: Int) -> Insertion {
        if source == target { return .closesCycle }
        let lower = position[Int(target)]
        let upper = position[Int(source)]
        if upper > lower {
            // The edge disagrees with the order: search the region between its ends.
            nextStamp()
            var budget = searchLimit
            // Forward from the target, below the source's position: reaching the source closes a cycle.
            switch outgoing.collect(
                from: target, goal: source, stamp: stamp, within: { [position] in position[Int($0)] < upper },
                into: &forward, stack: &stack, budget: &budget)
            {
            case .found: return .closesCycle
            case .outOfBudget: return .undecided
            case .notFound: break
            }
            // Backward from the source, above the target's position: the nodes to move before the forward ones.
            let backwardSearch = incoming.collect(
                from: source, goal: nil, stamp: stamp, within: { [position] in position[Int($0)] > lower },
                into: &backward, stack: &stack, budget: &budget)
            if backwardSearch == .outOfBudget { return .undecided }
            reorder()
        }
        outgoing.add(from: source, to: target)
        incoming.add(from: target, to: source)
        return .added
    }

    private mutating func nextStamp() {
        stamp &+= 1
        if stamp == 0 {
            outgoing.clearMarks()
            incoming.clearMarks()
            stamp = 1
        }
    }

    /// Gives the backward set the lowest of the affected positions and the forward set the rest,
    /// each keeping its own relative order.
    private mutating func reorder() {
        var backwardKeyed = backward.map { (position: position[Int($0)], node: $0) }
        var forwardKeyed = forward.map { (position: position[Int($0)], node: $0) }
        backwardKeyed.sort { $0.position < $1.position }
        forwardKeyed.sort { $0.position < $1.position }
        var slots = backwardKeyed.map(\.position) + forwardKeyed.map(\.position)
        slots.sort()
        for (slot, entry) in zip(slots, backwardKeyed + forwardKeyed) {
            position[Int(entry.node)] = slot
        }
    }
}

/// One direction of a graph's edges as linked lists (edge `e` leads to `end[e]`; `next[e]` is the
/// next edge of the same node), with a mark per node for searches.
private struct EdgeLists {
    private var head: [Int32]
    private var next: [Int32] = []
    private var end: [Int32] = []
    private var mark: [UInt32]

    init(nodeCount: Int) {
        head = [Int32](repeating: -1, count: nodeCount)
        mark = [UInt32](repeating: 0, count: nodeCount)
    }

    mutating func add(from node: Int32, to other: Int32) {
        next.append(head[Int(node)])
        head[Int(node)] = Int32(end.count)
        end.append(other)
    }

    mutating func clearMarks() {
        for i in mark.indices { mark[i] = 0 }
    }

    enum SearchResult { case found, notFound, outOfBudget }

    /// The nodes reached from `start` through nodes satisfying `within`, into `found` (depth first);
    /// `.found` as soon as an edge reaches `goal`. Each edge scanned costs one unit of `budget`.
    mutating func collect(
        from start: Int32, goal: Int32?, stamp: UInt32, within: (Int32) -> Bool,
        into found: inout [Int32], stack: inout [Int32], budget: inout Int
    ) -> SearchResult {
        found.removeAll(keepingCapacity: true)
        stack.removeAll(keepingCapacity: true)
        stack.append(start)
        mark[Int(start)] = stamp
        while let node = stack.popLast() {
            found.append(node)
            var edge = head[Int(node)]
            while edge >= 0 {
                budget -= 1
                if budget < 0 { return .outOfBudget }
                let other = end[Int(edge)]
                if other == goal { return .found }
                if mark[Int(other)] != stamp && within(other) {
                    mark[Int(other)] = stamp
                    stack.append(other)
                }
                edge = next[Int(edge)]
            }
        }
        return .notFound
    }
}
