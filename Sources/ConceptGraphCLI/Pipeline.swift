import AnkiPackage
import ArgumentParser
import ConceptAnalysis
import ConceptExtraction
import DeckReading
import Foundation
import GraphExport
import Language

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
        /// The lines reading printed on stderr (kept with a cached graph, printed again when it is used).
        var messages: [String] = []
        /// The files read (device + inode): no output may replace one of them.
        var readFiles: Set<FileIdentity>
    }

    /// Runs the stages and reports problems on stderr. Throws exit status 2 when no deck is named and
    /// there is no `Decks/`, or when no card at all could be read (never an empty graph written silently).
    /// With `timings`, each stage is timed.
    func run(timings: StageTimings? = nil) throws -> Outcome {
        if paths.isEmpty && !FileManager.default.fileExists(atPath: "Decks") {
            Diagnostics.error(
                "no deck given and no Decks/ folder in \(FileManager.default.currentDirectoryPath)",
                hint:
                    "name deck files or folders after the command, e.g. `conceptgraph build my-decks/`, "
                    + "or run it where a Decks/ folder is")
            throw ExitStatus.badInput
        }
        // A spinner on stderr when this takes over a second (and stderr is a terminal).
        let progress = ProgressIndicator.start("Reading decks")
        defer { progress.stop() }
        let loaded = timings.measureIfGiven("read") {
            DeckLoader(format: deckFormat, packageReader: AnkiPackageDecks.reader).load(paths: resolvedPaths)
        }
        progress.stop()
        Diagnostics.report(errors: loaded.errors, warnings: loaded.warnings)
        let cardCount = loaded.decks.reduce(0) { $0 + $1.cards.count }
        guard cardCount > 0 else {
            Diagnostics.error(
                "no cards found in \(resolvedPaths.joined(separator: ", "))",
                hint:
                    "give deck files or folders holding .txt, .tsv, .csv, CrowdAnki .json, Obsidian .md or .apkg decks")
            throw ExitStatus.badInput
        }
        let lexicon: EnglishLexicon
        switch timings.measureIfGiven("lexicon", { ConceptExtractor.sharedLexicon }) {
        case .success(let loaded): lexicon = loaded
        case .failure(let error):
            Diagnostics.error(error.description)
            throw ExitCode.failure
        }
        let working = ProgressIndicator.start("Finding concepts in \(cardCount) cards")
        defer { working.stop() }
        // The same set of decks gives the same graph whatever the argument order or folder names.
        let decks = DeckOrder.canonical(loaded.decks)
        let graph = timings.measureIfGiven("extract") { ConceptExtractor(lexicon: lexicon).extract(from: decks) }
        let analyzed = timings.measureIfGiven("analyse") {
            analysis.analyzer.analyze(graph) { part, duration in
                timings?.record(part.rawValue, depth: 1, duration)
            }
        }
        working.stop()
        return Outcome(
            analyzed: analyzed, decks: decks, hadErrors: !loaded.errors.isEmpty,
            messages: Diagnostics.lines(errors: loaded.errors, warnings: loaded.warnings),
            readFiles: Set(loaded.readFiles))
    }
}

/// Messages for people, on stderr, in the `file:line: error: …` form editors understand.
enum Diagnostics {
    /// At most this many warnings are printed one by one; the rest are counted.
    static let warningLimit = 20

    static func report(errors: [DeckReadError], warnings: [DeckReadError]) {
        for line in lines(errors: errors, warnings: warnings) { printError(line) }
    }

    /// The lines `report` prints: every error, the first warnings, a count of the others.
    static func lines(errors: [DeckReadError], warnings: [DeckReadError]) -> [String] {
        var lines = errors.map(\.description) + warnings.prefix(warningLimit).map(\.description)
        if warnings.count > warningLimit { lines.append("… and \(warnings.count - warningLimit) more warnings") }
        return lines
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
