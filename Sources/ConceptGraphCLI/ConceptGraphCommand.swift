import ArgumentParser
import Foundation

/// `conceptgraph`: flashcard decks in, a concept graph out. Without a subcommand it runs `build`.
public struct ConceptGraphCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "conceptgraph",
        abstract: "Turn flashcard decks into a concept graph to explore and study.",
        discussion: """
            Reads decks (plain text, TSV/CSV, Quizlet and Anki text exports), finds the concepts they \
            teach, links them (broader: hierarchy; requires: prerequisites; related), computes a study \
            order and clusters, and writes GraphML and Graphviz files.

            Example:
              conceptgraph                       # Decks/ → Graphs/concepts.*
              conceptgraph build my-decks/ --output out/
              conceptgraph tree CRM              # explore: tree, show, prereqs, order, ...
              conceptgraph browse                # full-screen browser

            Exit status: 0 success, 1 nothing found or problems found, 2 bad input or usage.
            """,
        version: ConceptGraphVersion.current,
        subcommands: [
            BuildCommand.self, ExportCommand.self, AnkiCommand.self, PicturesCommand.self, StudyCommand.self,
            ProgressCommand.self,
            TreeCommand.self, ShowCommand.self, PrereqsCommand.self, OrderCommand.self, ClustersCommand.self,
            PathCommand.self, SearchCommand.self, StatsCommand.self, LintCommand.self, BrowseCommand.self,
        ],
        defaultSubcommand: BuildCommand.self
    )

    public init() {}

    /// Runs the command line: a mistyped subcommand is caught before it is read as a deck path, and
    /// usage errors exit with status 2 (argument-parser's default is 64).
    public static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let message = SubcommandGuess.complaint(about: arguments, commands: subcommandNames) {
            Diagnostics.printError(message)
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                Diagnostics.printError(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    /// Every subcommand's name, and `help`.
    static var subcommandNames: [String] {
        configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
    }
}

/// The version `--version` prints.
public enum ConceptGraphVersion {
    public static let current = "0.4.0"
}

/// Tells a mistyped subcommand (`exprot`) from a deck path.
enum SubcommandGuess {
    /// A message when the first argument is neither an option, a subcommand nor an existing path, and
    /// looks like a word rather than a path; `nil` otherwise.
    static func complaint(about arguments: [String], commands: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), !commands.contains(first),
            !FileManager.default.fileExists(atPath: first),
            !first.contains("/"), !first.contains(".")
        else { return nil }
        let typed = first.lowercased()
        let close: [(command: String, distance: Int)] = commands.map { ($0, distance(typed, $0)) }
            .filter { $0.distance <= 2 }
            .sorted { (a, b) -> Bool in a.distance != b.distance ? a.distance < b.distance : a.command < b.command }
        if let best = close.first {
            return "error: unknown command '\(first)'; did you mean \(best.command)?"
        }
        return "error: '\(first)' is neither a command nor a deck file or folder "
            + "(commands: \(commands.filter { $0 != "help" }.joined(separator: ", ")); see conceptgraph --help)"
    }

    /// Edit distance with adjacent swaps (short words only).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8)
        let b = Array(b.utf8)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
