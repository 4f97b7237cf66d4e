internal import CLibXML2
import ConceptAnalysis
import ConceptExtraction
import DeckReading
import Foundation

/// Writes an analyzed concept graph as GraphML through libxml2's `xmlTextWriter`.
///
/// The file declares every key with `for=` and a type, then has one directed graph `concepts` with
/// all nodes and then all edges, and an explicit `<data>` for every key of every node and edge
/// (NetworkX ignores `<default>`). Node ids come from `Concept.id`, made into unique non-empty
/// NMTOKENs when they are not already; edges are `e0`, `e1`, … in relation order.
///
/// Node keys: `label`, `aliases` (one a line), `terms` (card fronts, one a line), `decks` (one a
/// line), `definition`, `cards` (count), `order` (study position from 0), `cluster`, `cluster_name`,
/// `level`, `rank`. Edge keys: `kind` (`broader`/`requires`/`related`), `weight`, `evidence`.
///
/// The same graph always gives the same bytes. Characters XML forbids (C0 controls other than
/// TAB/LF/CR, U+FFFE, U+FFFF) are dropped from all text.
///
///     let data = try GraphMLWriter().data(for: analyzed)
///     try GraphMLWriter().write(analyzed, to: "out/concepts.graphml")
public struct GraphMLWriter: StreamingGraphWriter {
    /// The GraphML namespace and schema location written on the root element.
    public static let namespace = "http://graphml.graphdrawing.org/xmlns"
    public static let schemaLocation =
        "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"

    /// A `<key>` the writer declares: its id, what it is for, its `attr.name` and `attr.type`.
    public struct Key: Sendable, Hashable {
        public var id: String
        public var domain: String
        public var name: String
        public var type: String
    }

    /// Every key, in the order written.
    public static let keys: [Key] = [
        Key(id: "n_label", domain: "node", name: "label", type: "string"),
        Key(id: "n_aliases", domain: "node", name: "aliases", type: "string"),
        Key(id: "n_terms", domain: "node", name: "terms", type: "string"),
        Key(id: "n_decks", domain: "node", name: "decks", type: "string"),
        Key(id: "n_definition", domain: "node", name: "definition", type: "string"),
        Key(id: "n_cards", domain: "node", name: "cards", type: "int"),
        Key(id: "n_order", domain: "node", name: "order", type: "int"),
        Key(id: "n_cluster", domain: "node", name: "cluster", type: "int"),
        Key(id: "n_cluster_name", domain: "node", name: "cluster_name", type: "string"),
        Key(id: "n_level", domain: "node", name: "level", type: "int"),
        Key(id: "n_rank", domain: "node", name: "rank", type: "double"),
        Key(id: "e_kind", domain: "edge", name: "kind", type: "string"),
        Key(id: "e_weight", domain: "edge", name: "weight", type: "double"),
        Key(id: "e_evidence", domain: "edge", name: "evidence", type: "string"),
    ]

    public init() {}

    /// The GraphML document for `analyzed`, UTF-8, indented by two spaces, ending in a newline.
    ///
    /// - Complexity: O(V + E + total text length); the document is built in one growing buffer.
    /// - Throws: `ExportError.inconsistentGraph` for a malformed graph, `ExportError.xml` if libxml2 fails.
    public func data(for analyzed: AnalyzedGraph) throws(ExportError) -> Data {
        try analyzed.checkExportable()
        return try XMLSession.run { () throws(ExportError) -> Data in
            try Self.serialize(analyzed)
        }
    }

    // MARK: - Serialization

    private static func serialize(_ analyzed: AnalyzedGraph) throws(ExportError) -> Data {
        guard let buffer = xmlBufferCreate() else { throw XMLSession.lastError("cannot allocate a buffer") }
        defer { xmlBufferFree(buffer) }
        // The default "exact" growth would make large documents quadratic.
        xmlBufferSetAllocationScheme(buffer, XML_BUFFER_ALLOC_DOUBLEIT)
        guard let raw = xmlNewTextWriterMemory(buffer, 0) else {
            throw XMLSession.lastError("cannot create the XML writer")
        }
        try writeDocument(analyzed, raw)
        let count = Int(xmlBufferLength(buffer))
        // Take the buffer's memory instead of copying it (a 1M-edge file is ~250 MB). libxml2
        // allocates with malloc unless xmlMemSetup was called, which this program never does.
        guard count > 0, let content = xmlBufferDetach(buffer) else { return Data() }
        return Data(bytesNoCopy: content, count: count, deallocator: .free)
    }

