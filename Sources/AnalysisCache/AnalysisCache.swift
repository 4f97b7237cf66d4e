import ConceptAnalysis
import Foundation

// Design note: caching the analysed graph so queries answer at once.
// Reading, extracting and analysing a large deck set takes seconds; a question about it should not.
// The cache stores the analysed graph under a key that holds everything the graph depends on:
// - the build of the program (version, and the executable's size and modification time, so a
//   rebuilt binary with other extraction rules never reads an old graph),
// - the options (deck format, resolution, seed),
// - every file under the paths given (hidden ones skipped, as the loader does), by path and a
//   64-bit FNV-1a hash of its bytes: editing, adding, removing or renaming a deck changes the key.
// Hashing the bytes rather than trusting modification times costs one read of the decks (a few
// milliseconds for megabytes) and catches edits that keep size and time. The whole key is stored in
// the file and compared on reading, so two keys with the same file name never mix. Files are
// written to a temporary name and renamed (readers never see half a file); the folder keeps the
// `limit` most recent entries. What it gets wrong: a deck that changes while it is being read can be
// cached under the key of its earlier bytes, until it changes again.

/// A cache of analysed graphs on disk, keyed by the decks' bytes, the options and the build.
public struct AnalysisCache: Sendable {
    /// The folder holding the cache files.
    public let directory: URL
    /// At most this many graphs are kept (the least recently written go first).
    public var limit: Int

    public init(directory: URL, limit: Int = 16) {
        self.directory = directory
        self.limit = limit
    }

    /// The default cache: `$CONCEPTGRAPH_CACHE_DIR`, else `$XDG_CACHE_HOME/conceptgraph`, else
    /// `~/.cache/conceptgraph`; `nil` when `CONCEPTGRAPH_CACHE` is `0`/`off` or no home is known.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> AnalysisCache?
    {
        if let setting = environment["CONCEPTGRAPH_CACHE"]?.lowercased(), ["0", "off", "no", "false"].contains(setting)
        {
            return nil
        }
        if let dir = environment["CONCEPTGRAPH_CACHE_DIR"], !dir.isEmpty {
            return AnalysisCache(directory: URL(fileURLWithPath: dir))
        }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            return AnalysisCache(directory: URL(fileURLWithPath: xdg).appendingPathComponent("conceptgraph"))
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return AnalysisCache(directory: URL(fileURLWithPath: home).appendingPathComponent(".cache/conceptgraph"))
    }

    /// What a cached run remembers besides the graph: the messages reading printed.
    public struct Entry: Sendable {
        public var analyzed: AnalyzedGraph
        public var messages: [String]

        public init(analyzed: AnalyzedGraph, messages: [String]) {
            self.analyzed = analyzed
            self.messages = messages
        }
    }

    /// The key for reading `paths` with `options` (any text naming the options); `nil` when a path
    /// does not exist or cannot be read (then the caller reads the decks and reports the problem).
    /// - Complexity: one read of every file under the paths.
    public static func key(paths: [String], options: String) -> String? {
        var files: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
            if isDirectory.boolValue {
                guard let walker = fm.enumerator(atPath: path) else { return nil }
                var found: [String] = []
                while let relative = walker.nextObject() as? String {
                    if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
                    let full = (path as NSString).appendingPathComponent(relative)
                    var dir: ObjCBool = false
                    if fm.fileExists(atPath: full, isDirectory: &dir), !dir.boolValue { found.append(full) }
                }
                files += found.sorted()
            } else {
                files.append(path)
            }
        }
        var lines = ["conceptgraph-cache 1", buildIdentity, options]
        for file in Array(Set(files)).sorted() {
            guard let data = fm.contents(atPath: file) else { return nil }
            lines.append(file + "\t" + String(fnv1a(data), radix: 16))
        }
        return lines.joined(separator: "\n")
    }

    /// The graph stored under `key`, or `nil` (none, another key, damaged).
    public func load(key: String) -> Entry? {
        guard let data = FileManager.default.contents(atPath: fileURL(for: key).path) else { return nil }
        var reader = ByteReader([UInt8](data))
        guard reader.string() == Self.magic, reader.string() == key, let messages = reader.strings(),
            let analyzed = GraphCoding.decode(&reader), reader.atEnd
        else { return nil }
        return Entry(analyzed: analyzed, messages: messages)
    }

    /// Stores `entry` under `key`; failures are ignored (a cache is never worth an error).
    public func store(_ entry: Entry, key: String) {
        var writer = ByteWriter()
        writer.string(Self.magic)
        writer.string(key)
        writer.strings(entry.messages)
        GraphCoding.encode(entry.analyzed, into: &writer)
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: directory, withIntermediateDirectories: true)
            let target = fileURL(for: key)
            let temporary = directory.appendingPathComponent(".\(target.lastPathComponent).\(getpid()).tmp")
            try Data(writer.bytes).write(to: temporary)
            if rename(temporary.path, target.path) != 0 { try? fm.removeItem(at: temporary) }
            prune()
        } catch {
            return
        }
    }

    /// Removes all but the `limit` most recently written cache files.
    private func prune() {
        let fm = FileManager.default
        guard
            let names = try? fm.contentsOfDirectory(atPath: directory.path).filter({
                $0.hasSuffix(".graph") && !$0.hasPrefix(".")
            }), names.count > limit
        else { return }
        var dated: [(name: String, date: Date)] = []
        for name in names {
            let attributes = try? fm.attributesOfItem(atPath: directory.appendingPathComponent(name).path)
            let date: Date = attributes?[.modificationDate] as? Date ?? .distantPast
            dated.append((name, date))
        }
        // Newest first; equal times by name, so the same files survive on every run.
        dated.sort { (a, b) -> Bool in a.date != b.date ? a.date > b.date : a.name < b.name }
        for entry in dated.dropFirst(limit) { try? fm.removeItem(at: directory.appendingPathComponent(entry.name)) }
    }

    private func fileURL(for key: String) -> URL {
        directory.appendingPathComponent(String(Self.fnv1a(Data(key.utf8)), radix: 16) + ".graph")
    }

    private static let magic = "ConceptGraph analysed graph"

    /// The running executable, by size and modification time.
    private static let buildIdentity: String = {
        guard let path = Bundle.main.executablePath,
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        else { return "unknown build" }
        let size = attributes[.size] as? Int ?? 0
        let date = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(path) \(size) \(date)"
    }()

    /// 64-bit FNV-1a of `data`.
    static func fnv1a(_ data: Data) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            for byte in buffer {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
        }
        return hash
    }
}
