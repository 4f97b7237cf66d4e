import Foundation
import GRDB
import Scheduling
import StudyStore
import TestSupport
import Testing

@Suite struct StudyDatabaseTests {
    let scheduler = Scheduler()
    let start = Date(timeIntervalSince1970: 1_767_603_600)  // 2026-01-05 09:00 UTC

    func freshPath() throws -> String {
        try TestPaths.temporaryDirectory().appendingPathComponent(".conceptgraph/study.sqlite").path
    }

    func answer(_ db: StudyDatabase, _ front: String, _ grade: Grade, day: Double, session: String = "test") throws {
        try db.recordAnswer(
            grade, for: CardKey(deck: "bio", front: front), front: front, back: "back of \(front)",
            at: start.addingTimeInterval(day * 86_400), scheduler: scheduler, session: session)
    }

    @Test func createsAWALDatabaseWithItsFolder() throws {
        let path = try freshPath()
        _ = try StudyDatabase(path: path)
        let queue = try DatabaseQueue(path: path)
        let mode = try queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test func progressSurvivesReopeningAndTheLogReplaysIt() throws {
        let path = try freshPath()
        do {
            let db = try StudyDatabase(path: path)
            try answer(db, "What is osmosis?", .good, day: 0)
            try answer(db, "What is osmosis?", .again, day: 3)
            try answer(db, "What is osmosis?", .good, day: 3.1)
            try answer(db, "What is a cell?", .easy, day: 0)
        }
        let reopened = try StudyDatabase(path: path)
        let cards = try reopened.cards()
        #expect(cards.count == 2)
        let osmosis = try #require(cards[CardKey(deck: "bio", front: "what is OSMOSIS")])
        #expect(osmosis.schedule.reviews == 3 && osmosis.schedule.lapses == 1)
        let log = try reopened.reviewLog()
        #expect(log.count == 4)
        let replayed = scheduler.replay(
            log.filter { $0.cardID == osmosis.id }.map { (grade: $0.grade, at: $0.reviewedAt) })
        #expect(replayed.memory == osmosis.schedule.memory)
        #expect(replayed.due == osmosis.schedule.due)
        #expect(try reopened.newCardsIntroduced(since: start) == 2)
        #expect(try reopened.newCardsIntroduced(since: start.addingTimeInterval(86_400)) == 0)
    }

    @Test func cardKeysIgnoreCaseAccentsPunctuationAndSpacing() {
        #expect(CardKey(deck: "d", front: "What is  CRM?") == CardKey(deck: "d", front: "what is crm"))
        #expect(CardKey(deck: "d", front: "Café au lait") == CardKey(deck: "d", front: "cafe au LAIT!"))
        #expect(CardKey(deck: "d", front: "What is CRM?") != CardKey(deck: "e", front: "What is CRM?"))
        #expect(CardKey(deck: "d", front: "What is CRM?") != CardKey(deck: "d", front: "What is ERP?"))
        #expect(CardKey(deck: "d", front: "???").front == "???")
    }

    @Test func twoConnectionsWritingAtOnceLoseNothing() async throws {
        let path = try freshPath()
        _ = try StudyDatabase(path: path)
        let perSession = 60
        try await withThrowingTaskGroup(of: Void.self) { group in
            for session in ["a", "b"] {
                group.addTask {
                    let db = try StudyDatabase(path: path, lockTimeout: 10)
                    for i in 0..<perSession {
                        // Both sessions answer the same cards: each answer must build on the other's.
                        try answer(db, "card \(i % 10)", .good, day: Double(i) / 100, session: session)
                    }
                }
            }
            try await group.waitForAll()
        }
        let db = try StudyDatabase(path: path)
        let log = try db.reviewLog()
        #expect(log.count == 2 * perSession)
        let cards = try db.cards()
        #expect(cards.values.map(\.schedule.reviews).reduce(0, +) == 2 * perSession)
        for card in cards.values {
            #expect(log.filter { $0.cardID == card.id }.count == card.schedule.reviews)
        }
    }

    @Test func sessionsCreatingTheDatabaseAtOnceBothSucceed() async throws {
        for _ in 0..<10 {
            let path = try freshPath()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<3 {
                    group.addTask { _ = try StudyDatabase(path: path, lockTimeout: 10) }
                }
                try await group.waitForAll()
            }
            #expect(try StudyDatabase(path: path).cards().isEmpty)
        }
    }

    @Test func corruptFileIsRefusedAndLeftAlone() throws {
        let path = try freshPath()
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try garbage.write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try StudyDatabase(path: path)
        } throws: { error in
            guard case StudyStoreError.corrupt = error else { return false }
            return true
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
    }

    @Test func damagedPagesAreReportedAsCorrupt() throws {
        let path = try freshPath()
        do {
            let db = try StudyDatabase(path: path)
            for i in 0..<200 { try answer(db, "card number \(i) with a longer front", .good, day: 0) }
        }
        // Overwrite everything after the header page with noise.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: 4096)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: Int(size) - 4096))
        try handle.close()
        #expect {
            _ = try StudyDatabase(path: path)
        } throws: { error in
            guard case StudyStoreError.corrupt = error else { return false }
            return true
        }
    }

    @Test func lockedDatabaseGivesALockError() throws {
        let path = try freshPath()
        _ = try StudyDatabase(path: path)
        let db = try StudyDatabase(path: path, lockTimeout: 0.2)
        // Another program holds the write lock.
        let holder = try DatabaseQueue(path: path)
        try holder.writeWithoutTransaction { other in
            try other.execute(sql: "BEGIN IMMEDIATE")
            #expect {
                try answer(db, "What is osmosis?", .good, day: 0)
            } throws: { error in
                guard case StudyStoreError.locked = error else { return false }
                return (error as? StudyStoreError)?.message.contains("locked") == true
            }
            try other.execute(sql: "ROLLBACK")
        }
        try answer(db, "What is osmosis?", .good, day: 0)  // works again once released
        #expect(try db.reviewLog().count == 1)
    }

    @Test func newerSchemaIsRefusedUntouched() throws {
        let path = try freshPath()
        _ = try StudyDatabase(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v9: from the future')") }
        try queue.close()
        #expect {
            _ = try StudyDatabase(path: path)
        } throws: { error in
            error as? StudyStoreError == .newerVersion(path: path, unknownMigrations: ["v9: from the future"])
        }
    }

    @Test func foreignSQLiteFileIsRefused() throws {
        let path = try freshPath()
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)") }
        try queue.close()
        #expect(throws: StudyStoreError.foreignDatabase(path: path)) { _ = try StudyDatabase(path: path) }
    }

    @Test func readOnlyFileIsRefusedForWritingButReadable() throws {
        let path = try freshPath()
        do {
            let db = try StudyDatabase(path: path)
            try answer(db, "What is osmosis?", .good, day: 0)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path) }
        #expect(throws: StudyStoreError.readOnly(path: path)) { _ = try StudyDatabase(path: path) }
        let reader = try StudyDatabase(path: path, create: false, readOnly: true)
        #expect(try reader.cards().count == 1)
    }
}
