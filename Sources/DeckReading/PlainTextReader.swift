/// Reads plain-text decks: an optional title line, then fronts each followed by answer lines.
///
/// Every line gets a front-likeness score from its own shape (question mark, question word, bullet,
/// length, list punctuation, trailing `:`) and its neighbours (blank lines, a question just above).
/// A small dynamic program then picks the labelling (title / front / answer) with the best total,
/// under the card grammar: one to three stacked fronts, then at least as many answer lines.
/// - Complexity: O(n) in the number of lines.
struct PlainTextReader {
    var file: String
    var deckName: String

    struct Output {
        var cards: [Card] = []
        var warnings: [DeckReadError] = []
    }

    struct Line {
        var text: String
        var number: Int
        var words: [Substring]
        var blankBefore = false
        var blankAfter = false
        var isBullet = false
        /// Cached: words holding a letter or digit, first word folded, holds a `?`.
        var wordCount = 0
        var firstWord = ""
        var hasQuestionMark = false
    }

    enum Label { case title, front, answer }

    func read(_ b: [UInt8], from start: Int) -> Output {
        let lines = Self.lines(b, from: start)
        guard !lines.isEmpty else { return Output() }
        return build(lines, Self.segment(lines))
    }

    /// Each line with its front score and chosen label (for tuning and tests).
    static func explain(_ b: [UInt8]) -> [(text: String, score: Double, label: Label)] {
        let lines = lines(b, from: 0)
        guard !lines.isEmpty else { return [] }
        let labels = segment(lines)
        return lines.indices.map { (lines[$0].text, frontScore(lines, $0), labels[$0]) }
    }

    static func lines(_ b: [UInt8], from start: Int) -> [Line] {
        var lines: [Line] = []
        var sawBlank = false
        for raw in Bytes.lines(b, from: start) {
            let text = Bytes.string(b, raw.start, raw.end).trimmingSpaces()
            if text.isEmpty {
                sawBlank = true
                if !lines.isEmpty { lines[lines.count - 1].blankAfter = true }
                continue
            }
            var line = Line(text: text, number: raw.number, words: text.split(whereSeparator: \.isWhitespace))
            line.blankBefore = sawBlank
            line.isBullet = Self.isBullet(text)
            line.wordCount = line.words.reduce(0) { $0 + ($1.contains(where: { $0.isLetter || $0.isNumber }) ? 1 : 0) }
            line.firstWord = line.words.first.map { $0.lowercased().filter(\.isLetter) } ?? ""
            line.hasQuestionMark = text.utf8.contains(UInt8(ascii: "?"))
            sawBlank = false
            lines.append(line)
        }
        return lines
    }

    // MARK: Line features

    static let questionWords: Set<String> = ["what", "who", "why", "how", "when", "where", "which", "whose", "whom"]
    static let taskWords: Set<String> = [
        "define", "describe", "explain", "compare", "contrast", "discuss", "list", "name", "outline",
        "identify", "distinguish", "differentiate", "state", "summarize", "summarise", "evaluate",
    ]
    static let auxiliaries: Set<String> = [
        "is", "are", "does", "do", "did", "can", "was", "were", "will", "should", "would", "could",
    ]
    static let titleWords: Set<String> = [
        "flashcards", "flashcard", "cards", "deck", "chapter", "ch", "unit", "lecture", "midterm", "exam", "final",
        "quiz", "review", "notes", "module", "week", "part", "section", "topic", "revision",
    ]

    /// `-`, `•`, `*`, `–`, `·` or `1)`, `2,`, `3.`, `3.c`, `a)` at the start of a line.
    static func isBullet(_ text: String) -> Bool {
        guard let first = text.first else { return false }
        if "-•*–—·▪◦‣>".contains(first) { return true }
        let chars = Array(text.prefix(4))
        var i = 0
        while i < chars.count && chars[i].isASCII && chars[i].isNumber { i += 1 }
        if i > 0 && i < chars.count {
            let c = chars[i]
            if c == ")" || c == "," { return true }
            if c == "." { return i + 1 >= chars.count || !chars[i + 1].isNumber }
        }
        if chars.count >= 2, chars[0].isLetter, chars[1] == ")" { return true }
        return false
    }

    private static func firstWord(_ line: Line) -> String { line.firstWord }

    private static func wordCount(_ line: Line) -> Int { line.wordCount }

