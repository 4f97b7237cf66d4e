import DeckReading

@testable import ConceptExtraction

/// A deck made of (front, back) pairs, lines numbered from 1.
func deck(_ name: String, _ cards: [(String, String)]) -> Deck {
    Deck(
        name: name, path: "\(name).txt", format: .plain,
        cards: cards.enumerated().map { index, card in
            Card(
                front: card.0, back: card.1, deck: name,
                location: SourceLocation(file: "\(name).txt", line: 2 * index + 1))
        })
}

/// The concept graph of some decks.
func extract(_ decks: Deck...) -> ConceptGraph {
    ConceptExtractor().extract(from: decks)
}

/// A card with tags (answer "x"), at `line` of "d.csv".
func taggedCard(_ front: String, _ tags: [String], _ line: Int) -> Card {
    Card(front: front, back: "x", deck: "d", location: SourceLocation(file: "d.csv", line: line), tags: tags)
}

extension ConceptGraph {
    /// The concept whose label or an alias is `name` (case-insensitive), if any.
    func concept(_ name: String) -> Concept? {
        concepts.first { concept in
            concept.label.lowercased() == name.lowercased()
                || concept.aliases.contains { $0.lowercased() == name.lowercased() }
        }
    }

    func index(_ name: String) -> Int? {
        concepts.firstIndex {
            $0.label.lowercased() == name.lowercased() || $0.aliases.contains { $0.lowercased() == name.lowercased() }
        }
    }

    /// Whether a relation of `kind` leads from `source` to `target`.
    func has(_ kind: RelationKind, from source: String, to target: String) -> Bool {
        guard let s = index(source), let t = index(target) else { return false }
        return relations.contains { $0.source == s && $0.target == t && $0.kind == kind }
    }

    /// Whether `ancestor` reaches `descendant` through broader relations.
    func isBroader(_ ancestor: String, than descendant: String) -> Bool {
        guard let a = index(ancestor), let d = index(descendant) else { return false }
        var stack = [a]
        var seen: Set<Int> = [a]
        while let next = stack.popLast() {
            for relation in relations where relation.kind == .broader && relation.source == next {
                if relation.target == d { return true }
                if seen.insert(relation.target).inserted { stack.append(relation.target) }
            }
        }
        return false
    }
}
