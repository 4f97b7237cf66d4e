/// Finds every known concept name in a run of folded words in one left-to-right pass: a trie over
/// folded words, longest match first, matches never overlapping nor crossing punctuation.
///
/// - Complexity: building is O(total words of all names); matching a text of n words is
///   O(n · L), L the longest name (a handful of words), independent of the number of concepts.
struct PhraseMatcher: Sendable {
    private var wordIDs: [String: Int32] = [:]
    /// Trie edges: (state << 32 | word id) → next state. State 0 is the root.
    private var edges: [UInt64: Int32] = [:]
    /// The concept a state completes, or -1.
    private var accepts: [Int32] = [-1]

    /// Adds a name (its folded words) that stands for `concept`; the first concept given a name keeps it.
    mutating func insert(_ folds: [String], concept: Int) {
        guard !folds.isEmpty else { return }
        var state: Int32 = 0
        for fold in folds {
            let word: Int32
            if let known = wordIDs[fold] {
                word = known
            } else {
                word = Int32(wordIDs.count)
                wordIDs[fold] = word
            }
            let key = UInt64(UInt32(state)) << 32 | UInt64(UInt32(word))
            if let next = edges[key] {
                state = next
            } else {
                let next = Int32(accepts.count)
                accepts.append(-1)
                edges[key] = next
                state = next
            }
        }
        if accepts[Int(state)] < 0 { accepts[Int(state)] = Int32(concept) }
    }

    struct Match: Sendable, Hashable {
        var range: Range<Int>
        var concept: Int
    }

    /// The concepts named in `folds` (one folded form per token of the text), leftmost-longest.
    /// `boundaryBefore[i]` is true when punctuation stands before word i: no match spans it.
    func matches(in folds: [String], boundaryBefore: [Bool]) -> [Match] {
        var result: [Match] = []
        var start = 0
        while start < folds.count {
            var state: Int32 = 0
            var best: Match?
            var index = start
            while index < folds.count {
                if index > start && boundaryBefore[index] { break }
                guard let word = wordIDs[folds[index]],
                    let next = edges[UInt64(UInt32(state)) << 32 | UInt64(UInt32(word))]
                else { break }
                state = next
                index += 1
                let concept = accepts[Int(state)]
                if concept >= 0 { best = Match(range: start..<index, concept: Int(concept)) }
            }
            if let best {
                result.append(best)
                start = best.range.upperBound
            } else {
                start += 1
            }
        }
        return result
    }
}
