/// What a Leiden run found.
public struct LeidenResult: Sendable {
    /// For each node, its community id: dense, `0..<communityCount`, numbered in order of each
    /// community's lowest node. Every community is connected.
    public var membership: [Int32]
    public var communityCount: Int
    /// The modularity (with the run's resolution) of `membership`.
    public var modularity: Double
    /// How many full Leiden iterations ran (the last one changed nothing unless capped).
    public var iterations: Int
}

/// Community detection by the Leiden algorithm (V. A. Traag, L. Waltman & N. J. van Eck, "From
/// Louvain to Leiden: guaranteeing well-connected communities", Sci. Rep. 9, 5233 (2019)),
/// optimising modularity with a resolution parameter γ.
///
/// One iteration: (1) fast local moving of nodes with a queue (only neighbours of moved nodes are
/// revisited); (2) refinement: within each community, well-connected singleton nodes are merged
/// into well-connected sub-communities, chosen at random with probability ∝ exp(ΔQ/θ) among
/// non-negative gains; (3) aggregation by the refined partition, starting the aggregate graph from
/// the unrefined partition; repeated until every community is a single aggregate node. Iterations
/// repeat until one changes nothing (or `maxIterations`). Gains are in edge-weight units with
/// γ/(2m) per unit of strength, as in igraph, so θ = 0.01 has the same meaning there.
///
/// As a last step any community that is not connected (possible only through the aggregation
/// fallback) is split into its connected parts, which never lowers modularity.
///
///     let result = Leiden(resolution: 1, seed: 42).run(UndirectedGraph(graph))
///     print(result.modularity)
///
/// - Complexity: each local-moving pass is O(E) amortised per visit of every node; in practice the
///   whole run is close to linear in E. Memory O(V + E), buffers reused across levels.
public struct Leiden: Sendable {
    public var resolution: Double
    /// θ, the randomness of refinement merges (0 = always the best merge).
    public var randomness: Double
    public var seed: UInt64
    /// Number of iterations; negative means "until an iteration changes nothing".
    public var maxIterations: Int

    public init(resolution: Double = 1, randomness: Double = 0.01, seed: UInt64 = 1, maxIterations: Int = -1) {
        self.resolution = resolution
        self.randomness = randomness
        self.seed = seed
        self.maxIterations = maxIterations
    }

    /// Runs Leiden on `graph`, starting from `initial` (default: singletons).
    public func run(_ graph: UndirectedGraph, initial: [Int32]? = nil) -> LeidenResult {
        let n = graph.nodeCount
        guard n > 0 else { return LeidenResult(membership: [], communityCount: 0, modularity: 0, iterations: 0) }
        var membership: [Int32] = initial ?? (0..<Int32(n)).map { $0 }
        precondition(membership.count == n)
        _ = renumber(&membership)
        let m = graph.totalWeight
        if m <= 0 {
            membership = (0..<Int32(n)).map { $0 }
            return LeidenResult(membership: membership, communityCount: n, modularity: 0, iterations: 0)
        }
        var work = LeidenWorkspace(capacity: n)
        work.gamma = resolution / (2 * m)
        work.theta = randomness
        work.rng = SplitMix64(seed: seed)
        var iterations = 0
        while true {
            iterations += 1
            var changedAny = false
            var g = graph
            var memb = membership
            var nodeOf: [Int32] = (0..<Int32(n)).map { $0 }
            while true {
                if work.moveNodes(g, &memb) { changedAny = true }
                let communities = renumber(&memb)
                if communities == g.nodeCount { break }
                var refined = work.refine(g, memb)
                var refinedCount = renumber(&refined)
                if refinedCount == g.nodeCount {
                    refined = memb
                    refinedCount = communities
                }
                var aggregateMembership = [Int32](repeating: 0, count: refinedCount)
                for v in 0..<g.nodeCount { aggregateMembership[Int(refined[v])] = memb[v] }
                g = work.aggregate(g, refined, count: refinedCount)
                for o in 0..<n { nodeOf[o] = refined[Int(nodeOf[o])] }
                memb = aggregateMembership
            }
            for o in 0..<n { membership[o] = memb[Int(nodeOf[o])] }
            if !changedAny || (maxIterations > 0 && iterations >= maxIterations) { break }
        }
        splitDisconnected(graph, &membership)
        let count = renumber(&membership)
        #if GRAPH_INTERNAL_CHECKS
        precondition(allCommunitiesConnected(graph, membership), "Leiden returned a disconnected community")
        #endif
        return LeidenResult(
            membership: membership, communityCount: count,
            modularity: GraphAlgorithms.modularity(graph, membership: membership, resolution: resolution),
            iterations: iterations)
    }
}

