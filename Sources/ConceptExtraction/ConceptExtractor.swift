import DeckReading

/// Turns cards into concepts and relations.
public struct ConceptExtractor: Sendable {
    public init() {}

    /// Extracts the concept graph of `decks`, in deck order.
    public func extract(from decks: [Deck]) -> ConceptGraph {
        // Placeholder until extraction lands: one concept per card front.
        let cards = decks.flatMap(\.cards)
        let concepts = cards.enumerated().map { index, card in
            Concept(id: "c\(index)", label: card.front, aliases: [card.front], terms: [card.front],
                    decks: [card.deck], definition: card.back, cards: [index], firstSeen: index)
        }
        return ConceptGraph(cards: cards, concepts: concepts, relations: [])
    }
}
