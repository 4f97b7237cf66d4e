import Testing

@testable import GraphAlgorithms

@Test func leidenFindsTheKarateCommunities() {
    let g = karate()
    for seed: UInt64 in 1...10 {
        let result = Leiden(seed: seed).run(g)
        #expect(result.modularity >= 0.41, "seed \(seed): \(result.modularity)")
        #expect(abs(result.modularity - modularity(g, membership: result.membership)) < 1e-12)
        #expect(allCommunitiesConnected(g, result.membership))
        #expect((3...5).contains(result.communityCount))
    }
}

@Test func leidenIsDeterministicForASeed() {
    let g = UndirectedGraph(randomGraph(seed: 7, n: 500, degree: 3))
    #expect(Leiden(seed: 3).run(g).membership == Leiden(seed: 3).run(g).membership)
}

@Test func leidenResolutionChangesGranularity() {
    let g = karate()
    let coarse = Leiden(resolution: 0.3, seed: 1).run(g)
    let fine = Leiden(resolution: 3, seed: 1).run(g)
    #expect(coarse.communityCount < fine.communityCount)
}

@Test func leidenSeparatesDisconnectedCliques() {
    // Two 5-cliques and an isolated node.
    var edges: [(Int, Int)] = []
    for base in [0, 5] { for i in 0..<5 { for j in (i + 1)..<5 { edges.append((base + i, base + j)) } } }
    let g = UndirectedGraph(directed(11, edges))
    let result = Leiden(seed: 1).run(g)
    #expect(result.communityCount == 3)
    #expect(Set(result.membership[0..<5]).count == 1 && Set(result.membership[5..<10]).count == 1)
    #expect(result.membership[0] != result.membership[5])
    #expect(abs(result.modularity - 0.5) < 1e-12)
}

@Test(arguments: 1...15)
func leidenPropertiesOnRandomGraphs(seed: UInt64) {
    let directedGraph = randomGraph(seed: seed, n: 50 + Int(seed) * 20, degree: 1.5 + Double(seed % 4))
    let g = UndirectedGraph(directedGraph)
    g.checkInvariants()
    let singletons = (0..<Int32(g.nodeCount)).map { $0 }
    for resolution in [0.5, 1.0, 2.0] {
        let result = Leiden(resolution: resolution, seed: seed).run(g)
        #expect(allCommunitiesConnected(g, result.membership))
        #expect(result.modularity >= modularity(g, membership: singletons, resolution: resolution) - 1e-12)
        #expect(Set(result.membership).count == result.communityCount)
        #expect(result.membership.allSatisfy { $0 >= 0 && Int($0) < result.communityCount })
    }
}

@Test func leidenHandlesEmptyAndEdgelessGraphs() {
    #expect(Leiden().run(UndirectedGraph(CSRGraph(nodeCount: 0))).membership.isEmpty)
    let r = Leiden().run(UndirectedGraph(CSRGraph(nodeCount: 3)))
    #expect(r.membership == [0, 1, 2])
}
