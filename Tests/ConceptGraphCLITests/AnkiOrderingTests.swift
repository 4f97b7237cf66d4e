import ConceptAnalysis
import ConceptExtraction
import DeckReading
import Testing

@testable import ConceptGraphCLI

/// The new-card order written into Anki packages: study order, with the cards of one note together.
@Suite struct AnkiOrderingTests {
    @Test func siblingCardsShareTheirNotesEarliestPosition() {
        func card(_ front: String, note: Int64, ordinal: Int) -> Card {
            Card(
                front: front, back: "", deck: "d", location: SourceLocation(file: "d.apkg", line: ordinal + 1),
                origin: CardOrigin(noteID: note, guid: "g\(note)", ordinal: ordinal))
        }
        // Note 7 has two cards: one about B (late), one about A (first); note 8's card is about C,
        // which requires both A and B.
        let cards = [card("B", note: 7, ordinal: 0), card("C", note: 8, ordinal: 0), card("A", note: 7, ordinal: 1)]
        let concepts = [
            Concept(id: "a", label: "A", cards: [2], firstSeen: 0),
            Concept(id: "b", label: "B", cards: [0], firstSeen: 1),
            Concept(id: "c", label: "C", cards: [1], firstSeen: 2),
        ]
        let relations = [
            Relation(source: 0, target: 2, kind: .requires), Relation(source: 1, target: 2, kind: .requires),
        ]
        let analyzed = Analyzer().analyze(ConceptGraph(cards: cards, concepts: concepts, relations: relations))
        let rank = AnkiOrdering(analyzed: analyzed, decks: []).newCardOrder()
        // Both cards of note 7 come before the card about C, in reading order among themselves.
        #expect(rank == [0, 2, 1])
    }
}
