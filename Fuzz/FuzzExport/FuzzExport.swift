// libFuzzer target for the exporters: random concept names, ids, definitions, decks, weights and
// cluster names → GraphML that libxml2 parses (with one <node> per concept and one <edge> per
// relation) and DOT that passes an in-process check of Graphviz's grammar.
// No `main`: libFuzzer provides it.
//
// `FUZZ_EXPORT_DOT_DIR=<folder>` also saves each DOT text there, so Scripts/fuzz.sh can run a
// small corpus through Graphviz itself.
import CLibXML2
import ConceptAnalysis
import ConceptExtraction
import Foundation
import GraphExport

/// Reads the fuzzer's bytes as a stream of choices; past the end every choice is 0.
struct Choices {
    var bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    mutating func byte() -> UInt8 {
        defer { position += 1 }
        return position < bytes.count ? bytes[position] : 0
    }

    mutating func int(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(byte()) % bound }

    /// Whether this input has had its one long string.
    var longUsed = false

    /// A string of raw bytes (any UTF-8, invalid sequences replaced), mostly short; once per input,
    /// after the bytes 255, 255, a 9,000-fold repeat (past DOT's 16 KiB quoted-string limit).
    mutating func text() -> String {
        let length = byte()
        if length == 255, !longUsed, byte() == 255 {
            longUsed = true
            let unit = String(decoding: [byte(), byte()], as: UTF8.self)
            return String(repeating: unit.isEmpty ? "x" : unit, count: 9_000)
        }
        var raw: [UInt8] = []
        for _ in 0..<(length % 48) { raw.append(byte()) }
        return String(decoding: raw, as: UTF8.self)
    }

    mutating func double() -> Double {
        var bits: UInt64 = 0
        for _ in 0..<8 { bits = bits << 8 | UInt64(byte()) }
        return Double(bitPattern: bits)
    }
}

func makeGraph(_ choices: inout Choices) -> AnalyzedGraph {
    let n = 1 + choices.int(8)
    let concepts = (0..<n).map { index in
        Concept(
            id: choices.text(), label: choices.text(), aliases: [choices.text(), choices.text()],
            terms: [choices.text()], decks: [choices.text()], definition: choices.text(),
            cards: Array(0..<choices.int(3)), firstSeen: index)
    }
    var relations: [Relation] = []
    for _ in 0..<choices.int(16) {
        relations.append(
            Relation(
                source: choices.int(n), target: choices.int(n), kind: RelationKind.allCases[choices.int(3)],
                weight: choices.double(), evidence: choices.text()))
    }
    let clusters = 1 + choices.int(4)
    let cluster = (0..<n).map { _ in choices.int(clusters) }
    let names = (0..<clusters).map { _ in choices.text() }
    let order = Array((0..<n).reversed())
    var position = [Int](repeating: 0, count: n)
    for (p, c) in order.enumerated() { position[c] = p }
    return AnalyzedGraph(
        graph: ConceptGraph(cards: [], concepts: concepts, relations: relations), studyOrder: order,
        orderPosition: position, cluster: cluster, clusterNames: names, level: (0..<n).map { _ in choices.int(5) },
        rank: (0..<n).map { _ in choices.double() }, drawnRelations: relations.indices.filter { $0 % 2 == 0 })
}

/// Counts the elements named `name` under `node`.
func count(_ name: String, under node: xmlNodePtr?) -> Int {
    var total = 0
    var child = node?.pointee.children
    while let current = child {
        if current.pointee.type == XML_ELEMENT_NODE, String(cString: current.pointee.name) == name { total += 1 }
        total += count(name, under: current)
        child = current.pointee.next
    }
    return total
}

