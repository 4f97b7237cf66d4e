import DeckReading
import Language
import ParallelWork

/// Turns cards into concepts and relations.
///
/// One concept per idea: every card's subject (question scaffolding removed), the items of lists its
/// answer gives, and short forms with their expansions; names are folded (case, punctuation,
/// joined forms, abbreviations, typos, Porter2 stems) so the same idea from two decks is one concept.
/// Relations: `broader` from list headings, name extension ("operational CRM" under "CRM") and
/// "X is a Y"; `requires` when a card's text uses another concept; `related` for concepts used
/// together on several cards.
///
/// - Complexity: linear in the total length of the cards (every text is matched in one pass over
///   its words against a trie of all names); no step loops over all concepts per card.
public struct ConceptExtractor: Sendable {
    /// Concepts co-mentioned on at least this many cards get a `related` relation.
    public var relatedThreshold: Int
    /// Co-mentions counted per card at most (keeps `related` linear on long answers).
    public var mentionsPerCardForRelated: Int
    /// A phrase of content words used on at least this many cards becomes a concept of its own.
    public var sharedTermCards: Int
    /// The fewest cards a core is given when per-card work is shared out between the cores (below twice
    /// this, one core does it all). The graph is the same whatever the value: tests set it low to check.
    public var cardsPerCore = 2_000

    /// The English lexicon (WordNet) the readers tag words with.
    public var lexicon: EnglishLexicon

    /// An extractor reading English with `lexicon`.
    public init(
        lexicon: EnglishLexicon, relatedThreshold: Int = 2, mentionsPerCardForRelated: Int = 12,
        sharedTermCards: Int = 3
    ) {
        self.lexicon = lexicon
        self.relatedThreshold = relatedThreshold
        self.mentionsPerCardForRelated = mentionsPerCardForRelated
        self.sharedTermCards = sharedTermCards
    }

    /// An extractor with the system's lexicon (`sharedLexicon`). Check `sharedLexicon` first where a
    /// missing lexicon must be reported: this initialiser stops the process with the install hint.
    public init() {
        switch Self.sharedLexicon {
        case .success(let lexicon): self.init(lexicon: lexicon)
        case .failure(let error): fatalError(error.description)
        }
    }

    /// The system's English lexicon, loaded once per process.
    public static let sharedLexicon: Result<EnglishLexicon, LexiconError> = {
        do throws(LexiconError) {
            return .success(try EnglishLexicon.system())
        } catch {
            return .failure(error)
        }
    }()

    /// Extracts the concept graph of `decks`, in deck order.
    public func extract(from decks: [Deck]) -> ConceptGraph {
        var run = ExtractionRun(cards: decks.flatMap(\.cards), options: self)
        return run.extract()
    }
}

/// The state of one extraction: cards, their tokens, the registry of names, structural relations.
struct ExtractionRun {
    let cards: [Card]
    let options: ConceptExtractor
    var normalizer: Normalizer
    var registry = ConceptRegistry()
    var frontTokens: [[Token]] = []
    var backTokens: [[Token]]
    var readings: [FrontReading] = []
    /// Items found in each card's answer, with the concept each became.
    var items: [[(item: AnswerItem, concept: Int)]] = []
    /// Structural relations (list headings, list items), by registry entry.
    var structural: [DraftRelation] = []
    /// Concepts that name a class without a card of their own: head-noun and genus hubs, tags,
    /// classes of identification questions.
    var hubs = Set<Int>()
    /// For cards whose front names no subject: the first concept it mentions.
    var involvedPrimary: [Int: Int] = [:]
    /// WordNet spellings of each concept's names (`names(_:word:)`), worked out once per concept.
    var wordNetForms: [Int: [String]] = [:]
    /// Cards headed by an outline ("Assessment Template"): no subject, and none made from their front.
    var outlineCards = Set<Int>()
    /// Cards whose front names a plural subject and whose answer lists three or more members of it.
    var pluralListCards = Set<Int>()

    init(cards: [Card], options: ConceptExtractor) {
        self.cards = cards
        self.options = options
        // Cards are tokenized, and answers tagged, on all cores, in card order (see `readFronts`).
        let parts = Parallel.ranges(of: cards.count, minimumLength: options.cardsPerCore)
        let tokenized = Parallel.map(parts.count) { [cards] part in
            parts[part].map { (front: Tokenizer.tokens(cards[$0].front), back: Tokenizer.tokens(cards[$0].back)) }
        }
        let fronts = tokenized.flatMap { $0.map(\.front) }
        let backs = tokenized.flatMap { $0.map(\.back) }
        let normalizer = Normalizer(tokenLists: fronts + backs, lexicon: options.lexicon)
        let tagged = Parallel.map(parts.count) { [backs] part in
            var normalizer = normalizer
            let tagged = parts[part].map { normalizer.tagged(backs[$0]) }
            return (tagged: tagged, normalizer: normalizer)
        }
        self.backTokens = tagged.flatMap(\.tagged)
        self.normalizer = tagged[tagged.count - 1].normalizer
    }

    mutating func extract() -> ConceptGraph {
        readFronts()
        readTags()
        readAnswers()
        registerSharedTerms()
        registerHubs()
        resolveInvolvedQuestions()
        registry.compress()
        return assemble()
    }

    // MARK: - Subjects

    /// Registers every card's subject(s), list headings and short forms.
    mutating func readFronts() {
        // Each front is read on its own: the cores share the cards out, each with its own copy of the
        // normalizer (whose caches only remember answers, so a copy answers alike), and the readings
        // come back in card order.
        let parts = Parallel.ranges(of: cards.count, minimumLength: options.cardsPerCore)
        let parsed = Parallel.map(parts.count) { [cards, normalizer] part in
            var parser = FrontParser(normalizer: normalizer)
            let readings = parts[part].map { parser.read(cards[$0].front, back: cards[$0].back) }
            return (readings: readings, normalizer: parser.normalizer)
        }
        readings = parsed.flatMap(\.readings)
        frontTokens = readings.map(\.tokens)
        normalizer = parsed[parsed.count - 1].normalizer
        for index in readings.indices {
            if let thing = measuredThing(index) { readings[index].subjects = [thing] }
        }
        skipSectionLabels()
        skipScaffolding()
        for index in cards.indices {
            let reading = readings[index]
            for subject in reading.subjects {
                let id = registry.add(subject, card: index)
                if let alias = reading.parentheticalAlias { registry.addAlias(alias, of: id) }
                for alias in reading.answerAliases { registry.addAlias(alias, of: id) }
                if let identified = reading.identifiedClass {
                    let classID = registry.add(identified.name)
                    hubs.insert(classID)
                    structural.append(
                        DraftRelation(
                            source: classID, target: id, kind: .broader, card: index,
                            evidence: "\(place(index)) \"\(identified.quote)\" answered \"\(subject.surface)\""))
                }
                if reading.answerIsAlias, let alias = normalizer.name(backTokens[index][...]) {
                    registry.addAlias(alias, of: id)
                }
                registerShortForms(of: subject, concept: id, card: index)
            }
            if let place = reading.placeAnswer, !place.isScaffolding { registry.add(place) }
            // A heading path is a hierarchy: each heading is broader than the next, the last than the subject.
            var outer: Int?
            for heading in reading.headingPath {
                let id = registry.add(heading)
                if let outer { structural.append(headingRelation(outer, id, card: index)) }
                outer = id
            }
            if let outer, let subject = reading.subjects.first, let id = registry.lookup(subject) {
                structural.append(headingRelation(outer, id, card: index))
            }
            if let list = reading.list, let parent = list.parent, parent.key != list.node.key, !parent.isScaffolding {
                let parentID = registry.add(parent)
                let nodeID = registry.lookup(list.node) ?? registry.add(list.node)
                structural.append(
                    DraftRelation(
                        source: parentID, target: nodeID, kind: .broader, card: index,
                        evidence: "\(place(index)) \"\(cards[index].front)\" divides \"\(parent.surface)\""))
            }
        }
    }

    /// In notes organised by headings, a heading found under two or more different parents
    /// ("Assessment", "Management", "Overview" under each disorder) is a section label, not an idea:
    /// it is dropped from the path, and a card headed by one is about its nearest real heading. So is a
    /// sub-heading that is one framing noun ("Features", "Aims", "Overview" under a topic): the features
    /// it lists are the topic's.
    mutating func skipSectionLabels() {
        var parents: [String: Set<String>] = [:]
        var framing = Set<String>()
        for reading in readings where !reading.headingPath.isEmpty {
            let path = reading.headingPath + reading.subjects.prefix(1)
            for index in path.indices.dropFirst() {
                parents[path[index].key, default: []].insert(path[index - 1].key)
                if path[index].count == 1, Lexicon.framingNouns.contains(path[index].tokens[0].lower) {
                    framing.insert(path[index].key)
                }
            }
        }
        let labels = Set(parents.filter { $0.value.count >= 2 }.keys).union(framing)
        guard !labels.isEmpty else { return }
        for index in readings.indices where !readings[index].headingPath.isEmpty {
            let path = (readings[index].headingPath + readings[index].subjects.prefix(1)).filter {
                !labels.contains($0.key)
            }
            guard let subject = path.last else { continue }
            // A label in place of the subject names what the answer says of the subject; unless it is a
            // word for its kinds or members ("### Types", "### Examples"), the answer lists aspects.
            if let label = readings[index].subjects.first, labels.contains(label.key),
                !label.tokens.contains(where: { Lexicon.kindWords.contains($0.lower) || $0.lower.hasPrefix("example") })
            {
                readings[index].aspectSection = label
            }
            readings[index].subjects = [subject]
            readings[index].headingPath = Array(path.dropLast())
        }
    }

    /// Names of a deck's or a course's parts ("Exercise", "Key Terms", "examples", "chapter") are no
    /// subjects or headings. A heading whose head is an outline noun ("Assessment Template", "Risk Factors
    /// Checklist") heads a writing aid: the card names no subject and its bullets are no concepts; it
    /// goes to the concepts it mentions.
    mutating func skipScaffolding() {
        for index in readings.indices {
            let reading = readings[index]
            let outline = (reading.headingPath + reading.subjects).contains { name in
                name.tokens.last.map { Lexicon.outlineHeads.contains($0.lower) } == true
            }
            if outline {
                outlineCards.insert(index)
                readings[index].subjects = []
                readings[index].headingPath = []
                readings[index].list = nil
                continue
            }
            readings[index].headingPath.removeAll { $0.isScaffolding }
            if reading.subjects.contains(where: \.isScaffolding) {
                readings[index].subjects.removeAll { $0.isScaffolding }
                if reading.list.map({ $0.node.isScaffolding }) == true { readings[index].list = nil }
            }
        }
    }

