import CSpawn
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
    /// Above this many concepts nothing is drawn (`ExportError.tooLargeToDraw`): `dot` needs
    /// super-linear time in the number of nodes even without edges (10,000 isolated nodes: 4.5 s;
    /// 30,000: 176 s, on a loaded machine), and such a picture is unreadable anyway.
    public var drawLimit: Int

    /// - Parameter searchPath: a `PATH`-style folder list; defaults to this process's `PATH`.
    public init(
        program: String = "dot", searchPath: String? = nil, timeout: Double? = 300, reduceAboveConcepts: Int = 300,
        reduceAboveRelations: Int = 1000, drawLimit: Int = 5000
    ) {
        self.drawLimit = drawLimit
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
        let count = analyzed.graph.concepts.count
        guard count <= drawLimit else { throw .tooLargeToDraw(concepts: count, limit: drawLimit) }
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
    /// The child is started by `cspawn_start`: all signals unblocked, and on Linux killed by the
    /// kernel when the thread that started it dies (`PR_SET_PDEATHSIG`), so a killed `conceptgraph`
    /// never leaves `dot` running. Call it from a thread that outlives the call (the main thread, a
    /// pool thread); the call itself waits for the child.
    ///
    /// - Throws: `graphvizNotFound`, `graphvizFailed` (non-zero exit, with Graphviz's stderr) or
    ///   `graphvizTimedOut`.
    public func render(dot: String, format: Format) throws(ExportError) -> Data {
        guard let executablePath else { throw .graphvizNotFound(program: program) }
        var input: [Int32] = [-1, -1]
        var output: [Int32] = [-1, -1]
        var errors: [Int32] = [-1, -1]
        guard Self.makePipe(&input), Self.makePipe(&output), Self.makePipe(&errors) else {
            let code = errno
            for fd in input + output + errors where fd >= 0 { close(fd) }
            throw .graphvizFailed(
                program: program, status: -1, message: "cannot create pipes: \(String(cString: strerror(code)))")
        }
        let arguments = [executablePath, "-T\(format.rawValue)"]
        var cArguments = arguments.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        var spawnError: Int32 = 0
        let pid = cspawn_start(executablePath, &cArguments, input[0], output[1], errors[1], &spawnError)
        close(input[0])
        close(output[1])
        close(errors[1])
        guard pid > 0 else {
            close(input[1])
            close(output[0])
            close(errors[0])
            throw .graphvizFailed(
                program: program, status: -1,
                message: "cannot start \(executablePath): \(String(cString: strerror(spawnError)))")
        }

        let collected = Collected()
        let group = DispatchGroup()
        let bytes = Data(dot.utf8)
        let inputFD = input[1]
        let outputFD = output[0]
        let errorFD = errors[0]
        group.enter()
        Thread {
            Self.writeAll(bytes, to: inputFD)
            close(inputFD)
            group.leave()
        }.start()
        group.enter()
        Thread {
            collected.output = Self.readAll(outputFD)
            close(outputFD)
            group.leave()
        }.start()
        group.enter()
        Thread {
            collected.errors = Self.readAll(errorFD)
            close(errorFD)
            group.leave()
        }.start()

        var timer: DispatchWorkItem?
        if let timeout {
            let item = DispatchWorkItem { collected.killIfRunning(pid) }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: item)
            timer = item
        }
        group.wait()
        // Wait without reaping first, so the timer can never signal a reused pid.
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR {}
        collected.markReaped()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        timer?.cancel()

        if collected.didTimeOut { throw .graphvizTimedOut(program: program, seconds: timeout ?? 0) }
        let message = String(decoding: collected.errors, as: UTF8.self)
        let exited = status & 0x7F == 0
        let exitStatus = exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        guard exited, exitStatus == 0 else {
            throw .graphvizFailed(program: program, status: exitStatus, message: message)
        }
        return collected.output
    }

    private static func makePipe(_ fds: inout [Int32]) -> Bool {
        guard pipe(&fds) == 0 else { return false }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return true
    }

    private static func readAll(_ fd: Int32) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress!, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                break
            }
            if got == 0 { break }
            data.append(contentsOf: buffer[..<got])
        }
        return data
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
/// The lock orders the timer's kill against the reaping of the child, so a reused pid is never signalled.
private final class Collected: @unchecked Sendable {
    var output = Data()
    var errors = Data()
    private let lock = NSLock()
    private var timedOut = false
    private var reaped = false

    func killIfRunning(_ pid: pid_t) {
        lock.withLock {
            guard !reaped else { return }
            timedOut = true
            kill(pid, SIGKILL)
        }
    }
    func markReaped() { lock.withLock { reaped = true } }
    var didTimeOut: Bool { lock.withLock { timedOut } }
}

#if canImport(Glibc)
    private let systemRead = Glibc.read
#elseif canImport(Darwin)
    private let systemRead = Darwin.read
#endif
