/// A name a concept goes by: its words, how to show it, and the keys that decide which names are one idea.
struct NameForm: Sendable, Hashable {
    /// The words, as tokens of the text they came from.
    var tokens: [Token]
    /// The name to show: typos corrected, acronyms in capitals, joiners kept ("customer-facing apps").
    var surface: String
    /// The folded word forms (see `Normalizer.fold`).
    var folds: [String]
    /// The folded words written together, folded again: makes "customerfacing" = "customer facing".
    var joinedKey: String

    /// Names with equal keys are the same concept.
    var key: String { folds.joined(separator: " ") }
    var count: Int { tokens.count }
}

extension Normalizer {
    /// A name from tokens, with function words trimmed off both ends; nil when nothing is left.
    mutating func name(_ slice: ArraySlice<Token>) -> NameForm? {
        var lower = slice.startIndex
        var upper = slice.endIndex
        while lower < upper,
            isEdgeNoise(
                slice[lower], leading: true,
                nextIsFunctionWord: lower + 1 < upper && Lexicon.functionWords.contains(slice[lower + 1].lower)
            )
        { lower += 1 }
        while upper > lower, isEdgeNoise(slice[upper - 1], leading: false) { upper -= 1 }
        // An article inside ends the name: it opens another noun phrase ("the economy the microeconomic
        // perspective focuses on", "is a theory a useful tool", "a budget and a balance"). After a
        // preposition it belongs to the name ("tragedy of the commons"), before a capital to a proper
        // name ("Saint Vincent and the Grenadines").
        // A negation ends a noun phrase: what follows says what the thing is not ("a theory not useful
        // for"); "not-for-profit" (joined by hyphens) is one word.
        for index in (lower + 1)..<max(lower + 1, upper) where slice[index].lower == "not" {
            let joined = slice[index].gap == .joiner || (index + 1 < upper && slice[index + 1].gap == .joiner)
            guard !joined else { continue }
            upper = index
            while upper > lower, isEdgeNoise(slice[upper - 1], leading: false) { upper -= 1 }
            break
        }
        // A relative pronoun after a noun opens a clause about it ("somatostatin which inhibits its
        // release" → "somatostatin").
        if let cut = slice[lower..<upper].indices.dropFirst().first(where: { index in
            ["which", "who", "whom", "whose"].contains(slice[index].lower) && slice[index - 1].tag.isNominal
        }) {
            upper = cut
            while upper > lower, isEdgeNoise(slice[upper - 1], leading: false) { upper -= 1 }
        }
        if let cut = interiorArticle(slice[lower..<upper]) {
            upper = cut
            while upper > lower, isEdgeNoise(slice[upper - 1], leading: false) { upper -= 1 }
        }
        // So does an adverb after a noun: a predicate follows ("households primarily buyers or sellers"
        // of "Are households primarily buyers or sellers?"). Before an adjective it modifies it ("highly
        // specialised cells"); one that can be an adjective ("Timely" in an acronym's expansion) stays.
        if let cut = slice[lower..<upper].indices.dropFirst().first(where: { index in
            isLyAdverb(slice[index]) && !tagger.lexicon.info(slice[index].lower).canBe(.adjective)
                && slice[index - 1].tag.isNominal && slice[index - 1].tag != .adjective
                && !Lexicon.functionWords.contains(slice[index - 1].lower)
        }) {
            upper = cut
        }
        // So does a last word that can only be a verb, after a noun: the subject's predicate follows it
        // ("Insulin promotes", "carbon dioxide transported", "cognitive development occurs"). Gerunds name
        // things ("protein folding"); a participle inside a name stays ("cell mediated immunity").
        if upper - lower >= 2, slice[upper - 1].tag == .verb, slice[upper - 1].gap != .joiner,
            !slice[upper - 1].lower.hasSuffix("ing"), slice[upper - 2].tag == .noun || slice[upper - 2].tag == .name,
            !Lexicon.functionWords.contains(slice[upper - 2].lower)
        {
            if tagger.lexicon.info(slice[upper - 1].lower).isOnlyVerbal { upper -= 1 }
        }
        guard lower < upper else { return nil }
        // A name never opens with a finite verb that can be nothing else ("infect plants", "become
        // aware"): that is a clause; participles ("interleaved memory") and gerunds stay.
        if upper - lower >= 2, slice[lower].tag == .verb, slice[lower].gap != .joiner,
            !slice[lower].lower.hasSuffix("ing"), !slice[lower].lower.hasSuffix("ed"),
            lower + 1 < upper, slice[lower + 1].gap != .joiner
        {
            if tagger.lexicon.info(slice[lower].lower).isOnlyVerbal { return nil }
        }
        let words = Array(slice[lower..<upper])
        var surface = ""
        var folds: [String] = []
        var joined = ""
        folds.reserveCapacity(words.count)
        for (offset, token) in words.enumerated() {
            if offset > 0 {
                if token.gap == .joiner { surface.unicodeScalars.append(token.joiner) } else { surface += " " }
            }
            // A one-word name keeps its written form ("ADD" stays "ADD" even where it folds as "add").
            surface += words.count == 1 && !isAcronym(token) && token.isAcronym ? token.text : displayForm(of: token)
            if token.possessive && offset < words.count - 1 { surface += "'s" }
            folds.append(fold(token))
            joined += isAcronym(token) || token.isNumber ? token.lower : correctedWord(token.lower)
        }
        let joinedKey = words.count == 1 ? folds[0] : (joined.utf8.count > 40 ? folds.joined() : fold(word: joined))
        // (acronym folds carry a "#" mark; the joined key of "e-CRM" is still "ecrm").
        return NameForm(tokens: words, surface: surface, folds: folds, joinedKey: joinedKey)
    }

