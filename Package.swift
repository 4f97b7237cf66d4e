// swift-tools-version:6.0
// ConceptGraph: flashcard decks in, a concept graph out.
//
// Stages, each its own module, dependencies pointing one way:
//   DeckReading → ConceptExtraction (uses Stemming, Language) → ConceptAnalysis (uses GraphAlgorithms)
//   → GraphExport → ConceptGraphCLI → conceptgraph (executable)
import PackageDescription

let package = Package(
    name: "ConceptGraph",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "conceptgraph", targets: ["conceptgraph"]),
        .library(name: "ConceptGraphCLI", targets: ["ConceptGraphCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // libxml2 from the system (Debian: libxml2-dev): GraphML writing, HTML field cleaning, schema checks.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),

        // Starting child processes (Graphviz) that die with the tool and see no inherited signal mask.
        .target(name: "CSpawn"),
        // Independent jobs on the machine's cores, results in job order (files, card fronts, writers).
        .target(name: "ParallelWork"),
        // Reading decks: plain text, TSV/CSV/Anki text exports, HTML fields → cards with file:line.
        .target(name: "DeckReading", dependencies: ["CLibXML2", "ParallelWork"]),
        // The English (Porter2) stemmer from the Snowball project.
        .target(name: "Stemming"),
        // English: WordNet (the system's wordnet-base files) read at run time, part-of-speech tagging.
        .target(name: "Language"),
        // Cards → concepts, aliases, broader/requires/related relations.
        .target(
            name: "ConceptExtraction",
            dependencies: ["DeckReading", "Stemming", "Language", "GraphAlgorithms", "ParallelWork"],
            exclude: ["DESIGN.md"]),
        // Generic graph algorithms on compact (CSR) graphs: SCC, order, Leiden, PageRank, paths.
        .target(name: "GraphAlgorithms"),
        // Concept graph + algorithms → study order, clusters, levels, key concepts.
        .target(name: "ConceptAnalysis", dependencies: ["ConceptExtraction", "GraphAlgorithms"]),
        // GraphML (through libxml2), Graphviz DOT, rendered pictures; atomic file writes.
        .target(name: "GraphExport", dependencies: ["ConceptAnalysis", "CLibXML2", "CSpawn"]),
        // zstd from the system (Debian: libzstd-dev): modern Anki packages compress their collection with it.
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"]), .brew(["zstd"])]),
        // Anki packages (.apkg/.colpkg): a zip (ZIPFoundation) holding an SQLite collection (GRDB), read into
        // decks and written back with a neutral model (notes, cards, tags, due positions, review history).
        .target(
            name: "AnkiPackage",
            dependencies: [
                "DeckReading", "CZstd", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // Questions asked of an analysed graph and their views: name lookup, tree, show, prerequisites,
        // order, clusters, paths, search, stats, lint; text and JSON renderers. Pure, no terminal.
        .target(name: "ConceptExplorer", dependencies: ["ConceptAnalysis", "GraphAlgorithms", "Stemming"]),
        // The analysed graph of a deck set on disk, keyed by the decks' bytes, options and build.
        .target(name: "AnalysisCache", dependencies: ["ConceptAnalysis", "ConceptExtraction", "DeckReading"]),
        // ncurses from the system (Debian: libncurses-dev), for the full-screen browser.
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"]), .brew(["ncurses"])]
        ),
        // The full-screen terminal browser (ncurses): terminal set-up, restoring, drawing, keys.
        .target(name: "TerminalBrowser", dependencies: ["ConceptExplorer", "CNcurses"]),
        // Study: the FSRS-6 scheduler (pure values), the SQLite progress store (GRDB), and card selection
        // in prerequisite order. The terminal loop lives in the CLI.
        .target(name: "Scheduling"),
        .target(
            name: "StudyStore",
            dependencies: ["Scheduling", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(name: "StudySession", dependencies: ["Scheduling", "ConceptAnalysis", "GraphAlgorithms"]),
        // The command-line front end: subcommands parse options and call the stages.
        .target(
            name: "ConceptGraphCLI",
            dependencies: [
                "DeckReading", "Language", "ConceptExtraction", "ConceptAnalysis", "GraphExport", "AnkiPackage",
                "ConceptExplorer", "TerminalBrowser", "AnalysisCache",
                "Scheduling", "StudyStore", "StudySession", "ParallelWork",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "conceptgraph", dependencies: ["ConceptGraphCLI", "GraphExport"]),

        // Benchmark driver for the graph algorithms (see Benchmarks/README.md).
        .executableTarget(
            name: "GraphBench",
            dependencies: ["GraphAlgorithms"],
            path: "Benchmarks/GraphBench"
        ),

        // Reads decks without extraction, for the readers' time and peak memory (see Benchmarks/README.md).
        .executableTarget(name: "ReadBench", dependencies: ["DeckReading"], path: "Benchmarks/ReadBench"),

        // libFuzzer targets (no main; build and run them with Scripts/fuzz.sh).
        .executableTarget(name: "FuzzReaders", dependencies: ["DeckReading"], path: "Fuzz/FuzzReaders"),
        .executableTarget(name: "FuzzFieldText", dependencies: ["DeckReading"], path: "Fuzz/FuzzFieldText"),
        .executableTarget(
            name: "FuzzExport", dependencies: ["GraphExport", "ConceptAnalysis", "CLibXML2"], path: "Fuzz/FuzzExport"),

        // Replays review histories through the scheduler and prints JSON: the FSRS reference check
        // (.ci/checks/40-fsrs-reference.sh) compares it with the Python `fsrs` package.
        .executableTarget(name: "fsrs-replay", dependencies: ["Scheduling"], path: "Tools/FSRSReplay"),

        // Tests. TestSupport finds the repository and the optional ../shared material.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "DeckReadingTests", dependencies: ["DeckReading", "TestSupport"]),
        .testTarget(name: "StemmingTests", dependencies: ["Stemming", "TestSupport"]),
        .testTarget(
            name: "ConceptExtractionTests", dependencies: ["ConceptExtraction", "ParallelWork", "TestSupport"]),
        .testTarget(name: "LanguageTests", dependencies: ["Language", "TestSupport"]),
        .testTarget(name: "GraphAlgorithmsTests", dependencies: ["GraphAlgorithms", "TestSupport"]),
        .testTarget(name: "ConceptAnalysisTests", dependencies: ["ConceptAnalysis", "TestSupport"]),
        .testTarget(name: "GraphExportTests", dependencies: ["GraphExport", "CLibXML2", "TestSupport"]),
        .testTarget(
            name: "AnalysisCacheTests",
            dependencies: ["AnalysisCache", "ConceptAnalysis", "DeckReading", "TestSupport"]
        ),
        .testTarget(
            name: "ConceptExplorerTests",
            dependencies: ["ConceptExplorer", "ConceptAnalysis", "ConceptExtraction", "DeckReading", "TestSupport"]
        ),
        .testTarget(name: "AnkiPackageTests", dependencies: ["AnkiPackage", "DeckReading", "TestSupport"]),
        .testTarget(
            name: "ConceptGraphCLITests",
            dependencies: [
                "ConceptGraphCLI", "GraphExport", "AnkiPackage", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "SchedulingTests", dependencies: ["Scheduling", "TestSupport"]),
        .testTarget(
            name: "StudyStoreTests",
            dependencies: ["StudyStore", "Scheduling", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "StudySessionTests",
            dependencies: [
                "StudySession", "Scheduling", "ConceptAnalysis", "ConceptExtraction", "DeckReading", "TestSupport",
            ]
        ),
    ]
)
