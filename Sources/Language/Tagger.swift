/// The part of speech the tagger gives a word in context.
public enum PartOfSpeech: UInt8, Sendable, Hashable {
    case determiner, preposition, pronoun, conjunction, auxiliary
    case noun, verb, adjective, adverb
    /// An acronym, a number or a word English does not know (a term, a name, another language): it can
    /// be part of a name.
    case name

    /// Can stand inside a noun phrase (before its head or as its head).
    public var isNominal: Bool { self == .noun || self == .adjective || self == .name }
    public var isClosed: Bool { rawValue <= PartOfSpeech.auxiliary.rawValue }
}

/// One word to tag: its lower-case form, and whether its shape already says it is a name part.
public struct TaggerInput: Sendable {
    public var lower: String
    /// Acronym or number: tagged `.name` whatever the lexicon says ("ADD", "CPU", "2NF").
    public var isName: Bool
    /// A clause boundary (punctuation) comes before it: context does not carry across.
    public var afterBoundary: Bool

    public init(lower: String, isName: Bool, afterBoundary: Bool) {
        self.lower = lower
        self.isName = isName
        self.afterBoundary = afterBoundary
    }
}

/// A deterministic, context-light part-of-speech tagger: closed-class words from a list, open-class
/// words from WordNet, ambiguity (noun or verb, adjective or noun) settled by the previous word
/// ("the set" noun, "to set" verb, "it sets" verb) and otherwise by WordNet's tagged-sense counts.
///
/// What it gets wrong: rare readings ("can" the noun), adjective/noun compounds it cannot see as one
/// term, words another language shares with English ("her", "for" in Norwegian).
/// - Complexity: O(n) look-ups for n words.
public struct Tagger: Sendable {
    public var lexicon: EnglishLexicon

    public init(lexicon: EnglishLexicon) { self.lexicon = lexicon }

    public mutating func tags(_ words: [TaggerInput]) -> [PartOfSpeech] {
        var tags: [PartOfSpeech] = []
        var clauseOpensWithBe = false
        tags.reserveCapacity(words.count)
        for (index, word) in words.enumerated() {
            let previous: PartOfSpeech? = index > 0 && !word.afterBoundary ? tags[index - 1] : nil
            let previousWord = index > 0 && !word.afterBoundary ? words[index - 1].lower : nil
            // The phrase ends after this word: end of text, punctuation, or a preposition follows.
            let nextIsPreposition =
                index + 1 < words.count && !words[index + 1].afterBoundary
                && lexicon.info(words[index + 1].lower).closedClass == .preposition
            let endsPhrase = index + 1 == words.count || words[index + 1].afterBoundary || nextIsPreposition
            if word.afterBoundary || index == 0 { clauseOpensWithBe = false }
            if index > 0, !word.afterBoundary, Self.beForms.contains(word.lower),
                Self.mannerQuestionWords.contains(words[index - 1].lower)
            {
                clauseOpensWithBe = true
            }
            // A reduced relative clause: a past participle after a noun, followed by a preposition or an
            // adverb ("a protein found in muscle", "a bone made of", "the potential transmitted along"),
            // or closing a "how is X …?" question ("How is the action potential transmitted?"), is a verb:
            // the noun phrase ends before it.
            if previous == .noun || previous == .name || previous == .adjective, !word.isName,
                isPastParticiple(word.lower),
                nextIsPreposition || (endsPhrase && clauseOpensWithBe)
                    || (index + 1 < words.count && !words[index + 1].afterBoundary
                        && words[index + 1].lower.hasSuffix("ly")
                        && lexicon.info(words[index + 1].lower).canBe(.adverb))
            {
                tags.append(.verb)
                continue
            }
            // (Before "of" a plural closes a noun phrase, "constructs of"; before another preposition it is
            // as often a verb, "a consultant works for".)
            let closesPhrase =
                index + 1 == words.count || words[index + 1].afterBoundary || words[index + 1].lower == "of"
            tags.append(tag(word, previous: previous, previousWord: previousWord, endsPhrase: closesPhrase))
        }
        return tags
    }

    static let beForms: Set<String> = ["is", "are", "was", "were"]
    /// Question words after which "is/are" puts the subject before a participle ("How is X made?").
    static let mannerQuestionWords: Set<String> = ["how", "where", "when", "why"]

