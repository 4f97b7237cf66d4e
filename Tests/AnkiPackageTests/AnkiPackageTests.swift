import DeckReading
import Foundation
import TestSupport
import Testing

@testable import AnkiPackage

/// Python with a module importable, for tests that use a reference tool (genanki) when present.
enum Python {
    static func has(_ module: String) -> Bool {
        (try? run(["-c", "import \(module)"])) == 0
    }

    @discardableResult
    static func run(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

struct AnkiPackageTests {
    /// A collection with one reviewed card and one new card, as the builder makes it.
    func sampleCollection() -> AnkiCollection {
        var builder = AnkiCollectionBuilder()
        let first = builder.addBasicNote(
            front: "Cell", back: "Unit of <life>", tags: ["bio"], deck: "Bio::Cells", due: 2)
        _ = builder.addBasicNote(front: "Organelle", back: "Part of a cell", tags: [], deck: "Bio::Cells", due: 1)
        var collection = builder.collection
        let index = collection.cards.firstIndex { $0.id == first }!
        collection.cards[index].type = 2
        collection.cards[index].queue = 2
        collection.cards[index].due = 400
        collection.cards[index].interval = 3
        collection.reviews = [
            AnkiCollection.Review(
                id: 1_650_000_000_000, cardID: first, ease: 3, interval: 3, lastInterval: 0, factor: 2500, time: 4000,
                type: 0)
        ]
        return collection
    }

    @Test func writtenPackagesReadBackTheSame() throws {
        let collection = sampleCollection()
        let data = try AnkiPackageWriter.data(for: collection)
        #expect(try AnkiPackageWriter.data(for: collection) == data, "the same collection gives the same bytes")
        let back = try AnkiPackageReader.read(bytes: [UInt8](data))
        #expect(back.notes == collection.notes)
        #expect(back.cards == collection.cards)
        #expect(back.reviews == collection.reviews)
        let decks = AnkiPackageDecks.decks(from: back, path: "x.apkg")
        #expect(decks.errors.isEmpty)
        #expect(decks.decks.map(\.name) == ["Bio"])
        let cards = decks.cards
        #expect(Set(cards.map(\.front)) == ["Cell", "Organelle"])
        #expect(cards.first { $0.front == "Cell" }?.back == "Unit of <life>")
        #expect(cards.allSatisfy { $0.deckPath == ["Bio", "Cells"] && $0.origin?.noteID != nil })
    }

    @Test func sha1MatchesTheStandardVectors() {
        func hex(_ s: String) -> String { SHA1.hash(Array(s.utf8)).map { String(format: "%02x", $0) }.joined() }
        #expect(hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(hex("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
    }

    @Test func zipsThatAreNotPackagesAreNamed() throws {
        let archiveData = try AnkiPackageWriter.data(for: sampleCollection())
        // Same zip, but the collection renamed: a zip that is not an Anki package.
        var bytes = [UInt8](archiveData)
        let name = Array("collection.anki2".utf8)
        let other = Array("collection.other".utf8)
        var i = 0
        while i + name.count <= bytes.count {
            if bytes[i..<(i + name.count)].elementsEqual(name) {
                bytes.replaceSubrange(i..<(i + name.count), with: other)
            }
            i += 1
        }
        #expect(throws: AnkiPackageError.notAnAnkiPackage(entries: ["collection.other", "media"])) {
            try AnkiPackageReader.read(bytes: bytes)
        }
        let result = DeckLoader(packageReader: AnkiPackageDecks.reader).read(bytes: bytes, path: "odd.apkg")
        #expect(result.errors.first?.message.contains("a zip archive, but not an Anki package") == true)
    }

    @Test(.enabled(if: Python.has("genanki"), "needs python3 with genanki (pip install genanki)"))
    func genankiPackageRoundTrips() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let package = dir.appendingPathComponent("genanki.apkg").path
        let script = """
            import genanki, sys
            basic = genanki.Model(1607392319, 'Simple', fields=[{'name': 'Question'}, {'name': 'Answer'}],
                templates=[{'name': 'Card 1', 'qfmt': '{{Question}}', 'afmt': '{{FrontSide}}<hr id=answer>{{Answer}}'}])
            deck = genanki.Deck(2059400110, 'Biology::Cells')
            deck.add_note(genanki.Note(model=basic, fields=['Mitochondrion', 'Makes <b>ATP</b>'], tags=['bio::cell'], guid='g1'))
            deck.add_note(genanki.Note(model=genanki.CLOZE_MODEL, fields=['{{c1::Ribosomes}} make {{c2::proteins}}', ''], guid='g2'))
            deck.add_note(genanki.Note(model=genanki.BASIC_AND_REVERSED_CARD_MODEL, fields=['ATP', 'energy currency'], guid='g3'))
            genanki.Package(deck).write_to_file(sys.argv[1])
            """
        #expect(try Python.run(["-c", script, package]) == 0)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: package)))
        let result = AnkiPackageDecks.decks(path: package, bytes: bytes)
        #expect(result.errors.isEmpty, "\(result.errors)")
        let cards = result.cards
        #expect(cards.count == 5)
        #expect(cards.first { $0.front == "Mitochondrion" }?.back == "Makes ATP")
        #expect(cards.first { $0.front == "Mitochondrion" }?.tags == ["bio::cell"])
        #expect(cards.contains { $0.front == "[...] make proteins" && $0.back == "Ribosomes" })
        #expect(cards.contains { $0.front == "energy currency" && $0.back == "ATP" })
        #expect(cards.allSatisfy { $0.deckPath == ["Biology", "Cells"] })
        // Written back, every note keeps its id and guid.
        let original = try AnkiPackageReader.read(bytes: bytes)
        var builder = AnkiCollectionBuilder()
        builder.merge(original)
        let again = try AnkiPackageReader.read(bytes: [UInt8](AnkiPackageWriter.data(for: builder.collection)))
        #expect(again.notes.map(\.id) == original.notes.map(\.id))
        #expect(again.notes.map(\.guid) == original.notes.map(\.guid))
        #expect(again.cards.count == original.cards.count)
    }
}

