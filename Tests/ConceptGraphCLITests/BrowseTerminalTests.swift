import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `browse` on a real pseudo-terminal: tmux runs it in a detached session of its own server (a
/// private socket), keys go in with `send-keys` and the screen comes back with `capture-pane`.
/// After the browser ends, the same pane runs `stty -a`, which shows whether the terminal was restored.
@Suite(.serialized) struct BrowseTerminalTests {
    static let tmux: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static var ready: Bool { tmux != nil && CommandLineTests.binary != nil }
    /// Linux shows a process's children in /proc; the crash test needs it.
    static var procChildren: Bool { FileManager.default.fileExists(atPath: "/proc/self/task") }

    /// One tmux server and session, killed when done.
    final class Session {
        let socket = "conceptgraph-test-\(UUID().uuidString.prefix(8))"

        /// Runs a tmux command and returns what it printed. Spawned directly with an empty signal
        /// mask and default signal actions: the test runner's blocked signals must not reach tmux (a
        /// client that inherits them never finishes), and its output goes to a file, since the server
        /// that `new-session` starts keeps every inherited descriptor open.
        @discardableResult
        func tmux(_ arguments: [String], output: Bool = true) throws -> String {
            let outputPath = FileManager.default.temporaryDirectory
                .appendingPathComponent("\(socket)-\(UUID().uuidString).out").path
            defer { try? FileManager.default.removeItem(atPath: outputPath) }
            let argv = [BrowseTerminalTests.tmux!, "-L", socket, "-f", "/dev/null"] + arguments
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(
                &actions, 1, output ? outputPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            var empty = sigset_t()
            sigemptyset(&empty)
            var all = sigset_t()
            sigfillset(&all)
            posix_spawnattr_setsigmask(&attributes, &empty)
            posix_spawnattr_setsigdefault(&attributes, &all)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
            var cArguments = argv.map { strdup($0) } + [nil]
            defer { for p in cArguments { free(p) } }
            var pid: pid_t = 0
            let spawned = posix_spawn(&pid, argv[0], &actions, &attributes, &cArguments, environ)
            guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            return output ? ((try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "") : ""
        }

        init(command: String, environment: [String] = []) throws {
            try tmux(
                ["new-session", "-d", "-x", "100", "-y", "30", "-e", "LANG=C.UTF-8", "-e", "TERM=xterm-256color"]
                    + environment.flatMap { ["-e", $0] } + ["-c", TestPaths.repositoryRoot.path, command],
                output: false)
        }

        func screen() throws -> [String] {
            try tmux(["capture-pane", "-p", "-J"]).components(separatedBy: "\n")
        }

        /// The screen and the lines scrolled off above it.
        func history() throws -> [String] {
            try tmux(["capture-pane", "-p", "-J", "-S", "-"]).components(separatedBy: "\n")
        }

        func keys(_ keys: String...) throws { try tmux(["send-keys"] + keys, output: false) }

        /// Waits until the screen satisfies `condition`; returns the last screen. Up to 20 s, or 180 s
        /// in a sanitizer build, where reading a large deck alone takes longer than 20 s.
        @discardableResult
        func waitFor(_ what: String, _ condition: ([String]) -> Bool) throws -> [String] {
            let deadline = Date().addingTimeInterval(BrowseTerminalTests.builtWithSanitizer ? 180 : 20)
            var last: [String] = []
            while Date() < deadline {
                last = try screen()
                if condition(last) { return last }
                Thread.sleep(forTimeInterval: 0.1)
            }
            Issue.record("timed out waiting for \(what); screen:\n\(last.joined(separator: "\n"))")
            return last
        }

        deinit { _ = try? tmux(["kill-server"], output: false) }
    }

    /// The pane's command: the browser, then its exit status and the terminal settings.
    static var command: String {
        "sh -c 'trap : INT; \(CommandLineTests.binary!.path) browse; echo EXIT=$?; stty -a | tr \"\\n\" \" \"; echo; sleep 60'"
    }

    /// The label of the selected concept (the right-hand pane's first line).
    static func selected(_ screen: [String]) -> String? {
        guard screen.count > 1, let bar = screen[1].range(of: "│ ") else { return nil }
        return screen[1][bar.upperBound...].trimmingCharacters(in: .whitespaces)
    }

    /// The concept listed on body row `row` (1-based screen line), marker removed.
    static func item(_ screen: [String], row: Int) -> String? {
        guard screen.count > row, let bar = screen[row].range(of: " │") else { return nil }
        return String(screen[row][..<bar.lowerBound]).trimmingCharacters(in: .whitespaces)
            .replacingOccurrences(of: "▸ ", with: "")
    }

    static func restored(_ screen: [String]) -> Bool {
        // `stty -a` wraps at the pane's width (mid-word): join the lines back first.
        let settings = screen.joined()
        return settings.contains("speed") && settings.contains(" icanon ") && settings.contains(" echo ")
            && !settings.contains("-icanon") && !settings.contains("-echo ")
    }

    @Test(.enabled(if: ready, "needs tmux and the built conceptgraph binary"))
    func navigateSearchAndQuit() throws {
        let session = try Session(command: Self.command)
        var screen = try session.waitFor("the browser") { $0.last { !$0.isEmpty }?.contains("q quit") == true }
        #expect(screen[0].hasPrefix("ConceptGraph"))
        let first = try #require(Self.item(screen, row: 1))
        #expect(Self.selected(screen) == first)

        // ↓ moves to the next sibling.
        let second = try #require(Self.item(screen, row: 2))
        try session.keys("Down")
        screen = try session.waitFor("the second item selected") { Self.selected($0) == second }

        // ↑ back, → into the first concept's children.
        try session.keys("Up")
        try session.waitFor("the first item selected") { Self.selected($0) == first }
        try session.keys("Right")
        // A capture can fall between two writes of one redraw (the header new, the list still old), so
        // each wait asks for the whole of what the step should show, not only its first line.
        screen = try session.waitFor("the children of \(first)") {
            $0[0].hasPrefix("ConceptGraph › \(first)") && Self.item($0, row: 1) != first
                && Self.item($0, row: 1) == Self.selected($0)
        }
        let child = try #require(Self.item(screen, row: 1))
        #expect(Self.selected(screen) == child)
        #expect(child != first)

        // ← back to the parent, the cursor where it was.
        try session.keys("Left")
        screen = try session.waitFor("the top level, \(first) selected") {
            $0[0].trimmingCharacters(in: .whitespaces) == "ConceptGraph" && Self.selected($0) == first
        }
        #expect(Self.item(screen, row: 1) == first)

        // / search, Enter picks the first result and shows it in the hierarchy.
        try session.keys("/")
        try session.waitFor("the search prompt") { $0.contains { $0.hasPrefix("Search: ") } }
        try session.keys("-l", "loyalty programs")
        try session.keys("Enter")
        screen = try session.waitFor("search results") {
            $0[0].hasPrefix("Concepts matching \"loyalty programs\"") && $0[1].contains("loyalty programs")
        }
        try session.keys("Enter")
        screen = try session.waitFor("the concept found in the hierarchy") {
            Self.selected($0) == "loyalty programs" && $0[0].hasPrefix("ConceptGraph › ")
        }

        // Enter reads the cards; ← back.
        try session.keys("Enter")
        screen = try session.waitFor("the cards") { $0[0].hasPrefix("Cards of loyalty programs") }
        try session.keys("Left")
        try session.waitFor("the hierarchy again") { Self.selected($0) == "loyalty programs" }

        // q quits; the shell prints the exit status and sane terminal settings on the normal screen.
        try session.keys("q")
        screen = try session.waitFor("the browser to end") { $0.contains("EXIT=0") && $0.joined().contains("extproc") }
        #expect(Self.restored(screen), "\(screen.joined(separator: "\n"))")
        #expect(!screen.contains { $0.contains("q quit") }, "the browser's screen is gone")
    }

    @Test(.enabled(if: ready, "needs tmux and the built conceptgraph binary"))
    func controlCRestoresTheTerminal() throws {
        let session = try Session(command: Self.command)
        try session.waitFor("the browser") { $0.last { !$0.isEmpty }?.contains("q quit") == true }
        try session.keys("Right")
        try session.keys("C-c")
        let screen = try session.waitFor("the browser to end") {
            $0.contains("EXIT=130") && $0.joined().contains("extproc")
        }
        #expect(Self.restored(screen), "\(screen.joined(separator: "\n"))")
    }

    /// Whether this build has AddressSanitizer or ThreadSanitizer linked in (their runtimes define these).
    static let builtWithSanitizer: Bool = {
        #if canImport(Glibc)
            let everywhere: UnsafeMutableRawPointer? = nil  // RTLD_DEFAULT on glibc
        #else
            let everywhere = UnsafeMutableRawPointer(bitPattern: -2)  // RTLD_DEFAULT on Darwin
        #endif
        return dlsym(everywhere, "__asan_init") != nil || dlsym(everywhere, "__tsan_init") != nil
    }()

    @Test(
        .enabled(if: ready, "needs tmux and the built conceptgraph binary"),
        .enabled(if: procChildren, "needs /proc (Linux)"))
    func aCrashRestoresTheTerminal() throws {
        // Swift's crash reporter, which the browser hands the crash to, would wait for a key on a terminal.
        let session = try Session(command: Self.command, environment: ["SWIFT_BACKTRACE=interactive=no"])
        try session.waitFor("the browser") { $0.last { !$0.isEmpty }?.contains("q quit") == true }
        // The pane runs `sh`, whose only child is the browser: crash it as a bad memory access would.
        let shell = try #require(Int32(try session.tmux(["display-message", "-p", "#{pane_pid}"]).filter(\.isNumber)))
        let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        let browser = try #require(children.split(separator: " ").first.flatMap { Int32($0) })
        #expect(kill(browser, SIGSEGV) == 0)
        let screen = try session.waitFor("the browser to crash") {
            $0.contains { $0.hasPrefix("EXIT=") } && $0.joined().contains("extproc")
        }
        #expect(Self.restored(screen), "\(screen.joined(separator: "\n"))")
        // Built with a sanitizer (the CI's ASan/TSan runs build the tests and the binary alike), the
        // sanitizer's own handler takes the crash: ASan reports it and exits 1, TSan lets it die
        // without Swift's crash reporter. Otherwise Swift's reporter prints it and the process dies by
        // the signal (128 + 11). The terminal must be restored in every case (checked above).
        if !Self.builtWithSanitizer {
            #expect(screen.contains { $0.hasPrefix("EXIT=139") }, "\(screen.joined(separator: "\n"))")
            #expect(try session.history().contains { $0.contains("Program crashed") }, "the crash is still reported")
        }
    }

    @Test(.enabled(if: ready, "needs tmux and the built conceptgraph binary"))
    func boldOnATerminalButNotWithNoColorOrADumbTerminal() throws {
        let binary = CommandLineTests.binary!.path
        let session = try Session(
            command: "sh -c 'unset NO_COLOR; \(binary) tree CRM --depth 0; NO_COLOR=1 \(binary) tree CRM --depth 0; "
                + "TERM=dumb \(binary) tree CRM --depth 0; echo DONE; sleep 60'")
        try session.waitFor("three trees") { $0.contains("DONE") }
        // With escape sequences: the first tree is bold, the other two are plain.
        let lines = try session.tmux(["capture-pane", "-p", "-e"]).components(separatedBy: "\n")
            .filter { $0.contains("CRM") }
        #expect(lines.count == 3, "\(lines)")
        #expect(lines.first?.contains("\u{1B}[1m") == true, "\(lines)")
        // (tmux ends captured lines with its own resets; bold and dim are ours.)
        #expect(lines.dropFirst().allSatisfy { !$0.contains("\u{1B}[1m") && !$0.contains("\u{1B}[2m") }, "\(lines)")
    }

    @Test(
        .enabled(if: ready, "needs tmux and the built conceptgraph binary"),
        .enabled(if: TestPaths.shared("decks/mcultra-mcat") != nil, "needs ../shared/decks/mcultra-mcat"))
    func aSlowReadShowsProgressOnTheTerminalAndErasesIt() throws {
        // The largest single public deck takes a couple of seconds to read and analyse (no cache).
        let deck = try #require(TestPaths.shared("decks/mcultra-mcat")).path
        let session = try Session(
            command:
                "sh -c '\(CommandLineTests.binary!.path) stats \(deck) > /dev/null 2>/dev/tty; echo EXIT=$?; sleep 60'",
            environment: ["CONCEPTGRAPH_CACHE=off"])
        try session.waitFor("the spinner") {
            $0.contains { $0.contains("Reading decks… ") || $0.contains("Finding concepts in ") }
        }
        let screen = try session.waitFor("the end") { $0.contains("EXIT=0") }
        #expect(
            !screen.contains { $0.contains("Finding concepts in ") && $0.contains(" s") && !$0.hasPrefix("/") },
            "the spinner erases itself")
    }

    @Test(.enabled(if: ready, "needs tmux and the built conceptgraph binary"))
    func redrawsOnResize() throws {
        let session = try Session(command: Self.command)
        try session.waitFor("the browser") { $0.last { !$0.isEmpty }?.contains("q quit") == true }
        try session.tmux(["resize-window", "-x", "60", "-y", "15"], output: false)
        let screen = try session.waitFor("a redraw at 60×15") { lines in
            lines.count >= 15 && lines[14].contains("q quit") || lines.count >= 15 && lines[14].contains("↑↓")
        }
        #expect(screen.prefix(15).allSatisfy { $0.count <= 60 })
        try session.keys("q")
        try session.waitFor("the browser to end") { $0.contains("EXIT=0") }
    }
}
