internal import CLibXML2
import ConceptAnalysis
import ConceptExtraction
import Foundation

/// Writes the graph as GEXF 1.2 (Gephi's own format) through libxml2's `xmlTextWriter`.
///
/// Version 1.2draft is the one both Gephi and NetworkX's `read_gexf` read. One directed static graph;
/// node ids as in GraphML and DOT, labels, and attributes `cluster`, `cluster_name`, `order`,
/// `level`, `rank`, `definition`, `cards`; edges `e0…` with the relation kind as `label` and attribute,
/// and the weight when it is finite. Two relations between the same pair (two kinds) become parallel
/// edges, which readers keep apart by id. Characters XML forbids are dropped; the same graph always
/// gives the same bytes.
public struct GEXFWriter: Sendable {
    public static let namespace = "http://www.gexf.net/1.2draft"

    /// Node attributes: (id, title, GEXF type), in the order written.
    static let nodeAttributes = [
        ("0", "cluster", "integer"), ("1", "cluster_name", "string"), ("2", "order", "integer"),
        ("3", "level", "integer"), ("4", "rank", "double"), ("5", "definition", "string"), ("6", "cards", "integer"),
    ]

    public init() {}

    /// - Complexity: O(V + E + total text length).
    public func data(for analyzed: AnalyzedGraph) throws(ExportError) -> Data {
        try analyzed.checkExportable()
        return try XMLSession.run { () throws(ExportError) -> Data in
            guard let buffer = xmlBufferCreate() else { throw XMLSession.lastError("cannot allocate a buffer") }
            defer { xmlBufferFree(buffer) }
            xmlBufferSetAllocationScheme(buffer, XML_BUFFER_ALLOC_DOUBLEIT)
            guard let raw = xmlNewTextWriterMemory(buffer, 0) else {
                throw XMLSession.lastError("cannot create the XML writer")
            }
            defer { xmlFreeTextWriter(raw) }
            let w = TextWriter(raw: raw)
            try w.check(xmlTextWriterSetIndent(raw, 1))
            try w.check(xmlTextWriterSetIndentString(raw, "  "))
            try w.check(xmlTextWriterStartDocument(raw, "1.0", "UTF-8", nil))
            try Self.writeBody(analyzed, w)
            try w.check(xmlTextWriterEndDocument(raw))
            try w.check(xmlTextWriterFlush(raw))
            let count = Int(xmlBufferLength(buffer))
            guard count > 0, let content = xmlBufferContent(buffer) else { return Data() }
            return Data(bytes: content, count: count)
        }
    }

    private static func writeBody(_ analyzed: AnalyzedGraph, _ w: TextWriter) throws(ExportError) {
        let graph = analyzed.graph
        let ids = NodeIdentifiers(graph.concepts.map(\.id)).ids
        try w.start("gexf")
        try w.attribute("xmlns", namespace)
        try w.attribute("version", "1.2")
        try w.start("meta")
        try w.start("creator")
        try w.text("ConceptGraph")
        try w.end()
        try w.end()
        try w.start("graph")
        try w.attribute("defaultedgetype", "directed")
        try w.attribute("mode", "static")
        try w.start("attributes")
        try w.attribute("class", "node")
        for (id, title, type) in nodeAttributes {
            try w.start("attribute")
            try w.attribute("id", id)
            try w.attribute("title", title)
            try w.attribute("type", type)
            try w.end()
        }
        try w.end()
        try w.start("attributes")
        try w.attribute("class", "edge")
        try w.start("attribute")
        try w.attribute("id", "0")
        try w.attribute("title", "kind")
        try w.attribute("type", "string")
        try w.end()
        try w.start("attribute")
        try w.attribute("id", "1")
        try w.attribute("title", "evidence")
        try w.attribute("type", "string")
        try w.end()
        try w.end()
        try w.start("nodes")
        for (index, concept) in graph.concepts.enumerated() {
            try w.start("node")
            try w.attribute("id", ids[index])
            try w.attribute("label", concept.label)
            try w.start("attvalues")
            let values = [
                String(analyzed.cluster[index]), analyzed.clusterNames[analyzed.cluster[index]],
                String(analyzed.orderPosition[index]), String(analyzed.level[index]),
                ExportText.double(analyzed.rank[index]), concept.definition, String(concept.cards.count),
            ]
            for (attribute, value) in zip(nodeAttributes, values) {
                try w.start("attvalue")
                try w.attribute("for", attribute.0)
                try w.attribute("value", value)
                try w.end()
            }
            try w.end()
            try w.end()
        }
        try w.end()
        try w.start("edges")
        for (index, relation) in graph.relations.enumerated() {
            try w.start("edge")
            try w.attribute("id", "e\(index)")
            try w.attribute("source", ids[relation.source])
            try w.attribute("target", ids[relation.target])
            try w.attribute("label", relation.kind.rawValue)
            if relation.weight.isFinite { try w.attribute("weight", ExportText.double(relation.weight)) }
            try w.start("attvalues")
            for (attribute, value) in [("0", relation.kind.rawValue), ("1", relation.evidence)] {
                try w.start("attvalue")
                try w.attribute("for", attribute)
                try w.attribute("value", value)
                try w.end()
            }
            try w.end()
            try w.end()
        }
        try w.end()  // edges
        try w.end()  // graph
        try w.end()  // gexf
    }

    /// Checked calls on libxml2's text writer; every text goes through `ExportText.xmlSafe`.
    private struct TextWriter {
        let raw: xmlTextWriterPtr
        func check(_ status: Int32) throws(ExportError) {
            if status < 0 { throw XMLSession.lastError("xmlTextWriter failed") }
        }
        func start(_ name: String) throws(ExportError) { try check(xmlTextWriterStartElement(raw, name)) }
        func end() throws(ExportError) { try check(xmlTextWriterEndElement(raw)) }
        func attribute(_ name: String, _ value: String) throws(ExportError) {
            try check(xmlTextWriterWriteAttribute(raw, name, ExportText.xmlSafe(value)))
        }
        func text(_ value: String) throws(ExportError) {
            try check(xmlTextWriterWriteString(raw, ExportText.xmlSafe(value)))
        }
    }
}