/// Packages in Anki's newer format (collection.anki21b: zstd, note types in tables with protobuf settings).
struct ModernPackageTests {
    @Test func protobufFieldsAreRead() {
        // Field 1 "{{Front}}", field 2 "{{Back}}", field 8 varint 150 (two bytes), field 9 fixed32 skipped.
        let bytes: [UInt8] =
            [0x0A, 9] + Array("{{Front}}".utf8) + [0x12, 8] + Array("{{Back}}".utf8) + [0x40, 0x96, 0x01]
            + [0x4D, 1, 2, 3, 4]
        let fields = Protobuf.fields(bytes)
        #expect(Protobuf.string(fields, 1) == "{{Front}}")
        #expect(Protobuf.string(fields, 2) == "{{Back}}")
        #expect(Protobuf.varint(fields, 8) == 150)
        #expect(Protobuf.fields([0x0A, 200, 1]).isEmpty, "a length past the end stops reading")
    }

    @Test func corruptZstdIsAnError() {
        #expect(throws: AnkiPackageError.self) { try Zstd.decompress(Data([0x28, 0xB5, 0x2F, 0xFD, 1, 2, 3])) }
    }

    @Test(.enabled(if: Python.has("anki"), "needs python3 with Anki's library (pip install anki)"))
    func ankiModernExportIsRead() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let package = dir.appendingPathComponent("modern.apkg").path
        let script = """
            import os, sys
            from anki.collection import Collection, ExportAnkiPackageOptions
            col = Collection(os.path.join(os.path.dirname(sys.argv[1]), 'src.anki2'))
            did = col.decks.id('Bio::Cells')
            for q, a in [('Mitochondrion', 'Makes <b>ATP</b>'), ('Ribosome', 'Makes proteins')]:
                n = col.new_note(col.models.by_name('Basic')); n['Front'] = q; n['Back'] = a; n.tags = ['bio::cell']
                col.add_note(n, did)
            n = col.new_note(col.models.by_name('Cloze')); n['Text'] = '{{c1::ATP}} is made by {{c2::mitochondria}}'
            col.add_note(n, did)
            col.export_anki_package(out_path=sys.argv[1], limit=None,
                options=ExportAnkiPackageOptions(with_scheduling=True, with_media=False, legacy=False))
            col.close()
            """
        #expect(try Python.run(["-c", script, package]) == 0)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: package)))
        let collection = try AnkiPackageReader.read(bytes: bytes)
        #expect(collection.notes.count == 3, "the real collection, not the placeholder note")
        let result = AnkiPackageDecks.decks(from: collection, path: package)
        #expect(result.errors.isEmpty, "\(result.errors)")
        let cards = result.cards
        #expect(cards.count == 4)
        #expect(cards.contains { $0.front == "Mitochondrion" && $0.back == "Makes ATP" && $0.tags == ["bio::cell"] })
        #expect(cards.contains { $0.front == "ATP is made by [...]" && $0.back == "mitochondria" })
        #expect(cards.allSatisfy { $0.deckPath == ["Bio", "Cells"] })
        // Written back as schema 11, the notes keep their ids.
        var builder = AnkiCollectionBuilder()
        builder.merge(collection)
        let again = try AnkiPackageReader.read(bytes: [UInt8](AnkiPackageWriter.data(for: builder.collection)))
        #expect(again.notes.map(\.id) == collection.notes.map(\.id))
        #expect(AnkiPackageDecks.decks(from: again, path: "again.apkg").cards.count == 4)
    }
}
