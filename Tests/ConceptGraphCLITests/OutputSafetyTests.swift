import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The binary as a careless or hostile user runs it: outputs that would destroy a deck or a device,
/// full disks, closed pipes, killed runs and Graphviz children.
@Suite struct OutputSafetyTests {
    static let binary = CommandLineTests.binary
    static let deck = CommandLineTests.goodDeck

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the binary with `arguments` in `directory`; `stdout` replaces the captured pipe (e.g. /dev/full).
    static func run(
        _ arguments: [String], in directory: URL, stdout: FileHandle? = nil, environment: [String: String]? = nil
    ) throws -> Run {
        let process = Process()
        process.executableURL = try #require(binary)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if let environment { process.environment = environment }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = stdout ?? out
        process.standardError = err
        try process.run()
        if stdout != nil { try out.fileHandleForWriting.close() }
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        if stdout == nil {
            DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
        }
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        group.wait()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    static func folderWithDeck() throws -> URL {
        let folder = try TestPaths.temporaryDirectory()
        try Data(deck.utf8).write(to: folder.appendingPathComponent("notes.txt"))
        return folder
    }

    static func contents(_ url: URL) -> String? {
        (try? Data(contentsOf: url)).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test(.enabled(if: binary != nil, "needs the built conceptgraph binary"))
    func neverWritesOverTheDeckItReads() throws {
        let folder = try Self.folderWithDeck()
        let notes = folder.appendingPathComponent("notes.txt")
        #expect(symlink("notes.txt", folder.appendingPathComponent("link.txt").path) == 0)
        #expect(link(notes.path, folder.appendingPathComponent("hard.txt").path) == 0)
        for output in [
            "notes.txt", "./notes.txt", notes.path, "link.txt", "hard.txt", "../\(folder.lastPathComponent)/notes.txt",
        ] {
            let run = try Self.run(["export", "notes.txt", "--format", "graphml", "--output", output], in: folder)
            #expect(run.status == 2, "\(output): \(run.stderr)")
            #expect(
                run.stderr.contains(
                    "error: \(output): refusing to write: it is one of the decks this run reads; nothing was written"),
                "\(run.stderr)")
            #expect(Self.contents(notes) == Self.deck, "\(output) replaced the deck")
        }
        // Through a folder: `build deck/concepts.dot --output deck` refuses before writing anything.
        let decks = folder.appendingPathComponent("deck")
        try FileManager.default.createDirectory(at: decks, withIntermediateDirectories: true)
        try Data(Self.deck.utf8).write(to: decks.appendingPathComponent("concepts.dot"))
        let build = try Self.run(
            ["build", "deck/concepts.dot", "--deck-format", "plain", "--output", "deck"], in: folder)
        #expect(build.status == 2)
        #expect(build.stderr.contains("deck/concepts.dot: refusing to write: it is one of the decks this run reads"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: decks.path) == ["concepts.dot"])
        #expect(Self.contents(decks.appendingPathComponent("concepts.dot")) == Self.deck)
    }

    @Test(.enabled(if: binary != nil, "needs the built conceptgraph binary"))
    func refusesDevicesFIFOsAndLinksToThemButWritesToStandardOutputOnPurpose() throws {
        let folder = try Self.folderWithDeck()
        #expect(mkfifo(folder.appendingPathComponent("pipe").path, 0o644) == 0)
        #expect(symlink("/dev/null", folder.appendingPathComponent("null-link").path) == 0)
        #expect(symlink("missing-target", folder.appendingPathComponent("dangling").path) == 0)
        let cases = [
            ("/dev/null", "it is a character device, not a regular file"),
            ("pipe", "it is a named pipe (FIFO), not a regular file"),
            ("null-link", "it is a character device (through the symbolic link to /dev/null), not a regular file"),
            ("dangling", "it is a symbolic link to a missing file"),
        ]
        for (output, reason) in cases {
            let run = try Self.run(["export", "notes.txt", "--format", "dot", "--output", output], in: folder)
            #expect(run.status == 2, "\(output)")
            #expect(
                run.stderr.contains("error: \(output): refusing to write: \(reason); nothing was written"),
                "\(run.stderr)")
        }
        var info = stat()
        #expect(lstat(folder.appendingPathComponent("pipe").path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        #expect(lstat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
        let stdout = try Self.run(["export", "notes.txt", "--format", "dot", "--output", "-"], in: folder)
        #expect(stdout.status == 0)
        #expect(stdout.stdout.hasPrefix("digraph"))
        // A link to a regular output file is written through and stays a link.
        try Data("old".utf8).write(to: folder.appendingPathComponent("real.dot"))
        #expect(symlink("real.dot", folder.appendingPathComponent("out.dot").path) == 0)
        let through = try Self.run(["export", "notes.txt", "--format", "dot", "--output", "out.dot"], in: folder)
        #expect(through.status == 0, "\(through.stderr)")
        #expect(lstat(folder.appendingPathComponent("out.dot").path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
        #expect(Self.contents(folder.appendingPathComponent("real.dot"))?.hasPrefix("digraph") == true)
    }