    /// Card tags name the teacher's topics ("semiconductor-memory", "method-of-accessing",
    /// "Psychiatry::Emergencies"): a tag on two cards or more is a concept, and tag B is narrower than
    /// tag A when every card tagged B is also tagged A and A has more cards (subsumption), nearest
    /// such A only. Anki's own marks ("leech", "marked") and tags on every card say nothing.
    ///
    /// - Complexity: O(total tags × tags per card) set look-ups.
    mutating func readTags() {
        var tagCards: [String: Set<Int>] = [:]
        var firstCard: [String: Int] = [:]
        var order: [String] = []
        var cardTags = [[String]](repeating: [], count: cards.count)
        for (index, card) in cards.enumerated() {
            for raw in card.tags {
                // "a::b::c" is a path: each prefix is a tag of its own.
                let parts = raw.components(separatedBy: "::").filter { !$0.isEmpty }
                for end in parts.indices {
                    let tag = parts[...end].joined(separator: "::")
                    guard !cardTags[index].contains(tag) else { continue }
                    cardTags[index].append(tag)
                    if tagCards[tag] == nil {
                        order.append(tag)
                        firstCard[tag] = index
                    }
                    tagCards[tag, default: []].insert(index)
                }
            }
        }
        guard !order.isEmpty else { return }
        let taggedCards = cardTags.filter { !$0.isEmpty }.count
        let parentsOfPaths = Set(
            order.compactMap { path in path.range(of: "::", options: .backwards).map { String(path[..<$0.lowerBound]) }
            })
        var conceptOfTag: [String: Int] = [:]
        for tag in order {
            // A tag on half the cards or more labels the deck, not a topic ("UG" on every note); so does the
            // root of the tag tree that holds nearly every tagged card, the author's namespace
            // ("AnubisAnki::Trivia", "AnubisAnki::Numbers" on a deck where few cards are tagged).
            guard let count = tagCards[tag]?.count, count >= 2, count * 2 <= cards.count,
                !["leech", "marked", "tags"].contains(tag.lowercased()),
                tag.containsText("::") || !parentsOfPaths.contains(tag) || count * 10 < taggedCards * 9,
                !Self.isNumberedUnitTag(tag)
            else { continue }
            guard let name = normalizer.name(normalizer.tokens(Self.tagText(tag))[...]), name.count <= 5,
                !name.isScaffolding,
                !latinDecks || name.tokens.allSatisfy({ Self.isLatinScript($0.text) })
            else { continue }
            conceptOfTag[tag] = registry.add(name)
            hubs.insert(conceptOfTag[tag]!)
        }
        for tag in order {
            guard let child = conceptOfTag[tag], let members = tagCards[tag], let first = firstCard[tag] else {
                continue
            }
            var best: (tag: String, count: Int)?
            // Two tags side by side in the author's tree ("UG::Sovereign_State", "UG::North_America") are
            // facets of the notes: that one holds the other's cards says nothing of their ideas.
            func parentPath(_ path: String) -> Substring? {
                path.range(of: "::", options: .backwards).map { path[..<$0.lowerBound] }
            }
            // (Unless the one names the other inside its name: "UG::Southeast_Asia" under "UG::Asia".)
            func words(_ path: String) -> String { " " + Self.tagText(path).lowercased() + " " }
            for other in cardTags[first]
            where other != tag
                && (parentPath(tag) == nil || parentPath(other) != parentPath(tag)
                    || words(tag).contains(words(other)))
            {
                guard conceptOfTag[other] != nil, let otherCards = tagCards[other], otherCards.count > members.count,
                    best.map({ otherCards.count < $0.count }) ?? true, members.isSubset(of: otherCards)
                else { continue }
                best = (other, otherCards.count)
            }
            if let best, let parent = conceptOfTag[best.tag], registry.find(parent) != registry.find(child) {
                structural.append(
                    DraftRelation(
                        source: parent, target: child, kind: .broader, card: first,
                        evidence: "\(place(first)) every card tagged \"\(tag)\" is tagged \"\(best.tag)\""))
            }
        }
    }

    /// The words of a tag path's last part. Tags cannot hold spaces: their hyphens and underscores
    /// stand for them ("interleaved-memory"), and a "+" between two words for "and"
    /// ("North+Central_America"; "C++" keeps its pluses); so does a capital that starts a word inside
    /// camel case ("CirculatorySystem", "EMSpectrum" → "EM Spectrum"; "mRNA", "pH", "iPhone" and
    /// "ATPase" stay whole).
    static func tagText(_ path: String) -> String {
        let last = Array(path.components(separatedBy: "::").last ?? path)
        var text = ""
        var smallRun = 0
        for (index, character) in last.enumerated() {
            let next = index + 1 < last.count ? last[index + 1] : nil
            switch character {
            case "_", "-": text.append(" ")
            case "+":
                if index > 0, last[index - 1].isLetter, next?.isLetter == true {
                    text += " and "
                } else {
                    text.append("+")
                }
            default:
                if character.isUppercase, index > 0 {
                    let smallAfter = last[(index + 1)...].prefix(while: \.isLowercase).count
                    // "CirculatorySystem" (after two small letters); "EMSpectrum" (the last capital of a
                    // run, a word of four small letters after it; "ATPase" stays whole).
                    if smallRun >= 2 || last[index - 1].isUppercase && smallAfter >= 4 { text.append(" ") }
                }
                text.append(character)
            }
            smallRun = character.isLowercase ? smallRun + 1 : 0
        }
        return text
    }

    /// "Lecture1", "Module4", "week_12", "CSCI50.01": a tag whose last part is a word of four letters or more
    /// followed by a number numbers a unit of a course, the author's filing, no idea of the cards ("CO2",
    /// "B12", "Type 2 diabetes" are ideas).
    static func isNumberedUnitTag(_ path: String) -> Bool {
        let words = tagText(path).split(whereSeparator: { $0 == " " || $0 == "." })
        guard let lastWord = words.last, lastWord.last?.isNumber == true else { return false }
        let letters = lastWord.prefix { $0.isLetter }
        let digits = lastWord.dropFirst(letters.count)
        if letters.count >= 4, digits.allSatisfy(\.isNumber) { return true }
        // "week 12", "CSCI50 01": a number alone after such a word, the tag's only other word.
        guard letters.isEmpty, words.count == 2, digits.allSatisfy(\.isNumber) else { return false }
        let beforeLetters = words[0].prefix { $0.isLetter }
        return beforeLetters.count >= 4 && words[0].dropFirst(beforeLetters.count).allSatisfy(\.isNumber)
    }

    private func headingRelation(_ outer: Int, _ inner: Int, card: Int) -> DraftRelation {
        DraftRelation(
            source: outer, target: inner, kind: .broader, card: card,
            evidence:
                "\(place(card)) heading path of \"\(cards[card].front.split(whereSeparator: \.isNewline).last ?? "")\"")
    }

    /// "KAM" answered "Key account Management - …", or "critical success factors" with "CSF" in the
    /// answer: a short form and its expansion are one concept.
    mutating func registerShortForms(of subject: NameForm, concept: Int, card: Int) {
        let back = backTokens[card]
        guard readings[card].subjects.count == 1 else { return }
        if subject.count == 1, normalizer.isAcronym(subject.tokens[0]) {
            let letters = Array(subject.tokens[0].lower.unicodeScalars.filter { $0.properties.isAlphabetic })
            if let range = expansion(of: letters, in: back), let name = normalizer.name(back[range]) {
                registry.addAlias(name, of: concept)
            }
        } else if subject.count >= 2 {
            let initials = initialLetters(of: subject.tokens[...])
            guard initials.contains(where: { $0.count >= 2 }) else { return }
            for token in back where normalizer.isAcronym(token) {
                let letters = String(
                    String.UnicodeScalarView(token.lower.unicodeScalars.filter { $0.properties.isAlphabetic }))
                if initials.contains(letters), let name = normalizer.name([token][...]) {
                    registry.addAlias(name, of: concept)
                    break
                }
            }
        }
    }

    /// Where in `tokens` words start with `letters` in turn (function words skipped after the first),
    /// e.g. "Software as a Service" for S-S, "Customer life-time value" for C-L-V.
    func expansion(of letters: [Unicode.Scalar], in tokens: [Token]) -> Range<Int>? {
        guard letters.count >= 2, tokens.count >= 2 else { return nil }
        // An expansion opens the answer or one of its first sentences ("-Measure loyalty. Recency, …").
        var sentences = 0
        for start in tokens.indices {
            if start > 0 && tokens[start].gap == .boundary { sentences += 1 }
            if sentences > 2 { break }
            guard start == 0 || tokens[start].gap == .boundary,
                tokens[start].lower.unicodeScalars.first == letters[0]
            else { continue }
            for joinCompounds in [true, false] {
                var matched = 0
                var index = start
                while index < tokens.count, matched < letters.count {
                    let token = tokens[index]
                    if joinCompounds && index > start && token.gap == .joiner {
                        index += 1
                        continue
                    }
                    if index > start && Lexicon.functionWords.contains(token.lower)
                        && token.lower.unicodeScalars.first != letters[matched]
                    {
                        index += 1
                        continue
                    }
                    guard token.lower.unicodeScalars.first == letters[matched] else { break }
                    matched += 1
                    index += 1
                }
                if matched == letters.count { return start..<index }
            }
        }
        return nil
    }

    /// Initials of a phrase's words, skipping function words; with and without the parts of
    /// hyphenated compounds ("life-time" gives "l" or "lt").
    func initialLetters(of tokens: ArraySlice<Token>) -> Set<String> {
        var joined = ""
        var split = ""
        for token in tokens where !Lexicon.functionWords.contains(token.lower) {
            guard let first = token.lower.first else { continue }
            split.append(first)
            if token.gap != .joiner || joined.isEmpty { joined.append(first) }
        }
        return [joined, split]
    }

    // MARK: - Lists in answers

    /// The thing a numeric fact card measures: "Liver weight → 1.2-1.5 kg", "Ribosome size → 15-20 nm",
    /// "Mycoplasma length → 0.3 μm" state an attribute of a thing one can point at (see
    /// `Normalizer.namesAttribute`); the card is about the liver, and "Liver weight" names no idea of its
    /// own. The answer must open with a number ("Breathing rate", an act, and "Atomic number", an
    /// adjective's kind, stay as they are).
    mutating func measuredThing(_ index: Int) -> NameForm? {
        let reading = readings[index]
        guard reading.subjects.count == 1, reading.list == nil, reading.identifiedClass == nil,
            let subject = reading.subjects.first, subject.count >= 2,
            let first = cards[index].back.first(where: { !$0.isWhitespace }), first.isNumber,
            normalizer.namesAttribute(subject.tokens, head: (subject.count - 1)..<subject.count)
        else { return nil }
        return normalizer.name(subject.tokens.dropLast())
    }

    /// Registers the items of lists in answers, under the card's list heading or subject.
    /// An item that recurs under three or more different cards without a card of its own
    /// ("Management", "Assessment" in every topic of a template deck) is a section label, not a concept.
    mutating func readAnswers() {
        items = Array(repeating: [], count: cards.count)
        var candidates: [(card: Int, owner: Int, item: AnswerItem, name: NameForm, heading: ListHeading?)] = []
        for index in cards.indices {
            let reading = readings[index]
            let heading = reading.list
            // A comparison ("X vs Y") answers about each side: its lists belong to no one subject.
            guard heading != nil || reading.subjects.count == 1 else { continue }
            let pluralList = heading == nil && asksForPluralSubject(index)
            let found = AnswerParser.items(
                in: cards[index].back, expectedCount: heading?.expectedCount, underHeading: heading != nil || pluralList
            )
            if pluralList, found.count >= 3 { pluralListCards.insert(index) }
            guard !found.isEmpty else { continue }
            let owner =
                heading.map { registry.lookup($0.node) ?? registry.add($0.node) }
                ?? registry.lookup(reading.subjects[0])!
            for item in found {
                guard heading != nil || !pluralList || pluralListCards.contains(index),
                    let name = itemName(item, heading: heading, listed: pluralList)
                else { continue }
                candidates.append((index, owner, item, name, heading))
            }
        }
        var owners: [String: Set<Int>] = [:]
        for candidate in candidates { owners[candidate.name.key, default: []].insert(registry.find(candidate.owner)) }
        for (index, owner, item, name, heading) in candidates {
            let hasCard = registry.lookup(name).map { !registry.cards[$0].isEmpty } ?? false
            guard hasCard || heading != nil || (owners[name.key]?.count ?? 0) < 3 else { continue }
            let id = registry.add(name)
            // An item naming the list itself or what the list divides ("ROM" among the types of ROM) is no child.
            guard registry.find(id) != registry.find(owner),
                heading?.parent.flatMap({ registry.lookup($0) }).map({ registry.find($0) != registry.find(id) }) ?? true
            else { continue }
            items[index].append((item, id))
            // Under an aspect section ("### Features") the items are the subject's features or measures:
            // associated with it, no kinds of it.
            if heading == nil, let aspect = readings[index].aspectSection {
                structural.append(
                    DraftRelation(
                        source: owner, target: id, kind: .related, card: index,
                        evidence:
                            "\(place(index)) \"\(aspect.surface)\" of \"\(cards[index].front)\" lists \"\(item.label)\""
                    ))
                continue
            }
            let how = heading != nil ? "lists" : "lists under it"
            structural.append(
                DraftRelation(
                    source: owner, target: id, kind: .broader, card: index,
                    evidence: "\(place(index)) \"\(cards[index].front)\" \(how) \"\(item.label)\""))
        }
    }

