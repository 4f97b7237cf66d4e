import DeckReading
import Foundation
import GRDB
import ZIPFoundation

/// Why a package could not be read or written, with what to do about it.
public enum AnkiPackageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not a zip archive at all.
    case notAZip
    /// A zip, but holding no Anki collection; `entries` are the first names found in it.
    case notAnAnkiPackage(entries: [String])
    /// The collection inside could not be opened or queried.
    case unreadableCollection(String)
    /// Writing the package failed.
    case cannotWrite(String)

    public var description: String {
        switch self {
        case .notAZip: return "not a readable zip archive (damaged or cut short), so not a readable Anki package"
        case .notAnAnkiPackage(let entries):
            let shown = entries.prefix(5).joined(separator: ", ")
            return "a zip archive, but not an Anki package (no collection.anki2 or collection.anki21 inside"
                + (shown.isEmpty ? ")" : "; it holds \(shown)\(entries.count > 5 ? ", …" : ""))")
        case .unreadableCollection(let message): return "the collection inside cannot be read: \(message)"
        case .cannotWrite(let message): return "cannot write the package: \(message)"
        }
    }

    public var hint: String {
        switch self {
        case .notAnAnkiPackage, .notAZip: return "export the deck from Anki with File › Export › Anki Deck Package"
        case .unreadableCollection: return "export the deck from Anki again"
        case .cannotWrite: return "check the output folder"
        }
    }
}

