import ConceptExplorer
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the CLI knows about the terminal it runs in.
enum Terminal {
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// Bold and colour on standard output only on a terminal, never with `NO_COLOR` or `TERM=dumb`.
    static var outputStyle: TextStyle {
        TextStyle.forTerminal(isTerminal: stdoutIsTerminal, environment: ProcessInfo.processInfo.environment)
    }

    /// Prints `text` and a newline on standard output.
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}

/// A spinner on stderr for work that takes over a second, shown only when stderr is a terminal (and
/// `TERM` is not `dumb`). It erases itself when stopped, so output and messages stay clean.
final class ProgressIndicator: @unchecked Sendable {
    private let lock = NSLock()
    private var running = true
    private var shown = false
    private let label: String

    private init(label: String) { self.label = label }

    /// Starts the indicator; nothing is drawn before a second has passed.
    static func start(_ label: String) -> ProgressIndicator {
        let indicator = ProgressIndicator(label: label)
        let env = ProcessInfo.processInfo.environment
        guard Terminal.stderrIsTerminal, env["TERM"] != "dumb" else {
            indicator.running = false
            return indicator
        }
        let thread = Thread { indicator.spin() }
        thread.start()
        return indicator
    }

    private func spin() {
        let frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
        let start = Date()
        var frame = 0
        while true {
            Thread.sleep(forTimeInterval: 0.1)
            lock.lock()
            defer { lock.unlock() }
            guard running else { return }
            let elapsed = Date().timeIntervalSince(start)
            guard elapsed >= 1 else { continue }
            shown = true
            let text = "\r\(frames[frame % frames.count]) \(label)… \(Int(elapsed)) s"
            FileHandle.standardError.write(Data(text.utf8))
            frame += 1
        }
    }

    /// Stops and erases the indicator (idempotent).
    func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard running else { return }
        running = false
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}
