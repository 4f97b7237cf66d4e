import ConceptAnalysis
import ConceptExtraction
import Foundation

/// Writes an analyzed concept graph as Graphviz DOT.
///
/// Every id and every string is quoted and escaped (`\` → `\\`, `"` → `\"`, newline → `\n`; CR,
/// other control characters, U+FFFE and U+FFFF are dropped; a tab becomes a space; other text stays
/// UTF-8 under `charset="UTF-8"`), so keywords such as `node` or `Graph` are always safe. Quoted runs
/// longer than Graphviz's 16 KiB limit are split with `+`; labels are shortened with "…" and the
/// full text goes in `tooltip`. Node ids are the same as in the GraphML export.
///
/// Edges are styled by kind: `broader` solid with a hollow arrow, `requires` dashed, `related` dotted
/// without an arrowhead; `kind` is also written as an attribute for tools. When the graph has more
/// than one cluster, nodes are grouped in `subgraph "cluster_N"` blocks labelled with the cluster name
/// (clusters of one concept are left unboxed).
///
///     let dot = try DOTWriter(options: .init(relations: .drawn)).text(for: analyzed)
public struct DOTWriter: Sendable {
    /// Which relations become edges.
    public enum RelationSelection: Sendable, Hashable {
        /// Every relation: the `.dot` export, for loading into other tools.
        case all
        /// Only `AnalyzedGraph.drawnRelations`: for pictures of dense graphs.
        case drawn
    }

    /// Graph layout direction (`rankdir`).
    public enum Direction: String, Sendable, Hashable {
        case leftToRight = "LR"
        case topToBottom = "TB"
    }

    public struct Options: Sendable, Hashable {
        public var relations: RelationSelection
        public var direction: Direction
        public var fontName: String
        public var nodeShape: String
        /// Group nodes into `cluster_N` subgraphs when there is more than one cluster.
        public var groupClusters: Bool
        /// Draw key concepts (PageRank at least twice the mean) with a thicker outline and larger font.
        public var highlightKeyConcepts: Bool
        /// Longest node or cluster label, in characters, before it is shortened with "…".
        public var maxLabelCharacters: Int
        /// Longest tooltip, in UTF-8 bytes, before it is shortened with "…".
        public var maxTooltipBytes: Int

        public init(
            relations: RelationSelection = .all, direction: Direction = .leftToRight, fontName: String = "Helvetica",
            nodeShape: String = "box", groupClusters: Bool = true, highlightKeyConcepts: Bool = true,
            maxLabelCharacters: Int = 60, maxTooltipBytes: Int = 4000
        ) {
            self.relations = relations
            self.direction = direction
            self.fontName = fontName
            self.nodeShape = nodeShape
            self.groupClusters = groupClusters
            self.highlightKeyConcepts = highlightKeyConcepts
            self.maxLabelCharacters = maxLabelCharacters
            self.maxTooltipBytes = maxTooltipBytes
        }
    }

