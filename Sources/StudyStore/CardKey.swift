import Foundation

/// A card's identity in the progress database: its deck and its front, folded.
///
/// Folding ignores case, accents, width, punctuation and spacing, so progress survives reordering a
/// deck, moving a card between files of the same deck name, and light edits of the front ("What is
/// CRM?" → "what is crm"). An edit that changes the front's words gives a new key: the session reports
/// the old card as unmatched instead of resetting anything (its history stays in the database).
public struct CardKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The deck's name (`Card.deck`).
    public var deck: String
    /// The folded front: lowercase letters and digits, words joined by single spaces.
    public var front: String

    public init(deck: String, front: String) {
        self.deck = deck
        self.front = Self.fold(front)
    }

    /// A key as stored (already folded).
    init(deck: String, foldedFront: String) {
        self.deck = deck
        self.front = foldedFront
    }

    /// Lowercases, strips accents and width variants, keeps letters and digits, joins words with one
    /// space. Linear in the text.
    public static func fold(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            } else {
                pendingSpace = true
            }
        }
        // A front of punctuation only ("???") keeps its trimmed text so it still has an identity.
        if out.isEmpty { return text.trimmingCharacters(in: .whitespacesAndNewlines) }
        return String(out)
    }

    public static func < (lhs: CardKey, rhs: CardKey) -> Bool { (lhs.deck, lhs.front) < (rhs.deck, rhs.front) }

    public var description: String { "\(deck): \(front)" }
}
