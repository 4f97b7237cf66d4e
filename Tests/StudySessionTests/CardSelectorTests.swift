import ConceptAnalysis
import ConceptExtraction
import DeckReading
import Foundation
import Scheduling
import StudySession
import Testing

/// A small graph written by hand (not extracted, so the tests do not depend on extraction rules):
/// `concepts` with `cardsPer` cards each, and dependency edges `(from, to, kind)`.
func makeGraph(concepts: Int, cardsPer: Int = 1, edges: [(Int, Int, RelationKind)]) -> AnalyzedGraph {
    var cards: [Card] = []
    var list: [Concept] = []
    for c in 0..<concepts {
        var own: [Int] = []
        for k in 0..<cardsPer {
            own.append(cards.count)
            cards.append(
                Card(
                    front: "front \(c).\(k)", back: "back \(c).\(k)", deck: "deck",
                    location: SourceLocation(file: "deck.txt", line: cards.count * 2 + 1)))
        }
        list.append(Concept(id: "c\(c)", label: "concept \(c)", cards: own, firstSeen: own.first ?? 0))
    }
    let relations = edges.map { Relation(source: $0.0, target: $0.1, kind: $0.2) }
        .sorted { ($0.source, $0.target, $0.kind) < ($1.source, $1.target, $1.kind) }
    return Analyzer().analyze(ConceptGraph(cards: cards, concepts: list, relations: relations))
}

@Suite struct CardSelectorTests {
    let scheduler = Scheduler()
    let start = Date(timeIntervalSince1970: 1_767_603_600)

    /// Runs a whole simulated learner over `days` days: every day, every card the selector offers is
    /// answered with `grade(card)`. Checks, before each new card, that every prerequisite of its
    /// concept (by `AnalyzedGraph.prerequisites(of:)`, outside its own cycle) is learned.
    func simulate(
        _ analyzed: AnalyzedGraph, selector: CardSelector, days: Int, newPerDay: Int = 1000,
        grade: (Int, Int) -> Grade = { _, _ in .good }
    ) -> (schedules: [CardSchedule], newOrder: [Int]) {
        var schedules = [CardSchedule](repeating: .new, count: analyzed.graph.cards.count)
        var newOrder: [Int] = []
        let threshold = selector.threshold
        for day in 0..<days {
            var queue = SessionQueue()
            var introduced = 0
            let now = start.addingTimeInterval(Double(day) * 86_400)
            var answers = 0
            while let pick = queue.next(
                selector: selector, schedules: schedules, now: now, newAllowance: newPerDay - introduced),
                answers < 10_000
            {
                if pick.reason == .new {
                    introduced += 1
                    newOrder.append(pick.card)
                    for concept in [selector.conceptOfCard[pick.card]] where concept >= 0 {
                        let cycle = Set(
                            analyzed.prerequisites(of: concept).filter {
                                analyzed.prerequisites(of: $0).contains(concept)
                            })
                        for prerequisite in analyzed.prerequisites(of: concept) where !cycle.contains(prerequisite) {
                            let learned = selector.cardsOfConcept[prerequisite].allSatisfy {
                                threshold.isLearned(schedules[$0])
                            }
                            #expect(learned, "card \(pick.card) came before prerequisite \(prerequisite) was learned")
                        }
                    }
                }
                let g = grade(pick.card, schedules[pick.card].reviews)
                schedules[pick.card] = scheduler.review(schedules[pick.card], grade: g, at: now).after
                queue.answered(card: pick.card, grade: g)
                answers += 1
            }
        }
        return (schedules, newOrder)
    }

