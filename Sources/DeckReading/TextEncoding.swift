/// Recognises what a file is before the readers see it: UTF-16 text (read, after conversion to
/// UTF-8), UTF-32 and well-known binary formats (refused with a message that names them and says
/// how to get a text deck out of them).
///
/// The readers work on UTF-8 bytes only; a UTF-8 byte-order mark is skipped later by
/// `Bytes.contentStart`. Line numbers are unchanged by the conversion (one line break stays one).
enum TextEncoding {
    enum Outcome {
        /// UTF-8 already (or something the UTF-8 checks will report).
        case unchanged
        /// Converted to UTF-8; `from` names the original encoding.
        case converted([UInt8], from: String)
        case refused(DeckReadError)
    }

    /// Known file signatures that are not text decks, with what they are and what to do.
    static let signatures: [(magic: [UInt8], what: String, hint: String)] = [
        (
            Array("PK\u{03}\u{04}".utf8), "a ZIP archive, not a text deck",
            "an Anki .apkg/.colpkg is a ZIP archive: in Anki use File > Export > Notes in Plain Text; otherwise unzip it first"
        ),
        (
            Array("SQLite format 3".utf8) + [0], "an SQLite database, not a text deck",
            "export the deck from the application as plain text, TSV or CSV"
        ),
        (
            Array("%PDF-".utf8), "a PDF document, not a text deck",
            "copy the cards into a text file, or export them as TSV/CSV"
        ),
        ([0x1F, 0x8B], "a gzip-compressed file, not a text deck", "decompress it first (gunzip)"),
    ]

    static func examine(_ b: [UInt8], file: String) -> Outcome {
        let location = SourceLocation(file: file, line: 0)
        for signature in signatures where b.starts(with: signature.magic) {
            return .refused(DeckReadError(.binaryFile, at: location, signature.what, hint: signature.hint))
        }
        if b.starts(with: [0xFF, 0xFE, 0, 0]) || b.starts(with: [0, 0, 0xFE, 0xFF]) {
            let name = b[0] == 0xFF ? "UTF-32LE" : "UTF-32BE"
            return .refused(
                DeckReadError(
                    .invalidUTF8, at: location,
                    "\(name) text (byte-order mark \(b[0] == 0xFF ? "FF FE 00 00" : "00 00 FE FF"))",
                    hint: "convert it to UTF-8: iconv -f \(name) -t UTF-8 '\(file)' > deck-utf8.txt"))
        }
        if b.starts(with: [0xFF, 0xFE]) { return utf16(b, littleEndian: true, file: file) }
        if b.starts(with: [0xFE, 0xFF]) { return utf16(b, littleEndian: false, file: file) }
        if let guess = utf16WithoutMark(b) {
            return .refused(
                DeckReadError(
                    .binaryFile, at: location, "looks like \(guess) text without a byte-order mark",
                    hint: "convert it to UTF-8: iconv -f \(guess) -t UTF-8 '\(file)' > deck-utf8.txt"))
        }
        return .unchanged
    }

    /// UTF-16 after its byte-order mark, converted to UTF-8. An unpaired surrogate or an odd byte
    /// count is refused with its line.
    private static func utf16(_ b: [UInt8], littleEndian: Bool, file: String) -> Outcome {
        let name = littleEndian ? "UTF-16LE" : "UTF-16BE"
        let hint =
            "the file is \(name) with a byte-order mark but damaged; re-export it, or convert it with "
            + "iconv -f \(name) -t UTF-8 '\(file)' > deck-utf8.txt and fix what iconv reports"
        guard b.count % 2 == 0 else {
            return .refused(
                DeckReadError(
                    .invalidUTF8, at: SourceLocation(file: file, line: 0), "\(name) text with an odd number of bytes",
                    hint: hint))
        }
        var units: [UInt16] = []
        units.reserveCapacity(b.count / 2 - 1)
        var i = 2
        while i + 1 < b.count {
            units.append(littleEndian ? UInt16(b[i]) | UInt16(b[i + 1]) << 8 : UInt16(b[i]) << 8 | UInt16(b[i + 1]))
            i += 2
        }
        var out: [UInt8] = []
        out.reserveCapacity(units.count + units.count / 2)
        var line = 1
        var previousCR = false
        var failed = false
        var decoder = UTF16()
        var iterator = units.makeIterator()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" && !previousCR || scalar == "\r" { line += 1 }
                previousCR = scalar == "\r"
                UTF8.encode(scalar) { out.append($0) }
            case .emptyInput: break loop
            case .error:
                failed = true
                break loop
            }
        }
        if failed {
            return .refused(
                DeckReadError(
                    .invalidUTF8, at: SourceLocation(file: file, line: line), "invalid \(name) (unpaired surrogate)",
                    hint: hint))
        }
        return .converted(out, from: name)
    }

    /// "UTF-16LE"/"UTF-16BE" when the first bytes look like ASCII text in UTF-16 (a NUL in nearly
    /// every other byte) without a byte-order mark.
    private static func utf16WithoutMark(_ b: [UInt8]) -> String? {
        let head = b.prefix(4096)
        guard head.count >= 8 else { return nil }
        var zeroEven = 0
        var zeroOdd = 0
        for (offset, byte) in head.enumerated() where byte == 0 {
            if offset % 2 == 0 { zeroEven += 1 } else { zeroOdd += 1 }
        }
        let pairs = head.count / 2
        if zeroOdd * 10 >= pairs * 7 && zeroEven * 10 < pairs { return "UTF-16LE" }
        if zeroEven * 10 >= pairs * 7 && zeroOdd * 10 < pairs { return "UTF-16BE" }
        return nil
    }
}
