/// Weighted PageRank by power iteration.
///
/// A node passes `damping` of its rank along its outgoing edges in proportion to their weights;
/// dangling nodes (no outgoing weight) spread theirs uniformly; everyone gets `(1 − damping)/n`.
/// Iterates until the L1 change is below `tolerance` or `maxIterations` is reached.
///
/// - Parameter reversed: follow edges backwards, so rank flows from a node to its sources
///   (for "prerequisites of many are key").
/// - Returns: one value per node, summing to 1 (empty for an empty graph).
/// - Complexity: O((V + E) · iterations).
public func pageRank(
    _ graph: CSRGraph, kinds: EdgeKinds = .all, reversed: Bool = false, damping: Double = 0.85,
    tolerance: Double = 1e-10, maxIterations: Int = 200
) -> [Double] {
    let n = graph.nodeCount
    guard n > 0 else { return [] }
    // Pull formulation: rank[v] = Σ over edges x→v of rank[x]·w / outWeight[x].
    // Forward: x ranges over in-neighbours, outWeight from out-slots. Reversed: swapped.
    var outWeight = [Double](repeating: 0, count: n)
    for u in 0..<n {
        let r = reversed ? graph.inRange(u) : graph.outRange(u)
        for slot in r {
            let k = reversed ? graph.inKinds[slot] : graph.outKinds[slot]
            if kinds.contains(k) { outWeight[u] += reversed ? graph.inWeights[slot] : graph.outWeights[slot] }
        }
    }
    let pullOffsets = reversed ? graph.outOffsets : graph.inOffsets
    let pullFrom = reversed ? graph.outTargets : graph.inSources
    let pullWeight = reversed ? graph.outWeights : graph.inWeights
    let pullKind = reversed ? graph.outKinds : graph.inKinds
    var share = [Double](repeating: 0, count: pullFrom.count)  // w / outWeight[source], 0 if filtered
    for v in 0..<n {
        for slot in Int(pullOffsets[v])..<Int(pullOffsets[v + 1]) where kinds.contains(pullKind[slot]) {
            let x = Int(pullFrom[slot])
            share[slot] = outWeight[x] > 0 ? pullWeight[slot] / outWeight[x] : 0
        }
    }
    var rank = [Double](repeating: 1 / Double(n), count: n)
    var next = [Double](repeating: 0, count: n)
    for _ in 0..<maxIterations {
        var dangling = 0.0
        for u in 0..<n where outWeight[u] <= 0 { dangling += rank[u] }
        let base = (1 - damping) / Double(n) + damping * dangling / Double(n)
        var change = 0.0
        var total = 0.0
        for v in 0..<n {
            var sum = 0.0
            for slot in Int(pullOffsets[v])..<Int(pullOffsets[v + 1]) {
                sum += rank[Int(pullFrom[slot])] * share[slot]
            }
            let x = base + damping * sum
            next[v] = x
            total += x
        }
        for v in 0..<n {
            next[v] /= total  // guards against drift
            change += abs(next[v] - rank[v])
        }
        swap(&rank, &next)
        if change < tolerance { break }
    }
    return rank
}
