import Foundation

/// Reads Obsidian notes written for the spaced-repetition plugin.
///
/// Design note. The rules follow the plugin: a line holding the single-line separator (`::` by
/// default, `:::` for a card both ways) is one card; a line that is only `?` (or `??`, both ways)
/// splits the paragraph above it (the question) from the lines below it (the answer, up to a blank
/// line, a heading or a `___`/`---` rule); a paragraph without a card whose text holds `==x==`
/// highlights gives one cloze card per highlight. YAML front matter is skipped, fenced code is never
/// scanned for separators, `<!--SR:…-->` scheduling comments are dropped, and the note's title and
/// headings become `Card.context`. Wiki-links `[[x]]` / `[[x|y]]` read as `x` / `y`, Markdown links as
/// their text; images and embeds are dropped. Separators come from the plugin's settings
/// (`.obsidian/plugins/obsidian-spaced-repetition/data.json` in the vault, found by the loader).
/// What it gets wrong: bold/curly-bracket clozes (off by default in the plugin) are not read, and
/// a question paragraph that starts right under a heading without a blank line keeps only the
/// lines after the heading. Two cards written without a blank line between them are split: the line
/// just above the second `?` is taken as its question.
public struct ObsidianReader: Sendable {
    /// The plugin's separators and deck tags.
    public struct Settings: Sendable, Hashable {
        public var singleLine = "::"
        public var singleLineReversed = ":::"
        public var multiLine = "?"
        public var multiLineReversed = "??"
        public var flashcardTags = ["#flashcards"]
        public var highlightsToClozes = true

        public init() {}

        /// Settings read from the plugin's `data.json`; missing keys keep their defaults.
        public init(pluginData: Data) {
            self.init()
            guard let object = try? JSONSerialization.jsonObject(with: pluginData) as? [String: Any],
                let settings = object["settings"] as? [String: Any]
            else { return }
            func text(_ key: String) -> String? {
                (settings[key] as? String).flatMap { $0.isEmpty ? nil : $0 }
            }
            singleLine = text("singleLineCardSeparator") ?? singleLine
            singleLineReversed = text("singleLineReversedCardSeparator") ?? singleLineReversed
            multiLine = text("multilineCardSeparator") ?? multiLine
            multiLineReversed = text("multilineReversedCardSeparator") ?? multiLineReversed
            if let tags = settings["flashcardTags"] as? [String], !tags.isEmpty { flashcardTags = tags }
            if let clozes = settings["convertHighlightsToClozes"] as? Bool { highlightsToClozes = clozes }
        }
    }

    var file: String
    var noteTitle: String
    var settings: Settings

    struct Output {
        var cards: [Card] = []
        /// The deck tags found (`#flashcards`, `#flashcards/biology`), in order; empty when the note has none.
        var deckTags: [String] = []
    }

    private struct Line {
        var text: Substring
        var number: Int
    }

    func read(_ bytes: [UInt8], from start: Int) -> Output {
        var out = Output()
        let text = String(decoding: bytes[start...], as: UTF8.self)
        var lines: [Line] = []
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            lines.append(Line(text: raw.hasSuffix("\r") ? raw.dropLast() : raw, number: number))
        }
        var index = 0
        // YAML front matter: `---` on the first line up to the next `---` (or `...`).
        if lines.first?.text.trimmingCharacters(in: .whitespaces) == "---" {
            var end = 1
            while end < lines.count, !["---", "..."].contains(lines[end].text.trimmingCharacters(in: .whitespaces)) {
                end += 1
            }
            if end < lines.count {
                out.deckTags += frontMatterTags(lines[1..<end].map { String($0.text) })
                index = end + 1
            }
        }
        for line in lines[index...] { out.deckTags += inlineDeckTags(line.text) }

        let deckPath =
            out.deckTags.first.map { tag in
                tag.dropFirst().split(separator: "/").map(String.init)
            } ?? []
        var headings: [(level: Int, text: String)] = []
        var paragraph: [Line] = []
        var paragraphHadCard = false
        var inFence = false

