import ArgumentParser
import ConceptAnalysis
import ConceptExtraction
import Foundation
import GraphExport

/// `conceptgraph build`: decks → `concepts.graphml`, `concepts.dot` and, with Graphviz, `concepts.svg`.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the concept graph of some decks and write it in several formats.",
        discussion: """
            Writes <output>/concepts.graphml (for Gephi, yEd, Cytoscape, NetworkX, igraph), \
            <output>/concepts.dot (Graphviz) and, when Graphviz is installed, <output>/concepts.svg. \
            Files are replaced atomically; the same decks always give byte-identical files.

            Examples:
              conceptgraph build                              # Decks/ → Graphs/
              conceptgraph build biology.tsv notes/ --output out --format graphml,svg
            """
    )

    /// The files `build` can write.
    enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
        case graphml, dot, svg
    }

    @OptionGroup var input: InputOptions
    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup var reporting: ReportingOptions

    @Option(name: .shortAndLong, help: "Folder to write the graph files into.")
    var output: String = "Graphs"

    @Option(help: "Comma-separated list of files to write: graphml, dot, svg.", transform: BuildCommand.parseFormats)
    var format: [OutputFormat] = OutputFormat.allCases

    static func parseFormats(_ text: String) throws -> [OutputFormat] {
        try text.split(separator: ",").map { part in
            let name = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard let format = OutputFormat(rawValue: name) else {
                throw ValidationError("unknown format '\(name)'; use graphml, dot or svg")
            }
            return format
        }
    }

    func run() throws {
        let timings = reporting.timings ? StageTimings() : nil
        defer { if let timings { Diagnostics.printError(timings.report) } }
        let outcome = try Pipeline(input: input, analysis: analysis).run(timings: timings)
        let written = try write(outcome.analyzed, timings: timings)
        print(Summary(outcome: outcome, written: written).text)
        if outcome.hadErrors { throw ExitCode.failure }
    }

    /// Writes the chosen formats; returns the paths written. GraphML and DOT are written at once,
    /// each on its own thread (they only read the graph); errors are reported in format order.
    private func write(_ analyzed: AnalyzedGraph, timings: StageTimings?) throws -> [String] {
        var written: [String] = []
        let base = (output as NSString).appendingPathComponent("concepts")
        var jobs: [(path: String, job: @Sendable () -> ExportError?)] = []
        if format.contains(.graphml) {
            let path = base + ".graphml"
            jobs.append(
                (path, { Self.attempt("write graphml", timings) { try GraphMLWriter().write(analyzed, to: path) } }))
        }
        if format.contains(.dot) {
            let path = base + ".dot"
            jobs.append((path, { Self.attempt("write dot", timings) { try DOTWriter().write(analyzed, to: path) } }))
        }
        let failures = Concurrently.run(jobs.map(\.job))
        for failure in failures.compactMap({ $0 }) { Diagnostics.printError(failure.description) }
        guard failures.allSatisfy({ $0 == nil }) else { throw ExitCode.failure }
        written += jobs.map(\.path)
        do {
            if format.contains(.svg) {
                let renderer = GraphvizRenderer()
                if renderer.isAvailable {
                    // A picture is for reading: it draws the transitive reduction, not every relation.
                    var options = DOTWriter.Options()
                    options.relations = .drawn
                    try renderer.render(analyzed, format: .svg, to: base + ".svg", options: options)
                    written.append(base + ".svg")
                } else {
                    Diagnostics.printError(
                        "note: Graphviz `dot` not found, \(base).svg not drawn (install graphviz to draw it)")
                }
            }
        } catch {
            Diagnostics.printError(error.description)
            throw ExitCode.failure
        }
        return written
    }

    /// Runs a writer, timed as stage `name` when there are timings; returns its error.
    private static func attempt(_ name: String, _ timings: StageTimings?, _ body: () throws -> Void) -> ExportError? {
        do {
            try timings.measureIfGiven(name, cpu: .thread, body)
            return nil
        } catch let error as ExportError {
            return error
        } catch {
            return .xml(message: "\(error)", path: nil)  // not reached: the writers throw ExportError only
        }
    }
}

/// The short report `build` prints: decks, cards, concepts, relations by kind, files written.
struct Summary {
    var outcome: Pipeline.Outcome
    var written: [String]

    var text: String {
        let graph = outcome.analyzed.graph
        var byKind: [RelationKind: Int] = [:]
        for relation in graph.relations { byKind[relation.kind, default: 0] += 1 }
        let kinds = RelationKind.allCases.map { "\(byKind[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
        let clusters = Set(outcome.analyzed.cluster).count
        var lines = [
            "Read \(outcome.decks.count) deck\(outcome.decks.count == 1 ? "" : "s"), \(graph.cards.count) cards.",
            "Found \(graph.concepts.count) concepts in \(clusters) cluster\(clusters == 1 ? "" : "s"); relations: \(kinds).",
        ]
        if !written.isEmpty { lines.append("Wrote " + written.joined(separator: ", ") + ".") }
        return lines.joined(separator: "\n")
    }
}
