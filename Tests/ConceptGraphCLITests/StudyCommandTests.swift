import Foundation
import GRDB
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `conceptgraph study` and `progress` run as a user (or a script) would: grades through a pipe,
/// keys through a pseudo-terminal, progress checked through `progress --log --json`.
@Suite struct StudyCommandTests {
    static let binary = CommandLineTests.binary
    static let now = "2026-01-05T09:00:00Z"

    /// Twenty unrelated cards: tests count answers, not which concepts extraction finds.
    static let deck = [
        ("What is an aardvark?", "A burrowing mammal of Africa."), ("What is basalt?", "A dark volcanic rock."),
        ("What is a cello?", "A large bowed string instrument."), ("What is a dinghy?", "A small open boat."),
        ("What is an emerald?", "A green gemstone."), ("What is a fjord?", "A narrow inlet between cliffs."),
        ("What is a geyser?", "A spring that erupts hot water."), ("What is a haiku?", "A three-line poem."),
        ("What is an igloo?", "A dome of snow blocks."), ("What is a jackal?", "A wild dog of Asia and Africa."),
        ("What is a kiln?", "An oven for firing pottery."), ("What is a lagoon?", "Shallow water behind a reef."),
        ("What is a mango?", "A sweet tropical fruit."), ("What is a nebula?", "A cloud of gas in space."),
        ("What is an oboe?", "A double-reed woodwind."), ("What is a parka?", "A hooded winter coat."),
        ("What is quartz?", "A hard crystalline mineral."), ("What is a rune?", "A letter of old alphabets."),
        ("What is a sitar?", "A long-necked lute of India."), ("What is a tundra?", "A treeless cold plain."),
    ].map { "\($0.0)\n\($0.1)\n" }.joined()

    static func makeFolder() throws -> URL {
        let folder = try TestPaths.temporaryDirectory()
        try CommandLineTests.write(deck, to: folder.appendingPathComponent("Decks/things.txt"))
        return folder
    }

    static func databasePath(_ folder: URL) -> String {
        folder.appendingPathComponent("Decks/.conceptgraph/study.sqlite").path
    }

    /// A running `conceptgraph` whose standard input the test writes and whose output it watches.
    final class Session: @unchecked Sendable {
        let process = Process()
        private let input = Pipe()
        private let lock = NSLock()
        private var out = Data()
        private var err = Data()

