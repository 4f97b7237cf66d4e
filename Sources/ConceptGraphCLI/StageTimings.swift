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

/// Wall and CPU time of each stage of a run and the process's peak memory, printed to stderr for
/// `--timings`.
///
/// Stages are listed in the order they start; a sub-stage (`analyse › cluster`) is indented under the
/// stage that holds it. CPU time is the whole process's (user + system) during a stage, or, for a
/// stage that runs on one thread beside others (the writers), that thread's own. Peak memory is
/// `getrusage`'s maximum resident set size, which only grows: the figure beside a stage is the peak
/// reached by the end of that stage.
final class StageTimings: @unchecked Sendable {
    struct Entry {
        var name: String
        var depth: Int
        var seconds: Double
        var cpuSeconds: Double?
        var peakBytes: Int
    }

    /// Whose CPU time a stage counts.
    enum CPUScope {
        /// The whole process: for stages that run alone (possibly on several threads).
        case process
        /// The calling thread: for a stage that runs on one thread while others work.
        case thread
    }

    private let lock = NSLock()
    private var entries: [Entry] = []
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant

    init() { start = clock.now }

    /// Runs `body` and records its wall time as stage `name`, listed before the sub-stages that
    /// `body` records.
    func measure<T, E: Error>(
        _ name: String, depth: Int = 0, cpu scope: CPUScope = .process, _ body: () throws(E) -> T
    ) throws(E) -> T {
        let slot = lock.withLock {
            entries.append(Entry(name: name, depth: depth, seconds: 0, peakBytes: 0))
            return entries.count - 1
        }
        let begin = clock.now
        let cpuBegin = Self.cpuSeconds(scope)
        let result = try body()
        let seconds = Self.seconds(clock.now - begin)
        let cpu = Self.cpuSeconds(scope) - cpuBegin
        let peak = Self.peakMemoryBytes()
        lock.withLock {
            entries[slot].seconds = seconds
            entries[slot].cpuSeconds = cpu
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
        func line(_ name: String, _ seconds: Double, _ cpu: Double?, _ peak: Int) -> String {
            let padded = name.padding(toLength: width, withPad: " ", startingAt: 0)
            let cpuText = cpu.map { String(format: "%9.3f s", $0) } ?? String(repeating: " ", count: 11)
            return padded + String(format: "%9.3f s ", seconds) + cpuText
                + String(format: "   %8.1f MB", Double(peak) / 1_048_576)
        }
        let header = "timings".padding(toLength: width, withPad: " ", startingAt: 0)
        var lines = [header + "     wall        cpu   peak memory"]
        for row in rows {
            lines.append(
                line(
                    String(repeating: "  ", count: row.depth + 1) + row.name, row.seconds, row.cpuSeconds, row.peakBytes
                ))
        }
        lines.append(
            line("  total", Self.seconds(clock.now - start), Self.cpuSeconds(.process), Self.peakMemoryBytes()))
        return lines.joined(separator: "\n")
    }

    static func seconds(_ duration: Duration) -> Double {
        let (s, attoseconds) = duration.components
        return Double(s) + Double(attoseconds) * 1e-18
    }

    /// User + system CPU seconds of the process or of the calling thread (the process where threads
    /// cannot be asked).
    static func cpuSeconds(_ scope: CPUScope) -> Double {
        var usage = rusage()
        #if canImport(Darwin)
            guard getrusage(RUSAGE_SELF, &usage) == 0 else { return 0 }
        #else
            // RUSAGE_THREAD (1 on Linux) needs _GNU_SOURCE, which Glibc's module does not define.
            let who = scope == .thread ? __rusage_who_t(1) : __rusage_who_t(RUSAGE_SELF.rawValue)
            guard getrusage(who, &usage) == 0 else { return 0 }
        #endif
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
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
    func measureIfGiven<T, E: Error>(
        _ name: String, cpu scope: StageTimings.CPUScope = .process, _ body: () throws(E) -> T
    ) throws(E) -> T {
        guard let timings = self else { return try body() }
        return try timings.measure(name, cpu: scope, body)
    }
}
