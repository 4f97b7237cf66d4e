import Foundation
import GRDB
import ZIPFoundation

/// Writes an `AnkiCollection` as an `.apkg` package Anki's importer accepts: a zip holding
/// `collection.anki2` (SQLite, schema 11, the format every Anki since 2.1 imports) and an empty
/// `media` map.
///
/// The output is deterministic: the same collection gives the same bytes (the zip entries carry a
/// fixed date and the database is built by the same statements in the same order).
public enum AnkiPackageWriter {
    /// The package's bytes; write them with an atomic file writer.
    public static func data(for collection: AnkiCollection) throws(AnkiPackageError) -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "conceptgraph-apkg-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let databasePath = folder.appendingPathComponent("collection.anki2").path
            try writeDatabase(collection, to: databasePath)
            let database = try Data(contentsOf: URL(fileURLWithPath: databasePath))
            let archive = try Archive(data: Data(), accessMode: .create)
            // 1980-01-01 is the earliest date a zip entry holds: a fixed date keeps the bytes reproducible.
            let fixedDate = Date(timeIntervalSince1970: 315_532_800 + 86_400)
            try add(database, named: "collection.anki2", to: archive, date: fixedDate)
            try add(Data("{}".utf8), named: "media", to: archive, date: fixedDate)
            guard let data = archive.data else { throw AnkiPackageError.cannotWrite("the zip archive is empty") }
            return data
        } catch let error as AnkiPackageError {
            throw error
        } catch {
            throw .cannotWrite("\(error)")
        }
    }

    private static func add(_ data: Data, named name: String, to archive: Archive, date: Date) throws {
        try archive.addEntry(
            with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
            compressionMethod: .deflate
        ) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }

    static let schema = """
        CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, scm integer not null,
            ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null,
            models text not null, decks text not null, dconf text not null, tags text not null);
        CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null,
            usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null,
            flags integer not null, data text not null);
        CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null,
            mod integer not null, usn integer not null, type integer not null, queue integer not null,
            due integer not null, ivl integer not null, factor integer not null, reps integer not null,
            lapses integer not null, left integer not null, odue integer not null, odid integer not null,
            flags integer not null, data text not null);
        CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null,
            ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null,
            type integer not null);
        CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
        CREATE INDEX ix_notes_usn on notes (usn);
        CREATE INDEX ix_cards_usn on cards (usn);
        CREATE INDEX ix_revlog_usn on revlog (usn);
        CREATE INDEX ix_cards_nid on cards (nid);
        CREATE INDEX ix_cards_sched on cards (did, queue, due);
        CREATE INDEX ix_revlog_cid on revlog (cid);
        CREATE INDEX ix_notes_csum on notes (csum);
        """

    static func writeDatabase(_ collection: AnkiCollection, to path: String) throws {
        let queue = try DatabaseQueue(path: path)
        let sortFields = sortFieldIndices(collection)
        try queue.write { db in
            try db.execute(sql: schema)
            try db.execute(
                sql: "INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, ?)",
                arguments: [
                    collection.created, collection.modified, collection.modified, collection.settingsJSON,
                    collection.noteTypesJSON, collection.decksJSON, collection.deckOptionsJSON, collection.tagsJSON,
                ])
            let insertNote = try db.makeStatement(sql: "INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')")
            for note in collection.notes {
                let sortIndex = sortFields[note.noteTypeID] ?? 0
                let sortField = sortIndex < note.fields.count ? note.fields[sortIndex] : ""
                let stripped = plainText(sortField)
                try insertNote.execute(arguments: [
                    note.id, note.guid, note.noteTypeID, note.modified,
                    note.tags.isEmpty ? "" : " " + note.tags.joined(separator: " ") + " ",
                    note.fields.joined(separator: "\u{1F}"), stripped, checksum(stripped),
                ])
            }
            let insertCard = try db.makeStatement(
                sql: "INSERT INTO cards VALUES (?, ?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            for card in collection.cards {
                try insertCard.execute(arguments: [
                    card.id, card.noteID, card.deckID, card.ordinal, card.modified, card.type, card.queue, card.due,
                    card.interval, card.factor, card.reps, card.lapses, card.left, card.originalDue,
                    card.originalDeckID, card.flags, card.data,
                ])
            }
            let insertReview = try db.makeStatement(sql: "INSERT INTO revlog VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)")
            for review in collection.reviews {
                try insertReview.execute(arguments: [
                    review.id, review.cardID, review.ease, review.interval, review.lastInterval, review.factor,
                    review.time, review.type,
                ])
            }
        }
        try queue.close()
    }

    /// Each note type's sort field (`sortf`).
    private static func sortFieldIndices(_ collection: AnkiCollection) -> [Int64: Int] {
        var out: [Int64: Int] = [:]
        for (key, value) in JSONObject.parse(collection.noteTypesJSON) {
            if let id = Int64(key), let model = value as? [String: Any] { out[id] = model["sortf"] as? Int ?? 0 }
        }
        return out
    }

    /// A field without HTML tags, as Anki stores it in `sfld`.
    static func plainText(_ html: String) -> String {
        var out = ""
        var inTag = false
        for character in html {
            if character == "<" {
                inTag = true
            } else if character == ">" && inTag {
                inTag = false
            } else if !inTag {
                out.append(character)
            }
        }
        return out
    }

    /// Anki's note checksum: the first 8 hex digits of the SHA-1 of the stripped sort field, as an integer.
    static func checksum(_ text: String) -> Int64 {
        let digest = SHA1.hash(Array(text.utf8))
        return Int64(digest[0]) << 24 | Int64(digest[1]) << 16 | Int64(digest[2]) << 8 | Int64(digest[3])
    }
}

/// SHA-1 (FIPS 180-4), used only for Anki's duplicate-check field checksum, not for security.
enum SHA1 {
    static func hash(_ message: [UInt8]) -> [UInt8] {
        var h: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
        var padded = message
        padded.append(0x80)
        while padded.count % 64 != 56 { padded.append(0) }
        let bitLength = UInt64(message.count) * 8
        for shift in stride(from: 56, through: 0, by: -8) {
            padded.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        var w = [UInt32](repeating: 0, count: 80)
        for chunk in stride(from: 0, to: padded.count, by: 64) {
            for i in 0..<16 {
                w[i] =
                    UInt32(padded[chunk + 4 * i]) << 24 | UInt32(padded[chunk + 4 * i + 1]) << 16
                    | UInt32(padded[chunk + 4 * i + 2]) << 8 | UInt32(padded[chunk + 4 * i + 3])
            }
            for i in 16..<80 {
                let x = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]
                w[i] = x << 1 | x >> 31
            }
            var (a, b, c, d, e) = (h[0], h[1], h[2], h[3], h[4])
            for i in 0..<80 {
                let (f, k): (UInt32, UInt32)
                switch i {
                case 0..<20: (f, k) = ((b & c) | (~b & d), 0x5A82_7999)
                case 20..<40: (f, k) = (b ^ c ^ d, 0x6ED9_EBA1)
                case 40..<60: (f, k) = ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC)
                default: (f, k) = (b ^ c ^ d, 0xCA62_C1D6)
                }
                let temp = (a << 5 | a >> 27) &+ f &+ e &+ k &+ w[i]
                (e, d, c, b, a) = (d, c, b << 30 | b >> 2, a, temp)
            }
            h[0] = h[0] &+ a
            h[1] = h[1] &+ b
            h[2] = h[2] &+ c
            h[3] = h[3] &+ d
            h[4] = h[4] &+ e
        }
        return h.flatMap { value in [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> UInt32($0)) } }
    }
}
