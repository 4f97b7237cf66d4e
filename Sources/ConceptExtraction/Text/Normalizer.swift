import Language
import Stemming

/// Folds words to the form two names must share to name the same idea: case, common abbreviations
/// ("app" → "application"), one-letter typos ("managment" → "management"), inflection (Porter2 stems).
/// Acronyms keep their letters. Built once per extraction from the vocabulary of all cards.
struct Normalizer {
    /// How often each lower-case word occurs over all cards.
    private let counts: [String: Int]
    /// How often words of each stem occur: a misspelling's family is rarer than the word it misspells.
    private let stemCounts: [String: Int]
    /// Lower-case forms written as acronyms at least as often as as words ("crm" because cards write
    /// "CRM" more than "crm"; not "apps" for one "APPS" among many "apps").
    let acronyms: Set<String>
    /// Lower-case forms of capitalised tokens more often written as ordinary words ("TYPES" → types).
    private let wordsWrittenInCapitals: Set<String>
    /// The usual capitalised spelling of each acronym ("crm" → "CRM", "saas" → "SaaS").
    let acronymSpelling: [String: String]
    /// Single-deletion variants of every word of five letters or more → the words they come from.
    private let deletions: DeletionIndex
    /// Memoised results: every distinct word is folded once.
    private var corrected: [String: String] = [:]
    private var folded: [String: String] = [:]
    /// Words the cards write in lower case somewhere: common words, not proper names.
    private let writtenLower: Set<String>
    /// Capitalised words joined by a hyphen to another capitalised word ("Lesch-Nyhan", "Frank-Starling"):
    /// the names of people in an eponym, never typos of a word the decks use ("Lesch" is no "leech").
    private let eponymParts: Set<String>
    /// Parts of speech, from the English lexicon.
    var tagger: Tagger

