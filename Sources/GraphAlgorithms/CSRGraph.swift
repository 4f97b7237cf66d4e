/// A set of edge kind tags (0…63), used to run an algorithm on some kinds of edges only.
///
///     let hierarchy = EdgeKinds(0)           // only edges tagged 0
///     let all = EdgeKinds.all
public struct EdgeKinds: Sendable, Hashable {
    public var bits: UInt64
    public init(bits: UInt64) { self.bits = bits }
    public init(_ tags: UInt8...) {
        bits = 0
        for tag in tags { bits |= 1 << UInt64(tag & 63) }
    }
    public static let all = EdgeKinds(bits: .max)
    @inline(__always) public func contains(_ tag: UInt8) -> Bool { bits & (1 << UInt64(tag & 63)) != 0 }
}

/// A directed, weighted multigraph in compressed sparse row form, with both outgoing and incoming
/// adjacency. Node ids are `0..<nodeCount`; every edge keeps the id the caller gave it (its index in
/// the input) and a kind tag.
///
/// Slot `s` in `outOffsets[u]..<outOffsets[u+1]` is an edge `u → outTargets[s]` with weight
/// `outWeights[s]`, kind `outKinds[s]` and id `outEdgeIDs[s]`; the incoming arrays mirror it.
/// Within a node, slots are in edge-id order (the build is a stable counting sort).
///
/// Limits: fewer than 2³¹ nodes and edges (ids and offsets are `Int32`).
public struct CSRGraph: Sendable {
    public let nodeCount: Int
    public private(set) var outOffsets: [Int32]
    public private(set) var outTargets: [Int32]
    public private(set) var outWeights: [Double]
    public private(set) var outKinds: [UInt8]
    public private(set) var outEdgeIDs: [Int32]
    public private(set) var inOffsets: [Int32]
    public private(set) var inSources: [Int32]
    public private(set) var inWeights: [Double]
    public private(set) var inKinds: [UInt8]
    public private(set) var inEdgeIDs: [Int32]

    /// The number of edges.
    public var edgeCount: Int { outTargets.count }

    /// An empty graph of `nodeCount` nodes.
    public init(nodeCount: Int) {
        self.init(nodeCount: nodeCount, sources: [], targets: [])
    }

    /// Builds the graph from parallel edge arrays; edge `i` is `sources[i] → targets[i]`.
    ///
    /// - Parameters:
    ///   - weights: one per edge, or `nil` for weight 1.
    ///   - kinds: one tag per edge, or `nil` for tag 0.
    ///   - edgeIDs: the id to keep for each edge, or `nil` for its index.
    /// - Complexity: O(V + E), two counting sorts; no per-node allocations.
    public init(
        nodeCount: Int, sources: [Int32], targets: [Int32], weights: [Double]? = nil, kinds: [UInt8]? = nil,
        edgeIDs: [Int32]? = nil
    ) {
        let e = sources.count
        precondition(targets.count == e, "sources and targets differ in length")
        precondition(weights == nil || weights!.count == e, "weights differ in length")
        precondition(kinds == nil || kinds!.count == e, "kinds differ in length")
        precondition(edgeIDs == nil || edgeIDs!.count == e, "edge ids differ in length")
        precondition(nodeCount >= 0 && nodeCount < Int(Int32.max) && e < Int(Int32.max), "graph too large")
        self.nodeCount = nodeCount
        var outOff = [Int32](repeating: 0, count: nodeCount + 1)
        var inOff = [Int32](repeating: 0, count: nodeCount + 1)
        for i in 0..<e {
            let u = Int(sources[i])
            let v = Int(targets[i])
            precondition(u >= 0 && u < nodeCount && v >= 0 && v < nodeCount, "edge \(i) has an endpoint out of range")
            outOff[u + 1] &+= 1
            inOff[v + 1] &+= 1
        }
        for i in 0..<nodeCount {
            outOff[i + 1] &+= outOff[i]
            inOff[i + 1] &+= inOff[i]
        }
        var outT = [Int32](repeating: 0, count: e)
        var outW = [Double](repeating: 1, count: e)
        var outK = [UInt8](repeating: 0, count: e)
        var outID = [Int32](repeating: 0, count: e)
        var inS = [Int32](repeating: 0, count: e)
        var inW = [Double](repeating: 1, count: e)
        var inK = [UInt8](repeating: 0, count: e)
        var inID = [Int32](repeating: 0, count: e)
        var outPos = outOff
        var inPos = inOff
        for i in 0..<e {
            let u = Int(sources[i])
            let v = Int(targets[i])
            let w = weights?[i] ?? 1
            let k = kinds?[i] ?? 0
            let id = edgeIDs?[i] ?? Int32(i)
            let so = Int(outPos[u])
            outPos[u] &+= 1
            outT[so] = Int32(v)
            outW[so] = w
            outK[so] = k
            outID[so] = id
            let si = Int(inPos[v])
            inPos[v] &+= 1
            inS[si] = Int32(u)
            inW[si] = w
            inK[si] = k
            inID[si] = id
        }
        outOffsets = outOff
        outTargets = outT
        outWeights = outW
        outKinds = outK
        outEdgeIDs = outID
        inOffsets = inOff
        inSources = inS
        inWeights = inW
        inKinds = inK
        inEdgeIDs = inID
        #if GRAPH_INTERNAL_CHECKS
            checkInvariants()
        #endif
    }

