import DeckReading
import Testing

@testable import ConceptExtraction

/// Inputs that made extraction quadratic, at sizes where quadratic work would take minutes in a
/// debug build: each test checks the result, not the time.
@Suite struct WorstCaseExtractionTests {
    /// A 1 MB front naming known concepts 90,000 times (quoting each mention walked the text from
    /// its start: 5 minutes before).
    @Test func aOneMegabyteFrontIsExtracted() {
        let front = Array(repeating: "the CPU uses cache memory and RAM", count: 30_000).joined(separator: " ")
        #expect(front.utf8.count > 1_000_000)
        let graph = extract(
            deck(
                "big",
                [
                    ("CPU", "central processing unit"), ("RAM", "random access memory"),
                    ("cache memory", "small fast memory near the CPU"), (front, "an answer about the CPU"),
                ]))
        #expect(graph.concept("CPU") != nil)
        #expect(graph.concept("RAM") != nil)
        #expect(graph.concept("cache memory") != nil)
    }

    /// One 30 KB word (typo candidates grew with the square of its length: 10.7 GB for 20 KB).
    @Test func aThirtyKilobyteWordIsExtracted() {
        var state: UInt64 = 5
        let word = String(
            (0..<30_000).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Character(UnicodeScalar(UInt8(ascii: "a") + UInt8((state >> 33) % 10)))
            })
        let graph = extract(
            deck(
                "words", [("CPU", "central processing unit"), (word, "a long word"), ("long word", word + " and CPU")]))
        #expect(graph.concept("CPU") != nil)
        #expect(graph.concepts.contains { $0.label.utf8.count >= 30_000 })
    }

    @Test func surfacesQuoteNonASCIITextExactly() {
        let text = "Le café crème: naïve 👩‍🔬 résumé, CPU"
        let tokens = Tokenizer.tokens(text)
        let words = tokens.indices.map { Tokenizer.surface(of: $0..<($0 + 1), in: tokens, text: text) }
        #expect(words == ["Le", "café", "crème", "naïve", "résumé", "CPU"])
        #expect(Tokenizer.surface(of: 1..<3, in: tokens, text: text) == "café crème")
    }

    /// Sentence breaks before "such as" / "e.g." are found by UTF-8 offset: text full of multi-byte
    /// characters before the marker must neither crash nor shift the break.
    @Test func examplesAfterMultiByteText() {
        let prefix = String(repeating: "çàé 日本語 ", count: 200)
        let graph = extract(
            deck(
                "multi",
                [
                    (
                        "sorting algorithms",
                        prefix + "sorting algorithms such as quicksort. Also heapsort; e.g. mergesort"
                    ),
                    ("quicksort", "a divide and conquer sort"),
                ]))
        #expect(graph.concept("quicksort") != nil)
        #expect(graph.concept("sorting algorithms") != nil)
    }
}
