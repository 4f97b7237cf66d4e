import Testing

@testable import GraphAlgorithms

@Test(arguments: 1...5)
func pageRankSumsToOne(seed: UInt64) {
    let g = randomGraph(seed: seed, n: 200, degree: 2)
    for reversed in [false, true] {
        let rank = pageRank(g, reversed: reversed)
        #expect(abs(rank.reduce(0, +) - 1) < 1e-9)
        #expect(rank.allSatisfy { $0 > 0 })
    }
}

@Test func pageRankFavoursTheHub() {
    // Everyone points at 0; 0 is dangling. On a cycle every node is equal.
    let star = directed(5, [(1, 0), (2, 0), (3, 0), (4, 0)])
    let rank = pageRank(star)
    #expect(rank.indices.allSatisfy { $0 == 0 || rank[0] > rank[$0] })
    let reversedRank = pageRank(star, reversed: true)
    #expect(reversedRank.indices.allSatisfy { $0 == 0 || reversedRank[0] < reversedRank[$0] })
    let cycle = pageRank(directed(4, [(0, 1), (1, 2), (2, 3), (3, 0)]))
    #expect(cycle.allSatisfy { abs($0 - 0.25) < 1e-9 })
}

@Test func pathWalksEdgesInEitherDirection() {
    // 0 → 1 ← 2 → 3, plus a long way 0 → 4 → 5 → 6 → 3.
    let g = directed(8, [(0, 1), (2, 1), (2, 3), (0, 4), (4, 5), (5, 6), (6, 3)], kinds: [0, 1, 2, 0, 0, 0, 0])
    let path = shortestPath(from: 0, to: 3, in: g)!
    #expect(path.map(\.edge) == [0, 1, 2])
    #expect(path.map(\.forward) == [true, false, true])
    #expect(path.map(\.kind) == [0, 1, 2])
    #expect(path.first?.from == 0 && path.last?.to == 3)
    for (a, b) in zip(path, path.dropFirst()) { #expect(a.to == b.from) }
    // Restricted to kind 0, only the long way is left.
    #expect(shortestPath(from: 0, to: 3, in: g, kinds: EdgeKinds(0))?.count == 4)
    #expect(shortestPath(from: 0, to: 7, in: g) == nil)
    #expect(shortestPath(from: 2, to: 2, in: g) == [])
}

@Test func ancestorsAndDescendants() {
    let g = directed(6, [(0, 1), (1, 2), (3, 2), (2, 4), (4, 2)])
    #expect(Set(ancestors(of: 2, in: g)) == [0, 1, 3, 4, 2])
    #expect(Set(descendants(of: 1, in: g)) == [2, 4])
    #expect(descendants(of: 5, in: g).isEmpty)
}

@Test func transitiveReductionDropsShortcutsButKeepsCycles() {
    // 0 → 1 → 2, shortcut 0 → 2; cycle 3 ⇄ 4 with 2 → 3 and shortcut 1 → 4.
    let g = directed(5, [(0, 1), (1, 2), (0, 2), (3, 4), (4, 3), (2, 3), (1, 4)])
    let keep = transitiveReduction(of: g)
    #expect(keep == [true, true, false, true, true, true, false])
    // Bailing out keeps everything.
    #expect(transitiveReduction(of: g, maxComponents: 1).allSatisfy { $0 })
}

@Test(arguments: 1...5)
func transitiveReductionPreservesReachability(seed: UInt64) {
    let g = randomGraph(seed: seed, n: 80, degree: 3)
    let keep = transitiveReduction(of: g)
    var s: [Int32] = []
    var t: [Int32] = []
    for u in 0..<g.nodeCount {
        for slot in g.outRange(u) where keep[Int(g.outEdgeIDs[slot])] {
            s.append(Int32(u))
            t.append(g.outTargets[slot])
        }
    }
    let reduced = CSRGraph(nodeCount: g.nodeCount, sources: s, targets: t)
    #expect(reduced.edgeCount <= g.edgeCount)
    for u in 0..<g.nodeCount {
        #expect(Set(descendants(of: u, in: reduced)) == Set(descendants(of: u, in: g)))
    }
}
