import ConceptAnalysis
import ConceptExtraction
import Foundation
import TestSupport
import Testing

@testable import GraphExport

@Suite struct DOTWriterTests {
    static let hasDot = Tool.find("dot") != nil
    static let hasNeato = Tool.find("neato") != nil

    static func twoNodes() -> AnalyzedGraph {
        var analyzed = Fixtures.chain(2, kind: .broader)
        analyzed.graph.concepts[0].id = "node"
        analyzed.graph.concepts[0].label = #"say "hi"\"#
        analyzed.graph.concepts[1].id = "x y"
        analyzed.graph.concepts[1].label = "a\nb\r\u{7}c\td 🚀"
        analyzed.graph.concepts[1].definition = "def"
        return analyzed
    }

    @Test func smallGraphExactText() throws {
        let text = try DOTWriter().text(for: Self.twoNodes())
        #expect(
            text == #"""
                digraph "concepts" {
                  graph [charset="UTF-8", rankdir="LR", fontname="Helvetica"];
                  node [shape="box", style="rounded", fontname="Helvetica"];
                  edge [fontname="Helvetica"];
                  "node" [label="say \"hi\"\\", tooltip="say \"hi\"\\"];
                  "x-y" [label="a\nbc d 🚀", tooltip="a\nbc d 🚀\n\ndef"];
                  "node" -> "x-y" [kind="broader", style="solid", arrowhead="onormal"];
                }

                """#)
    }

    @Test func escapingRules() {
        #expect(DOTWriter.quoted(#"a\b"#) == #""a\\b""#)
        #expect(DOTWriter.quoted(#"trailing\"#) == #""trailing\\""#)
        #expect(DOTWriter.quoted(#"say "x""#) == #""say \"x\"""#)
        #expect(DOTWriter.quoted("l1\nl2\r\n") == #""l1\nl2\n""#)
        #expect(DOTWriter.quoted("\u{0}\u{1}\u{1B}\u{7F}\u{85}\u{FFFE}ok") == #""ok""#)
        #expect(DOTWriter.quoted("Graph") == #""Graph""#)
        #expect(DOTWriter.quoted("日本 🚀 é") == "\"日本 🚀 é\"")
        #expect(DOTWriter.quoted("") == #""""#)
    }

    @Test func longStringsAreSplitIntoRunsBelowTheLimit() {
        let long = String(repeating: "ab\\\"é", count: 5000)  // 30,000 bytes escaped+UTF-8
        let quoted = DOTWriter.quoted(long)
        let runs = quoted.components(separatedBy: "\" + \"")
        #expect(runs.count > 1)
        #expect(runs.allSatisfy { $0.utf8.count <= DOTWriter.maxQuotedRunBytes + 1 })
        // No run ends inside an escape: each run has an even number of trailing backslashes.
        for run in runs.dropLast() {
            let trailing = run.reversed().prefix { $0 == "\\" }.count
            #expect(trailing % 2 == 0)
        }
    }

    @Test func labelsAreShortenedAndTooltipsCapped() throws {
        var analyzed = Fixtures.chain(1)
        analyzed.graph.concepts[0].label = String(repeating: "x", count: 100)
        analyzed.graph.concepts[0].definition = String(repeating: "d", count: 10_000)
        let text = try DOTWriter(options: .init(maxLabelCharacters: 10, maxTooltipBytes: 100)).text(for: analyzed)
        #expect(text.contains("label=\"xxxxxxxxx…\""))
        #expect(text.contains("tooltip=\"\(String(repeating: "x", count: 97))…\""))
    }

