import ArgumentParser
import Foundation
import GraphExport

/// `conceptgraph export`: one format, to a file or to standard output.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the concept graph in one format, to a file or to standard output.",
        usage: "conceptgraph export [PATH ...] --format FORMAT [--output FILE] [options]",
        discussion: """
            Examples:
              conceptgraph export --format dot | dot -Tpng > concepts.png
              conceptgraph export Decks/ --format graphml --output concepts.graphml
            """
    )

    enum Format: String, CaseIterable, ExpressibleByArgument {
        case graphml, dot
    }

    @OptionGroup var input: InputOptions
    @OptionGroup var analysis: AnalysisOptions

    @Option(help: "graphml or dot.")
    var format: Format

    @Option(name: .shortAndLong, help: "File to write (replaced atomically). Default: standard output.")
    var output: String?

    func run() throws {
        let outcome = try Pipeline(input: input, analysis: analysis).run()
        do {
            let data: Data
            switch format {
            case .graphml: data = try GraphMLWriter().data(for: outcome.analyzed)
            case .dot: data = Data(try DOTWriter().text(for: outcome.analyzed).utf8)
            }
            if let output {
                try AtomicFile.write(data, to: output)
            } else {
                FileHandle.standardOutput.write(data)
            }
        } catch {
            Diagnostics.printError(error.description)
            throw ExitCode.failure
        }
        if outcome.hadErrors { throw ExitCode.failure }
    }
}