        func context() -> [String] { [noteTitle] + headings.map(\.text) }
        func add(_ front: String, _ back: String, line: Int, reversed: Bool) {
            let front = clean(front)
            let back = clean(back)
            guard !front.isEmpty else { return }
            let location = SourceLocation(file: file, line: line)
            out.cards.append(
                Card(
                    front: front, back: back, deck: noteTitle, location: location, tags: out.deckTags,
                    deckPath: deckPath, context: context()))
            if reversed, !back.isEmpty {
                out.cards.append(
                    Card(
                        front: back, back: front, deck: noteTitle, location: location, tags: out.deckTags,
                        deckPath: deckPath, context: context()))
            }
        }
        func closeParagraph() {
            defer {
                paragraph = []
                paragraphHadCard = false
            }
            guard !paragraphHadCard, settings.highlightsToClozes, let first = paragraph.first else { return }
            let joined = paragraph.map { String($0.text) }.joined(separator: "\n")
            // Each highlight makes a card of the whole paragraph: at most `maxHighlightCards` of them, so
            // a paragraph of thousands of highlights costs linear time, not one paragraph per highlight.
            let highlights = Self.highlights(in: joined).prefix(Self.maxHighlightCards)
            for (k, answer) in highlights.enumerated() {
                var blanked = ""
                var n = 0
                Self.forEachHighlight(in: joined) { piece, isHighlight in
                    if isHighlight {
                        blanked += n == k ? "[...]" : piece
                        n += 1
                    } else {
                        blanked += piece
                    }
                }
                add(blanked, answer, line: first.number, reversed: false)
            }
        }