        init(_ arguments: [String], in folder: URL) throws {
            process.executableURL = try #require(StudyCommandTests.binary)
            process.arguments = arguments
            process.currentDirectoryURL = folder
            var environment = ProcessInfo.processInfo.environment
            environment["TZ"] = "UTC"
            process.environment = environment
            let output = Pipe()
            let errors = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = errors
            output.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let data = handle.availableData
                self?.lock.withLock { self?.out.append(data) }
            }
            errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let data = handle.availableData
                self?.lock.withLock { self?.err.append(data) }
            }
            try process.run()
        }

        var stdout: String { lock.withLock { String(decoding: out, as: UTF8.self) } }
        var stderr: String { lock.withLock { String(decoding: err, as: UTF8.self) } }
        /// Answers confirmed as saved so far.
        var saved: Int { stdout.components(separatedBy: "→ ").count - 1 }

        func send(_ text: String) { input.fileHandleForWriting.write(Data(text.utf8)) }
        func closeInput() { try? input.fileHandleForWriting.close() }

        /// Waits (up to 60 s) until `condition` holds.
        func wait(until condition: () -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(60)
            while !condition() {
                if Date() > deadline || !process.isRunning && !condition() { return condition() }
                usleep(20_000)
            }
            return true
        }

        func finish() -> Int32 {
            closeInput()
            process.waitUntilExit()
            usleep(50_000)  // let the readability handlers drain
            return process.terminationStatus
        }
    }

    /// Every answer in the database, through `progress --log --json`.
    static func loggedAnswers(_ folder: URL) throws -> [[String: Any]] {
        let run = try CommandLineTests.run(["progress", "--log", "--json"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        return try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
    }

    static func study(_ folder: URL, answers: String, now: String = now, extra: [String] = []) throws -> (
        status: Int32, stdout: String, stderr: String
    ) {
        let session = try Session(["study", "--answers", "-", "--now", now] + extra, in: folder)
        session.send(answers)
        let status = session.finish()
        return (status, session.stdout, session.stderr)
    }

    @Test(.enabled(if: binary != nil, "needs the built conceptgraph binary"))
    func scriptedSessionSavesEveryAnswerAndResumesAfterARestart() throws {
        let folder = try Self.makeFolder()
        let first = try Self.study(folder, answers: "3\n1\n4\nw\n2\n")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Q: What is an aardvark?"))
        #expect(first.stdout.contains("A: A burrowing mammal of Africa."))
        #expect(first.stdout.contains("Why now:"))
        #expect(first.stdout.contains("Studied 4 cards"))
        #expect(try Self.loggedAnswers(folder).count == 4)

        // A new process three days later: the cards answered are due again and come first.
        let later = try Self.study(folder, answers: "3\n3\n", now: "2026-01-08T09:00:00Z")
        #expect(later.status == 0, "\(later.stderr)")
        #expect(later.stdout.contains("[1] review"), "\(later.stdout)")
        let log = try Self.loggedAnswers(folder)
        #expect(log.count == 6)
        #expect(log.filter { ($0["stabilityBefore"] as? Double) != nil }.count >= 2, "reviews build on saved state")
    }

    @Test(.enabled(if: binary != nil, "needs the built conceptgraph binary"))
    func newCardsPerDayHoldAcrossSessions() throws {
        let folder = try Self.makeFolder()
        _ = try Self.study(folder, answers: "3\n3\n3\n", extra: ["--new", "4"])
        let second = try Self.study(folder, answers: "3\n3\n3\n", extra: ["--new", "4"])
        #expect(second.stdout.contains("Studied 1 card"), "\(second.stdout)")
        #expect(try Self.loggedAnswers(folder).count == 4)
    }

    @Test(.enabled(if: binary != nil, "needs the built conceptgraph binary"))
    func killedSessionKeepsEveryConfirmedAnswer() throws {
        let folder = try Self.makeFolder()
        let session = try Session(["study", "--answers", "-", "--now", Self.now], in: folder)
        for answered in 1...5 {
            session.send("3\n")
            #expect(session.wait { session.saved >= answered }, "answer \(answered): \(session.stderr)")
        }
        session.send("3\n")  // the card on screen when the kill comes
        kill(session.process.processIdentifier, SIGKILL)
        session.process.waitUntilExit()
        #expect(session.process.terminationReason == .uncaughtSignal)
        let confirmed = session.saved
        let logged = try Self.loggedAnswers(folder).count
        #expect(logged >= confirmed && logged <= 6, "confirmed \(confirmed), logged \(logged)")
        #expect(confirmed >= 5)
        // The database is intact and a new session goes on from it.
        let next = try Self.study(folder, answers: "3\n")
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try Self.loggedAnswers(folder).count == logged + 1)
    }

    @Test(.enabled(if: binary != nil, "needs the built conceptgraph binary"))
    func twoSessionsWritingAtOnceLoseNothing() throws {
        let folder = try Self.makeFolder()
        _ = try Self.study(folder, answers: "")  // create the database first
        let one = try Session(["study", "--answers", "-", "--now", Self.now], in: folder)
        let two = try Session(["study", "--answers", "-", "--now", Self.now], in: folder)
        for _ in 0..<8 {
            one.send("3\n")
            two.send("4\n")
        }
        #expect(one.finish() == 0, "\(one.stderr)")
        #expect(two.finish() == 0, "\(two.stderr)")
        #expect(one.saved == 8 && two.saved == 8)
        let log = try Self.loggedAnswers(folder)
        #expect(log.count == 16)
        #expect(Set(log.compactMap { $0["session"] as? String }).count == 2)
    }

    @Test(.enabled(if: binary != nil, "needs the built conceptgraph binary"))
    func corruptDatabaseIsReportedAndLeftUntouched() throws {
        let folder = try Self.makeFolder()
        let path = Self.databasePath(folder)
        try CommandLineTests.write(String(repeating: "not a database\n", count: 400), to: URL(fileURLWithPath: path))
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let run = try Self.study(folder, answers: "3\n")
        #expect(run.status == 2)
        #expect(run.stderr.contains("the study database is damaged"), "\(run.stderr)")
        #expect(!run.stdout.contains("Q:"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let progress = try CommandLineTests.run(["progress"], in: folder)
        #expect(progress.status == 2 && progress.stderr.contains("damaged"))
    }

    @Test(.enabled(if: binary != nil, "needs the built conceptgraph binary"))
    func lockedDatabaseIsReportedBeforeAnyCard() throws {
        let folder = try Self.makeFolder()
        _ = try Self.study(folder, answers: "3\n")
        let holder = try DatabaseQueue(path: Self.databasePath(folder))
        try holder.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            let run = try Self.study(folder, answers: "3\n", extra: ["--lock-timeout", "0.3"])
            #expect(run.status == 2)
            #expect(run.stderr.contains("locked by another program"), "\(run.stderr)")
            #expect(run.stderr.contains("--lock-timeout"))
            #expect(!run.stdout.contains("Q:"))
            try db.execute(sql: "ROLLBACK")
        }
        #expect(try Self.loggedAnswers(folder).count == 1)
    }

    @Test(.enabled(if: binary != nil, "needs the built conceptgraph binary"))
    func newerDatabaseIsRefused() throws {
        let folder = try Self.makeFolder()
        _ = try Self.study(folder, answers: "3\n")
        let queue = try DatabaseQueue(path: Self.databasePath(folder))
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v2: a later schema')") }
        try queue.close()
        let run = try Self.study(folder, answers: "3\n")
        #expect(run.status == 2)
        #expect(run.stderr.contains("written by a newer version of conceptgraph"), "\(run.stderr)")
        #expect(run.stderr.contains("update conceptgraph"))
    }

    @Test(.enabled(if: binary != nil, "needs the built conceptgraph binary"))
    func editedFrontIsReportedNotReset() throws {
        let folder = try Self.makeFolder()
        _ = try Self.study(folder, answers: "3\n")
        let edited = Self.deck.replacingOccurrences(of: "What is an aardvark?", with: "Describe the aardvark.")
        try CommandLineTests.write(edited, to: folder.appendingPathComponent("Decks/things.txt"))
        let run = try Self.study(folder, answers: "")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stderr.contains("front changed from \"What is an aardvark?\" to \"Describe the aardvark.\""),
            "\(run.stderr)")
        // A light edit (case, punctuation) keeps the card's identity: no warning.
        let light = Self.deck.replacingOccurrences(of: "What is an aardvark?", with: "what is an Aardvark")
        try CommandLineTests.write(light, to: folder.appendingPathComponent("Decks/things.txt"))
        let again = try Self.study(folder, answers: "")
        #expect(!again.stderr.contains("warning"), "\(again.stderr)")
        #expect(try Self.loggedAnswers(folder).count == 1)
    }

    @Test(.enabled(if: binary != nil, "needs the built conceptgraph binary"))
    func progressAndPlanReport() throws {
        let folder = try Self.makeFolder()
        _ = try Self.study(folder, answers: "3\n4\n")
        let progress = try CommandLineTests.run(["progress", "--json", "--now", Self.now], in: folder)
        #expect(progress.status == 0, "\(progress.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(progress.stdout.utf8)) as? [String: Any])
        let cards = try #require(json["cards"] as? [String: Int])
        #expect(cards["learned"] == 2 && cards["total"] == 20)
        let plan = try CommandLineTests.run(["study", "--plan", "--days", "3", "--now", Self.now], in: folder)
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("Due now: 0 reviews."), "\(plan.stdout)")
        #expect(plan.stdout.contains("2026-01-07: 1"), "\(plan.stdout)")
    }

    @Test(.enabled(if: binary != nil, "needs the built conceptgraph binary"))
    func unknownTargetAndBadAnswersAreUsageErrors() throws {
        let folder = try Self.makeFolder()
        let target = try Self.study(folder, answers: "", extra: ["--target", "no such thing"])
        #expect(target.status == 2 && target.stderr.contains("no concept 'no such thing'"))
        let bad = try Self.study(folder, answers: "3\nmaybe\n")
        #expect(bad.status == 2 && bad.stderr.contains("<stdin>:2: 'maybe' is not an answer"), "\(bad.stderr)")
        #expect(try Self.loggedAnswers(folder).count == 1)
    }

    @Test(.enabled(if: binary != nil, "needs the built conceptgraph binary"))
    func readOnlyDatabaseRefusesStudyButShowsProgress() throws {
        let folder = try Self.makeFolder()
        _ = try Self.study(folder, answers: "3\n")
        let path = Self.databasePath(folder)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path) }
        let run = try Self.study(folder, answers: "3\n")
        #expect(run.status == 2)
        #expect(run.stderr.contains("the study database is read-only"), "\(run.stderr)")
        let progress = try CommandLineTests.run(["progress"], in: folder)
        #expect(progress.status == 0, "\(progress.stderr)")
        #expect(progress.stdout.contains("Learned 1 of 20 cards"), "\(progress.stdout)")
    }
}
