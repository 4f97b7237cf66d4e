import Foundation

/// How text output is decorated: ANSI bold/dim/colour, or nothing (files, pipes, `NO_COLOR`).
public struct TextStyle: Sendable {
    public var enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    /// No decoration at all.
    public static let plain = TextStyle(enabled: false)

    /// Decorated only when `stdout` is a terminal, `NO_COLOR` is unset (or empty) and `TERM` is not `dumb`.
    public static func forTerminal(isTerminal: Bool, environment: [String: String]) -> TextStyle {
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let dumb = environment["TERM"] == "dumb"
        return TextStyle(enabled: isTerminal && !noColor && !dumb)
    }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    public func bold(_ text: String) -> String { wrap(text, "1") }
    public func dim(_ text: String) -> String { wrap(text, "2") }
    /// Section headings.
    public func heading(_ text: String) -> String { wrap(text, "1;36") }
    /// Marks (repeated, cycle, warnings).
    public func mark(_ text: String) -> String { wrap(text, "33") }
}

/// Renders views as text for people: aligned, boxed trees, `file:line` places. Pure functions.
public struct TextRenderer: Sendable {
    public var style: TextStyle

    public init(style: TextStyle = .plain) { self.style = style }

    // MARK: tree

    /// The hierarchy with box-drawing characters: `├── `, `└── `, `│   `.
    public func render(_ view: TreeView) -> String {
        var lines: [String] = []
        for root in view.roots {
            lines.append(nodeText(root))
            appendChildren(of: root, prefix: "", to: &lines)
        }
        if view.outsideHierarchy > 0 {
            if !lines.isEmpty { lines.append("") }
            lines.append(
                style.dim(
                    "\(view.outsideHierarchy) concept\(plural(view.outsideHierarchy)) outside the hierarchy "
                        + "(see `conceptgraph order`)"))
        }
        if lines.isEmpty { lines.append("No hierarchy: no concept has a broader or narrower one.") }
        return lines.joined(separator: "\n")
    }

    private func nodeText(_ node: TreeNode) -> String {
        var text = style.bold(node.label)
        if node.cycle { text += " " + style.mark("↻ cycle") }
        if node.repeated { text += " " + style.mark("↑ see above") }
        if node.hiddenChildren > 0 {
            text += " " + style.dim("(+\(node.hiddenChildren) below)")
        }
        return text
    }

    private func appendChildren(of node: TreeNode, prefix: String, to lines: inout [String]) {
        for (i, child) in node.children.enumerated() {
            let last = i == node.children.count - 1
            lines.append(prefix + (last ? "└── " : "├── ") + nodeText(child))
            appendChildren(of: child, prefix: prefix + (last ? "    " : "│   "), to: &lines)
        }
    }

    // MARK: show

    public func render(_ view: ConceptView) -> String {
        var lines: [String] = [style.bold(view.label) + style.dim("  (\(view.id))")]
        if !view.aliases.isEmpty { lines.append("Also:     " + view.aliases.joined(separator: "; ")) }
        if !view.decks.isEmpty { lines.append("Decks:    " + view.decks.joined(separator: ", ")) }
        lines.append("Cluster:  \(view.cluster) \"\(view.clusterName)\"")
        lines.append(
            "Rank:     \(view.rankPosition) of \(view.conceptCount)   level \(view.level)   "
                + "study step \(view.studyStep)")
        if !view.definition.isEmpty && view.cards.isEmpty {
            lines.append("Defined:  " + oneLine(view.definition))
        }
        lines.append("")
        lines.append(style.heading("Cards (\(view.cards.count))"))
        if view.cards.isEmpty { lines.append(style.dim("  none: the concept is only named in answers")) }
        for card in view.cards {
            lines.append("  " + style.dim(card.location))
            lines.append("    " + style.bold(oneLine(card.front)))
            for line in card.back.split(separator: "\n", omittingEmptySubsequences: true) {
                lines.append("      " + line)
            }
        }
        let sections: [(String, [EdgeView])] = [
            ("Parents (broader)", view.parents), ("Children (narrower)", view.children),
            ("Prerequisites (requires)", view.prerequisites), ("Dependents (required by)", view.dependents),
            ("Related", view.related),
        ]
        for (title, edges) in sections where !edges.isEmpty {
            lines.append("")
            lines.append(style.heading("\(title) (\(edges.count))"))
            for edge in edges {
                lines.append(
                    "  " + edge.label + (edge.evidence.isEmpty ? "" : style.dim("  — " + oneLine(edge.evidence))))
            }
        }
        return lines.joined(separator: "\n")
    }

    // MARK: order, prerequisites

