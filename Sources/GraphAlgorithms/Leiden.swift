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
        if map[c] < 0 {
            map[c] = next
            next += 1
        }
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
    var queue = [Int32]()
    queue.reserveCapacity(n)
    for root in 0..<n where part[root] < 0 {
        let c = membership[root]
        let id: Int32
        if !firstPartOf[Int(c)] {
            firstPartOf[Int(c)] = true
            id = c
        } else {
            id = next
            next += 1
        }
        part[root] = id
        queue.removeAll(keepingCapacity: true)
        queue.append(Int32(root))
        var head = 0
        while head < queue.count {
            let u = Int(queue[head])
            head += 1
            for s in graph.offsets[u]..<graph.offsets[u + 1] {
                let v = Int(graph.neighbors[s])
                if part[v] < 0 && membership[v] == c {
                    part[v] = id
                    queue.append(Int32(v))
                }
            }
        }
    }
    if next == Int32(n) { return }
    // Ids may exceed n-1 now; compact them to first appearance.
    var map = [Int32](repeating: -1, count: Int(next))
    var k: Int32 = 0
    for i in 0..<n {
        let p = Int(part[i])
        if map[p] < 0 {
            map[p] = k
            k += 1
        }
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

/// The weight from one node to each community among its neighbours, and the list of those
/// communities in order of first appearance. Entries are valid only for communities in the list:
/// a stamp per community marks which ones the current node has touched, so starting a node is O(1).
struct NeighborCommunityWeights {
    /// Weight to community `c`, for `c` in `communities`.
    var weight: [Double]
    var communities: [Int32]
    var stamp: [Int32]
    var stampValue: Int32 = 0

    init(capacity n: Int) {
        weight = [Double](repeating: 0, count: n)
        communities = []
        communities.reserveCapacity(n)
        stamp = [Int32](repeating: -1, count: n)
    }

    init() {
        weight = []
        communities = []
        stamp = []
    }

    /// Forgets the previous node's communities.
    @inline(__always) mutating func startNode() {
        stampValue &+= 1
        if stampValue == Int32.max {
            for i in stamp.indices { stamp[i] = -1 }
            stampValue = 0
        }
        communities.removeAll(keepingCapacity: true)
    }

    /// Whether `c` is touched for the first time since `startNode()`; marks it touched.
    @inline(__always) mutating func firstVisit(_ c: Int) -> Bool {
        if stamp[c] == stampValue { return false }
        stamp[c] = stampValue
        return true
    }

    /// Adds `w` to the weight to community `c`, listing `c` on its first visit.
    @inline(__always) mutating func add(_ c: Int, _ w: Double) {
        if firstVisit(c) {
            weight[c] = 0
            communities.append(Int32(c))
        }
        weight[c] += w
    }
}

/// Reusable flat buffers for one Leiden run (sized for the original graph; aggregates are smaller).
struct LeidenWorkspace {
    var gamma = 1.0  // resolution / 2m
    var theta = 0.01
    var rng = SplitMix64(seed: 1)
    var buffers: Buffers

    struct Buffers {
        var communityWeight: [Double] = []
        var communitySize: [Int32] = []
        var emptyCommunities: [Int32] = []
        var neighbor = NeighborCommunityWeights()
        var queue: [Int32] = []
        var inQueue: [Bool] = []
        var order: [Int32] = []
        var externalWeight: [Double] = []
        var candidateGain: [Double] = []
    }

    init(capacity n: Int) {
        var b = Buffers()
        b.communityWeight = [Double](repeating: 0, count: n)
        b.communitySize = [Int32](repeating: 0, count: n)
        b.emptyCommunities.reserveCapacity(n)
        b.neighbor = NeighborCommunityWeights(capacity: n)
        b.queue = [Int32](repeating: 0, count: n)
        b.inQueue = [Bool](repeating: false, count: n)
        b.order.reserveCapacity(n)
        b.externalWeight = [Double](repeating: 0, count: n)
        b.candidateGain.reserveCapacity(n)
        buffers = b
    }

    /// Moves the buffers out of self (not copied) into a local, so the optimiser can hoist
    /// uniqueness and bounds checks out of the hot loops. Put them back with `buffers = b`.
    @inline(__always) mutating func takeBuffers() -> Buffers {
        var b = Buffers()
        swap(&b, &buffers)
        return b
    }

    /// Fast local moving (Leiden step 1). Returns whether any node moved.
    mutating func moveNodes(_ g: UndirectedGraph, _ memb: inout [Int32]) -> Bool {
        var b = takeBuffers()
        defer { buffers = b }
        let n = g.nodeCount
        let gamma = self.gamma
        for c in 0..<n {
            b.communityWeight[c] = 0
            b.communitySize[c] = 0
        }
        for v in 0..<n {
            b.communityWeight[Int(memb[v])] += g.strength[v]
            b.communitySize[Int(memb[v])] += 1
        }
        b.emptyCommunities.removeAll(keepingCapacity: true)
        for c in stride(from: n - 1, through: 0, by: -1) where b.communitySize[c] == 0 {
            b.emptyCommunities.append(Int32(c))
        }
        b.order.removeAll(keepingCapacity: true)
        for v in 0..<Int32(n) { b.order.append(v) }
        rng.shuffle(&b.order)
        for i in 0..<n {
            b.queue[i] = b.order[i]
            b.inQueue[i] = true
        }
        var head = 0
        var size = n
        var changed = false
        while size > 0 {
            let v = Int(b.queue[head])
            head += 1
            if head == n { head = 0 }
            size -= 1
            b.inQueue[v] = false
            let old = Int(memb[v])
            let kv = g.strength[v]
            b.neighbor.startNode()
            b.neighbor.add(old, 0)
            let lo = g.offsets[v]
            let hi = g.offsets[v + 1]
            for s in lo..<hi { b.neighbor.add(Int(memb[Int(g.neighbors[s])]), g.weights[s]) }
            b.communityWeight[old] -= kv
            b.communitySize[old] -= 1
            if b.communitySize[old] == 0 { b.emptyCommunities.append(Int32(old)) }
            var best = old
            var bestGain = b.neighbor.weight[old] - gamma * kv * b.communityWeight[old]
            for c32 in b.neighbor.communities {
                let c = Int(c32)
                let gain = b.neighbor.weight[c] - gamma * kv * b.communityWeight[c]
                if gain > bestGain {
                    bestGain = gain
                    best = c
                }
            }
            if bestGain < 0, let empty = b.emptyCommunities.last {
                best = Int(empty)  // alone is better than anywhere
            }
            if b.communitySize[best] == 0 { b.emptyCommunities.removeLast() }
            b.communityWeight[best] += kv
            b.communitySize[best] += 1
            if best != old {
                changed = true
                memb[v] = Int32(best)
                for s in lo..<hi {
                    let u = Int(g.neighbors[s])
                    if !b.inQueue[u] && Int(memb[u]) != best {
                        b.inQueue[u] = true
                        var tail = head + size
                        if tail >= n { tail -= n }
                        b.queue[tail] = Int32(u)
                        size += 1
                    }
                }
            }
        }
        return changed
    }

    /// Refinement (Leiden step 2): returns the refined partition (ids are node ids, not dense).
    mutating func refine(_ g: UndirectedGraph, _ memb: [Int32]) -> [Int32] {
        var b = takeBuffers()
        defer { buffers = b }
        let n = g.nodeCount
        let gamma = self.gamma
        var refined: [Int32] = (0..<Int32(n)).map { $0 }
        // communityWeight: total strength of each P community; b.neighbor reused per node.
        for c in 0..<n {
            b.communityWeight[c] = 0
            b.communitySize[c] = 1
        }
        var refinedWeight = g.strength  // per refined community (index = community id)
        for v in 0..<n { b.communityWeight[Int(memb[v])] += g.strength[v] }
        // External weight of each node to the rest of its P community.
        for v in 0..<n {
            var x = 0.0
            let c = memb[v]
            for s in g.offsets[v]..<g.offsets[v + 1] where memb[Int(g.neighbors[s])] == c { x += g.weights[s] }
            b.externalWeight[v] = x
        }
        var refinedExternal = Array(b.externalWeight[0..<n])
        b.order.removeAll(keepingCapacity: true)
        for v in 0..<Int32(n) { b.order.append(v) }
        rng.shuffle(&b.order)
        for v32 in b.order {
            let v = Int(v32)
            let rv = Int(refined[v])
            if b.communitySize[rv] != 1 { continue }  // no longer a singleton
            let c = memb[v]
            let kv = g.strength[v]
            let totalC = b.communityWeight[Int(c)]
            if b.externalWeight[v] < gamma * kv * (totalC - kv) { continue }  // v not well connected
            b.neighbor.startNode()
            for s in g.offsets[v]..<g.offsets[v + 1] {
                let u = Int(g.neighbors[s])
                if memb[u] == c { b.neighbor.add(Int(refined[u]), g.weights[s]) }
            }
            // Take v out of its singleton.
            refinedWeight[rv] = 0
            b.communitySize[rv] = 0
            var chosen = rv
            var maxGain = 0.0
            b.candidateGain.removeAll(keepingCapacity: true)
            for r32 in b.neighbor.communities {
                let r = Int(r32)
                let kr = refinedWeight[r]
                var gain = -1.0
                if r != rv && refinedExternal[r] >= gamma * kr * (totalC - kr) {
                    gain = b.neighbor.weight[r] - gamma * kv * kr
                    if gain > maxGain {
                        maxGain = gain
                        chosen = r
                    }
                }
                b.candidateGain.append(gain)
            }
            if theta > 0 && maxGain > 0 {
                // Pick at random among non-negative gains, staying alone (gain 0) included.
                var total = expDouble((0 - maxGain) / theta)
                for gain in b.candidateGain where gain >= 0 { total += expDouble((gain - maxGain) / theta) }
                var x = rng.unit() * total
                chosen = rv
                x -= expDouble((0 - maxGain) / theta)
                if x >= 0 {
                    for (i, gain) in b.candidateGain.enumerated() where gain >= 0 {
                        chosen = Int(b.neighbor.communities[i])
                        x -= expDouble((gain - maxGain) / theta)
                        if x < 0 { break }
                    }
                }
            }
            let wvr = chosen == rv ? 0 : b.neighbor.weight[chosen]
            refined[v] = Int32(chosen)
            refinedWeight[chosen] += kv
            b.communitySize[chosen] += 1
            refinedExternal[chosen] = (chosen == rv ? 0 : refinedExternal[chosen]) + b.externalWeight[v] - 2 * wvr
        }
        return refined
    }

    /// Aggregation (Leiden step 3): one node per refined community, weights summed, internal
    /// weight kept as self-loops.
    mutating func aggregate(_ g: UndirectedGraph, _ refined: [Int32], count r: Int) -> UndirectedGraph {
        var b = takeBuffers()
        defer { buffers = b }
        let n = g.nodeCount
        // Members of each refined community (counting sort).
        var start = [Int](repeating: 0, count: r + 1)
        for v in 0..<n { start[Int(refined[v]) + 1] += 1 }
        for i in 0..<r { start[i + 1] += start[i] }
        var pos = start
        var members = [Int32](repeating: 0, count: n)
        for v in 0..<n {
            let c = Int(refined[v])
            members[pos[c]] = Int32(v)
            pos[c] += 1
        }
        var offsets = [Int](repeating: 0, count: r + 1)
        var neighbors = [Int32]()
        var weights = [Double]()
        neighbors.reserveCapacity(g.neighbors.count / 2)
        weights.reserveCapacity(g.neighbors.count / 2)
        var loops = [Double](repeating: 0, count: r)
        var strength = [Double](repeating: 0, count: r)
        var m = 0.0
        for c in 0..<r {
            b.neighbor.startNode()
            var loop = 0.0
            var k = 0.0
            for i in start[c]..<start[c + 1] {
                let v = Int(members[i])
                loop += g.selfLoops[v]
                k += g.strength[v]
                for s in g.offsets[v]..<g.offsets[v + 1] {
                    let t = Int(refined[Int(g.neighbors[s])])
                    if t == c {
                        loop += g.weights[s] / 2
                        continue
                    }
                    if b.neighbor.firstVisit(t) {
                        b.neighbor.weight[t] = Double(neighbors.count)  // reused as the row slot of t (exact below 2⁵³)
                        neighbors.append(Int32(t))
                        weights.append(0)
                    }
                    weights[Int(b.neighbor.weight[t])] += g.weights[s]
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