/// Renumbers ids densely in order of first appearance; returns the number of distinct ids.
/// Ids must be in `0..<membership.count`.
@discardableResult
func renumber(_ membership: inout [Int32]) -> Int {
    var map = [Int32](repeating: -1, count: membership.count)
    var next: Int32 = 0
    for i in membership.indices {
        let c = Int(membership[i])
        if map[c] < 0 { map[c] = next; next += 1 }
        membership[i] = map[c]
    }
    return Int(next)
}

/// Splits every community into its connected components (new ids appended after the old ones).
/// - Complexity: O(V + E).
func splitDisconnected(_ graph: UndirectedGraph, _ membership: inout [Int32]) {
    let n = graph.nodeCount
    var part = [Int32](repeating: -1, count: n)
    var firstPartOf = [Bool](repeating: false, count: n)  // community already has a part
    var next = Int32(n)
    var queue = [Int32](); queue.reserveCapacity(n)
    for root in 0..<n where part[root] < 0 {
        let c = membership[root]
        let id: Int32
        if !firstPartOf[Int(c)] { firstPartOf[Int(c)] = true; id = c } else { id = next; next += 1 }
        part[root] = id
        queue.removeAll(keepingCapacity: true)
        queue.append(Int32(root))
        var head = 0
        while head < queue.count {
            let u = Int(queue[head]); head += 1
            for s in graph.offsets[u]..<graph.offsets[u + 1] {
                let v = Int(graph.neighbors[s])
                if part[v] < 0 && membership[v] == c { part[v] = id; queue.append(Int32(v)) }
            }
        }
    }
    if next == Int32(n) { return }
    // Ids may exceed n-1 now; compact them to first appearance.
    var map = [Int32](repeating: -1, count: Int(next))
    var k: Int32 = 0
    for i in 0..<n {
        let p = Int(part[i])
        if map[p] < 0 { map[p] = k; k += 1 }
        membership[i] = map[p]
    }
}

/// Whether every community of `membership` induces a connected subgraph.
/// - Complexity: O(V + E).
public func allCommunitiesConnected(_ graph: UndirectedGraph, _ membership: [Int32]) -> Bool {
    var copy = membership
    _ = renumber(&copy)
    let before = Set(copy).count
    splitDisconnected(graph, &copy)
    return Set(copy).count == before
}

/// Reusable flat buffers for one Leiden run (sized for the original graph; aggregates are smaller).
struct LeidenWorkspace {
    var gamma = 1.0  // resolution / 2m
    var theta = 0.01
    var rng = SplitMix64(seed: 1)
    var communityWeight: [Double]
    var communitySize: [Int32]
    var emptyCommunities: [Int32]
    var neighborWeight: [Double]
    var stamp: [Int32]
    var stampValue: Int32 = 0
    var neighborCommunities: [Int32]
    var queue: [Int32]
    var inQueue: [Bool]
    var order: [Int32]
    var externalWeight: [Double]
    var candidateGain: [Double]

    init(capacity n: Int) {
        communityWeight = [Double](repeating: 0, count: n)
        communitySize = [Int32](repeating: 0, count: n)
        emptyCommunities = []; emptyCommunities.reserveCapacity(n)
        neighborWeight = [Double](repeating: 0, count: n)
        stamp = [Int32](repeating: -1, count: n)
        neighborCommunities = []; neighborCommunities.reserveCapacity(n)
        queue = [Int32](repeating: 0, count: n)
        inQueue = [Bool](repeating: false, count: n)
        order = []; order.reserveCapacity(n)
        externalWeight = [Double](repeating: 0, count: n)
        candidateGain = []; candidateGain.reserveCapacity(n)
    }