    /// The concept name an item stands for, or nil for an item that is an action or a sentence.
    /// Whether the front only names a plural subject ("single-operand instructions?", "Primary colours"),
    /// so a one-line comma list answering it ("absolute, negate, increment") lists its members.
    mutating func asksForPluralSubject(_ index: Int) -> Bool {
        let reading = readings[index]
        guard reading.subjects.count == 1, reading.list == nil, reading.headingPath.isEmpty, !reading.isReversed,
            !cards[index].back.contains(where: \.isNewline),
            // The head: the last word before a preposition ("states of matter").
            let last = reading.subjects[0].tokens.prefix(while: { !Lexicon.prepositions.contains($0.lower) }).last,
            last.tag == .noun, !last.isAcronym,
            let lemma = normalizer.tagger.lexicon.info(last.lower).nounLemma, lemma != last.lower,
            // Not a cloze, a definition prompt ("Exports: [Definition]") or a proper name ("Faroe Islands"),
            // and an answer of bare names: no explanation in brackets or after a colon.
            !cards[index].front.contains(where: { "[(_".contains($0) }),
            !cards[index].back.contains(where: { "([:".contains($0) }),
            !normalizer.isProperName(reading.subjects[0])
        else { return false }
        // Short items only ("absolute, negate, increment decrement"), none opening with a verb form.
        let parts = cards[index].back.split(separator: ",").map { $0.split(separator: " ") }
        guard parts.count >= 2,
            parts.allSatisfy({ words in
                words.count <= 3
                    && !(words.first.map { $0.hasSuffix("ed") && $0.first?.isLowercase == true } ?? true)
            })
        else { return false }
        let rest = reading.tokens.filter {
            !Lexicon.definitionQuestionWords.contains($0.lower) && $0.tag != .determiner
        }
        return rest.count <= reading.subjects[0].tokens.count(where: { $0.tag != .determiner })
    }

    mutating func itemName(_ item: AnswerItem, heading: ListHeading?, listed: Bool = false) -> NameForm? {
        var label = Substring(item.label)
        // The name ends where its explanation starts: ":", " - ", "(", "=", " is ", " are ".
        for stop in [":", " - ", " – ", "(", "=", " is ", " are ", " refers "] {
            if let range = label.range(of: stop), range.lowerBound > label.startIndex {
                label = label[..<range.lowerBound]
            }
        }
        var tokens = normalizer.tokens(String(label))
        // A sentence about the topic is no item: its subject opens with an article or a quantifier ("Each
        // part is shifted by one column", "The result is added …"), or it opens with a likeness ("Very
        // similar to long division").
        let opensSentence =
            label.endIndex < item.label.endIndex
            && ["the", "each", "every", "this", "these", "a", "an"].contains(tokens.first?.lower ?? "")
        let likeness = tokens.prefix(3).indices.contains { index in
            index + 1 < tokens.count && ["similar", "equal", "identical", "related"].contains(tokens[index].lower)
                && ["to", "with"].contains(tokens[index + 1].lower)
        }
        if opensSentence || likeness { return nil }
        // "… Value Proposition CRM Strategy: …": the label is the longest known ending, else it starts at
        // the last known concept's word ("… Knowledge Management CRM Information"), else its last two words.
        if item.labelMayRunOn, tokens.count > 2 {
            if let known = longestKnownEnding(tokens) {
                tokens = Array(tokens[known...])
            } else if let start = tokens.indices.dropFirst().last(where: { isKnownWord(tokens[$0]) }) {
                tokens = Array(tokens[start...])
            } else {
                tokens = Array(tokens.suffix(2))
            }
        }
        guard let first = tokens.first, tokens.count <= 5,
            !Lexicon.leadingVerbs.contains(first.lower) || normalizer.isAcronym(first),
            !tokens.contains(where: { $0.gap == .boundary }),
            // A number, dose or measurement ("Olanzapine 5-10mg") is a detail, not a concept.
            !tokens.contains(where: { $0.isNumber || ($0.text.first?.isNumber == true && !normalizer.isAcronym($0)) })
        else { return nil }
        if !item.marked && heading == nil && !listed { return nil }
        if let name = normalizer.name(tokens[...]), name.isScaffolding { return nil }
        // A condition or a negated criterion ("If above fails: …", "Not able to play quietly") is no name.
        if Lexicon.clauseOpeners.contains(first.lower) { return nil }
        // A bullet of notes that is only a modifier ("Substance-induced", "Mentally ill", "Organic") says
        // something of its heading; it names no idea (under a list of kinds it takes the kind's head).
        if heading == nil, !listed, let last = tokens.last, !normalizer.isAcronym(last),
            last.tag == .adjective || (last.gap == .joiner && last.lower.hasSuffix("ed"))
        {
            return nil
        }
        // Nor does a bullet of English words none of which can be a noun or an adjective: an instruction
        // or a verb label ("Elicit: echopraxia …", "Clarify", "Summarising"). ("Pilot", "Counselling" can.)
        if heading == nil, !listed,
            tokens.allSatisfy({ token in
                let info = normalizer.tagger.lexicon.info(token.lower)
                return info.isOnlyVerbal && !normalizer.isAcronym(token)
                    && !token.lower.hasSuffix("ed")  // a participle modifies ("Phased" among installation methods)
            })
        {
            return nil
        }
        // Nor does a bullet that opens with a verb in its base form that can be nothing else: an
        // instruction ("Disclose any financial relationship", "Consult geriatrician or physician").
        if heading == nil, !listed, tokens.count >= 2, !normalizer.isAcronym(first), first.gap != .joiner,
            !first.lower.hasSuffix("ed"), !first.lower.hasSuffix("ing")
        {
            let info = normalizer.tagger.lexicon.info(first.lower)
            if info.isOnlyVerbal, info.closedClass == nil,
                normalizer.tagger.lexicon.wordNet.entry(first.lower, .verb) != nil
            {
                return nil
            }
        }
        // A lone modifier in a list of kinds ("Strategic", "Count-controlled") takes the head word.
        let words = tokens.filter { $0.gap != .joiner }.count
        if words == 1, let head = heading?.kindHead, let last = tokens.last,
            normalizer.fold(last) != normalizer.fold(head), !normalizer.isAcronym(tokens[0])
        {
            tokens.append(head)  // "Strategic" in "types of CRM" → "Strategic CRM"
            tokens[tokens.count - 1].gap = .space
        }
        return normalizer.name(tokens[...])
    }

    /// Whether a single word is itself a known concept's name ("CRM").
    mutating func isKnownWord(_ token: Token) -> Bool {
        guard let name = normalizer.name([token][...]) else { return false }
        return registry.lookup(name) != nil
    }

    /// Index from which the tokens end in a name already registered (longest such ending).
    mutating func longestKnownEnding(_ tokens: [Token]) -> Int? {
        for start in tokens.indices.dropFirst() {
            if let name = normalizer.name(tokens[start...]), name.count == tokens.count - start,
                registry.lookup(name) != nil
            {
                return start
            }
        }
        return nil
    }

    // MARK: - Terms several cards use

    /// Phrases of two or three content words (no function word, verb, number or punctuation inside)
    /// that at least `sharedTermCards` cards use become concepts ("customer service", "main memory"),
    /// the longest form when a shorter one is only ever part of it.
    ///
    /// - Complexity: linear in the cards' words; phrases are keyed by word numbers, not strings.
    mutating func registerSharedTerms() {
        var wordIDs: [String: Int32] = [:]
        var uses: [PhraseKey: PhraseUse] = [:]
        for card in cards.indices {
            for (inBack, tokens) in [(false, frontTokens[card]), (true, backTokens[card])] {
                var ids = [Int32](repeating: -1, count: tokens.count)
                for (index, token) in tokens.enumerated() where isContentWord(tokens, index) {
                    let fold = normalizer.fold(token)
                    ids[index] =
                        wordIDs[fold]
                        ?? {
                            let id = Int32(wordIDs.count)
                            wordIDs[fold] = id
                            return id
                        }()
                }
                for index in tokens.indices where ids[index] >= 0 {
                    // Seen as a noun phrase after an English determiner or preposition ("the small
                    // intestine"): keeps out runs of words from text in other languages.
                    let afterArticle =
                        index > 0 && tokens[index].gap != .boundary
                        && Lexicon.functionWords.contains(tokens[index - 1].lower)
                    // A lone noun that is a whole noun phrase ("the spores", "of mosses", "where
                    // fertilization occurs"): English knows it as a noun, no scaffolding word.
                    // (A whole noun phrase: nothing nominal before it either, "produces spores by …".)
                    // Not after a short capitalised abbreviation ("St. Louis", "Mt. Everest"): the word
                    // ends a longer name there.
                    let inLongerName =
                        index > 0 && tokens[index].text.first?.isUppercase == true
                        && tokens[index - 1].text.count <= 3 && tokens[index - 1].text.first?.isUppercase == true
                        && !normalizer.isAcronym(tokens[index - 1])
                    // Nor a capitalised word joined by "and" to another ("Trinidad and Tobago", "Turks and
                    // Caicos Islands"): a part of a longer proper name.
                    func capitalised(_ at: Int) -> Bool {
                        at >= 0 && at < tokens.count && tokens[at].text.first?.isUppercase == true
                    }
                    let inJoinedName =
                        capitalised(index)
                        && (index >= 2 && tokens[index - 1].lower == "and" && capitalised(index - 2)
                            || index + 2 < tokens.count && tokens[index + 1].lower == "and" && capitalised(index + 2))
                    let opensPhrase =
                        !inLongerName && !inJoinedName
                        && (afterArticle || index == 0 || tokens[index].gap == .boundary
                            || tokens[index - 1].tag == .verb)
                    if opensPhrase,
                        tokens[index].tag == .noun && isLoneNounPhrase(tokens, index)
                            || normalizer.isAcronym(tokens[index]) && tokens[index].text.count >= 2
                                && (index + 1 == tokens.count || !normalizer.isNominal(tokens, index + 1))
                    {
                        let key = PhraseKey(ids[index], -1, -1)
                        if var use = uses[key] {
                            if use.lastCard != card {
                                use.cards += 1
                                use.lastCard = card
                            }
                            uses[key] = use
                        } else {
                            uses[key] = PhraseUse(
                                cards: 1, lastCard: card, firstCard: card, inBack: inBack,
                                firstIndex: index, length: 1, afterArticle: true)
                        }
                    }
                    for length in 2...3 {
                        let last = index + length - 1
                        guard last < tokens.count, ids[last] >= 0, tokens[last].gap != .boundary,
                            tokens[last].gap != .joiner || tokens[last].joiner != "/"
                        else { break }
                        // A noun phrase does not hold an adverb ("typically expressed") nor close on a
                        // participle ("data needed").
                        if tokens[index...last].contains(where: { $0.lower.hasSuffix("ly") })
                            || tokens[last].lower.hasSuffix("ed") || tokens[last].tag == .adjective
                        {
                            continue
                        }
                        let key = PhraseKey(ids[index], ids[index + 1], length == 3 ? ids[last] : -1)
                        if var use = uses[key] {
                            if use.lastCard != card {
                                use.cards += 1
                                use.lastCard = card
                            }
                            use.afterArticle = use.afterArticle || afterArticle
                            uses[key] = use
                        } else {
                            uses[key] = PhraseUse(
                                cards: 1, lastCard: card, firstCard: card, inBack: inBack,
                                firstIndex: index, length: length, afterArticle: afterArticle)
                        }
                    }
                }
            }
        }
        let shared = uses.filter { $0.value.cards >= options.sharedTermCards && $0.value.afterArticle }
        guard !shared.isEmpty else { return }
        // Fragments of names already known ("customer touch" of "customer touch points") are no new idea.
        var fragments = Set<PhraseKey>()
        for id in 0..<registry.entryCount {
            for name in registry.names[id] where name.count > 2 {
                let ids = name.folds.map { wordIDs[$0] ?? -2 }
                fragments.insert(PhraseKey(ids[0], ids[1], -1))
                fragments.insert(PhraseKey(ids[ids.count - 2], ids[ids.count - 1], -1))
                if name.count > 3 {
                    fragments.insert(PhraseKey(ids[0], ids[1], ids[2]))
                    fragments.insert(PhraseKey(ids[ids.count - 3], ids[ids.count - 2], ids[ids.count - 1]))
                }
            }
        }
        // A two-word phrase only ever used inside a longer shared phrase ("memory block" in "main memory
        // block", as often) is that phrase's fragment: the most cards any longer phrase holding it has.
        var usesInLonger: [PhraseKey: Int] = [:]
        for (key, use) in shared where key.c >= 0 {
            for part in [PhraseKey(key.a, key.b, -1), PhraseKey(key.b, key.c, -1)] {
                usesInLonger[part] = max(usesInLonger[part] ?? 0, use.cards)
            }
        }
        // Register in first-use order (deterministic: a two- and a three-word phrase can start at the same
        // word, so the length breaks that tie; without it the dictionary's per-process order decided).
        let ordered = shared.filter { usesInLonger[$0.key] != $0.value.cards && !fragments.contains($0.key) }
            .map(\.value).sorted {
                ($0.firstCard, $0.inBack ? 1 : 0, $0.firstIndex, $0.length)
                    < ($1.firstCard, $1.inBack ? 1 : 0, $1.firstIndex, $1.length)
            }
        for use in ordered {
            let tokens = use.inBack ? backTokens[use.firstCard] : frontTokens[use.firstCard]
            guard let name = normalizer.name(tokens[use.firstIndex..<(use.firstIndex + use.length)]),
                name.count == use.length, registry.lookup(name) == nil, !name.isScaffolding,
                // In decks written in the Latin script, words in another script (a translation column's
                // words) are no term of the deck, however often they repeat.
                !latinDecks || name.tokens.allSatisfy({ Self.isLatinScript($0.text) })
            else { continue }
            registry.add(name)
        }
    }

