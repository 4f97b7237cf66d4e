import Foundation
import Language

/// What a card's front says its card is about.
struct FrontReading: Sendable {
    /// The names the card is about ("what is CRM" → CRM; "X vs Y" → X and Y). Empty when the front is a
    /// question too involved to name one subject: the card then goes to the concepts it mentions.
    var subjects: [NameForm] = []
    /// Set when the front heads a list ("types of CRM", "X (2 types)"): the answer's items are narrower.
    var list: ListHeading?
    /// A short form the front gives for its subject in parentheses ("customer touching apps (e-CRM)").
    var parentheticalAlias: NameForm?
    /// The tokens of the (first question of the) front, for mention matching.
    var tokens: [Token] = []
    /// The text `tokens` index into (the front, cleaned of scaffolding): evidence quotes cut from it.
    var text = ""
    /// "… is called?": the answer names the concept and the front defines it.
    var isReversed = false
    /// "X is also known as?": the answer is another name of the subject.
    var answerIsAlias = false
    /// Topic codes written before a colon ("cache" in "cache: K stands for?"), last one most specific.
    var topics: [String] = []
    /// "What kind of muscle contraction is he performing? → Isometric": the class the answer is a kind
    /// of ("muscle contraction"), with the front's words that say so.
    var identifiedClass: (name: NameForm, quote: String)?
    /// The answer's names in other languages ("Isometrisk / Isometric" gives "Isometrisk").
    var answerAliases: [NameForm] = []
    /// "Where is antidiuretic hormone produced? → The pituitary", "When does ventricular systole start?
    /// → The QRS complex": a short noun phrase answering where or when names a place or an event, an
    /// idea of its own (the card stays about its front's subject).
    var placeAnswer: NameForm?
    /// An exercise about a character ("A consultant works for … Why should she …?"): no subject, and
    /// no first phrase stands in for one.
    var isExercise = false
    /// Headings above the subject when the front is a Markdown heading path
    /// ("# Psychiatry / ## Emergencies / ### Serotonin syndrome"), outermost first.
    var headingPath: [NameForm] = []
    /// The front's last heading was a section label naming an aspect of the subject ("### Features",
    /// "### Management" under "## Foetal Alcohol Spectrum Disorder"): the answer's items are features
    /// or measures of the subject, not kinds of it.
    var aspectSection: NameForm?
}

/// A front that heads a list: "types of CRM" (node) under "CRM" (parent); items of kinds get the
/// parent's head word ("strategic" → "strategic CRM").
struct ListHeading: Sendable {
    /// The heading concept itself ("types of CRM", or the subject when the front says "(2 types)").
    var node: NameForm
    /// What the list divides, when named apart from the heading ("CRM" in "types of CRM").
    var parent: NameForm?
    /// The word single-word items take when the list names kinds of something ("CRM", "database").
    var kindHead: Token?
    /// How many items the front announces ("(5)", "2 elements of …"), if it does.
    var expectedCount: Int?
}

/// Reads card fronts: removes question and exam scaffolding, finds list headings and comparisons.
/// Works on tokens; linear in the front's length.
struct FrontParser {
    var normalizer: Normalizer

