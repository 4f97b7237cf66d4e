import Foundation
import TestSupport
import Testing

@testable import DeckReading

/// The real decks in `../shared/decks` (see each SOURCE.md): every text deck reads without errors.
@Suite(.enabled(if: TestPaths.shared("decks") != nil, "needs ../shared/decks"))
struct RealDeckTests {
    func load(_ relative: String) throws -> DeckLoader.Result {
        let url = try #require(TestPaths.shared("decks/\(relative)"))
        let result = DeckLoader().load(paths: [url.path])
        #expect(result.errors.isEmpty, "\(result.errors)")
        return result
    }

    @Test func botanyTSVWithHeaderRow() throws {
        let r = try load("botany-tsv/deck.tsv")
        #expect(r.cards.count == 51)
        #expect(r.cards.first?.front == "Dioecious")
        #expect(r.cards.first?.location.line == 2)
    }

    @Test func asteriskSeparatedWithOneBrokenLine() throws {
        let r = try load("cs-alevel-asterisk/flashcards.txt")
        // 50 lines, one lost its '*': read around with a warning (SOURCE.md).
        #expect((49...50).contains(r.cards.count))
        #expect(r.warnings.contains { $0.kind == .missingSeparator && $0.location.line == 23 })
        #expect(r.cards.first?.front == "PC")
        #expect(!r.cards.contains { $0.back.contains("\r") })
    }

    @Test func csciCSVsWithAnkiHeadersAndHeaderRows() throws {
        let r = try load("csci5001-computer-architecture")
        #expect(r.decks.count == 11)
        #expect(r.cards.count == 660)
        #expect(r.decks.contains { $0.name == "CSCI 50.01 Module 5" })
        #expect(r.cards.allSatisfy { !$0.front.hasPrefix("\"") && $0.front != "front" })
        let anki = try #require(r.decks.first { $0.name == "CSCI 50.01 Module 5" })
        #expect(anki.cards[0].tags.contains("CSCI50.01"))
        #expect(anki.cards[0].tags.contains("computer-architecture"))
    }

    @Test func medicineTabSeparatedWithBlankLines() throws {
        let r = try load("mfel1010-medicine/flashcards.txt")
        #expect(r.cards.count == 521)
        #expect(r.cards[1].location.line == 3)
    }

    @Test func potatopsychPipeWithGuidAndTags() throws {
        let r = try load("potatopsych-anki-pipe/anki.txt")
        #expect(r.cards.count == 84)
        let first = try #require(r.cards.first)
        #expect(!first.front.contains("<br>") && !first.front.contains("47001b56"))
        #expect(first.tags == ["meq-structure", "general-psych"])
        #expect(first.back.hasPrefix("- Organic\n- Substance-induced"))
        #expect(r.cards.filter { $0.back.isEmpty }.count == 2)
    }

    @Test func potatopsychHeaderRunningIntoFirstRecord() throws {
        let r = try load("potatopsych-anki-pipe/anki.csv")
        // SOURCE.md says 10 notes: 11 lines, the first being header + record. Recovering the header
        // keeps that first record too, so 11 cards.
        #expect(r.cards.count == 11)
        #expect(r.warnings.contains { $0.kind == .malformedHeader && $0.location.line == 1 })
        #expect(r.cards.first?.front.hasPrefix("# General Psychiatry\n## Acute") == true)
    }

    @Test func startupVocabularyCRLF() throws {
        let r = try load("startup-vocabulary/deck.tsv")
        #expect(r.cards.count == 132)
        #expect(r.cards.contains { $0.front == "\"Cracked\" Engineer" })
    }

    @Test func geographyMultiColumnCSV() throws {
        let r = try load("ultimate-geography/brain-brew-csv")
        #expect(r.decks.count == 7)
        #expect(r.cards.allSatisfy { $0.front != "country" })
    }

    @Test func wholeFolderSkipsNonDecksWithWarnings() throws {
        let url = try #require(TestPaths.shared("decks"))
        let r = DeckLoader().load(paths: [url.path])
        #expect(r.errors.isEmpty, "\(r.errors)")
        #expect(r.warnings.contains { $0.kind == .notADeck && $0.message.contains("spaced-repetition plugin (JSON)") })
        #expect(r.warnings.contains { $0.kind == .notADeck && $0.message.contains("Markdown") })
        for deck in r.decks { print(deck.path, deck.format, deck.cards.count) }
        for w in r.warnings { print(w) }
    }
}
