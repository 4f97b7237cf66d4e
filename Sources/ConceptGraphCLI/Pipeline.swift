import AnkiPackage
import ArgumentParser
import ConceptAnalysis
import ConceptExtraction
import DeckReading
import Foundation
import GraphExport

/// Reads decks, extracts concepts and analyses the graph: what every graph-producing subcommand runs.
struct Pipeline {
    var input: InputOptions
    var analysis: AnalysisOptions

    /// The result of a run: the graph, what was read, and whether any input failed.
    struct Outcome {
        var analyzed: AnalyzedGraph
        var decks: [Deck]
        var hadErrors: Bool
        /// The files read (device + inode): no output may replace one of them.
        var readFiles: Set<FileIdentity>
    }

    /// Runs the stages and reports problems on stderr. Throws `ExitCode.failure` when nothing at all
    /// could be read (never an empty graph written silently).
    func run() throws -> Outcome {
        let loaded = DeckLoader(format: input.deckFormat, packageReader: AnkiPackageDecks.reader).load(
            paths: input.resolvedPaths)
        Diagnostics.report(errors: loaded.errors, warnings: loaded.warnings)
        let cardCount = loaded.decks.reduce(0) { $0 + $1.cards.count }
        guard cardCount > 0 else {
            Diagnostics.error(
                "no cards found in \(input.resolvedPaths.joined(separator: ", "))",
                hint:
                    "give deck files or folders holding .txt, .tsv, .csv, CrowdAnki .json, Obsidian .md or .apkg decks")
            throw ExitCode.failure
        }
        // The same set of decks gives the same graph whatever the argument order or folder names.
        let decks = DeckOrder.canonical(loaded.decks)
        let graph = ConceptExtractor().extract(from: decks)
        let analyzed = analysis.analyzer.analyze(graph)
        return Outcome(
            analyzed: analyzed, decks: decks, hadErrors: !loaded.errors.isEmpty,
            readFiles: Set(loaded.readFiles))
    }
}

/// Messages for people, on stderr, in the `file:line: error: …` form editors understand.
enum Diagnostics {
    /// At most this many warnings are printed one by one; the rest are counted.
    static let warningLimit = 20

    static func report(errors: [DeckReadError], warnings: [DeckReadError]) {
        for error in errors { printError(error.description) }
        for warning in warnings.prefix(warningLimit) {
            printError(warning.description)
        }
        if warnings.count > warningLimit {
            printError("… and \(warnings.count - warningLimit) more warnings")
        }
    }

    static func error(_ message: String, hint: String? = nil) {
        printError("error: \(message)" + (hint.map { " (\($0))" } ?? ""))
    }

    /// Writes one line to stderr; a failing stderr is ignored (there is nowhere left to report it).
    static func printError(_ line: String) {
        StandardError.write(line + "\n")
    }

    /// Reports an export failure and returns the exit status it deserves: 2 when the output path
    /// itself was refused (a usage problem), 1 for a failed write or drawing.
    static func fail(_ error: ExportError) -> ExitCode {
        printError(error.description)
        if case .refusedOutput = error { return ExitStatus.badInput }
        return ExitStatus.failure
    }
}

/// The documented exit statuses: 0 success, 1 nothing found or problems found (unreadable input,
/// a failed write), 2 bad input or usage (an output path that would destroy a file, a bad option).
enum ExitStatus {
    static let failure = ExitCode(1)
    static let badInput = ExitCode(2)
}
