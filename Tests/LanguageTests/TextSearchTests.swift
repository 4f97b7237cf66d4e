import Language
import Testing

@Suite struct TextSearchTests {
    @Test func findsLiteralMarkersInStringsAndSubstrings() {
        #expect("A cell is the basic unit of (...)".containsText("(...)"))
        #expect(!"A cell is the basic unit of (..)".containsText("(...)"))
        #expect("Größe [...] und (…)".containsText("(…)"))
        let middle = "xx[...]yy".dropFirst(2).dropLast(2)
        #expect(middle.containsText("[...]"))
        #expect(!middle.dropFirst().containsText("[...]"))  // the substring's bounds hold
        #expect("abc".containsText(""))
        #expect(!"".containsText("a"))
    }

    @Test func countsOccurrencesWithoutOverlap() {
        #expect("[...] and [...] have oval red cells".occurrenceCount(of: "[...]") == 2)
        #expect("aaaa".occurrenceCount(of: "aa") == 2)
        #expect("abc".occurrenceCount(of: "") == 0)
        #expect("no gap".occurrenceCount(of: "___") == 0)
    }

    @Test func takesTheTextAfterTheLastMarker() {
        let question: Substring = "Some context. More context. What is X"
        #expect(question.afterLastOccurrence(of: ". ") == "What is X")
        #expect(("What is X" as Substring).afterLastOccurrence(of: ". ") == "What is X")
        #expect(("Ends with. " as Substring).afterLastOccurrence(of: ". ") == "")
        let inner = "a. b. c. d".dropLast(3)  // "a. b. c"
        #expect(inner.afterLastOccurrence(of: ". ") == "c")
    }
}
