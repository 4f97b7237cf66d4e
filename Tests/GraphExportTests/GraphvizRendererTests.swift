import ConceptAnalysis
import ConceptExtraction
import Foundation
import TestSupport
import Testing

@testable import GraphExport

@Suite struct GraphvizRendererTests {
    static let available = GraphvizRenderer().isAvailable

    @Test func missingProgramIsReportedAsNotFound() {
        let renderer = GraphvizRenderer(searchPath: "/nonexistent-folder")
        #expect(!renderer.isAvailable)
        #expect(throws: ExportError.graphvizNotFound(program: "dot")) {
            try renderer.render(dot: "digraph {}", format: .svg)
        }
    }

    @Test func largeGraphsAreDrawnWithOnlyTheirDrawnRelations() {
        let renderer = GraphvizRenderer(reduceAboveConcepts: 10, reduceAboveRelations: 20)
        #expect(!renderer.shouldReduce(Fixtures.chain(10)))
        #expect(renderer.shouldReduce(Fixtures.chain(11)))
        var dense = Fixtures.chain(5)
        dense.graph.relations += (0..<21).map { _ in Relation(source: 0, target: 4, kind: .related) }
        #expect(renderer.shouldReduce(dense))
    }

    @Test(.enabled(if: available)) func rendersSVGAndPNGWhenGraphvizIsInstalled() throws {
        let renderer = GraphvizRenderer()
        let svg = try renderer.render(Fixtures.awkwardGraph(), format: .svg)
        let document = XMLCheck.parse(svg)
        #expect(document != nil)
        if let document { XMLCheck.freeDocument(document) }
        #expect(String(decoding: svg, as: UTF8.self).contains("<title>quote&#45;&gt;back&#45;slash</title>"))
        let png = try renderer.render(Fixtures.chain(3), format: .png)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    }

    @Test(.enabled(if: available)) func syntaxErrorsCarryGraphvizMessageWhenGraphvizIsInstalled() throws {
        let error = #expect(throws: ExportError.self) {
            try GraphvizRenderer().render(dot: "digraph { \"a\" -> }", format: .svg)
        }
        guard case .graphvizFailed(let program, let status, let message)? = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
        #expect(program == "dot")
        #expect(status != 0)
        #expect(message.contains("syntax error"))
    }

    @Test(.enabled(if: available)) func bigInputAndOutputDoNotDeadlockWhenGraphvizIsInstalled() throws {
        // ~400 KB of DOT in, well over a pipe buffer of SVG out.
        var analyzed = Fixtures.chain(150, kind: .related)
        for index in analyzed.graph.concepts.indices {
            analyzed.graph.concepts[index].definition = String(repeating: "definition text ", count: 40)
        }
        let dot =
            try DOTWriter().text(for: analyzed)
            + String(repeating: "// padding comment to exceed the pipe buffer\n", count: 8000)
        #expect(dot.utf8.count > 300_000)
        let svg = try GraphvizRenderer().render(dot: dot, format: .svg)
        #expect(svg.count > 65_536)
        // Graphviz stops reading at an early syntax error: the writer must not die of SIGPIPE.
        let broken = "digraph { -> }\n" + String(repeating: "\"x\" -> \"y\";\n", count: 100_000)
        #expect(throws: ExportError.self) { try GraphvizRenderer().render(dot: broken, format: .svg) }
    }

    @Test(.enabled(if: available)) func slowLayoutsAreStoppedAtTheTimeoutWhenGraphvizIsInstalled() throws {
        var dense = Fixtures.chain(200)
        for i in 0..<200 {
            for j in stride(from: i + 2, to: 200, by: 7) {
                dense.graph.relations.append(Relation(source: i, target: j, kind: .requires))
            }
        }
        let renderer = GraphvizRenderer(timeout: 0.05, reduceAboveConcepts: .max, reduceAboveRelations: .max)
        #expect(throws: ExportError.graphvizTimedOut(program: "dot", seconds: 0.05)) {
            try renderer.render(dense, format: .svg)
        }
    }

    @Test(.enabled(if: available)) func renderToFileIsAtomicWhenGraphvizIsInstalled() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("pics/concepts.svg").path
        try GraphvizRenderer().render(Fixtures.awkwardGraph(), format: .svg, to: path)
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(svg.contains("<svg"))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("pics").path)
                == ["concepts.svg"])
    }
}
