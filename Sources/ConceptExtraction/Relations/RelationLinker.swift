import DeckReading
import Language

/// Turns what the extraction found (subjects, list items, mentions, name forms) into numbered concepts
/// and deduplicated relations with their evidence.
struct RelationLinker {
    let cards: [Card]
    let registry: ConceptRegistry
    /// The registry's concepts (its merged groups' representatives), in creation order.
    private let roots: [Int]
    let options: ConceptExtractor
    private var drafts: [DraftRelation]
    /// Per card: the concepts in the order the learner meets them, and the mentions of the answer.
    private var cardMentions: [(front: [Mention], items: [Int], back: [Mention], definition: DefinitionLinks)] = []
    /// Per card: whether it defines its subject (see `ExtractionRun.definesSubject`); only such cards
    /// give prerequisites.
    private var defines: [Bool] = []
    /// Per card: the concept it is mainly about (the first subject its front names), if any.
    private var primarySubject: [Int?] = []

    init(cards: [Card], registry: ConceptRegistry, options: ConceptExtractor, structural: [DraftRelation]) {
        self.cards = cards
        self.registry = registry
        self.roots = registry.roots
        self.options = options
        self.drafts = structural.map {
            DraftRelation(
                source: registry.find($0.source), target: registry.find($0.target), kind: $0.kind,
                card: $0.card, evidence: $0.evidence)
        }
        cardMentions.reserveCapacity(cards.count)
    }

    mutating func addCard(
        _ index: Int, primary: Int?, frontMentions: [Mention], itemConcepts: [Int], backMentions: [Mention],
        definition: DefinitionLinks, defines: Bool
    ) {
        precondition(index == cardMentions.count, "cards are added in order")
        cardMentions.append((frontMentions, itemConcepts, backMentions, definition))
        self.defines.append(defines)
        primarySubject.append(primary)
    }

    /// Further relations (from the lexicon), accepted after those the cards give.
    mutating func addRelations(_ relations: [DraftRelation]) {
        drafts += relations.map {
            DraftRelation(
                source: registry.find($0.source), target: registry.find($0.target), kind: $0.kind, card: $0.card,
                evidence: $0.evidence)
        }
    }

    /// Order the cards state in words ("X before Y").
    mutating func addExplicitOrder(_ relations: [DraftRelation]) {
        drafts += relations
        for relation in relations { statedOrder.insert(Self.pairKey(relation.source, relation.target)) }
    }

    /// (source, target) pairs whose order a card states in words; a mention never reverses them.
    private var statedOrder = Set<UInt64>()

    private static func pairKey(_ a: Int, _ b: Int) -> UInt64 { UInt64(a) << 32 | UInt64(b) }