    /// Fast local moving (Leiden step 1). Returns whether any node moved.
    mutating func moveNodes(_ g: UndirectedGraph, _ memb: inout [Int32]) -> Bool {
        // Work on local arrays (moved out of self, not copied) so the optimiser can hoist
        // uniqueness and bounds checks out of the hot loops.
        var communityWeight = self.communityWeight; self.communityWeight = []
        var communitySize = self.communitySize; self.communitySize = []
        var emptyCommunities = self.emptyCommunities; self.emptyCommunities = []
        var neighborWeight = self.neighborWeight; self.neighborWeight = []
        var stamp = self.stamp; self.stamp = []
        var neighborCommunities = self.neighborCommunities; self.neighborCommunities = []
        var queue = self.queue; self.queue = []
        var inQueue = self.inQueue; self.inQueue = []
        var order = self.order; self.order = []
        var stampValue = self.stampValue
        defer {
            self.communityWeight = communityWeight
            self.communitySize = communitySize
            self.emptyCommunities = emptyCommunities
            self.neighborWeight = neighborWeight
            self.stamp = stamp
            self.neighborCommunities = neighborCommunities
            self.queue = queue
            self.inQueue = inQueue
            self.order = order
            self.stampValue = stampValue
        }
        @inline(__always) func nextStamp() -> Int32 {
            stampValue &+= 1
            if stampValue == Int32.max {
                for i in stamp.indices { stamp[i] = -1 }
                stampValue = 0
            }
            return stampValue
        }
        let n = g.nodeCount
        let gamma = self.gamma
        for c in 0..<n { communityWeight[c] = 0; communitySize[c] = 0 }
        for v in 0..<n {
            communityWeight[Int(memb[v])] += g.strength[v]
            communitySize[Int(memb[v])] += 1
        }
        emptyCommunities.removeAll(keepingCapacity: true)
        for c in stride(from: n - 1, through: 0, by: -1) where communitySize[c] == 0 {
            emptyCommunities.append(Int32(c))
        }
        order.removeAll(keepingCapacity: true)
        for v in 0..<Int32(n) { order.append(v) }
        rng.shuffle(&order)
        for i in 0..<n { queue[i] = order[i]; inQueue[i] = true }
        var head = 0, size = n
        var changed = false
        while size > 0 {
            let v = Int(queue[head])
            head += 1; if head == n { head = 0 }
            size -= 1
            inQueue[v] = false
            let old = Int(memb[v])
            let kv = g.strength[v]
            let mark = nextStamp()
            neighborCommunities.removeAll(keepingCapacity: true)
            stamp[old] = mark; neighborWeight[old] = 0; neighborCommunities.append(Int32(old))
            let lo = g.offsets[v], hi = g.offsets[v + 1]
            for s in lo..<hi {
                let c = Int(memb[Int(g.neighbors[s])])
                if stamp[c] != mark { stamp[c] = mark; neighborWeight[c] = 0; neighborCommunities.append(Int32(c)) }
                neighborWeight[c] += g.weights[s]
            }
            communityWeight[old] -= kv
            communitySize[old] -= 1
            if communitySize[old] == 0 { emptyCommunities.append(Int32(old)) }
            var best = old
            var bestGain = neighborWeight[old] - gamma * kv * communityWeight[old]
            for c32 in neighborCommunities {
                let c = Int(c32)
                let gain = neighborWeight[c] - gamma * kv * communityWeight[c]
                if gain > bestGain { bestGain = gain; best = c }
            }
            if bestGain < 0, let empty = emptyCommunities.last {
                best = Int(empty)  // alone is better than anywhere
            }
            if communitySize[best] == 0 { emptyCommunities.removeLast() }
            communityWeight[best] += kv
            communitySize[best] += 1
            if best != old {
                changed = true
                memb[v] = Int32(best)
                for s in lo..<hi {
                    let u = Int(g.neighbors[s])
                    if !inQueue[u] && Int(memb[u]) != best {
                        inQueue[u] = true
                        var tail = head + size; if tail >= n { tail -= n }
                        queue[tail] = Int32(u)
                        size += 1
                    }
                }
            }
        }
        return changed
    }

