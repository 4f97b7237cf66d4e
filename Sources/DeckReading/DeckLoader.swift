/// Finds deck files under the paths a user gives and reads each with the right reader.
public struct DeckLoader: Sendable {
    /// Forces one format for every file; `nil` picks one per file by content and extension.
    public var format: DeckFormat?

    public init(format: DeckFormat? = nil) {
        self.format = format
    }

    /// What loading produced: the decks that could be read (in a stable order) and every problem met.
    public struct Result: Sendable {
        public var decks: [Deck]
        public var errors: [DeckReadError]
        public init(decks: [Deck], errors: [DeckReadError]) {
            self.decks = decks
            self.errors = errors
        }
    }

    /// Reads every deck file named by `paths` (files, or folders searched recursively in name order).
    public func load(paths: [String]) -> Result {
        // Placeholder until the readers land.
        Result(decks: [], errors: [])
    }
}
