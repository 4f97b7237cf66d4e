/// A symmetric weighted graph for clustering: parallel edges merged by summing their weights,
/// directions forgotten, self-loops kept apart.
///
/// Conventions (those of igraph and Newman's modularity): a self-loop of weight `w` adds `2w` to
/// its node's strength and `w` to the total weight `m`; every other edge `{u, v}` of weight `w` is
/// stored in both rows and adds `w` to the strengths of `u` and `v` and to `m`.
public struct UndirectedGraph: Sendable {
    public let nodeCount: Int
    /// Row offsets into `neighbors`/`weights` (`Int` so aggregated graphs never overflow).
    public var offsets: [Int]
    /// Neighbours of each node (never the node itself), sorted ascending within a row.
    public var neighbors: [Int32]
    public var weights: [Double]
    /// Total self-loop weight at each node.
    public var selfLoops: [Double]
    /// Weighted degree: sum of row weights plus twice the self-loop weight.
    public var strength: [Double]
    /// Total edge weight `m` (each edge once).
    public var totalWeight: Double

    /// Builds the undirected view of `graph`, keeping only edges with a kind in `kinds`.
    /// - Complexity: O(V + E): a counting sort into rows, then a merge of duplicates with a
    ///   per-node marker array.
    public init(_ graph: CSRGraph, kinds: EdgeKinds = .all) {
        var s = [Int32]()
        var t = [Int32]()
        var w = [Double]()
        s.reserveCapacity(graph.edgeCount)
        t.reserveCapacity(graph.edgeCount)
        w.reserveCapacity(graph.edgeCount)
        for u in 0..<graph.nodeCount {
            for slot in graph.outRange(u) where kinds.contains(graph.outKinds[slot]) {
                s.append(Int32(u))
                t.append(graph.outTargets[slot])
                w.append(graph.outWeights[slot])
            }
        }
        self.init(nodeCount: graph.nodeCount, sources: s, targets: t, weights: w)
    }

    /// Builds the graph from an edge list (`weights == nil` means weight 1).
    /// - Complexity: O(V + E).
    public init(nodeCount n: Int, sources: [Int32], targets: [Int32], weights: [Double]? = nil) {
        let e = sources.count
        precondition(targets.count == e && (weights == nil || weights!.count == e))
        var loops = [Double](repeating: 0, count: n)
        var deg = [Int](repeating: 0, count: n + 1)
        for i in 0..<e where sources[i] != targets[i] {
            deg[Int(sources[i]) + 1] += 1
            deg[Int(targets[i]) + 1] += 1
        }
        for i in 0..<n { deg[i + 1] += deg[i] }
        var pos = deg
        var nb = [Int32](repeating: 0, count: deg[n])
        var wt = [Double](repeating: 0, count: deg[n])
        for i in 0..<e {
            let u = Int(sources[i])
            let v = Int(targets[i])
            let x = weights?[i] ?? 1
            if u == v {
                loops[u] += x
                continue
            }
            nb[pos[u]] = Int32(v)
            wt[pos[u]] = x
            pos[u] += 1
            nb[pos[v]] = Int32(u)
            wt[pos[v]] = x
            pos[v] += 1
        }
        // Second counting sort by neighbour to get sorted rows, then merge equal neighbours.
        self.init(nodeCount: n, rawOffsets: deg, neighbors: nb, weights: wt, selfLoops: loops)
    }

    /// Sorts rows (by a transpose counting sort, since the matrix is symmetric) and merges duplicates.
    init(nodeCount n: Int, rawOffsets: [Int], neighbors nb: [Int32], weights wt: [Double], selfLoops loops: [Double]) {
        // Transposing a symmetric matrix stored by rows yields rows sorted by column.
        let total = rawOffsets[n]
        var pos = rawOffsets
        var sortedNb = [Int32](repeating: 0, count: total)
        var sortedWt = [Double](repeating: 0, count: total)
        for u in 0..<n {
            for s in rawOffsets[u]..<rawOffsets[u + 1] {
                let v = Int(nb[s])
                let p = pos[v]
                pos[v] += 1
                sortedNb[p] = Int32(u)
                sortedWt[p] = wt[s]
            }
        }
        // Merge runs of equal neighbours in place.
        var off = [Int](repeating: 0, count: n + 1)
        var write = 0
        var strength = [Double](repeating: 0, count: n)
        var m = 0.0
        for u in 0..<n {
            var s = rawOffsets[u]
            let end = rawOffsets[u + 1]
            var k = 2 * loops[u]
            while s < end {
                let v = sortedNb[s]
                var x = sortedWt[s]
                s += 1
                while s < end && sortedNb[s] == v {
                    x += sortedWt[s]
                    s += 1
                }
                sortedNb[write] = v
                sortedWt[write] = x
                write += 1
                k += x
            }
            off[u + 1] = write
            strength[u] = k
            m += k
        }
        sortedNb.removeLast(total - write)
        sortedWt.removeLast(total - write)
        self.nodeCount = n
        self.offsets = off
        self.neighbors = sortedNb
        self.weights = sortedWt
        self.selfLoops = loops
        self.strength = strength
        self.totalWeight = m / 2
    }

    /// A graph from rows that are already merged (used by aggregation).
    init(
        nodeCount: Int, offsets: [Int], neighbors: [Int32], weights: [Double], selfLoops: [Double],
        strength: [Double], totalWeight: Double
    ) {
        self.nodeCount = nodeCount
        self.offsets = offsets
        self.neighbors = neighbors
        self.weights = weights
        self.selfLoops = selfLoops
        self.strength = strength
        self.totalWeight = totalWeight
    }

    /// Traps unless rows are sorted, symmetric in count and free of self-loops.
    public func checkInvariants() {
        precondition(offsets.count == nodeCount + 1 && offsets[nodeCount] == neighbors.count)
        for u in 0..<nodeCount {
            var last: Int32 = -1
            for s in offsets[u]..<offsets[u + 1] {
                precondition(neighbors[s] > last && Int(neighbors[s]) != u, "row not sorted or self-loop")
                last = neighbors[s]
            }
        }
    }
}

/// Newman–Girvan modularity with a resolution parameter γ:
/// `Q = Σ_c [ in_c / 2m − γ (K_c / 2m)² ]`, where `in_c` counts every internal edge twice (a self-loop's
/// weight too) and `K_c` is the total strength of community `c`. Same value as igraph's `modularity`.
///
/// - Complexity: O(V + E).
public func modularity(_ graph: UndirectedGraph, membership: [Int32], resolution: Double = 1) -> Double {
    precondition(membership.count == graph.nodeCount)
    let m = graph.totalWeight
    guard m > 0 else { return 0 }
    var communities = 0
    for c in membership { communities = max(communities, Int(c) + 1) }
    var inside = [Double](repeating: 0, count: communities)
    var total = [Double](repeating: 0, count: communities)
    for u in 0..<graph.nodeCount {
        let cu = Int(membership[u])
        total[cu] += graph.strength[u]
        inside[cu] += 2 * graph.selfLoops[u]
        for s in graph.offsets[u]..<graph.offsets[u + 1] where membership[Int(graph.neighbors[s])] == cu {
            inside[cu] += graph.weights[s]
        }
    }
    var q = 0.0
    for c in 0..<communities {
        q += inside[c] / (2 * m) - resolution * (total[c] / (2 * m)) * (total[c] / (2 * m))
    }
    return q
}
