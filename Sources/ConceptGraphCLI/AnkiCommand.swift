import AnkiPackage
import ArgumentParser
import ConceptAnalysis
import DeckReading
import Foundation
import GraphExport

/// `conceptgraph anki`: the decks back into Anki as a package whose new cards come in study order.
struct AnkiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anki",
        abstract: "Write an Anki package whose new cards come in prerequisite order, tagged by concept and cluster.",
        usage: "conceptgraph anki [PATH ...] --output FILE.apkg [options]",
        discussion: """
            Every card read becomes a card of the package. New cards get due positions in the study order \
            (a card about several concepts comes with the earliest), so Anki shows prerequisites first; \
            every note is tagged concept::<id> and cluster::<name>. Cards read from an .apkg keep their \
            note ids, guids, note types, scheduling and review history (only new cards are re-ordered); \
            cards from other formats become notes of a Front/Back note type, in decks named after their \
            source deck. The file is replaced atomically and is never one of the inputs.

            Example:
              conceptgraph anki biology.apkg notes/ --output ordered.apkg
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var analysis: AnalysisOptions

    @Option(name: .shortAndLong, help: "The package to write (.apkg).")
    var output: String

    func run() throws {
        let outcome = try Pipeline(input: input, analysis: analysis).run()
        let inputs = Set(outcome.decks.map { URL(fileURLWithPath: $0.path).standardizedFileURL.path })
        if inputs.contains(URL(fileURLWithPath: output).standardizedFileURL.path) {
            Diagnostics.error("\(output) is one of the decks read", hint: "choose another --output file")
            throw ExitCode(2)
        }
        do {
            let collection = try AnkiOrdering(analyzed: outcome.analyzed, decks: outcome.decks).collection()
            try AtomicFile.write(
                AnkiPackageWriter.data(for: collection), to: output, protecting: outcome.readFiles)
            let newCards = collection.cards.filter(\.isNew).count
            print(
                "Wrote \(output): \(collection.cards.count) cards (\(newCards) new, in study order), "
                    + "\(collection.notes.count) notes.")
        } catch let error as AnkiPackageError {
            Diagnostics.error(error.description, hint: error.hint)
            throw ExitCode.failure
        } catch let error as ExportError {
            throw Diagnostics.fail(error)
        }
        if outcome.hadErrors { throw ExitCode.failure }
    }
}

/// Maps an analyzed graph onto an Anki collection: due positions from the study order, concept and
/// cluster tags. Packages among the inputs are read again and merged whole.
struct AnkiOrdering {
    var analyzed: AnalyzedGraph
    var decks: [Deck]

    /// For each card (index into `graph.cards`), its place in the new queue (0-based): cards ordered by
    /// the earliest study position of a concept they are about, then by reading order. Cards of one
    /// Anki note (cloze siblings, reversed cards) share the note's earliest position, as Anki keeps
    /// siblings together and concept tags belong to the note.
    ///
    /// - Complexity: O(C log C + total concept–card links).
    func newCardOrder() -> [Int] {
        let graph = analyzed.graph
        var position = [Int](repeating: Int.max, count: graph.cards.count)
        for concept in analyzed.studyOrder {
            for card in graph.concepts[concept].cards where position[card] == Int.max {
                position[card] = analyzed.orderPosition[concept]
            }
        }
        var notePosition: [Int64: Int] = [:]
        for (index, card) in graph.cards.enumerated() {
            if let note = card.origin?.noteID { notePosition[note] = min(notePosition[note] ?? .max, position[index]) }
        }
        for (index, card) in graph.cards.enumerated() {
            if let note = card.origin?.noteID, let shared = notePosition[note] { position[index] = shared }
        }
        let sorted = graph.cards.indices.sorted { (position[$0], $0) < (position[$1], $1) }
        var rank = [Int](repeating: 0, count: graph.cards.count)
        for (place, card) in sorted.enumerated() { rank[card] = place }
        return rank
    }

    /// `concept::<id>` for every concept a card is about and `cluster::<name>` for their clusters.
    func conceptTags() -> [[String]] {
        let graph = analyzed.graph
        var tags = [[String]](repeating: [], count: graph.cards.count)
        for concept in analyzed.studyOrder {
            let clusterName = analyzed.clusterNames[analyzed.cluster[concept]]
            for card in graph.concepts[concept].cards {
                tags[card].append("concept::" + Self.tagWord(graph.concepts[concept].id))
                tags[card].append("cluster::" + Self.tagWord(clusterName))
            }
        }
        return tags
    }

    func collection() throws(AnkiPackageError) -> AnkiCollection {
        var builder = AnkiCollectionBuilder()
        var packagePaths: [String] = []
        for deck in decks where deck.format == .apkg && !packagePaths.contains(deck.path) {
            packagePaths.append(deck.path)
        }
        for path in packagePaths {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .unreadableCollection("\(path) can no longer be read")
            }
            builder.merge(try AnkiPackageReader.read(bytes: [UInt8](data)))
        }
        let graph = analyzed.graph
        let order = newCardOrder()
        let tags = conceptTags()
        var dueOfCard: [Int64: Int64] = [:]
        var tagsOfNote: [Int64: [String]] = [:]
        for (index, card) in graph.cards.enumerated() {
            let due = Int64(order[index] + 1)
            if let cardID = card.origin?.cardID, let noteID = card.origin?.noteID {
                dueOfCard[cardID] = min(dueOfCard[cardID] ?? .max, due)
                tagsOfNote[noteID, default: []] += tags[index]
            } else {
                let deckName = card.deckPath.isEmpty ? card.deck : card.deckPath.joined(separator: "::")
                let cardTags = Self.merged(card.tags.map(Self.withoutSpaces), tags[index])
                _ = builder.addBasicNote(front: card.front, back: card.back, tags: cardTags, deck: deckName, due: due)
            }
        }
        builder.updateCards { card in
            if card.isNew, let due = dueOfCard[card.id] { card.due = due }
        }
        builder.updateNotes { note in
            if let added = tagsOfNote[note.id] { note.tags = Self.merged(note.tags, added) }
        }
        return builder.collection
    }

    /// Existing tags (minus concept/cluster tags of an earlier run) and the new ones, without repeats.
    static func merged(_ existing: [String], _ added: [String]) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for tag in existing where !tag.hasPrefix("concept::") && !tag.hasPrefix("cluster::") {
            if seen.insert(tag).inserted { out.append(tag) }
        }
        for tag in added where seen.insert(tag).inserted { out.append(tag) }
        return out
    }

    /// A tag as Anki stores it: white space (its tag separator) becomes `_`; `::` hierarchy kept.
    static func withoutSpaces(_ tag: String) -> String {
        tag.split(whereSeparator: { $0.isWhitespace }).joined(separator: "_")
    }

    /// A tag part without white space (Anki separates tags with spaces) or `::` inside.
    static func tagWord(_ text: String) -> String {
        let joined = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: "_")
        return joined.replacingOccurrences(of: "::", with: "_").isEmpty
            ? "_" : joined.replacingOccurrences(of: "::", with: "_")
    }
}
