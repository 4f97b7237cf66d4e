import Foundation
import GraphExport
import TestSupport
import Testing

@testable import ConceptGraphCLI

/// The committed `Graphs/` must be what `swift run conceptgraph` writes from `Decks/` today.
@Suite struct BundledGraphsTests {
    static let root = TestPaths.repositoryRoot

    /// The bundled decks' graph, computed the way `conceptgraph build` computes it.
    static func bundledGraph() throws -> Pipeline.Outcome {
        let input = try InputOptions.parse([root.appendingPathComponent("Decks").path])
        let analysis = try AnalysisOptions.parse([])
        return try Pipeline(input: input, analysis: analysis).run()
    }

    @Test func committedGraphMLIsUpToDate() throws {
        let outcome = try Self.bundledGraph()
        let fresh = try GraphMLWriter().data(for: outcome.analyzed)
        let committed = try Data(contentsOf: Self.root.appendingPathComponent("Graphs/concepts.graphml"))
        #expect(fresh == committed, "Graphs/concepts.graphml is stale: run `swift run conceptgraph` and commit Graphs/")
    }

    @Test func committedDOTIsUpToDate() throws {
        let outcome = try Self.bundledGraph()
        let fresh = Data(try DOTWriter().text(for: outcome.analyzed).utf8)
        let committed = try Data(contentsOf: Self.root.appendingPathComponent("Graphs/concepts.dot"))
        #expect(fresh == committed, "Graphs/concepts.dot is stale: run `swift run conceptgraph` and commit Graphs/")
    }

    @Test func bundledDecksGiveARealGraph() throws {
        let outcome = try Self.bundledGraph()
        let graph = outcome.analyzed.graph
        #expect(outcome.decks.map(\.name) == ["ch11-crm-scm", "crm-midterm-1"])
        #expect(graph.cards.count == 54)
        #expect(graph.concepts.count > 50)
        #expect(graph.relations.contains { $0.kind == .broader })
        #expect(graph.relations.contains { $0.kind == .requires })
        // CRM is taught in both decks, is the first concept with cards in the study order, and comes
        // before everything below it in the hierarchy.
        let analyzed = outcome.analyzed
        let crm = try #require(graph.concepts.firstIndex { $0.label == "CRM" })
        #expect(graph.concepts[crm].decks == ["ch11-crm-scm", "crm-midterm-1"])
        #expect(analyzed.studyOrder.first { !graph.concepts[$0].cards.isEmpty } == crm)
        #expect(analyzed.dependents(of: crm).allSatisfy { analyzed.orderPosition[$0] > analyzed.orderPosition[crm] })
    }
}
