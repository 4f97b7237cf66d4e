import Foundation

/// FSRS-6 (Free Spaced Repetition Scheduler, version 6): from a card's memory state, the time since
/// its last review and the grade given, the new memory state and the next interval.
///
/// Design note. Written from the published description of the algorithm (the FSRS wiki, "The
/// Algorithm", and open-spaced-repetition's documentation), and checked against the reference
/// Python package (`fsrs` on PyPI) by `.ci/checks/40-fsrs-reference.sh`:
/// - forgetting curve R(t, S) = (1 + F·t/S)^(−w20) with F = 0.9^(−1/w20) − 1, so R(S, S) = 0.9
///   whatever the trainable decay w20;
/// - first answer: S0 = w[G−1], D0(G) = w4 − e^(w5·(G−1)) + 1, clamped to [1, 10];
/// - difficulty: ΔD = −w6·(G−3), damped linearly by (10 − D)/9, then mean reversion towards the
///   unclamped D0(easy) with weight w7, clamped to [1, 10];
/// - a review on a later day: recall gives S·(1 + e^w8·(11−D)·S^(−w9)·(e^(w10·(1−R)) − 1)·penalty),
///   hard ×w15, easy ×w16; a lapse gives min(w11·D^(−w12)·((S+1)^w13 − 1)·e^(w14·(1−R)),
///   S / e^(w17·w18));
/// - a review on the same day (less than one whole day since the last): S·e^(w17·(G−3+w18))·S^(−w19),
///   the factor at least 1 for hard, good and easy (a success never lowers stability);
/// - stability is at least 0.001 day;
/// - interval I = S/F·(r^(−1/w20) − 1) for desired retention r, rounded half-to-even to whole days,
///   clamped to [1, maximum interval].
///
/// Elapsed time counts whole days (24-hour periods) since the last review, as the reference does;
/// "same day" therefore means "less than 24 hours ago". Learning steps (minutes-long steps before a
/// card's first interval) are not part of the algorithm: the study session repeats a forgotten card
/// later in the same session, and that repeat is a same-day review.
///
/// What it gets wrong: it knows nothing about related cards (a card's memory is independent of
/// its concept's other cards), and the default weights fit an average learner, not this one.
public struct Scheduler: Sendable {
    public let parameters: FSRSParameters
    /// −w20: the exponent of the forgetting curve.
    public let decay: Double
    /// 0.9^(1/decay) − 1: makes R(S, S) = 0.9.
    public let factor: Double

    public static let minimumStability = 0.001
    public static let difficultyRange = 1.0...10.0
    public static let secondsPerDay = 86_400.0

    public init(parameters: FSRSParameters = .fsrs6) {
        self.parameters = parameters
        decay = -parameters.weights[20]
        factor = pow(0.9, 1 / decay) - 1
    }

    private var w: [Double] { parameters.weights }

    // MARK: The forgetting curve and intervals

    /// The probability of recall `elapsedDays` after a review that left stability `stability`.
    public func retrievability(stability: Double, elapsedDays: Double) -> Double {
        pow(1 + factor * max(0, elapsedDays) / stability, decay)
    }

    /// The probability of recall of a seen card at `date`, counting whole days as the scheduler does;
    /// 0 for a new card.
    public func retrievability(of schedule: CardSchedule, at date: Date) -> Double {
        guard let memory = schedule.memory, let last = schedule.lastReview else { return 0 }
        return retrievability(stability: memory.stability, elapsedDays: Double(Self.elapsedDays(from: last, to: date)))
    }

    /// Days after a review with stability `stability` until recall falls to the desired retention,
    /// in whole days within [1, maximum interval].
    public func interval(stability: Double) -> Int {
        let days = stability / factor * (pow(parameters.desiredRetention, 1 / decay) - 1)
        let rounded = days.rounded(.toNearestOrEven)
        guard rounded.isFinite else { return parameters.maximumInterval }
        return min(max(Int(rounded), 1), parameters.maximumInterval)
    }

    /// Whole 24-hour periods from `start` to `end` (0 when `end` is earlier).
    public static func elapsedDays(from start: Date, to end: Date) -> Int {
        let days = (end.timeIntervalSince(start) / secondsPerDay).rounded(.down)
        return days > 0 ? Int(days) : 0
    }

    // MARK: The memory model

    public func initialStability(_ grade: Grade) -> Double {
        max(w[grade.rawValue - 1], Self.minimumStability)
    }