    /// Graphviz rejects a quoted string longer than 16 KiB; runs are split well below that.
    static let maxQuotedRunBytes = 8192

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// The DOT text for `analyzed`, ending in a newline. The same graph gives the same text.
    ///
    /// - Complexity: O(V + E + total text length).
    /// - Throws: `ExportError.inconsistentGraph` for a malformed graph.
    public func text(for analyzed: AnalyzedGraph) throws(ExportError) -> String {
        try analyzed.checkExportable()
        let graph = analyzed.graph
        let ids = NodeIdentifiers(graph.concepts.map(\.id)).ids
        var out = ""
        out.reserveCapacity(128 + 96 * graph.concepts.count + 64 * graph.relations.count)

        out += "digraph \"concepts\" {\n"
        out += "  graph [charset=\"UTF-8\", rankdir=\(Self.quoted(options.direction.rawValue)), "
        out += "fontname=\(Self.quoted(options.fontName))];\n"
        out += "  node [shape=\(Self.quoted(options.nodeShape)), style=\"rounded\", "
        out += "fontname=\(Self.quoted(options.fontName))];\n"
        out += "  edge [fontname=\(Self.quoted(options.fontName))];\n"

        let n = graph.concepts.count
        let keyThreshold = n >= 3 ? 2.0 / Double(n) : .infinity
        func writeNode(_ index: Int, indent: String) {
            let concept = graph.concepts[index]
            out += indent
            Self.appendQuoted(ids[index], to: &out)
            out += " [label="
            Self.appendQuoted(Self.shortened(concept.label, characters: options.maxLabelCharacters), to: &out)
            let tooltip = concept.definition.isEmpty ? concept.label : concept.label + "\n\n" + concept.definition
            out += ", tooltip="
            Self.appendQuoted(Self.shortened(tooltip, bytes: options.maxTooltipBytes), to: &out)
            if options.highlightKeyConcepts, analyzed.rank[index] >= keyThreshold {
                out += ", penwidth=\"2\", fontsize=\"16\""
            }
            out += "];\n"
        }

        let usedClusters = Set(analyzed.cluster)
        if options.groupClusters && usedClusters.count > 1 {
            var members = [[Int]](repeating: [], count: analyzed.clusterNames.count)
            for (index, cluster) in analyzed.cluster.enumerated() { members[cluster].append(index) }
            // A cluster of one concept is drawn as a plain node: a box around it says nothing.
            for nodes in members where nodes.count == 1 { writeNode(nodes[0], indent: "  ") }
            for (cluster, nodes) in members.enumerated() where nodes.count > 1 {
                out += "  subgraph "
                Self.appendQuoted("cluster_\(cluster)", to: &out)
                out += " {\n    label="
                Self.appendQuoted(
                    Self.shortened(analyzed.clusterNames[cluster], characters: options.maxLabelCharacters), to: &out)
                out += ";\n    style=\"rounded\";\n    color=\"gray60\";\n"
                for index in nodes { writeNode(index, indent: "    ") }
                out += "  }\n"
            }
        } else {
            for index in graph.concepts.indices { writeNode(index, indent: "  ") }
        }

        let selected: [Int] =
            switch options.relations {
            case .all: Array(graph.relations.indices)
            case .drawn: analyzed.drawnRelations.sorted()
            }
        for relationIndex in selected {
            let relation = graph.relations[relationIndex]
            out += "  "
            Self.appendQuoted(ids[relation.source], to: &out)
            out += " -> "
            Self.appendQuoted(ids[relation.target], to: &out)
            out += " [kind=\"\(relation.kind.rawValue)\", "
            switch relation.kind {
            case .broader: out += "style=\"solid\", arrowhead=\"onormal\""
            case .requires: out += "style=\"dashed\""
            case .related: out += "style=\"dotted\", dir=\"none\""
            }
            if !relation.evidence.isEmpty {
                out += ", tooltip="
                Self.appendQuoted(Self.shortened(relation.evidence, bytes: options.maxTooltipBytes), to: &out)
            }
            out += "];\n"
        }
        out += "}\n"
        return out
    }

    /// Writes the DOT text for `analyzed` to `path` atomically (see `AtomicFile`).
    public func write(_ analyzed: AnalyzedGraph, to path: String) throws(ExportError) {
        try AtomicFile.write(text(for: analyzed), to: path)
    }

    // MARK: - Quoting

    /// `text` as a DOT quoted string (runs joined with ` + ` when it is long).
    ///
    ///     DOTWriter.quoted("say \"hi\"\\") // "\"say \\\"hi\\\"\\\\\""
    public static func quoted(_ text: String) -> String {
        var out = ""
        appendQuoted(text, to: &out)
        return out
    }

    static func appendQuoted(_ text: String, to out: inout String) {
        out += "\""
        var runBytes = 0
        for scalar in text.unicodeScalars {
            let piece: String
            switch scalar {
            case "\\": piece = "\\\\"
            case "\"": piece = "\\\""
            case "\n": piece = "\\n"
            case "\t": piece = " "
            default:
                let value = scalar.value
                if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0xFFFE || value == 0xFFFF { continue }
                piece = String(scalar)
            }
            let size = piece.utf8.count
            if runBytes + size > maxQuotedRunBytes {
                out += "\" + \""
                runBytes = 0
            }
            out += piece
            runBytes += size
        }
        out += "\""
    }

    /// `text` cut to at most `characters` characters, ending in "…" when cut.
    static func shortened(_ text: String, characters: Int) -> String {
        guard characters > 0, text.count > characters else { return text }
        return String(text.prefix(max(characters - 1, 0))) + "…"
    }

    /// `text` cut (on a character boundary) to at most `bytes` UTF-8 bytes, ending in "…" when cut.
    static func shortened(_ text: String, bytes: Int) -> String {
        guard text.utf8.count > bytes else { return text }
        var result = ""
        var used = 3  // "…"
        for character in text {
            used += character.utf8.count
            if used > bytes { break }
            result.append(character)
        }
        return result + "…"
    }
}
