import Testing

@testable import GraphAlgorithms

@Test func csrKeepsEdgesInBothDirections() {
    let g = directed(4, [(0, 1), (2, 1), (0, 3), (1, 1)], weights: [1, 2, 3, 4], kinds: [0, 1, 2, 0])
    g.checkInvariants()
    #expect(g.edgeCount == 4)
    #expect(g.outRange(0).map { g.outTargets[$0] } == [1, 3])
    #expect(g.outRange(0).map { g.outEdgeIDs[$0] } == [0, 2])
    #expect(g.inRange(1).map { g.inSources[$0] } == [0, 2, 1])
    #expect(g.inRange(1).map { g.inWeights[$0] } == [1, 2, 4])
    #expect(g.inRange(3).map { g.inKinds[$0] } == [2])
    let r = g.reversed()
    #expect(r.outRange(1).map { r.outTargets[$0] } == [0, 2, 1])
    let f = g.filtered(kinds: EdgeKinds(0))
    #expect(f.edgeCount == 2)
    #expect(f.outRange(1).map { f.outEdgeIDs[$0] } == [3])
}

@Test func undirectedViewMergesParallelEdgesAndKeepsLoops() {
    let g = directed(3, [(0, 1), (1, 0), (0, 1), (2, 2), (1, 2)], weights: [1, 2, 3, 5, 1])
    let u = UndirectedGraph(g)
    u.checkInvariants()
    #expect(u.offsets == [0, 1, 3, 4])
    #expect(u.neighbors == [1, 0, 2, 1])
    #expect(u.weights == [6, 6, 1, 1])
    #expect(u.selfLoops == [0, 0, 5])
    #expect(u.strength == [6, 7, 11])
    #expect(u.totalWeight == 12)
}

@Test func modularityMatchesKnownValues() {
    let g = karate()
    // The two factions after the split (Zachary 1977): igraph/networkx give 0.35823.
    let hi: Set<Int> = [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 17, 18, 20, 22]
    let factions = (1...34).map { hi.contains($0) ? Int32(0) : 1 }
    #expect(abs(modularity(g, membership: factions) - 0.358234714) < 1e-6)
    // Everything in one community: 1 − γ.
    #expect(abs(modularity(g, membership: [Int32](repeating: 0, count: 34))) < 1e-12)
    #expect(abs(modularity(g, membership: [Int32](repeating: 0, count: 34), resolution: 0.5) - 0.5) < 1e-12)
}

@Test func modularityCountsSelfLoopsLikeIgraph() {
    // Two nodes, one edge of weight 1 and a loop of weight 1 on node 0: m = 2, k = [3, 1].
    let g = UndirectedGraph(directed(2, [(0, 1), (0, 0)]))
    // Singletons: in_0 = 2 (loop counted twice), Q = 2/4 − (3/4)² − (1/4)² = 0.5 − 0.625.
    #expect(abs(modularity(g, membership: [0, 1]) - (0.5 - 0.625)) < 1e-12)
}
