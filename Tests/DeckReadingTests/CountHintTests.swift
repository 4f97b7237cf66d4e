import Testing

@testable import DeckReading

/// The count a word announces, read on bytes, against the plain reading on `String`s it replaced.
@Suite struct CountHintTests {
    private static func reference(_ word: Substring) -> Int? {
        let core = word.trimmingCharacters(in: "()[],.:;")
        if let n = Int(core), (2...12).contains(n) { return n }
        return PlainTextReader.numberWords[core.lowercased()]
    }

    @Test(arguments: [
        "5", "(8", "12)", "13", "1", "0", "two", "Three:", "TEN.", "(five)", "+5", "-5", "+", "-", "", "((", "05",
        "007", "eleven", "fiv", "２", "(\u{301}5", "5)\u{301}", "\u{212A}", "tw\u{301}o", "t\u{0}wo", "\u{0}two",
        "[6],", "+-5", "5.5", "six;", "ſix", "SİX",
    ])
    func sameAsTheStringReading(_ word: String) {
        #expect(PlainTextReader.countHint(word: word[...]) == Self.reference(word[...]))
    }

    @Test func sameAsTheStringReadingOnRandomWords() {
        let alphabet = Array("0123456789+-()[],.:;twoTWOfivenx é\u{301}\u{212A}")
        var state: UInt64 = 7
        for _ in 0..<20_000 {
            var word = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for _ in 0..<Int(state >> 61) + 1 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                word.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            guard word.utf8.count <= 8 else { continue }
            #expect(PlainTextReader.countHint(word: word[...]) == Self.reference(word[...]), "\(word.debugDescription)")
        }
    }
}
