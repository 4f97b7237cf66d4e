import Foundation

@testable import DeckReading

/// Reads an in-memory deck as if it were the file `name`.
func read(_ text: String, name: String = "deck.txt", format: DeckFormat? = nil) -> DeckLoader.Result {
    DeckLoader(format: format).read(bytes: Array(text.utf8), path: name)
}

/// Fronts compared the way `score_graph.py` does: lower-cased, white space folded, curly quotes straightened.
func foldFront(_ s: String) -> String {
    let straight = s.replacingOccurrences(of: "\u{2019}", with: "'").replacingOccurrences(of: "\u{2018}", with: "'")
        .replacingOccurrences(of: "\u{201C}", with: "\"").replacingOccurrences(of: "\u{201D}", with: "\"")
    return straight.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
}
