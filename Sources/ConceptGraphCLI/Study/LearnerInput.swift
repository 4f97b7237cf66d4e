import Foundation
import Scheduling

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the learner does at a card.
enum LearnerAction: Equatable {
    case reveal
    case grade(Grade)
    case why
    case quit
}

/// Where the learner's actions come from: the keyboard, or a script of grades.
protocol LearnerInput {
    /// The next action; `nil` at the end of the input.
    mutating func next() throws -> LearnerAction?
}

/// Grades read line by line from a pipe or file (`--answers -`): `1`–`4` or `again`/`hard`/`good`/
/// `easy` grade the card on screen (its answer is shown first), `w` or `?` asks why it comes now,
/// `q` ends the session; blank lines and `#` comments are skipped.
struct ScriptedAnswers: LearnerInput {
    let name: String
    let handle: FileHandle
    private var buffer = Data()
    private var atEnd = false
    private(set) var lineNumber = 0

    init(name: String, handle: FileHandle) {
        self.name = name
        self.handle = handle
    }

    mutating func next() throws -> LearnerAction? {
        while let line = readLine() {
            lineNumber += 1
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text.hasPrefix("#") { continue }
            switch text.lowercased() {
            case "w", "?", "why": return .why
            case "q", "quit": return .quit
            default:
                guard let grade = Grade(text: text) else {
                    throw StudyFailure.usage(
                        "\(name):\(lineNumber): '\(text)' is not an answer",
                        hint: "one a line: 1 again, 2 hard, 3 good, 4 easy, w why, q quit")
                }
                return .grade(grade)
            }
        }
        return nil
    }

    /// One line, read a byte block at a time but never past what is needed: the pipe may still be
    /// written to while the session runs.
    private mutating func readLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[buffer.startIndex..<newline]
                buffer.removeSubrange(buffer.startIndex...newline)
                return String(decoding: line, as: UTF8.self)
            }
            if atEnd {
                guard !buffer.isEmpty else { return nil }
                defer { buffer.removeAll() }
                return String(decoding: buffer, as: UTF8.self)
            }
            let chunk = handle.availableData
            if chunk.isEmpty { atEnd = true } else { buffer.append(chunk) }
        }
    }
}

/// Single key presses from the terminal: the terminal is put in non-canonical, no-echo mode for
/// the session and restored at the end, on Ctrl-C and on SIGTERM.
struct TerminalKeys: LearnerInput {
    init() throws {
        var settings = termios()
        guard isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &settings) == 0 else {
            throw StudyFailure.usage(
                "study needs a terminal to read key presses",
                hint: "run it in a terminal, or give grades with --answers - (one a line: 1–4)")
        }
        TerminalState.saved = settings
        var raw = settings
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutablePointer(to: &raw.c_cc) { pointer in
            pointer.withMemoryRebound(to: cc_t.self, capacity: Int(NCCS)) { cc in
                cc[Int(VMIN)] = 1
                cc[Int(VTIME)] = 0
            }
        }
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw)
        // Ctrl-C, a kill or a closed terminal put the settings back before leaving. The signals are
        // unblocked first: a parent process may have left them blocked.
        var wanted = sigset_t()
        sigemptyset(&wanted)
        for number in [SIGINT, SIGTERM, SIGHUP] {
            sigaddset(&wanted, number)
            signal(number) { received in
                TerminalState.restore()
                _exit(128 + received)
            }
        }
        pthread_sigmask(SIG_UNBLOCK, &wanted, nil)
    }

    func restore() { TerminalState.restore() }

    mutating func next() throws -> LearnerAction? {
        while true {
            var byte: UInt8 = 0
            let count = read(STDIN_FILENO, &byte, 1)
            if count == 0 { return nil }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"): return .reveal
            case UInt8(ascii: "1")...UInt8(ascii: "4"): return .grade(Grade(rawValue: Int(byte - UInt8(ascii: "0")))!)
            case UInt8(ascii: "w"), UInt8(ascii: "W"), UInt8(ascii: "?"): return .why
            case UInt8(ascii: "q"), UInt8(ascii: "Q"), 4: return .quit  // 4: Ctrl-D
            default: continue
            }
        }
    }
}

/// The terminal settings to put back (read by signal handlers, so global).
enum TerminalState {
    nonisolated(unsafe) static var saved: termios?

    static func restore() {
        guard var settings = saved else { return }
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &settings)
    }
}