    /// Log-odds-like score that the line is a card front (positive) rather than part of an answer.
    static func frontScore(_ lines: [Line], _ i: Int) -> Double {
        let line = lines[i]
        let text = line.text
        var s = 0.0
        if line.isBullet { s -= 3 }
        if text.last == "?" { s += 3 } else if line.hasQuestionMark { s += 1.5 }
        let first = firstWord(line)
        if questionWords.contains(first) {
            s += 2
        } else if taskWords.contains(first) {
            s += 2.5
        } else if auxiliaries.contains(first) && line.hasQuestionMark {
            s += 0.5
        }
        let words = wordCount(line)
        switch words {
        case ...1: s += 0.8
        case 2...3: s += 1.0
        case 4...6: s += 0.4
        case 7...10: s -= 0.5
        case 11...20: s -= 1.5
        default: s -= 2.5
        }
        if let last = text.last {
            // A full stop ends answers, unless the line is an exam instruction ("Compare … .").
            if last == "." && !text.hasSuffix("...") && !taskWords.contains(first) { s -= 1 }
            if last == "," || last == ";" { s -= 1 }
            if last == ":" { s -= 1.2 }
            if last == ")", let open = text.lastIndex(of: "("), text[open...].contains(where: \.isNumber) { s += 1 }
            if last == ")" { s += 0.3 }
        }
        if !(text.last == "?"), let colon = text.firstIndex(of: ":"), colon != text.index(before: text.endIndex) {
            s -= 0.8
        }
        if !line.hasQuestionMark && text.filter({ $0 == "," }).count >= 2 { s -= 1 }
        // Context.
        if line.blankBefore { s += 1.5 }
        if i > 0 {
            let prev = lines[i - 1]
            if prev.text.last == "?" && !line.blankBefore { s -= 1 }
            if prev.isBullet && !line.isBullet { s += 0.15 }
        }
        // A count the next line or bullet run delivers ("5 phases" → five items); a line ending in ':'
        // introduces a list inside an answer instead.
        if !(text.last == ":"), let n = countHint(line), i + 1 < lines.count, itemCounts(lines, after: i).contains(n) {
            s += 1.5
        }
        if i + 1 < lines.count {
            let nextWords = wordCount(lines[i + 1])
            if nextWords >= 2 * words + 3 { s += 0.3 }
        }
        return s
    }

    static let numberWords: [String: Int] = [
        "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    ]

    /// `numberWords` with each word's bytes packed into an integer (see `countHint`).
    private static let packedNumberWords: [UInt64: Int] = Dictionary(
        uniqueKeysWithValues: numberWords.map { word, n in
            (word.utf8.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }, n)
        })

    /// A small count the line announces ("5 phases of …", "(8 components)", "two types"), if any.
    ///
    /// Works on the UTF-8 bytes of words of 8 bytes at most: brackets and punctuation `()[],.:;` are
    /// trimmed from both ends, then the rest is read as an integer (an optional sign and digits, as
    /// `Int(_:)` reads it) or, lowercased, as a number word. A rest holding a non-ASCII byte is neither
    /// (number words are ASCII, and no non-ASCII letter lowercases into one), so it is skipped.
    static func countHint(_ line: Line) -> Int? {
        for w in line.words where w.utf8.count <= 8 {
            if let n = countHint(word: w) { return n }
        }
        return nil
    }

    /// The count one word of 8 bytes or fewer gives ("5", "(8", "two", "Three:"), if any.
    static func countHint(word: Substring) -> Int? {
        word.utf8.withContiguousStorageIfAvailable { countHint(word: $0) }
            ?? Array(word.utf8).withUnsafeBufferPointer { countHint(word: $0) }
    }

