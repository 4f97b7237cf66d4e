import AnalysisCache
import ArgumentParser
import ConceptAnalysis
import ConceptExplorer
import DeckReading
import Foundation

/// `--json`, shared by every query command.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print JSON (stable snake_case keys; see README) instead of text.")
    var json = false
}

extension ExitStatus {
    /// The sentence every command's help ends with.
    static let help = """
        Exit status: 0 success, 1 nothing found or problems found, 2 bad input or usage.
        """
}

/// Loads the graph of some decks and answers questions about concept names.
struct ExploreSession {
    var explorer: Explorer

    /// Reads the decks, or takes their analysed graph from the cache when neither the decks, the
    /// options nor the program changed (see `AnalysisCache`); decks with read errors are not cached.
    init(paths: [String], deckFormat: DeckFormat?, analysis: AnalysisOptions) throws {
        let pipeline = Pipeline(paths: paths, deckFormat: deckFormat, analysis: analysis)
        let cache = AnalysisCache.standard()
        let options = [
            ConceptGraphVersion.current, deckFormat?.rawValue ?? "auto", "\(analysis.resolution)", "\(analysis.seed)",
        ].joined(separator: " ")
        let key = cache.flatMap { _ in AnalysisCache.key(paths: pipeline.resolvedPaths, options: options) }
        if let cache, let key, let entry = cache.load(key: key) {
            for line in entry.messages { Diagnostics.printError(line) }
            explorer = Explorer(entry.analyzed)
            return
        }
        let outcome = try pipeline.run()
        if let cache, let key, !outcome.hadErrors {
            cache.store(AnalysisCache.Entry(analyzed: outcome.analyzed, messages: outcome.messages), key: key)
        }
        explorer = Explorer(outcome.analyzed)
    }

    init(input: InputOptions, analysis: AnalysisOptions) throws {
        try self.init(paths: input.paths, deckFormat: input.deckFormat, analysis: analysis)
    }

    /// The concept `name` means; on a miss prints "did you mean …?" and exits with status 1.
    func concept(_ name: String) throws -> Int {
        try concepts([name])[0]
    }

    /// The concepts `names` mean, looked up in one index of the concepts' names (built here: most
    /// commands take no name); on the first miss prints "did you mean …?" and exits with status 1.
    func concepts(_ names: [String]) throws -> [Int] {
        let index = NameIndex(explorer.analyzed)
        return try names.map { try concept($0, in: index) }
    }

    private func concept(_ name: String, in names: NameIndex) throws -> Int {
        switch names.lookup(name) {
        case .found(let index): return index
        case .notFound(let suggestions):
            var message = "error: no concept named \"\(name)\""
            if !suggestions.isEmpty {
                let names = suggestions.map { "\"\(explorer.graph.concepts[$0].label)\"" }
                message += "; did you mean " + names.joined(separator: ", ") + "?"
            } else {
                message += " (try `conceptgraph search \(name)`)"
            }
            Diagnostics.printError(message)
            throw ExitCode.failure
        }
    }

    /// Prints `view` as JSON or as text.
    func emit<View: Encodable>(_ view: View, json: Bool, text: (TextRenderer) -> String) {
        if json {
            Terminal.print(JSONRenderer.render(view))
        } else {
            Terminal.print(text(TextRenderer(style: Terminal.outputStyle)))
        }
    }
}

struct TreeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tree",
        abstract: "Show the hierarchy (broader → narrower) as an indented tree.",
        usage: "conceptgraph tree [CONCEPT] [PATH ...] [--depth N] [--json] [options]",
        discussion: """
            Without a concept, shows every top concept that has narrower ones. A concept \
            with several parents appears under each; after the first time it is marked \
            "↑ see above" and not expanded again. A cycle is marked "↻ cycle".

            The first argument is the concept unless it is an existing file or folder; \
            the others are decks.

            Examples:
              conceptgraph tree
              conceptgraph tree CRM --depth 1
              conceptgraph tree "operational crm" my-decks/ --json

            \(ExitStatus.help)
            """
    )

    @Argument(help: "[CONCEPT] then deck files or folders (default: Decks).", completion: .file())
    var arguments: [String] = []

    @Option(help: "Show at most this many levels below the top.")
    var depth: Int?

    @Option(name: .customLong("deck-format"), help: "Read every file as this format.")
    var deckFormat: DeckFormat?

    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let depth, depth < 0 { throw ValidationError("--depth must be 0 or more, got \(depth)") }
    }

    func run() throws {
        var paths = arguments
        var conceptName: String?
        if let first = arguments.first, !FileManager.default.fileExists(atPath: first) {
            conceptName = first
            paths.removeFirst()
        }
        let session = try ExploreSession(paths: paths, deckFormat: deckFormat, analysis: analysis)
        let root = try conceptName.map(session.concept)
        let view = session.explorer.tree(root: root, depth: depth)
        session.emit(view, json: output.json) { $0.render(view) }
    }
}

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one concept: names, decks, cards, relations with evidence.",
        usage: "conceptgraph show CONCEPT [PATH ...] [--json] [options]",
        discussion: """
            Concept names are matched loosely (case, plurals, aliases, acronyms, typos).

            Examples:
              conceptgraph show CRM
              conceptgraph show "customer facing app" --json

            \(ExitStatus.help)
            """
    )

    @Argument(help: "The concept (any of its names).")
    var concept: String
    @OptionGroup var input: InputOptions
    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let session = try ExploreSession(input: input, analysis: analysis)
        let view = session.explorer.show(try session.concept(concept))
        session.emit(view, json: output.json) { $0.render(view) }
    }
}

