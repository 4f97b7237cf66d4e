/// What a file is, judged from its first bytes, so that a file in a format we do not read is named in
/// the error ("a PNG picture") instead of being read as text into a junk graph. Complements
/// `TextEncoding`, which names SQLite, PDF and gzip files and converts UTF-16; a zip goes to the
/// package reader.
enum FileSignature: Equatable, CustomStringConvertible {
    case zip, zstd, png, jpeg, gif

    static func detect(_ b: [UInt8]) -> FileSignature? {
        func starts(_ magic: [UInt8]) -> Bool { b.count >= magic.count && b[0..<magic.count].elementsEqual(magic) }
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if starts([0x28, 0xB5, 0x2F, 0xFD]) { return .zstd }
        if starts([0x89, 0x50, 0x4E, 0x47]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(Array("GIF8".utf8)) { return .gif }
        return nil
    }

    var description: String {
        switch self {
        case .zip: return "a zip archive"
        case .zstd: return "a zstd-compressed file"
        case .png: return "a PNG picture"
        case .jpeg: return "a JPEG picture"
        case .gif: return "a GIF picture"
        }
    }

    var hint: String {
        switch self {
        case .zstd: return "decompress it first"
        default: return "export the cards as text, CSV, CrowdAnki JSON or an Anki package"
        }
    }

    /// A JSON object or array: first non-blank byte `{` or `[` followed (after blanks) by `"`, `{`, `[` or `]`/`}`.
    static func looksLikeJSON(_ b: [UInt8], from start: Int) -> Bool {
        var i = start
        func skipBlanks() { while i < b.count, [0x20, 0x09, 0x0A, 0x0D].contains(b[i]) { i += 1 } }
        skipBlanks()
        guard i < b.count, b[i] == UInt8(ascii: "{") || b[i] == UInt8(ascii: "[") else { return false }
        i += 1
        skipBlanks()
        guard i < b.count else { return false }
        return [UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "}")]
            .contains(b[i])
    }

    /// HTML or XML documents (a saved web page, a GraphML file given as input).
    static func markup(_ b: [UInt8], from start: Int) -> String? {
        let head = String(decoding: b[start..<min(b.count, start + 512)], as: UTF8.self).lowercased()
        let trimmed = head.drop { $0.isWhitespace }
        if trimmed.hasPrefix("<!doctype html") || trimmed.hasPrefix("<html") { return "an HTML page" }
        if trimmed.hasPrefix("<?xml") {
            return head.contains("graphml") ? "a GraphML file (an output of this tool?)" : "an XML document"
        }
        return nil
    }
}
