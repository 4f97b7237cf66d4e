import ConceptAnalysis
import ConceptExtraction
import DeckReading

// Design note: a compact binary form of an analysed graph.
// Integers as 8 bytes little-endian, doubles by their bit pattern, strings as a byte count and UTF-8,
// arrays as a count and their elements, in a fixed field order. No field names, no alignment: the
// cache file is only ever read by the same build that wrote it (the cache key names the build), so
// there is no versioning beyond a magic header. Every read is bounds-checked: a truncated or damaged
// file decodes to `nil`, never to a crash. Encoding and decoding are linear in the size of the graph.

/// Writes values into a growing byte buffer.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func int(_ value: Int) {
        var v = UInt64(bitPattern: Int64(value))
        for _ in 0..<8 {
            bytes.append(UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }

    mutating func double(_ value: Double) { int(Int(Int64(bitPattern: value.bitPattern))) }

    mutating func string(_ value: String) {
        let utf8 = value.utf8
        int(utf8.count)
        bytes.append(contentsOf: utf8)
    }

    mutating func strings(_ values: [String]) {
        int(values.count)
        for v in values { string(v) }
    }

    mutating func ints(_ values: [Int]) {
        int(values.count)
        for v in values { int(v) }
    }
}

/// Reads values back; every accessor returns `nil` past the end or on a nonsensical count.
struct ByteReader {
    private let bytes: [UInt8]
    private var offset: Int

    init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var atEnd: Bool { offset == bytes.count }

    mutating func int() -> Int? {
        guard offset + 8 <= bytes.count else { return nil }
        var v: UInt64 = 0
        for i in (0..<8).reversed() { v = v << 8 | UInt64(bytes[offset + i]) }
        offset += 8
        return Int(Int64(bitPattern: v))
    }

    mutating func double() -> Double? { int().map { Double(bitPattern: UInt64(bitPattern: Int64($0))) } }

    /// A count that cannot exceed the bytes left (each element takes at least `minimumSize` bytes).
    mutating func count(minimumSize: Int = 1) -> Int? {
        guard let n = int(), n >= 0, n <= (bytes.count - offset) / max(1, minimumSize) else { return nil }
        return n
    }

    mutating func string() -> String? {
        guard let n = count() else { return nil }
        let s = String(decoding: bytes[offset..<offset + n], as: UTF8.self)
        offset += n
        return s
    }

    mutating func strings() -> [String]? { array(minimumSize: 8) { $0.string() } }

    mutating func ints() -> [Int]? { array(minimumSize: 8) { $0.int() } }

    mutating func array<T>(minimumSize: Int, _ element: (inout ByteReader) -> T?) -> [T]? {
        guard let n = count(minimumSize: minimumSize) else { return nil }
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n {
            guard let e = element(&self) else { return nil }
            out.append(e)
        }
        return out
    }
}

/// The binary form of `AnalyzedGraph` (its relation graph is rebuilt from the relations on reading).
enum GraphCoding {
    static func encode(_ analyzed: AnalyzedGraph, into w: inout ByteWriter) {
        let g = analyzed.graph
        w.int(g.cards.count)
        for c in g.cards {
            w.string(c.front)
            w.string(c.back)
            w.string(c.deck)
            w.string(c.location.file)
            w.int(c.location.line)
            w.strings(c.tags)
            w.strings(c.deckPath)
            w.strings(c.context)
            if let o = c.origin {
                w.int(1)
                w.int(o.noteID.map { Int($0) } ?? 0)
                w.int(o.noteID == nil ? 0 : 1)
                w.string(o.guid)
                w.int(o.ordinal)
                w.int(o.cardID.map { Int($0) } ?? 0)
                w.int(o.cardID == nil ? 0 : 1)
            } else {
                w.int(0)
            }
        }
        w.int(g.concepts.count)
        for c in g.concepts {
            w.string(c.id)
            w.string(c.label)
            w.strings(c.aliases)
            w.strings(c.terms)
            w.strings(c.decks)
            w.string(c.definition)
            w.ints(c.cards)
            w.int(c.firstSeen)
        }
        w.int(g.relations.count)
        for r in g.relations {
            w.int(r.source)
            w.int(r.target)
            w.int(Int(r.kind.tag))
            w.double(r.weight)
            w.string(r.evidence)
        }
        w.ints(analyzed.studyOrder)
        w.ints(analyzed.orderPosition)
        w.ints(analyzed.cluster)
        w.strings(analyzed.clusterNames)
        w.ints(analyzed.level)
        w.int(analyzed.rank.count)
        for r in analyzed.rank { w.double(r) }
        w.ints(analyzed.drawnRelations)
    }