    /// Whether `word` is a past participle English uses mainly as a verb: a form in "-ed" or "-en", or an
    /// irregular one ("found", "made", "known"), whose verb reading is used more than its noun reading
    /// ("ground", "bound" stay nouns: their noun senses are tagged more often).
    public mutating func isPastParticiple(_ word: String) -> Bool {
        let info = lexicon.info(word)
        guard info.closedClass == nil, info.canBe(.verb) else { return false }
        let irregular = lexicon.wordNet.irregularBase(word, .verb).map { $0 != word } ?? false
        let regular = word.count > 4 && ((word.hasSuffix("ed") && !word.hasSuffix("eed")) || word.hasSuffix("en"))
        guard irregular || regular else { return false }
        if !irregular, !lexicon.isInflectedVerb(word) { return false }
        let counts = info.taggedCounts
        return counts[WordClass.verb.rawValue] > max(0, counts[WordClass.noun.rawValue])
    }

    private mutating func tag(
        _ word: TaggerInput, previous: PartOfSpeech?, previousWord: String?, endsPhrase: Bool
    ) -> PartOfSpeech {
        if word.isName { return .name }
        let info = lexicon.info(word.lower)
        if let closed = info.closedClass {
            // "that" after a noun opens a relative clause; "one" after an article is a noun.
            if word.lower == "one", previous == .determiner { return .noun }
            return closed
        }
        let noun = info.canBe(.noun)
        let verb = info.canBe(.verb)
        let adjective = info.canBe(.adjective)
        let adverb = info.canBe(.adverb)
        if !noun && !verb && !adjective && !adverb { return .name }
        var candidates: [PartOfSpeech] = []
        if noun { candidates.append(.noun) }
        if verb { candidates.append(.verb) }
        if adjective { candidates.append(.adjective) }
        if adverb { candidates.append(.adverb) }
        if candidates.count == 1 { return candidates[0] }
        // Context.
        // After a form of "be" comes a noun phrase ("what is value creation") or a participle ("is used").
        if let previousWord, ["is", "are", "was", "were", "be", "been", "being", "am"].contains(previousWord) {
            let participle =
                ["ed", "en", "ing"].contains { word.lower.hasSuffix($0) }
                || lexicon.wordNet.irregularBase(word.lower, .verb) != nil
            if verb && participle { return .verb }
            if noun || adjective { return adjective && !noun ? .adjective : .noun }
        }
        if verb, previousWord == "to" || previous == .auxiliary || previous == .pronoun { return .verb }
        if previous == .determiner || previous == .adjective || previous == .preposition {
            if adjective && !noun { return .adjective }
            return noun ? .noun : .adjective
        }
        // "-ly" words that can be adverbs are adverbs.
        if adverb, word.lower.hasSuffix("ly") { return .adverb }
        // After a noun, agreement decides: a singular noun takes a verb in -s ("the tag determines"), a
        // plural one a base form ("registers provide"); otherwise the word continues a compound
        // ("customer churn", "cache collisions").
        let counts = info.taggedCounts
        if noun && verb, previous == .noun || previous == .name, let previousWord {
            let previousPlural = previousWord.hasSuffix("s") && !previousWord.hasSuffix("ss")
            let thirdPerson = word.lower.hasSuffix("s") && !word.lower.hasSuffix("ss")
            let agrees = word.lower.hasSuffix("ed") || (thirdPerson != previousPlural)
            if !agrees || (!thirdPerson && !previousPlural) { return .noun }
            // "the three programming constructs." / "… constructs of": a plural head closing its phrase.
            if thirdPerson && endsPhrase { return .noun }
            return counts[WordClass.verb.rawValue] > counts[WordClass.noun.rawValue] ? .verb : .noun
        }
        // Otherwise the most frequent reading; nouns win ties (names are mostly nouns).
        var best = PartOfSpeech.noun
        var bestCount = noun ? counts[WordClass.noun.rawValue] : -1
        for (tag, wordClass) in [(PartOfSpeech.adjective, WordClass.adjective), (.verb, .verb), (.adverb, .adverb)]
        where counts[wordClass.rawValue] > bestCount {
            best = tag
            bestCount = counts[wordClass.rawValue]
        }
        return best
    }
}