        while index < lines.count {
            let line = lines[index]
            let trimmed = line.text.trimmingCharacters(in: .whitespaces)
            index += 1
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                inFence.toggle()
                paragraph.append(line)
                continue
            }
            if inFence {
                paragraph.append(line)
                continue
            }
            if trimmed.isEmpty || Self.isRule(trimmed) {
                closeParagraph()
                continue
            }
            if let heading = Self.heading(trimmed) {
                closeParagraph()
                while let last = headings.last, last.level >= heading.level { headings.removeLast() }
                headings.append(heading)
                continue
            }
            if trimmed == settings.multiLine || trimmed == settings.multiLineReversed {
                let reversed = trimmed == settings.multiLineReversed
                var answer: [Substring] = []
                var inAnswerFence = false
                while index < lines.count {
                    let next = lines[index].text
                    let t = next.trimmingCharacters(in: .whitespaces)
                    if t.hasPrefix("```") || t.hasPrefix("~~~") { inAnswerFence.toggle() }
                    if !inAnswerFence && (t.isEmpty || Self.isRule(t) || Self.heading(t) != nil) { break }
                    // The next card written without a blank line: its question is the line above its `?`.
                    if !inAnswerFence, t == settings.multiLine || t == settings.multiLineReversed, answer.count >= 2 {
                        answer.removeLast()
                        index -= 1
                        break
                    }
                    answer.append(next)
                    index += 1
                }
                if let first = paragraph.first {
                    add(
                        paragraph.map { String($0.text) }.joined(separator: "\n"), answer.joined(separator: "\n"),
                        line: first.number, reversed: reversed)
                }
                paragraph = []
                paragraphHadCard = false
                continue
            }
            if let (front, back, reversed) = splitSingleLine(line.text) {
                add(front, back, line: line.number, reversed: reversed)
                paragraphHadCard = true
                continue
            }
            paragraph.append(line)
        }
        closeParagraph()
        return out
    }

    /// `question::answer` (or `question:::answer`, both ways), reversed separator tried first.
    private func splitSingleLine(_ line: Substring) -> (String, String, Bool)? {
        let candidates = [(settings.singleLineReversed, true), (settings.singleLine, false)].sorted {
            $0.0.count > $1.0.count
        }
        for (separator, reversed) in candidates where !separator.isEmpty {
            if let range = line.range(of: separator) {
                return (String(line[..<range.lowerBound]), String(line[range.upperBound...]), reversed)
            }
        }
        return nil
    }

    private func frontMatterTags(_ lines: [String]) -> [String] {
        var tags: [String] = []
        var inTags = false
        for line in lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let colon = line.firstIndex(of: ":"), !line.hasPrefix(" "), !line.hasPrefix("\t"), !line.hasPrefix("-") {
                let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                inTags = key == "tags" || key == "tag"
                if inTags {
                    let value = line[line.index(after: colon)...].trimmingCharacters(
                        in: CharacterSet(charactersIn: " []"))
                    tags += value.split(whereSeparator: { $0 == "," || $0 == " " }).map {
                        $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
                    }
                }
            } else if inTags, trimmed.hasPrefix("-") {
                tags.append(trimmed.dropFirst().trimmingCharacters(in: CharacterSet(charactersIn: "\"' ")))
            }
        }
        return tags.map { $0.hasPrefix("#") ? $0 : "#" + $0 }.filter(isDeckTag)
    }

    private func inlineDeckTags(_ line: Substring) -> [String] {
        guard line.contains("#") else { return [] }
        var out: [String] = []
        for word in line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }) where word.hasPrefix("#") {
            let tag = String(word.prefix { !$0.isWhitespace && $0 != ")" && $0 != "]" })
            if isDeckTag(tag) { out.append(tag) }
        }
        return out
    }

    private func isDeckTag(_ tag: String) -> Bool {
        settings.flashcardTags.contains { tag == $0 || tag.hasPrefix($0 + "/") }
    }

    private static func isRule(_ trimmed: String) -> Bool {
        trimmed.count >= 3
            && (trimmed.allSatisfy { $0 == "_" } || trimmed.allSatisfy { $0 == "-" }
                || trimmed.allSatisfy { $0 == "*" })
    }

    private static func heading(_ trimmed: String) -> (level: Int, text: String)? {
        let hashes = trimmed.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), trimmed.dropFirst(hashes).first == " " else { return nil }
        return (hashes, trimmed.dropFirst(hashes).trimmingCharacters(in: .whitespaces))
    }

    /// The most cloze cards one paragraph's highlights make (the first ones, in order).
    static let maxHighlightCards = 64

    /// The text of every `==highlight==`, in order.
    static func highlights(in text: String) -> [String] {
        var out: [String] = []
        forEachHighlight(in: text) { piece, isHighlight in if isHighlight { out.append(piece) } }
        return out
    }

    static func forEachHighlight(in text: String, _ body: (String, Bool) -> Void) {
        var rest = text[...]
        // (`firstRange(of:)` searches from where the last match ended; Foundation's `range(of:)` bridged the
        // whole text to UTF-16 for every highlight.)
        while let open = rest.firstRange(of: "=="), let close = rest[open.upperBound...].firstRange(of: "=="),
            close.lowerBound > open.upperBound
        {
            body(String(rest[..<open.lowerBound]), false)
            body(String(rest[open.upperBound..<close.lowerBound]), true)
            rest = rest[close.upperBound...]
        }
        body(String(rest), false)
    }

    /// Markdown of one side turned into text: comments, images and embeds dropped, links as their text,
    /// list and task markers, block ids and emphasis marks removed, HTML (`</br>`) cleaned.
    func clean(_ markdown: String) -> String {
        var lines: [String] = []
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Self.stripMarkup(String(raw))
            line = Self.stripListMarker(line)
            if !line.trimmingCharacters(in: .whitespaces).isEmpty { lines.append(line) }
        }
        return FieldText.clean(lines.joined(separator: "\n"), html: nil)
    }

    static func stripListMarker(_ line: String) -> String {
        var s = line.drop { $0 == " " || $0 == "\t" }
        for marker in ["- [ ] ", "- [x] ", "- [X] ", "* [ ] ", "* [x] "] where s.hasPrefix(marker) {
            return String(s.dropFirst(marker.count))
        }
        if let first = s.first, "-*+".contains(first), s.dropFirst().first == " " {
            s = s.dropFirst(2)
            return "- " + s  // keep a bullet so answers stay readable lists
        }
        return String(line)
    }

    /// Obsidian markup of one line dropped or replaced by its text. Linear in the line: each search for
    /// a closing mark starts where its opening mark is, and is skipped when the line holds no such mark
    /// further on (a line of many unclosed `[[` or `[` cost one scan to the end per mark before).
    static func stripMarkup(_ line: String) -> String {
        var out = ""
        var rest = line[...]
        // Where the last "]]" starts and the last ")" stands: an opening mark after it has no closer.
        let lastDoubleBracket = line.ranges(of: "]]").last?.lowerBound
        let lastParenthesis = line.lastIndex(of: ")")
        func closer(_ mark: String, in tail: Substring, last: String.Index?) -> Range<String.Index>? {
            guard let last, tail.startIndex <= last else { return nil }
            return tail.firstRange(of: mark)
        }
        // The next "](" and the ")" after it, remembered: every "[" before that "](" finds the same one, so
        // a run of openers whose link never closes is read once, not once per opener.
        var linkSearch: (from: String.Index, found: (close: Range<String.Index>, end: String.Index?)?)?
        func linkEnd(in tail: Substring) -> (close: Range<String.Index>, end: String.Index)? {
            if let search = linkSearch, search.from <= tail.startIndex,
                search.found.map({ tail.startIndex <= $0.close.lowerBound }) ?? true
            {
                guard let found = search.found, let end = found.end else { return nil }
                return (found.close, end)
            }
            let close = tail.firstRange(of: "](")
            let end = close.flatMap { close in
                lastParenthesis.flatMap { close.upperBound <= $0 ? tail[close.upperBound...].firstIndex(of: ")") : nil }
            }
            linkSearch = (tail.startIndex, close.map { ($0, end) })
            guard let close, let end else { return nil }
            return (close, end)
        }
        while let start = rest.firstIndex(where: { "<![=*^".contains($0) }) {
            out += rest[..<start]
            let tail = rest[start...]
            if tail.hasPrefix("<!--") {
                if let end = tail.firstRange(of: "-->") {
                    rest = tail[end.upperBound...]
                } else {
                    rest = ""
                }
            } else if tail.hasPrefix("![[") {
                rest = closer("]]", in: tail, last: lastDoubleBracket).map { tail[$0.upperBound...] } ?? ""
            } else if tail.hasPrefix("[["), let end = closer("]]", in: tail, last: lastDoubleBracket) {
                let inner = tail[tail.index(tail.startIndex, offsetBy: 2)..<end.lowerBound]
                let shown = inner.split(separator: "|", maxSplits: 1).last ?? inner
                out += shown.split(separator: "#").first.map(String.init) ?? ""
                rest = tail[end.upperBound...]
            } else if tail.hasPrefix("!["), let link = linkEnd(in: tail) {
                rest = tail[tail.index(after: link.end)...]
            } else if tail.hasPrefix("["), let link = linkEnd(in: tail) {
                out += tail[tail.index(after: tail.startIndex)..<link.close.lowerBound]
                rest = tail[tail.index(after: link.end)...]
            } else if tail.hasPrefix("==") || tail.hasPrefix("**") || tail.hasPrefix("__") {
                rest = tail.dropFirst(2)
            } else if tail.hasPrefix("^"), !tail.dropFirst().isEmpty,
                tail.dropFirst().allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }),
                out.last == " " || out.isEmpty
            {
                rest = ""  // a block id at the end of the line
            } else {
                out.append(tail.first!)
                rest = tail.dropFirst()
            }
        }
        out += rest
        return out
    }
}
