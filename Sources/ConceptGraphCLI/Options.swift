import ArgumentParser
import ConceptAnalysis
import DeckReading

/// The decks to read: shared by every subcommand that builds a graph.
struct InputOptions: ParsableArguments {
    @Argument(
        help: "Deck files or folders of decks (searched recursively). Default: Decks",
        completion: .file())
    var paths: [String] = []

    @Option(
        name: .customLong("deck-format"),
        help:
            "Read every file as this format: \(DeckFormat.allCases.map(\.rawValue).joined(separator: ", ")). Default: chosen per file."
    )
    var deckFormat: DeckFormat?

    /// The paths to read, `Decks` when none were given.
    var resolvedPaths: [String] { paths.isEmpty ? ["Decks"] : paths }
}

/// How the graph is clustered.
struct AnalysisOptions: ParsableArguments {
    @Option(help: "Leiden resolution: higher gives more, smaller clusters.")
    var resolution: Double = 1.0

    @Option(help: "Seed for clustering: the same seed gives the same clusters.")
    var seed: UInt64 = 1

    var analyzer: Analyzer { Analyzer(resolution: resolution, seed: seed) }

    func validate() throws {
        guard resolution > 0, resolution.isFinite else {
            throw ValidationError("--resolution must be a positive number, got \(resolution)")
        }
    }
}

extension DeckFormat: ExpressibleByArgument {}