    /// The document through an `xmlOutputBuffer` whose callbacks collect libxml2's small (4 KB) writes
    /// into 1 MiB pieces and write those to `fd` (EINTR and short writes retried, `errno` kept).
    public func stream(_ analyzed: AnalyzedGraph, to fd: Int32, path: String) throws(ExportError) {
        let sink = ByteSink(fd: fd, path: path)
        let context = Unmanaged.passRetained(sink)
        defer { context.release() }
        try XMLSession.run { () throws(ExportError) -> Void in
            // On success the writer owns the output buffer and frees it (and calls close) with itself.
            guard
                let output = xmlOutputBufferCreateIO(
                    { context, bytes, length in
                        let sink = Unmanaged<ByteSink>.fromOpaque(context!).takeUnretainedValue()
                        sink.append(UnsafeRawBufferPointer(start: bytes, count: Int(length)))
                        sink.flushIfFull()
                        return sink.failure == nil ? length : -1
                    },
                    { context in
                        Unmanaged<ByteSink>.fromOpaque(context!).takeUnretainedValue().flush() ? 0 : -1
                    }, context.toOpaque(), nil)
            else { throw XMLSession.lastError("cannot create the XML output buffer") }
            guard let raw = xmlNewTextWriter(output) else {
                xmlOutputBufferClose(output)
                throw XMLSession.lastError("cannot create the XML writer")
            }
            do throws(ExportError) {
                try Self.writeDocument(analyzed, raw)
            } catch {
                throw sink.failure ?? error
            }
        }
        if let failure = sink.failure { throw failure }
    }

    /// The whole document with `raw`, which is freed (flushing and closing its output) either way.
    private static func writeDocument(_ analyzed: AnalyzedGraph, _ raw: xmlTextWriterPtr) throws(ExportError) {
        var writer = Writer(raw)
        do throws(ExportError) {
            // Indentation is the Writer's (see there); without it, EndDocument ends the file with "\n".
            try writer.check(xmlTextWriterSetIndent(raw, 0))
            try writer.check(xmlTextWriterStartDocument(raw, "1.0", "UTF-8", nil))
            try writeBody(analyzed, &writer)
            try writer.check(xmlTextWriterEndDocument(raw))
            try writer.check(xmlTextWriterFlush(raw))
        } catch {
            xmlFreeTextWriter(raw)
            throw error
        }
        xmlFreeTextWriter(raw)
    }