    /// "operational CRM" under "CRM", "CRM strategy" under "CRM": a name that extends another
    /// concept's name (the other's words at its start or end) is narrower. Only the nearest such
    /// concepts become parents.
    mutating func addNameExtensions(normalizer: inout Normalizer) {
        for root in roots {
            var candidates: [(id: Int, range: Range<Int>, name: String, of: String)] = []
            for name in registry.names[root] where name.count >= 2 && !normalizer.isProperName(name) {
                // "Sea of Japan" is a sea, not a kind of Japan: only the words before a preposition
                // (the head phrase) can extend a broader name.
                let n = name.tokens.firstIndex { Lexicon.prepositions.contains($0.lower) } ?? name.count
                guard n >= 1 else { continue }
                // A generic head ("ATP structure", "sporophyte stage") or an attribute of a thing ("ureter
                // length") names an aspect of its modifier: the modifier's concept is the parent, the lone
                // head none. (A modifier that can be an adjective, "primary groups", or a lone letter, "R
                // group", names no thing.)
                let headIsAspect =
                    n >= 2
                    && (Lexicon.genericNouns.contains(name.tokens[n - 1].lower)
                        || normalizer.namesAttribute(name.tokens, head: (n - 1)..<n))
                let modifierNamesThing =
                    headIsAspect
                    && {
                        let modifier = name.tokens[n - 2]
                        return modifier.text.count > 1 && (modifier.tag == .noun || modifier.tag == .name)
                            && !normalizer.tagger.lexicon.info(modifier.lower).canBe(.adjective)
                    }()
                // A head followed by "of"/"to" … is no kind name of its own ("Division of labor", "Amount of urine
                // filtered", "Risk to foetus"): only a head inside a longer head phrase extends.
                for length in stride(from: n - 1, through: 1, by: -1) {
                    // Only the head extends ("direct-mapped cache" under "cache"); a modifier is no parent
                    // ("pollen tube" is no kind of pollen), except a modifier ending in an acronym, which
                    // names a system or field whose compounds are its aspects ("CRM strategy" under "CRM",
                    // "operational CRM systems" under "operational CRM").
                    let modifierIsAcronym = normalizer.isAcronym(name.tokens[length - 1])
                    var ranges = modifierIsAcronym ? [0..<length, (n - length)..<n] : [(n - length)..<n]
                    if headIsAspect, length == 1 { ranges.removeAll { $0 == (n - 1)..<n } }
                    if modifierNamesThing { ranges.append((n - 1 - length)..<(n - 1)) }
                    for range in ranges
                    // Never inside a hyphenated compound ("Port-au-Prince" is no kind of prince), but for an
                    // acronym head ("bus-based-CPU").
                    where name.tokens[range.lowerBound].gap != .joiner
                        || normalizer.isAcronym(name.tokens[range.lowerBound])
                            && (range.upperBound == name.count || name.tokens[range.upperBound].gap != .joiner)
                    {
                        // A series index ("II" of "DNA Polymerase II") is no parent.
                        if range.count == 1, AnswerParser.isSeriesIndex(name.tokens[range.lowerBound].text[...]) {
                            continue
                        }
                        let key = name.folds[range].joined(separator: " ")
                        guard let id = registry.lookup(key: key), id != root, !isGenericParent(id),
                            !candidates.contains(where: { $0.id == id }),
                            !normalizer.namesAttribute(name.tokens, head: range),
                            !normalizer.endsInAnotherWord(name.tokens[range], than: registry.names[id])
                        else { continue }
                        candidates.append((id, range, registry.names[id][0].surface, name.surface))
                    }
                }
            }
            // Only the nearest: a candidate inside a longer one ("CRM" inside "operational CRM" for
            // "operational CRM systems") is reached through it.
            for parent in candidates
            where !candidates.contains(where: {
                $0.range.count > parent.range.count && $0.range.clamped(to: parent.range) == parent.range
            }) {
                drafts.append(
                    DraftRelation(
                        source: parent.id, target: root, kind: .broader, card: nil,
                        evidence: "\"\(parent.of)\" extends \"\(parent.name)\""))
            }
        }
    }

    /// A lone group or framing word ("type", "parts", "role") names no idea of its own to file others under.
    private func isGenericParent(_ id: Int) -> Bool {
        guard let name = registry.names[id].first, name.count == 1 else { return false }
        let word = name.tokens[0].lower
        return Lexicon.groupWords.contains(word) || Lexicon.framingNouns.contains(word)
            || Lexicon.groupWords.contains(word + "s")
    }

