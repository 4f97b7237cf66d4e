/// What a file is, judged from its first bytes, so that a file in a format we do not read is named in
/// the error ("a PDF document") instead of being read as text into a junk graph.
enum FileSignature: Equatable, CustomStringConvertible {
    case zip, sqlite, pdf, gzip, zstd, png, jpeg, gif, utf16

    static func detect(_ b: [UInt8]) -> FileSignature? {
        func starts(_ magic: [UInt8]) -> Bool { b.count >= magic.count && b[0..<magic.count].elementsEqual(magic) }
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if starts(Array("SQLite format 3\u{0}".utf8)) { return .sqlite }
        if starts(Array("%PDF".utf8)) { return .pdf }
        if starts([0x1F, 0x8B]) { return .gzip }
        if starts([0x28, 0xB5, 0x2F, 0xFD]) { return .zstd }
        if starts([0x89, 0x50, 0x4E, 0x47]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(Array("GIF8".utf8)) { return .gif }
        if starts([0xFF, 0xFE]) || starts([0xFE, 0xFF]) { return .utf16 }
        return nil
    }

    var description: String {
        switch self {
        case .zip: return "a zip archive"
        case .sqlite: return "an SQLite database (an unpacked Anki collection?)"
        case .pdf: return "a PDF document"
        case .gzip: return "a gzip-compressed file"
        case .zstd: return "a zstd-compressed file"
        case .png: return "a PNG picture"
        case .jpeg: return "a JPEG picture"
        case .gif: return "a GIF picture"
        case .utf16: return "UTF-16 text"
        }
    }

    var hint: String {
        switch self {
        case .sqlite: return "give the .apkg or .colpkg package Anki exported, not the collection inside it"
        case .gzip, .zstd: return "decompress it first"
        case .utf16: return "save it as UTF-8"
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
