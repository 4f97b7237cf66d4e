import ArgumentParser
import ConceptAnalysis
import DeckReading
import Foundation
import GraphExport

/// `conceptgraph export`: one format, to a file or to standard output.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the concept graph in one format, to a file or to standard output.",
        usage: "conceptgraph export [PATH ...] --format FORMAT [--output FILE] [options]",
        discussion: """
            graphml, dot, json (node-link, as NetworkX writes it) and gexf (Gephi) hold the whole graph. mermaid, svg, png and pdf are pictures: by default \
            svg/png/pdf show the cluster overview and mermaid the whole graph; --cluster N shows one \
            cluster and --around CONCEPT --depth N the neighbourhood of one concept. Pictures draw the \
            reduced relations, one edge per pair, leave isolated concepts out (counted in the caption) and \
            fit in 16 × 10 inches. `conceptgraph pictures` writes the overview and every cluster at once.

            Examples:
              conceptgraph export --format json --output concepts.json
              conceptgraph export --format png --around cache --depth 2 -o cache.png
              conceptgraph export Decks/ --format mermaid --cluster 3
            """
    )

    enum Format: String, CaseIterable, ExpressibleByArgument {
        case graphml, dot, json, gexf, mermaid, svg, png, pdf
    }

    @OptionGroup var input: InputOptions
    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup var view: PictureOptions
    @OptionGroup var reporting: ReportingOptions

    @Option(help: "\(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format

    @Option(
        name: .shortAndLong,
        help:
            "File to write (replaced atomically; never a deck this run reads, a device or a FIFO). Default or `-`: standard output."
    )
    var output: String?

    func validate() throws {
        // A PNG or PDF printed on a terminal is noise that can upset it; a pipe or a file is what was meant.
        let toStandardOutput = output == nil || output == "-"
        if toStandardOutput, format == .png || format == .pdf, isatty(STDOUT_FILENO) == 1 {
            throw ValidationError(
                "--format \(format.rawValue) is binary: give --output FILE, or redirect standard output to a file or pipe"
            )
        }
    }

    func run() throws {
        let timings = reporting.timings ? StageTimings() : nil
        defer { if let timings { Diagnostics.printError(timings.report) } }
        let outcome = try Pipeline(input: input, analysis: analysis).run(timings: timings)
        var picture: PictureSelection.Picture?
        switch format {
        case .mermaid: picture = try view.picture(of: outcome.analyzed, default: .whole, maxNodes: 200)
        case .svg, .png, .pdf: picture = try view.picture(of: outcome.analyzed, default: .overview, maxNodes: 40)
        case .graphml, .dot, .json, .gexf: picture = nil
        }
        let file = output.flatMap { $0 == "-" ? nil : $0 }
        do throws(ExportError) {
            try timings.measureIfGiven("write \(format.rawValue)") { () throws(ExportError) in
                try write(outcome, picture: picture, to: file)
            }
        } catch {
            throw Diagnostics.fail(error)
        }
        if outcome.hadErrors { throw ExitCode.failure }
    }

    /// Writes the chosen format to `file` (atomically) or to standard output. GraphML and DOT stream:
    /// the document is never held in memory whole.
    private func write(_ outcome: Pipeline.Outcome, picture: PictureSelection.Picture?, to file: String?)
        throws(ExportError)
    {
        let analyzed = outcome.analyzed
        switch (format, file) {
        case (.graphml, let path?): return try GraphMLWriter().write(analyzed, to: path, protecting: outcome.readFiles)
        case (.graphml, nil):
            return try GraphMLWriter().write(analyzed, toDescriptor: STDOUT_FILENO, path: "standard output")
        case (.dot, let path?): return try DOTWriter().write(analyzed, to: path, protecting: outcome.readFiles)
        case (.dot, nil): return try DOTWriter().write(analyzed, toDescriptor: STDOUT_FILENO, path: "standard output")
        default: break
        }
        let data: Data
        switch format {
        case .graphml, .dot: return
        case .json: data = Data(try NodeLinkJSONWriter().text(for: analyzed).utf8)
        case .gexf: data = try GEXFWriter().data(for: analyzed)
        case .mermaid:
            data = Data(MermaidWriter().text(for: picture!).utf8)
        case .svg, .png, .pdf:
            let picture = picture!
            data = try PictureRenderer().render(picture, format: GraphvizRenderer.Format(rawValue: format.rawValue)!)
            Diagnostics.printError("note: \(picture.title): \(picture.caption)")
        }
        if let file {
            try AtomicFile.write(data, to: file, protecting: outcome.readFiles)
        } else {
            try StandardOutput.write(data)
        }
    }
}