    /// Whether the fronts are mostly written in the Latin script (counted over their letters, once): then
    /// tags and shared terms in another script come from translations, not from the deck's own terms.
    private lazy var latinDecks: Bool = {
        var latin = 0
        var other = 0
        for card in cards {
            for scalar in card.front.unicodeScalars {
                if scalar.isASCII {
                    // (Most letters are ASCII: no look-up of Unicode's properties for them.)
                    if (scalar.value | 0x20) >= 0x61 && (scalar.value | 0x20) <= 0x7A { latin += 1 }
                } else if scalar.properties.isAlphabetic {
                    if Self.isLatinScript(scalar) { latin += 1 } else { other += 1 }
                }
            }
        }
        return latin >= other
    }()

    /// Whether every letter of `word` is of the Latin script (with its accented letters: "Curaçao").
    static func isLatinScript(_ word: String) -> Bool {
        word.unicodeScalars.allSatisfy { !$0.properties.isAlphabetic || isLatinScript($0) }
    }

    /// Whether a letter is of the Latin script (Basic Latin to Latin Extended-B, Latin Extended Additional).
    static func isLatinScript(_ letter: Unicode.Scalar) -> Bool {
        letter.value < 0x250 || (0x1E00...0x1EFF).contains(letter.value)
    }

    /// Whether `tokens[index]` stands alone as a noun phrase: nothing nominal joined after it, a
    /// content noun of English that no card-writing scaffolding list names.
    private mutating func isLoneNounPhrase(_ tokens: [Token], _ index: Int) -> Bool {
        let token = tokens[index]
        guard
            index + 1 == tokens.count || tokens[index + 1].gap == .boundary || !normalizer.isNominal(tokens, index + 1),
            token.gap != .joiner, token.lower.count >= 4,
            !Lexicon.genericNouns.contains(token.lower), !Lexicon.groupWords.contains(token.lower),
            !Lexicon.framingNouns.contains(token.lower), !Lexicon.collectiveNouns.contains(token.lower),
            !token.lower.hasSuffix("ing"), normalizer.tagger.lexicon.wordNet.irregularBase(token.lower, .verb) == nil,
            let lemma = normalizer.tagger.lexicon.info(token.lower).nounLemma,
            !Lexicon.genericNouns.contains(lemma), !normalizer.tagger.lexicon.isAbstractNoun(lemma)
        else { return false }
        // A word English uses mostly as an adjective ("right", "common", "equal") is no lone noun.
        let counts = normalizer.tagger.lexicon.info(token.lower).taggedCounts
        return counts[WordClass.adjective.rawValue] < max(1, counts[WordClass.noun.rawValue])
    }

    /// A word that can be part of a concept's name: no function word, verb, question word, pronoun or count.
    private func isContentWord(_ tokens: [Token], _ index: Int) -> Bool {
        let token = tokens[index]
        return normalizer.isNominal(tokens, index) && !token.isNumber && !Lexicon.functionWords.contains(token.lower)
            && !Lexicon.leadingVerbs.contains(token.lower)
            && !Lexicon.questionOpeners.contains(token.lower) && !Lexicon.thirdPersonVerbs.contains(token.lower)
            && !Lexicon.pronouns.contains(token.lower) && Lexicon.numberWords[token.lower] == nil
            && token.lower != "one" && token.lower.count > 1
    }

    // MARK: - Hubs

    /// Head-noun hubs: names that share a head ("primary key", "foreign key"; "first normal form",
    /// "second normal form"; "Memory Address Register", "Current Instruction Register") imply the
    /// head concept ("key", "normal form", "register") even when no card defines it; so does a noun
    /// that two definitions give as their genus ("Calyx: the outermost whorl …", "Corolla: the whorl …").
    /// Name extension then files each name under its hub.
    ///
    /// - Complexity: linear in the names and definitions; heads are counted in hash tables.
    mutating func registerHubs() {
        // Head phrases (last one or two words) of every name, counted once per concept.
        var heads: [String: (count: Int, concept: Int, name: NameForm)] = [:]
        var order: [String] = []
        for id in 0..<registry.entryCount where registry.find(id) == id {
            var seen = Set<String>()
            for name in registry.names[id] where name.count >= 2 && name.count <= 5 {
                guard let last = name.tokens.last, last.tag == .noun || last.tag == .name,
                    !name.tokens.contains(where: { Lexicon.prepositions.contains($0.lower) })
                else { continue }
                for length in 1...min(2, name.count - 1) {
                    let words = name.tokens.suffix(length)
                    // A head phrase starts on a word, not inside a hyphenated compound.
                    guard words.first?.gap != .joiner, let head = normalizer.name(words[...]), head.count == length,
                        seen.insert(head.key).inserted
                    else { continue }
                    if heads[head.key] == nil { order.append(head.key) }
                    heads[head.key, default: (0, id, head)].count += 1
                }
            }
        }
        // Genus nouns of definitions, counted once per card (a bare name as the answer counts too: a
        // capital named on two cards is a concept, though a proper name).
        var fromAnswers = Set<String>()
        var confirmedGenus = Set<String>()
        var sameGenus: [String: NameForm] = [:]
        var differentGenus = Set<String>()
        for index in cards.indices where readings[index].subjects.count == 1 && readings[index].list == nil {
            guard let genus = genusPhrase(in: backTokens[index]), let last = genus.last,
                let head = normalizer.name([last][...]), !Lexicon.genericNouns.contains(last.lower)
            else { continue }
            // A proper name of several words ("Trinidad und Tobago", "Port-Vila") has no head of its own.
            // (Names in two languages, "Trombose / Thrombosis", are no one name.)
            if genus.count >= 2, !genus.contains(where: { $0.gap == .joiner && $0.joiner == "/" }),
                let whole = normalizer.name(genus), normalizer.isProperName(whole)
            {
                continue
            }
            // Nor do capitalised words joined by a short lower-case word of another language ("Trinidad und
            // Tobago", "Trinidad y Tobago"): a proper name in that language. (English "and/or" lists of
            // title-case terms, "Fixed Cost or Sunk Cost", keep their head.)
            if genus.count >= 3, genus.first?.text.first?.isUppercase == true, last.text.first?.isUppercase == true,
                genus.allSatisfy({
                    $0.text.first?.isUppercase == true
                        || ($0.text.count <= 3 && $0.text.allSatisfy(\.isLowercase)
                            && !Lexicon.functionWords.contains($0.lower))
                }),
                genus.contains(where: { $0.text.first?.isUppercase != true })
            {
                continue
            }
            if heads[head.key] == nil { order.append(head.key) }
            heads[head.key, default: (0, index, head)].count += 1
            fromAnswers.insert(head.key)
            // One definition suffices when WordNet files the subject under the genus too ("Panicle: a
            // much-branched inflorescence", and WordNet's panicle is an inflorescence).
            // (Asked at a head's first definition only: a second one makes it a hub anyway.)
            if heads[head.key]?.count == 1, lexiconConfirms(genus: last, of: readings[index].subjects[0]) {
                confirmedGenus.insert(head.key)
            }
            // The whole genus, while every definition giving this head gives the same one.
            // (Two or three words of English: a run of words in another language is no genus.)
            if let whole = normalizer.name(genus), (2...3).contains(whole.count), whole.count == genus.count,
                !genus.contains(where: { $0.gap == .joiner && $0.joiner == "/" }),
                genus.allSatisfy({ normalizer.isAcronym($0) || normalizer.tagger.lexicon.info($0.lower).isEnglish })
            {
                if sameGenus[head.key] == nil, heads[head.key]?.count == 1 {
                    sameGenus[head.key] = whole
                } else if sameGenus[head.key]?.key != whole.key {
                    sameGenus[head.key] = nil
                    differentGenus.insert(head.key)
                }
            } else {
                differentGenus.insert(head.key)
            }
        }
        // A head that every definition gives inside one and the same longer genus ("Autonomous community of
        // Spain" twice) names that genus: the hub is "autonomous community", not "community".
        for (key, whole) in sameGenus where !differentGenus.contains(key) {
            heads[key]?.name = whole
        }
        // Wholes that part-of definitions name ("gland in a flower", "organ of a flower"), once per card.
        for index in cards.indices where readings[index].subjects.count == 1 && readings[index].list == nil {
            guard let whole = wholePhrase(in: backTokens[index]), let last = whole.last,
                let head = normalizer.name([last][...])
            else { continue }
            if heads[head.key] == nil { order.append(head.key) }
            heads[head.key, default: (0, index, head)].count += 1
        }
        for key in order {
            guard let hub = heads[key], hub.count >= 2 || confirmedGenus.contains(key),
                registry.lookup(hub.name) == nil, !hub.name.isScaffolding
            else { continue }
            // A one-word hub must be a common noun English knows or an acronym, never a generic scaffolding
            // word nor the last word of proper names ("Tobago" of "Trinidad and Tobago", "Louis" of "Port
            // Louis" and "St. Louis").
            if hub.name.count == 1 {
                let token = hub.name.tokens[0]
                let acronym = normalizer.isAcronym(token)
                // (Nor a series index: "Meiosis II" and "Complex II" share no idea "II".)
                guard token.tag == .noun || acronym, !AnswerParser.isSeriesIndex(token.text[...]),
                    !Lexicon.genericNouns.contains(token.lower),
                    !Lexicon.groupWords.contains(token.lower), !Lexicon.framingNouns.contains(token.lower),
                    acronym || fromAnswers.contains(key) || isCommonNoun(token.lower)
                else { continue }
            }
            hubs.insert(registry.add(hub.name))
        }
    }

    /// "Foreign key: a primary key of one table …", "Second normal form: a table in first normal form …":
    /// a concept named by a rank ("first", "primary", "secondary" …) and the subject's own head, but no
    /// part of the subject's name, is an earlier member of the subject's series: a sibling the subject
    /// builds on, no parent. ("Nonsense mutation: a point mutation …" is a kind: "point" is no rank.)
    func isSiblingName(_ id: Int, of subject: NameForm) -> Bool {
        guard subject.count >= 2, let head = subject.folds.last else { return false }
        func ends(_ words: [String], with tail: [String]) -> Bool {
            words.count >= tail.count && words.suffix(tail.count).elementsEqual(tail)
        }
        return registry.names[id].contains { name in
            name.count >= 2 && name.folds.last == head && !ends(subject.folds, with: name.folds)
                && !ends(name.folds, with: subject.folds)
                && name.tokens.dropLast().contains { Lexicon.rankWords.contains($0.lower) }
        }
    }

    /// Whether WordNet has the genus word among the ancestors of the subject's first two noun senses,
    /// four levels up ("panicle" → raceme → flower cluster → inflorescence). Bounded work per card.
    mutating func lexiconConfirms(genus: Token, of subject: NameForm) -> Bool {
        guard let genusLemma = normalizer.tagger.lexicon.info(genus.lower).nounLemma,
            !normalizer.isProperName(subject), let subjectLemma = wordNetNoun(subject)
        else { return false }
        return normalizer.tagger.lexicon.nounAncestors(of: subjectLemma).contains(genusLemma)
    }

    /// The WordNet noun a name stands for: a one-word noun's base form ("mitochondria" → "mitochondrion",
    /// not an acronym), or a compound of two or three words WordNet lists ("pollen_tube"); nil otherwise.
    mutating func wordNetNoun(_ name: NameForm) -> String? {
        if name.count == 1 {
            let token = name.tokens[0]
            guard token.tag == .noun || token.tag == .name, !normalizer.isAcronym(token) else { return nil }
            return normalizer.tagger.lexicon.info(token.lower).nounLemma
        }
        guard name.count <= 3 else { return nil }
        let compound = name.tokens.map(\.lower).joined(separator: "_")
        return normalizer.tagger.lexicon.wordNet.entry(compound, .noun) != nil ? compound : nil
    }