    @Test func edgeStylesByKindAndRelationSelection() throws {
        let analyzed = Fixtures.awkwardGraph(clusters: 1)
        let all = try DOTWriter().text(for: analyzed)
        let edgeLines = all.split(separator: "\n").filter { $0.contains(" -> ") }
        #expect(edgeLines.count == analyzed.graph.relations.count)
        #expect(
            edgeLines.contains {
                $0.hasPrefix("  \"quote\" -> \"back-slash\" [kind=\"related\", style=\"dotted\", dir=\"none\"")
            })
        #expect(edgeLines.contains { $0.contains("[kind=\"requires\", style=\"dashed\"") })
        #expect(edgeLines.contains { $0.contains("[kind=\"broader\", style=\"solid\", arrowhead=\"onormal\"") })
        let drawn = try DOTWriter(options: .init(relations: .drawn)).text(for: analyzed)
        #expect(drawn.split(separator: "\n").filter { $0.contains(" -> ") }.count == analyzed.drawnRelations.count)
        #expect(!all.contains("subgraph \"cluster_"))
    }

    @Test func clustersBecomeSubgraphsWhenThereIsMoreThanOne() throws {
        let text = try DOTWriter().text(for: Fixtures.awkwardGraph(clusters: 2))
        #expect(text.contains("  subgraph \"cluster_0\" {\n    label=\"Cluster \\\"0\\\" <\\\\>\";\n"))
        #expect(text.contains("  subgraph \"cluster_1\" {"))
        let ungrouped = try DOTWriter(options: .init(groupClusters: false)).text(
            for: Fixtures.awkwardGraph(clusters: 2))
        #expect(!ungrouped.contains("subgraph \"cluster_"))
    }

    @Test func keyConceptsAreHighlighted() throws {
        var analyzed = Fixtures.chain(4)
        analyzed.rank = [0.7, 0.1, 0.1, 0.1]
        let lines = try DOTWriter().text(for: analyzed).split(separator: "\n")
        #expect(lines.filter { $0.contains("penwidth") }.count == 1)
        #expect(lines.contains { $0.hasPrefix("  \"c0\"") && $0.contains("penwidth=\"2\"") })
    }

    @Test func sameGraphGivesIdenticalText() throws {
        let writer = DOTWriter()
        #expect(try writer.text(for: Fixtures.awkwardGraph()) == writer.text(for: Fixtures.awkwardGraph()))
    }

    /// Every awkward fixture, plus one with a 40 KB label and definition.
    static func graphsForGraphviz() -> [AnalyzedGraph] {
        var huge = Fixtures.chain(2)
        huge.graph.concepts[0].label = String(repeating: "long\\\"label ", count: 4000)
        huge.graph.concepts[1].definition = String(repeating: "définition ", count: 4000)
        huge.graph.relations[0].evidence = String(repeating: "e\"", count: 20_000)
        return [Fixtures.awkwardGraph(), Fixtures.awkwardGraph(clusters: 1), Fixtures.chain(0), huge]
    }

    static func checkWithGraphviz(_ program: String, _ arguments: [String]) throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (index, analyzed) in graphsForGraphviz().enumerated() {
            for options in [
                DOTWriter.Options(), .init(relations: .drawn, direction: .topToBottom),
                .init(maxLabelCharacters: 100_000, maxTooltipBytes: 100_000),
            ] {
                let path = folder.appendingPathComponent("g\(index).dot").path
                try DOTWriter(options: options).write(analyzed, to: path)
                let (status, output, errors) = try Tool.run(Tool.find(program)!, arguments + [path])
                #expect(status == 0, "graph \(index): \(errors)")
                #expect(errors.isEmpty, "graph \(index): \(errors)")
                #expect(!output.isEmpty)
            }
        }
    }

    @Test(.enabled(if: hasDot)) func dotRendersEveryFileToSVGWithoutWarningsWhenGraphvizIsInstalled() throws {
        try Self.checkWithGraphviz("dot", ["-Tsvg"])
    }

    @Test(.enabled(if: hasNeato)) func neatoParsesEveryFileWithoutWarningsWhenGraphvizIsInstalled() throws {
        try Self.checkWithGraphviz("neato", ["-Gmaxiter=0", "-Tcanon"])
    }

    @Test(.enabled(if: hasDot)) func svgFromDotIsWellFormedXMLWithTheLabels() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("g.dot").path
        try DOTWriter().write(Fixtures.awkwardGraph(), to: path)
        let (status, svg, _) = try Tool.run(Tool.find("dot")!, ["-Tsvg", path])
        #expect(status == 0)
        let document = XMLCheck.parse(Data(svg.utf8))
        #expect(document != nil)
        if let document { XMLCheck.freeDocument(document) }
        #expect(svg.contains("Rocket 🚀 science"))
        #expect(svg.contains("&lt;tag&gt; &amp; &lt;/tag&gt;"))
    }
}
