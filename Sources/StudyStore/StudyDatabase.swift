import Foundation
import GRDB
import Scheduling

/// A card as the progress database knows it.
public struct StoredCard: Sendable, Hashable {
    public var id: Int64
    public var key: CardKey
    /// The front and back as last studied (for reports and exports).
    public var front: String
    public var back: String
    public var schedule: CardSchedule
}

/// One answer in the review log: enough to replay or export the history.
public struct ReviewRecord: Sendable, Hashable {
    public var id: Int64
    public var cardID: Int64
    public var deck: String
    public var front: String
    public var reviewedAt: Date
    public var grade: Grade
    /// Whole days since the previous answer (0 for a new card).
    public var elapsedDays: Int
    /// Probability of recall just before the answer (0 for a new card).
    public var retrievability: Double
    /// The memory state before (nil for a new card) and after the answer.
    public var before: MemoryState?
    public var after: MemoryState
    public var intervalDays: Int
    public var due: Date
    /// The study session that recorded it (one per process).
    public var session: String
}

/// What a session starts from: every card studied, the last answer's id and today's new cards.
public struct ProgressSnapshot: Sendable {
    public var cards: [CardKey: StoredCard]
    /// The id of the latest answer in the review log (0 when there is none).
    public var lastReviewID: Int64
    /// Cards answered for the first time since the start given to `snapshot(newCardsSince:)`.
    public var newCardsIntroduced: Int
}

/// One answer as a session following the database sees it.
public struct RecordedAnswer: Sendable, Hashable {
    public var reviewID: Int64
    public var key: CardKey
    /// The card's schedule now (after this answer and any later one).
    public var schedule: CardSchedule
    public var reviewedAt: Date
    /// The card's first answer (it was new).
    public var isFirstAnswer: Bool
}

/// The learner's progress in an SQLite database (WAL mode, through GRDB): one row per card studied
/// and one per answer.
///
/// Design note. Every answer is one IMMEDIATE transaction that reads the card's current row, applies
/// the scheduler and writes both the card and the review log, so an answer is on disk before the
/// next card is shown, and two sessions answering at once are serialized by SQLite's write lock
/// (each waits up to the lock timeout) instead of overwriting each other: the second one schedules
/// from the first one's result. The schema is versioned with GRDB's `DatabaseMigrator`; a file with
/// migrations this version does not know is refused, never rewritten. What it gets wrong: a
/// database on a network file system may not honour SQLite's locks.
public final class StudyDatabase: Sendable {
    public let path: String
    public let lockTimeout: Double
    private let writer: any DatabaseWriter

    /// `PRAGMA application_id` of ConceptGraph study databases ("CGst").
    static let applicationID: Int32 = 0x4347_7374

