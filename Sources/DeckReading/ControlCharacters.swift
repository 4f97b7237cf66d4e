/// Removes invisible control characters from card text: C0 controls other than TAB, LF and CR,
/// and DEL. They come from copy-paste and broken exports, show as nothing, and would make GraphML
/// invalid XML if they got that far. One pass over the bytes; strings without any are not copied.
enum ControlCharacters {
    struct Removed {
        var count: Int
        /// The first one removed, and the line of its card.
        var first: UInt32
        var firstLine: Int
    }

    static func isControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F
    }

    /// Strips every card's front, back and tags; nil when nothing was removed.
    static func strip(_ cards: inout [Card]) -> Removed? {
        var removed: Removed?
        func clean(_ text: inout String, line: Int) {
            guard text.utf8.contains(where: isControl) else { return }
            var kept: [UInt8] = []
            kept.reserveCapacity(text.utf8.count)
            for byte in text.utf8 {
                if isControl(byte) {
                    if removed == nil { removed = Removed(count: 0, first: UInt32(byte), firstLine: line) }
                    removed!.count += 1
                } else {
                    kept.append(byte)
                }
            }
            text = String(decoding: kept, as: UTF8.self)
        }
        for index in cards.indices {
            let line = cards[index].location.line
            clean(&cards[index].front, line: line)
            clean(&cards[index].back, line: line)
            for tag in cards[index].tags.indices { clean(&cards[index].tags[tag], line: line) }
        }
        return removed
    }
}
