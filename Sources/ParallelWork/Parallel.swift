import Foundation

/// Independent jobs run at once on the machine's cores, their results handed back in job order, so
/// the outcome never depends on which core finished first (reading deck files, parsing card fronts,
/// writing GraphML and DOT).
public enum Parallel {
    /// `body(index)` for every index in `0..<count`, in parallel where cores allow; the results in
    /// index order. A result is handed over only after every job has finished, so it need not be
    /// `Sendable`.
    public static func map<T>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        let slots = Slots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in slots.set(index, body(index)) }
        return slots.values
    }

    /// `0..<count` cut into at most `maxParts` contiguous ranges of nearly equal length, none shorter
    /// than `minimumLength` (except when `count` itself is shorter): the work of a loop over `count`
    /// items, shared out between the cores.
    public static func ranges(
        of count: Int, maxParts: Int = ProcessInfo.processInfo.activeProcessorCount, minimumLength: Int
    ) -> [Range<Int>] {
        let parts = max(1, min(maxParts, count / max(1, minimumLength)))
        return (0..<parts).map { part in (count * part / parts)..<(count * (part + 1) / parts) }
    }

    /// One result slot per job, filled from several threads.
    private final class Slots<T>: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [T?]
        init(count: Int) { storage = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: T) { lock.withLock { storage[index] = value } }
        var values: [T] { lock.withLock { storage.map { $0! } } }
    }
}
