import ArgumentParser
import ConceptAnalysis
import ConceptExtraction
import DeckReading
import Foundation

/// Reads decks, extracts concepts and analyses the graph: what every graph-producing subcommand runs.
struct Pipeline {
    /// Deck files and folders as given; empty means `Decks`.
    var paths: [String]
    var deckFormat: DeckFormat?
    var analysis: AnalysisOptions

    init(input: InputOptions, analysis: AnalysisOptions) {
        self.init(paths: input.paths, deckFormat: input.deckFormat, analysis: analysis)
    }

    init(paths: [String], deckFormat: DeckFormat?, analysis: AnalysisOptions) {
        self.paths = paths
        self.deckFormat = deckFormat
        self.analysis = analysis
    }

    /// The paths to read, `Decks` when none were given.
    var resolvedPaths: [String] { paths.isEmpty ? ["Decks"] : paths }

    /// The result of a run: the graph, what was read, and whether any input failed.
    struct Outcome {
        var analyzed: AnalyzedGraph
        var decks: [Deck]
        var hadErrors: Bool
    }

    /// Runs the stages and reports problems on stderr. Throws `ExitCode.failure` when nothing at all
    /// could be read (never an empty graph written silently).
    func run() throws -> Outcome {
        if paths.isEmpty && !FileManager.default.fileExists(atPath: "Decks") {
            Diagnostics.error(
                "no deck given and no Decks/ folder in \(FileManager.default.currentDirectoryPath)",
                hint: "name deck files or folders, e.g. `conceptgraph tree my-decks/`, or run where Decks/ is")
            throw ExitCode(2)
        }
        // A spinner on stderr when this takes over a second (and stderr is a terminal).
        let progress = ProgressIndicator.start("Reading decks")
        defer { progress.stop() }
        let loaded = DeckLoader(format: deckFormat).load(paths: resolvedPaths)
        progress.stop()
        Diagnostics.report(errors: loaded.errors, warnings: loaded.warnings)
        let cardCount = loaded.decks.reduce(0) { $0 + $1.cards.count }
        guard cardCount > 0 else {
            Diagnostics.error(
                "no cards found in \(resolvedPaths.joined(separator: ", "))",
                hint: "give deck files or folders holding .txt, .tsv or .csv decks")
            throw ExitCode(2)
        }
        let working = ProgressIndicator.start("Finding concepts in \(cardCount) cards")
        defer { working.stop() }
        let graph = ConceptExtractor().extract(from: loaded.decks)
        let analyzed = analysis.analyzer.analyze(graph)
        working.stop()
        return Outcome(analyzed: analyzed, decks: loaded.decks, hadErrors: !loaded.errors.isEmpty)
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

    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
