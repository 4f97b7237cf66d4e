/// Literal search for short markers ("[...]", "::", "?") in card text, on UTF-8 bytes.
///
/// Foundation's `contains(_:)`, `range(of:)` and `components(separatedBy:)` on Linux bridge each call
/// through `NSString` and UTF-16; the extraction rules ask such questions of every card several times,
/// and the round trips were about 8% of the whole pipeline. These compare bytes: a match is a match of
/// the needle's exact UTF-8 spelling (no canonical equivalence, no case folding), which is what the
/// markers the rules look for need. (Inlinable so that each call is specialised for `String` or
/// `Substring` and reads their bytes in place.)
extension StringProtocol {
    /// Whether `needle` occurs in the text. An empty needle occurs everywhere.
    /// - Complexity: O(n·m) in the worst case, n the text's and m the needle's length in bytes; O(n)
    ///   for the short needles the rules use.
    @inlinable public func containsText(_ needle: String) -> Bool {
        withBytes(of: needle) { text, pattern in TextSearch.firstOffset(of: pattern, in: text, from: 0) != nil }
    }

    /// How many times `needle` occurs without overlapping, read from the start; 0 for an empty needle.
    /// - Complexity: as `containsText(_:)`.
    @inlinable public func occurrenceCount(of needle: String) -> Int {
        withBytes(of: needle) { text, pattern in
            guard !pattern.isEmpty else { return 0 }
            var count = 0
            var from = 0
            while let found = TextSearch.firstOffset(of: pattern, in: text, from: from) {
                count += 1
                from = found + pattern.count
            }
            return count
        }
    }

    /// Calls `body` with the text's and the needle's UTF-8 bytes, in place when they are contiguous.
    @inlinable func withBytes<Result>(
        of needle: String, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        func withNeedle(_ text: UnsafeBufferPointer<UInt8>) -> Result {
            needle.utf8.withContiguousStorageIfAvailable { body(text, $0) }
                ?? Array(needle.utf8).withUnsafeBufferPointer { body(text, $0) }
        }
        return utf8.withContiguousStorageIfAvailable(withNeedle)
            ?? Array(utf8).withUnsafeBufferPointer(withNeedle)
    }
}

extension Substring {
    /// The text after the last occurrence of `needle`, or the whole text when it has none ("A. B. C"
    /// after ". " is "C"). Compares UTF-8 bytes, as `containsText(_:)` does.
    /// - Complexity: O(n·m) worst case, n the text's and m the needle's length in bytes.
    public func afterLastOccurrence(of needle: String) -> Substring {
        let end = withBytes(of: needle) { text, pattern in TextSearch.lastEndOffset(of: pattern, in: text) }
        guard let end else { return self }
        return self[utf8.index(utf8.startIndex, offsetBy: end)...]
    }
}

/// The byte searches behind `containsText(_:)` and its relatives.
public enum TextSearch {
    /// The offset of the first occurrence of `pattern` in `text` at or after `start`; `start` itself
    /// for an empty pattern.
    @usableFromInline static func firstOffset(
        of pattern: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>, from start: Int
    ) -> Int? {
        guard let first = pattern.first else { return start }
        var i = start
        let last = text.count - pattern.count
        while i <= last {
            if text[i] == first && matches(pattern, in: text, at: i) { return i }
            i += 1
        }
        return nil
    }

    /// The offset just after the last occurrence of `pattern` in `text`, or `nil`.
    @usableFromInline static func lastEndOffset(
        of pattern: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>
    ) -> Int? {
        guard !pattern.isEmpty else { return nil }
        var i = text.count - pattern.count
        while i >= 0 {
            if matches(pattern, in: text, at: i) { return i + pattern.count }
            i -= 1
        }
        return nil
    }

    private static func matches(_ pattern: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>, at i: Int)
        -> Bool
    {
        var j = 0
        while j < pattern.count && text[i + j] == pattern[j] { j += 1 }
        return j == pattern.count
    }
}
