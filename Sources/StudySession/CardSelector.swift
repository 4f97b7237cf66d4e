import ConceptAnalysis
import ConceptExtraction
import Foundation
import GraphAlgorithms
import Scheduling

/// Why a card is shown now.
public enum SelectionReason: Sendable, Hashable {
    /// A review whose due time has come.
    case due
    /// A new card whose concept's prerequisites are all learned.
    case new
    /// A card forgotten earlier in this session, shown again.
    case retry
}

/// The card to show next and why.
public struct Selection: Sendable, Hashable {
    /// Index into `ConceptGraph.cards`.
    public var card: Int
    public var reason: SelectionReason

    public init(card: Int, reason: SelectionReason) {
        self.card = card
        self.reason = reason
    }
}

/// Which concepts are learned and which are open for new cards, for one set of card schedules.
public struct Gate: Sendable {
    /// Per concept: every card of it is learned (a concept without cards of its own counts as learned).
    public var learned: [Bool]
    /// Per concept: every prerequisite outside its own cycle is learned, so its new cards may come.
    public var open: [Bool]
}

/// Chooses the next card: due reviews first (most overdue first), then new cards in study order,
/// each only when its concept is open.
///
/// Design note. "Open" is decided from direct dependency edges (broader + requires) in one pass over
/// the strongly connected components in topological order: a component is open when every component
/// with an edge into it is open and learned. By induction this equals "every transitive prerequisite
/// (`AnalyzedGraph.prerequisites(of:)`) outside the concept's own cycle is learned", but costs
/// O(V + E) for the whole graph instead of O(V + E) per concept. The members of a cycle are opened
/// together and, since the study order keeps a cycle's members adjacent, their cards come together.
/// A card listed under several concepts belongs to the one latest in study order (the most advanced:
/// "What is mobile CRM?" under both CRM and mobile CRM is a mobile CRM card); only that concept's
/// prerequisites gate it, and it counts only towards that concept being learned. Since every
/// dependency then points to a concept earlier in study order (or to the same cycle), no card can
/// wait for itself. Cards about no concept are never gated and come after all others. Selection is O(cards + V + E)
/// per card shown. What it gets wrong: a wrong `requires` edge from extraction holds a card back
/// for nothing; `--target` or learning the prerequisite releases it.
public struct CardSelector: Sendable {
    public let analyzed: AnalyzedGraph
    public let threshold: LearnedThreshold
    /// The concept the session is limited to, if any.
    public let target: Int?
    /// Per concept: part of the session (all, or the target and everything it requires).
    public let inScope: [Bool]
    /// Per card: the concept it belongs to (the latest in study order of those listing it), or -1.
    public let conceptOfCard: [Int]
    /// Per concept: the cards that belong to it, in card order.
    public let cardsOfConcept: [[Int]]
    /// In-scope cards in the order new cards are introduced.
    public let newCardOrder: [Int]
    /// Per card: in scope.
    public let cardInScope: [Bool]

    private let component: [Int32]
    private let componentCount: Int
    /// For each component, the components with a dependency edge into it (CSR).
    private let parentOffsets: [Int]
    private let parentComponents: [Int32]
    private let componentMembers: StronglyConnectedComponents

    public init(analyzed: AnalyzedGraph, target: Int? = nil, threshold: LearnedThreshold = .standard) {
        self.analyzed = analyzed
        self.threshold = threshold
        self.target = target
        let graph = analyzed.graph
        let conceptCount = graph.concepts.count
        var scope = [Bool](repeating: target == nil, count: conceptCount)
        if let target {
            scope[target] = true
            for concept in analyzed.prerequisites(of: target) { scope[concept] = true }
        }
        inScope = scope

        var owner = [Int](repeating: -1, count: graph.cards.count)
        for (index, concept) in graph.concepts.enumerated() {
            for card in concept.cards where card < owner.count {
                if owner[card] < 0 || analyzed.orderPosition[index] > analyzed.orderPosition[owner[card]] {
                    owner[card] = index
                }
            }
        }
        conceptOfCard = owner
        var owned = [[Int]](repeating: [], count: conceptCount)
        for (card, concept) in owner.enumerated() where concept >= 0 { owned[concept].append(card) }
        cardsOfConcept = owned

        // New-card order: by the study position of the card's concept, then card index; cards about
        // no concept last (only when the whole graph is studied).
        var cardScope = [Bool](repeating: false, count: graph.cards.count)
        var keyed: [(position: Int, card: Int)] = []
        for card in 0..<graph.cards.count {
            let concept = owner[card]
            if concept < 0 {
                guard target == nil else { continue }
                keyed.append((Int.max, card))
            } else {
                guard scope[concept] else { continue }
                keyed.append((analyzed.orderPosition[concept], card))
            }
            cardScope[card] = true
        }
        keyed.sort { ($0.position, $0.card) < ($1.position, $1.card) }
        newCardOrder = keyed.map(\.card)
        cardInScope = cardScope

        let relations = analyzed.relationGraph
        let scc = StronglyConnectedComponents(relations, kinds: .dependencies)
        component = scc.component
        componentCount = scc.count
        componentMembers = scc
        var parentLists = [[Int32]](repeating: [], count: scc.count)
        for node in 0..<relations.nodeCount {
            let own = scc.component[node]
            for slot in relations.inRange(node) where EdgeKinds.dependencies.contains(relations.inKinds[slot]) {
                let from = scc.component[Int(relations.inSources[slot])]
                if from != own { parentLists[Int(own)].append(from) }
            }
        }
        var offsets = [0]
        var parents: [Int32] = []
        for list in parentLists {
            var seen = Set<Int32>()
            for p in list where seen.insert(p).inserted { parents.append(p) }
            offsets.append(parents.count)
        }
        parentOffsets = offsets
        parentComponents = parents
    }

