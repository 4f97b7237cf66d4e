/// What the lexicon knows of one word form.
public struct WordInfo: Sendable, Hashable {
    /// How often WordNet's sense-tagged corpus used the word in each open class (index by
    /// `WordClass.rawValue`); -1 when the word (or a base form of it) is not in that class.
    public var taggedCounts: [Int]
    /// The noun base form ("mitochondria" → "mitochondrion"), when the word can be a noun.
    public var nounLemma: String?
    /// A closed-class word (article, preposition, pronoun, conjunction, auxiliary, question word).
    public var closedClass: PartOfSpeech?

    public func canBe(_ wordClass: WordClass) -> Bool { taggedCounts[wordClass.rawValue] >= 0 }
    /// Known to English at all (closed class or any WordNet class).
    public var isEnglish: Bool { closedClass != nil || taggedCounts.contains { $0 >= 0 } }
    /// An English word that can be neither a noun nor an adjective ("secretes", "notify", "occurred"):
    /// at the edge of a phrase it is a verb, never part of a name.
    public var isOnlyVerbal: Bool { isEnglish && !canBe(.noun) && !canBe(.adjective) }
}

/// English words: closed classes from a short list of our own (WordNet has none), open classes,
/// base forms and noun hierarchy from WordNet. Caches every word it is asked about, so each distinct
/// word costs a few binary searches once.
public struct EnglishLexicon: Sendable {
    public let wordNet: WordNet
    private var cache: [String: WordInfo] = [:]
    private var ancestorCache: [String: [String]] = [:]
    private var inflectedVerbCache: [String: Bool] = [:]
    private var synsetCache: [Int: WordNet.NounSynset?] = [:]
    private var baseFormCache: [String: [String]] = [:]

    public init(wordNet: WordNet) { self.wordNet = wordNet }

    /// The lexicon from the system's WordNet (see `WordNet.searchPaths`).
    public static func system() throws(LexiconError) -> EnglishLexicon {
        EnglishLexicon(wordNet: try WordNet.locate())
    }

    /// What is known of `word` (lower case).
    public mutating func info(_ word: String) -> WordInfo {
        if let known = cache[word] { return known }
        var info = WordInfo(taggedCounts: [-1, -1, -1, -1], nounLemma: nil, closedClass: Self.closedClass[word])
        // Hyphenated and slashed forms: WordNet joins compounds with "_" or "-"; the last part decides.
        let lookup =
            word.containsText("-") && wordNet.entry(word, .noun) == nil
            ? String(word.split(separator: "-").last ?? "") : word
        if info.closedClass == nil, !lookup.isEmpty, lookup.unicodeScalars.allSatisfy({ $0.isASCII }) {
            for wordClass in WordClass.allCases {
                let bases = wordNet.baseForms(lookup, wordClass)
                guard let base = bases.first else { continue }
                let counts = bases.compactMap { wordNet.entry($0, wordClass)?.taggedSenseCount }
                info.taggedCounts[wordClass.rawValue] = counts.max() ?? 0
                if wordClass == .noun { info.nounLemma = base }
            }
        }
        cache[word] = info
        return info
    }

    /// The word and its base forms in every open class WordNet has it in ("bones" → bones, bone;
    /// "testing" → testing, test; "maturity" → maturity), sorted; a base WordNet knows first as a proper
    /// noun is left out ("mores" is no plural of Thomas More). Cached like `info(_:)`.
    public mutating func baseForms(of word: String) -> [String] {
        if let known = baseFormCache[word] { return known }
        var forms = Set([word])
        for wordClass in WordClass.allCases {
            for base in wordNet.baseForms(word, wordClass) where base == word || isProperNoun(base) != true {
                forms.insert(base)
            }
        }
        let sorted = forms.sorted()
        baseFormCache[word] = sorted
        return sorted
    }

    /// The noun synset at `offset` in `data.noun`, parsed once: walks up the hierarchy meet the same
    /// few hundred synsets near its top again and again.
    public mutating func nounSynset(at offset: Int) -> WordNet.NounSynset? {
        if let known = synsetCache[offset] { return known }
        let synset = wordNet.nounSynset(at: offset)
        synsetCache[offset] = .some(synset)
        return synset
    }

    /// Whether WordNet reads `word` as an inflection of another verb ("secreted" → "secrete", not
    /// "seed" → "seed"). Cached like `info(_:)`.
    public mutating func isInflectedVerb(_ word: String) -> Bool {
        if let known = inflectedVerbCache[word] { return known }
        let inflected = wordNet.baseForms(word, .verb).contains { $0 != word }
        inflectedVerbCache[word] = inflected
        return inflected
    }

