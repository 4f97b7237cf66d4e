/// Splits delimited text (TSV, custom separators, RFC 4180 CSV) into records over UTF-8 bytes.
///
/// With `quoting`, a field that starts with `"` runs to the matching `"` and may hold separators,
/// line breaks and doubled quotes (`""`); text after the closing quote up to the separator is kept as is.
/// Without it, quotes are ordinary characters (Quizlet exports do not quote).
/// - Complexity: O(n) in the number of bytes.
struct DelimitedTokenizer {
    struct Record {
        /// Line where the record starts.
        var line: Int
        var fields: [String]
        var isBlank: Bool {
            fields.allSatisfy { $0.utf8.allSatisfy { $0 == Bytes.space || $0 == Bytes.tab || $0 == Bytes.cr } }
        }
    }

    struct Output {
        var records: [Record]
        /// Line where a quoted field opened and never closed; tokenizing stopped there.
        var unterminatedQuoteLine: Int?
    }

    var separator: [UInt8]
    var quoting: Bool
    /// Past this many fields the separator is ordinary text (`term: a definition: with colons` is
    /// two fields when the separator is `: ` and `maxFields` is 2).
    var maxFields: Int = .max

    func tokenize(_ b: [UInt8], from start: Int, firstLine: Int, maxRecords: Int = .max) -> Output {
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var i = start
        var line = firstLine
        var recordLine = line
        var atFieldStart = true
        let n = b.count
        let sep = separator
        let s0 = sep[0]

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }

        while i < n {
            if records.count >= maxRecords { return Output(records: records, unterminatedQuoteLine: nil) }
            let c = b[i]
            if quoting && atFieldStart && c == Bytes.quote {
                let openLine = line
                i += 1
                var closed = false
                while i < n {
                    let d = b[i]
                    if d == Bytes.quote {
                        if i + 1 < n && b[i + 1] == Bytes.quote {
                            field.append(Bytes.quote)
                            i += 2
                            continue
                        }
                        i += 1
                        closed = true
                        break
                    }
                    if d == Bytes.lf || (d == Bytes.cr && (i + 1 >= n || b[i + 1] != Bytes.lf)) { line += 1 }
                    field.append(d)
                    i += 1
                }
                if !closed { return Output(records: records, unterminatedQuoteLine: openLine) }
                // Only spaces may sit between a closing quote and the separator or line end; anything
                // else means a quote inside the field was not doubled, so the field never really closed.
                var j = i
                while j < n && (b[j] == Bytes.space || b[j] == Bytes.tab) && !(b[j] == s0 && matches(b, j, sep)) {
                    j += 1
                }
                if j < n && b[j] != Bytes.lf && b[j] != Bytes.cr && !(b[j] == s0 && matches(b, j, sep)) {
                    return Output(records: records, unterminatedQuoteLine: openLine)
                }
                i = j
                atFieldStart = false
                continue
            }
            if c == Bytes.lf || c == Bytes.cr {
                endField()
                records.append(Record(line: recordLine, fields: fields))
                fields = []
                if c == Bytes.cr && i + 1 < n && b[i + 1] == Bytes.lf { i += 1 }
                i += 1
                line += 1
                recordLine = line
                atFieldStart = true
                continue
            }
            if c == s0 && fields.count + 1 < maxFields && matches(b, i, sep) {
                endField()
                i += sep.count
                atFieldStart = true
                continue
            }
            field.append(c)
            i += 1
            atFieldStart = false
        }
        if !field.isEmpty || !fields.isEmpty {
            endField()
            records.append(Record(line: recordLine, fields: fields))
        }
        return Output(records: records, unterminatedQuoteLine: nil)
    }

    @inline(__always)
    private func matches(_ b: [UInt8], _ i: Int, _ sep: [UInt8]) -> Bool {
        if sep.count == 1 { return true }
        guard i + sep.count <= b.count else { return false }
        for k in 1..<sep.count where b[i + k] != sep[k] { return false }
        return true
    }
}

