import Foundation
import Testing

@testable import DeckReading

/// Inputs that made the readers quadratic or lossy, at sizes where quadratic work would take
/// minutes: each test checks the result, not the time (speed is measured by benchmarks).
@Suite struct WorstCaseTests {
    @Test func deeplyNestedHTMLKeepsItsText() {
        for depth in [10, 255, 257, 300, 5000, 100_000] {
            let html =
                String(repeating: "<div>", count: depth) + "deep text" + String(repeating: "</div>", count: depth)
            let text = FieldText.clean(html + " and the tail", html: true)
            #expect(text.contains("deep text"), "depth \(depth): \(text.prefix(80))")
            #expect(text.contains("and the tail"), "depth \(depth): \(text.prefix(80))")
            let unclosed = FieldText.clean(String(repeating: "<b>", count: depth) + "bold words", html: true)
            #expect(unclosed == "bold words", "depth \(depth)")
        }
    }
}

extension WorstCaseTests {
    @Test func unmatchedEndTagsAfterDeepNesting() {
        let n = 100_000
        let html = String(repeating: "<b>", count: n) + "x" + String(repeating: "</i>", count: n) + " end"
        let text = FieldText.clean(html, html: true)
        #expect(text == "x end")
    }
}

extension WorstCaseTests {
    @Test func tagsWithoutClosingBracketStayText() {
        let html = String(repeating: "<a", count: 200_000) + " words"
        let text = FieldText.clean(html, html: true)
        #expect(text.hasSuffix(" words"))
        #expect(text.utf8.count == 400_006)
    }

    @Test func unclosedClozesAreLinear() {
        // 240 KB of openings without a closing: the 103-second input.
        let field = String(repeating: "{{c1::", count: 40_000) + "answer"
        #expect(FieldText.clean(field, html: nil) == field)
        let closedAtTheEnd = String(repeating: "{{c1::x ", count: 30_000) + "}} tail"
        #expect(FieldText.clean(closedAtTheEnd, html: nil).hasSuffix("tail"))
        #expect(FieldText.clean("{{c1::a::hint}} and {{c2::b}} {{c3::c", html: nil) == "a and b {{c3::c")
    }

    @Test func unclosedClozesInADeckFile() {
        let line = "term\t" + String(repeating: "{{c1::", count: 40_000) + "\n"
        let result = DeckLoader().read(bytes: Array(line.utf8), path: "cloze.tsv")
        #expect(result.errors.isEmpty)
        #expect(result.cards.first?.back.hasPrefix("{{c1::{{c1::") == true)
    }
}

@Suite struct DeckOrderTests {
    @Test func canonicalOrderIgnoresPathsAndInputOrder() {
        func deck(_ name: String, _ path: String, _ fronts: [String]) -> Deck {
            Deck(
                name: name, path: path, format: .tsv,
                cards: fronts.enumerated().map {
                    Card(front: $1, back: "b", deck: name, location: SourceLocation(file: path, line: $0 + 1))
                })
        }
        let decks = [
            deck("deck", "z/deck.tsv", ["x"]), deck("biology", "a/biology.tsv", ["cell"]),
            deck("deck", "a/deck.tsv", ["y", "z"]), deck("anatomy", "q/anatomy.tsv", ["bone"]),
        ]
        let names = { (decks: [Deck]) in decks.map { "\($0.name):\($0.cards.count)" } }
        let canonical = DeckOrder.canonical(decks)
        #expect(names(DeckOrder.canonical(decks.reversed())) == names(canonical))
        let moved = decks.map { deck in
            var copy = deck
            copy.path = "elsewhere/" + deck.path
            return copy
        }
        #expect(names(DeckOrder.canonical(moved)) == names(canonical))
        #expect(canonical.prefix(2).map(\.name) == ["anatomy", "biology"])
    }

    @Test func numbersInDeckNamesCompareByValue() {
        func deck(_ name: String) -> Deck {
            Deck(
                name: name, path: name + ".csv", format: .csv,
                cards: [Card(front: name, back: "b", deck: name, location: SourceLocation(file: name, line: 1))])
        }
        let names = ["Module 10", "Module 4b", "Module 9", "Module 4a", "Module 11", "Part 02", "Part 2", "Module"]
        let canonical = DeckOrder.canonical(names.map(deck)).map(\.name)
        #expect(
            canonical == [
                "Module", "Module 4a", "Module 4b", "Module 9", "Module 10", "Module 11", "Part 02", "Part 2",
            ])
        #expect(DeckOrder.canonical(names.reversed().map(deck)).map(\.name) == canonical)
        #expect(DeckOrder.naturalPrecedes("a9", "a10") && !DeckOrder.naturalPrecedes("a10", "a9"))
        #expect(!DeckOrder.naturalPrecedes("b1", "a2"))
    }
}

extension WorstCaseTests {
    /// A fuzzer input (a 2.8 KB note of `[[[[` runs and highlights) took 0.4 s, and 8 copies of it 7 s:
    /// every unclosed `[[` or `[` scanned to the end of its line, and every highlight re-read its
    /// paragraph through Foundation.
    @Test func obsidianMarkupWithoutClosersIsLinear() {
        let line =
            "Term:: " + String(repeating: "[[", count: 50_000) + String(repeating: "[x](", count: 20_000)
            + String(repeating: "![", count: 20_000) + " end"
        let stripped = ObsidianReader.stripMarkup(line)
        #expect(stripped.hasPrefix("Term:: [[[["))
        #expect(stripped.hasSuffix(" end"))
        #expect(ObsidianReader.stripMarkup("a [[Note|shown]] b [link](url) c ![img](x.png) d") == "a shown b link c  d")
    }

    @Test func aParagraphOfManyHighlightsMakesBoundedCards() {
        let paragraph = (0..<5_000).map { "==h\($0)==" }.joined(separator: " ")
        let out = ObsidianReader(file: "n.md", noteTitle: "n", settings: .init()).read(
            Array(("#flashcards\n" + paragraph + "\n").utf8), from: 0)
        #expect(out.cards.count == ObsidianReader.maxHighlightCards)
        #expect(out.cards.first?.back == "h0")
        #expect(out.cards.first?.front.contains("[...] h1 h2") == true)
    }
}
