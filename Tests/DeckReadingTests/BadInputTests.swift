import Foundation
import TestSupport
import Testing

@testable import DeckReading

/// Each bad input gives one clear `file:line: error: …` and never stops the other decks.
@Suite struct BadInputTests {
    func write(_ bytes: [UInt8], _ name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test func missingPath() {
        let r = DeckLoader().load(paths: ["/no/such/deck.txt"])
        #expect(r.errors.map(\.kind) == [.unreadableFile])
        #expect(r.errors.first?.description == "/no/such/deck.txt: error: no such file or folder (check the path)")
    }

    @Test func emptyFile() {
        #expect(read("", name: "e.txt").errors.map(\.kind) == [.emptyFile])
        #expect(read(" \n\n\t\r\n", name: "e.txt").errors.map(\.kind) == [.emptyFile])
    }

    @Test func binaryFile() {
        let r = DeckLoader().read(bytes: Array("ok\tline\nbad\0line\n".utf8), path: "b.tsv")
        #expect(r.errors.map(\.kind) == [.binaryFile])
        #expect(r.errors.first?.location.line == 2)
        #expect(r.decks.isEmpty)
    }

    @Test func invalidUTF8GivesTheLineOfTheFirstBadByte() {
        var bytes = Array("a\tb\nc\td\ne\t".utf8)
        bytes += [0xC3, 0x28]  // a lead byte without its continuation
        bytes += Array("\n".utf8)
        let r = DeckLoader().read(bytes: bytes, path: "u.tsv")
        #expect(r.errors.map(\.kind) == [.invalidUTF8])
        #expect(r.errors.first?.location.line == 3)
        #expect(r.errors.first?.description.hasPrefix("u.tsv:3: error: invalid UTF-8") == true)
        #expect(Bytes.validate([0xED, 0xA0, 0x80], file: "s", lineLimit: 100)?.kind == .invalidUTF8)  // surrogate
        #expect(Bytes.validate([0xC0, 0x80], file: "s", lineLimit: 100)?.kind == .invalidUTF8)  // overlong
        #expect(Bytes.validate(Array("é😀".utf8), file: "s", lineLimit: 100) == nil)
    }

    @Test func unterminatedQuoteGivesTheLineWhereItOpened() {
        let r = read("\"q1\",\"a1\"\n\"q2\",\"a2\n\"q3\",\"a3\"\n", name: "q.csv")
        #expect(r.errors.map(\.kind) == [.unterminatedQuote])
        #expect(r.errors.first?.location.line == 2)
        #expect(r.cards.map(\.front) == ["q1"])
    }

    @Test func hugeLineIsRefusedWithItsNumber() {
        var text = "q\ta\n"
        text += String(repeating: "x", count: 10 << 20) + "\n"
        let r = read(text, name: "h.tsv")
        #expect(r.errors.map(\.kind) == [.lineTooLong])
        #expect(r.errors.first?.location.line == 2)
    }

    @Test func fileWithNoCards() {
        let r = read("#separator:tab\n", name: "n.txt")
        #expect(r.errors.map(\.kind) == [.noCards])
        #expect(read("only one line", name: "one.txt").errors.map(\.kind) == [.noCards])
    }

    @Test func otherDecksStillLoadAndFoldersAreSortedAndFiltered() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try write(Array("b1\tback\nb2\tback\n".utf8), "b/deck.tsv", in: dir)
        _ = try write(Array("a1\tback\n".utf8), "a.tsv", in: dir)
        _ = try write([0xFF, 0xFE, 0x00, 0x41], "c.txt", in: dir)
        _ = try write(Array("# Notes\n".utf8), "readme.md", in: dir)
        _ = try write(Array("# Source\nWhat is this?::a deck's source note\n".utf8), "SOURCE.md", in: dir)
        _ = try write(Array("{}".utf8), "deck.json", in: dir)
        _ = try write(Array("x".utf8), "pic.png", in: dir)
        _ = try write(Array("hidden\tcard\n".utf8), ".hidden/h.tsv", in: dir)
        _ = try write(Array("n1\tback\n".utf8), "noext", in: dir)
        let r = DeckLoader().load(paths: [dir.path, dir.appendingPathComponent("missing.txt").path])
        #expect(r.decks.map(\.name) == ["a", "deck", "noext"])
        // c.txt is UTF-16LE (byte-order mark FF FE) holding one character: read, but no card in it.
        #expect(r.errors.map(\.kind) == [.noCards, .unreadableFile])
        let skipped = r.warnings.filter { $0.kind == .notADeck }.map(\.message)
        #expect(skipped.count == 4)
        #expect(skipped.contains { $0.contains("JSON, but not a CrowdAnki deck") })
        // Notes with no card lines and notes with cards but no deck tag say the same.
        let note = "skipped: a Markdown note without flashcards (no #flashcards tag or no cards)"
        #expect(skipped.count { $0 == note } == 2)
        #expect(skipped.contains { $0.contains("not a deck file") })
        // A file named explicitly is always attempted.
        let md = DeckLoader().load(paths: [dir.appendingPathComponent("readme.md").path])
        #expect(md.warnings.allSatisfy { $0.kind != .notADeck })
    }

    @Test func forcedFormat() {
        let r = DeckLoader(format: .plain).read(
            bytes: Array("What is x?\tan answer\nWhat is y?\tanother\n".utf8), path: "f.tsv")
        #expect(r.decks.first?.format == .plain)
        #expect(r.cards.first?.front == "What is x? an answer")
    }
}
