import ConceptAnalysis
import Foundation
import Scheduling

/// Learned / total, overall, per cluster and per concept: what `progress` prints.
public struct ProgressReport: Sendable, Codable, Hashable {
    public struct Count: Sendable, Codable, Hashable {
        public var learned: Int
        public var total: Int
    }

    public struct ConceptProgress: Sendable, Codable, Hashable {
        public var id: String
        public var label: String
        public var cluster: String
        /// `learned`, `learning` (some card seen), `ready` (open, not started) or `locked`.
        public var status: String
        public var cards: Count
        /// Mean probability of recall of its seen cards now (nil when none is seen).
        public var retrievability: Double?
    }

    public struct ClusterProgress: Sendable, Codable, Hashable {
        public var name: String
        public var concepts: Count
        public var cards: Count
    }

    public var cards: Count
    public var concepts: Count
    public var seenCards: Int
    public var dueNow: Int
    public var clusters: [ClusterProgress]
    /// Concepts with cards, in study order.
    public var conceptDetails: [ConceptProgress]

    enum CodingKeys: String, CodingKey {
        case cards, concepts, seenCards, dueNow, clusters
        case conceptDetails = "conceptList"
    }

    /// Progress of the selector's scope for `schedules` (one per card) at `now`.
    /// - Complexity: O(cards + V + E + V log V).
    public init(selector: CardSelector, schedules: [CardSchedule], scheduler: Scheduler, now: Date) {
        let analyzed = selector.analyzed
        let graph = analyzed.graph
        let gate = selector.gate(schedules)
        var cards = Count(learned: 0, total: 0)
        var seen = 0
        var due = 0
        for card in 0..<schedules.count where selector.cardInScope[card] {
            cards.total += 1
            if selector.threshold.isLearned(schedules[card]) { cards.learned += 1 }
            if !schedules[card].isNew { seen += 1 }
            if schedules[card].isDue(at: now) { due += 1 }
        }
        var clusterTotals = analyzed.clusterNames.map {
            ClusterProgress(name: $0, concepts: Count(learned: 0, total: 0), cards: Count(learned: 0, total: 0))
        }
        var concepts = Count(learned: 0, total: 0)
        var details: [ConceptProgress] = []
        for concept in analyzed.studyOrder
        where selector.inScope[concept] && !selector.cardsOfConcept[concept].isEmpty {
            let info = graph.concepts[concept]
            let own = selector.cardsOfConcept[concept].filter { $0 < schedules.count }
            let learnedCards = own.filter { selector.threshold.isLearned(schedules[$0]) }.count
            let seenCards = own.filter { !schedules[$0].isNew }
            let recall =
                seenCards.isEmpty
                ? nil
                : seenCards.map { scheduler.retrievability(of: schedules[$0], at: now) }.reduce(0, +)
                    / Double(seenCards.count)
            let status =
                gate.learned[concept]
                ? "learned" : !seenCards.isEmpty ? "learning" : gate.open[concept] ? "ready" : "locked"
            let clusterID = concept < analyzed.cluster.count ? analyzed.cluster[concept] : 0
            let clusterName = clusterID < analyzed.clusterNames.count ? analyzed.clusterNames[clusterID] : ""
            details.append(
                ConceptProgress(
                    id: info.id, label: info.label, cluster: clusterName, status: status,
                    cards: Count(learned: learnedCards, total: own.count), retrievability: recall))
            concepts.total += 1
            if gate.learned[concept] { concepts.learned += 1 }
            if clusterID < clusterTotals.count {
                clusterTotals[clusterID].concepts.total += 1
                if gate.learned[concept] { clusterTotals[clusterID].concepts.learned += 1 }
                clusterTotals[clusterID].cards.total += own.count
                clusterTotals[clusterID].cards.learned += learnedCards
            }
        }
        self.cards = cards
        self.concepts = concepts
        self.seenCards = seen
        self.dueNow = due
        self.clusters = clusterTotals.filter { $0.concepts.total > 0 }
        self.conceptDetails = details
    }
}

/// What is due in the coming days and what unlocks next, without studying: `study --plan`.
public struct StudyPlan: Sendable {
    /// Reviews due now (overdue included).
    public var dueNow: Int
    /// Reviews falling due on each of the next days (day 1 = tomorrow), by the calendar given.
    public var duePerDay: [(day: Date, count: Int)]
    /// New cards open now, in study order, and how many of them today's allowance still admits.
    public var readyNewCards: [Int]
    public var newAllowance: Int
    /// Concepts still locked, in study order, each with the direct prerequisites it waits for.
    public var locked: [(concept: Int, waitingFor: [Int])]

    /// - Complexity: O(cards + V + E).
    public init(
        selector: CardSelector, schedules: [CardSchedule], now: Date, days: Int, newAllowance: Int,
        calendar: Calendar
    ) {
        let analyzed = selector.analyzed
        let graph = analyzed.graph
        let gate = selector.gate(schedules)
        let today = calendar.startOfDay(for: now)
        var buckets = [Int](repeating: 0, count: max(days, 0))
        var dueNow = 0
        for card in 0..<schedules.count where selector.cardInScope[card] {
            guard let due = schedules[card].due else { continue }
            if due <= now {
                dueNow += 1
                continue
            }
            let offset = calendar.dateComponents([.day], from: today, to: calendar.startOfDay(for: due)).day ?? 0
            if offset >= 1 && offset <= buckets.count { buckets[offset - 1] += 1 }
        }
        self.dueNow = dueNow
        self.duePerDay = buckets.enumerated().map { index, count in
            (calendar.date(byAdding: .day, value: index + 1, to: today) ?? today, count)
        }
        self.readyNewCards = selector.newCardOrder.filter {
            schedules[$0].isNew && selector.isOpen(card: $0, in: gate)
        }
        self.newAllowance = newAllowance
        var locked: [(Int, [Int])] = []
        for concept in analyzed.studyOrder
        where selector.inScope[concept] && !gate.open[concept] && !selector.cardsOfConcept[concept].isEmpty {
            locked.append((concept, selector.blockers(of: concept, in: gate)))
        }
        self.locked = locked
    }
}