    /// Refinement (Leiden step 2): returns the refined partition (ids are node ids, not dense).
    mutating func refine(_ g: UndirectedGraph, _ memb: [Int32]) -> [Int32] {
        // Work on local arrays (moved out of self, not copied) so the optimiser can hoist
        // uniqueness and bounds checks out of the hot loops.
        var communityWeight = self.communityWeight; self.communityWeight = []
        var communitySize = self.communitySize; self.communitySize = []
        var neighborWeight = self.neighborWeight; self.neighborWeight = []
        var stamp = self.stamp; self.stamp = []
        var neighborCommunities = self.neighborCommunities; self.neighborCommunities = []
        var order = self.order; self.order = []
        var externalWeight = self.externalWeight; self.externalWeight = []
        var candidateGain = self.candidateGain; self.candidateGain = []
        var stampValue = self.stampValue
        defer {
            self.communityWeight = communityWeight
            self.communitySize = communitySize
            self.neighborWeight = neighborWeight
            self.stamp = stamp
            self.neighborCommunities = neighborCommunities
            self.order = order
            self.externalWeight = externalWeight
            self.candidateGain = candidateGain
            self.stampValue = stampValue
        }
        @inline(__always) func nextStamp() -> Int32 {
            stampValue &+= 1
            if stampValue == Int32.max {
                for i in stamp.indices { stamp[i] = -1 }
                stampValue = 0
            }
            return stampValue
        }
        let n = g.nodeCount
        let gamma = self.gamma
        var refined: [Int32] = (0..<Int32(n)).map { $0 }
        // communityWeight: total strength of each P community; neighborWeight reused per node.
        for c in 0..<n { communityWeight[c] = 0; communitySize[c] = 1 }
        var refinedWeight = g.strength  // per refined community (index = community id)
        for v in 0..<n { communityWeight[Int(memb[v])] += g.strength[v] }
        // External weight of each node to the rest of its P community.
        for v in 0..<n {
            var x = 0.0
            let c = memb[v]
            for s in g.offsets[v]..<g.offsets[v + 1] where memb[Int(g.neighbors[s])] == c { x += g.weights[s] }
            externalWeight[v] = x
        }
        var refinedExternal = Array(externalWeight[0..<n])
        order.removeAll(keepingCapacity: true)
        for v in 0..<Int32(n) { order.append(v) }
        rng.shuffle(&order)
        for v32 in order {
            let v = Int(v32)
            let rv = Int(refined[v])
            if communitySize[rv] != 1 { continue }  // no longer a singleton
            let c = memb[v]
            let kv = g.strength[v]
            let totalC = communityWeight[Int(c)]
            if externalWeight[v] < gamma * kv * (totalC - kv) { continue }  // v not well connected
            let mark = nextStamp()
            neighborCommunities.removeAll(keepingCapacity: true)
            for s in g.offsets[v]..<g.offsets[v + 1] {
                let u = Int(g.neighbors[s])
                guard memb[u] == c else { continue }
                let r = Int(refined[u])
                if stamp[r] != mark { stamp[r] = mark; neighborWeight[r] = 0; neighborCommunities.append(Int32(r)) }
                neighborWeight[r] += g.weights[s]
            }
            // Take v out of its singleton.
            refinedWeight[rv] = 0
            communitySize[rv] = 0
            var chosen = rv
            var maxGain = 0.0
            candidateGain.removeAll(keepingCapacity: true)
            for r32 in neighborCommunities {
                let r = Int(r32)
                let kr = refinedWeight[r]
                var gain = -1.0
                if r != rv && refinedExternal[r] >= gamma * kr * (totalC - kr) {
                    gain = neighborWeight[r] - gamma * kv * kr
                    if gain > maxGain { maxGain = gain; chosen = r }
                }
                candidateGain.append(gain)
            }
            if theta > 0 && maxGain > 0 {
                // Pick at random among non-negative gains, staying alone (gain 0) included.
                var total = expDouble((0 - maxGain) / theta)
                for gain in candidateGain where gain >= 0 { total += expDouble((gain - maxGain) / theta) }
                var x = rng.unit() * total
                chosen = rv
                x -= expDouble((0 - maxGain) / theta)
                if x >= 0 {
                    for (i, gain) in candidateGain.enumerated() where gain >= 0 {
                        chosen = Int(neighborCommunities[i])
                        x -= expDouble((gain - maxGain) / theta)
                        if x < 0 { break }
                    }
                }
            }
            let wvr = chosen == rv ? 0 : neighborWeight[chosen]
            refined[v] = Int32(chosen)
            refinedWeight[chosen] += kv
            communitySize[chosen] += 1
            refinedExternal[chosen] = (chosen == rv ? 0 : refinedExternal[chosen]) + externalWeight[v] - 2 * wvr
        }
        return refined
    }

