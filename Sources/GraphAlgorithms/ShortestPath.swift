/// One edge of a path, as walked.
public struct PathStep: Sendable, Hashable {
    /// The edge's id (as given when the graph was built).
    public var edge: Int32
    /// The node the walk leaves and the node it reaches.
    public var from: Int32
    public var to: Int32
    /// The edge's kind tag.
    public var kind: UInt8
    /// `true` when the walk follows the edge's direction (`from → to` is the edge as stored).
    public var forward: Bool
}

/// A shortest chain of edges between two nodes, ignoring direction (breadth-first search over
/// outgoing and incoming edges of the given kinds). Among equally short chains, the one found first
/// (outgoing before incoming, slots in edge-id order) is returned.
///
/// - Returns: the steps from `source` to `target`; empty when they are the same node; `nil` when
///   they are not connected.
/// - Complexity: O(V + E).
public func shortestPath(from source: Int, to target: Int, in graph: CSRGraph, kinds: EdgeKinds = .all)
    -> [PathStep]?
{
    if source == target { return [] }
    let n = graph.nodeCount
    // For each reached node, the slot it was reached through (≥0 out-slot, <0 in-slot as ~slot).
    var via = [Int](repeating: Int.max, count: n)
    var parent = [Int32](repeating: -1, count: n)
    via[source] = Int.min
    var queue: [Int32] = [Int32(source)]
    var head = 0
    search: while head < queue.count {
        let u = Int(queue[head])
        head += 1
        for slot in graph.outRange(u) where kinds.contains(graph.outKinds[slot]) {
            let v = Int(graph.outTargets[slot])
            if via[v] == Int.max {
                via[v] = slot
                parent[v] = Int32(u)
                queue.append(Int32(v))
                if v == target { break search }
            }
        }
        for slot in graph.inRange(u) where kinds.contains(graph.inKinds[slot]) {
            let v = Int(graph.inSources[slot])
            if via[v] == Int.max {
                via[v] = ~slot
                parent[v] = Int32(u)
                queue.append(Int32(v))
                if v == target { break search }
            }
        }
    }
    guard via[target] != Int.max else { return nil }
    var steps: [PathStep] = []
    var v = target
    while v != source {
        let u = Int(parent[v])
        let s = via[v]
        if s >= 0 {
            steps.append(
                PathStep(
                    edge: graph.outEdgeIDs[s], from: Int32(u), to: Int32(v), kind: graph.outKinds[s], forward: true))
        } else {
            let slot = ~s
            steps.append(
                PathStep(
                    edge: graph.inEdgeIDs[slot], from: Int32(u), to: Int32(v), kind: graph.inKinds[slot], forward: false
                ))
        }
        v = u
    }
    return steps.reversed()
}