    /// First lemmas of the synsets above `lemma`'s first `senses` noun senses (hypernyms and holonyms),
    /// nearest first, up to `depth` steps: "mitochondrion" → "organelle", "sepal" → "calyx".
    ///
    /// - Complexity: bounded: at most `senses` × `depth` levels × 4 links per level.
    public mutating func nounAncestors(of lemma: String, depth: Int = 4, senses: Int = 2) -> [String] {
        let key = lemma + "#\(depth)#\(senses)"
        if let known = ancestorCache[key] { return known }
        var result: [String] = []
        guard let entry = wordNet.entry(lemma, .noun) else {
            ancestorCache[key] = []
            return []
        }
        var frontier = Array(entry.synsets.prefix(senses))
        var seen = Set(frontier)
        for _ in 0..<depth where !frontier.isEmpty {
            var next: [Int] = []
            for offset in frontier {
                guard let synset = nounSynset(at: offset) else { continue }
                for parent in (synset.hypernyms + synset.holonyms).prefix(4) where seen.insert(parent).inserted {
                    next.append(parent)
                    // The synset's first lemma names it ("causal agent", not its third lemma "cause").
                    if let name = nounSynset(at: parent)?.lemmas.first, !result.contains(name) {
                        result.append(name)
                    }
                }
            }
            frontier = next
        }
        ancestorCache[key] = result
        return result
    }

    /// Whether WordNet knows `lemma` (words joined by "_") first as a proper noun ("japan" → "Japan",
    /// "red_sea" → "Red Sea"); nil when WordNet does not know it.
    public mutating func isProperNoun(_ lemma: String) -> Bool? {
        guard let offset = wordNet.entry(lemma, .noun)?.synsets.first, let synset = nounSynset(at: offset),
            let position = synset.lemmas.firstIndex(of: lemma)
        else { return nil }
        return synset.capitalised[position]
    }

    /// Whether the first two noun senses of `lemma` name an abstract idea of everyday speech (an attribute,
    /// a thought, a message, a feeling, a time, a relation, a motive: "ability", "basis", "week",
    /// "order") rather than a thing, substance, process, body part or artifact.
    public mutating func isAbstractNoun(_ lemma: String) -> Bool {
        // Both of the first two senses: "heart" is first a feeling, second an organ.
        guard let offsets = wordNet.entry(lemma, .noun)?.synsets.prefix(2), !offsets.isEmpty else { return false }
        return offsets.allSatisfy { offset in
            guard let synset = nounSynset(at: offset) else { return false }
            let abstract: [WordNet.NounCategory] = [
                .tops, .attribute, .cognition, .communication, .feeling, .location, .motive, .relation, .time,
            ]
            return synset.category.map(abstract.contains) ?? false
        }
    }

    /// The category of `lemma`'s first noun sense ("length" → attribute, "ureter" → body); nil when
    /// WordNet has no such noun.
    public mutating func firstNounCategory(of lemma: String) -> WordNet.NounCategory? {
        guard let first = wordNet.entry(lemma, .noun)?.synsets.first else { return nil }
        return nounSynset(at: first)?.category
    }

    /// Closed-class English words (WordNet lists none of them).
    static let closedClass: [String: PartOfSpeech] = {
        var table: [String: PartOfSpeech] = [:]
        for word in [
            "a", "an", "the", "this", "these", "those", "every", "each", "some", "any", "no", "all", "both",
            "either", "neither", "another", "such", "its", "their", "his", "her", "our", "your", "my", "whose",
            "many", "much", "few", "several", "more", "most", "less", "least", "other",
            "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        ] { table[word] = .determiner }
        for word in [
            "of", "in", "on", "at", "to", "for", "from", "by", "with", "without", "into", "onto", "over", "under",
            "about", "between", "among", "through", "during", "before", "after", "as", "than", "within", "across",
            "around", "against", "upon", "toward", "towards", "like", "unlike", "via", "per", "inside", "outside",
            "near", "beside", "besides", "behind", "beyond", "along", "throughout", "until", "since", "despite",
            "versus", "vs", "till", "above", "below", "beneath", "underneath", "except", "including",
        ] { table[word] = .preposition }
        for word in [
            "it", "they", "them", "we", "us", "you", "he", "him", "she", "i", "me", "itself", "themselves",
            "which", "who", "whom", "that", "something", "anything", "nothing", "everything", "one", "ones",
            "there", "here", "someone", "anyone", "everyone",
        ] { table[word] = .pronoun }
        for word in [
            "and", "or", "nor", "but", "if", "because", "while", "whereas", "although", "though", "so", "then",
            "whether", "unless", "once", "when", "where", "why", "how", "what", "else", "etc", "eg", "ie", "thus",
            "hence", "therefore", "however", "also", "not", "only", "just", "even", "very", "too", "often",
            "usually", "always", "never", "sometimes", "again", "yes",
        ] { table[word] = .conjunction }
        for word in [
            "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "done", "has", "have",
            "had", "having", "can", "could", "will", "would", "shall", "should", "may", "might", "must", "cannot",
            "can't", "don't", "doesn't", "isn't", "aren't", "won't",
        ] { table[word] = .auxiliary }
        return table
    }()
}
