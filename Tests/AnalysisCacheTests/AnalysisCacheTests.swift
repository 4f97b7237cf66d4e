import ConceptAnalysis
import ConceptExtraction
import DeckReading
import Foundation
import TestSupport
import Testing

@testable import AnalysisCache

@Suite struct AnalysisCacheTests {
    static func graph() -> AnalyzedGraph {
        let cards = [
            Card(
                front: "What is CRM?", back: "Customer relationship management.\nA strategy.", deck: "crm",
                location: SourceLocation(file: "decks/crm.txt", line: 1), tags: ["a", "b"], deckPath: ["Sales", "CRM"],
                context: ["# CRM"], origin: CardOrigin(noteID: 17, guid: "g1", ordinal: 0, cardID: nil)),
            Card(
                front: "Mobile CRM", back: "CRM on phones — ünïcödé ✓", deck: "crm",
                location: SourceLocation(file: "decks/crm.txt", line: 3)),
        ]
        let concepts = [
            Concept(
                id: "crm", label: "CRM", aliases: ["CRM", "customer relationship management"], terms: ["What is CRM?"],
                decks: ["crm"], definition: "Customer relationship management.", cards: [0], firstSeen: 0),
            Concept(
                id: "mobile-crm", label: "mobile CRM", aliases: ["Mobile CRM"], decks: ["crm"], cards: [1], firstSeen: 1
            ),
        ]
        let relations = [Relation(source: 0, target: 1, kind: .broader, weight: 2.5, evidence: "crm:3 extends")]
        return Analyzer().analyze(ConceptGraph(cards: cards, concepts: concepts, relations: relations))
    }

    @Test func storesAndLoadsTheSameGraph() throws {
        let cache = AnalysisCache(directory: try TestPaths.temporaryDirectory())
        let original = Self.graph()
        cache.store(AnalysisCache.Entry(analyzed: original, messages: ["decks/x.txt:2: warning: odd"]), key: "k1")
        let entry = try #require(cache.load(key: "k1"))
        let loaded = entry.analyzed
        #expect(entry.messages == ["decks/x.txt:2: warning: odd"])
        #expect(loaded.graph.cards == original.graph.cards)
        #expect(loaded.graph.concepts == original.graph.concepts)
        #expect(loaded.graph.relations == original.graph.relations)
        #expect(loaded.studyOrder == original.studyOrder)
        #expect(loaded.orderPosition == original.orderPosition)
        #expect(loaded.cluster == original.cluster)
        #expect(loaded.clusterNames == original.clusterNames)
        #expect(loaded.level == original.level)
        #expect(loaded.rank == original.rank)
        #expect(loaded.drawnRelations == original.drawnRelations)
        #expect(loaded.relationGraph.outTargets == original.relationGraph.outTargets)
        #expect(cache.load(key: "k2") == nil)
    }

    @Test func aDamagedFileIsAMissNotACrash() throws {
        let directory = try TestPaths.temporaryDirectory()
        let cache = AnalysisCache(directory: directory)
        cache.store(AnalysisCache.Entry(analyzed: Self.graph(), messages: []), key: "k")
        let file = try #require(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).first { $0.hasSuffix(".graph") })
        let url = directory.appendingPathComponent(file)
        let bytes = try Data(contentsOf: url)
        for cut in [10, bytes.count / 2, bytes.count - 1] {
            try bytes.prefix(cut).write(to: url)
            #expect(cache.load(key: "k") == nil, "cut at \(cut)")
        }
        var flipped = [UInt8](bytes)
        flipped[flipped.count - 9] ^= 0x7F  // inside the last array of indices
        try Data(flipped).write(to: url)
        #expect(cache.load(key: "k") == nil)
    }

    @Test func theKeyChangesWhenADeckChangesOrAppears() throws {
        let folder = try TestPaths.temporaryDirectory()
        let deck = folder.appendingPathComponent("crm.txt")
        try Data("What is CRM?\nA strategy.\n".utf8).write(to: deck)
        let first = try #require(AnalysisCache.key(paths: [folder.path], options: "o"))
        #expect(AnalysisCache.key(paths: [folder.path], options: "o") == first)
        #expect(AnalysisCache.key(paths: [folder.path], options: "other") != first)
        // Same size, same second: only the bytes differ.
        try Data("What is CRM?\nA strategx.\n".utf8).write(to: deck)
        let edited = try #require(AnalysisCache.key(paths: [folder.path], options: "o"))
        #expect(edited != first)
        try Data("Churn\nLeaving.\n".utf8).write(to: folder.appendingPathComponent("more.txt"))
        let added = try #require(AnalysisCache.key(paths: [folder.path], options: "o"))
        #expect(added != edited)
        // Hidden files are not decks.
        try Data("x".utf8).write(to: folder.appendingPathComponent(".notes"))
        #expect(AnalysisCache.key(paths: [folder.path], options: "o") == added)
        #expect(AnalysisCache.key(paths: [folder.appendingPathComponent("missing").path], options: "o") == nil)
    }

    @Test func keepsOnlyTheMostRecentEntries() throws {
        let directory = try TestPaths.temporaryDirectory()
        let cache = AnalysisCache(directory: directory, limit: 2)
        for key in ["a", "b", "c"] { cache.store(AnalysisCache.Entry(analyzed: Self.graph(), messages: []), key: key) }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
            $0.hasSuffix(".graph")
        }
        #expect(files.count == 2)
        #expect(cache.load(key: "c") != nil)
    }

    @Test func theStandardCacheFollowsTheEnvironment() {
        #expect(AnalysisCache.standard(environment: ["HOME": "/h", "CONCEPTGRAPH_CACHE": "off"]) == nil)
        #expect(AnalysisCache.standard(environment: ["HOME": "/h"])?.directory.path == "/h/.cache/conceptgraph")
        #expect(
            AnalysisCache.standard(environment: ["HOME": "/h", "XDG_CACHE_HOME": "/x"])?.directory.path
                == "/x/conceptgraph")
        #expect(AnalysisCache.standard(environment: ["CONCEPTGRAPH_CACHE_DIR": "/c"])?.directory.path == "/c")
    }
}
