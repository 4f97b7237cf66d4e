import ConceptAnalysis
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Renders DOT to pictures by running Graphviz (`dot -Tsvg`, `-Tpng`, …) found on `PATH`.
///
/// DOT goes to the program's stdin and the picture comes back on stdout; stdin, stdout and stderr
/// are served by separate threads so a large graph cannot deadlock on a full pipe. Graphviz's
/// stderr becomes the message of `ExportError.graphvizFailed`. Graphs larger than the thresholds are
/// drawn with only their `drawnRelations` (the transitive reduction), since `dot` on a dense graph
/// can run for minutes.
///
///     let renderer = GraphvizRenderer()
///     if renderer.isAvailable { try renderer.render(analyzed, format: .svg, to: "out/concepts.svg") }
public struct GraphvizRenderer: Sendable {
    /// Output formats (Graphviz `-T` values).
    public enum Format: String, Sendable, CaseIterable {
        case svg, png, pdf
    }

    /// The layout program's name (`dot`, `neato`, `sfdp`, …).
    public var program: String
    /// Its full path, or nil when it is not on the search path.
    public let executablePath: String?
    /// Stop Graphviz after this many seconds (nil: wait forever).
    public var timeout: Double?
    /// Above this many concepts, draw only `drawnRelations`.
    public var reduceAboveConcepts: Int
    /// Above this many relations, draw only `drawnRelations`.
    public var reduceAboveRelations: Int

    /// - Parameter searchPath: a `PATH`-style folder list; defaults to this process's `PATH`.
    public init(
        program: String = "dot", searchPath: String? = nil, timeout: Double? = 300, reduceAboveConcepts: Int = 300,
        reduceAboveRelations: Int = 1000
    ) {
        self.program = program
        self.timeout = timeout
        self.reduceAboveConcepts = reduceAboveConcepts
        self.reduceAboveRelations = reduceAboveRelations
        let path = searchPath ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        executablePath = Self.find(program, in: path)
    }

    /// True when the layout program was found.
    public var isAvailable: Bool { executablePath != nil }

    /// Whether `analyzed` is big enough to be drawn with only its drawn relations.
    public func shouldReduce(_ analyzed: AnalyzedGraph) -> Bool {
        analyzed.graph.concepts.count > reduceAboveConcepts || analyzed.graph.relations.count > reduceAboveRelations
    }

    /// Renders `analyzed` to `format`. `options.relations` is overridden with `.drawn` when
    /// `shouldReduce(analyzed)`.
    public func render(
        _ analyzed: AnalyzedGraph, format: Format, options: DOTWriter.Options = DOTWriter.Options()
    ) throws(ExportError) -> Data {
        var options = options
        if shouldReduce(analyzed) { options.relations = .drawn }
        return try render(dot: DOTWriter(options: options).text(for: analyzed), format: format)
    }

    /// Renders `analyzed` to `format` and writes the picture to `path` atomically.
    public func render(
        _ analyzed: AnalyzedGraph, format: Format, to path: String, options: DOTWriter.Options = DOTWriter.Options()
    ) throws(ExportError) {
        try AtomicFile.write(render(analyzed, format: format, options: options), to: path)
    }

    /// Runs Graphviz on `dot` and returns what it wrote for `-T<format>`.
    ///
    /// - Throws: `graphvizNotFound`, `graphvizFailed` (non-zero exit, with Graphviz's stderr) or
    ///   `graphvizTimedOut`.
    public func render(dot: String, format: Format) throws(ExportError) -> Data {
        guard let executablePath else { throw .graphvizNotFound(program: program) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executablePath)
        process.arguments = ["-T\(format.rawValue)"]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw .graphvizFailed(program: program, status: -1, message: "cannot start \(executablePath): \(error)")
        }

        let collected = Collected()
        let group = DispatchGroup()
        let inputHandle = input.fileHandleForWriting
        let bytes = Data(dot.utf8)
        group.enter()
        Thread {
            Self.writeAll(bytes, to: inputHandle.fileDescriptor)
            try? inputHandle.close()  // through the handle, so that it is not closed twice
            group.leave()
        }.start()
        let outputHandle = output.fileHandleForReading
        let errorHandle = errors.fileHandleForReading
        group.enter()
        Thread {
            collected.output = outputHandle.readDataToEndOfFile()
            group.leave()
        }.start()
        group.enter()
        Thread {
            collected.errors = errorHandle.readDataToEndOfFile()
            group.leave()
        }.start()

        var timer: DispatchWorkItem?
        if let timeout {
            let item = DispatchWorkItem {
                if process.isRunning {
                    collected.markTimedOut()
                    // Not `terminate()`: a child started from a Dispatch or Swift concurrency
                    // thread inherits its blocked signal mask, SIGTERM included. SIGKILL cannot be blocked.
                    kill(process.processIdentifier, SIGKILL)
                }
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: item)
            timer = item
        }
        group.wait()
        process.waitUntilExit()
        timer?.cancel()

        if collected.didTimeOut { throw .graphvizTimedOut(program: program, seconds: timeout ?? 0) }
        let message = String(decoding: collected.errors, as: UTF8.self)
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw .graphvizFailed(program: program, status: process.terminationStatus, message: message)
        }
        return collected.output
    }

    /// Writes `data` to `fd`, stopping quietly if the reader has gone (EPIPE): the exit status and
    /// stderr then tell what happened. SIGPIPE is blocked on this (short-lived) thread only.
    private static func writeAll(_ data: Data, to fd: Int32) {
        var block = sigset_t()
        sigemptyset(&block)
        sigaddset(&block, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &block, nil)
        data.withUnsafeBytes { buffer in
            guard var pointer = buffer.baseAddress else { return }
            var remaining = buffer.count
            while remaining > 0 {
                let written = systemWrite(fd, pointer, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                pointer += written
                remaining -= written
            }
        }
    }

    private static func find(_ program: String, in searchPath: String) -> String? {
        if program.contains("/") { return access(program, X_OK) == 0 ? program : nil }
        for folder in searchPath.split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = "\(folder)/\(program)"
            var info = stat()
            if stat(candidate, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, access(candidate, X_OK) == 0 {
                return candidate
            }
        }
        return nil
    }
}

/// What the pipe threads collected; each field is written by one thread and read after the join.
private final class Collected: @unchecked Sendable {
    var output = Data()
    var errors = Data()
    private let lock = NSLock()
    private var timedOut = false

    func markTimedOut() { lock.withLock { timedOut = true } }
    var didTimeOut: Bool { lock.withLock { timedOut } }
}
