import ConceptAnalysis
import ConceptExtraction

// Design note: search.
// The query and every text are folded and stemmed word by word (the name index's rules), so
// "Operational CRMs" finds "operational CRM". A concept matches when every query word appears in
// its label, its aliases or its cards; it scores 3 per word in the label, 2 in an alias, 1 in a card,
// plus 10 when the whole label is the query, and ties go to the higher-ranked concept. A card
// matches when every word is in its front or back (front words count double). One pass over the
// text per query: linear in the size of the decks. It does not find prefixes ("respir") or typos.

/// A concept found by a search, with its score.
public struct ConceptHit: Codable, Sendable, Hashable {
    public var id: String
    public var label: String
    public var score: Int
}

/// A card found by a search, with its score.
public struct CardHit: Codable, Sendable, Hashable {
    public var card: CardView
    public var score: Int
    /// The concepts the card is about.
    public var concepts: [ConceptRef]
}

/// What a search found, best first.
public struct SearchView: Codable, Sendable, Hashable {
    public var query: String
    public var concepts: [ConceptHit]
    public var cards: [CardHit]
    /// How many matched in all (the lists hold at most `limit`).
    public var conceptMatches: Int
    public var cardMatches: Int
}

extension Explorer {
    /// Concepts and cards matching every word of `query`, ranked; at most `limit` of each.
    /// - Complexity: O(total text length) per query.
    public func search(_ query: String, limit: Int = 10) -> SearchView {
        let foldedQuery = NameFolding.fold(query)
        let words = Array(Set(NameFolding.words(foldedQuery))).sorted()
        guard !words.isEmpty else {
            return SearchView(query: query, concepts: [], cards: [], conceptMatches: 0, cardMatches: 0)
        }
        // Cards first: their word sets feed the concepts' scores.
        var cardWords: [Set<String>] = []
        cardWords.reserveCapacity(graph.cards.count)
        var cardHits: [(index: Int, score: Int)] = []
        var stemmer = WordStemmer()
        for (index, card) in graph.cards.enumerated() {
            let front = Set(stemmer.words(NameFolding.fold(card.front)))
            let back = Set(stemmer.words(NameFolding.fold(card.back)))
            let all = front.union(back)
            cardWords.append(all.intersection(words))
            guard words.allSatisfy(all.contains) else { continue }
            cardHits.append(
                (index, words.reduce(0) { $0 + (front.contains($1) ? 2 : 0) + (back.contains($1) ? 1 : 0) }))
        }
        cardHits.sort { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }

        var conceptHits: [(index: Int, score: Int)] = []
        for (index, concept) in graph.concepts.enumerated() {
            let foldedLabel = NameFolding.fold(concept.label)
            let label = Set(stemmer.words(foldedLabel))
            let aliases = Set(concept.aliases.flatMap { stemmer.words(NameFolding.fold($0)) })
            let inCards = concept.cards.reduce(into: Set<String>()) { $0.formUnion(cardWords[$1]) }
            var score = foldedLabel == foldedQuery ? 10 : 0
            var all = true
            for word in words {
                if label.contains(word) {
                    score += 3
                } else if aliases.contains(word) {
                    score += 2
                } else if inCards.contains(word) {
                    score += 1
                } else {
                    all = false
                    break
                }
            }
            if all { conceptHits.append((index, score)) }
        }
        conceptHits.sort { a, b in
            a.score != b.score ? a.score > b.score : rankPosition[a.index] < rankPosition[b.index]
        }
        return SearchView(
            query: query,
            concepts: conceptHits.prefix(limit).map {
                ConceptHit(id: graph.concepts[$0.index].id, label: graph.concepts[$0.index].label, score: $0.score)
            },
            cards: cardHits.prefix(limit).map {
                CardHit(card: card($0.index), score: $0.score, concepts: conceptsOfCard[$0.index].map(ref))
            },
            conceptMatches: conceptHits.count, cardMatches: cardHits.count)
    }
}