    /// Where a name stops at an article that opens another noun phrase, if it does: an article after a
    /// noun phrase's word, or after "and"/"or" following one; not before a capitalised word. A possessive
    /// determiner opens one the same way ("During REM sleep your body is …" names "REM sleep").
    private func interiorArticle(_ words: ArraySlice<Token>) -> Int? {
        for index in words.indices.dropFirst()
        where ["a", "an", "the", "your", "my", "our", "their", "his", "its"].contains(words[index].lower) {
            guard index + 1 < words.endIndex, words[index + 1].text.first?.isUppercase != true else { continue }
            // Only after a noun phrase's word: after a verb or an adverb the article is the verb's object
            // ("initiates the action potential"), which is no reason to cut.
            func isPhraseWord(_ token: Token) -> Bool {
                token.tag.isNominal && !Lexicon.functionWords.contains(token.lower)
            }
            let before = words[index - 1]
            if isPhraseWord(before) { return index }
            if before.lower == "and" || before.lower == "or", index - 2 >= words.startIndex,
                isPhraseWord(words[index - 2])
            {
                return index - 1
            }
        }
        return nil
    }

    private func isEdgeNoise(_ token: Token, leading: Bool, nextIsFunctionWord: Bool = false) -> Bool {
        if isAcronym(token) { return false }
        // "Series A", "vitamin A": a closing capital letter is a name's part, not an article.
        if !leading && token.text.count == 1 && token.text.first!.isUppercase { return false }
        // "on demand", "in situ", "up selling": a particle may open a name.
        if leading && Lexicon.leadingParticles.contains(token.lower) && !nextIsFunctionWord { return false }
        if Lexicon.functionWords.contains(token.lower) { return true }
        // "glycolipids predominantly (found)": an adverb closes no noun phrase.
        if !leading, isLyAdverb(token) { return true }
        return leading && token.isNumber
    }

    /// An adverb in "-ly" that is no verb or noun ("Multiply" is also a verb, "assembly" a noun).
    private func isLyAdverb(_ token: Token) -> Bool {
        token.tag == .adverb && token.lower.hasSuffix("ly")
            && tagger.lexicon.wordNet.entry(token.lower, .verb) == nil
            && tagger.lexicon.wordNet.entry(token.lower, .noun) == nil
    }
}

extension NameForm {
    /// Whether the name only names a part of a deck or course, not an idea in it ("Exercise", "Key
    /// Terms", "chapter", "examples"): one word at least is card scaffolding, and every other word is
    /// too, or a framing noun, a ranking adjective, a number or a function word.
    var isScaffolding: Bool {
        tokens.contains { Lexicon.cardScaffolding.contains($0.lower) }
            && tokens.allSatisfy { token in
                Lexicon.cardScaffolding.contains(token.lower) || Lexicon.framingNouns.contains(token.lower)
                    || Lexicon.rankingAdjectives.contains(token.lower) || Lexicon.functionWords.contains(token.lower)
                    || token.isNumber || Lexicon.numberWords[token.lower] != nil
            }
    }
}
