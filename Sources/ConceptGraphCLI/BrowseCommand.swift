import ArgumentParser
import ConceptExplorer
import Foundation
import TerminalBrowser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `conceptgraph browse`: the full-screen hierarchy browser.
struct BrowseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "browse",
        abstract: "Browse the hierarchy full-screen in the terminal.",
        usage: "conceptgraph browse [PATH ...] [options]",
        discussion: """
            Keys: ↑/↓ between siblings, ← to the parent, → to a narrower concept, \
            Enter to read the cards, p for prerequisites, / to search, q to quit. \
            Needs a terminal on standard input and output.

            Examples:
              conceptgraph browse
              conceptgraph browse my-decks/

            \(ExitStatus.help)
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var analysis: AnalysisOptions

    func run() throws {
        // Say so at once, before reading decks.
        guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else {
            Diagnostics.printError("error: \(TerminalBrowserError.notATerminal.description)")
            throw ExitStatus.badInput
        }
        let session = try ExploreSession(input: input, analysis: analysis)
        do {
            try TerminalBrowser.run(session.explorer)
        } catch let error as TerminalBrowserError {
            Diagnostics.printError("error: \(error.description)")
            throw ExitStatus.badInput
        }
    }
}
