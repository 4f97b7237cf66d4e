import Testing

@testable import GraphAlgorithms

@Test func dagIsOrderedWithDeckOrderAsTieBreak() {
    // 3 → 1 → 0, 2 alone; keys = node index.
    let g = directed(4, [(3, 1), (1, 0)])
    #expect(studyOrder(g, keys: [0, 1, 2, 3]) == [2, 3, 1, 0])
}

@Test func cycleIsEmittedTogetherInKeyOrder() {
    // 0 → 1 → 2 → 0 is a cycle; 3 → 0 comes first; 4 unrelated but early by key.
    let g = directed(5, [(0, 1), (1, 2), (2, 0), (3, 0)])
    let order = studyOrder(g, keys: [10, 11, 12, 13, 0])
    #expect(order == [4, 3, 0, 1, 2])
    let scc = StronglyConnectedComponents(g)
    #expect(scc.count == 3)
    #expect(scc.component[0] == scc.component[1] && scc.component[1] == scc.component[2])
    #expect(scc.component[3] < scc.component[0])
}

@Test func orderStaysInTheClusterOfTheLastNode() {
    // No edges; keys interleave two clusters: 0(A) 1(B) 2(A) 3(B). Start with 0, then stay in A.
    let g = directed(4, [])
    #expect(studyOrder(g, keys: [0, 1, 2, 3], clusters: [0, 1, 0, 1]) == [0, 2, 1, 3])
    #expect(studyOrder(g, keys: [0, 1, 2, 3]) == [0, 1, 2, 3])
}

@Test func condensationIsADagWithMergedEdges() {
    let g = directed(4, [(0, 1), (1, 0), (0, 2), (1, 2), (2, 3)])
    let scc = StronglyConnectedComponents(g)
    let dag = scc.condensation(of: g)
    #expect(dag.nodeCount == 3)
    #expect(dag.edgeCount == 2)
    for u in 0..<dag.nodeCount { for s in dag.outRange(u) { #expect(Int(dag.outTargets[s]) > u) } }
    let c01 = Int(scc.component[0])
    #expect(dag.outRange(c01).map { dag.outWeights[$0] } == [2])
}

@Test func sccOnAMillionNodeChainDoesNotOverflowTheStack() {
    let n = 1_000_000
    let sources = (0..<Int32(n - 1)).map { $0 }
    let targets = (1..<Int32(n)).map { $0 }
    let chain = CSRGraph(nodeCount: n, sources: sources, targets: targets)
    let scc = StronglyConnectedComponents(chain)
    #expect(scc.count == n)
    #expect(scc.component[0] == 0 && scc.component[n - 1] == Int32(n - 1))
    // Close the chain into one big cycle: one component.
    let ring = CSRGraph(nodeCount: n, sources: sources + [Int32(n - 1)], targets: targets + [0])
    #expect(StronglyConnectedComponents(ring).count == 1)
}

@Test(arguments: 1...20)
func randomOrdersRespectEveryEdgeOutsideACycle(seed: UInt64) {
    let g = randomGraph(seed: seed, n: 60 + Int(seed) * 7, degree: 2)
    let n = g.nodeCount
    var rng = SplitMix64(seed: seed ^ 0xABCD)
    let keys = (0..<n).map { _ in rng.below(1000) }
    let clusters = (0..<n).map { _ in Int32(rng.below(4)) }
    for kinds in [EdgeKinds.all, EdgeKinds(0, 1)] {
        let scc = StronglyConnectedComponents(g, kinds: kinds)
        let order = studyOrder(g, keys: keys, clusters: clusters, kinds: kinds)
        #expect(Set(order).count == n)
        var position = [Int](repeating: 0, count: n)
        for (p, v) in order.enumerated() { position[Int(v)] = p }
        for u in 0..<n {
            for s in g.outRange(u) where kinds.contains(g.outKinds[s]) {
                let v = Int(g.outTargets[s])
                if scc.component[u] != scc.component[v] { #expect(position[u] < position[v]) }
            }
        }
        // Members of one component are contiguous.
        for c in 0..<scc.count {
            let ps = scc.members(of: c).map { position[Int($0)] }
            #expect(ps.max()! - ps.min()! == ps.count - 1)
        }
        // Deterministic.
        #expect(studyOrder(g, keys: keys, clusters: clusters, kinds: kinds) == order)
    }
}
