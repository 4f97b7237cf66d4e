import ConceptAnalysis
import ConceptExtraction
import Foundation
import Scheduling
import StudySession
import Testing

@Suite struct SelectionStateTests {
    let scheduler = Scheduler()
    let start = Date(timeIntervalSince1970: 1_767_603_600)

    /// Drives a session's incremental state and the from-scratch selector side by side over random
    /// graphs (cycles, shared cards, a target), random grades (lapses re-lock concepts) and several
    /// days: every choice, the gate and the due count must agree.
    @Test func makesTheSameChoicesAsTheSelectorOnRandomGraphs() {
        var seed: UInt64 = 2026
        func nextRandom(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        var choices = 0
        for round in 0..<40 {
            let n = 6 + nextRandom(10)
            var edges: [(Int, Int, RelationKind)] = []
            var seen = Set<[Int]>()
            for _ in 0..<(n + nextRandom(n)) {
                let a = nextRandom(n)
                let b = nextRandom(n)
                let kind: RelationKind = nextRandom(2) == 0 ? .broader : .requires
                if a != b && seen.insert([a, b, kind == .broader ? 0 : 1]).inserted { edges.append((a, b, kind)) }
            }
            let analyzed = makeGraph(concepts: n, cardsPer: 1 + nextRandom(3), edges: edges)
            let target = round % 4 == 3 ? nextRandom(n) : nil
            let selector = CardSelector(analyzed: analyzed, target: target)
            let cardCount = analyzed.graph.cards.count
            var schedules = [CardSchedule](repeating: .new, count: cardCount)
            var state = SelectionState(selector: selector, schedules: schedules, now: start)
            for day in 0..<6 {
                // Half a day apart, so some cards fall due in the middle of a "day".
                for half in 0..<2 {
                    let now = start.addingTimeInterval(Double(day) * 86_400 + Double(half) * 43_200)
                    var excluded = Set<Int>()
                    var allowance = 1 + nextRandom(4)
                    for _ in 0..<(4 * cardCount) {
                        let expected = selector.next(
                            schedules: schedules, now: now, newAllowance: allowance, excluded: excluded)
                        let actual = state.next(now: now, newAllowance: allowance, excluded: excluded)
                        #expect(actual == expected, "round \(round) day \(day): \(edges)")
                        let dueNow = (0..<cardCount).count {
                            selector.cardInScope[$0] && schedules[$0].isDue(at: now)
                        }
                        #expect(state.dueCount == dueNow)
                        let gate = selector.gate(schedules)
                        for card in 0..<cardCount {
                            #expect(state.isOpen(card: card) == selector.isOpen(card: card, in: gate))
                        }
                        guard let pick = expected else { break }
                        choices += 1
                        if pick.reason == .new { allowance -= 1 }
                        let grade = Grade(rawValue: 1 + nextRandom(4))!
                        schedules[pick.card] = scheduler.review(schedules[pick.card], grade: grade, at: now).after
                        state.update(card: pick.card, to: schedules[pick.card], now: now)
                        // Sometimes hold a card back, as a session does with a forgotten card.
                        if nextRandom(5) == 0 { excluded.insert(pick.card) }
                        if nextRandom(7) == 0 { excluded.removeAll() }
                    }
                }
            }
        }
        #expect(choices > 500)
    }

    @Test func anotherSessionsAnswerOpensTheNextConcept() {
        // 0 → 1: concept 1's card waits until concept 0's card is learned, whoever answers it.
        let analyzed = makeGraph(concepts: 2, edges: [(0, 1, .requires)])
        let selector = CardSelector(analyzed: analyzed)
        var state = SelectionState(
            selector: selector, schedules: [CardSchedule](repeating: .new, count: 2), now: start)
        #expect(state.next(now: start, newAllowance: 5) == Selection(card: 0, reason: .new))
        #expect(!state.isOpen(card: 1))
        state.update(card: 0, to: scheduler.review(.new, grade: .easy, at: start).after, now: start)
        #expect(state.isOpen(card: 1))
        #expect(state.next(now: start, newAllowance: 5) == Selection(card: 1, reason: .new))
        // A lapse below the threshold locks it again.
        let lapsed = scheduler.review(
            state.schedules[0], grade: .again, at: start.addingTimeInterval(30 * 86_400)
        ).after
        state.update(card: 0, to: lapsed, now: start.addingTimeInterval(30 * 86_400))
        #expect(!state.isOpen(card: 1))
        #expect(state.dueCount == 0)
    }
}
