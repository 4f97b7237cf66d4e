import Testing

@testable import ConceptExtraction

/// The plain greedy rule the hierarchy replaces: each relation, in order, is dropped when its child
/// already reaches its parent through the relations kept so far (a full search each time).
private func naiveKept(nodeCount: Int, _ edges: [(Int32, Int32)]) -> [Bool] {
    var children = [[Int]](repeating: [], count: nodeCount)
    return edges.map { parent, child in
        let (p, c) = (Int(parent), Int(child))
        if p == c || naiveReaches(from: c, to: p, children: children, limit: .max) { return false }
        children[p].append(c)
        return true
    }
}

/// The bounded search the `requires` rule used before: a stack over children in relation order.
private func naiveReaches(from start: Int, to goal: Int, children: [[Int]], limit: Int) -> Bool {
    var stack = [start]
    var visited: Set<Int> = [start]
    while let next = stack.popLast() {
        if next == goal { return true }
        for child in children[next] where visited.insert(child).inserted { stack.append(child) }
        if visited.count >= limit { return false }
    }
    return false
}

private func hierarchy(nodeCount: Int, _ edges: [(Int32, Int32)]) -> BroaderHierarchy {
    BroaderHierarchy(nodeCount: nodeCount, parents: edges.map(\.0), children: edges.map(\.1))
}

@Suite struct BroaderHierarchyTests {
    @Test func theRelationClosingACycleIsDropped() {
        // a → b → c → a: the last found closes the cycle; a self-loop is dropped; a repeat is kept.
        let kept = hierarchy(nodeCount: 3, [(0, 1), (1, 2), (2, 0), (1, 1), (0, 1)]).kept
        #expect(kept == [true, true, false, false, true])
    }

    @Test func relationsBetweenComponentsAreKept() {
        // Two cycles {0,1,2} and {3,4}, joined by relations that cannot close a cycle.
        let edges: [(Int32, Int32)] = [(0, 3), (0, 1), (1, 2), (2, 0), (2, 4), (3, 4), (4, 3), (1, 3), (5, 0)]
        let kept = hierarchy(nodeCount: 6, edges).kept
        #expect(kept == [true, true, true, false, true, true, false, true, true])
        #expect(kept == naiveKept(nodeCount: 6, edges))
    }

    @Test func aChainOfAMillionRelationsNeedsNoDeepStack() {
        let n = 1_000_000
        var edges = (0..<Int32(n - 1)).map { ($0, $0 + 1) }
        edges.append((Int32(n - 1), 0))  // closes one cycle through every concept
        var chain = hierarchy(nodeCount: n, edges)
        #expect(chain.kept.dropLast().allSatisfy { $0 })
        #expect(chain.kept.last == false)
        let down = chain.reaches(from: 0, to: n - 1, limit: .max)
        let downNearby = chain.reaches(from: 0, to: n - 1, limit: 400)
        let up = chain.reaches(from: n - 1, to: 0, limit: .max)
        #expect(down && !downNearby && !up)
    }

    @Test func sameAnswersAsTheGreedySearchOnRandomGraphs() {
        var random = SplitMix64(seed: 11)
        for round in 0..<200 {
            let nodeCount = Int.random(in: 1...30, using: &random)
            let edgeCount = Int.random(in: 0...(round % 2 == 0 ? 40 : 120), using: &random)
            let edges = (0..<edgeCount).map { _ in
                (
                    Int32.random(in: 0..<Int32(nodeCount), using: &random),
                    Int32.random(in: 0..<Int32(nodeCount), using: &random)
                )
            }
            var fast = hierarchy(nodeCount: nodeCount, edges)
            let kept = naiveKept(nodeCount: nodeCount, edges)
            #expect(fast.kept == kept, "edges \(edges)")
            var children = [[Int]](repeating: [], count: nodeCount)
            for (edge, keep) in zip(edges, kept) where keep { children[Int(edge.0)].append(Int(edge.1)) }
            for start in 0..<nodeCount {
                for goal in 0..<nodeCount {
                    for limit in [2, 5, .max] {
                        let answer = fast.reaches(from: start, to: goal, limit: limit)
                        #expect(
                            answer == naiveReaches(from: start, to: goal, children: children, limit: limit),
                            "\(start) → \(goal) limit \(limit), edges \(edges)")
                    }
                }
            }
        }
    }
}

/// A seeded generator, so a failing graph comes back on the next run.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
