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
            if c == s0 && matches(b, i, sep) {
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
