import Testing

@testable import GraphAlgorithms

/// The plain greedy rule the dynamic order must reproduce: keep an edge unless its target already
/// reaches its source through the edges kept so far (a full search per edge).
private func greedyByPlainSearch(_ n: Int, _ edges: [(Int32, Int32)]) -> [Bool] {
    var children = [[Int32]](repeating: [], count: n)
    return edges.map { source, target in
        if source == target { return false }
        var seen = Set<Int32>([target])
        var stack = [target]
        while let node = stack.popLast() {
            if node == source { return false }
            for child in children[Int(node)] where seen.insert(child).inserted { stack.append(child) }
        }
        children[Int(source)].append(target)
        return true
    }
}

@Test func dynamicOrderRefusesExactlyTheEdgesThatCloseACycle() {
    // 2 → 0, 3 → 1 and 4 → 0 close cycles, 0 → 0 is a loop; 1 → 3 only repeats a path.
    let edges: [(Int32, Int32)] = [(0, 1), (1, 2), (2, 0), (2, 3), (3, 1), (0, 0), (3, 4), (4, 0), (1, 3)]
    var order = DynamicTopologicalOrder(nodeCount: 5)
    let kept = edges.map { order.insert(from: $0.0, to: $0.1) }
    #expect(kept == [true, true, false, true, false, false, true, false, true])
    // Every kept edge agrees with the order.
    for (edge, isKept) in zip(edges, kept) where isKept {
        #expect(order.position[Int(edge.0)] < order.position[Int(edge.1)])
    }
}

@Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
func dynamicOrderAgreesWithThePlainGreedySearch(seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    let n = 40
    // Dense enough for long cycles and many reorderings.
    let edges: [(Int32, Int32)] = (0..<400).map { _ in
        (Int32(rng.next() % UInt64(n)), Int32(rng.next() % UInt64(n)))
    }
    let expected = greedyByPlainSearch(n, edges)
    var byNumber = DynamicTopologicalOrder(nodeCount: n)
    #expect(edges.map { byNumber.insert(from: $0.0, to: $0.1) } == expected)
    // Seeding the order with a search of all the edges changes the work, never the answers.
    let all = directed(n, edges.map { (Int($0.0), Int($0.1)) })
    var seeded = DynamicTopologicalOrder(seededBy: all)
    #expect(edges.map { seeded.insert(from: $0.0, to: $0.1) } == expected)
    for (edge, isKept) in zip(edges, expected) where isKept {
        #expect(seeded.position[Int(edge.0)] < seeded.position[Int(edge.1)])
    }
    #expect(Set(seeded.position).count == n)
}

@Test func aBoundedInsertionThatCannotBeSettledWithinItsLimitIsRefusedUndecided() {
    // A chain 0 → 1 → … → 9; closing it (9 → 0) needs the whole chain scanned.
    var order = DynamicTopologicalOrder(nodeCount: 10)
    for node in Int32(0)..<9 { #expect(order.insert(from: node, to: node + 1, searchLimit: 4) == .added) }
    // 9 → 0 disagrees with the order: with 4 edges allowed the search stops unanswered …
    #expect(order.insert(from: 9, to: 0, searchLimit: 4) == .undecided)
    // … and with enough it finds the cycle. Nothing was added by the refused attempt.
    #expect(order.insert(from: 9, to: 0, searchLimit: 100) == .closesCycle)
    #expect(order.insert(from: 5, to: 5, searchLimit: 100) == .closesCycle)
    // An edge that agrees with the order costs no search, whatever the limit.
    #expect(order.insert(from: 0, to: 9, searchLimit: 0) == .added)
    // A short backward edge that closes no cycle and fits the limit is added and reorders.
    var small = DynamicTopologicalOrder(nodeCount: 3)
    #expect(small.insert(from: 2, to: 0, searchLimit: 2) == .added)
    #expect(small.position[2] < small.position[0])
}