struct PrereqsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prereqs",
        abstract: "List what to learn before a concept, in study order.",
        usage: "conceptgraph prereqs CONCEPT [PATH ...] [--direct] [--json] [options]",
        discussion: """
            Everything above the concept over broader and requires relations; with \
            --direct only its parents and direct prerequisites.

            Examples:
              conceptgraph prereqs "customer-facing apps"
              conceptgraph prereqs CRM --direct --json

            \(ExitStatus.help)
            """
    )

    @Argument(help: "The concept (any of its names).")
    var concept: String
    @Flag(help: "Only the immediate prerequisites.")
    var direct = false
    @OptionGroup var input: InputOptions
    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let session = try ExploreSession(input: input, analysis: analysis)
        let view = session.explorer.prerequisites(of: try session.concept(concept), direct: direct)
        session.emit(view, json: output.json) { $0.render(view) }
    }
}

struct OrderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "order",
        abstract: "Print the study order, numbered.",
        usage: "conceptgraph order [PATH ...] [--cluster N] [--json] [options]",
        discussion: """
            Parents and prerequisites come first. Concepts that depend on each other \
            (a cycle) are bracketed and learnt together.

            Examples:
              conceptgraph order
              conceptgraph order --cluster 2 --json

            \(ExitStatus.help)
            """
    )

    @Option(help: "Only the concepts of this cluster (see `conceptgraph clusters`).")
    var cluster: Int?
    @OptionGroup var input: InputOptions
    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let session = try ExploreSession(input: input, analysis: analysis)
        if let cluster, !(0..<session.explorer.clusterCount).contains(cluster) {
            Diagnostics.error(
                "no cluster \(cluster)", hint: "clusters are 0 to \(session.explorer.clusterCount - 1)")
            throw ExitStatus.badInput
        }
        let view = session.explorer.order(cluster: cluster)
        session.emit(view, json: output.json) { $0.render(view) }
    }
}

struct ClustersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clusters",
        abstract: "List the clusters with their names, sizes and main concepts.",
        usage: "conceptgraph clusters [PATH ...] [--json] [options]",
        discussion: """
            Examples:
              conceptgraph clusters
              conceptgraph clusters --resolution 2 --json

            \(ExitStatus.help)
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let session = try ExploreSession(input: input, analysis: analysis)
        let view = session.explorer.clusters()
        session.emit(view, json: output.json) { $0.render(view) }
    }
}

struct PathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: "Show the shortest chain of relations between two concepts.",
        usage: "conceptgraph path CONCEPT CONCEPT [PATH ...] [--json] [options]",
        discussion: """
            Relations of any kind are followed in either direction; each step names its \
            kind, its direction and its evidence. Exits 1 when nothing links them.

            Examples:
              conceptgraph path "operational CRM" "customer touch point"

            \(ExitStatus.help)
            """
    )

    @Argument(help: "The first concept.")
    var from: String
    @Argument(help: "The second concept.")
    var to: String
    @OptionGroup var input: InputOptions
    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let session = try ExploreSession(input: input, analysis: analysis)
        let ends = try session.concepts([from, to])
        let view = session.explorer.path(from: ends[0], to: ends[1])
        session.emit(view, json: output.json) { $0.render(view) }
        if view.steps == nil { throw ExitCode.failure }
    }
}

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find the concepts and cards that match some words, best first.",
        usage: "conceptgraph search TEXT [PATH ...] [--limit N] [--json] [options]",
        discussion: """
            Every word must match (case, accents and word endings are ignored). Exits 1 \
            when nothing matches.

            Examples:
              conceptgraph search "customer data"
              conceptgraph search loyalty --limit 3 --json

            \(ExitStatus.help)
            """
    )

    @Argument(help: "The words to look for.")
    var text: String
    @Option(help: "Show at most this many concepts and this many cards.")
    var limit: Int = 10
    @OptionGroup var input: InputOptions
    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be 1 or more, got \(limit)") }
    }

    func run() throws {
        let session = try ExploreSession(input: input, analysis: analysis)
        let view = session.explorer.search(text, limit: limit)
        session.emit(view, json: output.json) { $0.render(view) }
        if view.concepts.isEmpty && view.cards.isEmpty { throw ExitCode.failure }
    }
}

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count decks, cards, concepts, relations, clusters and cycles.",
        usage: "conceptgraph stats [PATH ...] [--json] [options]",
        discussion: """
            Examples:
              conceptgraph stats
              conceptgraph stats my-decks/ --json

            \(ExitStatus.help)
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let session = try ExploreSession(input: input, analysis: analysis)
        let view = session.explorer.stats()
        session.emit(view, json: output.json) { $0.render(view) }
    }
}

extension LintCheck: ExpressibleByArgument {}

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Find problems in the decks, each with file:line.",
        usage: "conceptgraph lint [PATH ...] [--check NAME ...] [--json] [options]",
        discussion: """
            Checks: conflicting-answers (same front, different answers), duplicate, \
            empty-answer, unlinked (a card whose concepts link to nothing), \
            prerequisite-cycle, near-duplicate (80% of words shared). Exits 1 when it \
            finds a problem.

            Examples:
              conceptgraph lint
              conceptgraph lint my-decks/ --check empty-answer --check duplicate

            \(ExitStatus.help)
            """
    )

    @Option(name: .customLong("check"), help: "Run only this check (repeatable).")
    var checks: [LintCheck] = []
    @OptionGroup var input: InputOptions
    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let session = try ExploreSession(input: input, analysis: analysis)
        let view = session.explorer.lint(checks: checks.isEmpty ? Set(LintCheck.allCases) : Set(checks))
        session.emit(view, json: output.json) { $0.render(view) }
        if !view.problems.isEmpty { throw ExitCode.failure }
    }
}
