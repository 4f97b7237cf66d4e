/// Why a deck (or part of one) could not be read, where, and what the user can do about it.
public struct DeckReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, as a short category (for tests and summaries).
    public enum Kind: String, Sendable, Hashable {
        case unreadableFile, emptyFile, binaryFile, invalidUTF8, unterminatedQuote
        case lineTooLong, malformedHeader, noCards, notADeck, unknownFormat, missingSeparator
    }

    public var kind: Kind
    public var location: SourceLocation
    /// One sentence saying what is wrong.
    public var message: String
    /// One sentence saying how to fix it, if we know.
    public var hint: String?

    public init(_ kind: Kind, at location: SourceLocation, _ message: String, hint: String? = nil) {
        self.kind = kind
        self.location = location
        self.message = message
        self.hint = hint
    }

    /// `file:line: error: message (hint)`, the form compilers use, so editors can jump to it.
    public var description: String {
        var text = "\(location): error: \(message)"
        if let hint { text += " (\(hint))" }
        return text
    }
}
