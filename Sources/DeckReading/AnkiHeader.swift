/// The `#key:value` header lines of an Anki "Notes in Plain Text" export.
struct AnkiHeader {
    var separator: [UInt8]?
    var html: Bool?
    var columns: [String]?
    var columnsRaw: String?
    var deck: String?
    var tags: [String] = []
    /// 0-based indices of declared special columns.
    var tagsColumn: Int?
    var guidColumn: Int?
    var deckColumn: Int?
    var notetypeColumn: Int?
    /// Where the records start, and on which line.
    var bodyStart: Int
    var bodyLine: Int
    var warnings: [DeckReadError] = []

    static let keys: Set<String> = [
        "separator", "html", "columns", "deck", "notetype", "tags", "tags column", "guid column",
        "deck column", "notetype column",
    ]

    /// Does the file open with an Anki header line?
    static func isPresent(_ b: [UInt8], from start: Int) -> Bool {
        guard start < b.count, b[start] == Bytes.hash else { return false }
        var end = start
        while end < b.count && b[end] != Bytes.lf && b[end] != Bytes.cr && end - start < 4096 { end += 1 }
        return parseKey(Bytes.string(b, start, end)) != nil
    }

    private static func parseKey(_ line: String) -> (key: String, value: String)? {
        guard line.hasPrefix("#"), let colon = line.firstIndex(of: ":") else { return nil }
        let key = line[line.index(after: line.startIndex)..<colon].trimmingSpaces().lowercased()
        guard keys.contains(key) else { return nil }
        return (key, String(line[line.index(after: colon)...]))
    }

    static let separatorNames: [(String, String)] = [
        ("tab", "\t"), ("comma", ","), ("semicolon", ";"), ("pipe", "|"), ("space", " "), ("colon", ":"),
    ]

    /// Reads header lines at the top of the file. A header that runs straight into the first record
    /// (`#separator:Pipe# First front|…`, newline lost) is split after the known value, with a warning.
    static func parse(_ b: [UInt8], from start: Int, file: String) -> AnkiHeader {
        var header = AnkiHeader(bodyStart: start, bodyLine: 1)
        for line in Bytes.lines(b, from: start) {
            let text = Bytes.string(b, line.start, line.end)
            guard let (key, rawValue) = parseKey(text) else { break }
            header.bodyStart = min(b.count, line.end + 1)
            if line.end < b.count && b[line.end] == Bytes.cr && line.end + 1 < b.count && b[line.end + 1] == Bytes.lf {
                header.bodyStart = line.end + 2
            }
            header.bodyLine = line.number + 1
            let value = rawValue.trimmingSpaces()
            let loc = SourceLocation(file: file, line: line.number)
            // Byte offset of the value inside the line, for recovery.
            let valueOffset =
                line.start + (text.utf8.count - rawValue.utf8.count)
                + (rawValue.utf8.count - rawValue.drop(while: { $0 == " " }).utf8.count)
            switch key {
            case "separator":
                let lower = value.lowercased()
                if let (name, sep) = separatorNames.first(where: { lower == $0.0 }) {
                    _ = name
                    header.separator = Array(sep.utf8)
                } else if let (name, sep) = separatorNames.first(where: { lower.hasPrefix($0.0) }) {
                    header.separator = Array(sep.utf8)
                    header.runOn(at: valueOffset + name.utf8.count, line: line.number, loc: loc, key: key)
                    return header
                } else if value.count == 1 {
                    header.separator = Array(value.utf8)
                } else if let first = value.first, !value.isEmpty {
                    // A literal separator followed by record text.
                    header.separator = Array(String(first).utf8)
                    header.runOn(at: valueOffset + String(first).utf8.count, line: line.number, loc: loc, key: key)
                    return header
                }
            case "html":
                let lower = value.lowercased()
                if lower == "true" || lower == "false" {
                    header.html = lower == "true"
                } else if let v = ["true", "false"].first(where: { lower.hasPrefix($0) }) {
                    header.html = v == "true"
                    header.runOn(at: valueOffset + v.utf8.count, line: line.number, loc: loc, key: key)
                    return header
                } else {
                    header.warnings.append(
                        .warning(
                            .malformedHeader, at: loc, "unknown #html value '\(value)'", hint: "use true or false"))
                }
            case "columns":
                header.columnsRaw = value
            case "deck":
                header.deck = unquote(value)
            case "tags":
                header.tags = value.split(separator: " ").map(String.init)
            case "tags column", "guid column", "deck column", "notetype column":
                guard let n = Int(value), n >= 1 else {
                    header.warnings.append(
                        .warning(
                            .malformedHeader, at: loc, "#\(key) needs a column number, got '\(value)'"))
                    continue
                }
                switch key {
                case "tags column": header.tagsColumn = n - 1
                case "guid column": header.guidColumn = n - 1
                case "deck column": header.deckColumn = n - 1
                default: header.notetypeColumn = n - 1
                }
            default:
                break  // notetype: one note type for all; nothing to do
            }
        }
        return header
    }

    private mutating func runOn(at offset: Int, line: Int, loc: SourceLocation, key: String) {
        bodyStart = offset
        bodyLine = line
        warnings.append(
            .warning(
                .malformedHeader, at: loc, "the #\(key) header runs straight into the first record",
                hint: "put a line break after the header; read as if it were there"))
    }

    private static func unquote(_ s: String) -> String {
        if s.count >= 2, s.first == "\"", s.last == "\"" { return String(s.dropFirst().dropLast()) }
        return s
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        let chars = Array(self)
        var lo = 0
        var hi = chars.count
        while lo < hi && set.contains(chars[lo]) { lo += 1 }
        while hi > lo && set.contains(chars[hi - 1]) { hi -= 1 }
        return String(chars[lo..<hi])
    }

    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[first...last])
        return String(out)
    }
}