    /// The outgoing slot range of `node`.
    @inline(__always) public func outRange(_ node: Int) -> Range<Int> {
        Int(outOffsets[node])..<Int(outOffsets[node + 1])
    }

    /// The incoming slot range of `node`.
    @inline(__always) public func inRange(_ node: Int) -> Range<Int> {
        Int(inOffsets[node])..<Int(inOffsets[node + 1])
    }

    /// The graph restricted to edges whose kind is in `kinds`; edge ids are kept.
    /// - Complexity: O(V + E).
    public func filtered(kinds: EdgeKinds) -> CSRGraph {
        if kinds == .all { return self }
        var s = [Int32]()
        var t = [Int32]()
        var w = [Double]()
        var k = [UInt8]()
        var ids = [Int32]()
        for u in 0..<nodeCount {
            for slot in outRange(u) where kinds.contains(outKinds[slot]) {
                s.append(Int32(u))
                t.append(outTargets[slot])
                w.append(outWeights[slot])
                k.append(outKinds[slot])
                ids.append(outEdgeIDs[slot])
            }
        }
        return CSRGraph(nodeCount: nodeCount, sources: s, targets: t, weights: w, kinds: k, edgeIDs: ids)
    }

    /// The same graph with every edge turned around (ids, weights and kinds kept).
    /// - Complexity: O(V + E) (array copies).
    public func reversed() -> CSRGraph {
        var r = self
        swap(&r.outOffsets, &r.inOffsets)
        swap(&r.outTargets, &r.inSources)
        swap(&r.outWeights, &r.inWeights)
        swap(&r.outKinds, &r.inKinds)
        swap(&r.outEdgeIDs, &r.inEdgeIDs)
        return r
    }

    /// Traps unless the offsets are monotone, every endpoint is valid and both directions agree.
    public func checkInvariants() {
        precondition(outOffsets.count == nodeCount + 1 && inOffsets.count == nodeCount + 1)
        precondition(outOffsets.first == 0 && inOffsets.first == 0)
        precondition(Int(outOffsets[nodeCount]) == edgeCount && Int(inOffsets[nodeCount]) == edgeCount)
        for i in 0..<nodeCount {
            precondition(outOffsets[i] <= outOffsets[i + 1] && inOffsets[i] <= inOffsets[i + 1], "offsets not sorted")
        }
        for t in outTargets { precondition(t >= 0 && Int(t) < nodeCount, "target out of range") }
        for s in inSources { precondition(s >= 0 && Int(s) < nodeCount, "source out of range") }
        var outIDSum = 0
        var inIDSum = 0
        for id in outEdgeIDs { outIDSum &+= Int(id) }
        for id in inEdgeIDs { inIDSum &+= Int(id) }
        precondition(outIDSum == inIDSum, "incoming and outgoing edges differ")
    }
}
