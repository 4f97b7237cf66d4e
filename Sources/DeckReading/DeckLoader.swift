import Foundation

/// Finds deck files under the paths a user gives and reads each with the right reader.
public struct DeckLoader: Sendable {
    /// Forces one format for every file; `nil` picks one per file by content and extension.
    public var format: DeckFormat?
    /// Lines longer than this many bytes make a file unreadable (a deck line is never that long).
    public var lineLimit: Int

    public init(format: DeckFormat? = nil, lineLimit: Int = 1 << 20) {
        self.format = format
        self.lineLimit = lineLimit
    }

    /// What loading produced: the decks that could be read (in a stable order) and every problem met.
    public struct Result: Sendable {
        public var decks: [Deck]
        /// Problems that stopped a file (or part of one) from being read.
        public var errors: [DeckReadError]
        /// Oddities read around (a line without separator, a skipped file, a repaired header).
        public var warnings: [DeckReadError]
        public init(decks: [Deck], errors: [DeckReadError], warnings: [DeckReadError] = []) {
            self.decks = decks
            self.errors = errors
            self.warnings = warnings
        }

        /// Every card of every deck, in deck order.
        public var cards: [Card] { decks.flatMap(\.cards) }

        mutating func append(_ other: Result) {
            decks += other.decks
            errors += other.errors
            warnings += other.warnings
        }
    }

    /// Extensions read when found in a folder.
    static let deckExtensions: Set<String> = ["txt", "tsv", "csv", "tab", "psv", "text"]

