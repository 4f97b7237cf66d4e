import ConceptAnalysis
import ConceptExtraction
import GraphAlgorithms

// Design note: lint checks.
// - conflicting-answers: cards whose folded fronts are equal but whose folded backs differ (one hash
//   map from front to cards); exact duplicates (same front, same back) are `duplicate`.
// - empty-answer: a back with no letter or digit.
// - unlinked: a card whose concepts have no relation at all (or that no concept is about): it adds
//   nothing to the graph, usually because its front names no single idea.
// - prerequisite-cycle: concepts that depend on each other over broader/requires (strongly connected
//   components of more than one concept), reported at the first card of each.
// - near-duplicate: two cards whose word sets (front + back, folded and stemmed) have a Jaccard
//   similarity of at least 0.8 without being equal. Found with prefix filtering (Bayardo, Ma &
//   Srikant 2007): words are ordered rarest first, each card is indexed under its first
//   |words| − ⌈0.8·|words|⌉ + 1 words, and only cards sharing such a word are compared. Each card is
//   compared with at most `candidateLimit` others, so the check is O(cards · limit · words) even on
//   the worst input; on such input (thousands of cards made of the same few words) a pair can be
//   missed. Cards of fewer than 3 words are skipped (too short to call near-identical).

/// One problem found in the decks.
public struct LintProblem: Codable, Sendable, Hashable {
    /// The check that found it: `conflicting-answers`, `duplicate`, `empty-answer`, `unlinked`,
    /// `prerequisite-cycle`, `near-duplicate`.
    public var check: String
    public var file: String
    public var line: Int
    public var message: String
    /// Other places involved (the other card of a pair, the other members of a cycle), `file:line`.
    public var related: [String]
}

/// Every problem found, ordered by file and line.
public struct LintView: Codable, Sendable, Hashable {
    public var problems: [LintProblem]
    /// How many of each check found, by check name.
    public var counts: [String: Int]
}

/// The lint checks, by their names in output and `--check`.
public enum LintCheck: String, CaseIterable, Sendable {
    case conflictingAnswers = "conflicting-answers"
    case duplicate
    case emptyAnswer = "empty-answer"
    case unlinked
    case prerequisiteCycle = "prerequisite-cycle"
    case nearDuplicate = "near-duplicate"
}

extension Explorer {
    /// Runs `checks` over the cards and the graph.
    /// - Complexity: O(cards · candidateLimit · words + V + E).
    public func lint(checks: Set<LintCheck> = Set(LintCheck.allCases), candidateLimit: Int = 64) -> LintView {
        var problems: [LintProblem] = []
        let cards = graph.cards
        let foldedFronts = cards.map { NameFolding.fold($0.front) }
        let foldedBacks = cards.map { NameFolding.fold($0.back) }

        if !checks.isDisjoint(with: [.conflictingAnswers, .duplicate]) {
            var byFront: [String: [Int]] = [:]
            for i in cards.indices where !foldedFronts[i].isEmpty { byFront[foldedFronts[i], default: []].append(i) }
            for i in cards.indices {
                guard let group = byFront[foldedFronts[i]], group.count > 1, group[0] != i else { continue }
                let first = group[0]
                if foldedBacks[first] == foldedBacks[i] {
                    if checks.contains(.duplicate) {
                        problems.append(
                            problem(
                                .duplicate, i, "the same card as \(place(first)): \"\(short(cards[i].front))\"",
                                related: [place(first)]))
                    }
                } else if checks.contains(.conflictingAnswers) {
                    problems.append(
                        problem(
                            .conflictingAnswers, i,
                            "\"\(short(cards[i].front))\" is answered differently at \(place(first))",
                            related: [place(first)]))
                }
            }
        }
        if checks.contains(.emptyAnswer) {
            for i in cards.indices where foldedBacks[i].isEmpty {
                problems.append(problem(.emptyAnswer, i, "\"\(short(cards[i].front))\" has no answer", related: []))
            }
        }
        if checks.contains(.unlinked) {
            for i in cards.indices where conceptsOfCard[i].allSatisfy({ degree(of: $0) == 0 }) {
                let what =
                    conceptsOfCard[i].isEmpty
                    ? "names no concept"
                    : "links to no other concept (\(conceptsOfCard[i].map(label).joined(separator: ", ")))"
                problems.append(problem(.unlinked, i, "\"\(short(cards[i].front))\" \(what)", related: []))
            }
        }
        if checks.contains(.prerequisiteCycle) { problems += cycleProblems() }
        if checks.contains(.nearDuplicate) {
            problems += nearDuplicates(foldedFronts: foldedFronts, foldedBacks: foldedBacks, limit: candidateLimit)
        }
        problems.sort { a, b in
            if a.file != b.file { return a.file < b.file }
            if a.line != b.line { return a.line < b.line }
            if a.check != b.check { return a.check < b.check }
            return a.message < b.message
        }
        var counts: [String: Int] = [:]
        for p in problems { counts[p.check, default: 0] += 1 }
        return LintView(problems: problems, counts: counts)
    }

