import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `--timings`: shared by the subcommands that build a graph.
struct ReportingOptions: ParsableArguments {
    @Flag(help: "Print the wall time of each stage and the peak memory to standard error.")
    var timings = false
}

/// Wall time of each stage of a run and the process's peak memory, printed to stderr for `--timings`.
///
/// Stages are listed in the order they start (writers running at once: as they finish); a sub-stage (`analyse › cluster`) is indented under
/// the stage that holds it. Peak memory is `getrusage`'s maximum resident set size, which only grows:
/// the figure beside a stage is the peak reached by the end of that stage.
final class StageTimings: @unchecked Sendable {
    struct Entry {
        var name: String
        var depth: Int
        var seconds: Double
        var peakBytes: Int
    }

    private let lock = NSLock()
    private var entries: [Entry] = []
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant

    init() { start = clock.now }

    /// Runs `body` and records its wall time as stage `name`, listed before the sub-stages that
    /// `body` records.
    func measure<T, E: Error>(_ name: String, depth: Int = 0, _ body: () throws(E) -> T) throws(E) -> T {
        let slot = lock.withLock {
            entries.append(Entry(name: name, depth: depth, seconds: 0, peakBytes: 0))
            return entries.count - 1
        }
        let begin = clock.now
        let result = try body()
        let seconds = Self.seconds(clock.now - begin)
        let peak = Self.peakMemoryBytes()
        lock.withLock {
            entries[slot].seconds = seconds
            entries[slot].peakBytes = peak
        }
        return result
    }

    /// Records a stage measured elsewhere (thread-safe: writers run at once).
    func record(_ name: String, depth: Int = 0, _ duration: Duration) {
        let entry = Entry(name: name, depth: depth, seconds: Self.seconds(duration), peakBytes: Self.peakMemoryBytes())
        lock.withLock { entries.append(entry) }
    }

    /// The table printed to stderr: one stage a line, then the whole run.
    var report: String {
        let rows = lock.withLock { entries }
        let width = max(24, (rows.map { $0.name.count + 2 * $0.depth }.max() ?? 0) + 2)
        func line(_ name: String, _ seconds: Double, _ peak: Int) -> String {
            let padded = name.padding(toLength: width, withPad: " ", startingAt: 0)
            return padded + String(format: "%9.3f s   peak %8.1f MB", seconds, Double(peak) / 1_048_576)
        }
        var lines = ["timings (wall time; peak resident memory so far):"]
        for row in rows {
            lines.append(line(String(repeating: "  ", count: row.depth + 1) + row.name, row.seconds, row.peakBytes))
        }
        lines.append(line("  total", Self.seconds(clock.now - start), Self.peakMemoryBytes()))
        return lines.joined(separator: "\n")
    }

    static func seconds(_ duration: Duration) -> Double {
        let (s, attoseconds) = duration.components
        return Double(s) + Double(attoseconds) * 1e-18
    }

    /// The process's peak resident set size in bytes (`ru_maxrss`: KiB on Linux, bytes on macOS).
    static func peakMemoryBytes() -> Int {
        var usage = rusage()
        #if canImport(Darwin)
            guard getrusage(RUSAGE_SELF, &usage) == 0 else { return 0 }
            return Int(usage.ru_maxrss)
        #else
            guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
            return Int(usage.ru_maxrss) * 1024
        #endif
    }
}

extension StageTimings? {
    /// `body`, timed as stage `name` when there are timings to record.
    func measureIfGiven<T, E: Error>(_ name: String, _ body: () throws(E) -> T) throws(E) -> T {
        guard let timings = self else { return try body() }
        return try timings.measure(name, body)
    }
}
