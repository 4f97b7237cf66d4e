/// Every node from which `node` can be reached (its transitive prerequisites), not counting `node`
/// itself unless it lies on a cycle through it. Only edges whose kind is in `kinds` are followed.
///
/// - Returns: the ancestors in the order found (breadth-first); sort them by a study-order position
///   to list them in study order.
/// - Complexity: O(V + E) in the worst case; O(size of the answer + its edges) plus one O(V) marker array.
public func ancestors(of node: Int, in graph: CSRGraph, kinds: EdgeKinds = .all) -> [Int32] {
    search(from: node, in: graph, kinds: kinds, forward: false)
}

/// Every node reachable from `node` (its transitive dependents). See `ancestors(of:in:kinds:)`.
/// - Complexity: O(V + E).
public func descendants(of node: Int, in graph: CSRGraph, kinds: EdgeKinds = .all) -> [Int32] {
    search(from: node, in: graph, kinds: kinds, forward: true)
}

private func search(from node: Int, in graph: CSRGraph, kinds: EdgeKinds, forward: Bool) -> [Int32] {
    var seen = [Bool](repeating: false, count: graph.nodeCount)
    var queue: [Int32] = [Int32(node)]
    var head = 0
    var found: [Int32] = []
    while head < queue.count {
        let u = Int(queue[head])
        head += 1
        let range = forward ? graph.outRange(u) : graph.inRange(u)
        for slot in range {
            let kind = forward ? graph.outKinds[slot] : graph.inKinds[slot]
            guard kinds.contains(kind) else { continue }
            let v = Int(forward ? graph.outTargets[slot] : graph.inSources[slot])
            if !seen[v] {
                seen[v] = true
                found.append(Int32(v))
                queue.append(Int32(v))
            }
        }
    }
    return found
}

/// The edges worth drawing: the transitive reduction of the graph's condensation. An edge between
/// two components is kept unless its target is also reachable through another path; edges inside a
/// component (a cycle) are always kept, and so is every original edge that realises a kept
/// condensation edge.
///
/// Algorithm: components in reverse topological order, each with a bitset of its descendants;
/// a component's direct successors are visited in topological order, and a successor already in the
/// bitset is reachable through an earlier one, so that edge is redundant.
///
/// - Parameter maxComponents: above this many components the bitsets (C²/8 bytes) would be too
///   large; the function then bails out and keeps every edge.
/// - Returns: for each edge *id* (`0..<idBound`, where `idBound` is one more than the largest id in
///   `graph`), whether to draw it; ids not present in `graph` (or not in `kinds`) are `false`.
/// - Complexity: O(C·E'/64 + V + E) time and O(C²/64) words of memory, where C is the number of
///   components and E' the condensation's edges; fine for tens of thousands of components.
public func transitiveReduction(
    of graph: CSRGraph, kinds: EdgeKinds = .all, maxComponents: Int = 20_000
) -> [Bool] {
    var idBound = 0
    for id in graph.outEdgeIDs { idBound = max(idBound, Int(id) + 1) }
    var keep = [Bool](repeating: false, count: idBound)
    let scc = StronglyConnectedComponents(graph, kinds: kinds)
    let c = scc.count
    if c > maxComponents {
        for u in 0..<graph.nodeCount {
            for slot in graph.outRange(u) where kinds.contains(graph.outKinds[slot]) {
                keep[Int(graph.outEdgeIDs[slot])] = true
            }
        }
        return keep
    }
    let dag = scc.condensation(of: graph, kinds: kinds)
    let words = (c + 63) / 64
    var reach = [UInt64](repeating: 0, count: c * words)
    // keepPair[slot in dag] whether the condensation edge is kept.
    var keepSlot = [Bool](repeating: false, count: dag.edgeCount)
    var succ: [(Int32, Int)] = []
    for cu in stride(from: c - 1, through: 0, by: -1) {
        succ.removeAll(keepingCapacity: true)
        for slot in dag.outRange(cu) { succ.append((dag.outTargets[slot], slot)) }
        succ.sort { $0.0 < $1.0 }  // component ids are topological
        let base = cu * words
        for (cv, slot) in succ {
            let v = Int(cv)
            if reach[base + v >> 6] & (1 << UInt64(v & 63)) != 0 { continue }
            keepSlot[slot] = true
            reach[base + v >> 6] |= 1 << UInt64(v & 63)
            let other = v * words
            for w in 0..<words { reach[base + w] |= reach[other + w] }
        }
    }
    // Mark kept component pairs, then original edges.
    var keptTarget = [Int32](repeating: -1, count: c)  // for the current source component
    for cu in 0..<c {
        for slot in dag.outRange(cu) where keepSlot[slot] { keptTarget[Int(dag.outTargets[slot])] = Int32(cu) }
        for u in scc.members(of: cu) {
            for slot in graph.outRange(Int(u)) where kinds.contains(graph.outKinds[slot]) {
                let cv = Int(scc.component[Int(graph.outTargets[slot])])
                if cv == cu || keptTarget[cv] == Int32(cu) { keep[Int(graph.outEdgeIDs[slot])] = true }
            }
        }
    }
    return keep
}
