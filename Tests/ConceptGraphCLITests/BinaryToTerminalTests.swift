import Foundation
import TestSupport
import Testing

/// A PNG or PDF is never printed on a terminal: `export --format png` without `--output` on a terminal
/// is a usage error (exit 2) that says what to do; to a pipe it still writes the picture.
@Suite struct BinaryToTerminalTests {
    static let script = ["/usr/bin/script", "/bin/script"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: script != nil, "needs util-linux `script` for a pseudo-terminal"))
    func pngOnATerminalIsRefused() throws {
        let binary = try #require(CommandLineTests.binary).path
        let deck = TestPaths.repositoryRoot.appendingPathComponent("Decks/ch11-crm-scm.txt").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.script))
        // `script` gives the command a pseudo-terminal as standard output; -e passes its exit status on.
        process.arguments = ["-qec", "'\(binary)' export '\(deck)' --format png", "/dev/null"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(text.contains("--format png is binary: give --output FILE"))
        #expect(!text.contains("PNG\r\n"))
    }

    @Test func pngToAPipeIsWritten() throws {
        let run = try CommandLineTests.run(
            ["export", "Decks/ch11-crm-scm.txt", "--format", "png"], in: TestPaths.repositoryRoot)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.utf8.starts(with: [0x89] + Array("PNG".utf8)) || run.stdout.hasPrefix("\u{FFFD}PNG"))
    }
}