    /// A cloze gap shown with its hint ("[Expression]: the study of …", "[...]") is a blank: the hint
    /// says what kind of answer fills it, never a name of its own. Gaps become "(...)"; linear.
    static func clozeHintsBlanked(_ front: String) -> String {
        guard front.containsText("[") else { return front }
        var out = ""
        var rest = front[...]
        while let open = rest.firstIndex(of: "[") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "]") else {
                rest = rest[open...]
                break
            }
            let inside = rest[rest.index(after: open)..<close]
            // A hint is a short label (one to three words), never a reference or a formula.
            let words = inside.split(separator: " ")
            if !inside.isEmpty, words.count <= 3,
                inside.allSatisfy({ $0.isLetter || $0 == " " || $0 == "." || $0 == "…" })
            {
                out += "(...)"
            } else {
                out += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    mutating func read(_ front: String, back: String) -> FrontReading {
        var reading = FrontReading()
        var front = Self.clozeHintsBlanked(front)
        let headings = markdownHeadings(front)
        if headings.count >= 2 {
            reading.headingPath = headings.dropLast().compactMap { normalizer.name(normalizer.tokens($0)[...]) }
        }
        if let last = headings.last { front = last }
        // "(...): the study of how humans choose" answered "Economics": the gap opens the front, so the
        // front defines the answer, which is the card's subject.
        // A short form in parentheses ("Gross domestic product (GDP)") is the answer's alias, not a word of
        // its name.
        var answerAlias: String?
        var answerCount: Int?
        var answerCountWord: String?
        let answerText =
            front.hasPrefix("(...)")
            ? removeParentheticals(back, count: &answerCount, countWord: &answerCountWord, alias: &answerAlias) : back
        if front.hasPrefix("(...)"), !back.contains(where: \.isNewline),
            let answer = normalizer.name(normalizer.tokens(answerText)[...]), answer.count <= 4
        {
            reading.subjects = [answer]
            if let answerAlias, let form = normalizer.name(normalizer.tokens(answerAlias)[...]) {
                reading.parentheticalAlias = form
            }
            reading.isReversed = true
            reading.tokens = normalizer.tokens(front)
            reading.text = front
            return reading
        }
        let translated = preferredTranslation(of: front)
        reading.placeAnswer = placeAnswer(translated, back: back)
        if let identified = identification(translated, back: back)
            ?? superlativeIdentification(translated, back: back)
        {
            reading.subjects = [identified.answer]
            reading.isReversed = true
            reading.identifiedClass = identified.of
            reading.answerAliases = identified.aliases
            reading.tokens = normalizer.tokens(translated)
            reading.text = translated
            return reading
        }
        if isExercise(translated) {
            reading.isExercise = true
            reading.tokens = normalizer.tokens(translated)
            reading.text = translated
            return reading
        }
        var text = firstQuestion(of: translated)
        var count: Int?
        var countWord: String?
        var alias: String?
        let hasBlank =
            text.containsText("(...)") || text.containsText("(…)") || text.containsText("___")
            || front.containsText("?")
        text = removeParentheticals(text, count: &count, countWord: &countWord, alias: &alias)
        text = removeTrailingExampleMarker(text)
        text = removeTopicCode(text, topics: &reading.topics)
        let tokens = normalizer.tokens(text)
        reading.tokens = tokens
        reading.text = text
        if let alias, let form = normalizer.name(normalizer.tokens(alias)[...]) { reading.parentheticalAlias = form }
        guard !tokens.isEmpty else { return reading }

        // "Name the three programming constructs", "List 4 layers of …": a count before a plural noun
        // phrase heads a list even without a group word.
        if count == nil, let counted = countedPhrase(tokens) { count = counted }
        var words = tokens[...]
        let wasQuestion = stripQuestion(&words)
        if words.isEmpty { return reading }

        // "X vs Y", "differences between X and Y": every side is a subject.
        if let sides = comparisonSides(words) {
            reading.subjects = sides.compactMap { normalizer.name(trimmedAtPreposition($0)) }
            return reading
        }
        // "A and CRM": an acronym joined to a phrase names two subjects.
        if let sides = acronymConjunction(words) {
            reading.subjects = sides.compactMap { normalizer.name($0) }
            return reading
        }
        // "types of X", "2 elements of X", "X attributes", "X (2 types)".
        if let heading = listHeading(words, count: count, countWord: countWord) {
            reading.list = heading
            reading.subjects = [heading.node]
            return reading
        }
        // "… is called?" / "X is also known as?": the answer is the term.
        if let naming = namingVerb(words) {
            let answer = normalizer.tokens(back)
            let answerIsName = answer.count <= 5 && !answer.dropFirst().contains { $0.gap == .boundary }
            var before = words[..<naming]
            let also = before.last?.lower == "also"
            while let last = before.last, Lexicon.copulas.contains(last.lower) || last.lower == "also" {
                before = before.dropLast()
            }
            if also, before.count <= 5, let subject = normalizer.name(before) {
                reading.subjects = [subject]
                reading.answerIsAlias = answerIsName
                return reading
            }
            if answerIsName, let subject = normalizer.name(answer[...]) {
                reading.subjects = [subject]
                reading.isReversed = true
                return reading
            }
        }
        // "valid bit indicates (...)", "the cache is designed to work with": a statement to complete
        // is about what stands before its verb.
        // (A verb-like last word with nothing after it and no blank to fill is a noun: "touch points".)
        // "How is the action potential transmitted along the axon?": a passive question names its subject
        // before the participle, however long the question goes on after it.
        let passiveQuestion =
            tokens.count > 2 && FrontParser.mannerQuestionWords.contains(tokens[0].lower)
            && ["is", "are", "was", "were"].contains(tokens[1].lower)
            && words.dropFirst().contains { $0.tag == .verb && !$0.lower.hasSuffix("ing") }
        // A participle between nouns with only a noun phrase after it is part of a compound name ("Cell
        // mediated immunity", "Sex linked traits"), not the verb of a statement; before a generic or
        // relational noun it asks about its subject ("Pneumonia affected area" is about pneumonia).
        let compoundParticiple = { (index: Int) -> Bool in
            guard !hasBlank, words[index].lower.hasSuffix("ed"), index > words.startIndex,
                words[index - 1].tag == .noun || words[index - 1].tag == .name, index + 1 < words.endIndex,
                words[(index + 1)...].allSatisfy({ $0.tag.isNominal }), let last = words.last, last.tag == .noun
            else { return false }
            return !Lexicon.genericNouns.contains(last.lower) && !Lexicon.relationalNouns.contains(last.lower)
        }
        // A noun after an opening "-ing" word is the head it modifies ("Connecting link between …",
        // "Reducing agent"), not the verb of a statement.
        let second = words.startIndex + 1
        let headAfterParticiple =
            second < words.endIndex && words[words.startIndex].lower.hasSuffix("ing")
            && normalizer.tagger.lexicon.info(words[second].lower).canBe(.noun)
        if !wasQuestion || words.count <= 5 || passiveQuestion,
            let verb = words.indices.first(where: {
                Lexicon.copulas.contains(words[$0].lower) || Lexicon.thirdPersonVerbs.contains(words[$0].lower)
                    || (words[$0].tag == .verb && !words[$0].lower.hasSuffix("ing") && !compoundParticiple($0)
                        && !(headAfterParticiple && $0 == second))
            }),
            verb + 1 < words.endIndex || hasBlank || Lexicon.copulas.contains(words[verb].lower)
        {
            // No subject before the verb ("is part of every (...)"): the card goes to what it mentions.
            guard verb > words.startIndex else { return reading }
            words = words[..<verb]
            if let pronoun = words.dropFirst().firstIndex(where: { Lexicon.pronouns.contains($0.lower) }) {
                words = words[..<pronoun]  // "data you need now" → "data"
            }
        }
        // An involved question ("why is it important to have X before Y"): the card goes to what it mentions.
        if wasQuestion && words.count > 5 && hasVerb(words) { return reading }
        let subjectWords = trimmedAtPreposition(words)
        if subjectWords.count > 6 { return reading }
        // A question whose subject runs into a finite verb ("How do people earn income …?", "Why do
        // solvents play …?"): a clause, not a name; the card goes to what it mentions.
        if wasQuestion, subjectWords.dropFirst().contains(where: { $0.tag == .verb && !$0.lower.hasSuffix("ing") }) {
            return reading
        }
        // "Why is it unfair or meaningless to …?": a why/how question whose subject holds no noun asks
        // about a judgement, not about a thing; the card goes to what it mentions. ("What is dioecious?"
        // still names its adjective term.)
        if wasQuestion, let opener = tokens.first?.lower, ["why", "how"].contains(opener),
            !subjectWords.contains(where: { $0.tag == .noun || $0.tag == .name })
        {
            return reading
        }
        if let subject = normalizer.name(subjectWords) {
            reading.subjects = [subject]
            if count != nil || countWord != nil {
                reading.list = ListHeading(
                    node: subject, parent: nil,
                    kindHead: countWord.map { Lexicon.kindWords.contains($0) } == true ? subject.tokens.last : nil,
                    expectedCount: count)
            }
        }
        return reading
    }

    /// The count of "(opener) (the) three programming constructs": a number (word or digits) within the
    /// first four words, followed by nominal words ending in a plural noun.
    private func countedPhrase(_ tokens: [Token]) -> Int? {
        for index in tokens.indices.prefix(4) {
            let token = tokens[index]
            guard let number = Int(token.text) ?? Lexicon.numberWords[token.lower], number >= 2, number <= 12 else {
                continue
            }
            var end = index + 1
            while end < tokens.count, tokens[end].gap != .boundary, normalizer.isNominal(tokens, end) { end += 1 }
            guard end > index + 1, let last = tokens[end - 1].lower.last, last == "s",
                tokens[end - 1].tag == .noun,
                end == tokens.count || tokens[end].gap == .boundary
                    || tokens[end].tag == .preposition || tokens[end].tag == .auxiliary
            else { return nil }
            return number
        }
        return nil
    }

    // MARK: - Identification cards

    /// "The organelle that produces ATP?", "Which vitamin is needed for …?", "What kind of muscle
    /// contraction is this? → Isometric": a question that asks for a member of a class, answered by a
    /// short name; the answer is the card's subject and a kind of the class. A lone adjective answer
    /// takes the class's head ("Isometric" → "isometric contraction"). Answers in several languages
    /// ("Isometrisk / Isometric") are named in English with the others as aliases.
    private mutating func identification(_ front: String, back: String)
        -> (answer: NameForm, of: (name: NameForm, quote: String)?, aliases: [NameForm])?
    {
        guard front.containsText("?") else { return nil }
        // The question is the last sentence before the question mark (context sentences come first).
        var question = Substring(front[..<front.lastIndex(of: "?")!])
        question = question.afterLastOccurrence(of: ". ")
        var words = normalizer.tokens(String(question))
        // "What is the organelle that makes ATP?" asks what "The organelle that makes ATP?" asks, and "What
        // is this ultrasound modality called?" what "This ultrasound modality called?" asks. ("What are the
        // steps …?" asks for a list; "What is the second goal …?" for an item of one.)
        if words.count > 4, ["what", "which"].contains(words[0].lower), ["is", "was"].contains(words[1].lower),
            ["the", "a", "an"].contains(words[2].lower)
                || ["this", "that"].contains(words[2].lower) && namingVerb(words[...]) != nil,
            !Self.ordinals.contains(words[3].lower),
            words[3].lower != "first", words[3].lower != "last"
        {
            words.removeFirst(2)
        }
        guard words.count >= 2, ["what", "which"].contains(words[0].lower) || words[0].tag == .determiner else {
            return nil
        }
        // "Which group do …": the question word is a determiner here, so the word after it is a noun
        // when English has one ("group", not the verb).
        if words[1].tag == .verb, normalizer.tagger.lexicon.info(words[1].lower).canBe(.noun),
            words.count > 2, words[2].tag == .auxiliary || words[2].tag == .verb
        {
            words[1].tag = .noun
        }
        var start = 1
        if words[0].tag == .determiner && !["what", "which"].contains(words[0].lower) { start = 1 }
        if start + 1 < words.count, Lexicon.kindWords.contains(words[start].lower), words[start + 1].lower == "of" {
            start += 2
        }
        var end = start
        while end < words.count, end == start || words[end].gap != .boundary, normalizer.isNominal(words, end) {
            end += 1
        }
        // The class is a noun phrase followed by the question's verb or a relative clause. A generic class
        // ("which group", "what process", "what term") still asks for a name, but is no parent of it.
        guard end > start, end < words.count, end - start <= 4, words[end - 1].tag == .noun,
            words[end].tag == .auxiliary || words[end].tag == .verb || words[end].tag == .pronoun,
            let className = normalizer.name(words[start..<end])
        else { return nil }
        let isGeneric =
            Lexicon.genericNouns.contains(words[end - 1].lower) || Lexicon.kindWords.contains(words[end - 1].lower)
            || Lexicon.cardScaffolding.contains(words[end - 1].lower)
        guard let (answer, aliases) = identifiedAnswer(back, className: className, isGeneric: isGeneric) else {
            return nil
        }
        return (answer, isGeneric ? nil : (className, String(question) + "?"), aliases)
    }

    /// "Largest muscle → Gluteus maximus", "The smallest bone in the body? → Stapes", "What is the most
    /// abundant protein? → Collagen", "Most common type of anaemia → Iron deficiency anaemia": a front
    /// that asks for the member of a class that stands out (a superlative before the class, then nothing
    /// or a phrase or clause), answered by a short name; the answer is a kind of the class, as on other
    /// identification cards. An abstract or relational class ("the most common cause of …", "the most
    /// important factor") makes the answer the subject with no parent. A front whose answer is its own
    /// initials ("Highest common factor → HCF") is a term card, not a question.
    private mutating func superlativeIdentification(_ front: String, back: String)
        -> (answer: NameForm, of: (name: NameForm, quote: String)?, aliases: [NameForm])?
    {
        // (Most fronts hold no superlative: a cheap look before tokenizing.)
        let lower = front.lowercased()
        guard
            lower.containsText("est") || lower.containsText("most") || lower.containsText("least")
                || lower.containsText("worst")
        else { return nil }
        // The question's last sentence; without a question mark, the front when it is one short line.
        var question = Substring(front)
        if let mark = front.lastIndex(of: "?") {
            question = front[..<mark]
            question = question.afterLastOccurrence(of: ". ")
        } else if front.contains(where: \.isNewline) || front.containsText(". ") {
            return nil
        }
        // A cloze ("The best nucleophiles are typically (...)") states a fact about its gap.
        if front.containsText("(...)") || front.containsText("(…)") || front.containsText("___") { return nil }
        let words = normalizer.tokens(String(question))
        guard words.count >= 2, words.count <= 12 else { return nil }
        var index = 0
        // "What is the …", "Which are the …", "The …", "Second largest …".
        if ["what", "which"].contains(words[0].lower), words.count > 2, words[1].tag == .auxiliary { index = 2 }
        if index < words.count, words[index].lower == "the" { index += 1 }
        if index < words.count, Self.ordinals.contains(words[index].lower) { index += 1 }
        guard index < words.count else { return nil }
        let opening = index
        if words[index].lower == "most" || words[index].lower == "least" {
            index += 1
            while index < words.count, words[index].tag == .adverb { index += 1 }
            guard index < words.count, normalizer.tagger.lexicon.info(words[index].lower).canBe(.adjective) else {
                return nil
            }
            index += 1
        } else if isSuperlative(words[index].lower) {
            index += 1
        } else {
            return nil
        }
        var start = index
        if start + 1 < words.count, Lexicon.kindWords.contains(words[start].lower), words[start + 1].lower == "of" {
            start += 2
        }
        var end = start
        while end < words.count, end == start || words[end].gap != .boundary, normalizer.isNominal(words, end) {
            end += 1
        }
        guard end > start, end - start <= 4, words[end - 1].tag == .noun || words[end - 1].tag == .name,
            end == words.count || [.preposition, .pronoun, .auxiliary, .verb].contains(words[end].tag),
            let className = normalizer.name(words[start..<end])
        else { return nil }
        // Without a question mark the front is a noun phrase: a verb after the class makes it a statement
        // ("The biggest pressure drop occurs in …"), unless a relative clause holds it ("that makes …").
        if !front.containsText("?"), end < words.count,
            let verb = words[end...].firstIndex(where: { $0.tag == .verb || $0.tag == .auxiliary }),
            !words[end..<verb].contains(where: { ["that", "which", "who"].contains($0.lower) })
        {
            return nil
        }
        // "Highest common factor → HCF": the answer abbreviates the front, which is then a term.
        let initials = String(words[opening...].compactMap(\.lower.first))
        if !back.containsText(" "), back.count >= 2, back.lowercased() == initials { return nil }
        let head = words[end - 1].lower
        let lemma = normalizer.tagger.lexicon.info(head).nounLemma ?? head
        let isGeneric =
            Lexicon.genericNouns.contains(head) || Lexicon.kindWords.contains(head)
            || Lexicon.cardScaffolding.contains(head) || Lexicon.relationalNouns.contains(head)
            || normalizer.tagger.lexicon.isAbstractNoun(lemma)
        guard let (answer, aliases) = identifiedAnswer(back, className: className, isGeneric: isGeneric) else {
            return nil
        }
        let quote = String(question) + (front.containsText("?") ? "?" : "")
        return (answer, isGeneric ? nil : (className, quote), aliases)
    }

    private static let ordinals: Set<String> = ["second", "third", "fourth", "fifth"]

    /// "largest", "busiest", "best": a superlative adjective, which WordNet lists only by its base form
    /// ("large", "busy" through its exception list). A word WordNet lists itself ("forest", "honest",
    /// "interest") is no superlative.
    private func isSuperlative(_ word: String) -> Bool {
        if word == "best" || word == "worst" { return true }
        guard word.hasSuffix("est"), word.count >= 5 else { return false }
        let wordNet = normalizer.tagger.lexicon.wordNet
        guard WordClass.allCases.allSatisfy({ wordNet.entry(word, $0) == nil }) else { return false }
        return !wordNet.baseForms(word, .adjective).isEmpty
    }

    /// The answer of an identification card: short, one name, in English when several languages are
    /// given (the others its aliases); a lone adjective takes the class's head ("Isometric" →
    /// "isometric contraction"). Nil for a list, a sentence, a number or a clause.
    private mutating func identifiedAnswer(_ back: String, className: NameForm, isGeneric: Bool)
        -> (answer: NameForm, aliases: [NameForm])?
    {
        let classHead = className.folds.last
        let parts = back.split(whereSeparator: { $0 == "/" || $0.isNewline }).map { $0.trimmingWhitespace() }
            .filter { !$0.isEmpty }
        guard !parts.isEmpty, parts.count <= 4 else { return nil }
        var best = 0
        var bestScore = -1.0
        var names: [NameForm] = []
        for (index, part) in parts.enumerated() {
            let tokens = normalizer.tokens(String(part))
            // "and" joins a list ("Pepsin and hydrochloric acid"), except inside a name of the class's own
            // kind ("What type of joint …? → Ball and socket joint").
            let endsWithClassHead = !isGeneric && tokens.last.map { normalizer.fold($0) } == classHead
            guard !tokens.isEmpty, tokens.count <= 4, !tokens.dropFirst().contains(where: { $0.gap == .boundary }),
                !tokens.contains(where: { $0.isNumber }),
                endsWithClassHead || !tokens.contains(where: { $0.lower == "and" || $0.lower == "og" }),
                !tokens.contains(where: {
                    $0.tag == .verb || $0.tag == .auxiliary || $0.tag == .preposition || $0.tag == .pronoun
                }),
                tokens.count > 1 || tokens[0].text.count > 1,
                var name = normalizer.name(tokens[...])
            else { return nil }
            if name.count == 1, name.tokens[0].tag == .adjective, !isGeneric, let head = className.tokens.last {
                var extended = name.tokens
                var headToken = head
                headToken.gap = .space
                extended.append(headToken)
                name = normalizer.name(extended[...]) ?? name
            }
            let english = Double(tokens.filter { normalizer.tagger.lexicon.info($0.lower).isEnglish }.count)
            let score = english / Double(tokens.count)
            if score >= bestScore {
                best = index
                bestScore = score
            }
            names.append(name)
        }
        guard bestScore > 0 || parts.count == 1 else { return nil }
        let aliases = names.enumerated().filter { $0.offset != best }.map(\.element)
        return (names[best], aliases)
    }

    /// The answer of a where/when question (its last sentence opens with "where" or "when") when it is
    /// one short noun phrase: one to four words after an optional article or opening preposition ("The
    /// P-wave", "In B-lymphocytes"), no verb, list, number or clause; in the most English of its
    /// translations ("Hypofysen / The pituitary" → "pituitary").
    private mutating func placeAnswer(_ front: String, back: String) -> NameForm? {
        guard let mark = front.lastIndex(of: "?") else { return nil }
        var question = Substring(front[..<mark])
        question = question.afterLastOccurrence(of: ". ")
        guard let opener = question.split(separator: " ").first?.lowercased(), opener == "where" || opener == "when"
        else { return nil }
        let parts = back.split(whereSeparator: { $0 == "/" || $0.isNewline }).map { $0.trimmingWhitespace() }
            .filter { !$0.isEmpty }
        guard !parts.isEmpty, parts.count <= 3 else { return nil }
        var best: NameForm?
        var bestScore = -1.0
        for part in parts {
            var tokens = normalizer.tokens(String(part).trimming(".,;"))[...]
            while let first = tokens.first, first.tag == .preposition || first.tag == .determiner {
                tokens = tokens.dropFirst()
            }
            guard !tokens.isEmpty, tokens.count <= 4, !tokens.dropFirst().contains(where: { $0.gap == .boundary }),
                !tokens.contains(where: {
                    $0.isNumber || !$0.tag.isNominal || Lexicon.functionWords.contains($0.lower)
                }),
                let last = tokens.last, last.tag == .noun || last.tag == .name,
                let name = normalizer.name(tokens)
            else { continue }
            let english = Double(tokens.filter { normalizer.tagger.lexicon.info($0.lower).isEnglish }.count)
            let score = english / Double(tokens.count)
            if score > bestScore {
                best = name
                bestScore = score
            }
        }
        return bestScore > 0 || parts.count == 1 ? best : nil
    }

    // MARK: - Text-level clean-up

    /// "Hva er X? / Kva er X? / What is X?": of parallel translations joined by " / ", the one written
    /// in English (most English function words); the text itself when it holds no translations.
    private func preferredTranslation(of front: String) -> String {
        guard front.containsText(" / ") else { return front }
        let parts = front.components(separatedBy: " / ")
        guard parts.count >= 2, parts.allSatisfy({ $0.split(separator: " ").count >= 3 }) else { return front }
        func englishWords(_ part: String) -> Int {
            part.lowercased().split(whereSeparator: { !$0.isLetter }).filter {
                Lexicon.functionWords.contains(String($0))
            }.count
        }
        var best = parts[0]
        var bestScore = englishWords(parts[0])
        for part in parts.dropFirst() where englishWords(part) > bestScore {
            best = part
            bestScore = englishWords(part)
        }
        return best
    }

    /// The heading texts when every line of the front is a Markdown heading (`#`, `##`, …), else [].
    private func markdownHeadings(_ front: String) -> [String] {
        // "\#" is a Markdown-escaped "#", as Anki exports headings.
        let front = front.containsText("\\#") ? front.replacingOccurrences(of: "\\#", with: "#") : front
        guard front.hasPrefix("#") else { return [] }
        var headings: [String] = []
        for line in front.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingWhitespace()
            guard trimmed.hasPrefix("#") else { return [] }
            var text = trimmed.drop(while: { $0 == "#" }).trimmingWhitespace()
            if let comment = text.range(of: "<!--") { text = text[..<comment.lowerBound].trimmingWhitespace() }
            if !text.isEmpty { headings.append(String(text)) }
        }
        return headings
    }

