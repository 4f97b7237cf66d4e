import Foundation
import TestSupport
import Testing

/// `--help` of every command as a user reads it in an 80-column terminal.
@Suite struct HelpTests {
    static let commands = ["build", "export", "anki", "pictures", "study", "progress"]

    @Test(.enabled(if: CommandLineTests.binary != nil, "needs the built conceptgraph binary"))
    func everyHelpFitsEightyColumnsWithWholeExampleLines() throws {
        let folder = try TestPaths.temporaryDirectory()
        for command in [[]] + Self.commands.map { [$0] } {
            let run = try CommandLineTests.run(command + ["--help"], in: folder)
            #expect(run.status == 0, "\(command)")
            let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            for line in lines {
                #expect(line.count <= 80, "\(command) --help: \(line.count) columns: \(line)")
            }
            // An example is one command line: argument-parser wraps a longer one at column 0.
            var inExamples = false
            for line in lines {
                if line.hasPrefix("Example") {
                    inExamples = true
                } else if line.isEmpty {
                    inExamples = false
                } else if inExamples {
                    #expect(line.hasPrefix("  conceptgraph") || line.hasPrefix("  printf"), "\(command): \(line)")
                }
            }
            #expect(lines.contains { $0.hasPrefix("USAGE: conceptgraph") }, "\(command)")
        }
    }

    /// Bad usage exits 2 (the documented code), not argument-parser's 64, with the message on stderr.
    @Test(.enabled(if: CommandLineTests.binary != nil, "needs the built conceptgraph binary"))
    func usageErrorsExitWithTwo() throws {
        let folder = try TestPaths.temporaryDirectory()
        for arguments in [
            ["export", "--format", "yaml"], ["study", "--plan", "--days", "0"], ["anki"],
            ["build", "--no-such-option"],
        ] {
            let run = try CommandLineTests.run(arguments, in: folder)
            #expect(run.status == 2, "\(arguments): \(run.status) \(run.stderr)")
            #expect(run.stderr.contains("Usage: conceptgraph"), "\(arguments): \(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
        #expect(try CommandLineTests.run(["study", "--help"], in: folder).status == 0)
    }
}
