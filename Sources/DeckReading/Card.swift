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
    /// Tags the export carried, if any (Anki's hierarchical tags keep their `::`, e.g. `BIO::NervousSystem`).
    public var tags: [String]
    /// The sub-deck path, root first (`["Biology", "Class XI", "Cell"]`), when the format has a deck tree
    /// (CrowdAnki, Anki packages, Obsidian `#flashcards/sub/deck` tags); empty otherwise.
    public var deckPath: [String]
    /// Headings or labels the card sits under (an Obsidian note's title and headings, a template's context
    /// field), outermost first; empty when the format has none.
    public var context: [String]
    /// Where the card came from in an Anki collection (note id, guid, template ordinal), so that a package
    /// written back keeps the note's identity and history; nil for text formats.
    public var origin: CardOrigin?

    public init(
        front: String, back: String, deck: String, location: SourceLocation, tags: [String] = [],
        deckPath: [String] = [], context: [String] = [], origin: CardOrigin? = nil
    ) {
        self.front = front
        self.back = back
        self.deck = deck
        self.location = location
        self.tags = tags
        self.deckPath = deckPath
        self.context = context
        self.origin = origin
    }

    /// Hierarchy the deck itself states, broadest first: the sub-deck path (when deeper than one level)
    /// and each `::` tag split into its parts (`EK::BIO::Lecture1` → `["EK", "BIO", "Lecture1"]`).
    /// Offered to extraction as hints; never includes flat tags.
    public var hierarchyHints: [[String]] {
        var hints: [[String]] = []
        if deckPath.count > 1 { hints.append(deckPath) }
        for tag in tags where tag.contains("::") {
            let parts = tag.components(separatedBy: "::").filter { !$0.isEmpty }
            if parts.count > 1 { hints.append(parts) }
        }
        return hints
    }
}

/// A card's identity in the Anki collection it was read from.
public struct CardOrigin: Sendable, Hashable {
    /// The note's id in an Anki collection (`notes.id`); nil for CrowdAnki, which keeps only the guid.
    public var noteID: Int64?
    /// The note's globally unique id (`notes.guid`, CrowdAnki `guid`).
    public var guid: String
    /// The card's template ordinal (`cards.ord`): template index, or cloze number − 1.
    public var ordinal: Int
    /// The card's id (`cards.id`) when read from a package.
    public var cardID: Int64?

    public init(noteID: Int64? = nil, guid: String, ordinal: Int, cardID: Int64? = nil) {
        self.noteID = noteID
        self.guid = guid
        self.ordinal = ordinal
        self.cardID = cardID
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
    /// CrowdAnki JSON (`{"__type__": "Deck", "note_models": …, "notes": …}`), with its sub-deck tree.
    case crowdanki
    /// Obsidian notes for the spaced-repetition plugin: `q::a`, `q:::a`, `?`/`??` blocks, `==cloze==`.
    case obsidian
    /// An Anki package (`.apkg`, `.colpkg`): a zip holding an SQLite collection. Read through a
    /// `DeckLoader.packageReader` (the AnkiPackage module provides one).
    case apkg

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