    private static func countHint(word bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        func isTrimmed(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ","),
                UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: ";"):
                return true
            default: return false
            }
        }
        var lo = 0
        var hi = bytes.count
        while lo < hi && isTrimmed(bytes[lo]) { lo += 1 }
        while hi > lo && isTrimmed(bytes[hi - 1]) { hi -= 1 }
        guard lo < hi else { return nil }
        // An integer: an optional sign, then at least one digit.
        var digitsFrom = lo
        let negative = bytes[lo] == UInt8(ascii: "-")
        if negative || bytes[lo] == UInt8(ascii: "+") { digitsFrom += 1 }
        if digitsFrom < hi {
            var value = 0
            var allDigits = true
            for i in digitsFrom..<hi {
                let digit = bytes[i] &- UInt8(ascii: "0")
                guard digit < 10 else {
                    allDigits = false
                    break
                }
                value = value * 10 + Int(digit)
            }
            if allDigits { return !negative && (2...12).contains(value) ? value : nil }
        }
        // A number word, lowercased (ASCII only).
        var packed: UInt64 = 0
        for i in lo..<hi {
            var byte = bytes[i]
            guard byte < 0x80, byte != 0 else { return nil }
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
            packed = packed << 8 | UInt64(byte)
        }
        return packedNumberWords[packed]
    }

    /// How many items the text after line `i` lists: words or comma parts of the next line, or its bullet run.
    static func itemCounts(_ lines: [Line], after i: Int) -> Set<Int> {
        let next = lines[i + 1]
        var counts: Set<Int> = [wordCount(next)]
        let commaParts = next.text.split(separator: ",").filter { !$0.trimmingSpaces().isEmpty }.count
        if commaParts > 1 { counts.insert(commaParts) }
        var bullets = 0
        var j = i + 1
        while j < lines.count && lines[j].isBullet {
            bullets += 1
            j += 1
        }
        if bullets > 1 { counts.insert(bullets) }
        return counts
    }

    static func titleScore(_ lines: [Line]) -> Double {
        let line = lines[0]
        guard !line.isBullet, !line.hasQuestionMark, wordCount(line) <= 10, lines.count > 2 else { return -.infinity }
        // A title needs a cue: a title word or a number, or a question right under it.
        if line.words.contains(where: { titleWords.contains($0.lowercased()) }) || line.text.contains(where: \.isNumber)
        {
            return 0.8
        }
        let second = lines[1]
        return second.text.last == "?" || questionWords.contains(firstWord(second)) ? 0 : -.infinity
    }

    private static func tokens(_ line: Line) -> Set<String> {
        Set(line.words.map { $0.lowercased() })
    }

    private static func jaccard(_ a: Line, _ b: Line) -> Double {
        let x = tokens(a)
        let y = tokens(b)
        let union = x.union(y).count
        return union == 0 ? 0 : Double(x.intersection(y).count) / Double(union)
    }

    // MARK: Segmentation

    /// Viterbi over states (fronts in the current stack k = 1...3, answers seen a = 0...k).
    static func segment(_ lines: [Line]) -> [Label] {
        let n = lines.count
        let maxStack = 3
        // State index: 0 = title, otherwise 1 + (k - 1) * 4 + a.
        func index(_ k: Int, _ a: Int) -> Int { 1 + (k - 1) * 4 + a }
        let stateCount = 1 + maxStack * 4
        let scores = (0..<n).map { frontScore(lines, $0) }
        var best = [Double](repeating: -.infinity, count: stateCount)
        var back = [Int8](repeating: -1, count: n * stateCount)
        best[0] = titleScore(lines)
        best[index(1, 0)] = scores[0]
        for i in 1..<n {
            var next = [Double](repeating: -.infinity, count: stateCount)
            func offer(_ to: Int, _ from: Int, _ value: Double) {
                if value > next[to] {
                    next[to] = value
                    back[i * stateCount + to] = Int8(from)
                }
            }
            let s = scores[i]
            if best[0] > -.infinity { offer(index(1, 0), 0, best[0] + s) }
            let parallel = jaccard(lines[i - 1], lines[i]) >= 0.5
            // An answer that repeats its front's shape is unlikely; a stacked front that does is welcome.
            let similar = parallel ? -1.0 : 0.0
            let stack = parallel ? 0.5 : -2.0
            for k in 1...maxStack {
                for a in 0...k {
                    let from = index(k, a)
                    let v = best[from]
                    guard v > -.infinity else { continue }
                    // Front.
                    if a == 0 && k < maxStack { offer(index(k + 1, 0), from, v + s + stack) }
                    if a == k { offer(index(1, 0), from, v + s) }
                    // Answer.
                    offer(index(k, min(a + 1, k)), from, v - s + (a == 0 ? similar : 0))
                }
            }
            best = next
        }
        // Best final state: a complete card, or only a title.
        var end = 0
        var endValue = -Double.infinity
        for k in 1...maxStack where best[index(k, k)] > endValue {
            endValue = best[index(k, k)]
            end = index(k, k)
        }
        if endValue == -.infinity { return [Label](repeating: .answer, count: n) }
        var labels = [Label](repeating: .answer, count: n)
        var state = end
        for i in stride(from: n - 1, through: 0, by: -1) {
            labels[i] = state == 0 ? .title : ((state - 1) % 4 == 0 ? .front : .answer)
            if i > 0 { state = Int(back[i * stateCount + state]) }
        }
        return labels
    }

    private func build(_ lines: [Line], _ labels: [Label]) -> Output {
        var out = Output()
        var fronts: [Line] = []
        var answers: [String] = []
        func flush() {
            guard !fronts.isEmpty else { return }
            for (j, front) in fronts.enumerated() {
                let back: String
                if fronts.count == 1 || answers.count < fronts.count {
                    back = answers.joined(separator: "\n")
                } else if j < fronts.count - 1 {
                    back = answers[j]
                } else {
                    back = answers[j...].joined(separator: "\n")
                }
                let loc = SourceLocation(file: file, line: front.number)
                let text = FieldText.clean(front.text, html: nil)
                if text.isEmpty {
                    out.warnings.append(.warning(.emptyFront, at: loc, "card with an empty front; skipped"))
                    continue
                }
                out.cards.append(
                    Card(front: text, back: FieldText.clean(back, html: nil), deck: deckName, location: loc))
            }
            fronts = []
            answers = []
        }
        for (line, label) in zip(lines, labels) {
            switch label {
            case .title:
                continue
            case .front:
                if !answers.isEmpty { flush() }
                fronts.append(line)
            case .answer:
                answers.append(line.text)
            }
        }
        flush()
        return out
    }
}
