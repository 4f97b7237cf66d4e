import ArgumentParser
import ConceptAnalysis
import ConceptExtraction
import DeckReading
import Foundation
import Scheduling
import StudySession
import StudyStore

/// Options shared by `study` and `progress`: where progress lives and what time it is.
struct StudyStoreOptions: ParsableArguments {
    @Option(help: "The progress database. Default: .conceptgraph/study.sqlite beside the decks.")
    var db: String?

    @Option(help: "Limit to this concept (id or name) and everything it requires.")
    var target: String?

    @Option(help: "Seconds to wait for another session's write lock before giving up.")
    var lockTimeout: Double = 5

    @Option(help: .hidden)
    var now: String?

    /// The database path: `--db`, else `.conceptgraph/study.sqlite` in the first deck folder (or the
    /// folder of the first deck file).
    func databasePath(decks: [String]) -> String {
        if let db { return db }
        let first = decks.first ?? "Decks"
        var isFolder: ObjCBool = false
        let folder =
            FileManager.default.fileExists(atPath: first, isDirectory: &isFolder) && isFolder.boolValue
            ? first : (first as NSString).deletingLastPathComponent
        return ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent(".conceptgraph/study.sqlite")
    }

    /// The clock: `--now` (ISO 8601, for scripts and tests) or the system's.
    func clock() throws -> any StudyClock {
        guard let now else { return SystemClock() }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: now) { return FixedClock(date) }
        if let seconds = Double(now) { return FixedClock(Date(timeIntervalSince1970: seconds)) }
        throw ValidationError("--now must be an ISO 8601 time such as 2026-01-05T09:00:00Z, got '\(now)'")
    }

    func validate() throws {
        guard lockTimeout >= 0, lockTimeout.isFinite else {
            throw ValidationError("--lock-timeout must be a number of seconds, got \(lockTimeout)")
        }
    }
}

/// The decks' graph, each card's identity and the progress database, ready for a session or a report.
struct StudyContext {
    var analyzed: AnalyzedGraph
    var selector: CardSelector
    /// Per card: its identity in the database.
    var keys: [CardKey]
    /// The database, or nil when it does not exist yet and the command only reads.
    var database: StudyDatabase?
    var databasePath: String
    var scheduler = Scheduler()
    var clock: any StudyClock
    var calendar = Calendar.current

    /// Loads decks and the database. `forWriting`: create the database if needed and refuse a
    /// read-only one; otherwise a missing database reads as "nothing studied yet".
    init(input: InputOptions, analysis: AnalysisOptions, options: StudyStoreOptions, forWriting: Bool) throws {
        clock = try options.clock()
        let outcome = try Pipeline(input: input, analysis: analysis).run()
        analyzed = outcome.analyzed
        var target: Int?
        if let name = options.target {
            target = try Self.findConcept(name, in: analyzed.graph)
        }
        selector = CardSelector(analyzed: analyzed, target: target)
        keys = analyzed.graph.cards.map { CardKey(deck: $0.deck, front: $0.front) }
        databasePath = options.databasePath(decks: input.resolvedPaths)
        do {
            if forWriting {
                database = try StudyDatabase(path: databasePath, create: true, lockTimeout: options.lockTimeout)
            } else if FileManager.default.fileExists(atPath: databasePath) {
                let writable = StudyDatabase.isWritable(databasePath)
                database = try StudyDatabase(
                    path: databasePath, create: false, readOnly: !writable, lockTimeout: options.lockTimeout)
            }
        } catch let error as StudyStoreError {
            throw StudyFailure.store(error)
        }
    }

    /// The schedules of every card, from the database (new for cards never answered).
    func schedules() throws -> [CardSchedule] {
        guard let database else { return Array(repeating: .new, count: keys.count) }
        let stored = try storeCall { try database.cards() }
        return keys.map { stored[$0]?.schedule ?? .new }
    }

    /// New cards still allowed today.
    func newAllowance(perDay: Int, now: Date) throws -> Int {
        guard let database else { return perDay }
        let introduced = try storeCall { try database.newCardsIntroduced(since: calendar.startOfDay(for: now)) }
        return max(0, perDay - introduced)
    }

    /// A concept by id, label or alias (folded: case, accents and punctuation ignored).
    static func findConcept(_ name: String, in graph: ConceptGraph) throws -> Int {
        let wanted = CardKey.fold(name)
        if let exact = graph.concepts.firstIndex(where: { $0.id == name }) { return exact }
        if let match = graph.concepts.firstIndex(where: { concept in
            CardKey.fold(concept.label) == wanted || concept.aliases.contains { CardKey.fold($0) == wanted }
        }) {
            return match
        }
        let near = graph.concepts.filter { CardKey.fold($0.label).contains(wanted) }.prefix(5).map(\.label)
        throw StudyFailure.usage(
            "no concept '\(name)' in these decks",
            hint: near.isEmpty
                ? "`conceptgraph progress` lists the concepts" : "did you mean: \(near.joined(separator: ", "))?")
    }

    /// Reports studied cards that no longer match a card of the decks (front edited or card removed):
    /// their history stays in the database, and a card whose front changed starts as new.
    func reportUnmatchedCards() throws {
        guard let database else { return }
        let stored = try storeCall { try database.cards() }
        let present = Set(keys)
        let decks = Set(analyzed.graph.cards.map(\.deck))
        let unmatched = stored.values.filter { decks.contains($0.key.deck) && !present.contains($0.key) }
            .sorted { $0.key < $1.key }
        guard !unmatched.isEmpty else { return }
        // An edited front usually keeps its answer: pair an unmatched card with a never-studied card
        // of the same deck and the same folded answer.
        var unstudiedByAnswer: [String: [Int]] = [:]
        for (index, key) in keys.enumerated() where stored[key] == nil {
            let card = analyzed.graph.cards[index]
            unstudiedByAnswer[card.deck + "\u{1F}" + CardKey.fold(card.back), default: []].append(index)
        }
        var others: [StoredCard] = []
        for old in unmatched {
            let candidates = unstudiedByAnswer[old.key.deck + "\u{1F}" + CardKey.fold(old.back)] ?? []
            if candidates.count == 1, let index = candidates.first {
                let card = analyzed.graph.cards[index]
                Diagnostics.printError(
                    "warning: \(card.location): front changed from \"\(old.front)\" to \"\(card.front)\": it starts as "
                        + "a new card; the \(old.schedule.reviews) answers of the old front stay in \(databasePath)")
            } else {
                others.append(old)
            }
        }
        if !others.isEmpty {
            let shown = others.prefix(5).map { "\($0.key.deck): \"\($0.front)\"" }.joined(separator: "; ")
            Diagnostics.printError(
                "warning: \(others.count) studied card\(others.count == 1 ? "" : "s") no longer match any card of the "
                    + "decks (front edited or card removed); their history stays in \(databasePath): \(shown)"
                    + (others.count > 5 ? "; …" : ""))
        }
    }
}

/// Why a study command stops: printed for people, with the documented exit code.
enum StudyFailure: Error {
    case store(StudyStoreError)
    case usage(String, hint: String)

    /// Prints the message and returns the exit code (2: bad input, usage or an unusable database).
    func report() -> ExitCode {
        switch self {
        case .store(let error):
            Diagnostics.error(error.message, hint: error.hint)
        case .usage(let message, let hint):
            Diagnostics.error(message, hint: hint)
        }
        return ExitCode(2)
    }
}

/// Runs a database call, turning its failure into a `StudyFailure`.
func storeCall<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StudyStoreError {
        throw StudyFailure.store(error)
    }
}
