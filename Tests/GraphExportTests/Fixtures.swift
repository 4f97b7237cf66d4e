import ConceptAnalysis
import ConceptExtraction
import DeckReading
import Foundation

/// Small analyzed graphs built by hand, with every kind of awkward name.
enum Fixtures {
    /// Names that break naive exporters, with the ids an extractor might give them.
    static let awkward: [(id: String, label: String)] = [
        ("quote", #"say "hello""#),
        ("back\\slash", #"C:\path\ends\"#),
        ("xml", "<tag> & </tag>"),
        ("multi line", "first line\nsecond line\r\nthird"),
        ("ctrl", "bell\u{07}null\u{00}esc\u{1B}tab\tend\u{FFFE}\u{FFFF}"),
        ("café", "Café crème — naïve"),
        ("emoji", "Rocket 🚀 science 👩‍🔬"),
        ("node", "node"),
        ("Graph", "Graph"),
        ("edge", "edge"),
        ("subgraph", "subgraph"),
        ("!!!", "?!…"),
        ("dup", "First dup"),
        ("dup", "Second dup"),
        ("日本語", "日本語の概念"),
        ("1abc", "a:b port"),
    ]

    static func awkwardGraph(clusters: Int = 2) -> AnalyzedGraph {
        let concepts = awkward.enumerated().map { index, entry in
            Concept(
                id: entry.id, label: entry.label, aliases: [entry.label, "alias \(index)"],
                terms: [entry.label, "What is \(entry.label)?"], decks: ["Deck A", "Deck \"B\""],
                definition: index % 3 == 0 ? "" : "Definition of \(entry.label)\nwith a second line",
                cards: Array(0..<(index % 4)), firstSeen: index)
        }
        let n = concepts.count
        var relations: [Relation] = []
        for i in 0..<(n - 1) {
            let kind = RelationKind.allCases[i % 3]
            relations.append(
                Relation(
                    source: i, target: i + 1, kind: kind, weight: Double(i) + 0.5,
                    evidence: "card \(i): \"\(concepts[i].label)\" <uses> \(concepts[i + 1].label)"))
        }
        // A parallel edge: same endpoints, another kind.
        relations.append(Relation(source: 0, target: 1, kind: .related, weight: 1e-7, evidence: "parallel"))
        relations.append(Relation(source: 0, target: n - 1, kind: .related, weight: .nan, evidence: ""))
        relations.append(Relation(source: 1, target: n - 2, kind: .requires, weight: .infinity, evidence: "∞"))
        relations.append(Relation(source: 2, target: n - 3, kind: .broader, weight: -.infinity, evidence: "\u{01}"))
        relations.sort { ($0.source, $0.target, $0.kind) < ($1.source, $1.target, $1.kind) }
        let graph = ConceptGraph(cards: [], concepts: concepts, relations: relations)
        let clusterOf = (0..<n).map { clusters <= 1 ? 0 : $0 % clusters }
        let names = (0..<max(clusters, 1)).map { "Cluster \"\($0)\" <\\>" }
        let order = Array((0..<n).reversed())
        var position = [Int](repeating: 0, count: n)
        for (p, c) in order.enumerated() { position[c] = p }
        return AnalyzedGraph(
            graph: graph, studyOrder: order, orderPosition: position, cluster: clusterOf, clusterNames: names,
            level: (0..<n).map { $0 % 3 }, rank: (0..<n).map { 1 / Double(n) + Double($0) * 1e-7 },
            drawnRelations: Array(relations.indices.filter { $0 % 2 == 0 }))
    }

    /// A plain chain of `n` concepts with ids `c0…`, each related to the next.
    static func chain(_ n: Int, kind: RelationKind = .requires) -> AnalyzedGraph {
        let concepts = (0..<n).map { Concept(id: "c\($0)", label: "Concept \($0)", firstSeen: $0) }
        let relations = (0..<max(n - 1, 0)).map { Relation(source: $0, target: $0 + 1, kind: kind) }
        return AnalyzedGraph(
            graph: ConceptGraph(cards: [], concepts: concepts, relations: relations),
            studyOrder: Array(0..<n), orderPosition: Array(0..<n), cluster: [Int](repeating: 0, count: n),
            clusterNames: n > 0 ? ["Concept 0"] : [], level: Array(0..<n),
            rank: [Double](repeating: n > 0 ? 1 / Double(n) : 0, count: n), drawnRelations: Array(relations.indices))
    }
}