    /// Whether English knows `word` as a noun whose first sense is no proper name ("sea", not "Tobago").
    mutating func isCommonNoun(_ word: String) -> Bool {
        guard let lemma = normalizer.tagger.lexicon.info(word).nounLemma else { return false }
        return normalizer.tagger.lexicon.isProperNoun(lemma) != true
    }

    /// Whether a noun phrase opening an answer defines the card's subject: not a bare name ("Turkey",
    /// "St. George's", "Puerto Rico": an answer, not a definition), not a title-case name ("Democratic
    /// Republic of the Congo"), not the subject of a sentence ("Official capital was moved …").
    mutating func isDefinitionOpening(_ back: [Token], start: Int, genusEnd: Int) -> Bool {
        let hasDeterminer = back[start].tag == .determiner
        let genusStart = hasDeterminer ? start + 1 : start
        if back.count - start < 3 { return false }  // "The Bottom", "Turkey"
        // Without an article a genus goes on ("Gland in a flower", "Software that …"); "Guinea (green
        // and red flipped)" or "St. Peter Port" is a name.
        if !hasDeterminer {
            guard genusEnd < back.count, back[genusEnd].gap != .boundary,
                back[genusEnd].tag == .preposition || back[genusEnd].tag == .pronoun
            else { return false }
        }
        if genusEnd - genusStart >= 2,
            back[genusStart..<genusEnd].allSatisfy({ $0.text.first?.isUppercase == true && !$0.isAcronym })
        {
            return false
        }
        if genusEnd < back.count, back[genusEnd].gap != .boundary,
            back[genusEnd].tag == .auxiliary || back[genusEnd].tag == .verb,
            !isReducedRelative(back, at: genusEnd)
        {
            return false
        }
        return true
    }

    /// Whether `back[index]` opens a reduced relative clause: a past participle followed by a preposition
    /// or an adverb ("A protein found in muscle cells"), which says more of the noun before it.
    mutating func isReducedRelative(_ back: [Token], at index: Int) -> Bool {
        guard back[index].tag == .verb, index + 1 < back.count, back[index + 1].gap != .boundary,
            back[index + 1].tag == .preposition || back[index + 1].tag == .adverb
        else { return false }
        // (On the extractor's own tagger: a copy would copy the lexicon's word cache on its first insert.)
        return normalizer.tagger.isPastParticiple(back[index].lower)
    }

    /// A noun that names a part, place or stage of something ("part", "stalk", "gland", "stage"): the
    /// scaffolding nouns of definitions, and nouns WordNet files under part, structure, organ or region.
    mutating func isPartNoun(_ word: String) -> Bool {
        if Lexicon.partNouns.contains(word) || Lexicon.wholeWords.contains(word) || Lexicon.partClasses.contains(word) {
            return true
        }
        if Lexicon.genericNouns.contains(word) { return false }  // "amount", "set", "process": no parts
        guard let lemma = normalizer.tagger.lexicon.info(word).nounLemma else { return false }
        return normalizer.tagger.lexicon.nounAncestors(of: lemma, depth: 8).contains {
            Lexicon.partClasses.contains($0)
        }
    }

    /// The whole a part-of definition names ("Nectary: gland in a flower" → "flower"), if any.
    mutating func wholePhrase(in tokens: [Token]) -> ArraySlice<Token>? {
        guard let genus = genusPhrase(in: tokens), let last = genus.last, genus.endIndex < tokens.count,
            tokens[genus.endIndex].gap != .boundary, isPartNoun(last.lower),
            !Lexicon.collectiveNouns.contains(last.lower),
            ["of", "in", "inside", "within"].contains(tokens[genus.endIndex].lower)
        else { return nil }
        let rest = Array(tokens[(genus.endIndex + 1)...])
        guard let whole = genusPhrase(in: rest) else { return nil }
        return whole
    }

    /// Whether a concept inside `genus`, before its last word, ends in the subject's head noun ("data
    /// compression" in "a data compression algorithm" for "lossless compression").
    mutating func sharesSubjectHead(
        _ genus: Range<Int>, back: [Token], matches: [PhraseMatcher.Match], subject: NameForm
    ) -> Bool {
        guard let head = subject.folds.last else { return false }
        return matches.contains {
            $0.range.lowerBound >= genus.lowerBound && $0.range.upperBound < genus.upperBound
                && normalizer.fold(back[$0.range.upperBound - 1]) == head
        }
    }

    /// Whether "of" and a capitalised name (after an optional "the") follow `end`: the phrase before is the
    /// head of a longer proper name ("Kingdom" of "the Kingdom of the Netherlands").
    static func headsProperName(at end: Int, in back: [Token]) -> Bool {
        guard end + 1 < back.count, back[end].lower == "of", back[end].gap != .boundary else { return false }
        var name = end + 1
        if back[name].lower == "the", name + 1 < back.count, back[name + 1].gap != .boundary { name += 1 }
        return back[name].text.first?.isUppercase == true
    }

    /// Prepositions that place a part in or on its whole ("on the outside of an ovule", "in the centre of").
    static let placePrepositions: Set<String> = ["in", "on", "at", "inside", "within"]

    /// Nouns that name a spot of a whole rather than a thing ("the centre of", "the outside of", "the tip
    /// of"): the whole follows them.
    static let spotNouns: Set<String> = [
        "centre", "center", "middle", "outside", "inside", "interior", "exterior", "surface", "tip", "base", "top",
        "bottom", "edge", "end", "side", "wall", "core", "apex",
    ]

    /// The concept a whole phrase starting at `start` names: the phrase itself ("the ovule"); past a spot
    /// noun ("the centre of the embryo sac" → embryo sac); or, when it ends in a part or stage noun
    /// ("phase", "section") and names no concept, the concept it holds ("the gametophyte phase of mosses" → gametophyte).
    mutating func wholeConcept(
        after start: Int, in back: [Token], matches: [PhraseMatcher.Match], excluding subjects: Set<Int>
    ) -> Int? {
        let registry = self.registry
        func concept(_ match: PhraseMatcher.Match) -> Int? {
            let id = registry.find(match.concept)
            return subjects.contains(id) ? nil : id
        }
        var spot = start
        while spot < back.count, back[spot].tag == .determiner { spot += 1 }
        // (A spot noun may be tagged otherwise: "the outside of".)
        if spot + 2 < back.count, Self.spotNouns.contains(back[spot].lower), back[spot + 1].lower == "of",
            back[spot + 1].gap != .boundary
        {
            return wholeConcept(after: spot + 2, in: back, matches: matches, excluding: subjects)
        }
        guard start < back.count, let phrase = genusPhrase(in: Array(back[start...])) else { return nil }
        let begin = start + phrase.startIndex
        let end = start + phrase.endIndex
        let head = back[end - 1].lower
        // "in the Kingdom of Denmark": a head before "of" and a proper name is part of that name; the
        // head alone ("Kingdom") is no whole.
        if Self.headsProperName(at: end, in: back) { return nil }
        if let match = matches.first(where: { $0.range.lowerBound >= begin && $0.range.upperBound == end }) {
            return concept(match)
        }
        guard end - begin >= 2, Lexicon.wholeWords.contains(head) else { return nil }
        let inner = matches.filter { $0.range.lowerBound >= begin && $0.range.upperBound == end - 1 }
        return inner.max(by: { $0.range.count < $1.range.count }).flatMap(concept)
    }

    /// The first noun phrase of a definition that opens with one ("A storage register in the ALU" →
    /// "storage register"; "The part of …" → "part"): determiners skipped, nominal words up to the
    /// first preposition, verb, relative word or punctuation. Nil when the definition opens otherwise
    /// (with a verb: "Converts a program …", or with a sentence about something else).
    func genusPhrase(in tokens: [Token]) -> ArraySlice<Token>? {
        // "No change in amino acid sequence" says what the thing is not.
        if let first = tokens.first, ["no", "not", "neither", "never"].contains(first.lower) { return nil }
        var start = 0
        while start < tokens.count, tokens[start].tag == .determiner { start += 1 }
        var end = start
        while end < tokens.count, end == start || tokens[end].gap != .boundary, normalizer.isNominal(tokens, end) {
            end += 1
        }
        guard end > start, end - start <= 5 else { return nil }
        // The head is the last noun; a phrase ending on an adjective has none.
        guard let last = tokens[end - 1].tag as PartOfSpeech?, last == .noun || last == .name else { return nil }
        return tokens[start..<end]
    }

    // MARK: - Involved questions

    /// Cards whose front names no single subject go to the concepts their front mentions (at most 3),
    /// or, when it mentions none, to its first noun phrase.
    mutating func resolveInvolvedQuestions() {
        let pending = cards.indices.filter { readings[$0].subjects.isEmpty && !frontTokens[$0].isEmpty }
        guard !pending.isEmpty else { return }
        let matcher = buildMatcher()
        // What each involved front names, and on how many of them each concept is named: the card is
        // mainly about its most specific concept (named on the fewest fronts), as inverse document
        // frequency weighs words, not about the decks' topic word it mentions first.
        var named: [[Int]] = []
        var frontsNaming: [Int: Int] = [:]
        for index in pending {
            let tokens = frontTokens[index]
            var concepts: [Int] = []
            for match in matcher.matches(
                in: tokens.map { normalizer.fold($0) }, boundaryBefore: tokens.map { $0.gap == .boundary })
            where !concepts.contains(registry.find(match.concept)) {
                concepts.append(registry.find(match.concept))
                frontsNaming[registry.find(match.concept), default: 0] += 1
            }
            named.append(concepts)
        }
        for (position, index) in pending.enumerated() {
            let tokens = frontTokens[index]
            var concepts = named[position]
            if let specific = concepts.indices.min(by: {
                (frontsNaming[concepts[$0]] ?? 0, $0) < (frontsNaming[concepts[$1]] ?? 0, $1)
            }),
                specific > 0
            {
                concepts.insert(concepts.remove(at: specific), at: 0)
            }
            // No known concept named: the card's topic code ("opcode: is part of every (...)"), else its
            // first noun phrase.
            if concepts.isEmpty, let topic = readings[index].topics.last,
                let name = normalizer.name(normalizer.tokens(topic)[...])
            {
                concepts = [registry.add(name)]
            } else if concepts.isEmpty, !outlineCards.contains(index), !readings[index].isExercise,
                let name = firstPhrase(of: tokens),
                !name.isScaffolding
            {
                concepts = [registry.add(name)]
            }
            for id in concepts.prefix(3) { registry.attach(card: index, to: id) }
            involvedPrimary[index] = concepts.first
        }
    }

    /// The first run of two to four content words (no function word, question word or verb, no
    /// punctuation inside); else the first content word. Nil when the front has none.
    mutating func firstPhrase(of tokens: [Token]) -> NameForm? {
        func isContent(_ token: Token) -> Bool {
            !Lexicon.functionWords.contains(token.lower) && !Lexicon.questionOpeners.contains(token.lower)
                && !Lexicon.leadingVerbs.contains(token.lower)
        }
        var firstWord: Int?
        var start = 0
        while start < tokens.count {
            guard isContent(tokens[start]) else {
                start += 1
                continue
            }
            firstWord = firstWord ?? start
            var end = start + 1
            while end < tokens.count, end - start < 4, isContent(tokens[end]), tokens[end].gap != .boundary { end += 1 }
            if end - start >= 2 { return normalizer.name(tokens[start..<end]) }
            start = end
        }
        return firstWord.flatMap { normalizer.name(tokens[$0...$0]) }
    }

    /// A matcher over every name registered so far.
    mutating func buildMatcher() -> PhraseMatcher {
        var matcher = PhraseMatcher()
        for id in 0..<registry.entryCount {
            for name in registry.names[id] {
                matcher.insert(name.folds, concept: id)
                if name.count > 1 { matcher.insert([name.joinedKey], concept: id) }
            }
        }
        return matcher
    }

    // MARK: - Assembly

    func place(_ card: Int) -> String { "\(cards[card].deck):\(cards[card].location.line)" }