    @Test(.enabled(if: binary != nil, "needs the built conceptgraph binary"))
    func aFullDiskOrAClosedPipeIsAMessageAndExitOneNeverACrash() throws {
        let folder = try Self.folderWithDeck()
        // Direct writes (export, build's summary) and what `print` buffered until exit (help, other commands).
        for arguments in [
            ["export", "notes.txt", "--format", "dot"], ["build", "notes.txt", "--format", "dot"], ["--help"],
        ] {
            let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
            let run = try Self.run(arguments, in: folder, stdout: full)
            #expect(run.status == 1, "\(arguments): \(run.stderr)")
            #expect(
                run.stderr.contains("error: standard output: cannot write: No space left on device"), "\(run.stderr)")
        }
        // A pipe whose reader is gone before the first byte: EPIPE, not SIGPIPE or a trap.
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let closed = try Self.run(
            ["export", "notes.txt", "--format", "graphml"], in: folder, stdout: pipe.fileHandleForWriting)
        #expect(closed.status == 1)
        #expect(closed.stderr.contains("error: standard output: cannot write: Broken pipe"), "\(closed.stderr)")
        #expect(closed.stderr.contains("hint: the program reading the output stopped before the end"))
    }

    @Test(.enabled(if: binary != nil, "needs the built conceptgraph binary"))
    func staleTemporaryFilesOfDeadRunsAreRemovedAndOthersKept() throws {
        let folder = try Self.folderWithDeck()
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        // A process id that is surely gone: a child we started and reaped.
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = finished.processIdentifier
        let names = [
            ".concepts.graphml.conceptgraph-tmp-\(dead)-1f2e", ".concepts.dot.tmp-\(dead)-abc",  // stale: removed
            ".concepts.svg.conceptgraph-tmp-1-abc",  // pid 1 is alive: kept
            ".notes.tmp-keep", "concepts.conceptgraph-tmp-\(dead)-zz",  // not ours: kept
        ]
        for name in names { try Data("x".utf8).write(to: out.appendingPathComponent(name)) }
        let run = try Self.run(["build", "notes.txt", "--output", "out", "--format", "graphml,dot"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let left = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(
            left == [
                ".concepts.svg.conceptgraph-tmp-1-abc", ".notes.tmp-keep", "concepts.conceptgraph-tmp-\(dead)-zz",
                "concepts.dot", "concepts.graphml",
            ])
    }

    /// A stand-in for Graphviz on PATH: records its pid, then behaves as `body` says.
    static func fakeGraphviz(in folder: URL, body: String) throws -> [String: String] {
        let bin = folder.appendingPathComponent("fake-bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let script = bin.appendingPathComponent("dot")
        try Data("#!/bin/sh\necho $$ > \(folder.path)/dot.pid\n\(body)\n".utf8).write(to: script)
        #expect(chmod(script.path, 0o755) == 0)
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = bin.path + ":/usr/bin:/bin"
        return environment
    }

    static func isAlive(_ pid: pid_t) -> Bool {
        // A zombie is dead too: look at /proc when it exists.
        if let status = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) {
            return !status.contains(") Z ")
        }
        return kill(pid, 0) == 0
    }

    @Test(
        .enabled(if: binary != nil, "needs the built conceptgraph binary"),
        arguments: [SIGKILL, SIGTERM, SIGINT])
    func graphvizDiesWithTheToolAndAKilledBuildChangesNothing(signal: Int32) throws {
        let folder = try Self.folderWithDeck()
        let environment = try Self.fakeGraphviz(in: folder, body: "exec sleep 120")
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        for name in ["concepts.graphml", "concepts.dot", "concepts.svg"] {
            try Data("old".utf8).write(to: out.appendingPathComponent(name))
        }
        let process = Process()
        process.executableURL = try #require(Self.binary)
        process.arguments = ["build", "notes.txt", "--output", "out"]
        process.currentDirectoryURL = folder
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let pidFile = folder.appendingPathComponent("dot.pid")
        var child: pid_t = 0
        for _ in 0..<200 where child == 0 {
            if let text = Self.contents(pidFile), let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                child = pid
            } else {
                usleep(50_000)
            }
        }
        #expect(child > 0, "the fake dot never started")
        #expect(Self.isAlive(child))
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        var gone = false
        for _ in 0..<100 where !gone {
            gone = !Self.isAlive(child)
            if !gone { usleep(50_000) }
        }
        if !gone { kill(child, SIGKILL) }
        #expect(gone, "dot outlived conceptgraph after signal \(signal)")
        for name in ["concepts.graphml", "concepts.dot", "concepts.svg"] {
            #expect(Self.contents(out.appendingPathComponent(name)) == "old", "\(name) was replaced by a killed run")
        }
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == [
                "concepts.dot", "concepts.graphml", "concepts.svg",
            ])
    }

    @Test(.enabled(if: binary != nil, "needs the built conceptgraph binary"))
    func aFailedDrawingKeepsTheOtherFilesAndSaysThePictureIsStale() throws {
        let folder = try Self.folderWithDeck()
        let environment = try Self.fakeGraphviz(in: folder, body: "cat >/dev/null; echo 'Error: syntax' >&2; exit 3")
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: out.appendingPathComponent("concepts.svg"))
        let run = try Self.run(["build", "notes.txt", "--output", "out"], in: folder, environment: environment)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: Graphviz `dot` failed (exit status 3): Error: syntax"), "\(run.stderr)")
        #expect(
            run.stderr.contains(
                "note: out/concepts.svg not drawn; the one there is from an earlier run and does not match the other files"
            ))
        #expect(run.stdout.contains("Wrote out/concepts.graphml, out/concepts.dot."))
    }

    @Test(.enabled(if: binary != nil, "needs the built conceptgraph binary"))
    func aHugeGraphWithoutEdgesIsNotSentToGraphviz() throws {
        let folder = try TestPaths.temporaryDirectory()
        // 6,000 one-line cards of distinct made-up terms: 6,000 concepts, no relation.
        var state: UInt64 = 7
        func word() -> String {
            String(
                (0..<8).map { _ in
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    return Character(UnicodeScalar(UInt8(ascii: "a") + UInt8((state >> 33) % 26)))
                })
        }
        let lines = (0..<6000).map { _ in word() + "\t" + word() + " " + word() }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: folder.appendingPathComponent("many.tsv"))
        let environment = try Self.fakeGraphviz(in: folder, body: "exec sleep 120")
        let run = try Self.run(["build", "many.tsv", "--output", "out"], in: folder, environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("note: out/concepts.svg not drawn:"), "\(run.stderr)")
        #expect(run.stderr.contains("more than Graphviz can lay out in reasonable time (limit 5000)"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("dot.pid").path))
    }

    @Test(.enabled(if: binary != nil, "needs the built conceptgraph binary"))
    func aZipRenamedTxtIsNamedNotRead() throws {
        let folder = try Self.folderWithDeck()
        try Data(Array("PK\u{03}\u{04}".utf8) + [0x14, 0, 0, 0, 8, 0] + Array(1...40)).write(
            to: folder.appendingPathComponent("deck.txt"))
        let run = try Self.run(["export", "deck.txt", "notes.txt", "--format", "dot"], in: folder)
        #expect(run.status == 1)
        #expect(
            run.stderr.hasPrefix(
                "deck.txt: error: not a readable zip archive (damaged or cut short), so not a readable Anki package "
                    + "(export the deck from Anki with File › Export › Anki Deck Package)\n"), "\(run.stderr)")
        #expect(run.stdout.hasPrefix("digraph"))
    }
}