    /// Numbers the concepts in the order the learner meets them and builds every relation.
    mutating func graph(itemDetails: [Int: String], reversedCards: Set<Int>, normalizer: inout Normalizer)
        -> ConceptGraph
    {
        // Which cards are about which concept.
        var subjectsOfCard = [[Int]](repeating: [], count: cards.count)
        for root in roots {
            for card in registry.cards[root] where !subjectsOfCard[card].contains(root) {
                subjectsOfCard[card].append(root)
            }
        }
        // First sight: in card order, front mentions, subjects, list items, then answer mentions.
        var firstSeen = [Int](repeating: -1, count: registry.entryCount)
        var clock = 0
        func see(_ id: Int) {
            if firstSeen[id] < 0 {
                firstSeen[id] = clock
                clock += 1
            }
        }
        var firstCardSeen = [Int](repeating: -1, count: registry.entryCount)
        for card in cards.indices {
            let seen = cardMentions[card]
            for id in seen.front.map(\.concept) + subjectsOfCard[card] + seen.items + seen.back.map(\.concept) {
                see(id)
                if firstCardSeen[id] < 0 { firstCardSeen[id] = card }
            }
        }
        for root in roots { see(root) }

        // What definitions say: genus or whole above the subject, parts below it.
        for card in cards.indices {
            let links = cardMentions[card].definition
            for subject in subjectsOfCard[card] {
                for parent in links.parents where parent != subject {
                    drafts.append(
                        DraftRelation(
                            source: parent, target: subject, kind: .broader, card: card,
                            evidence: "\(place(card)) \"\(excerpt(cards[card].back))\""))
                }
                for (whole, genus) in links.genusWholes where whole != subject && genus != subject {
                    drafts.append(
                        DraftRelation(
                            source: whole, target: genus, kind: .broader, card: card,
                            evidence: "\(place(card)) \"\(excerpt(cards[card].back))\""))
                }
                for part in links.parts where part != subject {
                    drafts.append(
                        DraftRelation(
                            source: subject, target: part, kind: .broader, card: card,
                            evidence: "\(place(card)) \"\(excerpt(cards[card].back))\""))
                }
            }
        }
        var hierarchy = removeHierarchyCycles()
        // A parent is met just before its first child: a hub no card is about ("key" over "primary key")
        // comes when its first kind does, not after the whole deck. (Values doubled so a parent can sit
        // between two concepts; a few passes reach grandparents: hierarchies are shallow.)
        for id in firstSeen.indices { firstSeen[id] *= 2 }
        for _ in 0..<4 {
            var changed = false
            for draft in drafts where draft.kind == .broader {
                let parent = registry.find(draft.source)
                let child = registry.find(draft.target)
                if firstSeen[child] - 1 < firstSeen[parent] {
                    firstSeen[parent] = firstSeen[child] - 1
                    changed = true
                }
            }
            if !changed { break }
        }

        // Requires: a card mainly about S whose text uses M (M not narrower than S) needs M first.
        // Only the main subject: in "Organizational roles and CRM" the answer explains the roles.
        // How many cards mention each concept: a word on a quarter of the cards or more is the decks' own
        // topic ("cell" in a cell-biology deck) and says nothing as a prerequisite (inverse document
        // frequency near zero). A lower cut also drops a section's key prerequisite ("accumulator" on
        // every instruction card): measured on the references, a quarter keeps those.
        var mentionCards = [Int](repeating: 0, count: registry.entryCount)
        for card in cards.indices {
            var seenHere = Set<Int>()
            for mention in cardMentions[card].front + cardMentions[card].back
            where seenHere.insert(mention.concept).inserted {
                mentionCards[mention.concept] += 1
            }
        }
        let topicThreshold = max(8, cards.count / 4)
        // A prerequisite is an idea the decks teach: the subject of a card that defines it. A word the
        // decks only use ("computers", "space", "people") is assumed knowledge; as a prerequisite it
        // orders nothing the learner studies and only delays what it is linked to.
        var defined = [Bool](repeating: false, count: registry.entryCount)
        for card in cards.indices where defines[card] {
            if let subject = primarySubject[card] ?? subjectsOfCard[card].first { defined[subject] = true }
        }
        var coMentions: [UInt64: (count: Int, card: Int)] = [:]
        // Whether a concept names one individual thing (memoised: one look-up per concept).
        var individuals: [Int: Bool] = [:]
        func isIndividual(_ id: Int) -> Bool {
            if let known = individuals[id] { return known }
            // A proper name whose head English knows as one individual ("Northern Cyprus", "North
            // Nicosia": a place with a qualifier) names one too.
            let found =
                registry.names[id].first.map { name in
                    normalizer.isIndividualName(name)
                        || name.count >= 2 && normalizer.isProperName(name)
                            && normalizer.tagger.lexicon.isProperNoun(name.tokens[name.count - 1].lower) == true
                } ?? false
            individuals[id] = found
            return found
        }
        for card in cards.indices {
            let seen = cardMentions[card]
            let subjects = subjectsOfCard[card]
            if defines[card], let subject = primarySubject[card] ?? subjects.first {
                // A definition is the answer's first line; the lines below it (bullets, notes) list
                // the topic's parts, facts and steps, which are no prerequisites of it.
                let firstLine =
                    cards[card].back.split(maxSplits: 1, whereSeparator: \.isNewline).first.map { $0.lowercased() }
                    ?? ""
                let notes = cards[card].back.contains(where: \.isNewline)
                // An outline (its first line a heading, a bullet, a code fence) has no definition at all.
                let outline =
                    notes
                    && ["#", "-", "*", "•", "`", ">"].contains {
                        firstLine.trimmingPrefix(while: \.isWhitespace).hasPrefix($0)
                    }
                for mention in seen.front
                    + seen.back.filter({ !outline && (!notes || firstLine.containsText($0.surface.lowercased())) })
                where !subjects.contains(mention.concept) && !mention.isLoose {
                    // (A search of a few hundred concepts at most: a mention on a hot path.)
                    // A concept above the subject ("market" for "labor market") is its parent, which the
                    // hierarchy already puts first: no prerequisite on top of the `broader` edge.
                    guard defined[mention.concept], mentionCards[mention.concept] <= topicThreshold,
                        !hierarchy.reaches(from: subject, to: mention.concept, limit: 400),
                        !hierarchy.reaches(from: mention.concept, to: subject, limit: 400),
                        !statedOrder.contains(Self.pairKey(subject, mention.concept))
                    else { continue }
                    // A card about an individual (a place, a person: "Thailand → Bangkok") states facts:
                    // what it names is associated with the individual, not needed before it; and an
                    // individual named on a card ("France" on "Cayenne") is a fact, not a prerequisite.
                    if isIndividual(subject) || isIndividual(mention.concept) {
                        // Related is symmetric: one direction, the one met first as its source.
                        let (a, b) =
                            firstSeen[mention.concept] <= firstSeen[subject]
                            ? (mention.concept, subject) : (subject, mention.concept)
                        drafts.append(
                            DraftRelation(
                                source: a, target: b, kind: .related, card: card,
                                evidence: "\(place(card)) \"\(mention.surface)\" (a fact about an individual)"))
                        continue
                    }
                    drafts.append(
                        DraftRelation(
                            source: mention.concept, target: subject, kind: .requires, card: card,
                            evidence: "\(place(card)) \"\(mention.surface)\""))
                }
            }
            var together: [Int] = []
            for id in subjects + (seen.front + seen.back).map(\.concept) where !together.contains(id) {
                together.append(id)
                if together.count == options.mentionsPerCardForRelated { break }
            }
            for i in together.indices {
                for j in together.indices where j > i {
                    let (a, b) = (min(together[i], together[j]), max(together[i], together[j]))
                    let key = UInt64(a) << 32 | UInt64(b)
                    coMentions[key, default: (0, card)].count += 1
                }
            }
        }
        var linked = Set<UInt64>()
        for draft in drafts {
            let (a, b) = (min(draft.source, draft.target), max(draft.source, draft.target))
            linked.insert(UInt64(a) << 32 | UInt64(b))
        }
        for (key, value) in coMentions where value.count >= options.relatedThreshold && !linked.contains(key) {
            var (a, b) = (Int(key >> 32), Int(key & 0xffff_ffff))
            if firstSeen[b] < firstSeen[a] { swap(&a, &b) }
            drafts.append(
                DraftRelation(
                    source: a, target: b, kind: .related, card: value.card,
                    evidence: "used together on \(value.count) cards, first at \(place(value.card))"))
        }

        // Concepts numbered by first sight.
        let ordered = roots.sorted { (firstSeen[$0], $0) < (firstSeen[$1], $1) }
        var number = [Int](repeating: -1, count: registry.entryCount)
        for (position, root) in ordered.enumerated() { number[root] = position }
        var slugs = SlugAllocator()
        let concepts: [Concept] = ordered.map { root in
            let names = registry.names[root]
            let label = names.first?.surface ?? "concept"
            var aliases: [String] = []
            var seenAliases = Set<String>()
            for name in names where seenAliases.insert(name.surface.lowercased()).inserted {
                aliases.append(name.surface)
            }
            let cardList = Array(Set(registry.cards[root])).sorted()
            var terms: [String] = []
            var decks: [String] = []
            for card in cardList {
                if !terms.contains(cards[card].front) { terms.append(cards[card].front) }
                if !decks.contains(cards[card].deck) { decks.append(cards[card].deck) }
            }
            if decks.isEmpty, firstCardSeen[root] >= 0 { decks = [cards[firstCardSeen[root]].deck] }
            // A reversed card ("… is called?") defines its concept on the front.
            let definition =
                cardList.first.map { reversedCards.contains($0) ? cards[$0].front : cards[$0].back }
                ?? itemDetails[root] ?? ""
            return Concept(
                id: slugs.slug(for: label), label: label, aliases: aliases, terms: terms, decks: decks,
                definition: definition, cards: cardList, firstSeen: firstSeen[root])
        }
        return ConceptGraph(cards: cards, concepts: concepts, relations: mergedRelations(number: number))
    }

