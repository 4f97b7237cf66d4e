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
/// - Complexity: an edge that agrees with the order costs O(1); one that does not costs
///   O(δ log δ), δ being the nodes and edges between its ends' positions (the "affected region").
///   Worst case quadratic, as for every known incremental algorithm; near-linear on hierarchies.
public struct DynamicTopologicalOrder: Sendable {
    /// Position of each node: every kept edge `u → v` has `position[u] < position[v]`.
    public private(set) var position: [Int32]
    /// Kept edges as linked lists: out-edges and in-edges per node.
    private var outHead: [Int32]
    private var inHead: [Int32]
    private var edgeSource: [Int32] = []
    private var edgeTarget: [Int32] = []
    private var outNext: [Int32] = []
    private var inNext: [Int32] = []
    /// Search scratch: a node is marked when its stamp equals the current one.
    private var forwardMark: [UInt32]
    private var backwardMark: [UInt32]
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
        outHead = [Int32](repeating: -1, count: nodeCount)
        inHead = [Int32](repeating: -1, count: nodeCount)
        forwardMark = [UInt32](repeating: 0, count: nodeCount)
        backwardMark = [UInt32](repeating: 0, count: nodeCount)
    }

    /// Adds `source → target` unless `target` already reaches `source` (or they are one node).
    /// Returns whether the edge was added.
    public mutating func insert(from source: Int32, to target: Int32) -> Bool {
        if source == target { return false }
        let lower = position[Int(target)]
        let upper = position[Int(source)]
        if upper > lower {
            // The edge disagrees with the order: search the region between its ends.
            nextStamp()
            if searchForward(from: target, upperBound: upper, goal: source) { return false }
            searchBackward(from: source, lowerBound: lower)
            reorder()
        }
        let edge = Int32(edgeSource.count)
        edgeSource.append(source)
        edgeTarget.append(target)
        outNext.append(outHead[Int(source)])
        outHead[Int(source)] = edge
        inNext.append(inHead[Int(target)])
        inHead[Int(target)] = edge
        return true
    }

    private mutating func nextStamp() {
        stamp &+= 1
        if stamp == 0 {
            for i in forwardMark.indices {
                forwardMark[i] = 0
                backwardMark[i] = 0
            }
            stamp = 1
        }
    }

    /// Nodes reachable from `start` whose position is below `upperBound`; true when `goal` is among them.
    private mutating func searchForward(from start: Int32, upperBound: Int32, goal: Int32) -> Bool {
        forward.removeAll(keepingCapacity: true)
        stack.removeAll(keepingCapacity: true)
        stack.append(start)
        forwardMark[Int(start)] = stamp
        while let node = stack.popLast() {
            forward.append(node)
            var edge = outHead[Int(node)]
            while edge >= 0 {
                let next = edgeTarget[Int(edge)]
                if next == goal { return true }
                if forwardMark[Int(next)] != stamp && position[Int(next)] < upperBound {
                    forwardMark[Int(next)] = stamp
                    stack.append(next)
                }
                edge = outNext[Int(edge)]
            }
        }
        return false
    }

    /// Nodes that reach `start` whose position is above `lowerBound`.
    private mutating func searchBackward(from start: Int32, lowerBound: Int32) {
        backward.removeAll(keepingCapacity: true)
        stack.removeAll(keepingCapacity: true)
        stack.append(start)
        backwardMark[Int(start)] = stamp
        while let node = stack.popLast() {
            backward.append(node)
            var edge = inHead[Int(node)]
            while edge >= 0 {
                let previous = edgeSource[Int(edge)]
                if backwardMark[Int(previous)] != stamp && position[Int(previous)] > lowerBound {
                    backwardMark[Int(previous)] = stamp
                    stack.append(previous)
                }
                edge = inNext[Int(edge)]
            }
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
