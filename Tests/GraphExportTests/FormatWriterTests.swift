import CLibXML2
import ConceptAnalysis
import ConceptExtraction
import Foundation
import Testing

@testable import GraphExport

/// Node-link JSON, Mermaid and the picture selection, on the awkward fixture.
struct FormatWriterTests {
    @Test func nodeLinkJSONParsesAndKeepsEveryNodeAndEdge() throws {
        let analyzed = Fixtures.awkwardGraph()
        let text = try NodeLinkJSONWriter().text(for: analyzed)
        #expect(try NodeLinkJSONWriter().text(for: analyzed) == text)
        let object = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["directed"] as? Bool == true)
        #expect(object["multigraph"] as? Bool == true)
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        let edges = try #require(object["edges"] as? [[String: Any]])
        #expect(nodes.count == analyzed.graph.concepts.count)
        #expect(edges.count == analyzed.graph.relations.count)
        let ids = Set(nodes.compactMap { $0["id"] as? String })
        #expect(ids.count == nodes.count, "node ids are unique")
        #expect(
            edges.allSatisfy {
                ids.contains($0["source"] as? String ?? "") && ids.contains($0["target"] as? String ?? "")
            })
        #expect(nodes.contains { $0["label"] as? String == "bell\u{07}null\u{00}esc\u{1B}tab\tend\u{FFFE}\u{FFFF}" })
        // NaN and infinite weights are not JSON numbers: written as null.
        #expect(edges.contains { $0["weight"] is NSNull })
    }

    @Test func mermaidLinesParse() throws {
        let analyzed = Fixtures.awkwardGraph()
        let text = try MermaidWriter().text(for: analyzed)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.first == "flowchart LR")
        var declared = Set<String>()
        var edgeCount = 0
        for line in lines.dropFirst() {
            if line.hasPrefix("%% ") { continue }
            let parts = line.trimmingCharacters(in: .whitespaces)
            if let open = parts.firstIndex(of: "[") {
                // n<k>["label"]: one quoted label without raw quotes, brackets or line breaks inside.
                let id = String(parts[..<open])
                #expect(id.hasPrefix("n") && Int(id.dropFirst()) != nil, "\(line)")
                let label = parts[parts.index(after: open)...]
                #expect(label.hasPrefix("\"") && label.hasSuffix("\"]"), "\(line)")
                #expect(!label.dropFirst().dropLast(2).contains("\""), "\(line)")
                declared.insert(id)
            } else {
                let tokens = parts.split(separator: " ")
                #expect(tokens.count == 3, "\(line)")
                #expect(["-->", "-.->", "---"].contains(String(tokens[1])), "\(line)")
                #expect(declared.contains(String(tokens[0])) && declared.contains(String(tokens[2])), "\(line)")
                edgeCount += 1
            }
        }
        #expect(edgeCount > 0)
    }

    @Test func picturesDrawOneEdgePerPairAndLeaveIsolatedConceptsOut() {
        // 0-1 linked twice (broader and related), 2 isolated, 3-4 in another cluster linked to 1.
        let concepts = (0..<5).map { Concept(id: "c\($0)", label: "Concept \($0)", firstSeen: $0) }
        let relations = [
            Relation(source: 0, target: 1, kind: .broader), Relation(source: 1, target: 0, kind: .related),
            Relation(source: 1, target: 3, kind: .requires), Relation(source: 3, target: 4, kind: .requires),
        ]
        let analyzed = AnalyzedGraph(
            graph: ConceptGraph(cards: [], concepts: concepts, relations: relations), studyOrder: Array(0..<5),
            orderPosition: Array(0..<5), cluster: [0, 0, 0, 1, 1], clusterNames: ["A", "B"], level: [0, 1, 0, 0, 1],
            rank: [Double](repeating: 0.2, count: 5), drawnRelations: Array(relations.indices))
        let selection = PictureSelection(analyzed: analyzed)
        let clusterA = selection.cluster(0)
        #expect(clusterA.nodes.map(\.id) == ["c0", "c1"])
        #expect(clusterA.edges.count == 1)
        #expect(clusterA.edges.first?.kind == .broader)
        #expect(clusterA.caption.contains("1 without a drawn link"))
        let overview = selection.overview()
        #expect(overview.nodes.map(\.weight) == [3, 2])
        #expect(overview.edges.count == 1)
        let around = selection.around(4, depth: 1)
        #expect(Set(around.nodes.map(\.id)) == ["c3", "c4"])
        #expect(selection.concept(named: "concept 3") == 3)
        let dot = PictureDOTWriter().text(for: overview)
        #expect(dot.contains("size=\"16.0,10.0\""))
    }

    @Test(.enabled(if: GraphvizRenderer().isAvailable, "needs Graphviz dot"))
    func picturesRenderWithoutWarnings() throws {
        let selection = PictureSelection(analyzed: Fixtures.awkwardGraph(clusters: 3))
        for picture in [selection.overview(), selection.cluster(0), selection.whole()] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try #require(GraphvizRenderer().executablePath))
            process.arguments = ["-Tsvg", "-o", "/dev/null"]
            let input = Pipe()
            let errors = Pipe()
            process.standardInput = input
            process.standardError = errors
            try process.run()
            input.fileHandleForWriting.write(Data(PictureDOTWriter().text(for: picture).utf8))
            try input.fileHandleForWriting.close()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            #expect(message.isEmpty, "\(picture.title): \(message)")
        }
    }
}

