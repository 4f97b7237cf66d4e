import ConceptAnalysis
import ConceptExtraction

/// Writes the graph as node-link JSON, the shape NetworkX's `node_link_data` writes and
/// `node_link_graph(data, edges="edges")` reads, and that D3 and Cytoscape.js scripts use.
///
/// `{"directed": true, "multigraph": true, "graph": {…}, "nodes": [{"id": …, …}], "edges": [{"source": …,
/// "target": …, "key": kind, …}]}`. It is a multigraph because two concepts may be linked by two kinds
/// of relation; the relation kind is the edge key. Node ids are the same as in GraphML and DOT. Keys
/// come in a fixed order and numbers in their shortest exact form, so the file is deterministic.
public struct NodeLinkJSONWriter: Sendable {
    public init() {}

    /// - Complexity: O(V + E + total text length).
    public func text(for analyzed: AnalyzedGraph) throws(ExportError) -> String {
        try analyzed.checkExportable()
        let graph = analyzed.graph
        let ids = NodeIdentifiers(graph.concepts.map(\.id)).ids
        var out = "{\n  \"directed\": true,\n  \"multigraph\": true,\n  \"graph\": {\"name\": \"concepts\", "
        out += "\"clusters\": ["
        out += analyzed.clusterNames.map(Self.string).joined(separator: ", ")
        out += "]},\n  \"nodes\": ["
        for (index, concept) in graph.concepts.enumerated() {
            out += index == 0 ? "\n    {" : ",\n    {"
            out += "\"id\": \(Self.string(ids[index])), \"label\": \(Self.string(concept.label))"
            out += ", \"aliases\": [\(concept.aliases.map(Self.string).joined(separator: ", "))]"
            out += ", \"definition\": \(Self.string(concept.definition))"
            out += ", \"decks\": [\(concept.decks.map(Self.string).joined(separator: ", "))]"
            out += ", \"cards\": \(concept.cards.count)"
            out += ", \"cluster\": \(analyzed.cluster[index])"
            out += ", \"cluster_name\": \(Self.string(analyzed.clusterNames[analyzed.cluster[index]]))"
            out += ", \"order\": \(analyzed.orderPosition[index])"
            out += ", \"level\": \(analyzed.level[index])"
            out += ", \"rank\": \(Self.number(analyzed.rank[index]))}"
        }
        out += "\n  ],\n  \"edges\": ["
        for (index, relation) in graph.relations.enumerated() {
            out += index == 0 ? "\n    {" : ",\n    {"
            out += "\"source\": \(Self.string(ids[relation.source])), \"target\": \(Self.string(ids[relation.target]))"
            out += ", \"key\": \(Self.string(relation.kind.rawValue)), \"kind\": \(Self.string(relation.kind.rawValue))"
            out += ", \"weight\": \(Self.number(relation.weight)), \"evidence\": \(Self.string(relation.evidence))}"
        }
        out += "\n  ]\n}\n"
        return out
    }

    /// A JSON string literal: `"` and `\` escaped, control characters as `\uXXXX`.
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// JSON has no NaN or infinity: they become null.
    static func number(_ value: Double) -> String { value.isFinite ? value.description : "null" }
}

/// Writes a Mermaid flowchart (`flowchart LR`) for Markdown notes, one statement a line.
///
/// Draws what a picture draws (`PictureSelection`): the drawn relations, at most one edge per pair,
/// concepts without a drawn link left out and counted in a `%%` comment. Nodes are `n<k>["label"]`
/// (quotes in labels become `#quot;`, Mermaid's entity); edges `-->` broader, `-.->` requires,
/// `---` related.
public struct MermaidWriter: Sendable {
    /// Most nodes drawn (Mermaid renderers slow down and overlap beyond a few hundred).
    public var maxNodes: Int

    public init(maxNodes: Int = 200) {
        self.maxNodes = maxNodes
    }

    public func text(for picture: PictureSelection.Picture) -> String {
        var lines = ["flowchart LR", "%% \(Self.comment(picture.title)): \(Self.comment(picture.caption))"]
        for (index, node) in picture.nodes.enumerated() {
            let text =
                node.members.isEmpty
                ? node.label : DOTWriter.shortened(node.members.joined(separator: ", "), characters: 160)
            lines.append("    n\(index)[\"\(Self.label(text, characters: node.members.isEmpty ? 60 : 160))\"]")
        }
        for edge in picture.edges {
            let arrow: String
            switch edge.kind {
            case .broader: arrow = "-->"
            case .requires: arrow = "-.->"
            case .related: arrow = "---"
            }
            lines.append("    n\(edge.source) \(arrow) n\(edge.target)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The whole graph's drawn relations (no cluster split).
    public func text(for analyzed: AnalyzedGraph) throws(ExportError) -> String {
        try analyzed.checkExportable()
        let selection = PictureSelection(analyzed: analyzed, maxNodes: maxNodes)
        return text(for: selection.whole())
    }

    static func label(_ text: String, characters: Int = 60) -> String {
        var out = ""
        for character in DOTWriter.shortened(text, characters: characters) {
            switch character {
            case "\"": out += "#quot;"
            case "\n", "\r", "\r\n": out += " "
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "#": out += "#35;"
            default: out.append(character)
            }
        }
        return out
    }

    static func comment(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
