/// The order in which decks enter extraction, independent of how the user named or listed them.
///
/// Extraction is order-sensitive by design (the first card about an idea names it, ties go to deck
/// order), so the same *set* of decks must always be presented in the same order, whatever the
/// argument order and whatever the folders are called. The canonical order sorts decks by
///   1. deck name (the file name without extension, or an Anki `#deck:` header), numbers compared by
///      value ("Module 4" before "Module 10": a course's numbered parts in the teacher's order), then
///   2. a 64-bit FNV-1a digest of the deck's cards (front, back, tags, line numbers), then
///   3. the card count, then the format;
/// never by path. Cards inside a deck keep their file order. Two decks equal in all of these have
/// the same cards under the same name, so either order gives the same graph.
public enum DeckOrder {
    /// `decks` in canonical order. O(total text + d log d).
    public static func canonical(_ decks: [Deck]) -> [Deck] {
        let keyed = decks.map { (deck: $0, digest: digest(of: $0)) }
        return keyed.sorted { a, b in
            if a.deck.name != b.deck.name { return naturalPrecedes(a.deck.name, b.deck.name) }
            if a.digest != b.digest { return a.digest < b.digest }
            if a.deck.cards.count != b.deck.cards.count { return a.deck.cards.count < b.deck.cards.count }
            return a.deck.format.rawValue < b.deck.format.rawValue
        }.map(\.deck)
    }

    /// Whether `a` comes before `b` with runs of ASCII digits compared by value ("Module 4b" before
    /// "Module 10", "Part 2" before "Part 02" only by the byte order that breaks the tie); everything
    /// else by UTF-8 bytes. A total order: equal keys fall back to the plain byte order.
    static func naturalPrecedes(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        var i = 0
        var j = 0
        while i < x.count, j < y.count {
            if isDigit(x[i]), isDigit(y[j]) {
                var iEnd = i
                while iEnd < x.count, isDigit(x[iEnd]) { iEnd += 1 }
                var jEnd = j
                while jEnd < y.count, isDigit(y[jEnd]) { jEnd += 1 }
                // Value order: leading zeros off, then the longer number is larger, then digit by digit.
                var iStart = i
                while iStart < iEnd - 1, x[iStart] == 0x30 { iStart += 1 }
                var jStart = j
                while jStart < jEnd - 1, y[jStart] == 0x30 { jStart += 1 }
                if iEnd - iStart != jEnd - jStart { return iEnd - iStart < jEnd - jStart }
                if !x[iStart..<iEnd].elementsEqual(y[jStart..<jEnd]) {
                    return x[iStart..<iEnd].lexicographicallyPrecedes(y[jStart..<jEnd])
                }
                i = iEnd
                j = jEnd
            } else {
                if x[i] != y[j] { return x[i] < y[j] }
                i += 1
                j += 1
            }
        }
        if (x.count - i) != (y.count - j) { return x.count - i < y.count - j }
        return x.lexicographicallyPrecedes(y)
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