struct GEXFWriterTests {
    @Test func gexfIsWellFormedWithEveryNodeAndEdge() throws {
        let analyzed = Fixtures.awkwardGraph()
        let data = try GEXFWriter().data(for: analyzed)
        #expect(try GEXFWriter().data(for: analyzed) == data)
        let doc = try #require(XMLCheck.parse(data))
        defer { xmlFreeDoc(doc) }
        let root = xmlDocGetRootElement(doc)
        #expect(XMLCheck.elements("node", in: root).count == analyzed.graph.concepts.count)
        let edges = XMLCheck.elements("edge", in: root)
        #expect(edges.count == analyzed.graph.relations.count)
        // Non-finite weights are left out rather than written as text Gephi cannot read.
        #expect(edges.contains { XMLCheck.attribute("weight", of: $0) == nil })
    }
}

struct PictureGroupingTests {
    /// A hub with twelve leaves and a short chain: the leaves become one list node.
    static func star() -> AnalyzedGraph {
        let concepts = (0..<15).map { Concept(id: "c\($0)", label: "Concept \($0)", firstSeen: $0) }
        var relations = (1...12).map { Relation(source: 0, target: $0, kind: .broader) }
        relations.append(Relation(source: 0, target: 13, kind: .requires))
        relations.append(Relation(source: 13, target: 14, kind: .requires))
        return AnalyzedGraph(
            graph: ConceptGraph(cards: [], concepts: concepts, relations: relations), studyOrder: Array(0..<15),
            orderPosition: Array(0..<15), cluster: [Int](repeating: 0, count: 15), clusterNames: ["Concept 0"],
            level: [Int](repeating: 0, count: 15), rank: [Double](repeating: 1 / 15, count: 15),
            drawnRelations: Array(relations.indices))
    }

    @Test func leavesOfOneHubBecomeAListNode() {
        let picture = PictureSelection(analyzed: Self.star()).cluster(0)
        #expect(picture.nodes.map(\.id) == ["c0", "c13", "c14", "group-c0-broader-out"])
        let group = picture.nodes[3]
        #expect(group.members.count == 12)
        #expect(picture.edges.contains { $0.source == 0 && $0.target == 3 && $0.kind == .broader && $0.count == 12 })
        #expect(picture.caption.contains("12 leaf concepts listed in boxes"))
        let dot = PictureDOTWriter().text(for: picture)
        #expect(dot.contains("Concept 1 · Concept 2 · Concept 3"))
        let mermaid = MermaidWriter().text(for: picture)
        #expect(mermaid.contains("n3[\"Concept 1, Concept 2"))
    }

    @Test(.enabled(if: GraphvizRenderer().isAvailable, "needs Graphviz dot"))
    func theLessShrunkDirectionIsChosen() throws {
        // Thirty children of one concept, each with a child of its own: left to right, a tall column.
        let n = 61
        let concepts = (0..<n).map { Concept(id: "c\($0)", label: "C\($0)", firstSeen: $0) }
        var relations: [Relation] = []
        for child in 1...30 {
            relations.append(Relation(source: 0, target: child, kind: .broader))
            relations.append(Relation(source: child, target: child + 30, kind: .requires))
        }
        let analyzed = AnalyzedGraph(
            graph: ConceptGraph(cards: [], concepts: concepts, relations: relations), studyOrder: Array(0..<n),
            orderPosition: Array(0..<n), cluster: [Int](repeating: 0, count: n), clusterNames: ["C0"],
            level: [Int](repeating: 0, count: n), rank: [Double](repeating: 1 / Double(n), count: n),
            drawnRelations: Array(relations.indices))
        let picture = PictureSelection(analyzed: analyzed, maxNodes: n).cluster(0)
        func area(_ direction: DOTWriter.Direction) throws -> Double {
            var writer = PictureDOTWriter()
            writer.direction = direction
            let svg = try GraphvizRenderer().render(dot: writer.text(for: picture), format: .svg)
            let (width, height) = try #require(PictureRenderer.size(ofSVG: svg))
            #expect(width <= 1152.5 && height <= 720.5)
            return width * height
        }
        let better: DOTWriter.Direction = try area(.topToBottom) > area(.leftToRight) ? .topToBottom : .leftToRight
        #expect(try PictureRenderer().dot(for: picture).contains("rankdir=\"\(better.rawValue)\""))
        #expect(better == .topToBottom, "a 30-row column is redrawn across")
    }
}