    static func decode(_ r: inout ByteReader) -> AnalyzedGraph? {
        guard
            let cards: [Card] = r.array(
                minimumSize: 8,
                { r in
                    guard let front = r.string(), let back = r.string(), let deck = r.string(), let file = r.string(),
                        let line = r.int(), let tags = r.strings(), let deckPath = r.strings(),
                        let context = r.strings(), let hasOrigin = r.int()
                    else { return nil }
                    var origin: CardOrigin?
                    if hasOrigin == 1 {
                        guard let note = r.int(), let hasNote = r.int(), let guid = r.string(), let ordinal = r.int(),
                            let card = r.int(), let hasCard = r.int()
                        else { return nil }
                        origin = CardOrigin(
                            noteID: hasNote == 1 ? Int64(note) : nil, guid: guid, ordinal: ordinal,
                            cardID: hasCard == 1 ? Int64(card) : nil)
                    }
                    return Card(
                        front: front, back: back, deck: deck, location: SourceLocation(file: file, line: line),
                        tags: tags,
                        deckPath: deckPath, context: context, origin: origin)
                }),
            let concepts: [Concept] = r.array(
                minimumSize: 8,
                { r in
                    guard let id = r.string(), let label = r.string(), let aliases = r.strings(),
                        let terms = r.strings(),
                        let decks = r.strings(), let definition = r.string(), let cards = r.ints(),
                        let firstSeen = r.int()
                    else { return nil }
                    return Concept(
                        id: id, label: label, aliases: aliases, terms: terms, decks: decks, definition: definition,
                        cards: cards, firstSeen: firstSeen)
                }),
            let relations: [Relation] = r.array(
                minimumSize: 8,
                { r in
                    guard let source = r.int(), let target = r.int(), let tag = r.int(),
                        let kind = RelationKind(tag: UInt8(clamping: tag)),
                        let weight = r.double(), let evidence = r.string()
                    else { return nil }
                    return Relation(source: source, target: target, kind: kind, weight: weight, evidence: evidence)
                }),
            let studyOrder = r.ints(), let orderPosition = r.ints(), let cluster = r.ints(),
            let clusterNames = r.strings(), let level = r.ints(),
            let rank: [Double] = r.array(minimumSize: 8, { $0.double() }),
            let drawn = r.ints()
        else { return nil }
        // Indices must point inside the graph: a damaged file must not crash a query later.
        let n = concepts.count
        guard studyOrder.count == n, orderPosition.count == n, cluster.count == n, level.count == n, rank.count == n,
            relations.allSatisfy({ (0..<n).contains($0.source) && (0..<n).contains($0.target) }),
            concepts.allSatisfy({ $0.cards.allSatisfy { (0..<cards.count).contains($0) } }),
            studyOrder.allSatisfy({ (0..<n).contains($0) }), orderPosition.allSatisfy({ (0..<n).contains($0) }),
            cluster.allSatisfy({ (0..<clusterNames.count).contains($0) }),
            drawn.allSatisfy({ (0..<relations.count).contains($0) })
        else { return nil }
        return AnalyzedGraph(
            graph: ConceptGraph(cards: cards, concepts: concepts, relations: relations), studyOrder: studyOrder,
            orderPosition: orderPosition, cluster: cluster, clusterNames: clusterNames, level: level, rank: rank,
            drawnRelations: drawn)
    }
}