    /// The first question when a front asks several ("What is X? What skills …?").
    /// An exercise sets up a situation about a person and then asks about it ("A consultant works for
    /// $200 per hour. She likes … Why does it make more sense for her to …?", "An engineer could paint
    /// his house … Explain why."): the person is the exercise's character, not its subject; the card
    /// goes to the concepts it mentions. Linear in the front.
    private func isExercise(_ front: String) -> Bool {
        guard front.containsText(". ") else { return false }
        let sentences = front.components(separatedBy: ". ").filter { !$0.isEmpty }
        guard sentences.count >= 2, let last = sentences.last?.lowercased() else { return false }
        let asks =
            last.hasSuffix("?") || last.hasPrefix("explain") || last.hasPrefix("why")
            || last.hasPrefix("describe") || last.hasPrefix("what")
        guard asks else { return false }
        let persons: Set<Substring> = ["he", "she", "his", "her", "him", "hers", "himself", "herself"]
        return front.lowercased().split(whereSeparator: { !$0.isLetter }).contains { persons.contains($0) }
    }

    private func firstQuestion(of front: String) -> String {
        let line = front.split(whereSeparator: \.isNewline).first.map(String.init) ?? front
        guard let mark = line.firstIndex(of: "?") else { return line }
        return String(line[..<mark])
    }

