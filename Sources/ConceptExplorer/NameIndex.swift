import ConceptAnalysis
import Foundation
import Stemming

// Design note: finding the concept a user means.
// People type names loosely: another case, a plural, an acronym, a hyphen or not, a typo. Every
// label, alias and id is indexed under three keys: folded (lower case, no accents, punctuation as
// spaces), compact (folded without spaces: "customer-facing" = "customerfacing") and stemmed (each
// word through Porter2: "apps" = "app"). A lookup tries them in that order, labels before aliases.
// Only then does it allow typos: the optimal-string-alignment distance to every compact key, with
// a bound that grows with the length of the name (none up to 4 letters, 1 up to 8, 2 beyond), each
// comparison cut off as soon as it exceeds the bound. That scan is linear in the number of names and
// runs once per question. What it gets wrong: two concepts equally close to a typo are not guessed
// between (the user is asked), and a word order change ("management of customer relationships") is
// not recognised.

/// Finds concepts by the names people type: case, accents, punctuation, plurals, aliases, typos.
public struct NameIndex: Sendable {
    /// One indexed name of a concept.
    struct Entry: Sendable {
        var concept: Int
        /// Label or id (`true`) rather than an alias.
        var isLabel: Bool
    }

    private let folded: [String: [Entry]]
    private let compact: [String: [Entry]]
    private let stemmed: [String: [Entry]]
    /// Distinct compact keys and their entries, in a stable order, for the typo scan.
    private let typoKeys: [(key: [UInt8], entries: [Entry])]
    private let rank: [Double]
    private let labels: [String]

    /// Indexes every label, alias and id of `analyzed`.
    /// - Complexity: O(total length of the names).
    public init(_ analyzed: AnalyzedGraph) {
        var folded: [String: [Entry]] = [:]
        var compact: [String: [Entry]] = [:]
        var stemmed: [String: [Entry]] = [:]
        var typoOrder: [String] = []
        var stemmer = WordStemmer()
        for (index, concept) in analyzed.graph.concepts.enumerated() {
            var names: [(String, Bool)] = [(concept.label, true), (concept.id, true)]
            names += concept.aliases.map { ($0, false) }
            for (name, isLabel) in names {
                let f = NameFolding.fold(name)
                guard !f.isEmpty else { continue }
                let entry = Entry(concept: index, isLabel: isLabel)
                folded[f, default: []].append(entry)
                let c = NameFolding.compact(f)
                if compact[c] == nil { typoOrder.append(c) }
                compact[c, default: []].append(entry)
                stemmed[stemmer.stem(f), default: []].append(entry)
            }
        }
        self.folded = folded
        self.compact = compact
        self.stemmed = stemmed
        self.typoKeys = typoOrder.map { (Array($0.utf8), compact[$0]!) }
        self.rank = analyzed.rank
        self.labels = analyzed.graph.concepts.map(\.label)
    }

    /// The answer to a lookup.
    public enum Match: Sendable, Equatable {
        /// The concept meant (exactly or loosely).
        case found(Int)
        /// Nothing close enough to be sure: the closest concepts, best first (may be empty).
        case notFound(suggestions: [Int])
    }

    /// The concept `name` most likely means, or the closest candidates.
    /// - Complexity: O(length of the name) when a key matches; otherwise O(names · bound · length).
    public func lookup(_ name: String) -> Match {
        let f = NameFolding.fold(name)
        guard !f.isEmpty else { return .notFound(suggestions: []) }
        let c = NameFolding.compact(f)
        for hits in [folded[f], compact[c], stemmed[NameFolding.stem(f)]] {
            if let hits, let best = best(of: hits) { return .found(best) }
        }
        let key = Array(c.utf8)
        let bound = key.count <= 4 ? 0 : key.count <= 8 ? 1 : 2
        let scored = distances(to: key, within: max(bound, min(4, key.count / 2)))
        if let first = scored.first, first.distance <= bound {
            let tied = scored.filter { $0.distance == first.distance }
            if Set(tied.map(\.concept)).count == 1 { return .found(first.concept) }
        }
        // Suggestions: close spellings first, then names holding the typed words.
        var suggestions: [Int] = []
        var seen = Set<Int>()
        for s in scored where seen.insert(s.concept).inserted { suggestions.append(s.concept) }
        if suggestions.count < 5 {
            for concept in containing(f) where seen.insert(concept).inserted { suggestions.append(concept) }
        }
        return .notFound(suggestions: Array(suggestions.prefix(5)))
    }

    /// Labels before aliases, then the higher rank, then the earlier concept.
    private func best(of entries: [Entry]) -> Int? {
        entries.min { a, b in
            if a.isLabel != b.isLabel { return a.isLabel }
            if rank[a.concept] != rank[b.concept] { return rank[a.concept] > rank[b.concept] }
            return a.concept < b.concept
        }?.concept
    }