    private static func writeBody(_ analyzed: AnalyzedGraph, _ w: inout Writer) throws(ExportError) {
        let graph = analyzed.graph
        let ids = NodeIdentifiers(graph.concepts.map(\.id)).ids

        try w.start("graphml")
        try w.attribute("xmlns", namespace)
        try w.attribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
        try w.attribute("xsi:schemaLocation", schemaLocation)
        for key in keys {
            try w.start("key")
            try w.attribute("id", key.id)
            try w.attribute("for", key.domain)
            try w.attribute("attr.name", key.name)
            try w.attribute("attr.type", key.type)
            try w.end()
        }
        try w.start("graph")
        try w.attribute("id", "concepts")
        try w.attribute("edgedefault", "directed")
        // Nodes and edges: their fixed markup goes out as raw bytes (the same bytes the element calls
        // write, in a third of the calls into libxml2); every text still goes through `w.text`, which
        // has libxml2 escape it. Node ids are NMTOKENs (`NodeIdentifiers`), which need no escaping.
        let concepts = graph.concepts
        let relations = graph.relations
        // An empty graph stays `<graph …/>`.
        if !concepts.isEmpty || !relations.isEmpty { w.beginRawContent() }
        for index in concepts.indices {
            let cluster = analyzed.cluster[index]
            try w.raw("\n    <node id=\"")
            try w.raw(ids[index])
            try w.raw("\">\n      <data key=\"n_label\">")
            try w.text(concepts[index].label)
            try w.raw("</data>\n      <data key=\"n_aliases\">")
            try w.lines(concepts[index].aliases)
            try w.raw("</data>\n      <data key=\"n_terms\">")
            try w.lines(concepts[index].terms)
            try w.raw("</data>\n      <data key=\"n_decks\">")
            try w.lines(concepts[index].decks)
            try w.raw("</data>\n      <data key=\"n_definition\">")
            try w.text(concepts[index].definition)
            try w.raw("</data>\n      <data key=\"n_cards\">")
            try w.raw(String(concepts[index].cards.count))
            try w.raw("</data>\n      <data key=\"n_order\">")
            try w.raw(String(analyzed.orderPosition[index]))
            try w.raw("</data>\n      <data key=\"n_cluster\">")
            try w.raw(String(cluster))
            try w.raw("</data>\n      <data key=\"n_cluster_name\">")
            try w.text(analyzed.clusterNames[cluster])
            try w.raw("</data>\n      <data key=\"n_level\">")
            try w.raw(String(analyzed.level[index]))
            try w.raw("</data>\n      <data key=\"n_rank\">")
            try w.raw(ExportText.double(analyzed.rank[index]))
            try w.raw("</data>\n    </node>")
        }
        for index in relations.indices {
            try w.raw("\n    <edge id=\"e")
            try w.raw(String(index))
            try w.raw("\" source=\"")
            try w.raw(ids[relations[index].source])
            try w.raw("\" target=\"")
            try w.raw(ids[relations[index].target])
            try w.raw("\">\n      <data key=\"e_kind\">")
            try w.raw(relations[index].kind.rawValue)
            try w.raw("</data>\n      <data key=\"e_weight\">")
            try w.raw(ExportText.double(relations[index].weight))
            try w.raw("</data>\n      <data key=\"e_evidence\">")
            try w.text(relations[index].evidence)
            try w.raw("</data>\n    </edge>")
        }
        try w.end()  // graph
        try w.end()  // graphml
    }

    /// Thin checked wrapper over the C writer: every text drops the characters XML forbids
    /// (`ExportText.xmlSafe`) and is escaped by libxml2.
    ///
    /// Element and attribute names are `StaticString`s and texts are passed as their UTF-8 bytes, so
    /// no call copies a Swift string into a temporary C array (the implicit `String` to
    /// `const xmlChar *` conversion does, once per call).
    ///
    /// It indents as libxml2's own indentation does (two spaces a level, each element on its own line,
    /// text kept inline). The root, the keys and the graph element are written with element calls;
    /// the nodes and edges, which are nearly all of a file, with `raw` markup around each text: libxml2's
    /// element calls each reach its output buffer several times, and were half of the writer's time.
    private struct Writer {
        let raw: xmlTextWriterPtr
        /// For each open element: whether it has child elements yet.
        private var open: [Bool] = []
        init(_ raw: xmlTextWriterPtr) { self.raw = raw }

        private static let lineStarts: [StaticString] = ["\n", "\n  ", "\n    ", "\n      ", "\n        "]

        func check(_ status: Int32) throws(ExportError) {
            if status < 0 { throw XMLSession.lastError("xmlTextWriter failed") }
        }
        private func newLine(depth: Int) throws(ExportError) {
            try check(xmlTextWriterWriteRaw(raw, Self.lineStarts[depth].utf8Start))
        }
        mutating func start(_ name: StaticString) throws(ExportError) {
            if !open.isEmpty {
                open[open.count - 1] = true
                try newLine(depth: open.count)
            }
            try check(xmlTextWriterStartElement(raw, name.utf8Start))
            open.append(false)
        }
        mutating func end() throws(ExportError) {
            if open.removeLast() { try newLine(depth: open.count) }
            try check(xmlTextWriterEndElement(raw))
        }
        func attribute(_ name: StaticString, _ value: String) throws(ExportError) {
            try check(
                Self.withXMLChars(ExportText.xmlSafe(value)) { xmlTextWriterWriteAttribute(raw, name.utf8Start, $0) })
        }
        /// Marks the open element as holding child elements written with `raw`, so that its end tag goes
        /// on a line of its own.
        mutating func beginRawContent() {
            if !open.isEmpty { open[open.count - 1] = true }
        }

