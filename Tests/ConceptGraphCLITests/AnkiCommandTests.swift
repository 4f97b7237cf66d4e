import AnkiPackage
import Foundation
import TestSupport
import Testing

/// `conceptgraph anki` on a package: ids, scheduling and history kept; new cards re-ordered and tagged.
@Suite struct AnkiCommandTests {
    @Test func packageInputKeepsIdsAndHistory() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var builder = AnkiCollectionBuilder()
        let cards = [
            ("ATP", "Adenosine triphosphate, the energy currency made by the mitochondrion"),
            ("Mitochondrion", "The organelle that makes ATP"),
            ("Organelle", "A part of a cell with its own job"),
            ("Cell", "The smallest unit of life"),
        ]
        var reviewed: Int64 = 0
        for (index, (front, back)) in cards.enumerated() {
            let id = builder.addBasicNote(front: front, back: back, tags: ["bio"], deck: "Bio", due: Int64(index + 1))
            if front == "Cell" { reviewed = id }
        }
        var collection = builder.collection
        let index = collection.cards.firstIndex { $0.id == reviewed }!
        collection.cards[index].type = 2
        collection.cards[index].queue = 2
        collection.cards[index].due = 321
        collection.reviews = [
            AnkiCollection.Review(
                id: 1_650_000_000_000, cardID: reviewed, ease: 3, interval: 4, lastInterval: 1, factor: 2500,
                time: 5000, type: 1)
        ]
        let input = dir.appendingPathComponent("bio.apkg")
        try AnkiPackageWriter.data(for: collection).write(to: input)

        let run = try CommandLineTests.run(["anki", "bio.apkg", "--output", "ordered.apkg"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let output = try AnkiPackageReader.read(
            bytes: [UInt8](Data(contentsOf: dir.appendingPathComponent("ordered.apkg"))))
        #expect(output.notes.map(\.id) == collection.notes.map(\.id))
        #expect(output.notes.map(\.guid) == collection.notes.map(\.guid))
        #expect(output.reviews == collection.reviews)
        let kept = try #require(output.cards.first { $0.id == reviewed })
        #expect(kept.due == 321 && kept.type == 2)
        #expect(output.notes.allSatisfy { $0.tags.contains("bio") })
        #expect(output.notes.contains { $0.tags.contains { $0.hasPrefix("concept::") } })
        #expect(output.notes.contains { $0.tags.contains { $0.hasPrefix("cluster::") } })
        let newDues = output.cards.filter(\.isNew).map(\.due).sorted()
        #expect(newDues == Array(Set(newDues)).sorted(), "new positions are distinct")

        // Never over an input.
        let over = try CommandLineTests.run(["anki", "bio.apkg", "--output", "bio.apkg"], in: dir)
        #expect(over.status == 2)
        #expect(over.stderr.contains("one of the decks read"))
    }
}

/// The same decks named in another order give byte-identical files.
@Suite struct ArgumentOrderTests {
    @Test func outputsDoNotDependOnTheOrderOfTheDecks() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "Cell\tThe smallest unit of life\nOrganelle\tA part of a cell\n".write(
            to: dir.appendingPathComponent("a.tsv"), atomically: true, encoding: .utf8)
        try "Mitochondrion\tThe organelle that makes ATP\nATP\tEnergy currency of the cell\n".write(
            to: dir.appendingPathComponent("b.tsv"), atomically: true, encoding: .utf8)
        for (format, ext) in [("json", "json"), ("graphml", "graphml")] {
            _ = try CommandLineTests.run(["export", "a.tsv", "b.tsv", "--format", format, "-o", "1.\(ext)"], in: dir)
            _ = try CommandLineTests.run(["export", "b.tsv", "a.tsv", "--format", format, "-o", "2.\(ext)"], in: dir)
            #expect(
                try Data(contentsOf: dir.appendingPathComponent("1.\(ext)"))
                    == Data(contentsOf: dir.appendingPathComponent("2.\(ext)")), "\(format)")
        }
        _ = try CommandLineTests.run(["anki", "a.tsv", "b.tsv", "-o", "1.apkg"], in: dir)
        _ = try CommandLineTests.run(["anki", "b.tsv", "a.tsv", "-o", "2.apkg"], in: dir)
        #expect(
            try Data(contentsOf: dir.appendingPathComponent("1.apkg"))
                == Data(contentsOf: dir.appendingPathComponent("2.apkg")))
    }
}

/// A CrowdAnki deck into a package: sub-decks and hierarchical tags survive.
@Suite struct CrowdAnkiToPackageTests {
    @Test func subDecksAndHierarchicalTagsAreKept() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let deck = """
            {"__type__": "Deck", "name": "Bio", "note_models": [
              {"crowdanki_uuid": "m", "name": "Basic", "type": 0, "flds": [{"name": "Front"}, {"name": "Back"}],
               "tmpls": [{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{FrontSide}}<hr>{{Back}}"}]}],
             "notes": [], "children": [{"__type__": "Deck", "name": "Cells", "children": [], "notes": [
              {"fields": ["Cell", "The smallest unit of life"], "guid": "a", "note_model_uuid": "m", "tags": ["BIO::Cell"]},
              {"fields": ["Organelle", "A part of a cell"], "guid": "b", "note_model_uuid": "m", "tags": ["BIO::Cell"]}]}]}
            """
        try deck.write(to: dir.appendingPathComponent("deck.json"), atomically: true, encoding: .utf8)
        let run = try CommandLineTests.run(["anki", "deck.json", "-o", "out.apkg"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let collection = try AnkiPackageReader.read(
            bytes: [UInt8](Data(contentsOf: dir.appendingPathComponent("out.apkg"))))
        #expect(collection.notes.count == 2)
        #expect(collection.notes.allSatisfy { $0.tags.contains("BIO::Cell") })
        #expect(collection.deckNames().values.contains("Bio::Cells"))
        let decks = AnkiPackageDecks.decks(from: collection, path: "out.apkg")
        #expect(decks.cards.allSatisfy { $0.deckPath == ["Bio", "Cells"] })
    }
}
