import DeckReading

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

    public init(relatedThreshold: Int = 2, mentionsPerCardForRelated: Int = 12, sharedTermCards: Int = 3) {
        self.relatedThreshold = relatedThreshold
        self.mentionsPerCardForRelated = mentionsPerCardForRelated
        self.sharedTermCards = sharedTermCards
    }

    /// Extracts the concept graph of `decks`, in deck order.
    public func extract(from decks: [Deck]) -> ConceptGraph {
        var run = ExtractionRun(cards: decks.flatMap(\.cards), options: self)
        return run.extract()
    }
}

/// The state of one extraction: cards, their tokens, the registry of names, structural relations.
private struct ExtractionRun {
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
    /// For cards whose front names no subject: the first concept it mentions.
    var involvedPrimary: [Int: Int] = [:]

    init(cards: [Card], options: ConceptExtractor) {
        self.cards = cards
        self.options = options
        let fronts = cards.map { Tokenizer.tokens($0.front) }
        let backs = cards.map { Tokenizer.tokens($0.back) }
        self.normalizer = Normalizer(tokenLists: fronts + backs)
        self.backTokens = backs
    }

    mutating func extract() -> ConceptGraph {
        readFronts()
        readAnswers()
        registerSharedTerms()
        resolveInvolvedQuestions()
        registry.compress()
        return assemble()
    }

    // MARK: - Subjects

    /// Registers every card's subject(s), list headings and short forms.
    mutating func readFronts() {
        var parser = FrontParser(normalizer: normalizer)
        readings.reserveCapacity(cards.count)
        for card in cards {
            let reading = parser.read(card.front, back: card.back)
            readings.append(reading)
            frontTokens.append(reading.tokens)
        }
        normalizer = parser.normalizer
        for index in cards.indices {
            let reading = readings[index]
            for subject in reading.subjects {
                let id = registry.add(subject, card: index)
                if let alias = reading.parentheticalAlias { registry.addAlias(alias, of: id) }
                if reading.answerIsAlias, let alias = normalizer.name(backTokens[index][...]) {
                    registry.addAlias(alias, of: id)
                }
                registerShortForms(of: subject, concept: id, card: index)
            }
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
            if let list = reading.list, let parent = list.parent, parent.key != list.node.key {
                let parentID = registry.add(parent)
                let nodeID = registry.lookup(list.node) ?? registry.add(list.node)
                structural.append(
                    DraftRelation(
                        source: parentID, target: nodeID, kind: .broader, card: index,
                        evidence: "\(place(index)) \"\(cards[index].front)\" divides \"\(parent.surface)\""))
            }
        }
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
            let found = AnswerParser.items(
                in: cards[index].back, expectedCount: heading?.expectedCount, underHeading: heading != nil)
            guard !found.isEmpty else { continue }
            let owner =
                heading.map { registry.lookup($0.node) ?? registry.add($0.node) }
                ?? registry.lookup(reading.subjects[0])!
            for item in found {
                guard let name = itemName(item, heading: heading) else { continue }
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
            let how = heading != nil ? "lists" : "lists under it"
            structural.append(
                DraftRelation(
                    source: owner, target: id, kind: .broader, card: index,
                    evidence: "\(place(index)) \"\(cards[index].front)\" \(how) \"\(item.label)\""))
        }
    }

