import Foundation
import ParallelWork

/// Finds deck files under the paths a user gives and reads each with the right reader.
public struct DeckLoader: Sendable {
    /// Forces one format for every file; `nil` picks one per file by content and extension.
    public var format: DeckFormat?
    /// Lines longer than this many bytes make a file unreadable (a deck line is never that long).
    public var lineLimit: Int
    /// Reads an Anki package (`.apkg`/`.colpkg`, a zip) into decks. DeckReading itself holds no zip or
    /// SQLite code: the AnkiPackage module provides this (`AnkiPackageDecks.reader`). When nil, a
    /// package is reported as unreadable with a hint.
    public var packageReader: (@Sendable (_ path: String, _ bytes: [UInt8]) -> Result)?

    public init(
        format: DeckFormat? = nil, lineLimit: Int = 1 << 20,
        packageReader: (@Sendable (_ path: String, _ bytes: [UInt8]) -> Result)? = nil
    ) {
        self.format = format
        self.lineLimit = lineLimit
        self.packageReader = packageReader
    }

    /// What loading produced: the decks that could be read (in a stable order) and every problem met.
    public struct Result: Sendable {
        public var decks: [Deck]
        /// Problems that stopped a file (or part of one) from being read.
        public var errors: [DeckReadError]
        /// Oddities read around (a line without separator, a skipped file, a repaired header).
        public var warnings: [DeckReadError]
        /// Every file the run opened and read (device + inode), so that no output is ever written over one.
        public var readFiles: [FileIdentity]
        public init(
            decks: [Deck], errors: [DeckReadError], warnings: [DeckReadError] = [], readFiles: [FileIdentity] = []
        ) {
            self.decks = decks
            self.errors = errors
            self.warnings = warnings
            self.readFiles = readFiles
        }

        /// Every card of every deck, in deck order.
        public var cards: [Card] { decks.flatMap(\.cards) }

        mutating func append(_ other: Result) {
            decks += other.decks
            errors += other.errors
            warnings += other.warnings
            readFiles += other.readFiles
        }
    }