    /// Numbered steps; a group of concepts that depend on each other is bracketed `┌ │ └`.
    public func renderSteps(_ steps: [OrderStep]) -> String {
        let width = String(steps.last?.step ?? 0).count
        let bracketed = steps.contains { $0.group != nil }
        var lines: [String] = []
        for (i, step) in steps.enumerated() {
            let number = String(repeating: " ", count: max(0, width - String(step.step).count)) + "\(step.step)."
            var bracket = bracketed ? "  " : ""
            if let group = step.group {
                let before = i > 0 && steps[i - 1].group == group
                let after = i + 1 < steps.count && steps[i + 1].group == group
                bracket = before && after ? "│ " : before ? "└ " : after ? "┌ " : "  "
            }
            var line = number + " " + bracket + step.label
            if let group = step.group, i + 1 == steps.count || steps[i + 1].group != group,
                i > 0, steps[i - 1].group == group
            {
                line += style.dim("   (learn together: they depend on each other)")
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    public func render(_ view: PrerequisitesView) -> String {
        if view.prerequisites.isEmpty {
            return "Nothing to learn before \(view.concept.label)."
        }
        let what = view.direct ? "Directly before" : "Before"
        return style.heading("\(what) \(view.concept.label), in study order:") + "\n" + renderSteps(view.prerequisites)
    }

    public func render(_ view: OrderView) -> String {
        if view.steps.isEmpty { return "No concepts." }
        return renderSteps(view.steps)
    }

    // MARK: clusters, path

    public func render(_ view: ClustersView) -> String {
        let width = String(view.clusters.count - 1).count
        return view.clusters.map { cluster in
            let id = String(repeating: " ", count: max(0, width - String(cluster.id).count)) + "\(cluster.id)"
            let main = cluster.main.map(\.label).joined(separator: ", ")
            return "\(id)  \(style.bold(cluster.name))  "
                + style.dim("(\(cluster.size) concept\(plural(cluster.size)))")
                + (cluster.size > 1 ? "\n" + String(repeating: " ", count: width + 2) + main : "")
        }.joined(separator: "\n")
    }

    public func render(_ view: PathView) -> String {
        guard let steps = view.steps else {
            return "No chain of relations links \(view.from.label) and \(view.to.label)."
        }
        if steps.isEmpty { return "\(view.from.label) is \(view.to.label)." }
        var lines = [style.bold(view.from.label)]
        for step in steps {
            let arrow = step.forward ? "──\(step.kind)──▶" : "◀──\(step.kind)──"
            lines.append("  " + arrow + " " + style.bold(step.to.label) + style.dim("  — " + oneLine(step.evidence)))
        }
        return lines.joined(separator: "\n")
    }

    // MARK: search, stats, lint

    public func render(_ view: SearchView) -> String {
        var lines: [String] = []
        if view.concepts.isEmpty && view.cards.isEmpty { return "Nothing matches \"\(view.query)\"." }
        if !view.concepts.isEmpty {
            lines.append(style.heading("Concepts (\(view.conceptMatches))"))
            for hit in view.concepts { lines.append("  " + style.bold(hit.label)) }
            if view.conceptMatches > view.concepts.count {
                lines.append(style.dim("  … \(view.conceptMatches - view.concepts.count) more (--limit)"))
            }
        }
        if !view.cards.isEmpty {
            if !lines.isEmpty { lines.append("") }
            lines.append(style.heading("Cards (\(view.cardMatches))"))
            for hit in view.cards {
                lines.append("  " + style.dim(hit.card.location) + "  " + oneLine(hit.card.front))
            }
            if view.cardMatches > view.cards.count {
                lines.append(style.dim("  … \(view.cardMatches - view.cards.count) more (--limit)"))
            }
        }
        return lines.joined(separator: "\n")
    }

    public func render(_ view: StatsView) -> String {
        let rows: [(String, String)] = [
            ("decks", "\(view.decks)"),
            ("cards", "\(view.cards)"),
            ("concepts", "\(view.concepts) (\(view.conceptsWithCards) with cards of their own)"),
            ("relations", "\(view.broader) broader, \(view.requires) requires, \(view.related) related"),
            (
                "clusters",
                "\(view.clusters) (largest \(view.largestCluster), \(view.singletonClusters) of one concept)"
            ),
            ("hierarchy", "\(view.hierarchyRoots) top concepts, \(view.hierarchyDepth) levels below them"),
            ("isolated", "\(view.isolatedConcepts) concepts without any relation"),
            ("cycles", "\(view.cycleGroups) groups of concepts that depend on each other"),
            ("key concepts", view.keyConcepts.map(\.label).joined(separator: ", ")),
        ]
        return rows.map { style.bold(pad($0.0, 13)) + $0.1 }.joined(separator: "\n")
    }

    /// `file:line: check: message`, one line per problem, then a count by check.
    public func render(_ view: LintView) -> String {
        if view.problems.isEmpty { return "No problems found." }
        var lines = view.problems.map { p in
            let place = p.line > 0 ? "\(p.file):\(p.line)" : p.file
            return "\(place): " + style.mark(p.check) + ": " + p.message
        }
        let summary = view.counts.keys.sorted().map { "\(view.counts[$0]!) \($0)" }.joined(separator: ", ")
        lines.append("")
        lines.append("\(view.problems.count) problem\(plural(view.problems.count)): \(summary)")
        return lines.joined(separator: "\n")
    }

    // MARK: helpers

    private func plural(_ n: Int) -> String { n == 1 ? "" : "s" }

    private func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(1, width - text.count))
    }

    private func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " / ")
    }
}

/// JSON for scripts: sorted keys, snake_case names, two-space indentation, one trailing newline.
public enum JSONRenderer {
    public static func render<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = (try? encoder.encode(value)) ?? Data("null".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
