@testable import GraphAlgorithms

/// Builds a directed graph from `(u, v)` pairs.
func directed(_ n: Int, _ edges: [(Int, Int)], weights: [Double]? = nil, kinds: [UInt8]? = nil) -> CSRGraph {
    CSRGraph(
        nodeCount: n, sources: edges.map { Int32($0.0) }, targets: edges.map { Int32($0.1) }, weights: weights,
        kinds: kinds)
}

/// Zachary's karate club (1977): 34 members, 78 friendships, 1-based as in the paper.
let karateEdges: [(Int, Int)] = [
    (1, 2), (1, 3), (1, 4), (1, 5), (1, 6), (1, 7), (1, 8), (1, 9), (1, 11), (1, 12), (1, 13), (1, 14),
    (1, 18), (1, 20), (1, 22), (1, 32),
    (2, 3), (2, 4), (2, 8), (2, 14), (2, 18), (2, 20), (2, 22), (2, 31),
    (3, 4), (3, 8), (3, 9), (3, 10), (3, 14), (3, 28), (3, 29), (3, 33),
    (4, 8), (4, 13), (4, 14),
    (5, 7), (5, 11),
    (6, 7), (6, 11), (6, 17),
    (7, 17),
    (9, 31), (9, 33), (9, 34),
    (10, 34), (14, 34), (15, 33), (15, 34), (16, 33), (16, 34), (19, 33), (19, 34), (20, 34),
    (21, 33), (21, 34), (23, 33), (23, 34),
    (24, 26), (24, 28), (24, 30), (24, 33), (24, 34),
    (25, 26), (25, 28), (25, 32),
    (26, 32), (27, 30), (27, 34), (28, 34), (29, 32), (29, 34), (30, 33), (30, 34),
    (31, 33), (31, 34), (32, 33), (32, 34), (33, 34),
]

func karate() -> UndirectedGraph {
    UndirectedGraph(directed(34, karateEdges.map { ($0.0 - 1, $0.1 - 1) }))
}

/// A seeded random directed graph: `n` nodes, about `n * degree` edges, some kinds, a few cycles.
func randomGraph(seed: UInt64, n: Int, degree: Double) -> CSRGraph {
    var rng = SplitMix64(seed: seed)
    var edges: [(Int, Int)] = []
    var kinds: [UInt8] = []
    let e = Int(Double(n) * degree)
    for _ in 0..<e {
        var u = rng.below(n)
        var v = rng.below(n)
        // Mostly forward edges (a DAG with some back edges making cycles).
        if u > v && rng.below(10) != 0 { swap(&u, &v) }
        edges.append((u, v))
        kinds.append(UInt8(rng.below(3)))
    }
    return directed(n, edges, kinds: kinds)
}