    /// Extensions read when found in a folder.
    static let deckExtensions: Set<String> = [
        "txt", "tsv", "csv", "tab", "psv", "text", "json", "md", "markdown", "apkg", "colpkg",
    ]

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
        let results = Parallel.map(jobs.count) { [jobs] index in
            switch jobs[index] {
            case .missing(let path): Result(decks: [], errors: [Self.missing(path)])
            case .file(let path, let inFolder): inFolder ? loadFromFolder(path) : load(file: path)
            }
        }
        var result = Result(decks: [], errors: [])
        for part in results { result.append(part) }
        return result
    }

    /// Why `path` cannot be found: a symlink loop, a link to nothing, or no such file.
    static func missing(_ path: String) -> DeckReadError {
        let location = SourceLocation(file: path, line: 0)
        var info = stat()
        if lstat(path, &info) == 0, FileKind(mode: info.st_mode) == .symbolicLink {
            if stat(path, &info) != 0 && errno == ELOOP {
                return DeckReadError(
                    .unreadableFile, at: location, "symbolic link loop (too many levels of symbolic links)",
                    hint: "point the link at a real file")
            }
            return DeckReadError(
                .unreadableFile, at: location, "symbolic link to a missing file", hint: "point the link at a real file")
        }
        return DeckReadError(.unreadableFile, at: location, "no such file or folder", hint: "check the path")
    }

    /// Reads one file, whatever its extension. Only regular files are read (a FIFO or a device is
    /// refused, never waited on); the file's identity is recorded in `readFiles`.
    public func load(file path: String) -> Result {
        switch FileBytes.read(path) {
        case .failure(let error):
            var info = stat()
            if lstat(path, &info) != 0 || (stat(path, &info) != 0 && errno == ELOOP) {
                return Result(decks: [], errors: [Self.missing(path)])
            }
            return Result(decks: [], errors: [error])
        case .success(let file):
            var result = read(bytes: file.bytes, path: path)
            result.readFiles.append(file.identity)
            return result
        }
    }

    private func loadFromFolder(_ path: String) -> Result {
        let ext = Self.pathExtension(path).lowercased()
        let skip: String?
        switch ext {
        case "json", "md", "markdown":
            // In a folder, JSON that is not a deck (settings, data) and notes without flashcards are
            // ordinary neighbours of decks: skipped with a warning, not errors.
            var result = load(file: path)
            // A note without the plugin's deck tag is not a flashcard note (a README, a SOURCE.md).
            let untagged = ext != "json" && result.warnings.contains { $0.kind == .notADeck }
            if result.decks.isEmpty || untagged {
                // One wording for every note that is no deck, whether it has card-like lines or none.
                let reason =
                    ext == "json"
                    ? result.errors.first?.message ?? "no cards"
                    : "a Markdown note without flashcards (no "
                        + Self.obsidianSettings(near: path).flashcardTags.joined(separator: "/") + " tag or no cards)"
                result.decks = []
                result.warnings = [
                    .warning(.notADeck, at: SourceLocation(file: path, line: 0), "skipped: \(reason)")
                ]
                result.errors = []
            }
            return result
        case _ where Self.deckExtensions.contains(ext): skip = nil
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
        // A zip is an Anki package for the package reader, before the text checks refuse it.
        if FileSignature.detect(bytes) == .zip && (format == nil || format == .apkg) {
            guard let packageReader else {
                return Result(
                    decks: [],
                    errors: [
                        DeckReadError(
                            .unknownFormat, at: SourceLocation(file: path, line: 0),
                            "a zip archive (an Anki package?): this build reads no packages",
                            hint: "use the conceptgraph command, which reads .apkg and .colpkg files")
                    ])
            }
            return packageReader(path, bytes)
        }
        switch TextEncoding.examine(bytes, file: path) {
        case .unchanged: return readUTF8(bytes: bytes, path: path)
        case .converted(let utf8, _): return readUTF8(bytes: utf8, path: path)
        case .refused(let error): return Result(decks: [], errors: [error])
        }
    }

    private func readUTF8(bytes: [UInt8], path: String) -> Result {
        let fileLoc = SourceLocation(file: path, line: 0)
        if bytes.isEmpty {
            return Result(
                decks: [],
                errors: [
                    DeckReadError(.emptyFile, at: fileLoc, "the file is empty", hint: "add cards or remove the file")
                ])
        }
        let ext = Self.pathExtension(path).lowercased()
        // Containers and other binary formats are named by their signature, before any text check.
        if let kind = FileSignature.detect(bytes) {
            return Result(
                decks: [],
                errors: [
                    DeckReadError(
                        .unknownFormat, at: fileLoc, "\(kind.description), not a deck", hint: kind.hint)
                ])
        }
        if format == .apkg {
            return Result(
                decks: [],
                errors: [
                    DeckReadError(
                        .unknownFormat, at: fileLoc, "not an Anki package (no zip signature)",
                        hint: "drop --deck-format apkg to read it as text")
                ])
        }
        if let problem = Bytes.validate(bytes, file: path, lineLimit: lineLimit) {
            return Result(decks: [], errors: [problem])
        }
        let start = Bytes.contentStart(bytes)
        var name = Self.deckName(path)
        if format == .crowdanki || (format == nil && FileSignature.looksLikeJSON(bytes, from: start)) {
            return readJSON(bytes, from: start, path: path)
        }
        if format == .obsidian || (format == nil && (ext == "md" || ext == "markdown")) {
            return readObsidian(bytes, from: start, path: path)
        }
        if format == nil, let markup = FileSignature.markup(bytes, from: start) {
            return Result(
                decks: [],
                errors: [
                    DeckReadError(
                        .unknownFormat, at: fileLoc, "\(markup), not a deck",
                        hint: "export the cards as text, CSV, CrowdAnki JSON or an Anki package")
                ])
        }
        var errors: [DeckReadError] = []
        var warnings: [DeckReadError] = []
        var cards: [Card] = []

        var chosen = format
        var separator: [UInt8]?
        var inlinePairs = false
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
            } else if let sep = InlinePairSniffer.sniff(bytes, from: start) {
                chosen = .separated
                separator = sep
                inlinePairs = true
            } else {
                chosen = .plain
            }
        }
        let format = chosen!

        switch format {
        case .crowdanki, .obsidian, .apkg:
            break  // handled above
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
                    if let sep = SeparatorSniffer.sniff(
                        bytes, from: bodyStart, candidates: candidates, quoting: format == .anki)
                    {
                        separator = sep
                    } else if format == .separated, let sep = InlinePairSniffer.sniff(bytes, from: bodyStart) {
                        separator = sep
                        inlinePairs = true
                    } else {
                        separator = [Bytes.tab]
                    }
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
                html: header?.html, anki: header, inlinePairs: inlinePairs)
            let out = reader.read(bytes, from: bodyStart, firstLine: bodyLine)
            cards = out.cards
            errors += out.errors
            warnings += out.warnings
        }

        if let removed = ControlCharacters.strip(&cards) {
            warnings.append(
                .warning(
                    .controlCharacters, at: SourceLocation(file: path, line: removed.firstLine),
                    "\(removed.count) control character\(removed.count == 1 ? "" : "s") removed from card text "
                        + "(first: U+\(String(format: "%04X", removed.first)))",
                    hint: "they are invisible and would break exported files"))
            cards.removeAll { $0.front.allSatisfy(\.isWhitespace) }  // a front that was only controls
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

    private func readJSON(_ bytes: [UInt8], from start: Int, path: String) -> Result {
        let fileLoc = SourceLocation(file: path, line: 0)
        guard CrowdAnkiReader.looksLikeCrowdAnki(bytes, from: start) else {
            let head = String(decoding: bytes[start..<min(bytes.count, start + 4096)], as: UTF8.self)
            let what =
                head.contains("\"singleLineCardSeparator\"") || head.contains("\"flashcardTags\"")
                ? "the settings of Obsidian's spaced-repetition plugin (JSON), not a deck"
                : bytes[start] == UInt8(ascii: "[")
                    ? "a JSON array, not a CrowdAnki deck"
                    : "JSON, but not a CrowdAnki deck (no \"__type__\": \"Deck\")"
            return Result(
                decks: [],
                errors: [
                    DeckReadError(
                        .unknownFormat, at: fileLoc, what,
                        hint: "export decks with the CrowdAnki add-on, or as text/CSV")
                ])
        }
        let out = CrowdAnkiReader(file: path).read(bytes, from: start)
        var errors = out.errors
        guard let deck = out.deck, !deck.cards.isEmpty else {
            if errors.isEmpty {
                errors.append(
                    DeckReadError(.noCards, at: fileLoc, "no cards found (read as CrowdAnki JSON)", hint: nil))
            }
            return Result(decks: [], errors: errors, warnings: out.warnings)
        }
        return Result(decks: [deck], errors: errors, warnings: out.warnings)
    }

    private func readObsidian(_ bytes: [UInt8], from start: Int, path: String) -> Result {
        let fileLoc = SourceLocation(file: path, line: 0)
        let settings = Self.obsidianSettings(near: path)
        let out = ObsidianReader(file: path, noteTitle: Self.deckName(path), settings: settings).read(
            bytes, from: start)
        guard !out.cards.isEmpty else {
            return Result(
                decks: [],
                errors: [
                    DeckReadError(
                        .noCards, at: fileLoc, "no flashcards in this note (read as Obsidian Markdown)",
                        hint:
                            "write cards as `question\(settings.singleLine)answer` or a `\(settings.multiLine)` line between question and answer"
                    )
                ])
        }
        var warnings: [DeckReadError] = []
        if out.deckTags.isEmpty {
            warnings.append(
                .warning(
                    .notADeck, at: fileLoc,
                    "the note has no \(settings.flashcardTags.joined(separator: "/")) tag; its cards were read anyway",
                    hint: "the spaced-repetition plugin reviews only tagged notes"))
        }
        return Result(
            decks: [Deck(name: Self.deckName(path), path: path, format: .obsidian, cards: out.cards)], errors: [],
            warnings: warnings)
    }

    /// The spaced-repetition plugin's settings for the vault holding `path`: its
    /// `.obsidian/plugins/obsidian-spaced-repetition/data.json`, or a copy of that file named
    /// `obsidian-spaced-repetition-data.json` in a folder above the note; defaults otherwise.
    static func obsidianSettings(near path: String) -> ObsidianReader.Settings {
        var folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        for _ in 0..<12 {
            for relative in [
                ".obsidian/plugins/obsidian-spaced-repetition/data.json", "obsidian-spaced-repetition-data.json",
            ] {
                if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(relative).path) {
                    return ObsidianReader.Settings(pluginData: data)
                }
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        return ObsidianReader.Settings()
    }

    private func firstNonBlank(_ b: [UInt8], _ from: Int) -> UInt8? {
        var i = from
        while i < b.count, b[i] == Bytes.lf || b[i] == Bytes.cr || b[i] == Bytes.space || b[i] == Bytes.tab { i += 1 }
        return i < b.count ? b[i] : nil
    }
}

extension DeckLoader {
    /// An Anki field (HTML) as card text: tags removed, entities decoded, white space tidied. For
    /// readers of Anki data that live outside this module (Anki packages).
    public static func cleanField(_ html: String) -> String { FieldText.clean(html, html: true) }
}
