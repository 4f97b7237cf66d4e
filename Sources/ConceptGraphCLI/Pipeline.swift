import ArgumentParser
import ConceptAnalysis
import ConceptExtraction
import DeckReading
import Foundation

/// Reads decks, extracts concepts and analyses the graph: what every graph-producing subcommand runs.
struct Pipeline {
    var input: InputOptions
    var analysis: AnalysisOptions

    /// The result of a run: the graph, what was read, and whether any input failed.
    struct Outcome {
        var analyzed: AnalyzedGraph
        var decks: [Deck]
        var hadErrors: Bool
    }

    /// Runs the stages and reports problems on stderr. Throws `ExitCode.failure` when nothing at all
    /// could be read (never an empty graph written silently). With `timings`, each stage is timed.
    func run(timings: StageTimings? = nil) throws -> Outcome {
        let loaded = timings.measureIfGiven("read") {
            DeckLoader(format: input.deckFormat).load(paths: input.resolvedPaths)
        }
        Diagnostics.report(errors: loaded.errors, warnings: loaded.warnings)
        let cardCount = loaded.decks.reduce(0) { $0 + $1.cards.count }
        guard cardCount > 0 else {
            Diagnostics.error(
                "no cards found in \(input.resolvedPaths.joined(separator: ", "))",
                hint: "give deck files or folders holding .txt, .tsv or .csv decks")
            throw ExitCode.failure
        }
        let graph = timings.measureIfGiven("extract") { ConceptExtractor().extract(from: loaded.decks) }
        let analyzed = timings.measureIfGiven("analyse") {
            analysis.analyzer.analyze(graph) { part, duration in
                timings?.record(part.rawValue, depth: 1, duration)
            }
        }
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
