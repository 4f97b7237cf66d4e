import Foundation

/// A part of speech of WordNet's four open classes.
public enum WordClass: Int, Sendable, CaseIterable {
    case noun, verb, adjective, adverb

    var fileSuffix: String { ["noun", "verb", "adj", "adv"][rawValue] }
}

/// Why the English lexicon could not be loaded, with the fix.
public struct LexiconError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        "English lexicon (WordNet 3.0) not found at \(path): \(reason) "
            + "(install it: `sudo apt-get install wordnet-base` on Debian/Ubuntu, `brew install wordnet` on macOS; "
            + "or set CONCEPTGRAPH_WORDNET to the folder holding index.noun)"
    }
}

/// The WordNet 3.0 database as Princeton ships it (`index.*`, `data.noun`, `*.exc`; format: wndb(5WN)),
/// read from the system's copy at run time; nothing is fetched or written.
///
/// Index files are sorted by lemma, so a look-up is a binary search over the starts of their lines (one
/// pass over the files at load finds them; no lemma is parsed); a synset is parsed from `data.noun` at
/// the byte offset the index gives. Loading maps the files, finds the line starts and parses only the
/// exception lists (~12,000 lines).
///
/// - Complexity: a look-up is O(log L · k) for L lemmas and a lemma of k bytes.
public final class WordNet: Sendable {
    /// The folder the files were read from.
    public let directory: String
    /// The index files, memory-mapped (pages are read only where a binary search looks).
    private let indexes: [Data]
    /// For each index file, where its entry lines start.
    private let lineStarts: [[UInt32]]
    private let nounData: Data
    /// Irregular forms: inflected form → base forms, per class.
    private let exceptionLists: [[String: [String]]]

    /// Where to look for the database: `$CONCEPTGRAPH_WORDNET`, `$WNSEARCHDIR`, then the usual system folders.
    public static var searchPaths: [String] {
        let environment = ProcessInfo.processInfo.environment
        return [environment["CONCEPTGRAPH_WORDNET"], environment["WNSEARCHDIR"]].compactMap { $0 } + [
            "/usr/share/wordnet", "/opt/homebrew/share/wordnet", "/usr/local/share/wordnet",
            "/opt/homebrew/opt/wordnet/dict", "/usr/local/opt/wordnet/dict",
        ]
    }

    /// Loads the database from the first search path that holds it.
    public static func locate() throws(LexiconError) -> WordNet {
        let paths = searchPaths
        for path in paths where FileManager.default.fileExists(atPath: path + "/index.noun") {
            return try WordNet(directory: path)
        }
        throw LexiconError(path: paths.joined(separator: ", "), reason: "no index.noun in any of these folders")
    }

