import Foundation

/// The learner's answer to a card.
public enum Grade: Int, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    /// Forgot it.
    case again = 1
    /// Recalled it with serious effort.
    case hard = 2
    /// Recalled it.
    case good = 3
    /// Recalled it at once.
    case easy = 4

    public var description: String {
        switch self {
        case .again: "again"
        case .hard: "hard"
        case .good: "good"
        case .easy: "easy"
        }
    }

    /// Reads `1`–`4` or a grade's name (`again`, `hard`, `good`, `easy`), case-insensitively.
    public init?(text: some StringProtocol) {
        let word = text.lowercased()
        if let number = Int(word), let grade = Grade(rawValue: number) {
            self = grade
        } else if let grade = Grade.allCases.first(where: { $0.description == word }) {
            self = grade
        } else {
            return nil
        }
    }

    public static func < (lhs: Grade, rhs: Grade) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What FSRS knows about one memory: how long it lasts and how hard it is to strengthen.
public struct MemoryState: Sendable, Hashable {
    /// Days until the probability of recall falls to 90% (S).
    public var stability: Double
    /// How hard the card is to strengthen, 1 (easy) … 10 (hard) (D).
    public var difficulty: Double

    public init(stability: Double, difficulty: Double) {
        self.stability = stability
        self.difficulty = difficulty
    }
}

/// A card's scheduling state: its memory state once it has been seen, and when it is due.
public struct CardSchedule: Sendable, Hashable {
    /// `nil` for a card never answered.
    public var memory: MemoryState?
    /// The last answer's time.
    public var lastReview: Date?
    /// When the card should be reviewed next (`nil` while new).
    public var due: Date?
    /// Answers so far.
    public var reviews: Int
    /// Answers graded `again` on a card already learned once.
    public var lapses: Int

    /// A card never seen.
    public static let new = CardSchedule(memory: nil, lastReview: nil, due: nil, reviews: 0, lapses: 0)

    public init(memory: MemoryState?, lastReview: Date?, due: Date?, reviews: Int, lapses: Int) {
        self.memory = memory
        self.lastReview = lastReview
        self.due = due
        self.reviews = reviews
        self.lapses = lapses
    }

    /// `true` until the first answer.
    public var isNew: Bool { memory == nil }

    /// `true` when the card has been seen and its due time has come.
    public func isDue(at now: Date) -> Bool {
        guard let due else { return false }
        return due <= now
    }
}

/// Where the current time comes from: the system clock in use, a fixed one in tests and checks.
public protocol StudyClock: Sendable {
    func now() -> Date
}

/// The real time.
public struct SystemClock: StudyClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that always says the same time (tests, `--now`).
public struct FixedClock: StudyClock {
    public var date: Date
    public init(_ date: Date) { self.date = date }
    public func now() -> Date { date }
}