    private func distances(to key: [UInt8], within limit: Int) -> [(concept: Int, distance: Int)] {
        var found: [(concept: Int, distance: Int, isLabel: Bool)] = []
        for (candidate, entries) in typoKeys {
            guard abs(candidate.count - key.count) <= limit,
                let d = NameFolding.boundedDistance(key, candidate, limit: limit)
            else { continue }
            for e in entries { found.append((e.concept, d, e.isLabel)) }
        }
        found.sort { a, b in
            if a.distance != b.distance { return a.distance < b.distance }
            if a.isLabel != b.isLabel { return a.isLabel }
            if rank[a.concept] != rank[b.concept] { return rank[a.concept] > rank[b.concept] }
            return a.concept < b.concept
        }
        return found.map { ($0.concept, $0.distance) }
    }

    /// Concepts whose label has a word that a typed word begins or is within one edit of (two for
    /// words of nine letters or more): most typed words matched first, then the higher rank; at most 5.
    private func containing(_ folded: String) -> [Int] {
        let words = folded.split(separator: " ").map { Array($0.utf8) }.filter { $0.count >= 3 }
        guard !words.isEmpty else { return [] }
        var hits: [(concept: Int, matched: Int)] = []
        for (index, label) in labels.enumerated() {
            let labelWords = NameFolding.fold(label).split(separator: " ").map { Array($0.utf8) }
            let matched = words.filter { word in
                labelWords.contains { candidate in
                    candidate.starts(with: word)
                        || word.count >= 4
                            && NameFolding.boundedDistance(word, candidate, limit: word.count >= 9 ? 2 : 1) != nil
                }
            }.count
            if matched > 0 { hits.append((index, matched)) }
        }
        hits.sort { a, b in
            if a.matched != b.matched { return a.matched > b.matched }
            return rank[a.concept] != rank[b.concept] ? rank[a.concept] > rank[b.concept] : a.concept < b.concept
        }
        return hits.prefix(5).map(\.concept)
    }
}

/// The folding rules the name index and search share.
public enum NameFolding {
    /// Lower case, accents removed, every run of non-alphanumerics one space, trimmed.
    public static func fold(_ text: String) -> String {
        // ASCII (most names): one pass over the bytes, no Foundation.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            var pendingSpace = false
            for b in text.utf8 {
                let lower = b >= 65 && b <= 90 ? b + 32 : b
                if (lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57) {
                    if pendingSpace && !bytes.isEmpty { bytes.append(32) }
                    pendingSpace = false
                    bytes.append(lower)
                } else {
                    pendingSpace = true
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        let lowered = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var out = ""
        out.reserveCapacity(lowered.utf8.count)
        var pendingSpace = false
        for ch in lowered.unicodeScalars {
            if CharacterSet.alphanumerics.contains(ch) {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(ch)
            } else {
                pendingSpace = true
            }
        }
        return out
    }

    /// A folded name without its spaces.
    public static func compact(_ folded: String) -> String {
        String(decoding: folded.utf8.filter { $0 != 32 }, as: UTF8.self)
    }

    /// A folded name with every word stemmed (Porter2).
    public static func stem(_ folded: String) -> String {
        words(folded).joined(separator: " ")
    }

    /// The stems of a folded text's words.
    public static func words(_ folded: String) -> [String] {
        folded.split(separator: " ").map { Porter2.stem(String($0)) }
    }
}

/// Stems words once each: texts repeat their words, so a run over many texts stems each distinct
/// word once (the vocabulary) instead of every occurrence.
public struct WordStemmer {
    private var memo: [Substring: String] = [:]

    public init() {}

    /// The stems of a folded text's words.
    public mutating func words(_ folded: String) -> [String] {
        folded.split(separator: " ").map { word in
            if let known = memo[word] { return known }
            let stem = Porter2.stem(String(word))
            memo[word] = stem
            return stem
        }
    }

    /// A folded name with every word stemmed.
    public mutating func stem(_ folded: String) -> String { words(folded).joined(separator: " ") }
}

extension NameFolding {

    /// Optimal-string-alignment distance (edits, adjacent swaps) between `a` and `b`, or `nil` when it
    /// exceeds `limit`. Stops as soon as a whole row exceeds the limit.
    /// - Complexity: O(|a| · |b|) at worst, usually far less.
    public static func boundedDistance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil }
        let m = b.count
        var before = [Int](repeating: 0, count: m + 1)
        var previous = Array(0...m)
        var current = [Int](repeating: 0, count: m + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = i
            for j in 1...m {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, before[j - 2] + 1) }
                current[j] = v
                rowMin = min(rowMin, v)
            }
            if rowMin > limit { return nil }
            swap(&before, &previous)
            swap(&previous, &current)
        }
        return previous[m] <= limit ? previous[m] : nil
    }
}