    /// Maps the database files of `directory`; finds the index files' line starts and parses the
    /// exception lists.
    /// - Complexity: O(size of the index files and exception lists); `data.noun` is mapped, not read.
    public init(directory: String) throws(LexiconError) {
        self.directory = directory
        func map(_ name: String) throws(LexiconError) -> Data {
            do {
                return try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name), options: .alwaysMapped)
            } catch {
                throw LexiconError(path: directory, reason: "cannot read \(name)")
            }
        }
        var indexes: [Data] = []
        var exceptions: [[String: [String]]] = []
        for wordClass in WordClass.allCases {
            indexes.append(try map("index." + wordClass.fileSuffix))
            exceptions.append(Self.exceptions(try map(wordClass.fileSuffix + ".exc")))
        }
        self.indexes = indexes
        self.lineStarts = indexes.map(Self.entryLineStarts)
        self.exceptionLists = exceptions
        self.nounData = try map("data.noun")
        guard indexes[0].count > 4_000_000, entryLine("mitochondrion", in: .noun) != nil else {
            throw LexiconError(path: directory, reason: "index.noun is not the WordNet 3.0 noun index")
        }
    }

    private static func exceptions(_ data: Data) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for line in data.split(separator: 0x0A) {
            let fields = line.split(separator: 0x20)
            guard fields.count >= 2 else { continue }
            result[String(decoding: fields[0], as: UTF8.self)] = fields.dropFirst().map {
                String(decoding: $0, as: UTF8.self)
            }
        }
        return result
    }

    /// Where each entry line of an index file starts (the licence header's lines, which start with a
    /// space, left out): the lines are sorted by lemma, so a look-up is a binary search over these.
    /// - Complexity: O(file size), one pass (a few milliseconds for the four files). The newlines are
    /// found with `memchr`, which is as fast in a debug or sanitizer build as in a release one (a
    /// generic slice search took 0.9 s per process there, and the tests start hundreds of them).
    private static func entryLineStarts(_ file: Data) -> [UInt32] {
        file.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> [UInt32] in
            guard let base = bytes.baseAddress else { return [] }
            var starts: [UInt32] = []
            starts.reserveCapacity(bytes.count / 48)
            var start = 0
            while start < bytes.count {
                if bytes[start] != 0x20 { starts.append(UInt32(start)) }
                guard let newline = memchr(base + start, 0x0A, bytes.count - start) else { break }
                start = base.distance(to: UnsafeRawPointer(newline)) + 1
            }
            return starts
        }
    }

    /// The text of the index line for `lemma` (after the lemma), found by binary search over the
    /// starts of the file's sorted lines.
    private func entryLine(_ lemma: String, in wordClass: WordClass) -> String? {
        let key = Array(lemma.utf8)
        guard !key.isEmpty, !key.contains(0x20) else { return nil }
        let starts = lineStarts[wordClass.rawValue]
        return indexes[wordClass.rawValue].withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> String? in
            var low = 0
            var high = starts.count
            while low < high {
                let middle = (low + high) / 2
                let start = Int(starts[middle])
                // Compare the key with the line's lemma (up to its space), byte by byte.
                var index = start
                var order = 0
                for byte in key {
                    let other = index < bytes.count ? bytes[index] : 0x20
                    if other == 0x20 || other == 0x0A {
                        order = 1
                        break
                    }
                    if byte != other {
                        order = byte < other ? -1 : 1
                        break
                    }
                    index += 1
                }
                if order == 0 && index < bytes.count && bytes[index] != 0x20 { order = -1 }
                if order < 0 {
                    high = middle
                } else if order > 0 {
                    low = middle + 1
                } else {
                    var end = index + 1
                    while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                    return String(
                        decoding: UnsafeRawBufferPointer(rebasing: bytes[min(index + 1, end)..<end]), as: UTF8.self)
                }
            }
            return nil
        }
    }

    /// One lemma's index entry: how many senses, how often it was tagged in a sense-tagged corpus
    /// (a prior for ambiguous words), and its synsets, most frequent first.
    public struct IndexEntry: Sendable, Hashable {
        public var senseCount: Int
        public var taggedSenseCount: Int
        public var synsets: [Int]
    }

    /// The entry of `lemma` (lower case, words joined by `_`) in `wordClass`, if WordNet has it.
    public func entry(_ lemma: String, _ wordClass: WordClass) -> IndexEntry? {
        guard let line = entryLine(lemma, in: wordClass) else { return nil }
        // "pos synset_cnt p_cnt [ptr…] sense_cnt tagsense_cnt offset…"
        let fields = line.split(separator: " ")
        guard fields.count >= 4, let synsetCount = Int(fields[1]), let pointerCount = Int(fields[2]) else {
            return nil
        }
        let senseIndex = 3 + pointerCount
        guard fields.count >= senseIndex + 2 + synsetCount, let tagged = Int(fields[senseIndex + 1]) else {
            return nil
        }
        let offsets = fields[(senseIndex + 2)..<(senseIndex + 2 + synsetCount)].compactMap { Int($0) }
        return IndexEntry(senseCount: synsetCount, taggedSenseCount: tagged, synsets: offsets)
    }

    /// The base form of an irregular inflection ("mitochondria" → "mitochondrion", "sporangia" →
    /// "sporangium"), from WordNet's exception lists; nil for a regular or unknown word.
    public func irregularBase(_ word: String, _ wordClass: WordClass) -> String? {
        exceptionLists[wordClass.rawValue][word]?.first
    }

    /// Base forms WordNet's morphology ("morphy") gives for `word` in `wordClass`: irregular forms
    /// first ("mitochondria" → "mitochondrion"), then suffix rules ("cells" → "cell") checked against
    /// the index; the word itself when it is a lemma.
    public func baseForms(_ word: String, _ wordClass: WordClass) -> [String] {
        var forms: [String] = []
        if entry(word, wordClass) != nil { forms.append(word) }
        for base in exceptionLists[wordClass.rawValue][word] ?? [] where !forms.contains(base) { forms.append(base) }
        for (suffix, ending) in Self.detachments[wordClass.rawValue] where word.hasSuffix(suffix) {
            let base = String(word.dropLast(suffix.count)) + ending
            if base.count >= 2, !forms.contains(base), entry(base, wordClass) != nil { forms.append(base) }
        }
        return forms
    }

    private static let detachments: [[(String, String)]] = [
        [
            ("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"),
            ("ies", "y"),
        ],
        [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")],
        [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
        [],
    ]

    /// The lexicographer file a noun synset is filed in (lexnames(5WN): `noun.animal` is 5): WordNet's
    /// coarse sense classes, which tell a thing from an attribute, a group or an idea.
    public enum NounCategory: Int, Sendable, Hashable {
        case tops = 3
        case act, animal, artifact, attribute, body, cognition, communication, event, feeling, food
        case group, location, motive, object, person, phenomenon, plant, possession, process, quantity
        case relation, shape, state, substance, time

        /// Things one can point at (animals, plants, body parts, artifacts, foods, objects, substances):
        /// what an attribute ("length", "shape", "level") is measured on.
        public var isConcrete: Bool {
            [.animal, .plant, .body, .artifact, .food, .object, .substance].contains(self)
        }
    }

    /// A noun synset: its lemmas and the synsets above it (hypernyms, instance hypernyms, and the
    /// wholes it is a part, member or substance of).
    public struct NounSynset: Sendable, Hashable {
        /// WordNet's lexicographer file: 7 attribute, 9 cognition, 10 communication, 12 feeling,
        /// 15 location, 16 motive, 24 relation, 28 time, … (see lexnames(5WN)).
        public var lexicographerFile: Int
        /// `lexicographerFile` by name (nil for a file number WordNet 3.0 does not use for nouns).
        public var category: NounCategory? { NounCategory(rawValue: lexicographerFile) }
        public var lemmas: [String]
        /// Which lemmas WordNet writes capitalised (proper nouns: "Japan", "Red_Sea").
        public var capitalised: [Bool] = []
        /// `@` and `@i` pointers.
        public var hypernyms: [Int]
        /// `#p`, `#m`, `#s` pointers.
        public var holonyms: [Int]
    }

    /// The noun synset at byte `offset` of `data.noun`, or nil for an offset that starts no synset.
    public func nounSynset(at offset: Int) -> NounSynset? {
        let text = nounData.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> String? in
            guard offset >= 0, offset < bytes.count, offset == 0 || bytes[offset - 1] == 0x0A else { return nil }
            var end = offset
            while end < bytes.count && bytes[end] != 0x0A && bytes[end] != 0x7C { end += 1 }  // up to "|"
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
        }
        guard let fields = text?.split(separator: " ") else { return nil }
        guard fields.count >= 4, let wordCount = Int(fields[3], radix: 16) else { return nil }
        var lemmas: [String] = []
        var capitalised: [Bool] = []
        var index = 4
        for _ in 0..<wordCount where index + 1 < fields.count {
            capitalised.append(fields[index].first?.isUppercase == true)
            var lemma = fields[index].lowercased()
            if let paren = lemma.firstIndex(of: "(") { lemma = String(lemma[..<paren]) }  // "(p)" markers
            lemmas.append(lemma)
            index += 2
        }
        guard index < fields.count, let pointerCount = Int(fields[index]) else { return nil }
        index += 1
        var synset = NounSynset(
            lexicographerFile: Int(fields[1]) ?? 0, lemmas: lemmas, capitalised: capitalised, hypernyms: [],
            holonyms: [])
        for _ in 0..<pointerCount where index + 3 < fields.count {
            let symbol = fields[index]
            if fields[index + 2] == "n", let target = Int(fields[index + 1]) {
                if symbol == "@" || symbol == "@i" {
                    synset.hypernyms.append(target)
                } else if symbol == "#p" || symbol == "#m" || symbol == "#s" {
                    synset.holonyms.append(target)
                }
            }
            index += 4
        }
        return synset
    }
}
