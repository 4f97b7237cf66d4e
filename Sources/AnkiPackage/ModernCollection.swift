import CZstd
import Foundation
import GRDB

/// Zstandard decompression through the system libzstd (streaming, so frames without a stated size work).
enum Zstd {
    static func decompress(_ input: Data) throws(AnkiPackageError) -> Data {
        guard let context = ZSTD_createDStream() else { throw .unreadableCollection("cannot start zstd") }
        defer { ZSTD_freeDStream(context) }
        ZSTD_initDStream(context)
        var output = Data()
        let chunkSize = ZSTD_DStreamOutSize()
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var failure: String?
        input.withUnsafeBytes { (source: UnsafeRawBufferPointer) in
            var inBuffer = ZSTD_inBuffer(src: source.baseAddress, size: source.count, pos: 0)
            var lastResult: Int = 1
            while inBuffer.pos < inBuffer.size || lastResult != 0 {
                let produced: Int = chunk.withUnsafeMutableBytes { destination in
                    var outBuffer = ZSTD_outBuffer(dst: destination.baseAddress, size: chunkSize, pos: 0)
                    lastResult = ZSTD_decompressStream(context, &outBuffer, &inBuffer)
                    return outBuffer.pos
                }
                if ZSTD_isError(lastResult) != 0 {
                    failure = String(cString: ZSTD_getErrorName(lastResult))
                    return
                }
                output.append(contentsOf: chunk[0..<produced])
                if produced == 0 && inBuffer.pos >= inBuffer.size { break }
            }
            if lastResult != 0 { failure = "the compressed collection is cut short" }
        }
        if let failure { throw .unreadableCollection("zstd: \(failure)") }
        return output
    }
}

/// The few protobuf fields Anki's newer schema keeps note-type settings in (a template's question and
/// answer formats, a note type's kind). Only what is read here: varints and length-delimited fields.
enum Protobuf {
    /// Field number → values (varints as `.varint`, length-delimited as `.bytes`), in order.
    enum Value {
        case varint(UInt64)
        case bytes([UInt8])
    }

    static func fields(_ bytes: [UInt8]) -> [Int: [Value]] {
        var out: [Int: [Value]] = [:]
        var i = 0
        func varint() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while i < bytes.count, shift < 64 {
                let byte = bytes[i]
                i += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return value }
                shift += 7
            }
            return nil
        }
        while i < bytes.count {
            guard let key = varint() else { break }
            let field = Int(key >> 3)
            switch key & 7 {
            case 0:
                guard let value = varint() else { return out }
                out[field, default: []].append(.varint(value))
            case 1: i += 8
            case 2:
                guard let length = varint(), length <= UInt64(bytes.count - i) else { return out }
                out[field, default: []].append(.bytes(Array(bytes[i..<(i + Int(length))])))
                i += Int(length)
            case 5: i += 4
            default: return out
            }
        }
        return out
    }

    static func string(_ fields: [Int: [Value]], _ number: Int) -> String? {
        guard case .bytes(let bytes)? = fields[number]?.first else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func varint(_ fields: [Int: [Value]], _ number: Int) -> UInt64? {
        guard case .varint(let value)? = fields[number]?.first else { return nil }
        return value
    }
}

/// Reads note types and decks from Anki's newer schema (15 and later: `notetypes`, `fields`,
/// `templates`, `decks` tables) into the legacy JSON shapes `AnkiCollection` keeps, so the rest of the
/// module (and the package writer) sees one model.
enum ModernSchema {
    static func isModern(_ db: Database) throws -> Bool { try db.tableExists("notetypes") }

    static func noteTypesJSON(_ db: Database) throws -> String {
        var fieldsOf: [Int64: [[String: Any]]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT ntid, ord, name FROM fields ORDER BY ntid, ord") {
            let ntid: Int64 = row["ntid"]
            let ord: Int = row["ord"]
            let name: String = row["name"]
            fieldsOf[ntid, default: []].append([
                "name": name, "ord": ord, "sticky": false, "rtl": false, "font": "Arial", "size": 20, "media": [Any](),
            ])
        }
        var templatesOf: [Int64: [[String: Any]]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT ntid, ord, name, config FROM templates ORDER BY ntid, ord") {
            let ntid: Int64 = row["ntid"]
            let ord: Int = row["ord"]
            let name: String = row["name"]
            let config: Data = row["config"] ?? Data()
            let fields = Protobuf.fields([UInt8](config))
            templatesOf[ntid, default: []].append([
                "name": name, "ord": ord, "qfmt": Protobuf.string(fields, 1) ?? "",
                "afmt": Protobuf.string(fields, 2) ?? "", "bqfmt": "", "bafmt": "", "did": NSNull(), "bfont": "",
                "bsize": 0,
            ])
        }
        var models: [String: Any] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, name, mtime_secs, config FROM notetypes ORDER BY id") {
            let id: Int64 = row["id"]
            let name: String = row["name"]
            let modified: Int64 = row["mtime_secs"]
            let config = Protobuf.fields([UInt8](row["config"] ?? Data()))
            // NotetypeConfig: 1 kind (0 normal, 1 cloze), 2 sort field index, 3 css, 5 latex pre, 6 latex post.
            models[String(id)] =
                [
                    "id": id, "name": name, "type": Int(Protobuf.varint(config, 1) ?? 0), "mod": modified, "usn": -1,
                    "sortf": Int(Protobuf.varint(config, 2) ?? 0), "did": NSNull(), "tags": [Any](), "vers": [Any](),
                    "flds": fieldsOf[id] ?? [], "tmpls": templatesOf[id] ?? [], "css": Protobuf.string(config, 3) ?? "",
                    "latexPre": Protobuf.string(config, 5) ?? "", "latexPost": Protobuf.string(config, 6) ?? "",
                    "latexsvg": false, "req": [Any](),
                ] as [String: Any]
        }
        return JSONObject.text(models)
    }

    /// Decks, with the newer schema's `\u{1F}` name separator turned back into `::`. Every deck uses
    /// deck options 1 (the newer options are protobuf and are not carried over).
    static func decksJSON(_ db: Database) throws -> String {
        var decks: [String: Any] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, name, mtime_secs FROM decks ORDER BY id") {
            let id: Int64 = row["id"]
            let name: String = row["name"]
            let modified: Int64 = row["mtime_secs"]
            decks[String(id)] =
                [
                    "id": id, "name": name.replacingOccurrences(of: "\u{1F}", with: "::"), "mod": modified, "usn": -1,
                    "lrnToday": [0, 0], "revToday": [0, 0], "newToday": [0, 0], "timeToday": [0, 0], "collapsed": false,
                    "browserCollapsed": false, "desc": "", "dyn": 0, "conf": 1, "extendNew": 0, "extendRev": 0,
                ] as [String: Any]
        }
        return JSONObject.text(decks)
    }
}