    mutating func assemble() -> ConceptGraph {
        let matcher = buildMatcher()
        var linker = RelationLinker(
            cards: cards, registry: registry, options: options, structural: structural)
        // Mentions: one pass over each card's words. Cards are read on all cores, each with its own copy
        // of this run (whose caches only remember answers), and handed to the linker in card order.
        let parts = Parallel.ranges(of: cards.count, minimumLength: options.cardsPerCore)
        let read = Parallel.map(parts.count) { [self] part in
            var run = self
            return parts[part].map { run.links(ofCard: $0, matcher: matcher) }
        }
        for (index, card) in zip(cards.indices, read.joined()) {
            linker.addExplicitOrder(card.frontOrder)
            linker.addExplicitOrder(card.backOrder)
            linker.addRelations(card.asides)
            linker.addCard(
                index, primary: card.primary, frontMentions: card.frontMentions,
                itemConcepts: items[index].map { registry.find($0.concept) }, backMentions: card.backMentions,
                definition: card.definition, defines: card.defines)
        }
        let lexiconRelations = lexiconHierarchy()
        let reversed = Set(cards.indices.filter { readings[$0].isReversed })
        let details = itemDetails()
        // The cards' words are not read again: their memory (most of a run's) serves the graph's.
        frontTokens = []
        backTokens = []
        readings = []
        linker.addNameExtensions(normalizer: &normalizer)
        linker.addRelations(lexiconRelations)
        return linker.graph(itemDetails: details, reversedCards: reversed, normalizer: &normalizer)
    }

    /// What one card says of the concepts it mentions, read on its own (see `assemble`).
    struct CardLinks: Sendable {
        var frontOrder: [DraftRelation]
        var backOrder: [DraftRelation]
        var asides: [DraftRelation]
        var primary: Int?
        var frontMentions: [Mention]
        var backMentions: [Mention]
        var definition: DefinitionLinks
        var defines: Bool
    }

    /// Matches card `index`'s words against every name and reads what they say: orders stated in words,
    /// examples and likenesses, mentions, the definition's parents.
    mutating func links(ofCard index: Int, matcher: PhraseMatcher) -> CardLinks {
        let front = frontTokens[index]
        let back = backTokens[index]
        let frontMatches = matcher.matches(
            in: front.map { normalizer.fold($0) }, boundaryBefore: front.map { $0.gap == .boundary })
        let backMatches = matcher.matches(
            in: back.map { normalizer.fold($0) }, boundaryBefore: back.map { $0.gap == .boundary })
        // Quotes are cut from the string the tokens index into (the cleaned front), never another.
        let frontOrder = explicitOrder(
            frontMatches.filter { !Self.isVerbForm($0, in: front) }, in: front, text: readings[index].text,
            card: index)
        let backOrder = explicitOrder(
            backMatches.filter { !Self.isVerbForm($0, in: back) }, in: back, text: cards[index].back, card: index)
        let primary = readings[index].subjects.first.flatMap { registry.lookup($0) } ?? involvedPrimary[index]
        let asides = examplesAndLikenesses(
            backMatches, in: back, text: cards[index].back, primary: primary, card: index)
        return CardLinks(
            frontOrder: frontOrder, backOrder: backOrder, asides: asides.relations, primary: primary,
            frontMentions: mentions(frontMatches, in: front, text: readings[index].text),
            backMentions: mentions(
                backMatches.enumerated().filter { !asides.matches.contains($0.offset) }.map(\.element), in: back,
                text: cards[index].back),
            definition: definitionLinks(card: index, backMatches: backMatches),
            defines: definesSubject(index))
    }

    /// Whether a card defines its subject, so that what its definition names is needed first: a term
    /// card ("Pollen" → "Male microgametophytes …"), a front that only asks for the subject ("What is
    /// CRM?", "Define scarcity", "Scarcity: (...)"), or a reversed card whose front is the definition
    /// ("(...): the study of …", "The organelle that produces ATP?"). A question about the subject
    /// ("Why is trade important?", "What happens to the heart rate when …?"), an exercise or an
    /// involved question states facts and associations, not what the subject is built on.
    mutating func definesSubject(_ index: Int) -> Bool {
        let reading = readings[index]
        // An identification card ("Which organelle makes ATP?", "What kind of transport is this?") asks
        // which thing fits a fact: it gives the class (`broader`) and associations, no prerequisites.
        if reading.identifiedClass != nil { return false }
        // A front with several gaps ("[...] and [...] have oval red cells") states a fact about its answers.
        let gaps = ["[...]", "[…]", "(...)", "(…)", "___"].reduce(0) {
            $0 + cards[index].front.occurrenceCount(of: $1)
        }
        if gaps >= 2 { return false }
        if reading.isReversed { return true }
        // A list of members ("single-operand instructions?" → "absolute, negate, …") defines nothing.
        if pluralListCards.contains(index) { return false }
        guard reading.subjects.count == 1, reading.list == nil, !reading.answerIsAlias,
            reading.headingPath.isEmpty
        else { return false }
        // A cloze whose gap is not the front's end ("Auxins / first discovered in [...] / …") asks for a
        // fact inside a statement, not for the subject's definition.
        let front = cards[index].front
        let blanks = ["[...]", "[…]", "(...)", "(…)", "___"]
        if blanks.contains(where: { front.containsText($0) }) {
            let trimmed = front.reversed().drop { $0.isWhitespace || "?:.".contains($0) }
            if !blanks.contains(where: { trimmed.starts(with: $0.reversed()) }) { return false }
        }
        // An answer that is only a name ("Earthworm" → "Monoecious"; "Cayenne" → "French Guiana" with a
        // note below) states a fact, it defines nothing. Its first line is read: notes may follow.
        if answersWithAName(index) || answersWithNames(index) { return false }
        let rest = reading.tokens.filter {
            !Lexicon.definitionQuestionWords.contains($0.lower) && $0.tag != .determiner
        }
        return rest.count <= reading.subjects[0].tokens.count(where: { $0.tag != .determiner })
    }

    /// Whether the answer's first line is only a name other than the subject's: a concept, or a proper
    /// name ("Earthworm" → "Monoecious"; "Hagåtña" → "Guam" with a note on Guam below). (An expansion of
    /// the subject, "IT" → "Information technology", is its other name.)
    mutating func answersWithAName(_ index: Int) -> Bool {
        let back = backTokens[index]
        let lineEnd = cards[index].back.utf8.firstIndex(of: UInt8(ascii: "\n")).map {
            cards[index].back.utf8.distance(from: cards[index].back.utf8.startIndex, to: $0)
        }
        let answerLine = back.prefix { lineEnd == nil || $0.start < lineEnd! }
        let subjectID = readings[index].subjects.first.flatMap({ registry.lookup($0) }).map({ registry.find($0) })
        guard !answerLine.isEmpty, answerLine.count <= 5, let name = normalizer.name(answerLine) else { return false }
        let answer = registry.lookup(name).map { registry.find($0) }
        if answer != nil, answer != subjectID { return true }
        return answer != subjectID && (normalizer.isProperName(name) || normalizer.isIndividualName(name))
    }

    /// Whether the answer's first line is a list of two or more names and nothing else ("Offset" →
    /// "Water Hyacinth (Eicchornia), Water Lettuce (Pistia)"): examples of the subject, which it does
    /// not build on. Each item, its parenthesis aside, is at most four words naming a concept of the
    /// decks or a proper name.
    mutating func answersWithNames(_ index: Int) -> Bool {
        let back = cards[index].back
        let line = back.prefix { !$0.isNewline }
        guard line.containsText(",") || line.containsText(" and ") else { return false }
        var plain = ""
        var depth = 0
        for character in line {
            if character == "(" {
                depth += 1
            } else if character == ")" {
                depth = max(0, depth - 1)
            } else if depth == 0 {
                plain.append(character)
            }
        }
        // (Native splits, no round trip through Foundation: this runs for every defining card.)
        let items = plain.split(separator: ",").flatMap { part in
            part.split(separator: " and ").flatMap { $0.split(separator: " or ") }
        }.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        guard items.count >= 2 else { return false }
        let subjectID = readings[index].subjects.first.flatMap({ registry.lookup($0) }).map({ registry.find($0) })
        return items.allSatisfy { item in
            let tokens = normalizer.tokens(String(item))
            guard !tokens.isEmpty, tokens.count <= 4, let name = normalizer.name(tokens[...]),
                name.count == tokens.count
            else { return false }
            if let id = registry.lookup(name) { return registry.find(id) != subjectID }
            return normalizer.isProperName(name) || normalizer.isIndividualName(name)
        }
    }

    /// WordNet's hierarchy between two concepts the decks both name: "sepal" is part of "calyx",
    /// "mitochondrion" a kind of "organelle". Only a concept's first two senses are read, three
    /// levels up (hypernyms, and the wholes it is a part, member or substance of); these relations
    /// come last, so a cycle with what the cards say drops them.
    ///
    /// - Complexity: bounded work per concept (2 senses × 3 levels × 4 links, cached per lemma).
    mutating func lexiconHierarchy() -> [DraftRelation] {
        var relations: [DraftRelation] = []
        let hubRoots = Set(hubs.map { registry.find($0) })
        for root in registry.roots {
            var lemmas: [String] = []
            // Proper names are instances, not kinds: WordNet's places and people stay out.
            if let label = registry.names[root].first, normalizer.isProperName(label) { continue }
            for name in registry.names[root] { if let lemma = wordNetNoun(name) { lemmas.append(lemma) } }
            var parents: [Int] = []
            for lemma in lemmas where !Lexicon.genericNouns.contains(lemma) && lemma.count >= 3 {
                // Through a concept of the decks ("active transport" → "transport" → "diffusion"), a
                // grandparent counts only when that concept's own first sense has it ("transport" is first
                // the moving of goods): the decks mean a word in one sense, not in WordNet's other ones.
                let direct = normalizer.tagger.lexicon.nounAncestors(of: lemma, depth: 1, senses: 1)
                var throughConcept = false
                var allowed = Set(direct)
                for ancestor in direct {
                    let words = ancestor.replacingOccurrences(of: "_", with: " ")
                    throughConcept =
                        throughConcept
                        || normalizer.name(normalizer.tokens(words)[...]).flatMap { registry.lookup($0) }
                            .map { registry.find($0) != root } ?? false
                    allowed.formUnion(normalizer.tagger.lexicon.nounAncestors(of: ancestor, depth: 1, senses: 1))
                }
                let ancestors = normalizer.tagger.lexicon.nounAncestors(of: lemma, depth: 2, senses: 1).filter {
                    !throughConcept || allowed.contains($0)
                }
                for ancestor in ancestors {
                    let words = ancestor.replacingOccurrences(of: "_", with: " ")
                    // The parent must be an idea of the decks (a card of its own, or a hub), and specific
                    // (few senses): "system", "cause" or "relation" file anything under them.
                    guard !Lexicon.genericNouns.contains(words),
                        let name = normalizer.name(normalizer.tokens(words)[...]),
                        let id = registry.lookup(name), id != root, !parents.contains(id),
                        names(id, word: ancestor),
                        !registry.cards[id].isEmpty || hubRoots.contains(id),
                        (normalizer.tagger.lexicon.wordNet.entry(ancestor, .noun)?.senseCount ?? 99) <= 5,
                        !meansAnotherSense(ancestor, concept: id),
                        !isCollective(ancestor) || [.animal, .plant].contains(firstNounCategory(lemma))
                    else { continue }
                    parents.append(id)
                    relations.append(
                        DraftRelation(
                            source: id, target: root, kind: .broader, card: nil,
                            evidence:
                                "WordNet files \"\(lemma.replacingOccurrences(of: "_", with: " "))\" under \"\(words)\""
                        ))
                }
            }
        }
        return relations
    }

    /// Whether concept `id` has a name that is WordNet's `lemma` ("Chordates" is "chordate", "Ball and
    /// socket joint" is "ball-and-socket_joint"), not only a name with the same stems: the registry
    /// folds "fruitfulness" to "fruit", "biology" to "biological" and "activator" to "activity", which
    /// are other words.
    ///
    /// - Complexity: the concept's distinct written forms are worked out once (a concept named on
    ///   many cards holds a name per card); each call then costs a few look-ups per distinct form.
    mutating func names(_ id: Int, word lemma: String) -> Bool {
        func squeezed(_ text: String) -> String { String(text.filter { $0 != "_" && $0 != "-" && $0 != " " }) }
        let wordNet = normalizer.tagger.lexicon.wordNet
        let forms =
            wordNetForms[id]
            ?? {
                // Every base form of the head ("devices" is a lemma of its own).
                var forms: [String] = []
                var seen = Set<String>()
                for name in registry.names[id] {
                    guard let last = name.tokens.last?.lower else { continue }
                    let start = name.tokens.dropLast().map { $0.lower + "_" }.joined()
                    guard seen.insert(start + last).inserted else { continue }
                    for base in [last] + wordNet.baseForms(last, .noun) where !forms.contains(start + base) {
                        forms.append(start + base)
                    }
                }
                wordNetForms[id] = forms
                return forms
            }()
        // Written with or without spaces ("CirculatorySystem"), or a synonym in one synset ("algae", "alga").
        let wanted = squeezed(lemma)
        let wantedSenses = Set(wordNet.entry(lemma, .noun)?.synsets ?? [])
        return forms.contains { form in
            squeezed(form) == wanted
                || wordNet.entry(form, .noun)?.synsets.contains(where: wantedSenses.contains) == true
        }
    }

