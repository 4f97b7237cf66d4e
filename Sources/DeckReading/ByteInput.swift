/// Byte-level checks and helpers shared by the readers: every reader works on UTF-8 bytes.
enum Bytes {
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let tab: UInt8 = 0x09
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let hash: UInt8 = 0x23

    /// Offset of the first byte after a UTF-8 byte-order mark, if any.
    static func contentStart(_ b: [UInt8]) -> Int {
        b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
    }

    /// Checks that `b` is a text file we can read: not empty, no NUL bytes, valid UTF-8, no line over
    /// `lineLimit` bytes. Returns the first problem found. One pass, O(n).
    static func validate(_ b: [UInt8], file: String, lineLimit: Int) -> DeckReadError? {
        let start = contentStart(b)
        var onlySpace = true
        var line = 1
        var lineStart = start
        var i = start
        let n = b.count
        func at(_ line: Int) -> SourceLocation { SourceLocation(file: file, line: line) }
        // NUL bytes first: a binary file is reported as binary, not as bad UTF-8.
        if let nul = b.firstIndex(of: 0) {
            var nulLine = 1
            for k in start..<nul where b[k] == lf || (b[k] == cr && (k + 1 >= n || b[k + 1] != lf)) { nulLine += 1 }
            return DeckReadError(
                .binaryFile, at: at(nulLine), "binary file (NUL byte found)",
                hint: "export the deck as plain text, TSV or CSV")
        }
        while i < n {
            let c = b[i]
            if c < 0x80 {
                if c == 0 {
                    return DeckReadError(
                        .binaryFile, at: at(line), "binary file (NUL byte found)",
                        hint: "export the deck as plain text, TSV or CSV")
                }
                if c == lf || (c == cr && (i + 1 >= n || b[i + 1] != lf)) {
                    if i - lineStart > lineLimit { return tooLong(at(line), lineLimit) }
                    line += 1
                    lineStart = i + 1
                } else if c != cr && c != space && c != tab {
                    onlySpace = false
                }
                i += 1
                continue
            }
            onlySpace = false
            let len = utf8SequenceLength(b, i)
            if len == 0 {
                return DeckReadError(
                    .invalidUTF8, at: at(line), "invalid UTF-8 (byte 0x\(String(c, radix: 16, uppercase: true)))",
                    hint: "save the file as UTF-8")
            }
            i += len
        }
        if n - lineStart > lineLimit { return tooLong(at(line), lineLimit) }
        if onlySpace {
            return DeckReadError(.emptyFile, at: at(0), "the file is empty", hint: "add cards or remove the file")
        }
        return nil
    }

    private static func tooLong(_ loc: SourceLocation, _ limit: Int) -> DeckReadError {
        DeckReadError(
            .lineTooLong, at: loc, "line longer than \(limit / 1024) KiB",
            hint: "is this really a deck? split the line or check the line endings")
    }

    /// Length of the valid UTF-8 sequence starting at `i` (2...4), or 0 if it is invalid.
    static func utf8SequenceLength(_ b: [UInt8], _ i: Int) -> Int {
        let c = b[i]
        let n = b.count
        func cont(_ k: Int) -> Bool { i + k < n && b[i + k] & 0xC0 == 0x80 }
        switch c {
        case 0xC2...0xDF:
            return cont(1) ? 2 : 0
        case 0xE0:
            return cont(1) && cont(2) && b[i + 1] >= 0xA0 ? 3 : 0
        case 0xED:
            return cont(1) && cont(2) && b[i + 1] < 0xA0 ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return cont(1) && cont(2) ? 3 : 0
        case 0xF0:
            return cont(1) && cont(2) && cont(3) && b[i + 1] >= 0x90 ? 4 : 0
        case 0xF1...0xF3:
            return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4:
            return cont(1) && cont(2) && cont(3) && b[i + 1] < 0x90 ? 4 : 0
        default:
            return 0
        }
    }

    /// A line of the file: byte range without its line break, and its 1-based number.
    struct Line {
        var start: Int
        var end: Int
        var number: Int
    }

    /// Splits `b[from...]` at LF, CRLF or lone CR. O(n).
    static func lines(_ b: [UInt8], from: Int, firstLine: Int = 1) -> [Line] {
        var result: [Line] = []
        var start = from
        var number = firstLine
        var i = from
        let n = b.count
        while i < n {
            let c = b[i]
            if c == lf || c == cr {
                result.append(Line(start: start, end: i, number: number))
                if c == cr && i + 1 < n && b[i + 1] == lf { i += 1 }
                number += 1
                start = i + 1
            }
            i += 1
        }
        if start < n { result.append(Line(start: start, end: n, number: number)) }
        return result
    }

    static func string(_ b: [UInt8], _ start: Int, _ end: Int) -> String {
        b.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    static func isBlank(_ b: [UInt8], _ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end {
            let c = b[i]
            if c != space && c != tab && c != cr { return false }
            i += 1
        }
        return true
    }
}