    /// Keeps `broader` a DAG: relations are accepted in the order they were found (list headings and
    /// heading paths, then name extensions, then definitions), and one that would close a cycle with
    /// those accepted before it is dropped (see `BroaderHierarchy`).
    ///
    /// - Returns: the kept hierarchy, for the `requires` rule's search below a subject.
    /// - Complexity: linear, plus searches inside the (small) strongly connected components.
    private mutating func removeHierarchyCycles() -> BroaderHierarchy {
        var parents: [Int32] = []
        var children: [Int32] = []
        for draft in drafts where draft.kind == .broader {
            parents.append(Int32(registry.find(draft.source)))
            children.append(Int32(registry.find(draft.target)))
        }
        let hierarchy = BroaderHierarchy(nodeCount: registry.entryCount, parents: parents, children: children)
        var kept: [DraftRelation] = []
        kept.reserveCapacity(drafts.count)
        var broaderIndex = 0
        for draft in drafts {
            if draft.kind == .broader {
                broaderIndex += 1
                if !hierarchy.kept[broaderIndex - 1] { continue }
            }
            kept.append(draft)
        }
        drafts = kept
        return hierarchy
    }

    /// One relation per (source, target, kind): weights add up, evidence keeps the first three.
    private func mergedRelations(number: [Int]) -> [Relation] {
        var index: [Int64: Int] = [:]
        var relations: [Relation] = []
        var evidenceCount: [Int] = []
        for draft in drafts {
            let source = number[registry.find(draft.source)]
            let target = number[registry.find(draft.target)]
            guard source != target else { continue }
            let kindCode = Int64(RelationKind.allCases.firstIndex(of: draft.kind)!)
            let key = (Int64(source) << 34) | (Int64(target) << 2) | kindCode
            if let existing = index[key] {
                relations[existing].weight += 1
                if evidenceCount[existing] < 3, !relations[existing].evidence.containsText(draft.evidence) {
                    relations[existing].evidence += "\n" + draft.evidence
                    evidenceCount[existing] += 1
                }
            } else {
                index[key] = relations.count
                relations.append(
                    Relation(source: source, target: target, kind: draft.kind, weight: 1, evidence: draft.evidence))
                evidenceCount.append(1)
            }
        }
        // Two concepts that require each other: usually one direction is an extraction mistake (a
        // mention of the dependent in the prerequisite's own answer). The direction with more cards
        // is kept (ties: the prerequisite met first), and its evidence says what was dropped.
        var requiresAt: [Int64: Int] = [:]
        for (position, relation) in relations.enumerated() where relation.kind == .requires {
            requiresAt[(Int64(relation.source) << 32) | Int64(relation.target)] = position
        }
        var dropped = Set<Int>()
        for (position, relation) in relations.enumerated()
        where relation.kind == .requires && relation.source < relation.target {
            guard let reverse = requiresAt[(Int64(relation.target) << 32) | Int64(relation.source)] else { continue }
            let keepForward = relation.weight >= relations[reverse].weight
            let (kept, lost) = keepForward ? (position, reverse) : (reverse, position)
            dropped.insert(lost)
            relations[kept].evidence +=
                "\nkept over the reverse requires (\(Int(relations[lost].weight)) card(s) against \(Int(relations[kept].weight)))"
        }
        // In place: a large graph's relations are tens of megabytes, and copies would add up at the
        // run's memory peak.
        var kept = 0
        for position in relations.indices where !dropped.contains(position) {
            relations.swapAt(kept, position)
            kept += 1
        }
        relations.removeLast(relations.count - kept)
        relations.sort { ($0.source, $0.target, $0.kind) < ($1.source, $1.target, $1.kind) }
        return relations
    }

    private func place(_ card: Int) -> String { "\(cards[card].deck):\(cards[card].location.line)" }

    private func excerpt(_ text: String) -> String {
        let line = text.split(maxSplits: 1, whereSeparator: \.isNewline).first.map(String.init) ?? text
        return line.count > 120 ? String(line.prefix(120)) + "…" : line
    }
}