    /// Takes out `(…)` groups: counts ("(5)", "(2 TYPES)") and short forms ("(e-CRM)") are kept aside,
    /// fill-in blanks and explanations are dropped.
    private func removeParentheticals(
        _ text: String, count: inout Int?, countWord: inout String?, alias: inout String?
    ) -> String {
        guard text.containsText("(") else { return text }
        var result = ""
        var depth = 0
        var inner = ""
        for character in text {
            if character == "(" {
                if depth == 0 { inner = "" } else { inner.append(character) }
                depth += 1
            } else if character == ")" && depth > 0 {
                depth -= 1
                if depth == 0 {
                    classifyParenthetical(inner, count: &count, countWord: &countWord, alias: &alias)
                    result.append(" ")
                } else {
                    inner.append(character)
                }
            } else if depth > 0 {
                inner.append(character)
            } else {
                result.append(character)
            }
        }
        return depth > 0 ? result + " " + inner : result
    }

    private func classifyParenthetical(
        _ inner: String, count: inout Int?, countWord: inout String?, alias: inout String?
    ) {
        let parts = inner.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard !parts.isEmpty else { return }
        if let number = Int(parts[0]) ?? Lexicon.numberWords[parts[0].lowercased()] {
            if parts.count == 1 {
                count = number
                return
            }
            if parts.count == 2, Lexicon.groupWords.contains(parts[1].lowercased()) {
                count = number
                countWord = parts[1].lowercased()
                return
            }
        }
        if parts.count == 1 {
            let capitals = inner.unicodeScalars.filter { $0.properties.isUppercase }.count
            if capitals >= 2 && inner.count <= 12 { alias = inner }
        }
    }

