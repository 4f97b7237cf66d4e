import Foundation
import Scheduling
import Testing

@Suite struct SchedulerTests {
    let scheduler = Scheduler()
    let start = Date(timeIntervalSince1970: 1_767_603_600)  // 2026-01-05 09:00 UTC

    func day(_ days: Double) -> Date { start.addingTimeInterval(days * 86_400) }

    @Test func defaultParametersAreFSRS6() {
        #expect(FSRSParameters.fsrs6.weights.count == 21)
        #expect(FSRSParameters.fsrs6.weights[20] == 0.1542)
        #expect(FSRSParameters.fsrs6.desiredRetention == 0.9)
    }

    @Test func retrievabilityIsNinetyPercentAfterOneStabilityWhateverTheDecay() {
        for stability in [0.5, 2.3065, 30, 400] {
            #expect(abs(scheduler.retrievability(stability: stability, elapsedDays: stability) - 0.9) < 1e-12)
        }
        var weights = FSRSParameters.defaultWeights
        weights[20] = 0.5
        let other = Scheduler(parameters: FSRSParameters(weights: weights))
        #expect(abs(other.retrievability(stability: 7, elapsedDays: 7) - 0.9) < 1e-12)
        #expect(scheduler.retrievability(stability: 5, elapsedDays: 0) == 1)
        // Decreasing in time.
        #expect(
            scheduler.retrievability(stability: 5, elapsedDays: 10)
                < scheduler.retrievability(stability: 5, elapsedDays: 9))
    }

    @Test func intervalEqualsStabilityAtNinetyPercentRoundedAndClamped() {
        #expect(scheduler.interval(stability: 13.8) == 14)
        #expect(scheduler.interval(stability: 0.212) == 1)  // at least one day
        #expect(scheduler.interval(stability: 1e9) == 36500)  // at most the maximum
    }

    @Test func firstAnswerUsesInitialStabilityAndDifficulty() {
        for grade in Grade.allCases {
            let outcome = scheduler.review(.new, grade: grade, at: start)
            #expect(outcome.after.memory?.stability == FSRSParameters.defaultWeights[grade.rawValue - 1])
            #expect(outcome.retrievability == 0)
            #expect(outcome.after.reviews == 1 && outcome.after.lapses == 0)
        }
        let good = scheduler.review(.new, grade: .good, at: start)
        #expect(abs(good.after.memory!.difficulty - 2.118103970459016) < 1e-12)
    }

    /// Values printed by the reference Python package (fsrs 6.3.2, no learning steps, no fuzz) for
    /// one history with a lapse, a same-day review, an easy and a hard answer.
    @Test func historyMatchesReferenceValues() {
        let answers: [(Grade, Double, Double, Double, Int)] = [
            (.good, 0, 2.3065, 2.118103970459016, 2),
            (.good, 3, 13.826903694354568, 2.111214235785395, 14),
            (.again, 10, 1.6145979400290673, 7.392238132342694, 2),
            (.good, 10.25, 1.6438451729666657, 7.38007426350719, 2),
            (.easy, 15, 11.39714318414838, 6.489845540207452, 11),
            (.hard, 40, 29.864926930340864, 7.655024265688718, 30),
        ]
        var schedule = CardSchedule.new
        for (grade, at, stability, difficulty, interval) in answers {
            let outcome = scheduler.review(schedule, grade: grade, at: day(at))
            schedule = outcome.after
            #expect(abs(schedule.memory!.stability / stability - 1) < 1e-9, "\(grade) at day \(at)")
            #expect(abs(schedule.memory!.difficulty / difficulty - 1) < 1e-9, "\(grade) at day \(at)")
            #expect(outcome.intervalDays == interval, "\(grade) at day \(at)")
        }
        #expect(schedule.reviews == 6 && schedule.lapses == 1)
    }

    @Test func sameDaySuccessNeverLowersStability() {
        let first = scheduler.review(.new, grade: .easy, at: start).after
        for grade in [Grade.hard, .good, .easy] {
            let again = scheduler.review(first, grade: grade, at: start.addingTimeInterval(600))
            #expect(again.after.memory!.stability >= first.memory!.stability)
            #expect(again.elapsedDays == 0)
        }
        let forgot = scheduler.review(first, grade: .again, at: start.addingTimeInterval(600))
        #expect(forgot.after.memory!.stability < first.memory!.stability)
    }

    @Test func lapseNeverRaisesStabilityAndCountsALapse() {
        var schedule = scheduler.review(.new, grade: .good, at: start).after
        schedule = scheduler.review(schedule, grade: .good, at: day(3)).after
        let lapse = scheduler.review(schedule, grade: .again, at: day(40))
        #expect(lapse.after.memory!.stability < schedule.memory!.stability)
        #expect(lapse.after.lapses == 1)
        #expect((1...10).contains(lapse.after.memory!.difficulty))
    }

    @Test func elapsedDaysCountWholeDays() {
        #expect(Scheduler.elapsedDays(from: start, to: day(0.99)) == 0)
        #expect(Scheduler.elapsedDays(from: start, to: day(1)) == 1)
        #expect(Scheduler.elapsedDays(from: start, to: day(-3)) == 0)
    }

    @Test func replayGivesTheSameStateAsAnswersOneByOne() {
        let answers: [(grade: Grade, at: Date)] = [
            (.hard, day(0)), (.good, day(1.5)), (.again, day(9)), (.good, day(9.1)),
        ]
        var schedule = CardSchedule.new
        for answer in answers { schedule = scheduler.review(schedule, grade: answer.grade, at: answer.at).after }
        #expect(scheduler.replay(answers) == schedule)
    }

    @Test func gradesParseFromNumbersAndNames() {
        #expect(Grade(text: "3") == .good)
        #expect(Grade(text: "Easy") == .easy)
        #expect(Grade(text: "5") == nil)
        #expect(Grade(text: "x") == nil)
    }
}