/// Which picture to draw: the overview, one cluster, or the neighbourhood of one concept.
struct PictureOptions: ParsableArguments {
    @Option(help: "Draw only this cluster (its number, as in the overview and `pictures` file names).")
    var cluster: Int?

    @Option(help: "Draw the concepts around this one (its id or label).")
    var around: String?

    @Option(help: "With --around: how many relation steps to include.")
    var depth: Int = 2

    enum Default { case overview, whole }

    func validate() throws {
        if cluster != nil && around != nil { throw ValidationError("give --cluster or --around, not both") }
        if depth < 1 { throw ValidationError("--depth must be at least 1") }
    }

    func picture(of analyzed: AnalyzedGraph, default kind: Default, maxNodes: Int) throws -> PictureSelection.Picture {
        let selection = PictureSelection(analyzed: analyzed, maxNodes: maxNodes)
        if let around {
            guard let concept = selection.concept(named: around) else {
                Diagnostics.error(
                    "no concept named '\(around)'", hint: "use a concept id or label from the GraphML or JSON export")
                throw ExitCode(2)
            }
            return selection.around(concept, depth: depth)
        }
        if let cluster {
            guard analyzed.clusterNames.indices.contains(cluster) else {
                Diagnostics.error(
                    "no cluster \(cluster)", hint: "clusters are numbered 0 to \(analyzed.clusterNames.count - 1)")
                throw ExitCode(2)
            }
            return selection.cluster(cluster)
        }
        return kind == .overview ? selection.overview() : selection.whole()
    }
}

/// `conceptgraph pictures`: the overview and one picture per cluster, into a folder.
struct PicturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pictures",
        abstract: "Draw the cluster overview and one picture per cluster (Graphviz).",
        usage: "conceptgraph pictures [PATH ...] [--output DIR] [--format FMT] [options]",
        discussion: """
            Writes <output>/overview.<format> and <output>/cluster-<N>.<format> for every cluster with at \
            least --min-concepts linked concepts, and prints each picture's caption. Every picture fits in \
            16 × 10 inches (1152 × 720 pt) and shows at most 40 nodes (a list box counts as one).

            Example:
              conceptgraph pictures Decks/ --output Graphs/pictures --format svg
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var analysis: AnalysisOptions

    @Option(name: .shortAndLong, help: "Folder to write the pictures into.")
    var output: String = "Graphs/pictures"

    @Option(help: "svg, png or pdf; dot writes the pictures' Graphviz source instead.")
    var format: String = "svg"

    @Option(help: "Skip clusters with fewer linked concepts than this.")
    var minConcepts: Int = 3

    func run() throws {
        let kind = GraphvizRenderer.Format(rawValue: format)
        guard kind != nil || format == "dot" else {
            throw ValidationError("unknown picture format '\(format)'; use svg, png, pdf or dot")
        }
        let outcome = try Pipeline(input: input, analysis: analysis).run()
        let selection = PictureSelection(analyzed: outcome.analyzed)
        let renderer = PictureRenderer()
        var pictures = [("overview", selection.overview())]
        for cluster in outcome.analyzed.clusterNames.indices {
            let picture = selection.cluster(cluster)
            if picture.nodes.count >= minConcepts { pictures.append(("cluster-\(cluster)", picture)) }
        }
        for (name, picture) in pictures {
            let path = (output as NSString).appendingPathComponent("\(name).\(format)")
            do {
                try Self.write(picture, kind: kind, renderer: renderer, to: path, protecting: outcome.readFiles)
            } catch {
                throw Diagnostics.fail(error)
            }
            print("\(path): \(picture.title) — \(picture.nodes.count) nodes; \(picture.caption)")
        }
        if outcome.hadErrors { throw ExitCode.failure }
    }

    /// Renders `picture` (or writes its DOT when `kind` is nil) to `path`.
    static func write(
        _ picture: PictureSelection.Picture, kind: GraphvizRenderer.Format?, renderer: PictureRenderer,
        to path: String, protecting: Set<FileIdentity>
    ) throws(ExportError) {
        if let kind {
            try AtomicFile.write(renderer.render(picture, format: kind), to: path, protecting: protecting)
        } else {
            try AtomicFile.write(renderer.dot(for: picture), to: path, protecting: protecting)
        }
    }
}
