import ArgumentParser
import Foundation
import GraphExport

/// `conceptgraph export`: one format, to a file or to standard output.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the concept graph in one format, to a file or to standard output.",
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

    @Option(
        name: .shortAndLong,
        help:
            "File to write (replaced atomically; never a deck this run reads, a device or a FIFO). Default or `-`: standard output."
    )
    var output: String?

    func run() throws {
        let outcome = try Pipeline(input: input, analysis: analysis).run()
        do throws(ExportError) {
            let data: Data
            switch format {
            case .graphml: data = try GraphMLWriter().data(for: outcome.analyzed)
            case .dot: data = Data(try DOTWriter().text(for: outcome.analyzed).utf8)
            }
            if let output, output != "-" {
                try AtomicFile.write(data, to: output, protecting: outcome.readFiles)
            } else {
                try StandardOutput.write(data)
            }
        } catch {
            throw Diagnostics.fail(error)
        }
        if outcome.hadErrors { throw ExitCode.failure }
    }
}
