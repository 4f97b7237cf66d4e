import ConceptAnalysis
import ConceptExtraction
import DeckReading
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
public struct DOTWriter: StreamingGraphWriter {
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
        let sink = ByteSink(reserving: 128 + 96 * graph.concepts.count + 64 * graph.relations.count)
        render(analyzed, into: sink)
        return String(decoding: sink.bytes, as: UTF8.self)
    }

    /// Streams the DOT text (the bytes of `text(for:)`) to `fd`.
    public func stream(_ analyzed: AnalyzedGraph, to fd: Int32, path: String) throws(ExportError) {
        let sink = ByteSink(fd: fd, path: path)
        render(analyzed, into: sink)
        sink.flush()
        if let failure = sink.failure { throw failure }
    }

    /// The DOT text, byte by byte (UTF-8), into `sink`, which may write out full pieces as it goes.
    private func render(_ analyzed: AnalyzedGraph, into out: ByteSink) {
        let graph = analyzed.graph
        let ids = NodeIdentifiers(graph.concepts.map(\.id)).ids

        out.append("digraph \"concepts\" {\n")
        out.append("  graph [charset=\"UTF-8\", rankdir=")
        Self.appendQuoted(options.direction.rawValue, to: out)
        out.append(", fontname=")
        Self.appendQuoted(options.fontName, to: out)
        out.append("];\n  node [shape=")
        Self.appendQuoted(options.nodeShape, to: out)
        out.append(", style=\"rounded\", fontname=")
        Self.appendQuoted(options.fontName, to: out)
        out.append("];\n  edge [fontname=")
        Self.appendQuoted(options.fontName, to: out)
        out.append("];\n")

        let n = graph.concepts.count
        let keyThreshold = n >= 3 ? 2.0 / Double(n) : .infinity
        func writeNode(_ index: Int, indent: String) {
            let concept = graph.concepts[index]
            out.append(indent)
            Self.appendQuoted(ids[index], to: out)
            out.append(" [label=")
            Self.appendQuoted(Self.shortened(concept.label, characters: options.maxLabelCharacters), to: out)
            let tooltip = concept.definition.isEmpty ? concept.label : concept.label + "\n\n" + concept.definition
            out.append(", tooltip=")
            Self.appendQuoted(Self.shortened(tooltip, bytes: options.maxTooltipBytes), to: out)
            if options.highlightKeyConcepts, analyzed.rank[index] >= keyThreshold {
                out.append(", penwidth=\"2\", fontsize=\"16\"")
            }
            out.append("];\n")
            out.flushIfFull()
        }

        let usedClusters = Set(analyzed.cluster)
        if options.groupClusters && usedClusters.count > 1 {
            var members = [[Int]](repeating: [], count: analyzed.clusterNames.count)
            for (index, cluster) in analyzed.cluster.enumerated() { members[cluster].append(index) }
            // A cluster of one concept is drawn as a plain node: a box around it says nothing.
            for nodes in members where nodes.count == 1 { writeNode(nodes[0], indent: "  ") }
            for (cluster, nodes) in members.enumerated() where nodes.count > 1 {
                out.append("  subgraph ")
                Self.appendQuoted("cluster_\(cluster)", to: out)
                out.append(" {\n    label=")
                Self.appendQuoted(
                    Self.shortened(analyzed.clusterNames[cluster], characters: options.maxLabelCharacters), to: out)
                out.append(";\n    style=\"rounded\";\n    color=\"gray60\";\n")
                for index in nodes { writeNode(index, indent: "    ") }
                out.append("  }\n")
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
            out.append("  ")
            Self.appendQuoted(ids[relation.source], to: out)
            out.append(" -> ")
            Self.appendQuoted(ids[relation.target], to: out)
            out.append(" [kind=\"")
            out.append(relation.kind.rawValue)
            out.append("\", ")
            switch relation.kind {
            case .broader: out.append("style=\"solid\", arrowhead=\"onormal\"")
            case .requires: out.append("style=\"dashed\"")
            case .related: out.append("style=\"dotted\", dir=\"none\"")
            }
            if !relation.evidence.isEmpty {
                out.append(", tooltip=")
                Self.appendQuoted(Self.shortened(relation.evidence, bytes: options.maxTooltipBytes), to: out)
            }
            out.append("];\n")
            out.flushIfFull()
        }
        out.append("}\n")
    }

    // MARK: - Quoting

    /// `text` as a DOT quoted string (runs joined with ` + ` when it is long).
    ///
    ///     DOTWriter.quoted("say \"hi\"\\") // "\"say \\\"hi\\\"\\\\\""
    public static func quoted(_ text: String) -> String {
        let sink = ByteSink()
        appendQuoted(text, to: sink)
        return String(decoding: sink.bytes, as: UTF8.self)
    }

    /// Appends `text` quoted and escaped, working on its UTF-8 bytes: `\` and `"` escaped, LF as `\n`,
    /// TAB as a space; C0 and C1 controls, DEL, U+FFFE and U+FFFF dropped; a run longer than
    /// `maxQuotedRunBytes` is closed and continued after ` + ` (never inside a character).
    static func appendQuoted(_ text: String, to out: ByteSink) {
        var text = text
        text.withUTF8 { appendQuoted(utf8: $0, to: out) }
    }

    private static func appendQuoted(utf8 bytes: UnsafeBufferPointer<UInt8>, to out: ByteSink) {
        out.append(UInt8(ascii: "\""))
        // Fast path: nothing to escape or drop, and short enough for one run.
        if bytes.count <= maxQuotedRunBytes, !bytes.contains(where: needsCare) {
            out.append(UnsafeRawBufferPointer(bytes))
            out.append(UInt8(ascii: "\""))
            return
        }
        var runBytes = 0
        var i = 0
        // Bytes kept as they are go out in one piece per stretch (`plainStart..<i`), not one per scalar.
        var plainStart = 0
        func flushPlain() {
            if plainStart < i {
                out.append(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[plainStart..<i]))
            }
        }
        while i < bytes.count {
            let lead = bytes[i]
            // The scalar's length from its lead byte (Swift strings hold valid UTF-8).
            let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            var escaped: UInt8 = 0  // the letter after a backslash, or 0
            var keep = true
            switch lead {
            case UInt8(ascii: "\\"): escaped = UInt8(ascii: "\\")
            case UInt8(ascii: "\""): escaped = UInt8(ascii: "\"")
            case UInt8(ascii: "\n"): escaped = UInt8(ascii: "n")
            case UInt8(ascii: "\t"): break
            case 0x00..<0x20, 0x7F: keep = false
            case 0xC2: keep = bytes[i + 1] >= 0xA0  // U+0080–U+009F are C1 controls
            case 0xEF: keep = !(bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF))
            default: break
            }
            let plain = keep && escaped == 0 && lead != UInt8(ascii: "\t")
            let size = escaped != 0 ? 2 : length
            if !plain || runBytes + size > maxQuotedRunBytes {
                flushPlain()
                plainStart = i
            }
            if keep {
                if runBytes + size > maxQuotedRunBytes {
                    out.append("\" + \"")
                    runBytes = 0
                }
                if escaped != 0 {
                    out.append(UInt8(ascii: "\\"))
                    out.append(escaped)
                } else if lead == UInt8(ascii: "\t") {
                    out.append(UInt8(ascii: " "))
                }
                runBytes += size
            }
            i += length
            if !plain { plainStart = i }
        }
        flushPlain()
        out.append(UInt8(ascii: "\""))
    }

    /// A byte that starts something `appendQuoted` escapes, drops or must look at more closely.
    @inline(__always)
    private static func needsCare(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F || byte == 0xC2
            || byte == 0xEF
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
