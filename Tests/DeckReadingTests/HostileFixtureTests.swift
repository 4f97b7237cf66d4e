import Foundation
import TestSupport
import Testing

@testable import DeckReading

/// Hostile and damaged files, each with the exact message a user sees (or the cards read).
@Suite struct HostileFixtureTests {
    /// Writes `bytes` as `name` in a fresh folder and loads it as a user's run would.
    static func load(_ bytes: [UInt8], _ name: String) throws -> (DeckLoader.Result, String) {
        let folder = try TestPaths.temporaryDirectory()
        let path = folder.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (DeckLoader().load(paths: [path]), path)
    }

    static func utf16(_ text: String, bigEndian: Bool, mark: Bool = true) -> [UInt8] {
        var bytes: [UInt8] = []
        for unit in ((mark ? "\u{FEFF}" : "") + text).utf16 {
            let pair = [UInt8(unit >> 8), UInt8(unit & 0xFF)]
            bytes += bigEndian ? pair : pair.reversed()
        }
        return bytes
    }

    static func fronts(_ result: DeckLoader.Result) -> [String] { result.cards.map(\.front) }

    @Test func byteOrderMarksAndLineEndingsAreRead() throws {
        let bom = try Self.load(
            [0xEF, 0xBB, 0xBF]
                + Array("What is CRM?\r\nCustomer relationship management.\r\nWhat is SCM?\r\nSupply chain.\r\n".utf8),
            "bom-crlf.txt")
        #expect(Self.fronts(bom.0) == ["What is CRM?", "What is SCM?"])
        #expect(bom.0.errors.isEmpty && bom.0.warnings.isEmpty)
        let cr = try Self.load(Array("CPU\tprocessor\rRAM\tmemory\r".utf8), "lone-cr.tsv")
        #expect(Self.fronts(cr.0) == ["CPU", "RAM"])
        #expect(cr.0.cards.map(\.location.line) == [1, 2])
        for bigEndian in [false, true] {
            let text = "CPU\tprocessor\r\nCafé\tcoffee 😀\n"
            let (result, _) = try Self.load(Self.utf16(text, bigEndian: bigEndian), "utf16.tsv")
            #expect(Self.fronts(result) == ["CPU", "Café"], "big endian: \(bigEndian)")
            #expect(result.cards.last?.back == "coffee 😀")
            #expect(result.cards.map(\.location.line) == [1, 2])
        }
    }

    @Test func unreadableEncodingsAndBinaryFilesSayWhatTheyAre() throws {
        let cases: [([UInt8], String, String)] = [
            (
                Self.utf16("CPU\tprocessor\nRAM\tmemory\n", bigEndian: false, mark: false), "nobom.txt",
                "nobom.txt: error: looks like UTF-16LE text without a byte-order mark (convert it to UTF-8: iconv -f UTF-16LE -t UTF-8 '{path}' > deck-utf8.txt)"
            ),
            (
                [0xFF, 0xFE, 0, 0, 0x41, 0, 0, 0], "utf32.txt",
                "utf32.txt: error: UTF-32LE text (byte-order mark FF FE 00 00) (convert it to UTF-8: iconv -f UTF-32LE -t UTF-8 '{path}' > deck-utf8.txt)"
            ),
            (
                Array("PK\u{03}\u{04}".utf8) + [0x14, 0, 0, 0, 8, 0] + Array(1...40), "deck.txt",
                // Without the package reader (the CLI injects it: see OutputSafetyTests for its message).
                "deck.txt: error: a zip archive (an Anki package?): this build reads no packages (use the conceptgraph command, which reads .apkg and .colpkg files)"
            ),
            (
                Array("SQLite format 3".utf8) + [0] + [UInt8](repeating: 1, count: 20), "collection.txt",
                "collection.txt: error: an SQLite database, not a text deck (export the deck from the application as plain text, TSV or CSV)"
            ),
            (
                [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 0, 0] + Array("rest".utf8), "program.txt",
                "program.txt:1: error: binary file (NUL byte found) (export the deck as plain text, TSV or CSV)"
            ),
            (
                Array("CPU\tprocessor\n".utf8) + [0xC3, 0x28] + Array("\tx\n".utf8), "latin.tsv",
                "latin.tsv:2: error: invalid UTF-8 (byte 0xC3) (save the file as UTF-8)"
            ),
        ]
        for (bytes, name, expected) in cases {
            let (result, path) = try Self.load(bytes, name)
            let message = expected.replacingOccurrences(of: "{path}", with: path)
                .replacingOccurrences(of: "\(name):", with: "\(path):", options: .anchored)
            #expect(result.errors.map(\.description) == [message], "\(name)")
            #expect(result.cards.isEmpty)
        }
    }

