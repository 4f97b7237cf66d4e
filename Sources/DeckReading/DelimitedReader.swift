/// Reads one-card-a-record decks (TSV, custom separators, CSV, Anki text exports) into cards.
///
/// Columns: a header (`#columns:` or a header row naming front/back/question/answer/term/definition)
/// wins; otherwise the first two text columns, skipping declared or detected guid and tags columns.
struct DelimitedReader {
    var file: String
    var deckName: String
    var separator: [UInt8]
    var quoting: Bool
    var html: Bool?
    var anki: AnkiHeader?
    /// Glossary lines (`term: definition`, see `InlinePairSniffer`): a line splits at its first
    /// separator only, and a first line without the separator is the deck's title, not a warning.
    var inlinePairs = false

    struct Output {
        var cards: [Card] = []
        var errors: [DeckReadError] = []
        var warnings: [DeckReadError] = []
    }

    static let frontNames: Set<String> = ["front", "question", "term", "word", "prompt", "text", "q"]
    static let backNames: Set<String> = ["back", "answer", "definition", "meaning", "a", "extra"]

    func read(_ b: [UInt8], from start: Int, firstLine: Int) -> Output {
        var out = Output()
        let tokens = DelimitedTokenizer(separator: separator, quoting: quoting, maxFields: inlinePairs ? 2 : .max)
            .tokenize(b, from: start, firstLine: firstLine)
        if let openLine = tokens.unterminatedQuoteLine {
            out.errors.append(
                DeckReadError(
                    .unterminatedQuote, at: SourceLocation(file: file, line: openLine),
                    "quoted field opened here is never closed", hint: "add the closing \" or double the quotes inside"))
        }
        var records = tokens.records.filter { !$0.isBlank }
        if inlinePairs, records.first?.fields.count == 1 { records.removeFirst() }  // the title line
        guard !records.isEmpty else { return out }

        var plan = ColumnPlan()
        if let anki {
            plan.guid = anki.guidColumn
            plan.tags = anki.tagsColumn
            plan.deck = anki.deckColumn
            plan.notetype = anki.notetypeColumn
            if let raw = anki.columnsRaw {
                let names = raw.split(
                    separator: Character(String(decoding: separator, as: UTF8.self)), omittingEmptySubsequences: false
                )
                .map { $0.trimmingSpaces() }
                plan.apply(names: names)
            }
        }
        if plan.front == nil, let first = records.first,
            Self.isHeaderRow(first.fields, next: records.dropFirst().first?.fields)
        {
            plan.apply(names: first.fields.map { $0.trimmingSpaces() })
            records.removeFirst()
        }
        plan.complete(records: records)
        guard let frontColumn = plan.front else { return out }
        let sepText = separator == [Bytes.tab] ? "TAB" : String(decoding: separator, as: UTF8.self)

        for record in records {
            let loc = SourceLocation(file: file, line: record.line)
            if let back = plan.back, record.fields.count <= back, record.fields.count == 1 {
                out.warnings.append(
                    .warning(
                        .missingSeparator, at: loc, "line has no '\(sepText)' separator; skipped",
                        hint: "put '\(sepText)' between the front and the back"))
                continue
            }
            let front = field(record, frontColumn)
            if front.isEmpty {
                out.warnings.append(.warning(.emptyFront, at: loc, "card with an empty front; skipped"))
                continue
            }
            let back = plan.back.map { field(record, $0) } ?? ""
            var tags = anki?.tags ?? []
            if let t = plan.tags, t < record.fields.count {
                tags += record.fields[t].split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            }
            var deck = deckName
            if let d = plan.deck, d < record.fields.count {
                let name = record.fields[d].trimmingSpaces()
                if !name.isEmpty { deck = name }
            }
            out.cards.append(Card(front: front, back: back, deck: deck, location: loc, tags: tags))
        }
        return out
    }

    private func field(_ record: DelimitedTokenizer.Record, _ index: Int) -> String {
        index < record.fields.count ? FieldText.clean(record.fields[index], html: html) : ""
    }

