/// The order in which decks enter extraction, independent of how the user named or listed them.
///
/// Extraction is order-sensitive by design (the first card about an idea names it, ties go to deck
/// order), so the same *set* of decks must always be presented in the same order, whatever the
/// argument order and whatever the folders are called. The canonical order sorts decks by
///   1. deck name (the file name without extension, or an Anki `#deck:` header), then
///   2. a 64-bit FNV-1a digest of the deck's cards (front, back, tags, line numbers), then
///   3. the card count, then the format;
/// never by path. Cards inside a deck keep their file order. Two decks equal in all of these have
/// the same cards under the same name, so either order gives the same graph.
public enum DeckOrder {
    /// `decks` in canonical order. O(total text + d log d).
    public static func canonical(_ decks: [Deck]) -> [Deck] {
        let keyed = decks.map { (deck: $0, digest: digest(of: $0)) }
        return keyed.sorted { a, b in
            if a.deck.name != b.deck.name { return a.deck.name.utf8.lexicographicallyPrecedes(b.deck.name.utf8) }
            if a.digest != b.digest { return a.digest < b.digest }
            if a.deck.cards.count != b.deck.cards.count { return a.deck.cards.count < b.deck.cards.count }
            return a.deck.format.rawValue < b.deck.format.rawValue
        }.map(\.deck)
    }

    /// FNV-1a (64-bit) over every card's front, back, tags and line, with separators.
    static func digest(of deck: Deck) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        func mix(_ text: String) {
            for byte in text.utf8 { mix(byte) }
            mix(0x1F)
        }
        for card in deck.cards {
            mix(card.front)
            mix(card.back)
            for tag in card.tags { mix(tag) }
            mix(String(card.location.line))
            mix(0x1E)
        }
        return hash
    }
}