    /// Learned and open concepts for `schedules` (one per card).
    /// - Complexity: O(cards + V + E).
    public func gate(_ schedules: [CardSchedule]) -> Gate {
        let learned = cardsOfConcept.map { cards in
            cards.allSatisfy { $0 >= schedules.count || threshold.isLearned(schedules[$0]) }
        }
        var componentLearned = [Bool](repeating: true, count: componentCount)
        for (concept, isLearned) in learned.enumerated() where !isLearned {
            componentLearned[Int(component[concept])] = false
        }
        // Component ids are in topological order: parents come first.
        var componentOpen = [Bool](repeating: true, count: componentCount)
        for c in 0..<componentCount {
            for slot in parentOffsets[c]..<parentOffsets[c + 1] {
                let p = Int(parentComponents[slot])
                if !(componentOpen[p] && componentLearned[p]) {
                    componentOpen[c] = false
                    break
                }
            }
        }
        return Gate(learned: learned, open: component.map { componentOpen[Int($0)] })
    }

    /// `true` when `card` may be introduced: its concept is open (or it has none).
    public func isOpen(card: Int, in gate: Gate) -> Bool {
        let concept = conceptOfCard[card]
        return concept < 0 || gate.open[concept]
    }

    /// The next card: the most overdue due review, else (when `newAllowance > 0`) the first open new
    /// card in study order; cards in `excluded` are skipped.
    /// - Complexity: O(cards + V + E).
    public func next(
        schedules: [CardSchedule], now: Date, newAllowance: Int, excluded: Set<Int> = []
    ) -> Selection? {
        var best: (due: Date, card: Int)?
        for card in 0..<schedules.count where cardInScope[card] && !excluded.contains(card) {
            guard let due = schedules[card].due, due <= now else { continue }
            if best == nil || (due, card) < (best!.due, best!.card) { best = (due, card) }
        }
        if let best { return Selection(card: best.card, reason: .due) }
        guard newAllowance > 0 else { return nil }
        let gate = gate(schedules)
        for card in newCardOrder where schedules[card].isNew && !excluded.contains(card) {
            if isOpen(card: card, in: gate) { return Selection(card: card, reason: .new) }
        }
        return nil
    }

    /// The direct prerequisites of a card's concepts outside their own cycles (what it waited for),
    /// in study order, each with whether it is learned; and the other members of its cycles.
    public func waitedFor(card: Int, schedules: [CardSchedule]) -> (
        prerequisites: [(concept: Int, learned: Bool)], cycle: [Int]
    ) {
        let gate = gate(schedules)
        let relations = analyzed.relationGraph
        var prerequisites = Set<Int>()
        var cycle = Set<Int>()
        for concept in [conceptOfCard[card]] where concept >= 0 {
            let own = component[concept]
            // A cycle opens as a whole: what any member waits for, the card waits for.
            for member in componentMembers.members(of: Int(own)).map(Int.init) {
                if member != concept { cycle.insert(member) }
                for slot in relations.inRange(member) where EdgeKinds.dependencies.contains(relations.inKinds[slot]) {
                    let source = Int(relations.inSources[slot])
                    if component[source] != own { prerequisites.insert(source) }
                }
            }
        }
        let position = analyzed.orderPosition
        return (
            prerequisites.sorted { position[$0] < position[$1] }.map { ($0, gate.learned[$0]) },
            cycle.subtracting([conceptOfCard[card]]).sorted { position[$0] < position[$1] }
        )
    }

    /// The direct prerequisites (outside its cycle) that keep `concept` locked: not learned, or
    /// locked themselves. In study order.
    /// - Complexity: O(in-degree of the concept's cycle).
    public func blockers(of concept: Int, in gate: Gate) -> [Int] {
        let relations = analyzed.relationGraph
        let own = component[concept]
        var found = Set<Int>()
        for member in componentMembers.members(of: Int(own)).map(Int.init) {
            for slot in relations.inRange(member) where EdgeKinds.dependencies.contains(relations.inKinds[slot]) {
                let source = Int(relations.inSources[slot])
                if component[source] != own && !(gate.learned[source] && gate.open[source]) { found.insert(source) }
            }
        }
        return found.sorted { analyzed.orderPosition[$0] < analyzed.orderPosition[$1] }
    }
}
