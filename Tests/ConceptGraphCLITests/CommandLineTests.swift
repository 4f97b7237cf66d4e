import Foundation
import TestSupport
import Testing

/// End-to-end tests: they run the built `conceptgraph` binary as a user would.
@Suite struct CommandLineTests {
    /// The binary `swift build`/`swift test` put next to the test bundle.
    static let binary: URL? = {
        var directory = Bundle.main.bundleURL
        if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
        for candidate in [directory, directory.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("conceptgraph")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `conceptgraph` with `arguments` in `directory`, `environment` added to the test's own.
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = try #require(binary)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting, so a full pipe never blocks the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        group.wait()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    static let goodDeck = "What is CRM?\nCustomer relationship management.\nWhat is mobile CRM?\nCRM on phones.\n"

    @Test(.enabled(if: binary != nil, "needs the built conceptgraph binary"))
    func buildWritesGraphFilesAndASummary() throws {
        let folder = try TestPaths.temporaryDirectory()
        try Self.write(Self.goodDeck, to: folder.appendingPathComponent("Decks/crm.txt"))
        let run = try Self.run(["build", "--format", "graphml,dot"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Read 1 deck, 2 cards."))
        #expect(run.stdout.contains("Wrote Graphs/concepts.graphml, Graphs/concepts.dot."))
        let graphml = try String(contentsOf: folder.appendingPathComponent("Graphs/concepts.graphml"), encoding: .utf8)
        #expect(graphml.contains("<data key=\"n_label\">mobile CRM</data>"))
    }

    @Test(.enabled(if: binary != nil, "needs the built conceptgraph binary"))
    func buildRefusesAnOutputNamedLikeAFile() throws {
        let folder = try TestPaths.temporaryDirectory()
        try Self.write(Self.goodDeck, to: folder.appendingPathComponent("Decks/crm.txt"))
        let run = try Self.run(["build", "--output", "graph.graphml"], in: folder)
        #expect(run.status == 2)
        #expect(run.stderr.contains("'graph.graphml' looks like one file"), "\(run.stderr)")
        #expect(run.stderr.contains("conceptgraph export"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("graph.graphml").path))
        // A folder that exists is a folder, whatever its name.
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("old.svg"), withIntermediateDirectories: true)
        let existing = try Self.run(["build", "--output", "old.svg", "--format", "graphml"], in: folder)
        #expect(existing.status == 0, "\(existing.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("old.svg/concepts.graphml").path))
    }

    @Test(.enabled(if: binary != nil, "needs the built conceptgraph binary"))
    func timingsListEveryStageOnStandardError() throws {
        let folder = try TestPaths.temporaryDirectory()
        try Self.write(Self.goodDeck, to: folder.appendingPathComponent("Decks/crm.txt"))
        let run = try Self.run(["build", "--format", "graphml,dot", "--timings"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let stages = run.stderr.split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) ?? "" }
        for stage in ["read", "extract", "analyse", "cluster", "order", "write", "total"] {
            #expect(stages.contains(stage), "\(stage) missing in \(run.stderr)")
        }
        #expect(run.stderr.contains(" MB"))
        #expect(!run.stdout.contains("timings"))
        let export = try Self.run(["export", "--format", "dot", "--timings"], in: folder)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.hasPrefix("digraph"))
        #expect(export.stderr.contains("write dot"))
    }

    @Test(.enabled(if: binary != nil, "needs the built conceptgraph binary"))
    func sameDecksGiveByteIdenticalFiles() throws {
        let folder = try TestPaths.temporaryDirectory()
        try Self.write(Self.goodDeck, to: folder.appendingPathComponent("Decks/crm.txt"))
        _ = try Self.run(["build", "--output", "one", "--format", "graphml,dot"], in: folder)
        _ = try Self.run(["build", "--output", "two", "--format", "graphml,dot"], in: folder)
        for name in ["concepts.graphml", "concepts.dot"] {
            let one = try Data(contentsOf: folder.appendingPathComponent("one/\(name)"))
            let two = try Data(contentsOf: folder.appendingPathComponent("two/\(name)"))
            #expect(one == two, "\(name) differs between runs")
        }
    }

    /// Two processes (each with its own hash seed) must write the same bytes for real, messy decks.
    @Test(
        .enabled(if: binary != nil && TestPaths.shared("decks") != nil, "needs the binary and ../shared/decks"),
        arguments: ["csci5001-computer-architecture", "potatopsych-anki-pipe", "startup-vocabulary"])
    func realDecksGiveByteIdenticalFilesAcrossRuns(deck: String) throws {
        let folder = try TestPaths.temporaryDirectory()
        let decks = try #require(TestPaths.shared("decks/\(deck)")).path
        for output in ["one", "two"] {
            let run = try Self.run(["build", decks, "--output", output, "--format", "graphml,dot"], in: folder)
            #expect(run.status == 0, "\(run.stderr)")
        }
        for name in ["concepts.graphml", "concepts.dot"] {
            let one = try Data(contentsOf: folder.appendingPathComponent("one/\(name)"))
            let two = try Data(contentsOf: folder.appendingPathComponent("two/\(name)"))
            #expect(one == two, "\(deck)/\(name) differs between runs")
        }
    }

    @Test(.enabled(if: binary != nil, "needs the built conceptgraph binary"))
    func badInputsAreReportedWithTheirPlaceAndTheRestIsRead() throws {
        let folder = try TestPaths.temporaryDirectory()
        let decks = folder.appendingPathComponent("decks")
        try Self.write(Self.goodDeck, to: decks.appendingPathComponent("good.txt"))
        try Self.write("", to: decks.appendingPathComponent("empty.txt"))
        try Data([0x61, 0x00, 0x62, 0x0a]).write(to: decks.appendingPathComponent("binary.txt"))
        try Data([0x61, 0x09, 0x62, 0x0a, 0x63, 0x09, 0xff, 0xfe, 0x0a]).write(
            to: decks.appendingPathComponent("latin1.tsv"))
        try Self.write("front,back\n\"open,never closed\n", to: decks.appendingPathComponent("quote.csv"))
        try Self.write(
            "term\t" + String(repeating: "x", count: 10 << 20) + "\n", to: decks.appendingPathComponent("huge.tsv"))
        try Self.write("a note", to: decks.appendingPathComponent("notes.yml"))
        let run = try Self.run(["build", "decks", "--output", "out", "--format", "graphml"], in: folder)
        #expect(run.status != 0)
        #expect(run.stderr.contains("decks/empty.txt: error:"))
        #expect(run.stderr.contains("decks/binary.txt:1: error:"))
        #expect(run.stderr.contains("decks/latin1.tsv:2: error:"))
        #expect(run.stderr.contains("decks/quote.csv:2: error:"))
        #expect(run.stderr.contains("decks/huge.tsv:1: error:"))
        #expect(run.stderr.contains("decks/notes.yml: warning:"))
        // Every message is one line.
        #expect(run.stderr.split(separator: "\n").allSatisfy { $0.count < 400 })
        // The good deck was still read and written.
        #expect(run.stdout.contains("Read 1 deck, 2 cards."))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/concepts.graphml").path))
    }

    @Test(.enabled(if: binary != nil, "needs the built conceptgraph binary"))
    func noCardsIsAnErrorNotAnEmptyGraph() throws {
        let folder = try TestPaths.temporaryDirectory()
        try Self.write("", to: folder.appendingPathComponent("Decks/empty.txt"))
        let run = try Self.run([], in: folder)
        #expect(run.status != 0)
        #expect(run.stderr.contains("error: no cards found"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Graphs/concepts.graphml").path))
    }

    @Test(.enabled(if: binary != nil, "needs the built conceptgraph binary"))
    func missingPathAndBadOptionsFailCleanly() throws {
        let folder = try TestPaths.temporaryDirectory()
        let missing = try Self.run(["build", "nowhere.txt"], in: folder)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("nowhere.txt: error: no such file or folder"))
        let badFormat = try Self.run(["build", "--format", "pdf"], in: folder)
        #expect(badFormat.status != 0)
        #expect(badFormat.stderr.contains("unknown format 'pdf'"))
    }

    @Test(.enabled(if: binary != nil, "needs the built conceptgraph binary"))
    func exportWritesOneFormatToStandardOutput() throws {
        let folder = try TestPaths.temporaryDirectory()
        try Self.write(Self.goodDeck, to: folder.appendingPathComponent("crm.txt"))
        let run = try Self.run(["export", "crm.txt", "--format", "dot"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("digraph"))
        #expect(run.stdout.contains("\"mobile CRM\"") || run.stdout.contains("label=\"mobile CRM\""))
    }

    @Test(.enabled(if: binary != nil, "needs the built conceptgraph binary"))
    func everyCommandHasHelpWithAnExample() throws {
        let folder = try TestPaths.temporaryDirectory()
        for command in [["--help"], ["build", "--help"], ["export", "--help"]] {
            let run = try Self.run(command, in: folder)
            #expect(run.status == 0)
            #expect(run.stdout.contains("Example"), "\(command)")
        }
    }
}
