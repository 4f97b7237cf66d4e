import Foundation
import Scheduling

/// The selector's choice kept up to date answer by answer, for a session that shows many cards.
///
/// Design note. `CardSelector.next` recomputes the gate and scans every card: O(cards + V + E) for
/// each card shown, so a long session on a big deck is quadratic. This state keeps instead: per
/// concept, how many of its cards are not learned; per cycle (strongly connected component), how
/// many of its concepts are not learned and how many of its parent cycles have not "passed" (open
/// and learned); the scheduled cards in two min-heaps by (due, card), those not yet due and those
/// due; and the open new cards in a min-heap by their place in the new-card order. An answer
/// changes one card's counters; when a cycle's "passed" flips, the flip is pushed along the edges to
/// the cycles that depend on it (one answer moves every count the same way, so a cycle flips at
/// most once per answer), and a cycle that opens pushes its new cards. Heap entries are not removed
/// when they go stale: each is checked against the card's current state when it reaches the top.
/// So a card shown costs O(log cards) plus the gates its answer really changes, and the choices are
/// the ones `CardSelector.next` makes (a test drives both side by side on random graphs).
/// What it gets wrong: a clock that goes backwards keeps counting as due the cards it already
/// counted (they are still not shown before their due time).
public struct SelectionState: Sendable {
    public let selector: CardSelector
    /// Per card: its current schedule.
    public private(set) var schedules: [CardSchedule]
    /// In-scope cards whose due time has come (as of the latest `now` given).
    public private(set) var dueCount = 0

    private var cardLearned: [Bool]
    /// Per concept: its cards not learned.
    private var unlearnedCards: [Int]
    /// Per component: its concepts not learned.
    private var unlearnedConcepts: [Int]
    /// Per component: parent components that have not passed.
    private var blockedParents: [Int]
    /// For each component, the components it has a dependency edge into (CSR).
    private let childOffsets: [Int]
    private let childComponents: [Int32]
    /// Per card: its index in `selector.newCardOrder`, or -1 when out of scope.
    private let newPosition: [Int]
    private var openNew = MinHeap<Int>()
    private var notYetDue = MinHeap<DueEntry>()
    private var due = MinHeap<DueEntry>()
    private var countedDue: [Bool]

    struct DueEntry: Comparable, Sendable {
        var due: Date
        var card: Int
        static func < (a: DueEntry, b: DueEntry) -> Bool { (a.due, a.card) < (b.due, b.card) }
    }

    /// - Complexity: O(cards + V + E).
    public init(selector: CardSelector, schedules: [CardSchedule], now: Date) {
        precondition(schedules.count == selector.conceptOfCard.count, "one schedule per card")
        self.selector = selector
        self.schedules = schedules
        let threshold = selector.threshold
        cardLearned = schedules.map(threshold.isLearned)
        unlearnedCards = selector.cardsOfConcept.map { cards in
            cards.count(where: { !threshold.isLearned(schedules[$0]) })
        }
        var unlearned = [Int](repeating: 0, count: selector.componentCount)
        for (concept, count) in unlearnedCards.enumerated() where count > 0 {
            unlearned[Int(selector.component[concept])] += 1
        }
        unlearnedConcepts = unlearned
        // Component ids are in topological order: a component's parents are settled before it.
        var blocked = [Int](repeating: 0, count: selector.componentCount)
        var childLists = [[Int32]](repeating: [], count: selector.componentCount)
        for c in 0..<selector.componentCount {
            for slot in selector.parentOffsets[c]..<selector.parentOffsets[c + 1] {
                let parent = Int(selector.parentComponents[slot])
                childLists[parent].append(Int32(c))
                if !(blocked[parent] == 0 && unlearned[parent] == 0) { blocked[c] += 1 }
            }
        }
        blockedParents = blocked
        var offsets = [0]
        var children: [Int32] = []
        for list in childLists {
            children += list
            offsets.append(children.count)
        }
        childOffsets = offsets
        childComponents = children

        var position = [Int](repeating: -1, count: schedules.count)
        for (index, card) in selector.newCardOrder.enumerated() { position[card] = index }
        newPosition = position
        countedDue = [Bool](repeating: false, count: schedules.count)
        // Already in order, so already a heap.
        openNew.items = selector.newCardOrder.indices.filter {
            let card = selector.newCardOrder[$0]
            return schedules[card].isNew && isOpen(card: card)
        }
        for card in 0..<schedules.count where selector.cardInScope[card] {
            if let due = schedules[card].due { notYetDue.insert(DueEntry(due: due, card: card)) }
        }
        advance(to: now)
    }

    /// `true` when the concept's cards are all learned.
    public func isLearned(concept: Int) -> Bool { unlearnedCards[concept] == 0 }

    /// `true` when `card` may be introduced: its concept is open (or it has none).
    public func isOpen(card: Int) -> Bool {
        let concept = selector.conceptOfCard[card]
        return concept < 0 || blockedParents[Int(selector.component[concept])] == 0
    }

