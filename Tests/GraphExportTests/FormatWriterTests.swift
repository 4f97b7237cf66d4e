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