    /// The concept name an item stands for, or nil for an item that is an action or a sentence.
    mutating func itemName(_ item: AnswerItem, heading: ListHeading?) -> NameForm? {
        var label = Substring(item.label)
        // The name ends where its explanation starts: ":", " - ", "(", "=", " is ", " are ".
        for stop in [":", " - ", " – ", "(", "=", " is ", " are ", " refers "] {
            if let range = label.range(of: stop), range.lowerBound > label.startIndex {
                label = label[..<range.lowerBound]
            }
        }
        var tokens = Tokenizer.tokens(String(label))
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
        if !item.marked && heading == nil { return nil }
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
                for (index, token) in tokens.enumerated() where isContentWord(token) {
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
                    for length in 2...3 {
                        let last = index + length - 1
                        guard last < tokens.count, ids[last] >= 0, tokens[last].gap != .boundary,
                            tokens[last].gap != .joiner || tokens[last].joiner != "/"
                        else { break }
                        // A noun phrase does not hold an adverb ("typically expressed") nor close on a
                        // participle ("data needed").
                        if tokens[index...last].contains(where: { $0.lower.hasSuffix("ly") })
                            || tokens[last].lower.hasSuffix("ed")
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
                name.count == use.length, registry.lookup(name) == nil
            else { continue }
            registry.add(name)
        }
    }

    /// A word that can be part of a concept's name: no function word, verb, question word, pronoun or count.
    private func isContentWord(_ token: Token) -> Bool {
        !token.isNumber && !Lexicon.functionWords.contains(token.lower) && !Lexicon.leadingVerbs.contains(token.lower)
            && !Lexicon.questionOpeners.contains(token.lower) && !Lexicon.thirdPersonVerbs.contains(token.lower)
            && !Lexicon.pronouns.contains(token.lower) && Lexicon.numberWords[token.lower] == nil
            && token.lower != "one" && token.lower.count > 1
    }

    // MARK: - Involved questions

    /// Cards whose front names no single subject go to the concepts their front mentions (at most 3),
    /// or, when it mentions none, to its first noun phrase.
    mutating func resolveInvolvedQuestions() {
        let pending = cards.indices.filter { readings[$0].subjects.isEmpty && !frontTokens[$0].isEmpty }
        guard !pending.isEmpty else { return }
        let matcher = buildMatcher()
        for index in pending {
            let tokens = frontTokens[index]
            var concepts: [Int] = []
            for match in matcher.matches(
                in: tokens.map { normalizer.fold($0) }, boundaryBefore: tokens.map { $0.gap == .boundary })
            where !concepts.contains(registry.find(match.concept)) {
                concepts.append(registry.find(match.concept))
            }
            // No known concept named: the card's topic code ("opcode: is part of every (...)"), else its
            // first noun phrase.
            if concepts.isEmpty, let topic = readings[index].topics.last,
                let name = normalizer.name(Tokenizer.tokens(topic)[...])
            {
                concepts = [registry.add(name)]
            } else if concepts.isEmpty, let name = firstPhrase(of: tokens) {
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
        // Mentions: one pass over each card's words.
        for index in cards.indices {
            let front = frontTokens[index]
            let back = backTokens[index]
            let frontMatches = matcher.matches(
                in: front.map { normalizer.fold($0) }, boundaryBefore: front.map { $0.gap == .boundary })
            let backMatches = matcher.matches(
                in: back.map { normalizer.fold($0) }, boundaryBefore: back.map { $0.gap == .boundary })
            linker.addExplicitOrder(explicitOrder(frontMatches, in: front, text: cards[index].front, card: index))
            linker.addExplicitOrder(explicitOrder(backMatches, in: back, text: cards[index].back, card: index))
            linker.addCard(
                index,
                primary: readings[index].subjects.first.flatMap { registry.lookup($0) } ?? involvedPrimary[index],
                frontMentions: mentions(frontMatches, in: front, text: cards[index].front),
                itemConcepts: items[index].map { registry.find($0.concept) },
                backMentions: mentions(backMatches, in: back, text: cards[index].back),
                definition: definitionLinks(card: index, backMatches: backMatches))
        }
        linker.addNameExtensions(normalizer: &normalizer)
        let reversed = Set(cards.indices.filter { readings[$0].isReversed })
        return linker.graph(itemDetails: itemDetails(), reversedCards: reversed, normalizer: &normalizer)
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
            return Mention(
                concept: registry.find(match.concept),
                surface: Tokenizer.surface(of: match.range, in: tokens, text: text))
        }
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
        if genusStart == nil, isTermCard, ["a", "an", "the"].contains(back[0].lower) { genusStart = 0 }
        if var start = genusStart {
            while start < back.count, Lexicon.functionWords.contains(back[start].lower) { start += 1 }
            let end = phraseEnd(from: start, in: back)
            if end > start, end < back.count, back[end].lower == "of",
                Lexicon.groupWords.contains(back[end - 1].lower) || Lexicon.wholeWords.contains(back[end - 1].lower)
            {
                // "the part of the pistil", "a type of loan": the whole (or the kind) is broader.
                var wholeStart = end + 1
                while wholeStart < back.count, Lexicon.functionWords.contains(back[wholeStart].lower) {
                    wholeStart += 1
                }
                let wholeEnd = phraseEnd(from: wholeStart, in: back)
                if let match = backMatches.first(where: {
                    $0.range.lowerBound >= wholeStart && $0.range.upperBound == wholeEnd
                }),
                    let id = concept(at: match)
                {
                    links.parents.append(id)
                }
            } else if let match = backMatches.first(where: {
                $0.range.lowerBound >= start && $0.range.upperBound == end
            }),
                let id = concept(at: match)
            {
                links.parents.append(id)  // the head of "a much-branched inflorescence"
            }
        }

        // "Composed of an ovary, a style, and a stigma": the parts.
        for index in back.indices.dropLast() where Lexicon.compositionWords.contains(back[index].lower) {
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
}

/// A relation between registry entries, before concepts get their final numbers.
struct DraftRelation: Sendable {
    var source: Int
    var target: Int
    var kind: RelationKind
    var card: Int?
    var evidence: String
}
