import Foundation

/// Builds a collection to write: packages read earlier are merged in whole (ids, scheduling and review
/// history kept), and cards from other formats become notes of a plain "Basic" note type.
///
/// Ids of new notes, cards and decks are derived from their content (FNV-1a hashes), never from the
/// clock, so the same input gives the same package.
public struct AnkiCollectionBuilder {
    /// The note type given to cards that did not come from an Anki package: fields Front and Back.
    public static let basicNoteTypeID: Int64 = 1_600_000_000_000
    /// A fixed creation time (2020-09-13) for collections built from scratch.
    static let fixedTime: Int64 = 1_600_000_000

    private var noteTypes: [String: Any]
    private var decks: [String: Any]
    private var deckOptions: [String: Any]
    private var settings: [String: Any]
    private var notes: [AnkiCollection.Note] = []
    private var cards: [AnkiCollection.Card] = []
    private var reviews: [AnkiCollection.Review] = []
    private var usedNoteIDs = Set<Int64>()
    private var usedCardIDs = Set<Int64>()
    private var usedGUIDs = Set<String>()
    private var deckIDs: [String: Int64] = [:]
    private var created: Int64 = fixedTime
    private var modified: Int64 = fixedTime * 1000

    public init() {
        noteTypes = [:]
        decks = ["1": Self.deck(id: 1, name: "Default")]
        deckOptions = ["1": Self.defaultDeckOptions]
        settings = [
            "activeDecks": [1], "curDeck": 1, "newSpread": 0, "collapseTime": 1200, "timeLim": 0, "estTimes": true,
            "dueCounts": true, "curModel": NSNull(), "nextPos": 1, "sortType": "noteFld", "sortBackwards": false,
            "addToCur": true,
            // The v2 scheduler's meaning of review eases (Anki re-maps a v1 collection's learning eases on import).
            "schedVer": 2,
        ]
        deckIDs["Default"] = 1
    }

    /// Adds every note, card, review, note type, deck and deck option of `collection`. Notes and cards
    /// whose id is already present are skipped (the first package wins).
    public mutating func merge(_ collection: AnkiCollection) {
        for (key, value) in JSONObject.parse(collection.noteTypesJSON) where noteTypes[key] == nil {
            noteTypes[key] = value
        }
        for (key, value) in JSONObject.parse(collection.decksJSON) {
            if decks[key] == nil || key == "1" { decks[key] = value }
            if let deck = value as? [String: Any], let name = deck["name"] as? String, let id = Int64(key) {
                deckIDs[name] = id
            }
        }
        for (key, value) in JSONObject.parse(collection.deckOptionsJSON) where deckOptions[key] == nil || key == "1" {
            deckOptions[key] = value
        }
        if notes.isEmpty { settings = JSONObject.parse(collection.settingsJSON) }
        created = max(created, collection.created)
        modified = max(modified, collection.modified)
        var keptCards = Set<Int64>()
        for note in collection.notes where usedNoteIDs.insert(note.id).inserted {
            usedGUIDs.insert(note.guid)
            notes.append(note)
        }
        for card in collection.cards where usedCardIDs.insert(card.id).inserted {
            keptCards.insert(card.id)
            cards.append(card)
        }
        reviews += collection.reviews.filter { keptCards.contains($0.cardID) }
    }

    /// The id of the deck named `name` (`A::B` for sub-decks), created (with its parents) if needed.
    public mutating func deckID(named name: String) -> Int64 {
        let name = name.isEmpty ? "Default" : name
        if let id = deckIDs[name] { return id }
        let parts = name.components(separatedBy: "::")
        if parts.count > 1 { _ = deckID(named: parts.dropLast().joined(separator: "::")) }
        var id = 1_000_000_000_000 + Int64(Self.fnv(name) % 900_000_000_000)
        while decks[String(id)] != nil { id += 1 }
        decks[String(id)] = Self.deck(id: id, name: name)
        deckIDs[name] = id
        return id
    }

    /// Adds a Basic note with one new card in `deck`; returns the card's id. `front` and `back` are plain
    /// text (escaped to HTML here).
    public mutating func addBasicNote(
        front: String, back: String, tags: [String], deck: String, due: Int64
    ) -> Int64 {
        ensureBasicNoteType()
        let key = "\(deck)\u{1F}\(front)\u{1F}\(back)"
        var hash = Self.fnv(key)
        var guid = Self.guid(hash)
        while !usedGUIDs.insert(guid).inserted {
            hash = Self.fnv(guid + "+")
            guid = Self.guid(hash)
        }
        let noteID = Self.freeID(1_000_000_000_000 + Int64(hash % 900_000_000_000), in: &usedNoteIDs)
        let cardID = Self.freeID(noteID, in: &usedCardIDs)
        notes.append(
            AnkiCollection.Note(
                id: noteID, guid: guid, noteTypeID: Self.basicNoteTypeID, modified: Self.fixedTime, tags: tags,
                fields: [Self.html(front), Self.html(back)]))
        cards.append(
            AnkiCollection.Card(
                id: cardID, noteID: noteID, deckID: deckID(named: deck), ordinal: 0, modified: Self.fixedTime, due: due)
        )
        return cardID
    }