/// Guesses the separator of a delimited file: the candidate that splits most lines into one
/// consistent field count (at least 2). Looks at the first 500 non-blank lines.
enum SeparatorSniffer {
    static let custom: [[UInt8]] = [[Bytes.tab], Array(";;".utf8), Array("|".utf8), Array("*".utf8), Array(";".utf8)]
    static let csv: [[UInt8]] = [Array(",".utf8), Array(";".utf8), [Bytes.tab]]

    /// Share of lines with the most common field count, for the best candidate (nil when none reaches `minShare`).
    static func sniff(
        _ b: [UInt8], from start: Int, candidates: [[UInt8]], quoting: Bool, minShare: Double = 0.6
    ) -> [UInt8]? {
        var best: (sep: [UInt8], share: Double)?
        for sep in candidates {
            let out = DelimitedTokenizer(separator: sep, quoting: quoting)
                .tokenize(b, from: start, firstLine: 1, maxRecords: 600)
            let counts = out.records.filter { !$0.isBlank && !($0.fields.first?.hasPrefix("#") ?? false) }
                .prefix(500).map(\.fields.count)
            guard !counts.isEmpty else { continue }
            var histogram: [Int: Int] = [:]
            for c in counts { histogram[c, default: 0] += 1 }
            guard let (mode, hits) = histogram.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) }),
                mode >= 2
            else { continue }
            let share = Double(hits) / Double(counts.count)
            if share >= minShare && share > (best?.share ?? 0) + 1e-9 { best = (sep, share) }
        }
        return best?.sep
    }
}

/// Recognises decks typed one card a line as `term: definition`, `term - definition`,
/// `term – definition` or `term = definition` (how people type a glossary), where the separator may
/// occur again inside the definition: it splits a line at its first occurrence only.
///
/// A line counts for a candidate when the candidate follows a short term (one to eight words, no
/// `?`) and a non-blank definition follows it; the candidate that most of the first 500 non-blank
/// lines (70%, and at least two) split so wins. A title line or a few stray lines do not stop it.
/// *Gets wrong*: a plain-text deck whose answers mostly start with a short label and a colon is read
/// as pairs (such a deck is rare; `--deck-format plain` forces the other reading).
/// - Complexity: O(n) in the bytes looked at (at most 500 lines).
enum InlinePairSniffer {
    static let candidates: [[UInt8]] = [": ", " - ", " \u{2013} ", " \u{2014} ", " = "].map { Array($0.utf8) }

    static func sniff(_ b: [UInt8], from start: Int) -> [UInt8]? {
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = start
        var i = start
        while i <= b.count && lines.count < 500 {
            if i == b.count || b[i] == Bytes.lf || b[i] == Bytes.cr {
                let line = b[lineStart..<i]
                if line.contains(where: { $0 != Bytes.space && $0 != Bytes.tab }) && line.first != UInt8(ascii: "#") {
                    lines.append(line)
                }
                lineStart = i + 1
            }
            i += 1
        }
        guard lines.count >= 2 else { return nil }
        var best: (separator: [UInt8], hits: Int)?
        for candidate in candidates {
            let hits = lines.count(where: { splitsAsPair($0, at: candidate) })
            if hits >= 2, Double(hits) >= 0.7 * Double(lines.count), hits > (best?.hits ?? 0) {
                best = (candidate, hits)
            }
        }
        return best?.separator
    }

    /// Whether `line` reads as a short term, then `separator`, then a definition.
    static func splitsAsPair(_ line: ArraySlice<UInt8>, at separator: [UInt8]) -> Bool {
        guard let at = firstIndex(of: separator, in: line) else { return false }
        let term = line[line.startIndex..<at]
        let definition = line[(at + separator.count)...]
        guard !term.contains(UInt8(ascii: "?")), !term.contains(Bytes.tab),
            definition.contains(where: { $0 != Bytes.space && $0 != Bytes.tab })
        else { return false }
        let words = term.split(whereSeparator: { $0 == Bytes.space }).count
        return (1...8).contains(words)
    }

    private static func firstIndex(of needle: [UInt8], in line: ArraySlice<UInt8>) -> Int? {
        guard line.count >= needle.count else { return nil }
        var i = line.startIndex
        while i + needle.count <= line.endIndex {
            if line[i] == needle[0] && line[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
