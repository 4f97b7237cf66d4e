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
    @OptionGroup var reporting: ReportingOptions

    @Option(help: "graphml or dot.")
    var format: Format

    @Option(name: .shortAndLong, help: "File to write (replaced atomically). Default: standard output.")
    var output: String?

    func run() throws {
        let timings = reporting.timings ? StageTimings() : nil
        defer { if let timings { Diagnostics.printError(timings.report) } }
        let outcome = try Pipeline(input: input, analysis: analysis).run(timings: timings)
        let analyzed = outcome.analyzed
        do throws(ExportError) {
            // Both writers stream: to the temp file of an atomic replace, or straight to stdout.
            try timings.measureIfGiven("write \(format.rawValue)") { () throws(ExportError) in
                switch (format, output) {
                case (.graphml, let path?): try GraphMLWriter().write(analyzed, to: path)
                case (.dot, let path?): try DOTWriter().write(analyzed, to: path)
                case (.graphml, nil):
                    try GraphMLWriter().write(analyzed, toDescriptor: STDOUT_FILENO, path: "<standard output>")
                case (.dot, nil):
                    try DOTWriter().write(analyzed, toDescriptor: STDOUT_FILENO, path: "<standard output>")
                }
            }
        } catch {
            Diagnostics.printError(error.description)
            throw ExitCode.failure
        }
        if outcome.hadErrors { throw ExitCode.failure }
    }
}
