import Foundation

/// Reads a CrowdAnki JSON deck (the format of the CrowdAnki add-on: a `"__type__": "Deck"` object with
/// `note_models`, `notes` and nested `children` decks).
///
/// Each note becomes the cards Anki would generate for it (see `AnkiNoteType`), each card keeping its
/// note's tags, its sub-deck path and its guid (`Card.origin`). A card's location is the line of its
/// note's `"guid"` in the file. Cards whose question side holds no text once HTML is removed (image
/// occlusion, a flag picture) are counted and skipped with one warning per file.
struct CrowdAnkiReader {
    var file: String

    struct Output {
        var deck: Deck?
        var errors: [DeckReadError] = []
        var warnings: [DeckReadError] = []
        /// Cards Anki would generate, including the skipped picture-only ones.
        var generatedCards = 0
    }

    private struct DeckJSON: Decodable {
        var name: String
        var children: [DeckJSON]?
        var notes: [NoteJSON]?
        var noteModels: [ModelJSON]?

        enum CodingKeys: String, CodingKey {
            case name, children, notes
            case noteModels = "note_models"
        }
    }

    private struct NoteJSON: Decodable {
        var fields: [String]
        var guid: String?
        var noteModelUUID: String
        var tags: [String]?

        enum CodingKeys: String, CodingKey {
            case fields, guid, tags
            case noteModelUUID = "note_model_uuid"
        }
    }

    private struct ModelJSON: Decodable {
        struct Field: Decodable { var name: String }
        struct Template: Decodable {
            var name: String
            var qfmt: String
            var afmt: String
        }
        var name: String
        var type: Int?
        var flds: [Field]
        var tmpls: [Template]
        var uuid: String

        enum CodingKeys: String, CodingKey {
            case name, type, flds, tmpls
            case uuid = "crowdanki_uuid"
        }
    }

    /// True when `bytes` (from `start`) look like a CrowdAnki deck: a JSON object whose head names
    /// `"__type__": "Deck"` (CrowdAnki writes it first) or holds `note_models`.
    static func looksLikeCrowdAnki(_ bytes: [UInt8], from start: Int) -> Bool {
        let head = String(decoding: bytes[start..<min(bytes.count, start + 4096)], as: UTF8.self)
        return head.contains("\"__type__\"") && head.contains("\"Deck\"") || head.contains("\"note_models\"")
    }

    func read(_ bytes: [UInt8], from start: Int) -> Output {
        var out = Output()
        let fileLoc = SourceLocation(file: file, line: 0)
        let root: DeckJSON
        do {
            root = try JSONDecoder().decode(DeckJSON.self, from: Data(bytes[start...]))
        } catch {
            out.errors.append(
                DeckReadError(
                    .malformedHeader, at: fileLoc, "JSON, but not a readable CrowdAnki deck: \(Self.describe(error))",
                    hint: "export the deck again with CrowdAnki (File › CrowdAnki: Export to repo)"))
            return out
        }
        var models: [String: AnkiNoteType] = [:]
        func collectModels(_ deck: DeckJSON) {
            for model in deck.noteModels ?? [] {
                models[model.uuid] = AnkiNoteType(
                    id: model.uuid, name: model.name,
                    kind: model.type == 1 ? .cloze : .standard, fieldNames: model.flds.map(\.name),
                    templates: model.tmpls.map {
                        AnkiNoteType.Template(name: $0.name, questionFormat: $0.qfmt, answerFormat: $0.afmt)
                    })
            }
            for child in deck.children ?? [] { collectModels(child) }
        }
        collectModels(root)
        let lines = Self.guidLines(bytes, from: start)

        var cards: [Card] = []
        var pictureOnly = 0
        var unknownModel = 0
        func visit(_ deck: DeckJSON, path: [String]) {
            let path = path + [deck.name]
            for note in deck.notes ?? [] {
                guard let model = models[note.noteModelUUID] else {
                    unknownModel += 1
                    continue
                }
                let line = note.guid.flatMap { lines[$0] } ?? 0
                let location = SourceLocation(file: file, line: line)
                for text in model.cards(fields: note.fields) {
                    out.generatedCards += 1
                    let front = FieldText.clean(text.front, html: true)
                    guard !front.isEmpty else {
                        pictureOnly += 1
                        continue
                    }
                    cards.append(
                        Card(
                            front: front, back: FieldText.clean(text.back, html: true), deck: root.name,
                            location: location, tags: note.tags ?? [], deckPath: path,
                            context: text.context.map { FieldText.clean($0, html: true) }.filter { !$0.isEmpty },
                            origin: note.guid.map { CardOrigin(guid: $0, ordinal: text.ordinal) }))
                }
            }
            for child in deck.children ?? [] { visit(child, path: path) }
        }
        visit(root, path: [])

        if pictureOnly > 0 {
            out.warnings.append(
                .warning(
                    .emptyFront, at: fileLoc,
                    "\(pictureOnly) of \(out.generatedCards) cards show only pictures on their question side; skipped"))
        }
        if unknownModel > 0 {
            out.errors.append(
                DeckReadError(
                    .malformedHeader, at: fileLoc, "\(unknownModel) notes name a note model the file does not define",
                    hint: "export the deck again with CrowdAnki"))
        }
        out.deck = Deck(name: root.name, path: file, format: .crowdanki, cards: cards)
        return out
    }

    /// guid → line of its `"guid": "…"` in the file, in one pass.
    static func guidLines(_ b: [UInt8], from start: Int) -> [String: Int] {
        var out: [String: Int] = [:]
        let key = Array("\"guid\"".utf8)
        var line = 1
        var i = start
        while i < b.count {
            let c = b[i]
            if c == Bytes.lf {
                line += 1
                i += 1
                continue
            }
            if c == Bytes.quote, i + key.count <= b.count, b[i..<(i + key.count)].elementsEqual(key) {
                var j = i + key.count
                while j < b.count, b[j] == Bytes.space || b[j] == Bytes.tab || b[j] == UInt8(ascii: ":") { j += 1 }
                if j < b.count, b[j] == Bytes.quote {
                    var k = j + 1
                    while k < b.count, b[k] != Bytes.quote, b[k] != Bytes.lf { k += 1 }
                    let guid = String(decoding: b[(j + 1)..<k], as: UTF8.self)
                    if out[guid] == nil { out[guid] = line }
                    i = k
                    continue
                }
                i = j
                continue
            }
            i += 1
        }
        return out
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing \"\(key.stringValue)\"" + path(context.codingPath)
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "unexpected value" + path(context.codingPath)
        case DecodingError.dataCorrupted(let context):
            return context.debugDescription
        default:
            return "\(error)"
        }
    }

    private static func path(_ keys: [CodingKey]) -> String {
        keys.isEmpty ? "" : " at " + keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