    /// Whether WordNet's first sense of `lemma` is a group (lexicographer file noun.group: "people",
    /// "society", "economy"): a group has members, which are no kinds of it ("worker" under "people"),
    /// nor are other groups ("labor" as the working class under "people" or "society", "culture" under
    /// "society"). Taxa may have kinds ("phylum" → "arthropods", under noun.animal or noun.plant): the
    /// caller allows those.
    mutating func isCollective(_ lemma: String) -> Bool { firstNounCategory(lemma) == .group }

    /// The category of the first noun sense of `lemma` in WordNet (nil when unknown).
    mutating func firstNounCategory(_ lemma: String) -> WordNet.NounCategory? {
        normalizer.tagger.lexicon.firstNounCategory(of: lemma)
    }

    /// Whether the decks use `lemma` (a WordNet noun naming concept `id`) in a sense other than its first:
    /// the cards about the concept name a synonym of another sense and none of the first ("procedures and
    /// functions": "function" is a synonym of procedure's program sense, not of "course of action").
    ///
    /// - Complexity: the words of the concept's first three cards, and the lemma's senses (few: ≤ 5).
    mutating func meansAnotherSense(_ lemma: String, concept id: Int) -> Bool {
        let wordNet = normalizer.tagger.lexicon.wordNet
        guard let entry = wordNet.entry(lemma, .noun), entry.synsets.count >= 2 else { return false }
        let head = lemma.split(separator: "_").last.map(String.init) ?? lemma
        func synonyms(_ offset: Int) -> Set<String> {
            Set(
                (normalizer.tagger.lexicon.nounSynset(at: offset)?.lemmas ?? []).filter {
                    !$0.containsText("_") && $0 != head
                })
        }
        let first = synonyms(entry.synsets[0])
        let others = entry.synsets.dropFirst().reduce(into: Set<String>()) { $0.formUnion(synonyms($1)) }
            .subtracting(first)
        guard !others.isEmpty else { return false }
        var words = Set<String>()
        for card in registry.cards[id].prefix(3) {
            for token in frontTokens[card] + backTokens[card] {
                words.insert(token.lower)
                if let base = normalizer.tagger.lexicon.info(token.lower).nounLemma { words.insert(base) }
            }
        }
        return !words.isDisjoint(with: others) && words.isDisjoint(with: first)
    }

    /// The mentions that name a concept. A lone word that ends a longer compound ("service" in
    /// "customer service", "marketing" in "event marketing") names that compound, not the word's concept;
    /// acronyms always count.
    mutating func mentions(_ matches: [PhraseMatcher.Match], in tokens: [Token], text: String) -> [Mention] {
        matches.compactMap { match in
            let first = match.range.lowerBound
            if match.range.count == 1, first > 0, !normalizer.isAcronym(tokens[first]), tokens[first].gap != .boundary,
                !Lexicon.functionWords.contains(tokens[first - 1].lower), !tokens[first - 1].isNumber
            {
                return nil
            }
            let concept = registry.find(match.concept)
            return Mention(
                concept: concept, surface: Tokenizer.surface(of: match.range, in: tokens, text: text),
                isLoose: Self.isVerbForm(match, in: tokens) || isLooseWord(match, in: tokens, concept: concept))
        }
    }

    /// A one-word match that shares only a stem with the concept's name, another word of English
    /// ("social" for "Socialization", "person" for "Personality", "emotionally" for "Emotions"), or a
    /// single letter: the card touches the concept's neighbourhood, it does not build on the concept.
    /// (Inflections count: "molecules" names "molecule"; so do words English does not know.)
    mutating func isLooseWord(_ match: PhraseMatcher.Match, in tokens: [Token], concept: Int) -> Bool {
        guard match.range.count == 1 else { return false }
        let word = tokens[match.range.lowerBound].lower
        if word.count == 1 { return true }
        // (The first few one-word names: a hub can gather thousands of names, and this runs per mention.)
        let named = registry.names[concept].lazy.filter { $0.count == 1 }.prefix(8).map { $0.tokens[0].lower }
        return !named.isEmpty && named.allSatisfy { normalizer.areOtherWords(word, $0) }
    }

    /// A one-word match on a verb form ("leads to" for "Lead", "executed before" for "Execute") is a
    /// verb, not the concept: it says nothing of what is needed first. Gerunds ("-ing") name things.
    static func isVerbForm(_ match: PhraseMatcher.Match, in tokens: [Token]) -> Bool {
        let token = tokens[match.range.lowerBound]
        return match.range.count == 1 && token.tag == .verb && !token.lower.hasSuffix("ing")
    }

    /// Examples and likenesses in an answer. "Processes such as selling, marketing and customer
    /// service", "e.g. BIOS", "for example", "including", "X includes A and B": the examples are no
    /// prerequisites; they are narrower than the concept named just before the marker, when there is
    /// one. "Similar to Y", "resembles Y", "looks like Y", "same as Y", "compared to Y": Y is related,
    /// not a prerequisite. Each marker reaches to the end of its sentence.
    ///
    /// - Returns: the offsets (in `matches`) of the mentions that are examples or likenesses, and the
    ///   relations they give.
    /// - Complexity: one pass over the tokens and the matches.
    mutating func examplesAndLikenesses(
        _ matches: [PhraseMatcher.Match], in tokens: [Token], text: String, primary: Int?, card: Int
    ) -> (matches: Set<Int>, relations: [DraftRelation]) {
        guard !matches.isEmpty else { return ([], []) }
        var markers: [(start: Int, end: Int, example: Bool)] = []
        for index in tokens.indices {
            let word = tokens[index].lower
            let next = index + 1 < tokens.count ? tokens[index + 1].lower : ""
            if (word == "such" && next == "as") || (word == "e" && next == "g")
                || (word == "for" && (next == "example" || next == "instance"))
            {
                markers.append((index, index + 2, true))
            } else if ["eg", "including", "includes", "include"].contains(word) {
                markers.append((index, index + 1, true))
            } else if (word == "similar" && next == "to") || (word == "looks" && next == "like")
                || (word == "same" && next == "as") || (word == "compared" && (next == "to" || next == "with"))
            {
                markers.append((index, index + 2, false))
            } else if word == "resembles" || word == "resemble" {
                markers.append((index, index + 1, false))
            }
        }
        guard !markers.isEmpty else { return ([], []) }
        // Token positions are UTF-8 offsets (`Token.start`); the marks looked for are ASCII, and no byte
        // of a multi-byte character is ASCII, so bytes are compared.
        let bytes = Array(text.utf8)
        /// Whether a sentence ends just before token `index` ("." ";" "?" "!" or a line break).
        func sentenceBreak(before index: Int) -> Bool {
            guard tokens[index].gap == .boundary else { return false }
            var position = tokens[index].start - 1
            while position >= 0, bytes[position] == UInt8(ascii: " ") { position -= 1 }
            guard position >= 0 else { return false }
            let mark = bytes[position]
            // "e.g." and "eg." end no sentence.
            if mark == UInt8(ascii: "."), index >= 1, ["g", "eg"].contains(tokens[index - 1].lower) { return false }
            return [UInt8(ascii: "."), UInt8(ascii: ";"), UInt8(ascii: "?"), UInt8(ascii: "!"), UInt8(ascii: "\n")]
                .contains(mark)
        }
        var asides = Set<Int>()
        var relations: [DraftRelation] = []
        for marker in markers {
            var end = marker.end
            while end < tokens.count, end == marker.end || !sentenceBreak(before: end) { end += 1 }
            // The class the examples belong to stands just before the marker and, but after "includes",
            // is plural ("sorting algorithms such as …"; "… in memory, e.g. BIOS" is no kind of memory).
            let verb = ["includes", "include"].contains(tokens[marker.start].lower)
            let before = matches.last {
                guard $0.range.upperBound <= marker.start && $0.range.upperBound >= marker.start - 1 else {
                    return false
                }
                let last = tokens[$0.range.upperBound - 1].lower
                return verb || (last.hasSuffix("s") && !last.hasSuffix("ss"))
                    || normalizer.tagger.lexicon.wordNet.irregularBase(last, .noun) != nil
            }
            for (offset, match) in matches.enumerated()
            where match.range.lowerBound >= marker.end && match.range.lowerBound < end {
                asides.insert(offset)
                let id = registry.find(match.concept)
                let quote = Tokenizer.surface(of: marker.start..<match.range.upperBound, in: tokens, text: text)
                if marker.example, let before {
                    let parent = registry.find(before.concept)
                    if parent != id {
                        relations.append(
                            DraftRelation(
                                source: parent, target: id, kind: .broader, card: card,
                                evidence:
                                    "\(place(card)) \"\(Tokenizer.surface(of: before.range.lowerBound..<match.range.upperBound, in: tokens, text: text))\""
                            ))
                    }
                } else if !marker.example, let primary, registry.find(primary) != id {
                    relations.append(
                        DraftRelation(
                            source: registry.find(primary), target: id, kind: .related, card: card,
                            evidence: "\(place(card)) \"\(quote)\""))
                }
            }
        }
        return (asides, relations)
    }

    /// "have a CRM vision before embarking on a CRM project": two concepts with "before" (or "prior
    /// to") between them in one sentence are learnt in that order; with "after", the other way round.
    func explicitOrder(_ matches: [PhraseMatcher.Match], in tokens: [Token], text: String, card: Int) -> [DraftRelation]
    {
        var relations: [DraftRelation] = []
        for (first, second) in zip(matches, matches.dropFirst()) {
            let between = tokens[first.range.upperBound..<second.range.lowerBound]
            let words = Set(between.map(\.lower))
            let forward = words.contains("before") || (words.contains("prior") && words.contains("to"))
            let backward = words.contains("after")
            guard forward != backward, !between.contains(where: { $0.gap == .boundary }),
                tokens[second.range.lowerBound].gap != .boundary
            else { continue }
            let (a, b) = forward ? (first.concept, second.concept) : (second.concept, first.concept)
            guard registry.find(a) != registry.find(b) else { continue }
            let quote = Tokenizer.surface(of: first.range.lowerBound..<second.range.upperBound, in: tokens, text: text)
            relations.append(
                DraftRelation(
                    source: registry.find(a), target: registry.find(b), kind: .requires, card: card,
                    evidence: "\(place(card)) \"\(quote)\""))
        }
        return relations
    }

    /// Definitions lists give their items ("Operational- Operational CRM focuses on …").
    func itemDetails() -> [Int: String] {
        var details: [Int: String] = [:]
        for list in items {
            for (item, concept) in list where !item.detail.isEmpty && details[registry.find(concept)] == nil {
                details[registry.find(concept)] = item.detail
            }
        }
        return details
    }