    @Test func noNewCardBeforeItsPrerequisitesAreLearned() {
        // 0 → 1 → 3, 0 → 2 → 3, 4 alone; hard answers keep stability under the threshold at first.
        let analyzed = makeGraph(
            concepts: 5, cardsPer: 2, edges: [(0, 1, .broader), (1, 3, .requires), (0, 2, .requires), (2, 3, .broader)])
        let selector = CardSelector(analyzed: analyzed)
        let (schedules, order) = simulate(analyzed, selector: selector, days: 30) { _, reviews in
            reviews == 0 ? .hard : .good
        }
        #expect(Set(order) == Set(0..<10), "every card is eventually introduced")
        #expect(schedules.allSatisfy { !$0.isNew })
        // Concept 3's cards came after all cards of 0, 1 and 2.
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        for card in analyzed.graph.concepts[3].cards {
            for earlier in [0, 1, 2].flatMap({ analyzed.graph.concepts[$0].cards }) {
                #expect(position[earlier]! < position[card]!)
            }
        }
    }

    @Test func firstDayOffersOnlyOpenConcepts() {
        let analyzed = makeGraph(concepts: 3, edges: [(0, 1, .requires), (1, 2, .requires)])
        let selector = CardSelector(analyzed: analyzed)
        var schedules = [CardSchedule](repeating: .new, count: 3)
        let first = selector.next(schedules: schedules, now: start, newAllowance: 10)
        #expect(first == Selection(card: 0, reason: .new))
        // Recalled with difficulty: stability 1.29 < 2 days, so 1 stays locked.
        schedules[0] = scheduler.review(.new, grade: .hard, at: start).after
        #expect(selector.next(schedules: schedules, now: start, newAllowance: 10) == nil)
        let gate = selector.gate(schedules)
        #expect(gate.open == [true, false, false])
        #expect(selector.blockers(of: 1, in: gate) == [0])
        // Good on a later day: learned, and 1 opens (but not 2).
        let later = start.addingTimeInterval(2 * 86_400)
        schedules[0] = scheduler.review(schedules[0], grade: .good, at: later).after
        #expect(selector.next(schedules: schedules, now: later, newAllowance: 10) == Selection(card: 1, reason: .new))
        #expect(selector.gate(schedules).open == [true, true, false])
    }