    init(tokenLists: [[Token]], lexicon: EnglishLexicon) {
        self.tagger = Tagger(lexicon: lexicon)
        var counts: [String: Int] = [:]
        var writtenLower = Set<String>()
        var spelling: [String: [String: Int]] = [:]
        var eponymParts = Set<String>()
        func isCapitalisedWord(_ token: Token) -> Bool {
            token.text.first?.isUppercase == true && !token.isAcronym && !token.isNumber
        }
        for tokens in tokenLists {
            for (index, token) in tokens.enumerated() {
                counts[token.lower, default: 0] += 1
                if token.text == token.lower { writtenLower.insert(token.lower) }
                if index > 0, token.gap == .joiner, token.joiner == "-", isCapitalisedWord(token),
                    isCapitalisedWord(tokens[index - 1])
                {
                    eponymParts.insert(token.lower)
                    eponymParts.insert(tokens[index - 1].lower)
                }
                if token.isAcronym && !token.isNumber {
                    spelling[token.lower, default: [:]][token.text, default: 0] += 1
                }
            }
        }
        self.counts = counts
        self.writtenLower = writtenLower
        self.eponymParts = eponymParts
        var acronyms = Set<String>()
        var wordsInCapitals = Set<String>()
        for (lower, forms) in spelling {
            let asAcronym = forms.values.reduce(0, +)
            let asWord = (counts[lower] ?? 0) - asAcronym
            // A function word in capitals ("IT", "US") is its own acronym, never the word.
            if asAcronym > asWord || Lexicon.functionWords.contains(lower) {
                if !Lexicon.functionWords.contains(lower) { acronyms.insert(lower) }
            } else {
                wordsInCapitals.insert(lower)
            }
        }
        self.acronyms = acronyms
        self.wordsWrittenInCapitals = wordsInCapitals
        // Most used capitalised spelling; ties go to the alphabetically first, for determinism.
        self.acronymSpelling = spelling.mapValues { forms in
            forms.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }!.key
        }
        var stemCounts: [String: Int] = [:]
        var deletions = DeletionIndex()
        for (word, count) in counts {
            stemCounts[Porter2.stem(word), default: 0] += count
            guard Self.isCorrectable(word) else { continue }
            deletions.insert(word, under: Self.singleDeletions(of: word))
        }
        self.stemCounts = stemCounts
        self.deletions = deletions
    }

    /// Whether a word is plain enough for typo correction: letters only, five to `maxCorrectableLength`
    /// of them.
    private static func isCorrectable(_ word: String) -> Bool {
        (5...maxCorrectableLength).contains(word.utf8.count) && word.utf8.allSatisfy { $0 >= 97 && $0 <= 122 }
    }

    /// Longer words are never typo-corrected: each word's candidates are its single deletions (one
    /// string per letter, each as long as the word), so the work per word grows with the square of its
    /// length; a 30 KB "word" would need 900 MB. Real words are shorter ("counterrevolutionaries": 22).
    static let maxCorrectableLength = 32

    private static func singleDeletions(of word: String) -> [String] {
        let bytes = Array(word.utf8)
        var result: [String] = []
        result.reserveCapacity(bytes.count)
        for i in bytes.indices {
            var copy = bytes
            copy.remove(at: i)
            result.append(String(decoding: copy, as: UTF8.self))
        }
        return result
    }

    /// The tokens of `text`, tagged.
    mutating func tokens(_ text: String) -> [Token] { tagged(Tokenizer.tokens(text)) }

    /// `tokens` with their parts of speech (acronyms and numbers are names).
    mutating func tagged(_ tokens: [Token]) -> [Token] {
        let inputs = tokens.map {
            TaggerInput(lower: $0.lower, isName: $0.isNumber || isAcronym($0), afterBoundary: $0.gap == .boundary)
        }
        let tags = tagger.tags(inputs)
        var result = tokens
        for index in result.indices { result[index].tag = tags[index] }
        // The parts of a hyphenated compound ("direct-mapped", "top-down") are one word: modifiers,
        // the last part the compound's class (a noun when it is not nominal).
        for index in result.indices where index + 1 < result.count && result[index + 1].gap == .joiner {
            if !result[index].tag.isNominal { result[index].tag = .adjective }
            if !result[index + 1].tag.isNominal { result[index + 1].tag = .noun }
        }
        return result
    }

    /// "Papua New Guinea", "United Kingdom": capitalised words only, which WordNet knows as a proper noun,
    /// or one of which the cards never write in lower case and English does not use as a common word.
    /// "Primary Key", "Lossy Compression" are title-case terms, not proper names.
    mutating func isProperName(_ name: NameForm) -> Bool {
        guard
            name.tokens.allSatisfy({ token in
                Lexicon.functionWords.contains(token.lower)
                    || (token.text.first?.isUppercase == true && !token.isAcronym)
            })
        else { return false }
        // WordNet knows most places and people: "Japan", "Red Sea", "United Kingdom".
        if let known = tagger.lexicon.isProperNoun(name.tokens.map(\.lower).joined(separator: "_")) { return known }
        // A lone capitalised word is how fronts are written: no sign of a name.
        guard name.count >= 2 else { return false }
        // A head the cards never write in lower case ("Camp Justice", "Port Moresby").
        if let head = name.tokens.last, !writtenLower.contains(head.lower) { return true }
        return name.tokens.contains { token in
            guard !Lexicon.functionWords.contains(token.lower), !writtenLower.contains(token.lower) else {
                return false
            }
            let info = tagger.lexicon.info(token.lower)
            return info.taggedCounts.allSatisfy { $0 <= 0 }
        }
    }

    /// Whether a name surely names one individual thing (a place, a person, a work): a proper name that
    /// WordNet files as one, or whose words English does not know at all ("Dodoma"). Stricter than
    /// `isProperName`, which also takes title-case terms ("Lossless Compression") for names.
    mutating func isIndividualName(_ name: NameForm) -> Bool {
        // A lone capitalised word English does not know and the cards never write in lower case ("Curaçao").
        if name.count == 1, let token = name.tokens.first, token.text.first?.isUppercase == true, !token.isAcronym,
            !writtenLower.contains(token.lower), !tagger.lexicon.info(token.lower).isEnglish
        {
            return true
        }
        guard isProperName(name) else { return false }
        if tagger.lexicon.isProperNoun(name.tokens.map(\.lower).joined(separator: "_")) == true { return true }
        return name.tokens.allSatisfy { token in
            Lexicon.functionWords.contains(token.lower)
                || !tagger.lexicon.info(token.lower).isEnglish
        }
    }

    /// Whether the token can stand in a noun phrase: a noun, adjective or name, or a part of a
    /// hyphenated compound ("top-down").
    func isNominal(_ tokens: [Token], _ index: Int) -> Bool {
        tokens[index].tag.isNominal || tokens[index].gap == .joiner
            || (index + 1 < tokens.count && tokens[index + 1].gap == .joiner)
    }

    /// True when `token` should be treated as an acronym: written in capitals (unless the cards mostly
    /// write it as a word), or written in lower case where cards mostly write it in capitals.
    func isAcronym(_ token: Token) -> Bool {
        if token.isNumber { return false }
        return token.isAcronym ? !wordsWrittenInCapitals.contains(token.lower) : acronyms.contains(token.lower)
    }

    /// The spelling to show for a token: acronyms in their capitals, typos corrected, else as written.
    /// Abbreviations stay as written ("apps"): a label keeps the learner's words, typos aside.
    mutating func displayForm(of token: Token) -> String {
        if isAcronym(token) { return acronymSpelling[token.lower] ?? token.text }
        let fixed = Lexicon.abbreviations[token.lower] == nil ? correctedWord(token.lower) : token.lower
        if fixed != token.lower { return fixed }
        return token.isAcronym ? token.lower : token.text  // "TYPES" written as a word → "types"
    }

    /// The lower-case word with a common abbreviation expanded and a one-letter typo corrected.
    mutating func correctedWord(_ lower: String) -> String {
        if let known = corrected[lower] { return known }
        var word = Lexicon.abbreviations[lower] ?? lower
        if !acronyms.contains(word), let fix = typoCorrection(of: word) { word = fix }
        corrected[lower] = word
        return word
    }

    /// "Ureter length", "glucose level", "ovary size": a one-word attribute head ("length" is first an
    /// attribute in WordNet) after a thing one can point at names that thing's attribute, no kind of the
    /// attribute; "focal length", "atomic number" and "energy level" (an adjective, a phenomenon) stay kinds.
    mutating func namesAttribute(_ tokens: [Token], head: Range<Int>) -> Bool {
        guard head.count == 1, head.lowerBound > 0 else { return false }
        let modifier = tokens[head.lowerBound - 1]
        // A modifier that can be an adjective ("net force", "total number") makes a kind.
        guard modifier.tag == .noun || modifier.tag == .name, !tagger.lexicon.info(modifier.lower).canBe(.adjective),
            let headLemma = tagger.lexicon.info(tokens[head.lowerBound].lower).nounLemma,
            tagger.lexicon.firstNounCategory(of: headLemma) == .attribute,
            let modifierLemma = tagger.lexicon.info(modifier.lower).nounLemma
        else { return false }
        return tagger.lexicon.firstNounCategory(of: modifierLemma)?.isConcrete == true
    }

    /// Whether two lower-case words that fold alike are other words of English, sharing only a stem
    /// ("person" and "personality", "mature" and "maturity", "production" and "productivity"): both
    /// known to English, with no base form in common. An inflection ("bones" and "bone", "testing" and
    /// "test") or a word English does not know (a typo, a term) is the same word.
    mutating func areOtherWords(_ a: String, _ b: String) -> Bool {
        guard a != b, tagger.lexicon.info(a).isEnglish, tagger.lexicon.info(b).isEnglish else { return false }
        let formsOfB = tagger.lexicon.baseForms(of: b)
        return !tagger.lexicon.baseForms(of: a).contains { formsOfB.contains($0) }
    }

    /// Whether words that matched a concept's `names` end in another word of English than the names' own,
    /// with the same stem only ("Monocytes mature" is no kind of "maturity", "excess production" names no
    /// "Productivity"). Only the last word is compared: a head decides what a phrase is a kind of.
    mutating func endsInAnotherWord(_ words: ArraySlice<Token>, than names: [NameForm]) -> Bool {
        guard let last = words.last else { return false }
        // (The first few: a hub can gather thousands of names.)
        let sameLength = names.lazy.filter { $0.count == words.count }.prefix(8)
        return !sameLength.isEmpty
            && sameLength.allSatisfy { areOtherWords(last.lower, $0.tokens[$0.count - 1].lower) }
    }

    /// The folded form of a token: what matching and merging compare.
    /// Acronyms fold to a marked form ("#it") so "IT" never matches the pronoun "it".
    mutating func fold(_ token: Token) -> String {
        if token.isNumber { return token.lower }
        if isAcronym(token) { return "#" + token.lower }
        return fold(word: token.lower)
    }

    /// The folded form of a lower-case word (not an acronym).
    mutating func fold(word lower: String) -> String {
        if let known = folded[lower] { return known }
        // Irregular plurals fold with their singular ("sporangia" = "sporangium", "nuclei" = "nucleus").
        let word = tagger.lexicon.wordNet.irregularBase(lower, .noun) ?? correctedWord(lower)
        let result = Porter2.stem(word)
        folded[lower] = result
        return result
    }

    /// A more frequent word one edit away (insertion, deletion, substitution or swap of neighbours),
    /// never at the word's last two letters (that is where inflections differ: "formed"/"former").
    private mutating func typoCorrection(of word: String) -> String? {
        guard Self.isCorrectable(word), let count = counts[word], count <= 2 else { return nil }
        // A word English knows is no typo ("virion" is no misspelt "vision"), nor a name in an eponym.
        if tagger.lexicon.info(word).isEnglish || eponymParts.contains(word) { return nil }
        let stem = Porter2.stem(word)
        let family = stemCounts[stem] ?? count
        var candidates: [String] = deletions.words(under: word)  // words one letter longer
        for variant in Self.singleDeletions(of: word) {
            if counts[variant] != nil, Self.isCorrectable(variant) { candidates.append(variant) }
            candidates.append(contentsOf: deletions.words(under: variant))
        }
        var best: (word: String, family: Int)?
        for candidate in candidates where candidate != word {
            guard isOneEditInside(word, candidate) else { continue }
            let candidateStem = Porter2.stem(candidate)
            let candidateFamily = stemCounts[candidateStem] ?? 0
            guard candidateFamily > family, candidateStem != stem else { continue }
            if best == nil || candidateFamily > best!.family
                || (candidateFamily == best!.family && candidate < best!.word)
            {
                best = (candidate, candidateFamily)
            }
        }
        return best?.word
    }

    /// True when `a` and `b` differ by exactly one edit, not within the last two letters of either and
    /// not at the first letter unless by swapping the first two (people rarely mistype a first letter:
    /// "Gartner" is no typo of "partner", "otuch" is one of "touch").
    private func isOneEditInside(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard abs(x.count - y.count) <= 1 else { return false }
        var prefix = 0
        while prefix < min(x.count, y.count) && x[prefix] == y[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < min(x.count, y.count) - prefix && x[x.count - 1 - suffix] == y[y.count - 1 - suffix] {
            suffix += 1
        }
        let restX = x.count - prefix - suffix
        let restY = y.count - prefix - suffix
        let oneEdit: Bool
        if restX == 2 && restY == 2 {
            oneEdit = x[prefix] == y[prefix + 1] && x[prefix + 1] == y[prefix]  // swapped neighbours
        } else {
            oneEdit = max(restX, restY) == 1
        }
        return oneEdit && suffix >= 2 && (prefix > 0 || (restX == 2 && restY == 2))
    }
}

/// The words of the decks filed under each of their single-letter deletions ("cahce" under "cache",
/// "cace", …), so a typo's one-edit neighbours are found by hashing, not by comparing with every word
/// (symmetric-delete look-up).
///
/// One hash entry per distinct deletion and one 8-byte link per (deletion, word), instead of an array
/// per deletion: at 100k cards of invented words there are about 600k deletions, mostly of one word.
struct DeletionIndex: Sendable {
    private var first: [String: Int32] = [:]
    /// Per link: the word's index in `words`, and the next link under the same deletion (-1: none).
    private var links: [(word: Int32, next: Int32)] = []
    private var words: [String] = []

    mutating func insert(_ word: String, under deletions: [String]) {
        let wordIndex = Int32(words.count)
        words.append(word)
        for deletion in deletions {
            let link = Int32(links.count)
            links.append((wordIndex, first[deletion] ?? -1))
            first[deletion] = link
        }
    }

    /// The words filed under `deletion`, latest first.
    func words(under deletion: String) -> [String] {
        var result: [String] = []
        var link = first[deletion] ?? -1
        while link >= 0 {
            result.append(words[Int(links[Int(link)].word)])
            link = links[Int(link)].next
        }
        return result
    }
}
