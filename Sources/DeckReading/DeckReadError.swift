/// Why a deck (or part of one) could not be read, where, and what the user can do about it.
public struct DeckReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, as a short category (for tests and summaries).
    public enum Kind: String, Sendable, Hashable {
        case unreadableFile, emptyFile, binaryFile, invalidUTF8, unterminatedQuote
        case lineTooLong, malformedHeader, noCards, notADeck, unknownFormat, missingSeparator
        /// A card whose front is empty once cleaned; it is dropped.
        case emptyFront
        /// Invisible control characters (C0 other than TAB/LF/CR, DEL) removed from card text.
        case controlCharacters
    }

    /// Whether the problem stopped a file (or part of it) from being read, or was only recovered from.
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    public var kind: Kind
    public var location: SourceLocation
    /// One sentence saying what is wrong.
    public var message: String
    /// One sentence saying how to fix it, if we know.
    public var hint: String?
    /// `.error` for `Result.errors`, `.warning` for `Result.warnings`.
    public var severity: Severity

    public init(
        _ kind: Kind, at location: SourceLocation, _ message: String, hint: String? = nil,
        severity: Severity = .error
    ) {
        self.kind = kind
        self.location = location
        self.message = message
        self.hint = hint
        self.severity = severity
    }

    /// A recoverable oddity: same shape as an error, printed as `warning:`.
    public static func warning(
        _ kind: Kind, at location: SourceLocation, _ message: String, hint: String? = nil
    ) -> DeckReadError {
        DeckReadError(kind, at: location, message, hint: hint, severity: .warning)
    }

    /// `file:line: error: message (hint)`, the form compilers use, so editors can jump to it.
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let hint { text += " (\(hint))" }
        return text
    }
}
