import ArgumentParser
import ConceptAnalysis
import Foundation
import Scheduling
import StudySession
import StudyStore

/// `conceptgraph study`: spaced repetition in prerequisite order.
struct StudyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "study",
        abstract: "Study the cards in prerequisite order with spaced repetition (FSRS-6).",
        usage: "conceptgraph study [PATH ...] [--db FILE] [--new N] [--plan] [options]",
        discussion: """
            Due reviews come first, then new cards in study order. A new card comes only once every \
            concept it requires is learned (each of its cards has an FSRS stability of at least 2 days: \
            90% recall two days later). Keys: space shows the answer; 1 again, 2 hard, 3 good, 4 easy; \
            w why this card now; q quit. Every answer is saved before the next card shows.

            Examples:
              conceptgraph study                          # Decks/, progress in Decks/.conceptgraph/
              conceptgraph study bio.tsv --target osmosis --new 10
              conceptgraph study --plan --days 14
              printf '3\\n1\\n4\\n' | conceptgraph study --answers -

            Exit status: 0 done, 2 bad input or an unusable progress database.
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup var store: StudyStoreOptions

    @Option(name: .customLong("new"), help: "New cards allowed per day (all sessions of the day together).")
    var newPerDay: Int = 20

    @Option(help: "Read grades from a file, or '-' for standard input, instead of the keyboard.")
    var answers: String?

    @Flag(help: "Print what is due and what unlocks next, without studying.")
    var plan = false

    @Option(help: "Days ahead shown by --plan.")
    var days: Int = 7

    func validate() throws {
        guard newPerDay >= 0 else { throw ValidationError("--new must be 0 or more, got \(newPerDay)") }
        guard days >= 1 && days <= 3650 else { throw ValidationError("--days must be 1–3650, got \(days)") }
    }

    func run() throws {
        do {
            let context = try StudyContext(input: input, analysis: analysis, options: store, forWriting: !plan)
            if plan {
                try printPlan(context)
            } else {
                try context.reportUnmatchedCards()
                try runSession(context)
            }
        } catch let failure as StudyFailure {
            throw failure.report()
        }
    }

    // MARK: Session

    private func runSession(_ context: StudyContext) throws {
        guard let database = context.database else { return }
        try storeCall { try database.checkWriteAccess() }
        var learnerInput: any LearnerInput
        var terminal: TerminalKeys?
        if let answers {
            if answers == "-" {
                learnerInput = ScriptedAnswers(name: "<stdin>", handle: .standardInput)
            } else {
                guard let handle = FileHandle(forReadingAtPath: answers) else {
                    throw StudyFailure.usage("cannot read \(answers)", hint: "give a file of grades, or '-'")
                }
                learnerInput = ScriptedAnswers(name: answers, handle: handle)
            }
        } else {
            let keys = try TerminalKeys()
            terminal = keys
            learnerInput = keys
        }
        defer { terminal?.restore() }
        let screen = StudyScreen(context: context, interactive: terminal != nil)
        let session = UUID().uuidString
        var queue = SessionQueue()
        var tally = SessionTally()
        var lastLine: String?

        session: while true {
            let now = context.clock.now()
            let schedules = try context.schedules()
            let allowance = try context.newAllowance(perDay: newPerDay, now: now)
            guard
                let selection = queue.next(
                    selector: context.selector, schedules: schedules, now: now, newAllowance: allowance)
            else { break }
            screen.showFront(
                selection, schedules: schedules, now: now, newLeft: allowance, shown: tally.total + 1,
                previous: lastLine)
            var revealed = false
            while true {
                guard let action = try learnerInput.next() else { break session }
                switch action {
                case .quit:
                    tally.quit = true
                    break session
                case .why:
                    screen.showWhy(selection, schedules: schedules, now: now)
                case .reveal:
                    guard !revealed else { continue }
                    revealed = true
                    screen.showBack(selection)
                case .grade(let grade):
                    if !revealed {
                        // At the keyboard the answer must be seen first; a script grades directly.
                        guard terminal == nil else { continue }
                        screen.showBack(selection)
                    }
                    let card = context.analyzed.graph.cards[selection.card]
                    let outcome = try storeCall {
                        try database.recordAnswer(
                            grade, for: context.keys[selection.card], front: card.front, back: card.back,
                            at: context.clock.now(), scheduler: context.scheduler, session: session)
                    }
                    queue.answered(card: selection.card, grade: grade)
                    tally.count(selection.reason, grade: grade)
                    lastLine = screen.confirmation(grade: grade, outcome: outcome)
                    if terminal == nil { screen.write(lastLine! + "\n") }
                    continue session
                }
            }
        }
        screen.finish(tally: tally, context: context, newPerDay: newPerDay, interactive: terminal != nil)
    }

    // MARK: Plan

    private func printPlan(_ context: StudyContext) throws {
        let now = context.clock.now()
        let schedules = try context.schedules()
        let allowance = try context.newAllowance(perDay: newPerDay, now: now)
        let plan = StudyPlan(
            selector: context.selector, schedules: schedules, now: now, days: days, newAllowance: allowance,
            calendar: context.calendar)
        let graph = context.analyzed.graph
        let label = { (concept: Int) in graph.concepts[concept].label }
        var lines: [String] = []
        lines.append("Due now: \(plan.dueNow) review\(plan.dueNow == 1 ? "" : "s").")
        let perDay = plan.duePerDay.filter { $0.count > 0 }.map {
            "\(Self.isoDay($0.day, calendar: context.calendar)): \($0.count)"
        }
        lines.append(
            "Due in the next \(days) day\(days == 1 ? "" : "s"): "
                + (perDay.isEmpty ? "none" : perDay.joined(separator: ", ")) + ".")
        let today = min(plan.newAllowance, plan.readyNewCards.count)
        lines.append(
            "New cards: \(plan.readyNewCards.count) ready, \(today) of them today (\(plan.newAllowance) of --new "
                + "\(newPerDay) left).")
        var seen = Set<Int>()
        var next: [String] = []
        for card in plan.readyNewCards {
            let concept = context.selector.conceptOfCard[card]
            if concept >= 0 && seen.insert(concept).inserted { next.append(label(concept)) }
            if next.count >= 8 { break }
        }
        if !next.isEmpty { lines.append("  next concepts: " + next.joined(separator: ", ")) }
        let lockedCards = plan.locked.reduce(0) { $0 + context.selector.cardsOfConcept[$1.concept].count }
        lines.append(
            "Locked until their prerequisites are learned: \(plan.locked.count) concept\(plan.locked.count == 1 ? "" : "s"), "
                + "\(lockedCards) card\(lockedCards == 1 ? "" : "s").")
        for (concept, waiting) in plan.locked.prefix(10) {
            lines.append("  \(label(concept)) waits for: " + waiting.map(label).joined(separator: ", "))
        }
        if plan.locked.count > 10 { lines.append("  … and \(plan.locked.count - 10) more") }
        print(lines.joined(separator: "\n"))
    }

    static func isoDay(_ date: Date, calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}

/// Counts of one session, for the closing line.
struct SessionTally {
    var new = 0
    var reviews = 0
    var again = 0
    var quit = false
    var total: Int { new + reviews }

    mutating func count(_ reason: SelectionReason, grade: Grade) {
        if reason == .new { new += 1 } else { reviews += 1 }
        if grade == .again { again += 1 }
    }
}