    /// Changes cards and notes in place (to set due positions and tags).
    public mutating func updateCards(_ body: (inout AnkiCollection.Card) -> Void) {
        for index in cards.indices { body(&cards[index]) }
    }

    public mutating func updateNotes(_ body: (inout AnkiCollection.Note) -> Void) {
        for index in notes.indices { body(&notes[index]) }
    }

    /// The collection, notes and cards sorted by id.
    public var collection: AnkiCollection {
        var settings = self.settings
        let maxDue = cards.filter(\.isNew).map(\.due).max() ?? 0
        settings["nextPos"] = maxDue + 1
        return AnkiCollection(
            created: created, modified: modified, settingsJSON: JSONObject.text(settings),
            noteTypesJSON: JSONObject.text(noteTypes), decksJSON: JSONObject.text(decks),
            deckOptionsJSON: JSONObject.text(deckOptions), tagsJSON: "{}", notes: notes.sorted { $0.id < $1.id },
            cards: cards.sorted { $0.id < $1.id }, reviews: reviews.sorted { $0.id < $1.id })
    }

    private mutating func ensureBasicNoteType() {
        let key = String(Self.basicNoteTypeID)
        guard noteTypes[key] == nil else { return }
        func field(_ name: String, _ ord: Int) -> [String: Any] {
            ["name": name, "ord": ord, "sticky": false, "rtl": false, "font": "Arial", "size": 20, "media": [Any]()]
        }
        noteTypes[key] =
            [
                "id": Self.basicNoteTypeID, "name": "ConceptGraph Basic", "type": 0, "mod": Self.fixedTime, "usn": -1,
                "sortf": 0, "did": 1, "tags": [Any](), "vers": [Any](),
                "flds": [field("Front", 0), field("Back", 1)],
                "tmpls": [
                    [
                        "name": "Card 1", "ord": 0, "qfmt": "{{Front}}", "afmt": "{{FrontSide}}<hr id=answer>{{Back}}",
                        "bqfmt": "", "bafmt": "", "did": NSNull(), "bfont": "", "bsize": 0,
                    ] as [String: Any]
                ],
                "css":
                    ".card { font-family: arial; font-size: 20px; text-align: center; color: black; background-color: white; }",
                "latexPre":
                    "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
                "latexPost": "\\end{document}", "latexsvg": false, "req": [[0, "any", [0]] as [Any]],
            ] as [String: Any]
        settings["curModel"] = key
    }

    private static func deck(id: Int64, name: String) -> [String: Any] {
        [
            "id": id, "name": name, "mod": fixedTime, "usn": -1, "lrnToday": [0, 0], "revToday": [0, 0],
            "newToday": [0, 0], "timeToday": [0, 0], "collapsed": false, "browserCollapsed": false, "desc": "",
            "dyn": 0, "conf": 1, "extendNew": 0, "extendRev": 0,
        ]
    }

    private static var defaultDeckOptions: [String: Any] {
        [
            "id": 1, "name": "Default", "mod": 0, "usn": 0, "maxTaken": 60, "autoplay": true, "timer": 0,
            "replayq": true, "dyn": false,
            "new": [
                "bury": false, "delays": [1.0, 10.0], "initialFactor": 2500, "ints": [1, 4, 0], "order": 1,
                "perDay": 20,
            ] as [String: Any],
            "rev": [
                "bury": false, "ease4": 1.3, "ivlFct": 1.0, "maxIvl": 36500, "perDay": 200, "hardFactor": 1.2,
            ] as [String: Any],
            "lapse": ["delays": [10.0], "leechAction": 1, "leechFails": 8, "minInt": 1, "mult": 0.0] as [String: Any],
        ]
    }

    private static func freeID(_ start: Int64, in used: inout Set<Int64>) -> Int64 {
        var id = start
        while !used.insert(id).inserted { id += 1 }
        return id
    }

    /// 64-bit FNV-1a of the UTF-8 bytes.
    static func fnv(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    private static func guid(_ hash: UInt64) -> String { "cg" + String(hash, radix: 36) }

    /// Plain text as an Anki field: `& < >` escaped, line breaks as `<br>`.
    static func html(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\n": out += "<br>"
            default: out.append(character)
            }
        }
        return out
    }
}
