import ConceptAnalysis
import ConceptExtraction
import Foundation
import Testing

@testable import GraphExport

/// Exports of large graphs are complete.
@Suite struct ScaleTests {
    static func graph(nodes: Int, edgesPerNode: Int) -> AnalyzedGraph {
        var analyzed = Fixtures.chain(nodes)
        var relations: [Relation] = []
        relations.reserveCapacity(nodes * edgesPerNode)
        for source in 0..<nodes {
            for step in 1...edgesPerNode where source + step < nodes {
                relations.append(
                    Relation(
                        source: source, target: source + step, kind: RelationKind.allCases[step % 3],
                        weight: Double(step) / 3, evidence: "card \(source)"))
            }
        }
        analyzed.graph.relations = relations
        analyzed.drawnRelations = []
        return analyzed
    }

    /// Every node and edge is written at scale (speed is measured by benchmarks, not by tests).
    @Test func largeGraphsAreWrittenWhole() throws {
        let analyzed = Self.graph(nodes: 3_000, edgesPerNode: 10)
        let graphML = String(decoding: try GraphMLWriter().data(for: analyzed), as: UTF8.self)
        #expect(graphML.components(separatedBy: "<node ").count - 1 == 3_000)
        #expect(graphML.components(separatedBy: "<edge ").count - 1 == analyzed.graph.relations.count)
        let dot = try DOTWriter().text(for: analyzed)
        #expect(dot.components(separatedBy: " -> ").count - 1 == analyzed.graph.relations.count)
    }

    /// 100k concepts and 1M relations; opt-in because it takes a while in a debug build.
    @Test(
        .enabled(
            if: ProcessInfo.processInfo.environment["CONCEPTGRAPH_LARGE_TESTS"] != nil,
            "set CONCEPTGRAPH_LARGE_TESTS=1 to export 100k concepts and 1M relations"))
    func hundredThousandNodesAndAMillionEdges() throws {
        let analyzed = Self.graph(nodes: 100_000, edgesPerNode: 10)
        #expect(analyzed.graph.relations.count > 999_000)
        let bytes = try GraphMLWriter().data(for: analyzed).count
        let characters = try DOTWriter().text(for: analyzed).utf8.count
        #expect(bytes > 100_000_000)
        #expect(characters > 50_000_000)
    }
}