    private func passed(_ component: Int) -> Bool {
        blockedParents[component] == 0 && unlearnedConcepts[component] == 0
    }

    /// Sets one card's schedule (an answer, this session's or another's).
    /// - Complexity: O(log cards), plus the out-degree of each cycle whose gate this changes and
    ///   the new cards of each concept it opens.
    public mutating func update(card: Int, to schedule: CardSchedule, now: Date) {
        schedules[card] = schedule
        if countedDue[card] {
            countedDue[card] = false
            dueCount -= 1
        }
        if selector.cardInScope[card], let due = schedule.due {
            notYetDue.insert(DueEntry(due: due, card: card))
        }
        if schedule.isNew, newPosition[card] >= 0, isOpen(card: card) { openNew.insert(newPosition[card]) }
        let learned = selector.threshold.isLearned(schedule)
        if learned != cardLearned[card] {
            cardLearned[card] = learned
            let concept = selector.conceptOfCard[card]
            if concept >= 0 {
                let conceptWasLearned = unlearnedCards[concept] == 0
                unlearnedCards[concept] += learned ? -1 : 1
                if conceptWasLearned != (unlearnedCards[concept] == 0) {
                    let component = Int(selector.component[concept])
                    let before = passed(component)
                    unlearnedConcepts[component] += learned ? -1 : 1
                    if passed(component) != before { propagate(from: component, nowPassed: !before) }
                }
            }
        }
        advance(to: now)
    }

    /// Pushes a change of `component`'s "passed" to the components that depend on it.
    private mutating func propagate(from component: Int, nowPassed: Bool) {
        var work = [component]
        while let parent = work.popLast() {
            for slot in childOffsets[parent]..<childOffsets[parent + 1] {
                let child = Int(childComponents[slot])
                let before = passed(child)
                blockedParents[child] += nowPassed ? -1 : 1
                if nowPassed && blockedParents[child] == 0 { pushNewCards(of: child) }
                if passed(child) != before { work.append(child) }
            }
        }
    }

    /// Offers the new cards of a component that has just opened.
    private mutating func pushNewCards(of component: Int) {
        for member in selector.componentMembers.members(of: component) {
            for card in selector.cardsOfConcept[Int(member)] where newPosition[card] >= 0 && schedules[card].isNew {
                openNew.insert(newPosition[card])
            }
        }
    }

    /// Counts the cards whose due time has come by `now`.
    private mutating func advance(to now: Date) {
        while let top = notYetDue.min, top.due <= now {
            notYetDue.removeMin()
            guard schedules[top.card].due == top.due, !countedDue[top.card] else { continue }
            countedDue[top.card] = true
            dueCount += 1
            due.insert(top)
        }
    }

    /// The choice `CardSelector.next` makes for the current schedules: the most overdue due review,
    /// else (when `newAllowance > 0`) the first open new card in study order; cards in `excluded`
    /// are skipped.
    /// - Complexity: O((1 + stale entries + excluded) log cards), amortized O(log cards).
    public mutating func next(now: Date, newAllowance: Int, excluded: Set<Int> = []) -> Selection? {
        advance(to: now)
        var skipped: [DueEntry] = []
        defer { for entry in skipped { due.insert(entry) } }
        while let top = due.min, top.due <= now {
            guard countedDue[top.card], schedules[top.card].due == top.due else {
                due.removeMin()
                continue
            }
            if excluded.contains(top.card) {
                skipped.append(due.removeMin())
                continue
            }
            return Selection(card: top.card, reason: .due)
        }
        guard newAllowance > 0 else { return nil }
        var skippedNew: [Int] = []
        defer { for position in skippedNew { openNew.insert(position) } }
        while let position = openNew.min {
            let card = selector.newCardOrder[position]
            guard schedules[card].isNew, isOpen(card: card) else {
                openNew.removeMin()
                continue
            }
            if excluded.contains(card) {
                skippedNew.append(openNew.removeMin())
                continue
            }
            return Selection(card: card, reason: .new)
        }
        return nil
    }
}

/// A binary min-heap.
struct MinHeap<Element: Comparable & Sendable>: Sendable {
    var items: [Element] = []
    var min: Element? { items.first }

    mutating func insert(_ element: Element) {
        items.append(element)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard element < items[parent] else { break }
            items[i] = items[parent]
            i = parent
        }
        items[i] = element
    }

    @discardableResult
    mutating func removeMin() -> Element {
        let top = items[0]
        let last = items.removeLast()
        guard !items.isEmpty else { return top }
        var i = 0
        while true {
            var child = 2 * i + 1
            guard child < items.count else { break }
            if child + 1 < items.count && items[child + 1] < items[child] { child += 1 }
            guard items[child] < last else { break }
            items[i] = items[child]
            i = child
        }
        items[i] = last
        return top
    }
}
