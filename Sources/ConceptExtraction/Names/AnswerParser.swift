/// One item of a list in an answer: the words that may name a concept and what the answer says of it.
struct AnswerItem: Sendable, Hashable {
    /// The item's label, as written ("Operational", "on demand crm", "CRM Vision").
    var label: String
    /// The text the answer gives the item ("Operational CRM focuses on …"), or "".
    var detail: String
    /// How the list was written: bullets and numbers mark items plainly; a comma list only counts
    /// under a list heading.
    var marked: Bool
    /// The label ran on from the previous item's words ("… Value Proposition CRM Strategy:"): its real
    /// start must be found against known names.
    var labelMayRunOn: Bool = false
}

/// Finds enumerations in answers: bullet or numbered lines, inline "-a -b", "Label- text Label- text",
/// "Label: a, b Label: c", "1) … 2) …", lists of a counted length, and comma/"and" lists.
/// Linear in the answer's length.
enum AnswerParser {
    static func items(in back: String, expectedCount: Int?, underHeading: Bool) -> [AnswerItem] {
        let lines = back.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        // Bullet or numbered lines.
        let bulleted = lines.compactMap(strippedBullet)
        if bulleted.count >= 2 {
            return bulleted.map { AnswerItem(label: String($0), detail: "", marked: true) }
        }
        let text = lines.joined(separator: " ")
        // Each detector only runs when its marker is there: most answers are plain sentences.
        if text.containsText("- "), let items = labelDashItems(text), items.count >= 2 { return items }
        if let items = inlineBulletItems(text), items.count >= 2 { return items }
        if text.containsText("2)"), let items = inlineNumberedItems(text), items.count >= 2 { return items }
        guard underHeading else { return [] }
        if let items = labelColonItems(text), items.count >= 2 { return items }
        if let count = expectedCount, let items = countedItems(text, count: count) { return items }
        return commaItems(text)
    }

    /// "- x", "• x", "1) x", "2, x", "3.c x", "a) x" → "x"; nil for a line that is no list item.
    static func strippedBullet(_ line: Substring) -> Substring? {
        guard let first = line.first else { return nil }
        if "-•*·–—>▪◦".contains(first) {
            let rest = line.dropFirst().trimmingWhitespace()
            return rest.isEmpty ? nil : rest
        }
        var index = line.startIndex
        var digits = 0
        while index < line.endIndex, line[index].isNumber, digits < 3 {
            index = line.index(after: index)
            digits += 1
        }
        if digits == 0 {
            // "a) x"
            guard first.isLetter, line.count > 3, line[line.index(after: line.startIndex)] == ")" else { return nil }
            return line.dropFirst(2).trimmingWhitespace()
        }
        guard index < line.endIndex, ").,:".contains(line[index]) else { return nil }
        index = line.index(after: index)
        // "3.c customized products": a sub-letter after the number.
        if index < line.endIndex, line[index].isLetter,
            line.index(after: index) == line.endIndex || line[line.index(after: index)] == " "
        {
            index = line.index(after: index)
        }
        let rest = line[index...].trimmingWhitespace()
        return rest.isEmpty || rest.first?.isNumber == true ? nil : rest
    }

    /// "Strategic- Strategic CRM is … Operational- Operational CRM …": a capitalised word with a
    /// hyphen and a space after it labels the text that follows.
    private static func labelDashItems(_ text: String) -> [AnswerItem]? {
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        var labels: [(index: Int, label: String)] = []
        for (index, word) in words.enumerated() where word.count >= 3 && word.hasSuffix("-") {
            let label = word.dropLast()
            guard label.first?.isUppercase == true, label.allSatisfy({ $0.isLetter }) else { continue }
            labels.append((index, String(label)))
        }
        guard labels.count >= 2 else { return nil }
        return labels.enumerated().map { offset, entry in
            let end = offset + 1 < labels.count ? labels[offset + 1].index : words.count
            let detail = words[(entry.index + 1)..<end].joined(separator: " ")
            return AnswerItem(label: entry.label, detail: detail, marked: true)
        }
    }

    /// "-Define the function -Define requirements": hyphens opening words inside one line.
    private static func inlineBulletItems(_ text: String) -> [AnswerItem]? {
        guard text.hasPrefix("-") || text.hasPrefix("•") else { return nil }
        var items: [AnswerItem] = []
        var current = ""
        var previous: Character = " "
        for character in text {
            if (character == "-" || character == "•") && previous == " " || (items.isEmpty && current.isEmpty) {
                let trimmed = current.trimmingWhitespace()
                if !trimmed.isEmpty { items.append(AnswerItem(label: String(trimmed), detail: "", marked: true)) }
                current = ""
                if character == "-" || character == "•" {
                    previous = character
                    continue
                }
            }
            current.append(character)
            previous = character
        }
        let trimmed = current.trimmingWhitespace()
        if !trimmed.isEmpty { items.append(AnswerItem(label: String(trimmed), detail: "", marked: true)) }
        return items
    }

    /// "1) on demand crm 2) mobile crm 3) open source crm" inside one line.
    private static func inlineNumberedItems(_ text: String) -> [AnswerItem]? {
        let words = text.split(separator: " ")
        var starts: [Int] = []
        var expected = 1
        for (index, word) in words.enumerated() where word == "\(expected))" || word == "(\(expected))" {
            starts.append(index)
            expected += 1
        }
        guard starts.count >= 2 else { return nil }
        return starts.enumerated().map { offset, start in
            let end = offset + 1 < starts.count ? starts[offset + 1] : words.count
            let item = words[(start + 1)..<end].joined(separator: " ").trimming(",;")
            return AnswerItem(label: item, detail: "", marked: true)
        }
    }

