import Foundation
import TestSupport
import Testing

/// The explore commands end to end on the bundled sample decks (`Decks/`), text and JSON. The
/// expectations are facts of the decks that any sensible extraction keeps (CRM is above operational
/// CRM, "what is CRM" is a card about CRM), not the exact list of concepts found.
@Suite struct ExploreCommandTests {
    static let root = TestPaths.repositoryRoot
    static var binaryBuilt: Bool { CommandLineTests.binary != nil }

    /// A cache folder of the suite's own, so tests never read or fill the user's cache.
    static let cacheDirectory = FileManager.default.temporaryDirectory
        .appendingPathComponent("conceptgraph-explore-cache-\(UUID().uuidString)")

    func run(_ arguments: [String], in directory: URL = root) throws -> CommandLineTests.Run {
        try CommandLineTests.run(
            arguments, in: directory, environment: ["CONCEPTGRAPH_CACHE_DIR": Self.cacheDirectory.path])
    }

    func json(_ run: CommandLineTests.Run) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        return try #require(object as? [String: Any], "\(run.stdout)")
    }

    func labels(_ list: Any?) -> [String] {
        (list as? [[String: Any]] ?? []).compactMap { $0["label"] as? String }
    }

    @Test(.enabled(if: binaryBuilt, "needs the built conceptgraph binary"))
    func prereqsListsCRMThenOperationalCRM() throws {
        let text = try run(["prereqs", "customer-facing apps"])
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let crm = try #require(lines.firstIndex { $0.hasSuffix(" CRM") && $0.split(separator: " ").count == 2 })
        let operational = try #require(lines.firstIndex { $0.hasSuffix(" operational CRM") })
        #expect(crm < operational)
        #expect(lines.first?.hasPrefix("Before customer facing apps, in study order:") == true)

        let object = try json(try run(["prereqs", "Customer Facing App", "--json"]))
        let names = labels(object["prerequisites"])
        let steps = (object["prerequisites"] as? [[String: Any]] ?? []).compactMap { $0["step"] as? Int }
        #expect(try #require(names.firstIndex(of: "CRM")) < (try #require(names.firstIndex(of: "operational CRM"))))
        #expect(steps == steps.sorted())
        #expect((object["concept"] as? [String: Any])?["label"] as? String == "customer facing apps")
        #expect(object["direct"] as? Bool == false)
    }

    @Test(.enabled(if: binaryBuilt, "needs the built conceptgraph binary"))
    func treeShowsTheHierarchyWithBoxDrawing() throws {
        let text = try run(["tree", "crm", "--depth", "1"])
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "CRM")
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("├── ") || $0.hasPrefix("└── ") })
        #expect(lines.last?.hasPrefix("└── ") == true)
        #expect(lines.contains { $0.contains("operational CRM") })
        #expect(!text.stdout.contains("\u{1B}"), "no colour into a pipe")

        let whole = try run(["tree"])
        #expect(whole.stdout.contains("│   "))
        #expect(whole.stdout.contains("outside the hierarchy"))

        let object = try json(try run(["tree", "CRM", "--json"]))
        let root = try #require((object["roots"] as? [[String: Any]])?.first)
        #expect(root["label"] as? String == "CRM")
        #expect(labels(root["children"]).contains("operational CRM"))
    }

    @Test(.enabled(if: binaryBuilt, "needs the built conceptgraph binary"))
    func showGivesCardsWithPlacesAndEdgesWithEvidence() throws {
        let text = try run(["show", "crm"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("CRM  (crm)"))
        #expect(text.stdout.contains("Decks/ch11-crm-scm.txt:2\n    what is CRM"))
        #expect(text.stdout.contains("Children (narrower)"))

        let object = try json(try run(["show", "CRM", "--json"]))
        let cards = try #require(object["cards"] as? [[String: Any]])
        #expect(cards.contains { $0["file"] as? String == "Decks/ch11-crm-scm.txt" && $0["line"] as? Int == 2 })
        let children = try #require(object["children"] as? [[String: Any]])
        #expect(children.contains { $0["label"] as? String == "operational CRM" && $0["kind"] as? String == "broader" })
        #expect(children.allSatisfy { $0["evidence"] is String })
        for key in ["id", "label", "aliases", "decks", "cluster", "cluster_name", "rank_position", "study_step"] {
            #expect(object[key] != nil, "missing key \(key)")
        }
    }

    @Test(.enabled(if: binaryBuilt, "needs the built conceptgraph binary"))
    func looseNamesAndDidYouMean() throws {
        let typo = try run(["show", "opertional crm"])
        #expect(typo.status == 0)
        #expect(typo.stdout.hasPrefix("operational CRM"))
        let miss = try run(["show", "operatoinal sistems managers"])
        #expect(miss.status == 1)
        #expect(miss.stderr.contains("error: no concept named \"operatoinal sistems managers\"; did you mean"))
        #expect(miss.stdout.isEmpty)
    }

    @Test(.enabled(if: binaryBuilt, "needs the built conceptgraph binary"))
    func orderClustersStatsAgree() throws {
        let stats = try json(try run(["stats", "--json"]))
        let concepts = try #require(stats["concepts"] as? Int)
        #expect(stats["cards"] as? Int == 54)
        #expect(stats["decks"] as? Int == 2)

        let order = try json(try run(["order", "--json"]))
        let steps = try #require(order["steps"] as? [[String: Any]])
        #expect(steps.compactMap { $0["step"] as? Int } == Array(1...concepts))
        #expect(labels(steps).firstIndex(of: "CRM")! < labels(steps).firstIndex(of: "operational CRM")!)
        let text = try run(["order"])
        #expect(text.stdout.hasPrefix("  1. "))

        let clusters = try json(try run(["clusters", "--json"]))
        let list = try #require(clusters["clusters"] as? [[String: Any]])
        #expect(list.compactMap { $0["size"] as? Int }.reduce(0, +) == concepts)
        #expect(list.compactMap { $0["id"] as? Int } == Array(0..<list.count))
        let one = try json(try run(["order", "--cluster", "0", "--json"]))
        #expect((one["steps"] as? [[String: Any]])?.allSatisfy { $0["cluster"] as? Int == 0 } == true)
        #expect(try run(["order", "--cluster", "999"]).status == 2)
        #expect(try run(["stats"]).stdout.contains("cards        54"))
    }

    @Test(.enabled(if: binaryBuilt, "needs the built conceptgraph binary"))
    func pathAndSearch() throws {
        let path = try run(["path", "operational CRM", "CRM"])
        #expect(path.status == 0, "\(path.stderr)")
        #expect(path.stdout.hasPrefix("operational CRM\n"))
        #expect(path.stdout.contains("broader"))
        let object = try json(try run(["path", "operational CRM", "CRM", "--json"]))
        let steps = try #require(object["steps"] as? [[String: Any]])
        #expect(!steps.isEmpty)
        #expect(steps.allSatisfy { $0["forward"] is Bool && $0["kind"] is String })

        let search = try run(["search", "Customer Touch Points"])
        #expect(search.status == 0)
        #expect(search.stdout.hasPrefix("Concepts ("))
        let found = try json(try run(["search", "customer touch points", "--json", "--limit", "2"]))
        #expect(labels(found["concepts"]).first == "customer touch points")
        #expect((found["cards"] as? [[String: Any]])?.count ?? 0 <= 2)
        let nothing = try run(["search", "xylophone quasar"])
        #expect(nothing.status == 1)
        #expect(nothing.stdout.contains("Nothing matches"))
    }

    @Test(.enabled(if: binaryBuilt, "needs the built conceptgraph binary"))
    func lintReportsProblemsWithPlacesAndExitsOne() throws {
        let folder = try TestPaths.temporaryDirectory()
        let deck = """
            What is CRM?\tCustomer relationship management.
            What is CRM?\tA kind of software.
            Churn\t
            Operational CRM\tCRM that runs the daily contact with customers and their orders.
            Define operational CRM\tCRM that runs the daily contact with customers and orders.

            """
        try CommandLineTests.write(deck, to: folder.appendingPathComponent("crm.tsv"))
        let text = try run(["lint", "crm.tsv"], in: folder)
        #expect(text.status == 1)
        #expect(text.stdout.contains("crm.tsv:2: conflicting-answers:"))
        #expect(text.stdout.contains("crm.tsv:3: empty-answer:"))
        #expect(text.stdout.contains("crm.tsv:5: near-duplicate:"))
        let object = try json(try run(["lint", "crm.tsv", "--json", "--check", "empty-answer"], in: folder))
        let problems = try #require(object["problems"] as? [[String: Any]])
        #expect(problems.count == 1)
        #expect(problems.first?["line"] as? Int == 3)
        #expect(problems.first?["check"] as? String == "empty-answer")

        try CommandLineTests.write(
            "What is CRM?\tCustomer relationship management.\n", to: folder.appendingPathComponent("ok/one.tsv"))
        let clean = try run(["lint", "ok", "--check", "empty-answer"], in: folder)
        #expect(clean.status == 0)
        #expect(clean.stdout == "No problems found.\n")
    }

    @Test(.enabled(if: binaryBuilt, "needs the built conceptgraph binary"))
    func theCacheNeverServesAnOldGraph() throws {
        let folder = try TestPaths.temporaryDirectory()
        let cache = folder.appendingPathComponent("cache")
        let environment = ["CONCEPTGRAPH_CACHE_DIR": cache.path]
        let deck = folder.appendingPathComponent("decks/crm.txt")
        try CommandLineTests.write("What is CRM?\nCustomer relationship management.\n", to: deck)
        let first = try CommandLineTests.run(["search", "relationship", "decks"], in: folder, environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path).contains { $0.hasSuffix(".graph") })
        // The same answer from the cache.
        let again = try CommandLineTests.run(["search", "relationship", "decks"], in: folder, environment: environment)
        #expect(again.stdout == first.stdout)
        // An edit keeping the size: the new words are found, the old ones are not.
        try CommandLineTests.write("What is CRM?\nCustomer relationsXip management.\n", to: deck)
        let edited = try CommandLineTests.run(
            ["search", "relationship", "decks"], in: folder, environment: environment)
        #expect(edited.status == 1)
        // A new deck in the folder.
        try CommandLineTests.write("Churn\nCustomers who leave.\n", to: folder.appendingPathComponent("decks/more.txt"))
        let added = try CommandLineTests.run(["show", "churn", "decks"], in: folder, environment: environment)
        #expect(added.status == 0, "\(added.stderr)")
        // Other options, another graph; and CONCEPTGRAPH_CACHE=off reads the decks.
        let off = try CommandLineTests.run(
            ["show", "churn", "decks"], in: folder,
            environment: environment.merging(["CONCEPTGRAPH_CACHE": "off"]) { $1 })
        #expect(off.stdout == added.stdout)
    }

    @Test(.enabled(if: binaryBuilt, "needs the built conceptgraph binary"))
    func conventions() throws {
        let folder = try TestPaths.temporaryDirectory()
        let typo = try run(["exprot", "--format", "dot"], in: folder)
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("did you mean export?"))
        let notACommand = try run(["zebra"], in: folder)
        #expect(notACommand.status == 2)
        #expect(notACommand.stderr.contains("neither a command nor a deck file"))

        let noDecks = try run(["tree"], in: folder)
        #expect(noDecks.status == 2)
        #expect(noDecks.stderr.contains("no deck given and no Decks/ folder"))
        #expect(!noDecks.stderr.contains("no such file"))

        let badOption = try run(["stats", "--bogus"])
        #expect(badOption.status == 2)

        let version = try run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.first?.isNumber == true)

        let browse = try run(["browse"])
        #expect(browse.status == 2)
        #expect(browse.stderr.contains("browse needs a terminal"))

        let completion = try run(["--generate-completion-script", "zsh"])
        #expect(completion.stdout.contains("_files"))
    }

    @Test(.enabled(if: binaryBuilt, "needs the built conceptgraph binary"))
    func helpFitsEightyColumnsAndDocumentsExitStatus() throws {
        let commands = [
            "", "build", "export", "tree", "show", "prereqs", "order", "clusters", "path", "search", "stats", "lint",
            "browse", "anki", "pictures", "study", "progress",
        ]
        for command in commands {
            let run = try run(command.isEmpty ? ["--help"] : [command, "--help"])
            #expect(run.status == 0)
            let wide = run.stdout.split(separator: "\n").filter { $0.count > 80 }
            #expect(wide.isEmpty, "\(command): \(wide)")
            if !["build", "export", "anki", "pictures", "study", "progress"].contains(command) {
                #expect(run.stdout.contains("Exit status: 0 success, 1 nothing found"), "\(command)")
            }
        }
    }

    @Test(.enabled(if: binaryBuilt, "needs the built conceptgraph binary"))
    func buildSummarySaysMoreThanCounts() throws {
        let folder = try TestPaths.temporaryDirectory()
        let run = try run(
            ["build", Self.root.appendingPathComponent("Decks").path, "--output", "out", "--format", "dot"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Top of the hierarchy: CRM ("))
        #expect(run.stdout.contains("Largest clusters: "))
        #expect(run.stdout.contains("Study order starts: "))
        #expect(run.stdout.hasSuffix("Wrote out/concepts.dot.\n"))
    }
}