    /// Opens the database at `path`, creating it (and its folder) when `create` is true, and brings
    /// its schema up to date. With `readOnly`, the file is only read (progress reports on a file that
    /// cannot be written).
    /// - Throws: `StudyStoreError` for a damaged, locked, read-only, newer or foreign database.
    public init(path: String, create: Bool = true, readOnly: Bool = false, lockTimeout: Double = 5) throws {
        self.path = path
        self.lockTimeout = lockTimeout
        let fileManager = FileManager.default
        let exists = fileManager.fileExists(atPath: path)
        if !readOnly {
            if exists {
                guard Self.isWritable(path) else { throw StudyStoreError.readOnly(path: path) }
            } else if create {
                let folder = (path as NSString).deletingLastPathComponent
                if !folder.isEmpty {
                    do {
                        try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
                    } catch {
                        throw StudyStoreError.cannotCreate(path: path, folder: Self.firstMissingOrFolder(folder))
                    }
                }
                guard Self.isWritable(folder.isEmpty ? "." : folder) else {
                    throw StudyStoreError.cannotCreate(path: path, folder: folder.isEmpty ? "." : folder)
                }
            }
        }
        if !exists && !create {
            throw StudyStoreError.sqlite(path: path, detail: "no study database here yet")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(lockTimeout)
        configuration.readonly = readOnly
        configuration.label = "study"
        do {
            writer = try Self.openRetryingWhileBusy(until: .now + .milliseconds(Int(lockTimeout * 1000))) {
                let writer: any DatabaseWriter =
                    readOnly
                    ? try DatabaseQueue(path: path, configuration: configuration)
                    : try DatabasePool(path: path, configuration: configuration)
                try Self.prepare(writer, path: path, migrate: !readOnly)
                return writer
            }
        } catch {
            throw StudyStoreError.from(error, path: path, lockTimeout: lockTimeout)
        }
    }

    /// Runs `open` again while it fails with `SQLITE_BUSY`, until `deadline`.
    ///
    /// SQLite's busy timeout does not cover everything opening does: `PRAGMA journal_mode = WAL`
    /// on a database another session is creating at that moment fails at once with "database is
    /// locked" instead of waiting (seen in 4 of 10 runs of three sessions starting together on two
    /// busy cores). Opening again after a short pause finds the database created and in WAL mode.
    static func openRetryingWhileBusy(
        until deadline: ContinuousClock.Instant, _ open: () throws -> any DatabaseWriter
    ) throws -> any DatabaseWriter {
        while true {
            do {
                return try open()
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && .now < deadline {
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
    }

    /// `true` when `path` may be written: permitted for this user, and with a write permission bit
    /// set (root may write anything, but a file made read-only on purpose stays untouched).
    public static func isWritable(_ path: String) -> Bool {
        guard FileManager.default.isWritableFile(atPath: path),
            let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let mode = attributes[.posixPermissions] as? Int
        else { return false }
        return mode & 0o222 != 0
    }

    /// The folder to name when `folder` cannot be created: its nearest existing ancestor (the one that
    /// refused), else `folder` itself.
    static func firstMissingOrFolder(_ folder: String) -> String {
        var current = folder
        while !current.isEmpty && current != "/" {
            let parent = (current as NSString).deletingLastPathComponent
            if FileManager.default.fileExists(atPath: parent.isEmpty ? "." : parent) {
                return parent.isEmpty ? "." : parent
            }
            current = parent
        }
        return folder
    }

    // MARK: Schema

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: cards and review log") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.create(table: "card") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("deck", .text).notNull()
                t.column("frontKey", .text).notNull()
                t.column("front", .text).notNull()
                t.column("back", .text).notNull()
                t.column("stability", .double)
                t.column("difficulty", .double)
                t.column("lastReview", .double)
                t.column("due", .double)
                t.column("reviews", .integer).notNull().defaults(to: 0)
                t.column("lapses", .integer).notNull().defaults(to: 0)
                t.uniqueKey(["deck", "frontKey"])
            }
            try db.create(table: "review") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("card", onDelete: .restrict).notNull()
                t.column("reviewedAt", .double).notNull()
                t.column("grade", .integer).notNull()
                t.column("elapsedDays", .integer).notNull()
                t.column("retrievability", .double).notNull()
                t.column("stabilityBefore", .double)
                t.column("difficultyBefore", .double)
                t.column("stabilityAfter", .double).notNull()
                t.column("difficultyAfter", .double).notNull()
                t.column("intervalDays", .integer).notNull()
                t.column("due", .double).notNull()
                t.column("session", .text).notNull()
            }
            try db.create(index: "review_by_time", on: "review", columns: ["reviewedAt"])
        }
        return migrator
    }

    private static func prepare(_ writer: any DatabaseWriter, path: String, migrate: Bool) throws {
        let migrator = Self.migrator
        let needsMigration = try writer.read { db -> Bool in
            // Reading the schema touches every page header SQLite needs: damage shows up here.
            let quick = try String.fetchAll(db, sql: "PRAGMA quick_check")
            if quick != ["ok"] {
                throw StudyStoreError.corrupt(path: path, detail: quick.prefix(3).joined(separator: "; "))
            }
            let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            if applicationID != 0 && applicationID != Self.applicationID {
                throw StudyStoreError.foreignDatabase(path: path)
            }
            // GRDB creates its `grdb_migrations` table before the first migration's transaction: a
            // database another session is creating right now has only that table and no id yet.
            if applicationID == 0 && tables.contains(where: { $0 != "grdb_migrations" }) {
                throw StudyStoreError.foreignDatabase(path: path)
            }
            if try db.tableExists("grdb_migrations"), try migrator.hasBeenSuperseded(db) {
                let known = Set(migrator.migrations)
                let unknown = try migrator.appliedIdentifiers(db).filter { !known.contains($0) }.sorted()
                throw StudyStoreError.newerVersion(path: path, unknownMigrations: unknown)
            }
            return try !migrator.hasCompletedMigrations(db)
        }
        if needsMigration {
            guard migrate else { throw StudyStoreError.readOnly(path: path) }
            do {
                try migrator.migrate(writer)
            } catch {
                // Two sessions creating the database at once: GRDB checks what is applied before it
                // takes the write lock, so the second one fails on "table exists". Fine if the other
                // one finished the job.
                guard try writer.read({ try migrator.hasCompletedMigrations($0) }) else { throw error }
            }
        }
    }

