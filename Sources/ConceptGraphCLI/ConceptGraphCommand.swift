import ArgumentParser

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
              conceptgraph                       # Decks/ → Graphs/concepts.{graphml,dot,svg}
              conceptgraph build my-decks/ --output out/
            """,
        subcommands: [
            BuildCommand.self, ExportCommand.self, AnkiCommand.self, PicturesCommand.self, StudyCommand.self,
            ProgressCommand.self,
        ],
        defaultSubcommand: BuildCommand.self
    )

    public init() {}
}
