import Foundation

/// Runs independent jobs at once on the machine's cores (e.g. the GraphML and DOT writers).
enum Concurrently {
    /// Runs every job, in parallel where cores allow, and returns their results in job order.
    /// A result is handed over only after every job has finished (so it need not be `Sendable`).
    static func run<T>(_ jobs: [@Sendable () -> T]) -> [T] {
        guard jobs.count > 1 else { return jobs.map { $0() } }
        let slots = Slots<T>(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            slots.set(index, jobs[index]())
        }
        return slots.values
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
