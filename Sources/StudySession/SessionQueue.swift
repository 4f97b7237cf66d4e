import Foundation
import Scheduling

/// The order of one study session: the selector's choice, plus cards forgotten during the session,
/// which come back after a few other cards (FSRS schedules them for tomorrow; seeing them again
/// today is a same-day review, which FSRS-6 models with its short-term stability).
public struct SessionQueue: Sendable {
    /// Cards shown in between before a forgotten card comes back.
    public var retryGap: Int
    /// Forgotten cards and the answer count after which each comes back, oldest first.
    public private(set) var retries: [(card: Int, after: Int)] = []
    /// Answers given in this session.
    public private(set) var answered = 0

    public init(retryGap: Int = 3) {
        self.retryGap = retryGap
    }

    /// The next card: a forgotten card whose gap has passed, else the selector's choice, else a
    /// forgotten card still waiting (better now than never). `nil` when the session is done.
    public func next(
        selector: CardSelector, schedules: [CardSchedule], now: Date, newAllowance: Int
    ) -> Selection? {
        if let ripe = retries.first(where: { $0.after <= answered }) {
            return Selection(card: ripe.card, reason: .retry)
        }
        let waiting = Set(retries.map(\.card))
        if let chosen = selector.next(schedules: schedules, now: now, newAllowance: newAllowance, excluded: waiting) {
            return chosen
        }
        return retries.first.map { Selection(card: $0.card, reason: .retry) }
    }

    /// Notes an answer: a forgotten card is queued to come back; any other grade releases it.
    public mutating func answered(card: Int, grade: Grade) {
        answered += 1
        retries.removeAll { $0.card == card }
        if grade == .again { retries.append((card, answered + retryGap)) }
    }
}
