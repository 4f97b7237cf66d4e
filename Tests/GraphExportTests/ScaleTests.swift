import ConceptAnalysis
import ConceptExtraction
import Foundation
import Testing

@testable import GraphExport

/// Exporting must stay linear: 5× the graph may take at most ~10× the time (quadratic would be 25×).
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

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    @Test func graphMLAndDOTGrowLinearly() throws {
        let small = Self.graph(nodes: 600, edgesPerNode: 10)
        let large = Self.graph(nodes: 3_000, edgesPerNode: 10)
        var sizes: [Int] = []
        let graphMLSmall = try Self.seconds { sizes.append(try GraphMLWriter().data(for: small).count) }
        let graphMLLarge = try Self.seconds { sizes.append(try GraphMLWriter().data(for: large).count) }
        let dotSmall = try Self.seconds { sizes.append(try DOTWriter().text(for: small).utf8.count) }
        let dotLarge = try Self.seconds { sizes.append(try DOTWriter().text(for: large).utf8.count) }
        #expect(sizes[1] > 4 * sizes[0] && sizes[3] > 4 * sizes[2])
        #expect(graphMLLarge < 10 * max(graphMLSmall, 0.05), "GraphML \(graphMLSmall) s → \(graphMLLarge) s")
        #expect(dotLarge < 10 * max(dotSmall, 0.05), "DOT \(dotSmall) s → \(dotLarge) s")
    }

    /// 100k concepts and 1M relations, as the brief requires; opt-in because it takes a while in debug.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CONCEPTGRAPH_LARGE_TESTS"] != nil))
    func hundredThousandNodesAndAMillionEdges() throws {
        let analyzed = Self.graph(nodes: 100_000, edgesPerNode: 10)
        #expect(analyzed.graph.relations.count > 999_000)
        var bytes = 0
        let graphML = try Self.seconds { bytes = try GraphMLWriter().data(for: analyzed).count }
        var characters = 0
        let dot = try Self.seconds { characters = try DOTWriter().text(for: analyzed).utf8.count }
        print("100k/1M: GraphML \(bytes) bytes in \(graphML) s, DOT \(characters) bytes in \(dot) s")
        #expect(bytes > 100_000_000)
        #expect(graphML < 120 && dot < 120)
    }
}