/// Reads `.apkg` / `.colpkg` packages: a zip (ZIPFoundation) holding an SQLite collection (GRDB):
/// `collection.anki21b` (zstd-compressed, Anki's newer schema with note types in tables of their own;
/// written by Anki 2.1.50 and later), else `collection.anki21` or `collection.anki2` (schema 11).
///
/// A modern export holds, beside `collection.anki21b`, a `collection.anki2` with one placeholder note
/// for old Anki versions; the newest collection is always the one read.
public enum AnkiPackageReader {
    /// The collection in the package at `path` (its bytes already read).
    public static func read(bytes: [UInt8]) throws(AnkiPackageError) -> AnkiCollection {
        let archive: Archive
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw .notAZip
        }
        let names = archive.map(\.path)
        // Newest first: a modern export holds the real collection as collection.anki21b (zstd) and, for
        // old Anki versions, a collection.anki2 with one placeholder note ("please update").
        guard let name = ["collection.anki21b", "collection.anki21", "collection.anki2"].first(where: names.contains)
        else {
            throw .notAnAnkiPackage(entries: names.sorted())
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "conceptgraph-apkg-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("collection.sqlite")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            guard let entry = archive[name] else { throw AnkiPackageError.notAnAnkiPackage(entries: names) }
            var packed = Data()
            _ = try archive.extract(entry, skipCRC32: false) { packed.append($0) }
            let unpacked = name.hasSuffix("b") ? try Zstd.decompress(packed) : packed
            try unpacked.write(to: database)
        } catch let error as AnkiPackageError {
            throw error
        } catch {
            throw .unreadableCollection("cannot unpack \(name): \(error)")
        }
        return try readCollection(at: database.path)
    }

    /// Reads an unpacked collection (an SQLite file in schema 11).
    public static func readCollection(at path: String) throws(AnkiPackageError) -> AnkiCollection {
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.prepareDatabase { db in
                // Anki's own collation for names (case-folded comparison); needed by its schema's indexes.
                db.add(
                    collation: DatabaseCollation("unicase") { lhs, rhs in
                        lhs.lowercased() < rhs.lowercased()
                            ? .orderedAscending
                            : lhs.lowercased() > rhs.lowercased() ? .orderedDescending : .orderedSame
                    })
            }
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db -> AnkiCollection in
                guard let col = try Row.fetchOne(db, sql: "SELECT crt, mod, conf, models, decks, dconf, tags FROM col")
                else { throw AnkiPackageError.unreadableCollection("the col table is empty") }
                var collection = AnkiCollection(
                    created: col["crt"], modified: col["mod"], settingsJSON: col["conf"], noteTypesJSON: col["models"],
                    decksJSON: col["decks"], deckOptionsJSON: col["dconf"], tagsJSON: col["tags"])
                if try ModernSchema.isModern(db) {
                    // Schema 15 and later: note types and decks in tables of their own.
                    let defaults = AnkiCollectionBuilder().collection
                    collection.noteTypesJSON = try ModernSchema.noteTypesJSON(db)
                    collection.decksJSON = try ModernSchema.decksJSON(db)
                    collection.deckOptionsJSON = defaults.deckOptionsJSON
                    collection.settingsJSON = defaults.settingsJSON
                    collection.tagsJSON = "{}"
                }
                collection.notes = try Row.fetchAll(
                    db, sql: "SELECT id, guid, mid, mod, tags, flds FROM notes ORDER BY id"
                ).map { row in
                    let tags: String = row["tags"]
                    let fields: String = row["flds"]
                    return AnkiCollection.Note(
                        id: row["id"], guid: row["guid"], noteTypeID: row["mid"], modified: row["mod"],
                        tags: tags.split(separator: " ").map(String.init),
                        fields: fields.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init))
                }
                collection.cards = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT id, nid, did, ord, mod, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, \
                        flags, data FROM cards ORDER BY nid, ord, id
                        """
                ).map { row in
                    AnkiCollection.Card(
                        id: row["id"], noteID: row["nid"], deckID: row["did"], ordinal: row["ord"],
                        modified: row["mod"],
                        type: row["type"], queue: row["queue"], due: row["due"], interval: row["ivl"],
                        factor: row["factor"], reps: row["reps"], lapses: row["lapses"], left: row["left"],
                        originalDue: row["odue"], originalDeckID: row["odid"], flags: row["flags"], data: row["data"])
                }
                collection.reviews = try Row.fetchAll(
                    db, sql: "SELECT id, cid, ease, ivl, lastIvl, factor, time, type FROM revlog ORDER BY id"
                ).map { row in
                    AnkiCollection.Review(
                        id: row["id"], cardID: row["cid"], ease: row["ease"], interval: row["ivl"],
                        lastInterval: row["lastIvl"], factor: row["factor"], time: row["time"], type: row["type"])
                }
                return collection
            }
        } catch let error as AnkiPackageError {
            throw error
        } catch {
            throw .unreadableCollection("\(error)")
        }
    }
}

/// Anki packages as decks for `DeckLoader`: one deck per top-level Anki deck, cards rendered by their
/// note type's templates (see `AnkiNoteType`), each card keeping its note id, guid and ordinal.
public enum AnkiPackageDecks {
    /// Plug this into `DeckLoader.packageReader`.
    public static let reader: @Sendable (String, [UInt8]) -> DeckLoader.Result = { path, bytes in
        decks(path: path, bytes: bytes)
    }

    public static func decks(path: String, bytes: [UInt8]) -> DeckLoader.Result {
        let fileLoc = SourceLocation(file: path, line: 0)
        let collection: AnkiCollection
        do {
            collection = try AnkiPackageReader.read(bytes: bytes)
        } catch {
            return DeckLoader.Result(
                decks: [], errors: [DeckReadError(.unknownFormat, at: fileLoc, error.description, hint: error.hint)])
        }
        return decks(from: collection, path: path)
    }

    /// The cards of `collection`, grouped by top-level deck in first-seen order.
    public static func decks(from collection: AnkiCollection, path: String) -> DeckLoader.Result {
        let noteTypes = collection.noteTypes()
        let deckNames = collection.deckNames()
        var notes: [Int64: AnkiCollection.Note] = [:]
        for note in collection.notes { notes[note.id] = note }
        var rendered: [Int64: [Int: AnkiNoteType.CardText]] = [:]
        var decks: [Deck] = []
        var deckIndex: [String: Int] = [:]
        var pictureOnly = 0
        var generated = 0
        for (position, card) in collection.cards.enumerated() {
            guard let note = notes[card.noteID], let type = noteTypes[note.noteTypeID] else { continue }
            if rendered[note.id] == nil {
                var byOrdinal: [Int: AnkiNoteType.CardText] = [:]
                for text in type.cards(fields: note.fields) { byOrdinal[text.ordinal] = text }
                rendered[note.id] = byOrdinal
            }
            guard let text = rendered[note.id]?[card.ordinal] else { continue }
            generated += 1
            let front = DeckLoader.cleanField(text.front)
            guard !front.isEmpty else {
                pictureOnly += 1
                continue
            }
            let deckName = deckNames[card.deckID] ?? "Default"
            let path0 = deckName.components(separatedBy: "::")
            let top = path0.first ?? deckName
            if deckIndex[top] == nil {
                deckIndex[top] = decks.count
                decks.append(Deck(name: top, path: path, format: .apkg, cards: []))
            }
            decks[deckIndex[top]!].cards.append(
                Card(
                    front: front, back: DeckLoader.cleanField(text.back), deck: top,
                    location: SourceLocation(file: path, line: 0), tags: note.tags, deckPath: path0,
                    context: text.context.map(DeckLoader.cleanField).filter { !$0.isEmpty },
                    origin: CardOrigin(noteID: note.id, guid: note.guid, ordinal: card.ordinal, cardID: card.id)))
            _ = position
        }
        var warnings: [DeckReadError] = []
        if pictureOnly > 0 {
            warnings.append(
                .warning(
                    .emptyFront, at: SourceLocation(file: path, line: 0),
                    "\(pictureOnly) of \(generated) cards show only pictures on their question side; skipped"))
        }
        if decks.isEmpty {
            return DeckLoader.Result(
                decks: [],
                errors: [
                    DeckReadError(
                        .noCards, at: SourceLocation(file: path, line: 0), "no cards found (read as an Anki package)")
                ], warnings: warnings)
        }
        return DeckLoader.Result(decks: decks, errors: [], warnings: warnings)
    }
}