    /// "CRM Vision: Leadership, Social Worth CRM Strategy: Objectives": the words before each colon
    /// label a group (the label's words are found by the caller against known names).
    private static func labelColonItems(_ text: String) -> [AnswerItem]? {
        let pieces = text.split(separator: ":", omittingEmptySubsequences: false)
        guard pieces.count >= 3 else { return nil }
        var items: [AnswerItem] = []
        for index in 0..<(pieces.count - 1) {
            // The label is the tail of this piece: after its last comma or full stop.
            let piece = pieces[index]
            let tail = piece.split(whereSeparator: { $0 == "," || $0 == "." || $0 == ";" }).last ?? piece
            let detail = pieces[index + 1].split(whereSeparator: { $0 == "," }).first.map(String.init) ?? ""
            items.append(
                AnswerItem(
                    label: String(tail.trimmingWhitespace()), detail: detail, marked: true, labelMayRunOn: true))
        }
        return items
    }

    /// "Awareness Exploration Expansion Commitment Dissolution" for 5 phases; "Strategy Development
    /// Process Value Creation Process …" for 5: a word ending each of the N items, or N words.
    private static func countedItems(_ text: String, count: Int) -> [AnswerItem]? {
        guard count >= 2, !text.containsText(","), !text.containsText(";") else { return nil }
        let words = text.split(separator: " ").map { $0.trimming(".") }.filter { !$0.isEmpty }
        if words.count == count {
            return words.map { AnswerItem(label: $0, detail: "", marked: true) }
        }
        guard let last = words.last, words.filter({ $0 == last }).count == count else { return nil }
        var items: [AnswerItem] = []
        var current: [String] = []
        for word in words {
            current.append(word)
            if word == last {
                items.append(AnswerItem(label: current.joined(separator: " "), detail: "", marked: true))
                current = []
            }
        }
        return items
    }

    /// "Hierarchical, relational, network", "Trust and commitment".
    private static func commaItems(_ text: String) -> [AnswerItem] {
        let firstSentence = text.split(separator: ".").first.map(String.init) ?? text
        var parts: [String] = []
        for piece in firstSentence.split(whereSeparator: { $0 == "," || $0 == ";" }) {
            let words = piece.split(separator: " ")
            var current: [Substring] = []
            for word in words {
                if word.lowercased() == "and" || word.lowercased() == "or" || word == "&" {
                    if !current.isEmpty { parts.append(current.joined(separator: " ")) }
                    current = []
                } else {
                    current.append(word)
                }
            }
            if !current.isEmpty { parts.append(current.joined(separator: " ")) }
        }
        guard parts.count >= 2, parts.allSatisfy({ $0.split(separator: " ").count <= 5 }) else { return [] }
        // A sentence cut at its commas is no list: a part holding a copula or a negation, or opening
        // with a preposition ("Air for breathing is, in most cases, not scarce").
        let sentenceWords: Set<String> = ["is", "are", "was", "were", "not", "isn't", "aren't"]
        let openers: Set<String> = ["in", "of", "for", "to", "with", "by", "at", "from", "as", "than"]
        for part in parts {
            let words = part.lowercased().split(separator: " ").map { String($0) }
            if words.contains(where: sentenceWords.contains) || words.first.map(openers.contains) == true { return [] }
        }
        return seriesExpanded(parts).map { AnswerItem(label: $0, detail: "", marked: false) }
    }

    /// "DNA Polymerase I, II, III", "Photosystem I and II": parts after the first that are only an index
    /// (a Roman numeral, a capital, a number) number members of the first part's series, so they take its
    /// words before its own index ("DNA Polymerase II"). Other lists are returned as they are.
    static func seriesExpanded(_ parts: [String]) -> [String] {
        guard parts.count >= 2 else { return parts }
        let first = parts[0].split(separator: " ")
        guard first.count >= 2, let firstIndex = first.last, isSeriesIndex(firstIndex),
            parts.dropFirst().allSatisfy({ !$0.contains(" ") && isSeriesIndex($0[...]) })
        else { return parts }
        let stem = first.dropLast().joined(separator: " ")
        return [parts[0]] + parts.dropFirst().map { stem + " " + $0 }
    }

    /// "II", "IV", "B", "3", "B12": a Roman numeral, one capital letter, or up to three digits after an
    /// optional capital.
    static func isSeriesIndex(_ word: Substring) -> Bool {
        guard !word.isEmpty, word.count <= 4 else { return false }
        if word.allSatisfy({ "IVX".contains($0) }) { return true }
        let digits = word.first!.isUppercase && word.first!.isASCII ? word.dropFirst() : word[...]
        if digits.isEmpty { return word.count == 1 }
        return digits.count <= 3 && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }
}

extension StringProtocol where SubSequence == Substring {
    /// The text without white space at either end.
    func trimmingWhitespace() -> Substring {
        let sub = self[...]
        guard let start = sub.firstIndex(where: { !$0.isWhitespace }),
            let end = sub.lastIndex(where: { !$0.isWhitespace })
        else { return sub[sub.endIndex...] }
        return sub[start...end]
    }

    /// The text without any of `characters` at either end.
    func trimming(_ characters: String) -> String {
        let sub = self[...]
        guard let start = sub.firstIndex(where: { !characters.contains($0) && !$0.isWhitespace }),
            let end = sub.lastIndex(where: { !characters.contains($0) && !$0.isWhitespace })
        else { return "" }
        return String(sub[start...end])
    }
}
