import ConceptAnalysis
import ConceptExtraction
import Foundation
import TestSupport
import Testing

@testable import GraphExport

/// The streaming writers (to a file or a descriptor) give exactly the in-memory documents' bytes.
@Suite struct StreamingWriterTests {
    /// Large enough for several 1 MiB pieces, with awkward text in it.
    static func largeGraph() -> AnalyzedGraph {
        var analyzed = ScaleTests.graph(nodes: 6_000, edgesPerNode: 8)
        let awkward = Fixtures.awkward.map(\.label)
        for index in analyzed.graph.concepts.indices {
            analyzed.graph.concepts[index].label = awkward[index % awkward.count] + " \(index)"
            analyzed.graph.concepts[index].definition = String(repeating: "défini «\(index)» ", count: index % 7)
        }
        return analyzed
    }

    @Test(arguments: [false, true])
    func graphMLFileEqualsDocument(large: Bool) throws {
        let analyzed = large ? Self.largeGraph() : Fixtures.awkwardGraph()
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("g.graphml").path
        try GraphMLWriter().write(analyzed, to: path)
        let expected = try GraphMLWriter().data(for: analyzed)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == expected)
        if large { #expect(expected.count > 2 * ByteSink.pieceSize) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["g.graphml"])
    }

    @Test(arguments: [false, true])
    func dotFileEqualsText(large: Bool) throws {
        let analyzed = large ? Self.largeGraph() : Fixtures.awkwardGraph()
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("g.dot").path
        try DOTWriter().write(analyzed, to: path)
        let expected = Data(try DOTWriter().text(for: analyzed).utf8)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == expected)
        if large { #expect(expected.count > 2 * ByteSink.pieceSize) }
    }

    @Test func descriptorWritesEqualDocuments() throws {
        let analyzed = Fixtures.awkwardGraph()
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for format in ["graphml", "dot"] {
            let path = folder.appendingPathComponent("out.\(format)").path
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            try #require(fd >= 0)
            if format == "graphml" {
                try GraphMLWriter().write(analyzed, toDescriptor: fd, path: path)
            } else {
                try DOTWriter().write(analyzed, toDescriptor: fd, path: path)
            }
            close(fd)
            let expected =
                format == "graphml"
                ? try GraphMLWriter().data(for: analyzed) : Data(try DOTWriter().text(for: analyzed).utf8)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == expected, "\(format)")
        }
    }

    /// A write error (here: a descriptor open for reading) is an `ExportError.file` naming the path.
    @Test func writeErrorsAreReportedWithThePath() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("read-only").path
        FileManager.default.createFile(atPath: path, contents: Data())
        let fd = open(path, O_RDONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        for format in ["graphml", "dot"] {
            #expect {
                if format == "graphml" {
                    try GraphMLWriter().write(Fixtures.awkwardGraph(), toDescriptor: fd, path: "<out>")
                } else {
                    try DOTWriter().write(Fixtures.awkwardGraph(), toDescriptor: fd, path: "<out>")
                }
            } throws: { error in
                guard case .file(_, let failedPath, let code) = error as? ExportError else { return false }
                return failedPath == "<out>" && code == EBADF
            }
        }
    }

    /// The byte-level DOT quoting gives what quoting scalar by scalar gives, run splitting included.
    @Test func dotQuotingMatchesScalarReference() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Unicode.Scalar] = [
            "a", "Z", " ", "\\", "\"", "\n", "\r", "\t", "\u{0}", "\u{1B}", "\u{7F}", "\u{80}", "\u{85}", "\u{9F}",
            "\u{A0}", "é", "日", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "\u{EFFF}", "🚀",
        ]
        for length in [0, 1, 5, 40, 3000, 9000, 20_000] {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<length { scalars.append(alphabet.randomElement(using: &generator)!) }
            let text = String(scalars)
            #expect(DOTWriter.quoted(text) == Self.referenceQuoted(text), "length \(length)")
        }
        let long = String(repeating: "日本語", count: 5000)
        #expect(DOTWriter.quoted(long) == Self.referenceQuoted(long))
    }

    /// The rule of `DOTWriter.quoted`, one Unicode scalar at a time.
    static func referenceQuoted(_ text: String) -> String {
        var out = "\""
        var runBytes = 0
        for scalar in text.unicodeScalars {
            let piece: String
            switch scalar {
            case "\\": piece = "\\\\"
            case "\"": piece = "\\\""
            case "\n": piece = "\\n"
            case "\t": piece = " "
            default:
                let value = scalar.value
                if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0xFFFE || value == 0xFFFF { continue }
                piece = String(scalar)
            }
            if runBytes + piece.utf8.count > DOTWriter.maxQuotedRunBytes {
                out += "\" + \""
                runBytes = 0
            }
            out += piece
            runBytes += piece.utf8.count
        }
        return out + "\""
    }
}