    // MARK: Reading

    /// Every card the database knows, keyed by identity.
    public func cards() throws -> [CardKey: StoredCard] {
        try guarded {
            try writer.read { db in
                var result: [CardKey: StoredCard] = [:]
                let rows = try Row.fetchCursor(db, sql: "SELECT * FROM card")
                while let row = try rows.next() {
                    let card = Self.card(row)
                    result[card.key] = card
                }
                return result
            }
        }
    }

    /// How many cards had their first answer at or after `start` (the new cards introduced today,
    /// by every session).
    public func newCardsIntroduced(since start: Date) throws -> Int {
        try guarded {
            try writer.read { db in
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM review WHERE stabilityBefore IS NULL AND reviewedAt >= ?",
                    arguments: [start.timeIntervalSince1970]) ?? 0
            }
        }
    }

    /// Every card, the last review id and the new cards introduced since `start`, read in one
    /// transaction: the starting point of a session that then follows `answers(after:)`.
    public func snapshot(newCardsSince start: Date) throws -> ProgressSnapshot {
        try guarded {
            try writer.read { db in
                var cards: [CardKey: StoredCard] = [:]
                let rows = try Row.fetchCursor(db, sql: "SELECT * FROM card")
                while let row = try rows.next() {
                    let card = Self.card(row)
                    cards[card.key] = card
                }
                let last = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM review") ?? 0
                let introduced = try Self.newCardsIntroduced(db, since: start, through: last)
                return ProgressSnapshot(cards: cards, lastReviewID: last, newCardsIntroduced: introduced)
            }
        }
    }

    /// How many cards had their first answer at or after `start`, counting answers up to review id
    /// `last` only (a session adds the later ones from `answers(after:)`).
    public func newCardsIntroduced(since start: Date, through last: Int64) throws -> Int {
        try guarded { try writer.read { try Self.newCardsIntroduced($0, since: start, through: last) } }
    }

    private static func newCardsIntroduced(_ db: Database, since start: Date, through last: Int64) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM review WHERE stabilityBefore IS NULL AND reviewedAt >= ? AND id <= ?",
            arguments: [start.timeIntervalSince1970, last]) ?? 0
    }

    /// The answers recorded after review id `reviewID` (by any session), oldest first, each with its
    /// card's current schedule.
    /// - Complexity: O(k log n) for k answers: a range of the review table's primary key.
    public func answers(after reviewID: Int64) throws -> [RecordedAnswer] {
        try guarded {
            try writer.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT review.id AS reviewID, review.reviewedAt, review.stabilityBefore IS NULL AS first,
                        card.* FROM review JOIN card ON card.id = review.cardId WHERE review.id > ? ORDER BY review.id
                        """,
                    arguments: [reviewID]
                ).map { row in
                    let card = Self.card(row)
                    let reviewedAt: Double = row["reviewedAt"]
                    return RecordedAnswer(
                        reviewID: row["reviewID"], key: card.key, schedule: card.schedule,
                        reviewedAt: Date(timeIntervalSince1970: reviewedAt), isFirstAnswer: row["first"])
                }
            }
        }
    }

    /// The whole review log, oldest first (ties by id).
    public func reviewLog() throws -> [ReviewRecord] {
        try guarded {
            try writer.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT review.*, card.deck, card.front FROM review JOIN card ON card.id = review.cardId
                        ORDER BY review.reviewedAt, review.id
                        """
                ).map(Self.review)
            }
        }
    }

    // MARK: Writing

    /// Takes and releases the write lock: a session calls it before showing its first card, so a
    /// database locked by another program is reported before the learner answers anything.
    public func checkWriteAccess() throws {
        try guarded {
            try writer.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) { .rollback }
            }
        }
    }

    /// Records one answer: reads the card's current state (another session may have answered it
    /// meanwhile), applies `scheduler`, and commits the new state and a review-log row in one
    /// transaction. Returns what the answer did.
    @discardableResult
    public func recordAnswer(
        _ grade: Grade, for key: CardKey, front: String, back: String, at date: Date, scheduler: Scheduler,
        session: String
    ) throws -> Scheduler.Outcome {
        try guarded {
            try writer.writeWithoutTransaction { db in
                var outcome: Scheduler.Outcome?
                try db.inTransaction(.immediate) {
                    let existing = try Row.fetchOne(
                        db, sql: "SELECT * FROM card WHERE deck = ? AND frontKey = ?",
                        arguments: [key.deck, key.front]
                    ).map(Self.card)
                    let result = scheduler.review(existing?.schedule ?? .new, grade: grade, at: date)
                    let after = result.after
                    let memory = after.memory!
                    let cardID: Int64
                    if let existing {
                        cardID = existing.id
                        try db.execute(
                            sql: """
                                UPDATE card SET front = ?, back = ?, stability = ?, difficulty = ?, lastReview = ?,
                                due = ?, reviews = ?, lapses = ? WHERE id = ?
                                """,
                            arguments: [
                                front, back, memory.stability, memory.difficulty,
                                after.lastReview?.timeIntervalSince1970, after.due?.timeIntervalSince1970,
                                after.reviews, after.lapses, cardID,
                            ])
                    } else {
                        try db.execute(
                            sql: """
                                INSERT INTO card (deck, frontKey, front, back, stability, difficulty, lastReview, due,
                                reviews, lapses) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                                """,
                            arguments: [
                                key.deck, key.front, front, back, memory.stability, memory.difficulty,
                                after.lastReview?.timeIntervalSince1970, after.due?.timeIntervalSince1970,
                                after.reviews, after.lapses,
                            ])
                        cardID = db.lastInsertedRowID
                    }
                    try db.execute(
                        sql: """
                            INSERT INTO review (cardId, reviewedAt, grade, elapsedDays, retrievability,
                            stabilityBefore, difficultyBefore, stabilityAfter, difficultyAfter, intervalDays, due,
                            session) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            cardID, date.timeIntervalSince1970, grade.rawValue, result.elapsedDays,
                            result.retrievability, result.before.memory?.stability,
                            result.before.memory?.difficulty, memory.stability, memory.difficulty,
                            result.intervalDays, after.due?.timeIntervalSince1970, session,
                        ])
                    outcome = result
                    return .commit
                }
                return outcome!
            }
        }
    }

    // MARK: Rows

    private static func card(_ row: Row) -> StoredCard {
        let stability: Double? = row["stability"]
        let difficulty: Double? = row["difficulty"]
        let memory = stability.flatMap { s in difficulty.map { MemoryState(stability: s, difficulty: $0) } }
        let lastReview: Double? = row["lastReview"]
        let due: Double? = row["due"]
        return StoredCard(
            id: row["id"], key: CardKey(deck: row["deck"], foldedFront: row["frontKey"]), front: row["front"],
            back: row["back"],
            schedule: CardSchedule(
                memory: memory, lastReview: lastReview.map(Date.init(timeIntervalSince1970:)),
                due: due.map(Date.init(timeIntervalSince1970:)), reviews: row["reviews"], lapses: row["lapses"]))
    }

    private static func review(_ row: Row) -> ReviewRecord {
        let stabilityBefore: Double? = row["stabilityBefore"]
        let difficultyBefore: Double? = row["difficultyBefore"]
        let before = stabilityBefore.flatMap { s in difficultyBefore.map { MemoryState(stability: s, difficulty: $0) } }
        let reviewedAt: Double = row["reviewedAt"]
        let due: Double = row["due"]
        let gradeValue: Int = row["grade"]
        return ReviewRecord(
            id: row["id"], cardID: row["cardId"], deck: row["deck"], front: row["front"],
            reviewedAt: Date(timeIntervalSince1970: reviewedAt), grade: Grade(rawValue: gradeValue) ?? .again,
            elapsedDays: row["elapsedDays"], retrievability: row["retrievability"], before: before,
            after: MemoryState(stability: row["stabilityAfter"], difficulty: row["difficultyAfter"]),
            intervalDays: row["intervalDays"], due: Date(timeIntervalSince1970: due), session: row["session"])
    }

    private func guarded<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw StudyStoreError.from(error, path: path, lockTimeout: lockTimeout)
        }
    }
}
