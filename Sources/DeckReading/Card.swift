/// A place in an input file, printed as `file:line` in every message about it.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file's path as the user named it (or as found under a folder they named).
    public var file: String
    /// 1-based line number; 0 when the problem concerns the whole file.
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { line > 0 ? "\(file):\(line)" : file }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line) < (rhs.file, rhs.line)
    }
}

/// One flashcard: a prompt (front) and its answer (back), as the deck wrote them.
public struct Card: Sendable, Hashable {
    /// The prompt, verbatim but for surrounding white space (HTML already turned into text).
    public var front: String
    /// The answer; may span several lines (bullets, continuation lines).
    public var back: String
    /// The name of the deck the card came from.
    public var deck: String
    /// Where the card's front starts.
    public var location: SourceLocation
    /// Tags the export carried, if any.
    public var tags: [String]

    public init(front: String, back: String, deck: String, location: SourceLocation, tags: [String] = []) {
        self.front = front
        self.back = back
        self.deck = deck
        self.location = location
        self.tags = tags
    }
}

/// The formats ConceptGraph reads. `--format` forces one; otherwise it is chosen by content and extension.
public enum DeckFormat: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Plain text as typed by a student: optional title line, fronts and (multi-line) answers.
    case plain
    /// One card a line, `term<TAB>definition` (Quizlet's default export).
    case tsv
    /// RFC 4180 comma-separated values (or `;`/TAB in a `.csv` file), optional header row.
    case csv
    /// Anki "Notes in Plain Text" with `#separator:`, `#html:`, `#columns:` … header lines.
    case anki
    /// One card a line with a custom separator such as `*`, `|` or `;;` (Quizlet custom export).
    case separated

    public var description: String { rawValue }
}

/// A deck read from one file.
public struct Deck: Sendable {
    /// The deck's name: the file name without extension unless the file names its deck.
    public var name: String
    /// The path the deck was read from.
    public var path: String
    /// The format it was read as.
    public var format: DeckFormat
    /// Its cards, in file order.
    public var cards: [Card]

    public init(name: String, path: String, format: DeckFormat, cards: [Card]) {
        self.name = name
        self.path = path
        self.format = format
        self.cards = cards
    }
}
