import Language

/// One word of a card's text, with where it stood, so mentions can quote their evidence.
///
/// A run holds every word of every card at once (4.6 million at 100k generated cards), so the layout is kept to
/// 48 bytes: offsets in 32 bits and the joiner as a one-byte code, beside the two strings.
struct Token: Sendable, Hashable {
    /// The word as written, possessive `'s` removed ("Gartner's" → "Gartner").
    var text: String
    /// Lower-case form.
    var lower: String
    private var startOffset: UInt32
    private var endOffset: UInt32
    /// Two or more capitals ("CRM", "SaaS", "CSFs"): an acronym shape, never typo-corrected or stemmed.
    var isAcronym: Bool
    /// Only digits.
    var isNumber: Bool
    /// What separated it from the previous token.
    var gap: Gap
    private var joinerCode: UInt8
    /// Written with a possessive "'s" (kept for display only).
    var possessive: Bool
    /// Part of speech in context (set by `Normalizer.tokens`; `.name` until tagged).
    var tag: PartOfSpeech = .name

    /// The characters that join the words of a compound (a hyphen, a slash, an underscore), by code.
    static let joiners: [Unicode.Scalar] = ["-", "/", "\u{2010}", "\u{2011}", "_"]

    init(
        text: String, lower: String, isAcronym: Bool, isNumber: Bool, gap: Gap, joiner: Unicode.Scalar = "-",
        possessive: Bool = false, start: Int, end: Int
    ) {
        self.text = text
        self.lower = lower
        self.isAcronym = isAcronym
        self.isNumber = isNumber
        self.gap = gap
        self.joinerCode = UInt8(Self.joiners.firstIndex(of: joiner) ?? 0)
        self.possessive = possessive
        // A card's text is far below 4 GiB (a deck file is read whole, and a field is one of its parts).
        self.startOffset = UInt32(truncatingIfNeeded: start)
        self.endOffset = UInt32(truncatingIfNeeded: end)
    }

    /// The joining character when `gap` is `.joiner` ("-" in "customer-facing", "/" in "TCP/IP").
    var joiner: Unicode.Scalar { Self.joiners[Int(joinerCode)] }
    /// Offsets of its first and one-past-last byte in the text's UTF-8 (scalar boundaries), so that
    /// `Tokenizer.surface` slices in O(1) instead of walking the text from its start.
    var start: Int { Int(startOffset) }
    var end: Int {
        get { Int(endOffset) }
        set { endOffset = UInt32(truncatingIfNeeded: newValue) }
    }

    enum Gap: Sendable, Hashable {
        /// Start of text, or white space only.
        case space
        /// A hyphen, slash or similar joiner inside a compound ("customer-facing", "b/w").
        case joiner
        /// Sentence or clause punctuation (`.` `,` `;` `:` `(` `)` `?` …): phrases never span it.
        case boundary
    }
}

/// Splits text into word tokens on unicode letters and digits; linear in the text's length.
enum Tokenizer {
    /// A hyphen, slash or underscore between two words makes them one compound.
    static func isJoiner(_ scalar: Unicode.Scalar) -> Bool { Token.joiners.contains(scalar) }

    static func tokens(_ text: String) -> [Token] {
        var result: [Token] = []
        result.reserveCapacity(text.utf8.count / 5)
        let scalars = Array(text.unicodeScalars)
        // UTF-8 offset of every scalar position (and of the end), for the tokens' `start` and `end`.
        var utf8Offsets: [Int] = []
        utf8Offsets.reserveCapacity(scalars.count + 1)
        var offset = 0
        for scalar in scalars {
            utf8Offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        utf8Offsets.append(offset)
        var index = 0
        var gap = Token.Gap.space
        var joiner: Unicode.Scalar = "-"
        while index < scalars.count {
            let scalar = scalars[index]
            if isWordScalar(scalar) {
                let start = index
                var word = String.UnicodeScalarView()
                var capitals = 0
                var digits = 0
                var possessive = false
                while index < scalars.count {
                    let s = scalars[index]
                    if isWordScalar(s) {
                        word.append(s)
                        if s.isASCII {
                            if s.value >= 65 && s.value <= 90 { capitals += 1 } else if s.value <= 57 { digits += 1 }
                        } else {
                            if s.properties.isUppercase { capitals += 1 }
                            if s.properties.numericType != nil { digits += 1 }
                        }
                        index += 1
                    } else if isApostrophe(s), index + 1 < scalars.count, isWordScalar(scalars[index + 1]) {
                        // "Gartner's" → "Gartner"; "don't" stays one word.
                        let next = scalars[index + 1]
                        let afterNext = index + 2 < scalars.count ? scalars[index + 2] : " "
                        if (next == "s" || next == "S") && !isWordScalar(afterNext) {
                            index += 2
                            possessive = true
                            break
                        }
                        word.append(s)
                        index += 1
                    } else {
                        break
                    }
                }
                var surface = String(word)
                // Plural of an acronym: "CSFs", "DBMSs" → "CSF", "DBMS".
                if capitals >= 2, surface.count > 2, surface.hasSuffix("s"), capitals == surface.count - 1 {
                    surface.removeLast()
                }
                let letters = surface.unicodeScalars.count
                result.append(
                    Token(
                        text: surface, lower: surface.lowercased(),
                        isAcronym: capitals >= 2 && letters <= 10,
                        isNumber: digits == letters, gap: gap, joiner: joiner, possessive: possessive,
                        start: utf8Offsets[start], end: utf8Offsets[index]))
                gap = .space
                joiner = "-"
            } else {
                if isJoiner(scalar) {
                    if gap == .space {
                        gap = .joiner
                        joiner = scalar
                    }
                } else if !scalar.properties.isWhitespace {
                    gap = .boundary
                }
                index += 1
            }
        }
        return joinShorthands(result)
    }

    /// The phrase `tokens[range]` as written in `text` (for evidence and aliases).
    static func surface(of range: Range<Int>, in tokens: [Token], text: String) -> String {
        guard let first = range.first, let last = range.last else { return "" }
        let utf8 = text.utf8
        let from = utf8.index(utf8.startIndex, offsetBy: tokens[first].start)
        let to = utf8.index(utf8.startIndex, offsetBy: tokens[last].end)
        return String(text.unicodeScalars[from..<to])
    }

    private static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            let v = s.value
            return (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122)
        }
        return s.properties.isAlphabetic || s.properties.numericType != nil
    }

    private static func isApostrophe(_ s: Unicode.Scalar) -> Bool { s == "'" || s == "\u{2019}" }

    /// "b/w" → "between", "w/" → "with", "w/o" → "without": card shorthand joined by a slash.
    private static func joinShorthands(_ tokens: [Token]) -> [Token] {
        guard tokens.contains(where: { $0.lower == "w" || $0.lower == "b" }) else { return tokens }
        var out: [Token] = []
        out.reserveCapacity(tokens.count)
        var i = 0
        while i < tokens.count {
            var token = tokens[i]
            if token.lower == "b", i + 1 < tokens.count, tokens[i + 1].lower == "w", tokens[i + 1].gap == .joiner {
                token.text = "between"
                token.lower = "between"
                token.end = tokens[i + 1].end
                out.append(token)
                i += 2
                continue
            }
            if token.lower == "w", i + 1 < tokens.count, tokens[i + 1].lower == "o", tokens[i + 1].gap == .joiner {
                token.text = "without"
                token.lower = "without"
                token.end = tokens[i + 1].end
                out.append(token)
                i += 2
                continue
            }
            if token.text == "w" {
                token.text = "with"
                token.lower = "with"
            }
            out.append(token)
            i += 1
        }
        return out
    }
}