    /// Reads every deck file named by `paths` (files, or folders searched recursively in name order).
    /// Hidden files and folders are skipped; other non-deck files in folders are skipped with a warning.
    /// Files are read in parallel on the machine's cores; the result is in path order all the same.
    public func load(paths: [String]) -> Result {
        enum Job {
            case missing(String)
            case file(String, inFolder: Bool)
        }
        var jobs: [Job] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                jobs.append(.missing(path))
                continue
            }
            if isDirectory.boolValue {
                var visited = Set<String>()
                jobs += Self.files(under: path, visited: &visited).map { .file($0, inFolder: true) }
            } else {
                jobs.append(.file(path, inFolder: false))
            }
        }
        let results = ParallelResults(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { [jobs] index in
            switch jobs[index] {
            case .missing(let path):
                results[index] = Result(
                    decks: [],
                    errors: [
                        DeckReadError(
                            .unreadableFile, at: SourceLocation(file: path, line: 0), "no such file or folder",
                            hint: "check the path")
                    ])
            case .file(let path, let inFolder):
                results[index] = inFolder ? loadFromFolder(path) : load(file: path)
            }
        }
        var result = Result(decks: [], errors: [])
        for index in jobs.indices { result.append(results[index]) }
        return result
    }

    /// One `Result` slot per file, filled from several threads.
    private final class ParallelResults: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Result?]
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        subscript(index: Int) -> Result {
            get { lock.withLock { slots[index]! } }
            set { lock.withLock { slots[index] = newValue } }
        }
    }

    /// Reads one file, whatever its extension.
    public func load(file path: String) -> Result {
        guard let data = FileManager.default.contents(atPath: path) else {
            return Result(
                decks: [],
                errors: [
                    DeckReadError(
                        .unreadableFile, at: SourceLocation(file: path, line: 0), "cannot read the file",
                        hint: "check that it exists and that you may read it")
                ])
        }
        return read(bytes: [UInt8](data), path: path)
    }

    private func loadFromFolder(_ path: String) -> Result {
        let ext = Self.pathExtension(path).lowercased()
        let skip: String?
        switch ext {
        case _ where Self.deckExtensions.contains(ext): skip = nil
        case "md", "markdown": skip = "Markdown decks are not supported yet"
        case "json": skip = "CrowdAnki JSON decks are not supported yet"
        case "": skip = Self.looksLikeText(path) ? nil : "not a deck file"
        default: skip = "not a deck file"
        }
        if let skip {
            return Result(
                decks: [], errors: [],
                warnings: [
                    .warning(
                        .notADeck, at: SourceLocation(file: path, line: 0), "skipped: \(skip)")
                ])
        }
        return load(file: path)
    }

    /// Regular files under `root`, sorted by path, hidden entries skipped, symlink loops avoided.
    static func files(under root: String, visited: inout Set<String>) -> [String] {
        let fm = FileManager.default
        let real = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        guard visited.insert(real).inserted,
            let names = try? fm.contentsOfDirectory(atPath: root)
        else { return [] }
        var out: [String] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = root.hasSuffix("/") ? root + name : root + "/" + name
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                out += files(under: path, visited: &visited)
            } else {
                out.append(path)
            }
        }
        return out
    }

    private static func looksLikeText(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = [UInt8](handle.readData(ofLength: 4096))
        return !head.isEmpty && !head.contains(0)
            && String(validating: head.prefix(4000), as: UTF8.self) != nil
            || head.count < 4000 && String(validating: head, as: UTF8.self) != nil
    }

    static func pathExtension(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...])
    }

    /// The file name without folder and extension.
    static func deckName(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// Reads one deck from bytes already in memory; `path` names it in messages and gives the deck name.
    public func read(bytes: [UInt8], path: String) -> Result {
        let fileLoc = SourceLocation(file: path, line: 0)
        if bytes.isEmpty {
            return Result(
                decks: [],
                errors: [
                    DeckReadError(.emptyFile, at: fileLoc, "the file is empty", hint: "add cards or remove the file")
                ])
        }
        if let problem = Bytes.validate(bytes, file: path, lineLimit: lineLimit) {
            return Result(decks: [], errors: [problem])
        }
        let start = Bytes.contentStart(bytes)
        var name = Self.deckName(path)
        let ext = Self.pathExtension(path).lowercased()
        var errors: [DeckReadError] = []
        var warnings: [DeckReadError] = []
        var cards: [Card] = []

        var chosen = format
        var separator: [UInt8]?
        let hasAnkiHeader = AnkiHeader.isPresent(bytes, from: start)
        if chosen == nil {
            if hasAnkiHeader {
                chosen = .anki
            } else if ext == "csv" {
                chosen = .csv
            } else if ext == "tsv" || ext == "tab" {
                chosen = .tsv
            } else if ext == "psv" {
                chosen = .separated
                separator = Array("|".utf8)
            } else if let sep = SeparatorSniffer.sniff(
                bytes, from: start, candidates: SeparatorSniffer.custom, quoting: false)
            {
                chosen = sep == [Bytes.tab] ? .tsv : .separated
                separator = sep
            } else {
                chosen = .plain
            }
        }
        let format = chosen!

        switch format {
        case .plain:
            let out = PlainTextReader(file: path, deckName: name).read(bytes, from: start)
            cards = out.cards
            warnings += out.warnings
        case .tsv, .separated, .csv, .anki:
            var header: AnkiHeader?
            var bodyStart = start
            var bodyLine = 1
            if format == .anki || hasAnkiHeader {
                let h = AnkiHeader.parse(bytes, from: start, file: path)
                warnings += h.warnings
                if let deck = h.deck, !deck.isEmpty { name = deck }
                bodyStart = h.bodyStart
                bodyLine = h.bodyLine
                header = h
            }
            var quoting = format == .csv
            if let sep = header?.separator {
                separator = sep
            }
            if separator == nil {
                switch format {
                case .tsv: separator = [Bytes.tab]
                case .csv:
                    separator =
                        SeparatorSniffer.sniff(bytes, from: bodyStart, candidates: SeparatorSniffer.csv, quoting: true)
                        ?? Array(",".utf8)
                default:
                    let candidates =
                        format == .anki ? SeparatorSniffer.custom + [Array(",".utf8)] : SeparatorSniffer.custom
                    separator =
                        SeparatorSniffer.sniff(bytes, from: bodyStart, candidates: candidates, quoting: format == .anki)
                        ?? (format == .anki ? [Bytes.tab] : [Bytes.tab])
                }
            }
            let sep = separator!
            if format == .anki || header != nil {
                // Anki quotes fields like CSV; a plain pipe/TAB export without quotes reads the same.
                quoting =
                    sep == Array(",".utf8) || sep == Array(";".utf8) || firstNonBlank(bytes, bodyStart) == Bytes.quote
            }
            let reader = DelimitedReader(
                file: path, deckName: name, separator: sep, quoting: quoting,
                html: header?.html, anki: header)
            let out = reader.read(bytes, from: bodyStart, firstLine: bodyLine)
            cards = out.cards
            errors += out.errors
            warnings += out.warnings
        }

        if cards.isEmpty && errors.isEmpty {
            errors.append(
                DeckReadError(
                    .noCards, at: fileLoc, "no cards found (read as \(format))",
                    hint: "check the format; --format forces one"))
        }
        if cards.isEmpty { return Result(decks: [], errors: errors, warnings: warnings) }
        return Result(
            decks: [Deck(name: name, path: path, format: format, cards: cards)], errors: errors, warnings: warnings)
    }

    private func firstNonBlank(_ b: [UInt8], _ from: Int) -> UInt8? {
        var i = from
        while i < b.count, b[i] == Bytes.lf || b[i] == Bytes.cr || b[i] == Bytes.space || b[i] == Bytes.tab { i += 1 }
        return i < b.count ? b[i] : nil
    }
}