func checkGraphML(_ data: Data, _ analyzed: AnalyzedGraph) {
    xmlSetStructuredErrorFunc(nil) { _, _ in }
    let doc = data.withUnsafeBytes { buffer in
        xmlReadMemory(
            buffer.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(buffer.count), nil, "UTF-8",
            Int32(XML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue))
    }
    guard let doc else {
        let message = xmlGetLastError().map { String(cString: $0.pointee.message) } ?? "?"
        fatalError("GraphML is not well-formed XML: \(message)")
    }
    defer { xmlFreeDoc(doc) }
    let root = xmlDocGetRootElement(doc)
    precondition(count("node", under: root) == analyzed.graph.concepts.count, "a node is missing")
    precondition(count("edge", under: root) == analyzed.graph.relations.count, "an edge is missing")
}

/// Graphviz's DOT grammar, as much as our writer uses: statements of quoted IDs, `->`, `[a=b, …]`,
/// `{ }` blocks, keywords; every quoted string closed, only `\\` `\"` `\n` `\l` escapes, no control
/// character, no quoted run over 16 KiB.
func checkDOT(_ text: String) {
    let u = Array(text.utf8)
    var i = 0
    var depth = 0
    var sawGraph = false
    func fail(_ why: String) -> Never {
        fatalError("invalid DOT at byte \(i): \(why)\n\(String(decoding: u.prefix(2000), as: UTF8.self))")
    }
    while i < u.count {
        let c = u[i]
        switch c {
        case UInt8(ascii: " "), UInt8(ascii: "\n"):
            i += 1
        case UInt8(ascii: "\""):
            let start = i
            i += 1
            while true {
                guard i < u.count else { fail("unterminated string") }
                let d = u[i]
                if d == UInt8(ascii: "\"") { break }
                if d < 0x20 || d == 0x7F { fail("control character 0x\(String(d, radix: 16)) in a string") }
                if d == UInt8(ascii: "\\") {
                    guard i + 1 < u.count, "\\\"nl".utf8.contains(u[i + 1]) else { fail("bad escape") }
                    i += 2
                    continue
                }
                i += 1
            }
            if i - start > 16_384 { fail("quoted run of \(i - start) bytes") }
            i += 1
        case UInt8(ascii: "{"):
            depth += 1
            i += 1
        case UInt8(ascii: "}"):
            depth -= 1
            if depth < 0 { fail("unbalanced }") }
            i += 1
        case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "="), UInt8(ascii: ","), UInt8(ascii: ";"),
            UInt8(ascii: "+"):
            i += 1
        case UInt8(ascii: "-"):
            guard i + 1 < u.count, u[i + 1] == UInt8(ascii: ">") else { fail("lone -") }
            i += 2
        default:
            // Bare words: keywords and plain numbers or names.
            let start = i
            while i < u.count,
                u[i] == UInt8(ascii: "_") || u[i] == UInt8(ascii: ".")
                    || (u[i] >= 0x30 && u[i] <= 0x39) || (u[i] | 0x20 >= 0x61 && u[i] | 0x20 <= 0x7A)
            {
                i += 1
            }
            if i == start { fail("unexpected byte 0x\(String(c, radix: 16))") }
            if String(decoding: u[start..<i], as: UTF8.self) == "digraph" { sawGraph = true }
        }
    }
    if depth != 0 { fail("unbalanced braces") }
    if !sawGraph { fail("no digraph") }
}

nonisolated(unsafe) var dotFolder: String? = ProcessInfo.processInfo.environment["FUZZ_EXPORT_DOT_DIR"]
nonisolated(unsafe) var saved = 0

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    var choices = Choices(bytes: UnsafeBufferPointer(start: data, count: size))
    let analyzed = makeGraph(&choices)
    do {
        checkGraphML(try GraphMLWriter().data(for: analyzed), analyzed)
        for relations in [DOTWriter.RelationSelection.all, .drawn] {
            let text = try DOTWriter(options: .init(relations: relations)).text(for: analyzed)
            checkDOT(text)
            if let dotFolder, relations == .all {
                saved += 1
                try? text.write(toFile: "\(dotFolder)/\(saved).dot", atomically: false, encoding: .utf8)
            }
        }
    } catch {
        fatalError("export failed on a consistent graph: \(error)")
    }
    return 0
}