    /// A first row that names columns: it names front/back (or the like), or every cell is a short
    /// lower-case identifier (`country,capital:de,…`) unlike the next row.
    static func isHeaderRow(_ fields: [String], next: [String]?) -> Bool {
        let names = fields.map { $0.trimmingSpaces().lowercased() }
        if names.contains(where: { frontNames.contains($0) && $0.count > 1 })
            && names.contains(where: { backNames.contains($0) && $0.count > 1 })
        {
            return true
        }
        guard names.count >= 3, Set(names).count == names.count, let next, next != fields else { return false }
        func identifier(_ cell: String) -> Bool {
            let c = cell.trimmingSpaces()
            return !c.isEmpty && c.count <= 30 && c.first!.isLetter
                && c.allSatisfy { $0.isLetter || $0.isNumber || " _:-.".contains($0) }
        }
        guard fields.allSatisfy(identifier) else { return false }
        return fields.allSatisfy { $0 == $0.lowercased() } || !next.allSatisfy(identifier)
    }
}

/// Which column holds what.
struct ColumnPlan {
    var front: Int?
    var back: Int?
    var tags: Int?
    var guid: Int?
    var deck: Int?
    var notetype: Int?

    mutating func apply(names: [String]) {
        let lower = names.map { $0.lowercased() }
        front = front ?? lower.firstIndex { DelimitedReader.frontNames.contains($0) && $0.count > 1 }
        back = back ?? lower.firstIndex { DelimitedReader.backNames.contains($0) && $0.count > 1 && $0 != "extra" }
        tags = tags ?? lower.firstIndex(of: "tags")
        guid = guid ?? lower.firstIndex(of: "guid")
        deck = deck ?? lower.firstIndex(of: "deck")
        notetype = notetype ?? lower.firstIndex(where: { $0 == "notetype" || $0 == "note type" })
    }

    /// Fills front/back with the first two text columns, detecting a UUID-like first column and a
    /// tags-like last column when none was declared.
    mutating func complete(records: [DelimitedTokenizer.Record]) {
        let width = records.map(\.fields.count).max() ?? 0
        if guid == nil, width >= 3, Self.column(0, of: records, isAll: Self.looksLikeID) { guid = 0 }
        if tags == nil, width >= 3, front == nil || back == nil,
            Self.column(width - 1, of: records, isAll: Self.looksLikeTags), width - 1 != front
        {
            tags = width - 1
        }
        let meta = Set([tags, guid, deck, notetype].compactMap { $0 })
        var free = (0..<max(width, 1)).filter { !meta.contains($0) && $0 != front && $0 != back }.makeIterator()
        if front == nil { front = free.next() }
        if back == nil { back = free.next() }
    }

    private static func column(
        _ index: Int, of records: [DelimitedTokenizer.Record], isAll test: (String) -> Bool
    ) -> Bool {
        var seen = 0
        var lowerOrMarked = 0
        for r in records where index < r.fields.count {
            let v = r.fields[index].trimmingSpaces()
            if v.isEmpty { continue }
            guard test(v) else { return false }
            seen += 1
            if v == v.lowercased() || v.contains(where: { "-_:".contains($0) }) { lowerOrMarked += 1 }
        }
        return seen >= max(1, records.count / 2) && lowerOrMarked * 2 >= seen
    }

    /// `8-4-4-4-12` hex UUIDs, or Anki's 10-character guids.
    static func looksLikeID(_ v: String) -> Bool {
        let u = Array(v.utf8)
        if u.count == 36 {
            return u.enumerated().allSatisfy { i, c in
                [8, 13, 18, 23].contains(i)
                    ? c == UInt8(ascii: "-") : (c < 0x80 && Character(UnicodeScalar(c)).isHexDigit)
            }
        }
        return u.count == 10 && !v.contains(" ") && v.contains(where: \.isNumber) && v.contains(where: \.isLetter)
    }

    /// Space-separated short tokens without markup (`general-psych meq-structure`, `UG::Europe`).
    static func looksLikeTags(_ v: String) -> Bool {
        let tokens = v.split(separator: " ")
        return tokens.count <= 12
            && tokens.allSatisfy { t in
                t.count <= 60 && t.allSatisfy { $0.isLetter || $0.isNumber || "-_:./&+#".contains($0) }
            }
    }
}
