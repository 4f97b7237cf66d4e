import Foundation
import TestSupport
import Testing

@testable import DeckReading

/// CrowdAnki JSON, Obsidian Markdown and the errors for files in formats we do not read.
struct CrowdAnkiTests {
    static let deck = """
        {
            "__type__": "Deck",
            "name": "Bio",
            "children": [
                {
                    "__type__": "Deck", "name": "Cells", "children": [],
                    "notes": [
                        {"__type__": "Note", "fields": ["Mitochondrion", "Makes ATP", ""],
                         "guid": "g1", "note_model_uuid": "basic", "tags": ["BIO::Cell", "easy"]},
                        {"__type__": "Note", "fields": ["Ribosome", "Makes proteins", "y"],
                         "guid": "g2", "note_model_uuid": "basic", "tags": []}
                    ]
                }
            ],
            "note_models": [
                {"crowdanki_uuid": "basic", "name": "Basic (optional reverse)", "type": 0,
                 "flds": [{"name": "Front"}, {"name": "Back"}, {"name": "Add Reverse"}],
                 "tmpls": [
                    {"name": "Card 1", "qfmt": "<div class=tags>{{Tags}}</div>{{Front}}", "afmt": "{{FrontSide}}<hr>{{Back}}"},
                    {"name": "Card 2", "qfmt": "{{#Add Reverse}}{{Back}}{{/Add Reverse}}", "afmt": "{{FrontSide}}<hr>{{Front}}"}
                 ]},
                {"crowdanki_uuid": "cloze", "name": "Cloze", "type": 1,
                 "flds": [{"name": "Text"}, {"name": "Extra"}],
                 "tmpls": [{"name": "Cloze", "qfmt": "{{cloze:Text}}", "afmt": "{{cloze:Text}}<br>{{Extra}}"}]}
            ],
            "notes": [
                {"__type__": "Note", "fields": ["{{c1::ATP}} is made by {{c2::mitochondria::organelle}}; {{c1::ATP}} stores energy", "<b>energy</b>"],
                 "guid": "g3", "note_model_uuid": "cloze", "tags": ["BIO"]},
                {"__type__": "Note", "fields": ["<img src=\\"x.png\\">", "picture", ""],
                 "guid": "g4", "note_model_uuid": "basic", "tags": []}
            ]
        }
        """

