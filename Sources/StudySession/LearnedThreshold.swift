import Scheduling

/// When a card, and so a concept, counts as learned: the gate that holds back the cards of the
/// concepts that build on it.
///
/// Design note. The threshold is on FSRS stability, the number of days until the probability of
/// recall falls to 90% (whatever the decay, R(S, S) = 0.9). The default, 2 days, means "the learner
/// can still recall it with 90% probability two days from now". One `good` on first sight gives
/// S = 2.31 days and passes, as does `easy` (8.3); `hard` (1.29) needs a successful review on a
/// later day; a card forgotten and then recalled the same day stays below (S ≈ 0.25) until it is
/// recalled on another day. So a learner who already knows a prerequisite is held back by one card,
/// and one who is learning it waits until it has survived a night. Stability, not retrievability, is
/// used because it does not decay while the learner is away: a prerequisite learned once does not
/// re-lock its dependents when reviews fall behind (overdue reviews come first anyway).
/// What it gets wrong: a concept is learned only when every one of its cards is, so a concept with
/// many cards gates for longer; a lapse below the threshold re-locks dependents not yet started.
public struct LearnedThreshold: Sendable, Hashable {
    /// Minimum stability in days for a card to count as learned.
    public var minimumStability: Double

    public static let standard = LearnedThreshold(minimumStability: 2)

    public init(minimumStability: Double) {
        self.minimumStability = minimumStability
    }

    public func isLearned(_ schedule: CardSchedule) -> Bool {
        guard let memory = schedule.memory else { return false }
        return memory.stability >= minimumStability
    }
}
