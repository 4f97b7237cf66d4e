import GraphAlgorithms

/// The `broader` hierarchy of the draft relations, kept acyclic, with a bounded reachability search.
///
/// **Cycle removal.** Relations are accepted in the order they were found, and one that would close
/// a cycle with those accepted before it is dropped (a greedy rule: the first-found relations win).
/// A relation `parent → child` closes a cycle exactly when `child` already reaches `parent`; every
/// node on such a path lies, with both ends, in one strongly connected component of the graph of
/// *all* drafts. So the components are computed once (iterative Tarjan, linear), every relation
/// between two components is kept without a search, and the greedy check runs only on the relations
/// inside a non-trivial component, through a dynamic topological order of the accepted relations
/// (`DynamicTopologicalOrder`): a relation that agrees with the order is kept at once, and only one
/// that disagrees searches, and only between its ends' positions. The result is the same set the
/// plain greedy rule keeps (it asks only yes/no questions, whose answers do not depend on how a
/// search visits nodes), with one exception that bounds the cost: a relation whose question would
/// scan more than `searchLimit` accepted relations is dropped unanswered. Real decks' components
/// hold a few concepts and never reach it (the development set is byte-identical with and without);
/// a tangle of thousands of concepts drafted as each other's parents (generated decks at 300k cards
/// and more) costs at most the limit per relation instead of a search of the tangle, which made
/// 300k cards cost 4.5× the extraction CPU of 100k.
///
/// **Reachability.** `reaches(from:to:limit:)` is the depth-first search the `requires` rule uses to
/// skip mentions of narrower concepts, bounded to `limit` concepts; it visits concepts in exactly
/// the order a stack-based search over children in relation order would (so a bounded answer is
/// stable), on `Int32` adjacency with a stamped visited array, and answers "no" at once when the
/// goal's component comes before the start's in topological order.
struct BroaderHierarchy {
    /// Relations one cycle check may scan before its relation is dropped unanswered.
    static let searchLimit = 4096

    /// For each input relation, whether it is kept.
    let kept: [Bool]
    /// Children of the kept relations, in relation order: node `u`'s are
    /// `childTargets[childOffsets[u]..<childOffsets[u+1]]`.
    private let childOffsets: [Int32]
    private let childTargets: [Int32]
    /// Component of each node in the graph of all relations, numbered in topological order.
    private let component: [Int32]
    /// Search scratch: a node is visited when its stamp equals `stamp`.
    private var visitedStamp: [UInt32]
    private var stamp: UInt32 = 0
    private var stack: [Int32] = []

    /// Decides which of the relations `parents[i] → children[i]` (in the order found) to keep.
    ///
    /// - Complexity: O(V + E) plus, for each relation inside a non-trivial strongly connected component
    ///   that disagrees with the order so far, a search of the region between its ends (see
    ///   `DynamicTopologicalOrder`).
    init(nodeCount: Int, parents: [Int32], children: [Int32]) {
        precondition(parents.count == children.count, "parents and children differ in length")
        let edgeCount = parents.count
        // Components of the graph of all relations (self-loops cannot join two nodes).
        let all = CSRGraph(nodeCount: nodeCount, sources: parents, targets: children)
        let components = StronglyConnectedComponents(all)
        var isLarge = [Bool](repeating: false, count: components.count)
        for c in 0..<components.count where components.memberOffsets[c + 1] - components.memberOffsets[c] > 1 {
            isLarge[c] = true
        }

        var kept = [Bool](repeating: true, count: edgeCount)
        var order = DynamicTopologicalOrder(seededBy: all)
        for i in 0..<edgeCount {
            let parent = Int(parents[i])
            let child = Int(children[i])
            if parent == child {
                kept[i] = false
                continue
            }
            let c = components.component[parent]
            guard c == components.component[child], isLarge[Int(c)] else { continue }
            // Kept unless the child already reaches the parent through accepted relations.
            kept[i] = order.insert(from: Int32(parent), to: Int32(child), searchLimit: Self.searchLimit) == .added
        }
        self.kept = kept

        // Children of the kept relations, in relation order (a stable counting sort).
        var offsets = [Int32](repeating: 0, count: nodeCount + 1)
        for i in 0..<edgeCount where kept[i] { offsets[Int(parents[i]) + 1] += 1 }
        for u in 0..<nodeCount { offsets[u + 1] += offsets[u] }
        var position = offsets
        var targets = [Int32](repeating: 0, count: Int(offsets[nodeCount]))
        for i in 0..<edgeCount where kept[i] {
            let u = Int(parents[i])
            targets[Int(position[u])] = children[i]
            position[u] += 1
        }
        childOffsets = offsets
        childTargets = targets
        component = components.component
        visitedStamp = [UInt32](repeating: 0, count: nodeCount)
    }

    /// Whether `goal` is `start` or lies below it through kept relations, looking at `limit` concepts
    /// at most (a "no" past the limit means "not found nearby").
    ///
    /// - Complexity: O(limit × children per concept).
    mutating func reaches(from start: Int, to goal: Int, limit: Int) -> Bool {
        if start == goal { return true }
        // Kept relations go from a component to the same or a later one.
        if component[goal] < component[start] { return false }
        stamp &+= 1
        if stamp == 0 {
            for j in visitedStamp.indices { visitedStamp[j] = 0 }
            stamp = 1
        }
        stack.removeAll(keepingCapacity: true)
        stack.append(Int32(start))
        visitedStamp[start] = stamp
        var visitedCount = 1
        while let node = stack.popLast() {
            if Int(node) == goal { return true }
            for slot in Int(childOffsets[Int(node)])..<Int(childOffsets[Int(node) + 1]) {
                let child = Int(childTargets[slot])
                if visitedStamp[child] != stamp {
                    visitedStamp[child] = stamp
                    visitedCount += 1
                    // Past the limit the answer is "no" whatever is left: stop before a hub's
                    // thousands of children are all pushed.
                    if visitedCount >= limit { return false }
                    stack.append(Int32(child))
                }
            }
            if visitedCount >= limit { return false }
        }
        return false
    }
}
