/// The strongly connected components of a directed graph, numbered in topological order of the
/// condensation: every edge between two components goes from a lower to a higher component id.
public struct StronglyConnectedComponents: Sendable {
    /// For each node, its component id.
    public let component: [Int32]
    /// Members of component `c` are `members[memberOffsets[c]..<memberOffsets[c+1]]`, ascending.
    public let memberOffsets: [Int32]
    public let members: [Int32]

    public var count: Int { memberOffsets.count - 1 }

    /// The members of component `c`, in ascending node order.
    public func members(of c: Int) -> ArraySlice<Int32> {
        members[Int(memberOffsets[c])..<Int(memberOffsets[c + 1])]
    }

    /// Finds the components with an iterative Tarjan (explicit stack, no recursion, so a chain of
    /// millions of nodes is fine), following only edges whose kind is in `kinds`.
    ///
    /// - Complexity: O(V + E) time, O(V) extra memory.
    public init(_ graph: CSRGraph, kinds: EdgeKinds = .all) {
        let n = graph.nodeCount
        let unvisited = Int32(-1)
        var index = [Int32](repeating: unvisited, count: n)
        var low = [Int32](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var stack = [Int32]()
        stack.reserveCapacity(n)
        // Call stack: node and the next outgoing slot to look at.
        var callNode = [Int32]()
        var callSlot = [Int32]()
        var completion = [Int32](repeating: -1, count: n)  // component in completion (reverse-topological) order
        var nextIndex: Int32 = 0
        var completed: Int32 = 0
        let all = kinds == .all
        for root in 0..<n where index[root] == unvisited {
            index[root] = nextIndex
            low[root] = nextIndex
            nextIndex += 1
            stack.append(Int32(root))
            onStack[root] = true
            callNode.append(Int32(root))
            callSlot.append(graph.outOffsets[root])
            while let top = callNode.last {
                let u = Int(top)
                var slot = Int(callSlot[callSlot.count - 1])
                let end = Int(graph.outOffsets[u + 1])
                var descended = false
                while slot < end {
                    let v = Int(graph.outTargets[slot])
                    let follow = all || kinds.contains(graph.outKinds[slot])
                    slot += 1
                    guard follow else { continue }
                    if index[v] == unvisited {
                        callSlot[callSlot.count - 1] = Int32(slot)
                        index[v] = nextIndex
                        low[v] = nextIndex
                        nextIndex += 1
                        stack.append(Int32(v))
                        onStack[v] = true
                        callNode.append(Int32(v))
                        callSlot.append(graph.outOffsets[v])
                        descended = true
                        break
                    } else if onStack[v] {
                        low[u] = min(low[u], index[v])
                    }
                }
                if descended { continue }
                // u is finished.
                callNode.removeLast()
                callSlot.removeLast()
                if let parent = callNode.last { low[Int(parent)] = min(low[Int(parent)], low[u]) }
                if low[u] == index[u] {
                    while true {
                        let w = Int(stack.removeLast())
                        onStack[w] = false
                        completion[w] = completed
                        if w == u { break }
                    }
                    completed += 1
                }
            }
        }
        // Renumber: the first completed component is a sink, so reverse to get topological ids.
        let c = Int(completed)
        var comp = [Int32](repeating: 0, count: n)
        var offsets = [Int32](repeating: 0, count: c + 1)
        for v in 0..<n {
            let id = Int32(c - 1) - completion[v]
            comp[v] = id
            offsets[Int(id) + 1] += 1
        }
        for i in 0..<c { offsets[i + 1] += offsets[i] }
        var pos = offsets
        var mem = [Int32](repeating: 0, count: n)
        for v in 0..<n {
            let id = Int(comp[v])
            mem[Int(pos[id])] = Int32(v)
            pos[id] += 1
        }
        component = comp
        memberOffsets = offsets
        members = mem
        #if GRAPH_INTERNAL_CHECKS
            for u in 0..<n {
                for slot in graph.outRange(u) where kinds.contains(graph.outKinds[slot]) {
                    precondition(comp[u] <= comp[Int(graph.outTargets[slot])], "component ids not topological")
                }
            }
        #endif
    }

    /// The condensation: one node per component, one edge per pair of components joined by at
    /// least one edge (weights summed, kind of the first such edge, id of the first such edge).
    ///
    /// - Complexity: O(V + E).
    public func condensation(of graph: CSRGraph, kinds: EdgeKinds = .all) -> CSRGraph {
        let c = count
        var seen = [Int32](repeating: -1, count: c)  // last source component that produced target
        var slotOf = [Int32](repeating: 0, count: c)
        var s = [Int32]()
        var t = [Int32]()
        var w = [Double]()
        var k = [UInt8]()
        var ids = [Int32]()
        for cu in 0..<c {
            for u in members(of: cu) {
                for slot in graph.outRange(Int(u)) where kinds.contains(graph.outKinds[slot]) {
                    let cv = Int(component[Int(graph.outTargets[slot])])
                    if cv == cu { continue }
                    if seen[cv] == Int32(cu) {
                        w[Int(slotOf[cv])] += graph.outWeights[slot]
                    } else {
                        seen[cv] = Int32(cu)
                        slotOf[cv] = Int32(s.count)
                        s.append(Int32(cu))
                        t.append(Int32(cv))
                        w.append(graph.outWeights[slot])
                        k.append(graph.outKinds[slot])
                        ids.append(graph.outEdgeIDs[slot])
                    }
                }
            }
        }
        return CSRGraph(nodeCount: c, sources: s, targets: t, weights: w, kinds: k, edgeIDs: ids)
    }
}
