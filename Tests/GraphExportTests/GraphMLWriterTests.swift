import CLibXML2
import ConceptAnalysis
import ConceptExtraction
import Foundation
import TestSupport
import Testing

@testable import GraphExport

@Suite struct GraphMLWriterTests {
    let writer = GraphMLWriter()

    @Test func sameGraphGivesByteIdenticalOutput() throws {
        let first = try writer.data(for: Fixtures.awkwardGraph())
        let second = try GraphMLWriter().data(for: Fixtures.awkwardGraph())
        #expect(first == second)
        #expect(first.count > 1000)
    }

    @Test func documentHasKeysThenGraphWithNodesThenEdges() throws {
        let data = try writer.data(for: Fixtures.awkwardGraph())
        let text = String(decoding: data, as: UTF8.self)
        #expect(
            text.hasPrefix(
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <graphml xmlns="http://graphml.graphdrawing.org/xmlns" \
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
                xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns \
                http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
                  <key id="n_label" for="node" attr.name="label" attr.type="string"/>

                """))
        #expect(text.contains("\n  <graph id=\"concepts\" edgedefault=\"directed\">\n    <node id=\"quote\">\n"))
        #expect(text.hasSuffix("  </graph>\n</graphml>\n"))

        let document = try #require(XMLCheck.parse(data))
        defer { xmlFreeDoc(document) }
        let root = try #require(xmlDocGetRootElement(document))
        var names: [String] = []
        var child = root.pointee.children
        while let node = child {
            if node.pointee.type == XML_ELEMENT_NODE { names.append(String(cString: node.pointee.name)) }
            child = node.pointee.next
        }
        #expect(names == Array(repeating: "key", count: GraphMLWriter.keys.count) + ["graph"])

        let graph = try #require(XMLCheck.elements("graph", in: root).first)
        var order: [String] = []
        child = graph.pointee.children
        while let node = child {
            if node.pointee.type == XML_ELEMENT_NODE { order.append(String(cString: node.pointee.name)) }
            child = node.pointee.next
        }
        let analyzed = Fixtures.awkwardGraph()
        #expect(
            order == Array(repeating: "node", count: analyzed.graph.concepts.count)
                + Array(repeating: "edge", count: analyzed.graph.relations.count))
    }

    @Test func everyNodeAndEdgeHasAnExplicitValueForEveryKey() throws {
        let data = try writer.data(for: Fixtures.awkwardGraph())
        let document = try #require(XMLCheck.parse(data))
        defer { xmlFreeDoc(document) }
        let root = xmlDocGetRootElement(document)
        let nodeKeys = GraphMLWriter.keys.filter { $0.domain == "node" }.map(\.id)
        let edgeKeys = GraphMLWriter.keys.filter { $0.domain == "edge" }.map(\.id)
        for node in XMLCheck.elements("node", in: root) {
            #expect(XMLCheck.elements("data", in: node).map { XMLCheck.attribute("key", of: $0) } == nodeKeys)
        }
        let edges = XMLCheck.elements("edge", in: root)
        #expect(edges.map { XMLCheck.attribute("id", of: $0) } == edges.indices.map { "e\($0)" })
        for edge in edges {
            #expect(XMLCheck.elements("data", in: edge).map { XMLCheck.attribute("key", of: $0) } == edgeKeys)
        }
    }

    @Test func nodeIdsAreSafeUniqueAndDeterministic() throws {
        let data = try writer.data(for: Fixtures.awkwardGraph())
        let document = try #require(XMLCheck.parse(data))
        defer { xmlFreeDoc(document) }
        let ids = XMLCheck.elements("node", in: xmlDocGetRootElement(document)).compactMap {
            XMLCheck.attribute("id", of: $0)
        }
        #expect(
            ids == [
                "quote", "back-slash", "xml", "multi-line", "ctrl", "caf", "emoji", "node", "Graph", "edge",
                "subgraph", "n11", "dup", "dup-2", "n14", "1abc",
            ])
        // Edge endpoints use the same ids.
        let edge = try #require(XMLCheck.elements("edge", in: xmlDocGetRootElement(document)).first)
        #expect(XMLCheck.attribute("source", of: edge) == "quote")
        #expect(XMLCheck.attribute("target", of: edge) == "back-slash")
    }

    @Test func slugCollisionsGetTheFirstFreeSuffix() {
        #expect(
            NodeIdentifiers(["a b", "a-b", "a b", "", "!", "n3", "a_b"]).ids
                == ["a-b-2", "a-b", "a-b-3", "n3-2", "n4", "n3", "a_b"])
        #expect(NodeIdentifiers(["x", "x", "x"]).ids == ["x", "x-2", "x-3"])
    }

    @Test func textIsKeptVerbatimExceptCharactersXMLForbids() throws {
        let data = try writer.data(for: Fixtures.awkwardGraph())
        let document = try #require(XMLCheck.parse(data))
        defer { xmlFreeDoc(document) }
        let nodes = XMLCheck.elements("node", in: xmlDocGetRootElement(document))
        func label(_ index: Int) -> String { XMLCheck.text(of: XMLCheck.elements("data", in: nodes[index])[0]) }
        #expect(label(0) == #"say "hello""#)
        #expect(label(1) == #"C:\path\ends\"#)
        #expect(label(2) == "<tag> & </tag>")
        #expect(label(3) == "first line\nsecond line\r\nthird")
        #expect(label(4) == "bellnullesctab\tend")
        #expect(label(6) == "Rocket 🚀 science 👩‍🔬")
        let aliases = XMLCheck.text(of: XMLCheck.elements("data", in: nodes[5])[1])
        #expect(aliases == "Café crème — naïve\nalias 5")
    }

    @Test func xmlSafeDropsOnlyForbiddenCharacters() {
        #expect(ExportText.xmlSafe("a\u{0}b\u{1}c\u{8}d\u{B}e\u{C}f\u{1F}g") == "abcdefg")
        #expect(ExportText.xmlSafe("tab\tlf\ncr\r") == "tab\tlf\ncr\r")
        #expect(ExportText.xmlSafe("x\u{FFFE}y\u{FFFF}z\u{FFFD}") == "xyz\u{FFFD}")
        #expect(ExportText.xmlSafe("\u{7F}\u{85}\u{E000}\u{10FFFF}ｆｕｌｌ") == "\u{7F}\u{85}\u{E000}\u{10FFFF}ｆｕｌｌ")
    }

    @Test func doublesAreShortestRoundTripWithGraphMLSpecials() throws {
        #expect(ExportText.double(0.5) == "0.5")
        #expect(ExportText.double(1) == "1.0")
        #expect(ExportText.double(1e-7) == "1e-07")
        #expect(ExportText.double(1e16) == "1e+16")
        #expect(ExportText.double(0.1 + 0.2) == "0.30000000000000004")
        #expect(ExportText.double(.nan) == "NaN")
        #expect(ExportText.double(.infinity) == "INF")
        #expect(ExportText.double(-.infinity) == "-INF")
        let text = String(decoding: try writer.data(for: Fixtures.awkwardGraph()), as: UTF8.self)
        for special in ["NaN", "INF", "-INF", "1e-07"] {
            #expect(text.contains("<data key=\"e_weight\">\(special)</data>"))
        }
    }

    @Test func emptyGraphIsAValidDocument() throws {
        let text = String(decoding: try writer.data(for: Fixtures.chain(0)), as: UTF8.self)
        #expect(text.contains("<graph id=\"concepts\" edgedefault=\"directed\"/>"))
    }

    @Test(.enabled(if: TestPaths.shared("graphml-schema/graphml.xsd") != nil))
    func outputValidatesAgainstTheGraphMLSchema() throws {
        for analyzed in [
            Fixtures.awkwardGraph(), Fixtures.awkwardGraph(clusters: 1), Fixtures.chain(0), Fixtures.chain(3),
        ] {
            let data = try writer.data(for: analyzed)
            #expect(XMLCheck.schemaErrors(data) == nil)
        }
        // The check itself can fail: a space in a node id is not an NMTOKEN.
        var broken = String(decoding: try writer.data(for: Fixtures.chain(2)), as: UTF8.self)
        broken = broken.replacingOccurrences(of: "\"c0\"", with: "\"c 0\"")
        #expect(XMLCheck.schemaErrors(Data(broken.utf8)) != nil)
    }

    @Test(.enabled(if: TestPaths.shared("graphml-schema/graphml.xsd") != nil, "needs ../shared/graphml-schema"))
    func bundledGraphValidatesAgainstTheGraphMLSchema() throws {
        let data = try Data(contentsOf: TestPaths.repositoryRoot.appendingPathComponent("Graphs/concepts.graphml"))
        #expect(XMLCheck.schemaErrors(data) == nil)
    }

    @Test(.enabled(if: Tool.hasNetworkX))
    func loadsInNetworkXWhenPython3WithNetworkXIsInstalled() throws {
        let analyzed = Fixtures.awkwardGraph()
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("g.graphml").path
        try writer.write(analyzed, to: path)
        let script = """
            import json, sys, networkx as nx
            g = nx.read_graphml(sys.argv[1])
            def enc(v):
                return [type(v).__name__, repr(v) if isinstance(v, float) else v]
            print(json.dumps({
                "multi": g.is_multigraph(), "directed": g.is_directed(),
                "nodes": [[n, {k: enc(v) for k, v in d.items()}] for n, d in g.nodes(data=True)],
                "edges": [[u, v, k, {a: enc(x) for a, x in d.items()}] for u, v, k, d in g.edges(keys=True, data=True)],
            }))
            """
        let (status, output, errors) = try Tool.run(Tool.find("python3")!, ["-c", script, path])
        #expect(status == 0, "\(errors)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(json["multi"] as? Bool == true)  // the fixture has a parallel edge
        #expect(json["directed"] as? Bool == true)
        let nodes = try #require(json["nodes"] as? [[Any]])
        let edges = try #require(json["edges"] as? [[Any]])
        #expect(nodes.count == analyzed.graph.concepts.count)
        #expect(edges.count == analyzed.graph.relations.count)

        let ids = NodeIdentifiers(analyzed.graph.concepts.map(\.id)).ids
        let byID = Dictionary(uniqueKeysWithValues: nodes.map { ($0[0] as! String, $0[1] as! [String: [Any]]) })
        for (index, concept) in analyzed.graph.concepts.enumerated() {
            let attributes = try #require(byID[ids[index]])
            #expect(attributes.count == 11)
            #expect(attributes["label"]?[1] as? String == ExportText.xmlSafe(concept.label))
            #expect(attributes["terms"]?[1] as? String == ExportText.xmlSafe(concept.terms.joined(separator: "\n")))
            #expect(attributes["definition"]?[1] as? String == ExportText.xmlSafe(concept.definition))
            #expect(attributes["cards"]?[0] as? String == "int")
            #expect(attributes["cards"]?[1] as? Int == concept.cards.count)
            #expect(attributes["order"]?[1] as? Int == analyzed.orderPosition[index])
            #expect(attributes["cluster_name"]?[1] as? String == analyzed.clusterNames[analyzed.cluster[index]])
            #expect(Double(attributes["rank"]?[1] as? String ?? "") == analyzed.rank[index])
        }
        let edgesByKey = Dictionary(uniqueKeysWithValues: edges.map { ($0[2] as! String, $0) })
        for (index, relation) in analyzed.graph.relations.enumerated() {
            let edge = try #require(edgesByKey["e\(index)"])
            #expect(edge[0] as? String == ids[relation.source])
            #expect(edge[1] as? String == ids[relation.target])
            let attributes = try #require(edge[3] as? [String: [Any]])
            #expect(attributes["kind"]?[1] as? String == relation.kind.rawValue)
            #expect(attributes["evidence"]?[1] as? String == ExportText.xmlSafe(relation.evidence))
            let weight = try #require(Double(attributes["weight"]?[1] as? String ?? ""))
            #expect(weight == relation.weight || (weight.isNaN && relation.weight.isNaN))
        }
    }

    @Test func inconsistentGraphIsATypedError() {
        var analyzed = Fixtures.chain(3)
        analyzed.rank.removeLast()
        #expect(throws: ExportError.inconsistentGraph("rank has 2 entries for 3 concepts")) {
            try writer.data(for: analyzed)
        }
        analyzed = Fixtures.chain(3)
        analyzed.graph.relations.append(Relation(source: 0, target: 7, kind: .related))
        #expect(throws: ExportError.inconsistentGraph("relation 2 points outside the 3 concepts")) {
            try writer.data(for: analyzed)
        }
    }

    @Test func writeToFileGivesTheSameBytesAndReportsThePathOnFailure() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("deep/er/g.graphml").path
        try writer.write(Fixtures.awkwardGraph(), to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == writer.data(for: Fixtures.awkwardGraph()))

        let error = #expect(throws: ExportError.self) {
            try writer.write(Fixtures.chain(2), to: folder.appendingPathComponent("deep").path)
        }
        #expect(error == .file(operation: "replace", path: folder.appendingPathComponent("deep").path, errno: EISDIR))
        #expect(error?.description.contains("hint: ") == true)
    }
}
