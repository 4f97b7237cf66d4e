import Testing

@testable import DeckReading

/// Glossaries typed one card a line: `term: definition`, `term - definition`, `term – definition`,
/// `term = definition`.
@Suite struct InlinePairTests {
    @Test(arguments: [": ", " - ", " \u{2013} ", " \u{2014} ", " = "])
    func glossaryLinesAreCards(_ separator: String) {
        let deck = [
            "Proteins of the muscle", "",
            "Myosin\(separator)A motor protein of thick filaments.",
            "Actin\(separator)A protein of thin filaments\(separator)the thin ones.",
            "Titin\(separator)A giant spring-like protein.",
        ].joined(separator: "\n")
        let r = read(deck, name: "muscle.txt")
        #expect(r.errors.isEmpty)
        #expect(r.warnings.isEmpty, "the title line is no card and no warning")
        #expect(r.decks.first?.format == .separated)
        #expect(r.cards.map(\.front) == ["Myosin", "Actin", "Titin"])
        // Split at the first separator only: the definition keeps the rest.
        #expect(r.cards[1].back == "A protein of thin filaments\(separator)the thin ones.")
        #expect(r.cards.map(\.location.line) == [3, 4, 5])
    }

    @Test func aForcedSeparatedFormatFindsTheGlossarySeparator() {
        let r = read("RAM: random access memory\nROM: read-only memory\n", name: "m.txt", format: .separated)
        #expect(r.cards.map(\.front) == ["RAM", "ROM"])
        #expect(r.cards.map(\.back) == ["random access memory", "read-only memory"])
    }

    @Test func questionsAndLongLinesAreNotGlossaryTerms() {
        // A plain-text deck: questions with answers below them, an answer that holds a colon.
        let deck = """
            What is CRM?
            Customer relationship management: a strategy
            Why retain customers?
            Repeat customers: the largest source of revenue
            What is churn?
            Losing customers over time
            """
        let r = read(deck, name: "crm.txt")
        #expect(r.decks.first?.format == .plain)
        #expect(r.cards.map(\.front) == ["What is CRM?", "Why retain customers?", "What is churn?"])
    }

    @Test func sniffingNeedsMostLinesToSplit() {
        let lines: [ArraySlice<UInt8>] = ["Term: a definition", "What is this?: not a term", "- a bullet", "plain"]
            .map { Array($0.utf8)[...] }
        #expect(lines.map { InlinePairSniffer.splitsAsPair($0, at: Array(": ".utf8)) } == [true, false, false, false])
        #expect(InlinePairSniffer.sniff(Array("One: a\nTwo: b\nthree\nfour\n".utf8), from: 0) == nil)
        #expect(InlinePairSniffer.sniff(Array("One: a\nTwo: b\nThree: c\nTitle\n".utf8), from: 0) == Array(": ".utf8))
    }
}