    @Test func controlCharactersAreRemovedWithAWarning() throws {
        let (result, path) = try Self.load(
            Array("CPU\u{01}\tthe \u{1B}processor\u{7F}\nRAM\tmemory\u{0C} here\n\u{02}\tonly a control\n".utf8),
            "controls.tsv")
        #expect(Self.fronts(result) == ["CPU", "RAM"])
        #expect(result.cards.map(\.back) == ["the processor", "memory here"])
        #expect(
            result.warnings.map(\.description) == [
                "\(path):1: warning: 5 control characters removed from card text (first: U+0001) (they are invisible and would break exported files)"
            ])
    }

    @Test func mixedSeparatorsAreWarnedLineByLine() throws {
        let (result, path) = try Self.load(
            Array("CPU\tprocessor\nRAM\tmemory\nROM|read only\ncache;;fast memory\nbus\tconnection\n".utf8), "mixed.txt"
        )
        #expect(Self.fronts(result) == ["CPU", "RAM", "bus"])
        #expect(
            result.warnings.map(\.description) == [
                "\(path):3: warning: line has no 'TAB' separator; skipped (put 'TAB' between the front and the back)",
                "\(path):4: warning: line has no 'TAB' separator; skipped (put 'TAB' between the front and the back)",
            ])
    }

    @Test func deepAndBrokenQuotingInCSV() throws {
        let deep = try Self.load(
            Array(("front,back\n\"" + String(repeating: "\"\"", count: 5000) + "\",x\n\"ok\",\"fine\"\n").utf8),
            "deep.csv")
        #expect(deep.0.errors.isEmpty)
        #expect(deep.0.cards.first?.front == String(repeating: "\"", count: 5000))
        #expect(deep.0.cards.last?.front == "ok")
        let (broken, path) = try Self.load(
            Array("front,back\n\"ok\",\"fine\"\n\"open,never closed\nmore\n".utf8), "open.csv")
        #expect(Self.fronts(broken) == ["ok"])
        #expect(
            broken.errors.map(\.description) == [
                "\(path):3: error: quoted field opened here is never closed (add the closing \" or double the quotes inside)"
            ])
    }

    @Test func symlinkLoopsDanglingLinksAndFIFOs() throws {
        let folder = try TestPaths.temporaryDirectory()
        let a = folder.appendingPathComponent("loop-a.txt").path
        let b = folder.appendingPathComponent("loop-b.txt").path
        #expect(symlink(b, a) == 0 && symlink(a, b) == 0)
        let dangling = folder.appendingPathComponent("dangling.txt").path
        #expect(symlink("nowhere.txt", dangling) == 0)
        let fifo = folder.appendingPathComponent("pipe.txt").path
        #expect(mkfifo(fifo, 0o644) == 0)
        // A folder that contains a link to itself is walked once.
        let inner = folder.appendingPathComponent("decks")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        try Data("CPU\tprocessor\n".utf8).write(to: inner.appendingPathComponent("d.tsv"))
        #expect(symlink(inner.path, inner.appendingPathComponent("again").path) == 0)
        let result = DeckLoader().load(paths: [a, dangling, fifo, inner.path])
        #expect(
            result.errors.map(\.description) == [
                "\(a): error: symbolic link loop (too many levels of symbolic links) (point the link at a real file)",
                "\(dangling): error: symbolic link to a missing file (point the link at a real file)",
                "\(fifo): error: not a regular file (a named pipe (FIFO)) (decks are read from regular files: save the deck to a file first)",
            ])
        #expect(Self.fronts(result) == ["CPU"])
    }
}