    /// Aggregation (Leiden step 3): one node per refined community, weights summed, internal
    /// weight kept as self-loops.
    mutating func aggregate(_ g: UndirectedGraph, _ refined: [Int32], count r: Int) -> UndirectedGraph {
        // Work on local arrays (moved out of self, not copied) so the optimiser can hoist
        // uniqueness and bounds checks out of the hot loops.
        var neighborWeight = self.neighborWeight; self.neighborWeight = []
        var stamp = self.stamp; self.stamp = []
        var stampValue = self.stampValue
        defer {
            self.neighborWeight = neighborWeight
            self.stamp = stamp
            self.stampValue = stampValue
        }
        @inline(__always) func nextStamp() -> Int32 {
            stampValue &+= 1
            if stampValue == Int32.max {
                for i in stamp.indices { stamp[i] = -1 }
                stampValue = 0
            }
            return stampValue
        }
        let n = g.nodeCount
        // Members of each refined community (counting sort).
        var start = [Int](repeating: 0, count: r + 1)
        for v in 0..<n { start[Int(refined[v]) + 1] += 1 }
        for i in 0..<r { start[i + 1] += start[i] }
        var pos = start
        var members = [Int32](repeating: 0, count: n)
        for v in 0..<n { let c = Int(refined[v]); members[pos[c]] = Int32(v); pos[c] += 1 }
        var offsets = [Int](repeating: 0, count: r + 1)
        var neighbors = [Int32](), weights = [Double]()
        neighbors.reserveCapacity(g.neighbors.count / 2); weights.reserveCapacity(g.neighbors.count / 2)
        var loops = [Double](repeating: 0, count: r)
        var strength = [Double](repeating: 0, count: r)
        var m = 0.0
        for c in 0..<r {
            let mark = nextStamp()
            var loop = 0.0, k = 0.0
            for i in start[c]..<start[c + 1] {
                let v = Int(members[i])
                loop += g.selfLoops[v]
                k += g.strength[v]
                for s in g.offsets[v]..<g.offsets[v + 1] {
                    let t = Int(refined[Int(g.neighbors[s])])
                    if t == c { loop += g.weights[s] / 2; continue }
                    if stamp[t] != mark {
                        stamp[t] = mark
                        neighborWeight[t] = Double(neighbors.count)  // reused as the row slot of t (exact below 2⁵³)
                        neighbors.append(Int32(t)); weights.append(0)
                    }
                    weights[Int(neighborWeight[t])] += g.weights[s]
                }
            }
            offsets[c + 1] = neighbors.count
            loops[c] = loop
            strength[c] = k
            m += k
        }
        return UndirectedGraph(
            nodeCount: r, offsets: offsets, neighbors: neighbors, weights: weights, selfLoops: loops,
            strength: strength, totalWeight: m / 2)
    }
}
