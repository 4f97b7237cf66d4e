import ConceptAnalysis
import ConceptExtraction

// Design note: the hierarchy as a tree.
// `broader` relations form a DAG (extraction keeps them so) but the renderer does not rely on it. A
// depth-first walk from each root prints every concept under each of its parents; the second and
// later times a concept appears it is marked `repeated` and not expanded again, so the output is
// linear in concepts + relations even when a DAG would unfold exponentially. A child that is an
// ancestor on the current branch is marked `cycle` and not followed. Children come in study order.

/// One node of a printed hierarchy.
public struct TreeNode: Codable, Sendable, Hashable {
    public var id: String
    public var label: String
    /// Shown before, under another parent; its children are listed there.
    public var repeated: Bool
    /// An ancestor of itself on this branch (a cycle in the hierarchy); not followed.
    public var cycle: Bool
    /// Children not shown because of `--depth`.
    public var hiddenChildren: Int
    public var children: [TreeNode]
}

/// The hierarchy below some roots.
public struct TreeView: Codable, Sendable, Hashable {
    public var roots: [TreeNode]
    /// Concepts with neither parent nor child in the hierarchy (listed only for the whole tree).
    public var outsideHierarchy: Int
}

extension Explorer {
    /// The hierarchy under `root` (or under every top concept), `depth` levels deep (nil: all).
    /// - Complexity: O(V + E) over the part printed.
    public func tree(root: Int? = nil, depth: Int? = nil) -> TreeView {
        var seen = [Bool](repeating: false, count: graph.concepts.count)
        var onPath = [Bool](repeating: false, count: graph.concepts.count)
        let roots = root.map { [$0] } ?? hierarchyRoots
        let nodes = roots.map { node($0, level: 0, depth: depth, seen: &seen, onPath: &onPath) }
        return TreeView(roots: nodes, outsideHierarchy: root == nil ? outsideHierarchy.count : 0)
    }

    // Recursion depth is bounded by the hierarchy's depth (a cycle is never followed), not by its size.
    private func node(_ v: Int, level: Int, depth: Int?, seen: inout [Bool], onPath: inout [Bool]) -> TreeNode {
        var result = TreeNode(
            id: graph.concepts[v].id, label: graph.concepts[v].label, repeated: false, cycle: false,
            hiddenChildren: 0, children: [])
        if onPath[v] {
            result.cycle = true
            return result
        }
        if seen[v] {
            result.repeated = true
            return result
        }
        seen[v] = true
        let children = analyzed.children(of: v)
        if let depth, level >= depth {
            result.hiddenChildren = children.count
            return result
        }
        onPath[v] = true
        result.children = children.map { node($0, level: level + 1, depth: depth, seen: &seen, onPath: &onPath) }
        onPath[v] = false
        return result
    }
}