    /// "low end crm + ex" → "low end crm": a request for examples is not part of the name.
    private func removeTrailingExampleMarker(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let lower = trimmed.lowercased()
        for marker in ["+ ex", "+ eg", "+ examples", "+ example", "& examples", "& ex", "+ex", "+ e.g."]
        where lower.hasSuffix(marker) {
            return String(trimmed.dropLast(marker.count))
        }
        return text
    }

    /// "comparch,opcode: is part of …" → "is part of …": a short topic code before a colon.
    private func removeTopicCode(_ text: String, topics: inout [String]) -> String {
        guard let colon = text.firstIndex(of: ":") else { return text }
        let head = text[..<colon]
        let rest = text[text.index(after: colon)...]
        let headWords = head.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "/" })
        let restWords = rest.split(separator: " ")
        guard headWords.count <= 3, head.count <= 30, restWords.count >= 2,
            head.allSatisfy({ $0.isLetter || $0.isNumber || " ,/&-_".contains($0) })
        else { return text }
        topics = head.split(separator: ",").map { String($0.trimmingWhitespace()) }.filter { !$0.isEmpty }
        return String(rest)
    }

    // MARK: - Token-level clean-up

    static let mannerQuestionWords: Set<String> = ["how", "where", "when", "why"]

    /// A short capitalised abbreviation of letters ("St", "Mt", "Dr"): a capital, then one or two small
    /// letters; the full stop after it does not end a name.
    static func isShortTitle(_ text: String) -> Bool {
        guard (2...3).contains(text.count), let first = text.first, first.isUppercase else { return false }
        return text.dropFirst().allSatisfy { $0.isLowercase }
    }

    /// Removes "what is (a)", "define", "how do you VERB", "what do X VERB", framing like "the role of".
    /// Returns whether the front was a question or task.
    private mutating func stripQuestion(_ words: inout ArraySlice<Token>) -> Bool {
        guard let first = words.first else { return false }
        let opener = Lexicon.questionOpeners.contains(first.lower) && !normalizer.isAcronym(first)
        let asksWhatXDoes =
            opener && ["what", "who", "how", "which"].contains(first.lower)
            && words.dropFirst().first.map { ["do", "does", "did"].contains($0.lower) } == true
        var strippedVerb = false
        while let token = words.first, !normalizer.isAcronym(token) {
            let lower = token.lower
            if Lexicon.questionOpeners.contains(lower)
                || [
                    "you", "it", "we", "they", "i", "some", "of", "the", "a",
                    "an", "and", "there", "to", "be", "contrast", "mean", "meant", "by", "one", "ones",
                ].contains(lower)
                || token.isNumber || Lexicon.numberWords[lower] != nil
            {
                words = words.dropFirst()
            } else if Lexicon.framingNouns.contains(lower),
                opener || words.dropFirst().first.map({ $0.lower == "of" }) == true
            {
                words = words.dropFirst()
            } else if opener, !strippedVerb, Lexicon.leadingVerbs.contains(lower), words.count > 1 {
                words = words.dropFirst()
                strippedVerb = true
            } else {
                break
            }
        }
        // "what do crm tools do" / "who does X support": the closing verb belongs to the question.
        // "What does IDE stand for": the question's closing preposition goes first.
        while asksWhatXDoes, words.count > 2, let last = words.last, Lexicon.prepositions.contains(last.lower) {
            words = words.dropLast()
        }
        if asksWhatXDoes, words.count > 1, let last = words.last, Lexicon.leadingVerbs.contains(last.lower) {
            words = words.dropLast()
        }
        // "What does a full adder look like?", "What does capacity mean for a cache miss?": after "does"
        // comes the subject, then the verb in its base form, a word English uses more as a verb than as
        // a noun; the subject ends there.
        if asksWhatXDoes, words.count > 1,
            let verb = words.indices.dropFirst().first(where: { index in
                let word = words[index].lower
                guard !normalizer.isAcronym(words[index]), !word.hasSuffix("ing"),
                    normalizer.tagger.lexicon.wordNet.entry(word, .verb) != nil
                else { return false }
                let counts = normalizer.tagger.lexicon.info(word).taggedCounts
                return counts[WordClass.verb.rawValue] > counts[WordClass.noun.rawValue]
            })
        {
            words = words[..<verb]
        }
        return opener
    }

    /// The words up to the first preposition when the name goes on past it
    /// ("critical success factors for successful CRM strategies" → "critical success factors").
    private func trimmedAtPreposition(_ words: ArraySlice<Token>) -> ArraySlice<Token> {
        var cut = words
        // A boundary (comma, colon) ends the name.
        // (Not after a short capitalised abbreviation before a capital: "St. John's", "Mt. Everest".)
        if let stop = cut.indices.dropFirst().first(where: { index in
            cut[index].gap == .boundary
                && !(Self.isShortTitle(cut[index - 1].text) && cut[index].text.first?.isUppercase == true)
        }) {
            cut = cut[..<stop]
        }
        // A long name ends at its first preposition; a short one only at one other than "of"
        // ("mitochondria in respiration" → "mitochondria", but "theory of relativity" stays).
        for index in cut.indices.dropFirst() where Lexicon.prepositions.contains(cut[index].lower) {
            if cut.count > 4 || cut[index].lower != "of" { return cut[..<index] }
        }
        return cut
    }

    /// "called", "known (as)", "termed": the closing verb of a question whose answer is a name.
    private func namingVerb(_ words: ArraySlice<Token>) -> Int? {
        var end = words.endIndex
        while end > words.startIndex, ["a", "an", "the", "as", "by"].contains(words[end - 1].lower) { end -= 1 }
        guard end - 1 > words.startIndex, ["called", "known", "termed", "named"].contains(words[end - 1].lower)
        else { return nil }
        return end - 1
    }

    private func hasVerb(_ words: ArraySlice<Token>) -> Bool {
        words.contains { Lexicon.leadingVerbs.contains($0.lower) }
    }

    /// "X vs Y", "differences between X and Y", "strategic, operational and analytical CRM".
    private func comparisonSides(_ words: ArraySlice<Token>) -> [ArraySlice<Token>]? {
        if let vs = words.firstIndex(where: { $0.lower == "vs" || $0.lower == "versus" }) {
            let left = words[..<vs]
            let right = words[(vs + 1)...]
            return left.isEmpty || right.isEmpty ? nil : [left, right]
        }
        var rest = words
        while let token = rest.first, Lexicon.rankingAdjectives.contains(token.lower) { rest = rest.dropFirst() }
        guard let first = rest.first, Lexicon.comparisonWords.contains(first.lower) else { return nil }
        rest = rest.dropFirst()
        while let token = rest.first, ["between", "of", "among", "the"].contains(token.lower) {
            rest = rest.dropFirst()
        }
        return splitList(rest)
    }

    /// "a, b and c X" → ["a X", "b X", "c X"] when every part before the last is one word
    /// (they share the last part's head), else the parts as written.
    private func splitList(_ words: ArraySlice<Token>) -> [ArraySlice<Token>]? {
        var parts: [ArraySlice<Token>] = []
        var start = words.startIndex
        for index in words.indices {
            let token = words[index]
            if token.lower == "and" || token.lower == "or" {
                if start < index { parts.append(words[start..<index]) }
                start = index + 1
            } else if token.gap == .boundary && index > start {
                parts.append(words[start..<index])
                start = index
            }
        }
        if start < words.endIndex { parts.append(words[start...]) }
        guard parts.count >= 2 else { return nil }
        // "Meiosis I and II", "DNA Polymerase I, II, III": indexes after the first part number its series.
        if let first = parts.first, first.count >= 2, AnswerParser.isSeriesIndex(first.last!.text[...]),
            parts.dropFirst().allSatisfy({ $0.count == 1 && AnswerParser.isSeriesIndex($0.first!.text[...]) })
        {
            return [first]
                + parts.dropFirst().map { part in
                    var index = part.first!
                    index.gap = .space
                    return (Array(first.dropLast()) + [index])[...]
                }
        }
        guard let last = parts.last, last.count > 1, parts.dropLast().allSatisfy({ $0.count == 1 }),
            let head = last.last
        else { return parts }
        return parts.dropLast().map { part in
            var joined = Array(part)
            var headToken = head
            headToken.gap = .space
            joined.append(headToken)
            return joined[...]
        } + [last]
    }

    /// "Organizational roles and CRM": a phrase and an acronym joined by "and" are two subjects.
    private func acronymConjunction(_ words: ArraySlice<Token>) -> [ArraySlice<Token>]? {
        guard words.count <= 6, let and = words.firstIndex(where: { $0.lower == "and" || $0.lower == "&" }),
            and > words.startIndex, and + 1 < words.endIndex
        else { return nil }
        let left = words[..<and]
        let right = words[(and + 1)...]
        // "Meiosis I and II": an index after a series member's name is the next member ("Meiosis II").
        if left.count >= 2, right.count == 1, AnswerParser.isSeriesIndex(left.last!.text[...]),
            AnswerParser.isSeriesIndex(right.first!.text[...])
        {
            return splitList(words)
        }
        let leftAcronym = left.count == 1 && normalizer.isAcronym(left.first!)
        let rightAcronym = right.count == 1 && normalizer.isAcronym(right.first!)
        guard leftAcronym != rightAcronym else { return nil }
        return [left, right]
    }

    /// "types of X", "2 elements of X", "steps to build a X", "X attributes", "Dwyer's 5 phases of X".
    private mutating func listHeading(_ words: ArraySlice<Token>, count: Int?, countWord: String?) -> ListHeading? {
        // Group word near the start, followed by a preposition.
        for index in words.indices.prefix(4) where Lexicon.groupWords.contains(words[index].lower) {
            guard index + 1 < words.endIndex,
                ["of", "in", "to", "for", "within"].contains(words[index + 1].lower)
            else { continue }
            let before = words[..<index]
            guard
                before.allSatisfy({
                    $0.isNumber || Lexicon.rankingAdjectives.contains($0.lower)
                        || Lexicon.functionWords.contains($0.lower) || $0.text.first?.isUppercase == true
                })
            else { continue }
            var rest = words[(index + 2)...]
            if words[index + 1].lower == "to", let verb = rest.first, Lexicon.leadingVerbs.contains(verb.lower) {
                rest = rest.dropFirst()  // "steps to build a X"
            }
            while let token = rest.first,
                Lexicon.rankingAdjectives.contains(token.lower)
                    || Lexicon.functionWords.contains(token.lower)
            { rest = rest.dropFirst() }
            let parentWords = trimmedAtPreposition(rest)
            let nodeWords = words[index...].prefix(upTo: parentWords.endIndex)
            guard let node = normalizer.name(nodeWords) else { return nil }
            let parent = normalizer.name(parentWords)
            let number = before.first(where: \.isNumber).flatMap { Int($0.text) } ?? count
            // "examples of free goods": the card asks for members of X; the question's scaffolding is no
            // concept of its own, so X heads the list.
            if ["example", "examples"].contains(words[index].lower), let parent {
                return ListHeading(node: parent, parent: nil, kindHead: nil, expectedCount: number)
            }
            let kinds = Lexicon.kindWords.contains(words[index].lower)
            return ListHeading(
                node: node, parent: parent, kindHead: kinds ? parent?.tokens.last : nil,
                expectedCount: number)
        }
        // Plural group word at the end: "relationship attributes", "CRM types" (a singular one is part
        // of a name: "normal form", "data type").
        if words.count >= 2, let last = words.last, Lexicon.groupWords.contains(last.lower), last.lower.hasSuffix("s") {
            var rest = words.dropLast()
            while let token = rest.first, Lexicon.rankingAdjectives.contains(token.lower) || token.isNumber {
                rest = rest.dropFirst()
            }
            // "CPU has what components", "instructions can have steps" are questions, not headings.
            guard
                !rest.contains(where: {
                    Lexicon.copulas.contains($0.lower) || Lexicon.questionOpeners.contains($0.lower)
                        || Lexicon.leadingVerbs.contains($0.lower)
                }),
                !rest.isEmpty, let node = normalizer.name(rest + [last])
            else { return nil }
            let parent = normalizer.name(rest)
            let kinds = Lexicon.kindWords.contains(last.lower)
            return ListHeading(
                node: node, parent: parent, kindHead: kinds ? parent?.tokens.last : nil,
                expectedCount: count)
        }
        return nil
    }
}
