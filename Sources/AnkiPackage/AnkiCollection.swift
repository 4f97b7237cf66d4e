import DeckReading
import Foundation

/// The contents of an Anki collection, as the legacy (schema 11) tables hold them: what a package is
/// read into and written from. Neutral: nothing here knows about concepts or graphs.
///
/// The collection-wide JSON documents (note types, decks, deck options, settings) are kept as text
/// so that a package read and written back keeps every key Anki put there.
public struct AnkiCollection: Sendable {
    /// A note: its fields (HTML, in note-type field order) and tags.
    public struct Note: Sendable, Hashable {
        public var id: Int64
        public var guid: String
        public var noteTypeID: Int64
        public var modified: Int64
        public var tags: [String]
        public var fields: [String]

        public init(id: Int64, guid: String, noteTypeID: Int64, modified: Int64, tags: [String], fields: [String]) {
            self.id = id
            self.guid = guid
            self.noteTypeID = noteTypeID
            self.modified = modified
            self.tags = tags
            self.fields = fields
        }
    }

    /// A card and its scheduling state. `type`/`queue` 0 is a new card whose `due` is its position
    /// in the new-card queue.
    public struct Card: Sendable, Hashable {
        public var id: Int64
        public var noteID: Int64
        public var deckID: Int64
        public var ordinal: Int
        public var modified: Int64
        public var type: Int
        public var queue: Int
        public var due: Int64
        public var interval: Int64
        public var factor: Int64
        public var reps: Int64
        public var lapses: Int64
        public var left: Int64
        public var originalDue: Int64
        public var originalDeckID: Int64
        public var flags: Int64
        public var data: String

        /// A new card (never studied) at `due` in the new queue.
        public init(id: Int64, noteID: Int64, deckID: Int64, ordinal: Int, modified: Int64, due: Int64) {
            self.init(
                id: id, noteID: noteID, deckID: deckID, ordinal: ordinal, modified: modified, type: 0, queue: 0,
                due: due,
                interval: 0, factor: 0, reps: 0, lapses: 0, left: 0, originalDue: 0, originalDeckID: 0, flags: 0,
                data: "")
        }

        public init(
            id: Int64, noteID: Int64, deckID: Int64, ordinal: Int, modified: Int64, type: Int, queue: Int, due: Int64,
            interval: Int64, factor: Int64, reps: Int64, lapses: Int64, left: Int64, originalDue: Int64,
            originalDeckID: Int64, flags: Int64, data: String
        ) {
            self.id = id
            self.noteID = noteID
            self.deckID = deckID
            self.ordinal = ordinal
            self.modified = modified
            self.type = type
            self.queue = queue
            self.due = due
            self.interval = interval
            self.factor = factor
            self.reps = reps
            self.lapses = lapses
            self.left = left
            self.originalDue = originalDue
            self.originalDeckID = originalDeckID
            self.flags = flags
            self.data = data
        }

        /// Never studied: its `due` is a position in the new queue.
        public var isNew: Bool { type == 0 }
    }

    /// One review in the history (`revlog`), kept as it was.
    public struct Review: Sendable, Hashable {
        public var id: Int64
        public var cardID: Int64
        public var ease: Int64
        public var interval: Int64
        public var lastInterval: Int64
        public var factor: Int64
        public var time: Int64
        public var type: Int64

        public init(
            id: Int64, cardID: Int64, ease: Int64, interval: Int64, lastInterval: Int64, factor: Int64, time: Int64,
            type: Int64
        ) {
            self.id = id
            self.cardID = cardID
            self.ease = ease
            self.interval = interval
            self.lastInterval = lastInterval
            self.factor = factor
            self.time = time
            self.type = type
        }
    }

    /// Collection creation time (seconds) and last change (milliseconds).
    public var created: Int64
    public var modified: Int64
    /// `col.conf`, `col.models`, `col.decks`, `col.dconf`, `col.tags`: JSON text.
    public var settingsJSON: String
    public var noteTypesJSON: String
    public var decksJSON: String
    public var deckOptionsJSON: String
    public var tagsJSON: String

    public var notes: [Note]
    public var cards: [Card]
    public var reviews: [Review]

    public init(
        created: Int64, modified: Int64, settingsJSON: String, noteTypesJSON: String, decksJSON: String,
        deckOptionsJSON: String, tagsJSON: String = "{}", notes: [Note] = [], cards: [Card] = [],
        reviews: [Review] = []
    ) {
        self.created = created
        self.modified = modified
        self.settingsJSON = settingsJSON
        self.noteTypesJSON = noteTypesJSON
        self.decksJSON = decksJSON
        self.deckOptionsJSON = deckOptionsJSON
        self.tagsJSON = tagsJSON
        self.notes = notes
        self.cards = cards
        self.reviews = reviews
    }

    /// The note types, parsed from `noteTypesJSON`, by id.
    public func noteTypes() -> [Int64: AnkiNoteType] {
        var out: [Int64: AnkiNoteType] = [:]
        for (key, value) in JSONObject.parse(noteTypesJSON) {
            guard let model = value as? [String: Any], let id = Int64(key) ?? (model["id"] as? NSNumber)?.int64Value
            else { continue }
            let fields = ((model["flds"] as? [[String: Any]]) ?? []).sorted {
                ($0["ord"] as? Int ?? 0) < ($1["ord"] as? Int ?? 0)
            }
            let templates = ((model["tmpls"] as? [[String: Any]]) ?? []).sorted {
                ($0["ord"] as? Int ?? 0) < ($1["ord"] as? Int ?? 0)
            }
            out[id] = AnkiNoteType(
                id: String(id), name: model["name"] as? String ?? "",
                kind: (model["type"] as? Int) == 1 ? .cloze : .standard,
                fieldNames: fields.map { $0["name"] as? String ?? "" },
                templates: templates.map {
                    AnkiNoteType.Template(
                        name: $0["name"] as? String ?? "", questionFormat: $0["qfmt"] as? String ?? "",
                        answerFormat: $0["afmt"] as? String ?? "")
                })
        }
        return out
    }

    /// Deck names (`A::B::C`) by id, parsed from `decksJSON`.
    public func deckNames() -> [Int64: String] {
        var out: [Int64: String] = [:]
        for (key, value) in JSONObject.parse(decksJSON) {
            if let deck = value as? [String: Any], let id = Int64(key), let name = deck["name"] as? String {
                out[id] = name
            }
        }
        return out
    }
}

/// JSON objects as Foundation dictionaries, written back with sorted keys so output is deterministic.
enum JSONObject {
    static func parse(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    static func text(_ object: Any) -> String {
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
