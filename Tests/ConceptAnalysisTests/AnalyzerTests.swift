import ConceptExtraction
import Testing

@testable import ConceptAnalysis

/// A concept graph from labels (deck order = index) and `(source, target, kind)` triples.
func conceptGraph(_ labels: [String], _ relations: [(Int, Int, RelationKind)]) -> ConceptGraph {
    let concepts = labels.enumerated().map { i, label in Concept(id: "c\(i)", label: label, firstSeen: i) }
    let rel = relations.map { Relation(source: $0.0, target: $0.1, kind: $0.2) }
        .sorted { ($0.source, $0.target, $0.kind) < ($1.source, $1.target, $1.kind) }
    return ConceptGraph(cards: [], concepts: concepts, relations: rel)
}

@Test func emptyGraphAnalyses() {
    let a = Analyzer().analyze(conceptGraph([], []))
    #expect(a.studyOrder.isEmpty && a.clusterNames.isEmpty && a.rank.isEmpty)
}

@Test func hierarchyGivesOrderLevelsAndRank() {
    // Deck order lists the children before the parent: the order must still put the parent first.
    // 0 "operational CRM", 1 "analytical CRM" are children of 2 "CRM"; 3 "data warehouse" is
    // required by 1.
    let g = conceptGraph(
        ["operational CRM", "analytical CRM", "CRM", "data warehouse"],
        [(2, 0, .broader), (2, 1, .broader), (3, 1, .requires)])
    let a = Analyzer().analyze(g)
    #expect(a.studyOrder.count == 4 && Set(a.studyOrder) == [0, 1, 2, 3])
    for r in g.relations { #expect(a.orderPosition[r.source] < a.orderPosition[r.target]) }
    for (p, c) in a.studyOrder.enumerated() { #expect(a.orderPosition[c] == p) }
    #expect(a.level == [1, 1, 0, 0])
    #expect(abs(a.rank.reduce(0, +) - 1) < 1e-9)
    #expect(a.rank[2] > a.rank[0] && a.rank[2] > a.rank[1])
    #expect(a.children(of: 2) == [0, 1].sorted { a.orderPosition[$0] < a.orderPosition[$1] })
    #expect(a.parents(of: 1) == [2])
    #expect(Set(a.prerequisites(of: 1)) == [2, 3])
    #expect(a.dependents(of: 2) == [0, 1].sorted { a.orderPosition[$0] < a.orderPosition[$1] })
    #expect(a.drawnRelations == [0, 1, 2])
}

@Test func cycleIsStudiedTogetherAndShortcutsAreNotDrawn() {
    // 0 → 1 → 2 → 1 (cycle of requires), 0 → 2 shortcut through the cycle, related 3–0.
    let g = conceptGraph(
        ["a", "b", "c", "d"],
        [(0, 1, .requires), (1, 2, .requires), (2, 1, .requires), (0, 2, .requires), (0, 3, .related)])
    let a = Analyzer().analyze(g)
    #expect(abs(a.orderPosition[1] - a.orderPosition[2]) == 1)
    #expect(a.orderPosition[0] < a.orderPosition[1])
    let drawn = a.drawnRelations.map { (g.relations[$0].source, g.relations[$0].target) }
    #expect(drawn.contains { $0 == (1, 2) } && drawn.contains { $0 == (2, 1) })
    #expect(!drawn.contains { $0 == (0, 3) })  // related is never drawn
    // 0 → 2 is redundant only when its component pair is already reachable via 0 → 1: same component.
    #expect(drawn.count == 4)  // 0→1 and 0→2 both realise the kept edge 0 → {1,2}
    #expect(a.prerequisites(of: 2) == [0, 1])
}

@Test func clustersAreDenseNamedAndConnected() {
    // Two triangles of related concepts joined by one requires edge.
    let g = conceptGraph(
        ["x1", "x2", "x3", "y1", "y2", "y3"],
        [
            (0, 1, .related), (1, 2, .related), (0, 2, .related), (3, 4, .related), (4, 5, .related),
            (3, 5, .related), (2, 3, .requires), (3, 4, .broader),
        ])
    let a = Analyzer(resolution: 1, seed: 5).analyze(g)
    #expect(Set(a.cluster) == [0, 1])
    #expect(a.cluster[0] == a.cluster[1] && a.cluster[1] == a.cluster[2])
    #expect(a.cluster[3] == a.cluster[4] && a.cluster[4] == a.cluster[5])
    #expect(a.cluster[a.studyOrder[0]] == 0)
    #expect(a.clusterNames.count == 2)
    // The name is the label of the top-ranked member (ties: lowest index).
    for c in 0..<2 {
        let members = (0..<6).filter { a.cluster[$0] == c }
        let top = members.max { a.rank[$0] < a.rank[$1] || (a.rank[$0] == a.rank[$1] && $0 > $1) }!
        #expect(a.clusterNames[c] == g.concepts[top].label)
    }
    // Same input, same seed: same answer.
    #expect(Analyzer(resolution: 1, seed: 5).analyze(g).cluster == a.cluster)
}

@Test func pathReportsKindsAndDirections() {
    let g = conceptGraph(["a", "b", "c", "d"], [(0, 1, .broader), (2, 1, .requires), (2, 3, .related)])
    let a = Analyzer().analyze(g)
    let path = a.path(from: 0, to: 3)!
    #expect(path.map(\.kind) == [.broader, .requires, .related])
    #expect(path.map(\.followsDirection) == [true, false, true])
    #expect(path.map(\.from) == [0, 1, 2] && path.map(\.to) == [1, 2, 3])
    for step in path { #expect(g.relations[step.relation].kind == step.kind) }
    #expect(a.path(from: 0, to: 3, kinds: [.broader, .requires]) == nil)
}

@Test func studyOrderKeepsClustersTogether() {
    // Deck order interleaves two unrelated topics; the order should finish one before the other.
    let g = conceptGraph(
        ["a1", "b1", "a2", "b2", "a3", "b3"],
        [(0, 2, .related), (2, 4, .related), (0, 4, .related), (1, 3, .related), (3, 5, .related), (1, 5, .related)])
    let a = Analyzer().analyze(g)
    #expect(a.studyOrder == [0, 2, 4, 1, 3, 5])
    #expect(a.cluster == [0, 1, 0, 1, 0, 1])
}