    @Test func gateAgreesWithTransitivePrerequisitesOnRandomGraphs() {
        var seed: UInt64 = 12345
        func nextRandom() -> UInt64 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return seed >> 33
        }
        for _ in 0..<30 {
            let n = 12
            var edges: [(Int, Int, RelationKind)] = []
            var seen = Set<[Int]>()
            for _ in 0..<18 {
                let a = Int(nextRandom() % UInt64(n))
                let b = Int(nextRandom() % UInt64(n))
                let kind: RelationKind = nextRandom() % 2 == 0 ? .broader : .requires
                if a != b && seen.insert([a, b, kind == .broader ? 0 : 1]).inserted { edges.append((a, b, kind)) }
            }
            let analyzed = makeGraph(concepts: n, edges: edges)
            let selector = CardSelector(analyzed: analyzed)
            var schedules = [CardSchedule](repeating: .new, count: n)
            for card in 0..<n where nextRandom() % 2 == 0 {
                schedules[card] = scheduler.review(.new, grade: .good, at: start).after
            }
            let gate = selector.gate(schedules)
            for concept in 0..<n {
                let prerequisites = analyzed.prerequisites(of: concept)
                let outsideCycle = prerequisites.filter { !analyzed.prerequisites(of: $0).contains(concept) }
                let expected = outsideCycle.allSatisfy { gate.learned[$0] }
                #expect(gate.open[concept] == expected, "concept \(concept) of \(edges)")
            }
        }
    }

    @Test func cycleMembersComeTogether() {
        // 0 → 1 ⇄ 2 → 3, plus unrelated 4 first in deck order after 0.
        let analyzed = makeGraph(
            concepts: 5, edges: [(0, 1, .requires), (1, 2, .requires), (2, 1, .requires), (2, 3, .requires)])
        let selector = CardSelector(analyzed: analyzed)
        let (_, order) = simulate(analyzed, selector: selector, days: 10)
        let one = order.firstIndex(of: 1)!
        let two = order.firstIndex(of: 2)!
        #expect(abs(one - two) == 1, "cycle members adjacent in \(order)")
        #expect(order.firstIndex(of: 3)! > max(one, two))
        let why = selector.waitedFor(card: 1, schedules: [CardSchedule](repeating: .new, count: 5))
        #expect(why.prerequisites.map(\.concept) == [0])
        #expect(why.cycle == [2])
    }

    @Test func targetLimitsToTheConceptAndWhatItRequires() {
        let analyzed = makeGraph(concepts: 5, edges: [(0, 1, .requires), (1, 2, .broader), (3, 4, .requires)])
        let selector = CardSelector(analyzed: analyzed, target: 2)
        #expect(selector.inScope == [true, true, true, false, false])
        #expect(Set(selector.newCardOrder) == [0, 1, 2])
        let (_, order) = simulate(analyzed, selector: selector, days: 10)
        #expect(order == [0, 1, 2])
    }

    @Test func newCardsPerDayAreCapped() {
        let analyzed = makeGraph(concepts: 6, edges: [])
        let selector = CardSelector(analyzed: analyzed)
        let (_, order) = simulate(analyzed, selector: selector, days: 1, newPerDay: 2)
        #expect(order.count == 2)
        #expect(selector.next(schedules: .init(repeating: .new, count: 6), now: start, newAllowance: 0) == nil)
    }

    @Test func dueReviewsComeBeforeNewCards() {
        let analyzed = makeGraph(concepts: 3, edges: [])
        let selector = CardSelector(analyzed: analyzed)
        var schedules = [CardSchedule](repeating: .new, count: 3)
        schedules[2] = scheduler.review(.new, grade: .good, at: start).after
        let later = start.addingTimeInterval(5 * 86_400)
        #expect(selector.next(schedules: schedules, now: later, newAllowance: 5) == Selection(card: 2, reason: .due))
    }

    @Test func forgottenCardComesBackInTheSameSession() {
        let analyzed = makeGraph(concepts: 6, edges: [])
        let selector = CardSelector(analyzed: analyzed)
        var schedules = [CardSchedule](repeating: .new, count: 6)
        var queue = SessionQueue(retryGap: 2)
        var shown: [Selection] = []
        while let pick = queue.next(selector: selector, schedules: schedules, now: start, newAllowance: 10),
            shown.count < 20
        {
            shown.append(pick)
            let grade: Grade = pick.card == 0 && pick.reason == .new ? .again : .good
            schedules[pick.card] = scheduler.review(schedules[pick.card], grade: grade, at: start).after
            queue.answered(card: pick.card, grade: grade)
        }
        #expect(shown.map(\.card) == [0, 1, 2, 0, 3, 4, 5])
        #expect(shown[3].reason == .retry)
    }

    @Test func cardListedUnderTwoConceptsBelongsToTheLaterOneAndNeverDeadlocks() {
        // Card 1 is about both A (0) and B (1), and B requires A: it is a B card.
        let cards = (0..<3).map {
            Card(front: "front \($0)", back: "back", deck: "d", location: SourceLocation(file: "d.txt", line: $0 + 1))
        }
        let concepts = [
            Concept(id: "a", label: "A", cards: [0, 1], firstSeen: 0),
            Concept(id: "b", label: "B", cards: [1, 2], firstSeen: 1),
        ]
        let analyzed = Analyzer().analyze(
            ConceptGraph(cards: cards, concepts: concepts, relations: [Relation(source: 0, target: 1, kind: .requires)])
        )
        for target in [nil, 1] as [Int?] {
            let selector = CardSelector(analyzed: analyzed, target: target)
            #expect(selector.conceptOfCard == [0, 1, 1])
            #expect(selector.cardsOfConcept == [[0], [1, 2]])
            let (schedules, order) = simulate(analyzed, selector: selector, days: 3)
            #expect(order == [0, 1, 2], "target \(String(describing: target))")
            #expect(selector.gate(schedules).learned == [true, true])
        }
    }
}
