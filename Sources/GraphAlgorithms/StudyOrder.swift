/// Orders the nodes of a directed graph so that, outside cycles, every edge goes forward
/// ("learn the source first"), while keeping related nodes together and otherwise following the
/// caller's priority (deck order).
///
/// Algorithm: Kahn's topological sort of the condensation with priority heaps. Among the ready
/// components, one in the same cluster as the node emitted last is preferred; otherwise, or among
/// those, the one with the lowest priority key. A component's key is the lowest key of its members,
/// its cluster the cluster of that member. The members of a component (a cycle) are emitted together,
/// in key order. Ties are broken by node index, so the result is deterministic.
///
///     // 0 → 1, 2 alone, keys = deck order
///     let order = studyOrder(graph, keys: [0, 1, 2])
///     // [0, 1, 2]
///
/// - Parameters:
///   - keys: one priority per node (lower first).
///   - clusters: optional cluster id per node (any non-negative ids).
///   - scc: the components of `graph` (restricted to `kinds`), if already computed.
/// - Returns: every node once.
/// - Complexity: O((V + E) log V).
public func studyOrder(
    _ graph: CSRGraph, keys: [Int], clusters: [Int32]? = nil, kinds: EdgeKinds = .all,
    scc precomputed: StronglyConnectedComponents? = nil
) -> [Int32] {
    let n = graph.nodeCount
    precondition(keys.count == n && (clusters == nil || clusters!.count == n))
    let scc = precomputed ?? StronglyConnectedComponents(graph, kinds: kinds)
    let c = scc.count
    // Members of each component in key order, and each component's best member.
    var sortedMembers = scc.members
    var head = [Int32](repeating: 0, count: c)
    for ci in 0..<c {
        let lo = Int(scc.memberOffsets[ci])
        let hi = Int(scc.memberOffsets[ci + 1])
        if hi - lo > 1 {
            sortedMembers[lo..<hi].sort { (keys[Int($0)], $0) < (keys[Int($1)], $1) }
        }
        head[ci] = sortedMembers[lo]
    }
    // Rank components by (key of head, head) so heaps hold plain Int32 ranks.
    var byRank = (0..<Int32(c)).map { $0 }
    byRank.sort { (keys[Int(head[Int($0)])], head[Int($0)]) < (keys[Int(head[Int($1)])], head[Int($1)]) }
    var rank = [Int32](repeating: 0, count: c)
    for (r, ci) in byRank.enumerated() { rank[Int(ci)] = Int32(r) }
    // Indegrees in the condensation (counting parallel edges; they are released one by one).
    var indegree = [Int32](repeating: 0, count: c)
    for u in 0..<n {
        let cu = scc.component[u]
        for slot in graph.outRange(u) where kinds.contains(graph.outKinds[slot]) {
            let cv = scc.component[Int(graph.outTargets[slot])]
            if cv != cu { indegree[Int(cv)] += 1 }
        }
    }
    var clusterOf = [Int32](repeating: 0, count: c)
    var clusterCount = 1
    if let clusters {
        for ci in 0..<c { clusterOf[ci] = clusters[Int(head[ci])] }
        for x in clusters { clusterCount = max(clusterCount, Int(x) + 1) }
    }
    var global = MinHeap32()
    var perCluster = [MinHeap32](repeating: MinHeap32(), count: clusters == nil ? 0 : clusterCount)
    var emitted = [Bool](repeating: false, count: c)
    func makeReady(_ ci: Int) {
        global.push(rank[ci])
        if clusters != nil { perCluster[Int(clusterOf[ci])].push(rank[ci]) }
    }
    for ci in 0..<c where indegree[ci] == 0 { makeReady(ci) }
    var order = [Int32]()
    order.reserveCapacity(n)
    var lastCluster: Int32 = -1
    while true {
        var picked: Int32? = nil
        if clusters != nil && lastCluster >= 0 {
            while let r = perCluster[Int(lastCluster)].pop() {
                if !emitted[Int(byRank[Int(r)])] {
                    picked = r
                    break
                }
            }
        }
        if picked == nil {
            while let r = global.pop() {
                if !emitted[Int(byRank[Int(r)])] {
                    picked = r
                    break
                }
            }
        }
        guard let r = picked else { break }
        let ci = Int(byRank[Int(r)])
        emitted[ci] = true
        let lo = Int(scc.memberOffsets[ci])
        let hi = Int(scc.memberOffsets[ci + 1])
        for i in lo..<hi {
            let u = Int(sortedMembers[i])
            order.append(Int32(u))
            for slot in graph.outRange(u) where kinds.contains(graph.outKinds[slot]) {
                let cv = Int(scc.component[Int(graph.outTargets[slot])])
                if cv == ci { continue }
                indegree[cv] -= 1
                if indegree[cv] == 0 { makeReady(cv) }
            }
        }
        if let clusters { lastCluster = clusters[Int(sortedMembers[hi - 1])] }
    }
    precondition(order.count == n, "study order lost nodes")
    return order
}