        /// Markup or a text known to need no escaping (a number, an NMTOKEN), written as it is.
        func raw(_ markup: StaticString) throws(ExportError) {
            try check(xmlTextWriterWriteRawLen(raw, markup.utf8Start, Int32(markup.utf8CodeUnitCount)))
        }
        func raw(_ text: String) throws(ExportError) {
            var text = text
            let status = text.withUTF8 { bytes in
                guard let base = bytes.baseAddress else {
                    return xmlTextWriterWriteRawLen(raw, ("" as StaticString).utf8Start, 0)
                }
                // libxml2 takes an `int` length: a text over 2 GiB goes in pieces.
                var offset = 0
                repeat {
                    let length = min(bytes.count - offset, Int(Int32.max))
                    let status = xmlTextWriterWriteRawLen(raw, base + offset, Int32(length))
                    if status < 0 { return status }
                    offset += length
                } while offset < bytes.count
                return 0
            }
            try check(status)
        }

        /// Items of a list, one a line (LF between them), each written as `text` is.
        func lines(_ items: [String]) throws(ExportError) {
            for (position, item) in items.enumerated() {
                if position > 0 { try raw("\n") }
                try text(item)
            }
        }

        /// Element text, with the characters XML forbids dropped (`ExportText.xmlSafe`). libxml2's
        /// `xmlTextWriterWriteString` escapes with `xmlEncodeSpecialChars` (`< > & "` and CR become
        /// references) into a new C string; a text with none of those bytes is written raw straight away:
        /// the same bytes, without the copy. One scan of the bytes decides both.
        func text(_ text: String) throws(ExportError) {
            var text = text
            let kind = text.withUTF8 { bytes in
                var kind = TextKind.plain
                for byte in bytes {
                    if ExportText.mayStartForbidden(byte) { return TextKind.forbidden }
                    switch byte {
                    case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "\""), 0x0D:
                        kind = .escaped
                    default: continue
                    }
                }
                return kind
            }
            if kind == .plain { return try raw(text) }
            let safe = kind == .forbidden ? ExportText.xmlSafe(text) : text
            try check(Self.withXMLChars(safe) { xmlTextWriterWriteString(raw, $0) })
        }
        private enum TextKind { case plain, escaped, forbidden }

        /// `body` with `text` as a NUL-terminated `const xmlChar *` (no copy for a native string).
        static func withXMLChars(_ text: String, _ body: (UnsafePointer<xmlChar>) -> Int32) -> Int32 {
            text.withCString { body(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
        }
    }
}

/// Runs libxml2 calls with its stderr printing silenced on this thread, and turns its last error
/// into an `ExportError`.
enum XMLSession {
    static func run<T>(_ body: () throws(ExportError) -> T) throws(ExportError) -> T {
        xmlInitParser()
        let previousHandler = __xmlStructuredError().pointee
        let previousContext = __xmlStructuredErrorContext().pointee
        xmlSetStructuredErrorFunc(nil) { _, _ in }
        xmlResetLastError()
        defer {
            xmlSetStructuredErrorFunc(previousContext, previousHandler)
        }
        return try body()
    }

    /// libxml2's last error on this thread, or `fallback` when it recorded none.
    static func lastError(_ fallback: String) -> ExportError {
        var message = fallback
        if let error = xmlGetLastError(), let text = error.pointee.message {
            let detail = String(cString: text).trimmingWhitespace()
            if !detail.isEmpty { message = detail }
        }
        return .xml(message: message, path: nil)
    }
}
