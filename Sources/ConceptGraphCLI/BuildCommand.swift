import ArgumentParser
import ConceptAnalysis
import ConceptExplorer
import ConceptExtraction
import DeckReading
import Foundation
import GraphExport
import ParallelWork

/// `conceptgraph build`: decks → `concepts.graphml`, `concepts.dot` and, with Graphviz, `concepts.svg`.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the concept graph of some decks and write it in several formats.",
        usage: "conceptgraph build [PATH ...] [--output DIR] [--format LIST] [options]",
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

    func validate() throws {
        // `build -o graph.graphml` would make a folder named like a file: say what build writes.
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: output, isDirectory: &isFolder)
        let suffix = (output as NSString).pathExtension.lowercased()
        if !(exists && isFolder.boolValue), Self.fileSuffixes.contains(suffix) {
            throw ValidationError(
                "--output names the folder build writes concepts.graphml, concepts.dot and concepts.svg into; "
                    + "'\(output)' looks like one file: use `conceptgraph export … --output \(output)` for a "
                    + "single file, or give build a folder")
        }
    }

    /// Suffixes of the files `build` and `export` write, which a folder name is unlikely to end in.
    static let fileSuffixes: Set<String> = ["graphml", "gexf", "dot", "gv", "svg", "png", "pdf", "json", "mmd", "apkg"]

    func run() throws {
        let timings = reporting.timings ? StageTimings() : nil
        defer { if let timings { Diagnostics.printError(timings.report) } }
        let outcome = try Pipeline(input: input, analysis: analysis).run(timings: timings)
        let written: [String]
        var drawingFailed = false
        do throws(ExportError) {
            written = try write(
                outcome.analyzed, protecting: outcome.readFiles, drawingFailed: &drawingFailed, timings: timings)
        } catch {
            throw Diagnostics.fail(error)
        }
        do throws(ExportError) {
            try StandardOutput.write(Summary(outcome: outcome, written: written).text + "\n")
        } catch {
            throw Diagnostics.fail(error)
        }
        if outcome.hadErrors || drawingFailed { throw ExitCode.failure }
    }

    /// Writes the chosen formats as one set; returns the paths written.
    ///
    /// Every target is checked first (none may be a deck this run read, a device or a FIFO), then
    /// every file is written to a flushed temp file beside its target, and only then are the temp files
    /// renamed over the targets, one quick step each. The picture is drawn first, in memory; then GraphML
    /// and DOT stream to their temp files at once, each on its own thread (they only read the graph). A run
    /// stopped before the renames changes nothing (its temp files are removed by the next run); a
    /// failed rename is reported with the files already replaced.
    private func write(
        _ analyzed: AnalyzedGraph, protecting: Set<FileIdentity>, drawingFailed: inout Bool, timings: StageTimings?
    ) throws(ExportError) -> [String] {
        let base = (output as NSString).appendingPathComponent("concepts")
        let wanted = OutputFormat.allCases.filter { format.contains($0) }
        for kind in wanted { _ = try OutputTarget.resolve(base + "." + kind.rawValue, protecting: protecting) }

        // The picture first, in memory: Graphviz can take long, and a run killed meanwhile must leave
        // no temp file behind.
        var drawn: (path: String, data: Data)?
        if wanted.contains(.svg) {
            let path = base + ".svg"
            let renderer = GraphvizRenderer()
            if renderer.isAvailable {
                // A picture is for reading: it draws the transitive reduction, not every relation.
                var options = DOTWriter.Options()
                options.relations = .drawn
                var picture: Data?
                do {
                    picture = try renderer.render(analyzed, format: .svg, options: options)
                } catch {
                    // The other files are still worth having; say that the picture is missing or stale.
                    let stale =
                        FileManager.default.fileExists(atPath: path)
                        ? "; the one there is from an earlier run and does not match the other files" : ""
                    if case .tooLargeToDraw = error {
                        Diagnostics.printError("note: \(path) not drawn: " + error.description.dropFirst(7) + stale)
                    } else {
                        Diagnostics.printError(error.description)
                        Diagnostics.printError("note: \(path) not drawn" + stale)
                        drawingFailed = true
                    }
                }
                if let picture { drawn = (path, picture) }
            } else {
                Diagnostics.printError(
                    "note: Graphviz `dot` not found, \(path) not drawn (install graphviz to draw it)")
            }
        }

        var staged: [AtomicFile.Staged] = []
        defer { for file in staged { file.discard() } }
        let streamed = wanted.filter { $0 != .svg }
        let jobs = streamed.map { kind in
            { @Sendable () -> Result<AtomicFile.Staged, ExportError> in
                let path = base + "." + kind.rawValue
                return Result { () throws(ExportError) in
                    try timings.measureIfGiven("write \(kind.rawValue)", cpu: .thread) { () throws(ExportError) in
                        kind == .graphml
                            ? try GraphMLWriter().stage(analyzed, to: path, protecting: protecting)
                            : try DOTWriter().stage(analyzed, to: path, protecting: protecting)
                    }
                }
            }
        }
        let results = Parallel.map(jobs.count) { jobs[$0]() }
        for case .success(let file) in results { staged.append(file) }
        for case .failure(let error) in results { throw error }

        if let drawn { staged.append(try AtomicFile.stage(drawn.data, to: drawn.path, protecting: protecting)) }
        var written: [String] = []
        for file in staged {
            do {
                try file.commit()
            } catch {
                if !written.isEmpty {
                    Diagnostics.printError("note: already replaced: \(written.joined(separator: ", "))")
                }
                throw error
            }
            written.append(file.path)
        }
        return written
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
        lines += overview(Explorer(outcome.analyzed))
        if !written.isEmpty { lines.append("Wrote " + written.joined(separator: ", ") + ".") }
        return lines.joined(separator: "\n")
    }

    /// The top of the hierarchy, the largest clusters and the first steps of the study order.
    private func overview(_ explorer: Explorer) -> [String] {
        let concepts = explorer.graph.concepts
        var lines: [String] = []
        let roots = explorer.hierarchyRoots.sorted { explorer.rankPosition[$0] < explorer.rankPosition[$1] }
        if !roots.isEmpty {
            let names = roots.prefix(5).map { "\(concepts[$0].label) (\(explorer.analyzed.children(of: $0).count))" }
            lines.append(
                "Top of the hierarchy: " + names.joined(separator: ", ") + (roots.count > 5 ? ", …" : "") + ".")
        }
        let clusters = explorer.clusters(mainCount: 0).clusters.filter { $0.size > 1 }
            .sorted { $0.size != $1.size ? $0.size > $1.size : $0.id < $1.id }
        if !clusters.isEmpty {
            let names = clusters.prefix(3).map { "\($0.name) (\($0.size))" }
            lines.append("Largest clusters: " + names.joined(separator: ", ") + ".")
        }
        let first = explorer.analyzed.studyOrder.prefix(5).map { concepts[$0].label }
        if !first.isEmpty {
            lines.append(
                "Study order starts: " + first.joined(separator: " → ")
                    + (concepts.count > 5 ? " → … (conceptgraph order)" : "") + ".")
        }
        return lines
    }
}