    /// What a card's definition says of its subject, in terms of concepts the decks already have:
    /// "X is a Y …" or, on a card whose front is just the term, "A Y …" (Y is broader: "Panicle — A
    /// much-branched inflorescence"); "the part / a type / a stage of Z" (Z is broader: "Ovary — The part
    /// of the pistil …"); "composed of / consisting of A, B and C" (the parts are narrower).
    mutating func definitionLinks(card: Int, backMatches: [PhraseMatcher.Match]) -> DefinitionLinks {
        var links = DefinitionLinks()
        let back = backTokens[card]
        let reading = readings[card]
        let subjectIDs = Set(reading.subjects.compactMap { registry.lookup($0) })
        guard !subjectIDs.isEmpty, !back.isEmpty else { return links }
        // An outline (a bullet, heading or code fence first: "- **Screens for**: …") has no genus; nor
        // has an answer that is a name with a note about that name below ("Guam\nUnincorporated territory
        // …" for "Hagåtña").
        let opening = cards[card].back.trimmingPrefix(while: \.isWhitespace)
        if ["#", "-", "*", "•", "`", ">"].contains(where: { opening.hasPrefix($0) }) { return links }
        if cards[card].back.contains(where: \.isNewline), answersWithAName(card) { return links }
        func concept(at match: PhraseMatcher.Match) -> Int? {
            let id = registry.find(match.concept)
            return subjectIDs.contains(id) ? nil : id
        }

        // Where the genus phrase starts.
        var genusStart: Int?
        if let verb = back.prefix(8).firstIndex(where: { $0.lower == "is" || $0.lower == "are" }), verb + 1 < back.count
        {
            let before = back[..<verb]
            if before.count == 1 && before[before.startIndex].lower == "it" {
                genusStart = verb + 1
            } else if let name = normalizer.name(before), let id = registry.lookup(name), subjectIDs.contains(id) {
                genusStart = verb + 1
            }
        }
        let isTermCard =
            reading.subjects.count == 1 && reading.list == nil
            && reading.subjects[0].count == reading.tokens.count
        if genusStart == nil, isTermCard {
            // "TCP. Transmission Control Protocol. A protocol that …", "Accumulator: ACC, a register …":
            // an opening expansion or short form of the subject is skipped.
            var start = 0
            if let firstBoundary = back.indices.dropFirst().first(where: { back[$0].gap == .boundary }),
                firstBoundary <= 6, let name = normalizer.name(back[..<firstBoundary]),
                let id = registry.lookup(name), subjectIDs.contains(id)
            {
                start = firstBoundary
            }
            // A definition opening with a noun phrase ("A much-branched inflorescence", "Gland in a
            // flower"), not with a verb ("Converts a program …") or a participle ("Having …").
            // An imperative ("Branch to the given address", "Add the contents …") is an instruction, not a
            // genus: a bare word that can be a verb, followed by a determiner or "to".
            let imperative =
                start + 1 < back.count && back[start].tag != .determiner
                && normalizer.tagger.lexicon.info(back[start].lower).canBe(.verb)
                && (back[start + 1].tag == .determiner || back[start + 1].lower == "to")
            if start < back.count, back[start].tag == .determiner || back[start].tag.isNominal,
                !back[start].lower.hasSuffix("ing"), !imperative
            {
                genusStart = start
            }
        }
        // "Atomicity, Consistency, Isolation, Durability": a list, not a genus.
        // (A list opens the answer: its first comma comes within three words; "A structure of the
        // gametophyte of mosses, liverworts, and ferns" names a genus before its list.)
        let firstSentence = cards[card].back.prefix(while: { $0 != "." && !$0.isNewline })
        let opensWithList =
            firstSentence.filter { $0 == "," }.count >= 2
            && firstSentence.prefix(while: { $0 != "," }).split(whereSeparator: \.isWhitespace).count <= 3
        var genusIsPartNoun = false
        if let start = genusStart, !opensWithList, let genus = genusPhrase(in: Array(back[start...])),
            isDefinitionOpening(back, start: start, genusEnd: start + genus.endIndex)
        {
            let genusStart = start + (genus.startIndex)
            let end = start + genus.endIndex
            let head = back[end - 1].lower
            genusIsPartNoun = isPartNoun(head)
            let genusMatch = backMatches.first { $0.range.lowerBound >= genusStart && $0.range.upperBound == end }
            // A proper name is no genus ("Slovakia (narrower …)" compares, it does not define).
            let genusIsProper = normalizer.name(back[genusStart..<end]).map { normalizer.isProperName($0) } ?? false
            // A lone part or stage word ("the branch of economics", "a stage of …") is scaffolding even
            // when two definitions made it a hub: the whole after it is the parent.
            let scaffolding =
                end - genusStart == 1
                && Lexicon.wholeWords.contains(normalizer.tagger.lexicon.info(head).nounLemma ?? head)
            let genusConcept =
                genusIsProper || scaffolding
                ? nil
                : genusMatch.flatMap { match in
                    concept(at: match).flatMap { id in
                        normalizer.endsInAnotherWord(back[match.range], than: registry.names[id]) ? nil : id
                    }
                }
            // "A sepal or petal when …": a disjunction is no genus.
            let disjunction = end < back.count && back[end].lower == "or"
            // "Lossless compression: a data compression algorithm": a genus naming no concept (or only its
            // last words: "algorithm") may hold, as its modifier, a concept with the subject's own head
            // noun; that one is the broader kind (a shared word is a hierarchy only when it is the head of
            // both), and the nearer one.
            let partialGenus = genusMatch.map { $0.range.lowerBound > genusStart } ?? true
            if let genusConcept, !disjunction, !isSiblingName(genusConcept, of: reading.subjects[0]),
                !partialGenus
                    || !sharesSubjectHead(
                        genusStart..<end, back: back, matches: backMatches, subject: reading.subjects[0])
            {
                links.parents.append(genusConcept)  // "a much-branched inflorescence"
            }
            if partialGenus, !disjunction, !genusIsProper, let subjectHead = reading.subjects[0].folds.last,
                let shared = backMatches.filter({
                    $0.range.lowerBound >= genusStart && $0.range.upperBound < end
                        && normalizer.fold(back[$0.range.upperBound - 1]) == subjectHead
                }).max(by: { $0.range.count < $1.range.count }),
                let id = concept(at: shared)
            {
                links.parents.append(id)
            }
            // "the part of the pistil", "the stalk of the stamen", "a cell inside the ovule": the whole
            // is broader when the genus names no concept, or names a place inside it ("a storage
            // register in the ALU"). A collective genus ("a cluster of sporangia") names members instead.
            if end < back.count, back[end].gap != .boundary, !Lexicon.collectiveNouns.contains(head) {
                let preposition = back[end].lower
                let wholeCounts =
                    genusConcept == nil
                    ? isPartNoun(head) && ["of", "in", "inside", "within"].contains(preposition)
                        || ["inside", "within"].contains(preposition)  // "A cell inside the ovule"
                    : ["in", "inside", "within"].contains(preposition)
                // "A protective layer of sporophyte tissue on the outside of an ovule": "of" and a bare noun
                // (no article) say what the part is made of; the place after it names the whole.
                let placeAfterMaterial: Int? =
                    if isPartNoun(head), preposition == "of", end + 1 < back.count,
                        back[end + 1].tag != .determiner, let material = genusPhrase(in: Array(back[(end + 1)...])),
                        case let next = end + 1 + material.endIndex, next + 1 < back.count,
                        back[next].gap != .boundary, Self.placePrepositions.contains(back[next].lower)
                    {
                        wholeConcept(after: next + 1, in: back, matches: backMatches, excluding: subjectIDs)
                    } else { nil }
                if let id = placeAfterMaterial {
                    if !links.parents.contains(id) { links.parents.append(id) }
                } else if wholeCounts,
                    let id = wholeConcept(after: end + 1, in: back, matches: backMatches, excluding: subjectIDs),
                    !isSiblingName(id, of: reading.subjects[0])
                {
                    if !links.parents.contains(id) { links.parents.append(id) }
                } else if let genusConcept, preposition == "of", !disjunction,
                    let whole = genusPhrase(in: Array(back[(end + 1)...]))
                {
                    // "Calyx: the outermost whorl of a flower": the subject is a whorl, and whorls are
                    // parts of the flower.
                    let wholeEnd = end + 1 + whole.endIndex
                    if let match = backMatches.first(where: {
                        $0.range.lowerBound >= end + 1 && $0.range.upperBound == wholeEnd
                    }),
                        let id = concept(at: match), id != genusConcept,
                        // An instance is no whole of a class ("province of South Korea"), nor is the head of
                        // one ("Constituent country of the Kingdom of the Netherlands").
                        !(normalizer.name(back[match.range]).map { normalizer.isProperName($0) } ?? true),
                        !Self.headsProperName(at: wholeEnd, in: back)
                    {
                        links.genusWholes.append((whole: id, genus: genusConcept))
                    }
                }
            }
        }

        // "Anther: the part of a stamen that contains the pollen": a part or structure that contains,
        // holds or houses a thing has it as a part. Only for a part noun genus and a concrete thing
        // ("a register that holds the address" stores data, it has no parts).
        if genusIsPartNoun, let start = genusStart {
            // The first clause: up to a boundary that no relative word opens (", which contains" goes on).
            for index in start..<min(back.count - 1, start + 16) {
                if index > start, back[index].gap == .boundary, !["that", "which"].contains(back[index].lower) {
                    break
                }
                if ["that", "which"].contains(back[index].lower),
                    Lexicon.containmentVerbs.contains(back[index + 1].lower),
                    let object = backMatches.first(where: {
                        $0.range.lowerBound > index + 1 && $0.range.lowerBound <= index + 4
                    }),
                    back[(index + 2)..<object.range.lowerBound].allSatisfy({ $0.tag == .determiner }),
                    let id = concept(at: object), !links.parts.contains(id), !links.parents.contains(id),
                    let head = normalizer.tagger.lexicon.info(back[object.range.upperBound - 1].lower).nounLemma,
                    !normalizer.tagger.lexicon.isAbstractNoun(head)
                {
                    links.parts.append(id)
                    break
                }
            }
        }

        // "Composed of an ovary, a style, and a stigma": the parts.
        // Only where the definition itself says it ("Composed of …", "It consists of …", "the organ of a
        // flower consisting of …" after a part noun), not of a quantity ("the fraction of the blood
        // volume consisting of erythrocytes").
        let compositionScope = genusIsPartNoun ? back.count - 1 : min(3, back.count - 1)
        for index in back.indices.prefix(compositionScope) where Lexicon.compositionWords.contains(back[index].lower) {
            // "composed of", "made up of", "consisting of"; only "comprises"/"comprising" stand alone.
            let listStart: Int
            if back[index + 1].lower == "of" {
                listStart = index + 2
            } else if back[index + 1].lower == "up", index + 2 < back.count, back[index + 2].lower == "of" {
                listStart = index + 3
            } else if back[index].lower.hasPrefix("compris") {
                listStart = index + 1
            } else {
                continue
            }
            for match in backMatches
            where match.range.lowerBound >= listStart && match.range.lowerBound < listStart + 12 {
                if let id = concept(at: match), !links.parts.contains(id) { links.parts.append(id) }
            }
            break
        }
        return links
    }
}

extension ExtractionRun {
    /// Where the noun phrase starting at `start` ends: at punctuation, a preposition or a relative word.
    func phraseEnd(from start: Int, in tokens: [Token]) -> Int {
        var end = start
        while end < tokens.count,
            end == start
                || (tokens[end].gap != .boundary && !Lexicon.prepositions.contains(tokens[end].lower)
                    && !Lexicon.pronouns.contains(tokens[end].lower))
        {
            end += 1
        }
        return end
    }
}

/// What a definition says of its card's subject (see `definitionLinks`).
struct DefinitionLinks: Sendable {
    /// Concepts broader than the subject (its genus, or the whole it is a part of).
    var parents: [Int] = []
    /// Concepts the subject is made of.
    var parts: [Int] = []
    /// A whole the genus is part of ("the whorl of a flower": the flower is broader than whorl).
    var genusWholes: [(whole: Int, genus: Int)] = []
}

/// Two or three words (by number; `c` is -1 for two), the key of a phrase while counting shared terms.
struct PhraseKey: Hashable {
    var a: Int32, b: Int32, c: Int32
    init(_ a: Int32, _ b: Int32, _ c: Int32) {
        self.a = a
        self.b = b
        self.c = c
    }
}

/// How widely a phrase is used and where it was first seen.
struct PhraseUse {
    var cards: Int
    var lastCard: Int
    var firstCard: Int
    var inBack: Bool
    var firstIndex: Int
    var length: Int
    var afterArticle: Bool
}

/// A concept named in a card's text, with the words that named it.
struct Mention: Sendable {
    var concept: Int
    var surface: String
    /// One word that names the concept only loosely: a verb form ("leads" for "Lead"), another word of
    /// the same stem ("social" for "Socialization"), a single letter. It still says the card is about
    /// the concept's neighbourhood (`related`), never that the concept is needed first.
    var isLoose = false
}

/// A relation between registry entries as a rule proposes it, before cycles are cut and duplicates
/// merged. A run holds hundreds of thousands, so ids are stored in 32 bits (32 bytes a draft with its
/// evidence).
struct DraftRelation: Sendable {
    private let sourceID: Int32
    private let targetID: Int32
    /// The card that says it, or -1.
    private let cardIndex: Int32
    let kind: RelationKind
    let evidence: String

    init(source: Int, target: Int, kind: RelationKind, card: Int?, evidence: String) {
        // Cards and registry entries number far below 2^31 (a few per card).
        sourceID = Int32(truncatingIfNeeded: source)
        targetID = Int32(truncatingIfNeeded: target)
        cardIndex = card.map { Int32(truncatingIfNeeded: $0) } ?? -1
        self.kind = kind
        self.evidence = evidence
    }

    var source: Int { Int(sourceID) }
    var target: Int { Int(targetID) }
    var card: Int? { cardIndex < 0 ? nil : Int(cardIndex) }
}