    private func label(_ concept: Int) -> String { graph.concepts[concept].label }

    private func place(_ card: Int) -> String { graph.cards[card].location.description }

    private func short(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.count > 60 ? String(line.prefix(57)) + "…" : line
    }

    private func problem(_ check: LintCheck, _ card: Int, _ message: String, related: [String]) -> LintProblem {
        let location = graph.cards[card].location
        return LintProblem(
            check: check.rawValue, file: location.file, line: location.line, message: message, related: related)
    }

    /// One problem per cycle group, at the first card of its first concept in study order.
    private func cycleProblems() -> [LintProblem] {
        var members = [[Int]](repeating: [], count: cycleGroupCount)
        for v in analyzed.studyOrder { if let g = cycleGroup[v] { members[g].append(v) } }
        return members.compactMap { group in
            let places = group.compactMap { graph.concepts[$0].cards.first }.map(place)
            let names = group.map(label).joined(separator: " ↔ ")
            let anchor = group.first { !graph.concepts[$0].cards.isEmpty }.flatMap { graph.concepts[$0].cards.first }
            let file = anchor.map { graph.cards[$0].location.file } ?? ""
            let line = anchor.map { graph.cards[$0].location.line } ?? 0
            return LintProblem(
                check: LintCheck.prerequisiteCycle.rawValue, file: file, line: line,
                message: "these concepts depend on each other: \(names)", related: Array(places.dropFirst()))
        }
    }

    private func nearDuplicates(foldedFronts: [String], foldedBacks: [String], limit: Int) -> [LintProblem] {
        let threshold = 0.8
        let cards = graph.cards
        // Word ids and their frequencies.
        var ids: [String: Int32] = [:]
        var frequency: [Int] = []
        var sets: [[Int32]] = []
        sets.reserveCapacity(cards.count)
        var stemmer = WordStemmer()
        for i in cards.indices {
            var set = Set<Int32>()
            for word in stemmer.words(foldedFronts[i] + " " + foldedBacks[i]) {
                let id: Int32
                if let known = ids[word] {
                    id = known
                } else {
                    id = Int32(frequency.count)
                    ids[word] = id
                    frequency.append(0)
                }
                if set.insert(id).inserted { frequency[Int(id)] += 1 }
            }
            sets.append(Array(set))
        }
        // Rarest word first, ties by id: a fixed global order.
        for i in sets.indices {
            sets[i].sort {
                frequency[Int($0)] != frequency[Int($1)] ? frequency[Int($0)] < frequency[Int($1)] : $0 < $1
            }
        }
        var postings = [[Int32]](repeating: [], count: frequency.count)
        var problems: [LintProblem] = []
        var stamp = [Int](repeating: -1, count: cards.count)
        for i in cards.indices {
            let words = sets[i]
            guard words.count >= 3 else { continue }
            let prefix = words.count - Int((threshold * Double(words.count)).rounded(.up)) + 1
            var compared = 0
            var best: (card: Int, similarity: Double)? = nil
            search: for w in words.prefix(prefix) {
                for other in postings[Int(w)].reversed() {
                    let j = Int(other)
                    guard stamp[j] != i else { continue }
                    stamp[j] = i
                    compared += 1
                    if compared > limit { break search }
                    let a = sets[j]
                    // Jaccard needs |A∩B| ≥ t/(1+t)·(|A|+|B|): skip by size first.
                    let small = min(a.count, words.count)
                    let large = max(a.count, words.count)
                    guard Double(small) >= threshold * Double(large) else { continue }
                    let common = Set(a).intersection(words).count
                    let similarity = Double(common) / Double(a.count + words.count - common)
                    guard similarity >= threshold, similarity < 1 || foldedFronts[i] != foldedFronts[j] else {
                        continue
                    }
                    if best == nil || similarity > best!.similarity { best = (j, similarity) }
                }
            }
            if let best, foldedFronts[i] != foldedFronts[best.card] {
                let percent = Int((best.similarity * 100).rounded())
                problems.append(
                    problem(
                        .nearDuplicate, i,
                        "\"\(short(cards[i].front))\" is almost the same card as \(place(best.card)) (\(percent)% of words shared)",
                        related: [place(best.card)]))
            }
            for w in words.prefix(prefix) { postings[Int(w)].append(Int32(i)) }
        }
        return problems
    }
}