    @Test func notesBecomeTheCardsAnkiWouldGenerate() throws {
        let result = read(Self.deck, name: "bio.json")
        #expect(result.errors.isEmpty, "\(result.errors)")
        let deck = try #require(result.decks.first)
        #expect(deck.format == .crowdanki)
        #expect(deck.name == "Bio")
        // Root notes first (cloze c1, c2; the picture card is skipped), then the sub-deck: g1, g2 and g2's reverse.
        #expect(
            deck.cards.map(\.front) == [
                "[...] is made by mitochondria; [...] stores energy", "ATP is made by [organelle]; ATP stores energy",
                "Mitochondrion", "Ribosome", "Makes proteins",
            ])
        #expect(deck.cards[0].back == "ATP; ATP\nenergy")
        #expect(deck.cards[1].back == "mitochondria\nenergy")
        #expect(deck.cards[2].back == "Makes ATP")
        #expect(deck.cards[4].back == "Ribosome")
        #expect(deck.cards[2].deckPath == ["Bio", "Cells"])
        #expect(deck.cards[2].tags == ["BIO::Cell", "easy"])
        #expect(deck.cards[2].hierarchyHints == [["Bio", "Cells"], ["BIO", "Cell"]])
        #expect(deck.cards[4].origin == CardOrigin(guid: "g2", ordinal: 1))
        #expect(deck.cards[1].origin?.ordinal == 1)
        #expect(deck.cards[2].location.line == 9)
        #expect(result.warnings.contains { $0.kind == .emptyFront && $0.message.hasPrefix("1 of 6 cards") })
    }

    @Test func jsonThatIsNotCrowdAnkiIsNamed() {
        let object = read(#"{"nodes": [], "links": []}"#, name: "graph.json")
        #expect(object.decks.isEmpty)
        #expect(object.errors.first?.kind == .unknownFormat)
        #expect(object.errors.first?.message.contains("JSON, but not a CrowdAnki deck") == true)
        let array = read(#"[{"front": "a"}]"#, name: "cards.txt")
        #expect(array.errors.first?.message.contains("a JSON array") == true)
        let broken = read(#"{"__type__": "Deck", "name": "x", "notes": [{"fields": 3}]}"#, name: "x.json")
        #expect(broken.errors.first?.message.contains("not a readable CrowdAnki deck") == true)
    }

    @Test func binaryAndMarkupFilesAreNamed() {
        func message(_ bytes: [UInt8], _ name: String) -> String {
            DeckLoader().read(bytes: bytes, path: name).errors.first?.message ?? ""
        }
        #expect(message([0x50, 0x4B, 0x03, 0x04, 0, 0, 0], "x.apkg").contains("zip archive"))
        #expect(message(Array("SQLite format 3\u{0}xxxx".utf8), "collection.anki2").contains("SQLite database"))
        #expect(message(Array("%PDF-1.4\n".utf8), "notes.txt").contains("PDF document"))
        #expect(message(Array("<!DOCTYPE html><html></html>".utf8), "page.txt").contains("HTML page"))
        #expect(message(Array("<?xml version=\"1.0\"?><graphml/>".utf8), "g.txt").contains("GraphML"))
    }
}

struct ObsidianTests {
    static let note = """
        ---
        tags: [biology, flashcards/cells]
        aliases: ["q::a in front matter is not a card"]
        ---
        # Cells

        The [[Mitochondrion|mitochondrion]]::makes ATP ^abc123
        ATP:::adenosine triphosphate

        ## Membranes
        What does the membrane do?
        Which one?
        ?
        - keeps the inside in
        - lets [[Nutrient]]s through
        ___
        Front two
        ??
        Back two

        The ==nucleus== holds the ==DNA==.

        ```
        code::not a card
        ```
        ![[Picture.png]]
        """

    @Test func everyCardKindIsRead() throws {
        let result = read(Self.note, name: "Cells.md")
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        let cards = try #require(result.decks.first).cards
        #expect(
            cards.map(\.front) == [
                "The mitochondrion", "ATP", "adenosine triphosphate", "What does the membrane do?\nWhich one?",
                "Front two", "Back two", "The [...] holds the DNA.", "The nucleus holds the [...].",
            ])
        #expect(cards[0].back == "makes ATP")
        #expect(cards[3].back == "- keeps the inside in\n- lets Nutrients through")
        #expect(cards[3].context == ["Cells", "Cells", "Membranes"])
        #expect(cards[6].back == "nucleus")
        #expect(cards[0].location.line == 7)
        #expect(cards[3].location.line == 11)
        #expect(cards[0].deckPath == ["flashcards", "cells"])
    }

    @Test func pluginSettingsChooseTheSeparators() throws {
        let data = Data(##"{"settings": {"singleLineCardSeparator": ";;", "flashcardTags": ["#sr"]}}"##.utf8)
        let settings = ObsidianReader.Settings(pluginData: data)
        #expect(settings.singleLine == ";;")
        #expect(settings.singleLineReversed == ":::")
        let out = ObsidianReader(file: "n.md", noteTitle: "n", settings: settings).read(
            Array("#sr\n- [ ] Search 1;; Sequential\nkey:: value\n".utf8), from: 0)
        #expect(out.cards.map(\.front) == ["Search 1"])
        #expect(out.cards.first?.back == "Sequential")
    }

    @Test func aNoteWithoutCardsIsAnErrorNotAJunkGraph() {
        let result = read("# Links\n\n- [[Other note]]\n", name: "Links.md")
        #expect(result.decks.isEmpty)
        #expect(result.errors.first?.kind == .noCards)
    }
}

/// Card counts of the real decks against their SOURCE.md.
@Suite(.enabled(if: TestPaths.shared("decks") != nil, "needs ../shared/decks"))
struct RealNewFormatTests {
    func load(_ relative: String) throws -> DeckLoader.Result {
        let url = try #require(TestPaths.shared("decks/\(relative)"))
        let result = DeckLoader().load(paths: [url.path])
        #expect(result.errors.isEmpty, "\(result.errors)")
        return result
    }

    /// The "N of M cards show only pictures" warning: M is the count SOURCE.md gives.
    func generated(_ result: DeckLoader.Result) -> Int {
        let skipped = result.warnings.compactMap { warning -> Int? in
            guard warning.kind == .emptyFront, let of = warning.message.range(of: " of ") else { return nil }
            return Int(warning.message[of.upperBound...].prefix { $0.isNumber })
        }
        return skipped.first ?? result.cards.count
    }

    @Test func openstaxEconomics() throws {
        let r = try load("openstax-economics/deck.json")
        // SOURCE.md: 85 notes, about 109 cards (24 two-cloze notes + 61 basic).
        #expect(r.cards.count == 109)
        #expect(r.cards.contains { $0.tags.contains("Category::Key_Terms") })
    }

    @Test func ultimateGeography() throws {
        let r = try load("ultimate-geography/crowdanki/Ultimate_Geography.json")
        // SOURCE.md: 319 notes, about 1,095 cards; the 577 flag and map cards show only a picture.
        #expect(generated(r) == 1095)
        #expect(r.cards.count == 1095 - 577)
    }

    @Test func neetBiologyKeepsItsDeckTree() throws {
        let r = try load("neet-biology/deck.json")
        // SOURCE.md: 1,997 notes, about 5,243 cards; the 53 image-occlusion cards have no text.
        #expect(generated(r) == 5243)
        #expect(r.cards.count == 5243 - 53)
        #expect(r.cards.allSatisfy { $0.deckPath.count >= 2 })
        #expect(Set(r.cards.map { $0.deckPath.prefix(2).joined(separator: "/") }).count == 2)
    }

    @Test func mcultraMCAT() throws {
        let r = try load("mcultra-mcat/MCAT.json")
        // SOURCE.md: 4,999 notes, about 5,731 cards; 771 image-occlusion notes and 42 picture-only fronts.
        #expect(generated(r) == 5731)
        #expect(r.cards.count == 5731 - 813)
        #expect(r.cards.contains { $0.hierarchyHints.contains(["BIO", "NervousSystem"]) })
    }

    @Test func obsidianVault() throws {
        let r = try load("obsidian-hsc-software")
        // SOURCE.md: 249 multi-line + 39 single-line cards in 32 notes, 5 of them without cards.
        #expect(r.cards.count == 288)
        #expect(r.decks.count == 27)
        #expect(r.warnings.contains { $0.location.file.hasSuffix("obsidian-spaced-repetition-data.json") })
    }
}