    /// D0(G); `clamped: false` gives the raw value that mean reversion aims at.
    public func initialDifficulty(_ grade: Grade, clamped: Bool = true) -> Double {
        let d = w[4] - exp(w[5] * Double(grade.rawValue - 1)) + 1
        return clamped ? Self.clampDifficulty(d) : d
    }

    public func nextDifficulty(_ difficulty: Double, grade: Grade) -> Double {
        let delta = -w[6] * Double(grade.rawValue - 3)
        let damped = difficulty + delta * (10 - difficulty) / 9
        let reverted = w[7] * initialDifficulty(.easy, clamped: false) + (1 - w[7]) * damped
        return Self.clampDifficulty(reverted)
    }

    /// Stability after a successful review on a later day, at retrievability `r`.
    public func recallStability(_ memory: MemoryState, retrievability r: Double, grade: Grade) -> Double {
        let penalty = grade == .hard ? w[15] : 1
        let bonus = grade == .easy ? w[16] : 1
        let s = memory.stability
        let growth = exp(w[8]) * (11 - memory.difficulty) * pow(s, -w[9]) * (exp(w[10] * (1 - r)) - 1)
        return s * (1 + growth * penalty * bonus)
    }

    /// Stability after a lapse on a later day, at retrievability `r`: never above what a same-day
    /// lapse would leave.
    public func forgetStability(_ memory: MemoryState, retrievability r: Double) -> Double {
        let s = memory.stability
        let longTerm = w[11] * pow(memory.difficulty, -w[12]) * (pow(s + 1, w[13]) - 1) * exp(w[14] * (1 - r))
        let shortTerm = s / exp(w[17] * w[18])
        return min(longTerm, shortTerm)
    }

    /// Stability after a review less than a day after the previous one.
    public func shortTermStability(_ stability: Double, grade: Grade) -> Double {
        var increase = exp(w[17] * (Double(grade.rawValue) - 3 + w[18])) * pow(stability, -w[19])
        if grade >= .hard { increase = max(increase, 1) }
        return max(stability * increase, Self.minimumStability)
    }

    // MARK: Reviews

    /// What one answer did to a card.
    public struct Outcome: Sendable, Hashable {
        public var before: CardSchedule
        public var after: CardSchedule
        public var grade: Grade
        public var reviewedAt: Date
        /// Whole days since the previous review (0 for a new card).
        public var elapsedDays: Int
        /// The probability of recall just before the answer (0 for a new card).
        public var retrievability: Double
        /// Days until the card is due again.
        public var intervalDays: Int
    }

    /// Applies one answer given at `date` to `schedule`.
    public func review(_ schedule: CardSchedule, grade: Grade, at date: Date) -> Outcome {
        let elapsed = schedule.lastReview.map { Self.elapsedDays(from: $0, to: date) } ?? 0
        var retrievability = 0.0
        let memory: MemoryState
        if let old = schedule.memory {
            retrievability = self.retrievability(stability: old.stability, elapsedDays: Double(elapsed))
            let sameDay = schedule.lastReview.map { date.timeIntervalSince($0) < Self.secondsPerDay } ?? false
            let stability: Double
            if sameDay {
                stability = shortTermStability(old.stability, grade: grade)
            } else if grade == .again {
                stability = max(forgetStability(old, retrievability: retrievability), Self.minimumStability)
            } else {
                stability = max(
                    recallStability(old, retrievability: retrievability, grade: grade), Self.minimumStability)
            }
            memory = MemoryState(stability: stability, difficulty: nextDifficulty(old.difficulty, grade: grade))
        } else {
            memory = MemoryState(stability: initialStability(grade), difficulty: initialDifficulty(grade))
        }
        let days = interval(stability: memory.stability)
        let after = CardSchedule(
            memory: memory, lastReview: date, due: date.addingTimeInterval(Double(days) * Self.secondsPerDay),
            reviews: schedule.reviews + 1,
            lapses: schedule.lapses + (grade == .again && !schedule.isNew ? 1 : 0))
        return Outcome(
            before: schedule, after: after, grade: grade, reviewedAt: date, elapsedDays: elapsed,
            retrievability: retrievability, intervalDays: days)
    }

    /// Replays answers from a new card: what the review log gives back.
    public func replay(_ answers: [(grade: Grade, at: Date)]) -> CardSchedule {
        answers.reduce(CardSchedule.new) { review($0, grade: $1.grade, at: $1.at).after }
    }

    private static func clampDifficulty(_ d: Double) -> Double {
        min(max(d, difficultyRange.lowerBound), difficultyRange.upperBound)
    }
}
