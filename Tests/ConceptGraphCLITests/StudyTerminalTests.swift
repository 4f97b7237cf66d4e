import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The keyboard session in a real pseudo-terminal: tmux runs `conceptgraph study`, the test types
/// with `send-keys` and reads the screen with `capture-pane`. Skipped (visibly) without tmux.
@Suite struct StudyTerminalTests {
    static let tmux: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// A tmux server of the test's own (its own socket), killed at the end.
    struct Terminal {
        let socket = "cg-study-test-\(UUID().uuidString.prefix(8))"

        /// Runs tmux with posix_spawn and waits for it: an empty signal mask for the child (test
        /// threads block signals, and the server and the pane would inherit that), output to a file
        /// (the server it may start would hold a pipe open).
        @discardableResult
        func tmux(_ arguments: [String]) throws -> String {
            let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-\(UUID()).out")
                .path
            defer { try? FileManager.default.removeItem(atPath: outputPath) }
            let argv = [StudyTerminalTests.tmux!, "-L", socket, "-f", "/dev/null"] + arguments
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            var none = sigset_t()
            sigemptyset(&none)
            posix_spawnattr_setsigmask(&attributes, &none)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
            var cArguments = argv.map { strdup($0) } + [nil]
            defer { for pointer in cArguments { free(pointer) } }
            var pid: pid_t = 0
            let spawned = posix_spawn(&pid, argv[0], &actions, &attributes, &cArguments, environ)
            guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        }

        func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "study"]) }

        /// Waits (up to 30 s) until the screen contains `text`; returns the screen.
        func waitFor(_ text: String) throws -> String {
            let deadline = Date().addingTimeInterval(30)
            var shown = try screen()
            while !shown.contains(text) && Date() < deadline {
                usleep(50_000)
                shown = try screen()
            }
            return shown
        }

        /// Starts `conceptgraph study` on `folder` in a 100×30 pane (its exit status echoed after it) and
        /// returns what ends it: processes started from test threads inherit blocked signals, so the
        /// pane's whole process group gets SIGKILL, then the server goes and its socket is removed.
        func startStudy(in folder: URL) throws -> () -> Void {
            let command =
                "cd '\(folder.path)' && TZ=UTC '\(CommandLineTests.binary!.path)' study --now \(StudyCommandTests.now); "
                + "echo \"exit=$?\"; sleep 30"
            try tmux(["new-session", "-d", "-s", "study", "-x", "100", "-y", "30", command])
            let panePID = Int32(try tmux(["display-message", "-p", "-t", "study", "#{pane_pid}"]).filter(\.isNumber))
            let socketPath = try tmux(["display-message", "-p", "#{socket_path}"])
                .trimmingCharacters(in: .whitespacesAndNewlines)
            return {
                if let panePID, panePID > 1 { kill(-panePID, SIGKILL) }
                _ = try? tmux(["kill-server"])
                if socketPath.hasPrefix("/") { try? FileManager.default.removeItem(atPath: socketPath) }
            }
        }

        func keys(_ keys: String...) throws { try tmux(["send-keys", "-t", "study"] + keys) }
    }

    @Test(.enabled(if: tmux != nil, "needs tmux"), .enabled(if: CommandLineTests.binary != nil, "needs the binary"))
    func keyboardSessionShowsRevealsExplainsAndSaves() throws {
        let folder = try StudyCommandTests.makeFolder()
        let terminal = Terminal()
        let stop = try terminal.startStudy(in: folder)
        defer { stop() }

        var screen = try terminal.waitFor("[space] show answer")
        #expect(screen.contains("Q: What is an aardvark?"), "\(screen)")
        #expect(!screen.contains("A: A burrowing mammal"))
        try terminal.keys("3")  // grading before the answer is shown does nothing
        try terminal.keys("Space")
        screen = try terminal.waitFor("[1] again")
        #expect(screen.contains("A: A burrowing mammal of Africa."), "\(screen)")
        try terminal.keys("w")
        screen = try terminal.waitFor("Why now:")
        #expect(screen.contains("Why now:"), "\(screen)")
        try terminal.keys("3")
        screen = try terminal.waitFor("→ good (3): next review in 2 days")
        #expect(screen.contains("Q: What is basalt?"), "\(screen)")
        #expect(screen.contains("→ good (3): next review in 2 days"), "\(screen)")
        try terminal.keys("q")
        screen = try terminal.waitFor("exit=")
        #expect(screen.contains("Studied 1 card"), "\(screen)")
        #expect(screen.contains("exit=0"), "\(screen)")
        #expect(try StudyCommandTests.loggedAnswers(folder).count == 1)
    }

    @Test(.enabled(if: tmux != nil, "needs tmux"), .enabled(if: CommandLineTests.binary != nil, "needs the binary"))
    func ctrlCSaysWhatIsSavedAndExits130() throws {
        let folder = try StudyCommandTests.makeFolder()
        let terminal = Terminal()
        let stop = try terminal.startStudy(in: folder)
        defer { stop() }
        _ = try terminal.waitFor("[space] show answer")
        try terminal.keys("Space")
        _ = try terminal.waitFor("[1] again")
        try terminal.keys("4")
        _ = try terminal.waitFor("Q: What is basalt?")
        try terminal.keys("C-c")
        let screen = try terminal.waitFor("exit=")
        #expect(screen.contains("Interrupted: every answer given is saved"), "\(screen)")
        #expect(screen.contains("exit=130"), "\(screen)")
        #expect(try StudyCommandTests.loggedAnswers(folder).count == 1)
    }

    @Test(.enabled(if: CommandLineTests.binary != nil, "needs the binary"))
    func withoutATerminalOrAnswersItSaysWhatToDo() throws {
        let folder = try StudyCommandTests.makeFolder()
        let run = try CommandLineTests.run(["study"], in: folder)
        #expect(run.status == 2)
        #expect(run.stderr.contains("study needs a terminal"), "\(run.stderr)")
        #expect(run.stderr.contains("--answers -"))
    }
}
