import Foundation
import TestSupport
import Testing

/// The same set of decks gives byte-identical files whatever the argument order and folder names
/// (see `DeckOrder`): run on real decks from ../shared/decks.
@Suite struct OrderIndependenceTests {
    static let decks: URL? = TestPaths.shared("decks")
    static let files = [
        "botany-tsv/deck.tsv", "startup-vocabulary/deck.tsv", "cs-alevel-asterisk/flashcards.txt",
        "potatopsych-anki-pipe/anki.txt", "csci5001-computer-architecture/Module 4",
        "csci5001-computer-architecture/Module 5",
    ]

    @Test(
        .enabled(if: CommandLineTests.binary != nil && decks != nil, "needs the binary and ../shared/decks"))
    func reversedArgumentsAndRenamedFoldersGiveIdenticalFiles() throws {
        let decks = try #require(Self.decks)
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = Self.files.map { decks.appendingPathComponent($0).path }
        let given = try CommandLineTests.run(
            ["build"] + paths + ["--output", "given", "--format", "graphml,dot"], in: folder)
        #expect(given.status == 0, "\(given.stderr)")
        let reversed = try CommandLineTests.run(
            ["build"] + paths.reversed() + ["--output", "reversed", "--format", "graphml,dot"], in: folder)
        #expect(reversed.status == 0, "\(reversed.stderr)")
        // The same files under other folder names, found by walking one folder (so in another order).
        let renamed = folder.appendingPathComponent("renamed")
        for (index, file) in Self.files.enumerated() {
            let source = decks.appendingPathComponent(file)
            let target = renamed.appendingPathComponent("\(9 - index)-folder").appendingPathComponent(
                source.lastPathComponent)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: source, to: target)
        }
        let walked = try CommandLineTests.run(
            ["build", "renamed", "--output", "walked", "--format", "graphml,dot"], in: folder)
        #expect(walked.status == 0, "\(walked.stderr)")
        #expect(given.stdout.contains("Read 9 decks, 756 cards."), "\(given.stdout)")
        for name in ["concepts.graphml", "concepts.dot"] {
            let one = try Data(contentsOf: folder.appendingPathComponent("given/\(name)"))
            #expect(one.count > 10_000)
            for other in ["reversed", "walked"] {
                let two = try Data(contentsOf: folder.appendingPathComponent("\(other)/\(name)"))
                #expect(one == two, "\(name) differs between the given order and \(other)")
            }
        }
    }
}
