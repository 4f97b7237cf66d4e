import ConceptAnalysis
import ConceptExtraction
import Foundation
import GraphExport
import Scheduling
import StudySession

/// What a study session shows: one card at a time (the screen cleared at a terminal), or a plain
/// transcript when grades come from a script.
struct StudyScreen {
    let context: StudyContext
    let interactive: Bool

    private var graph: ConceptGraph { context.analyzed.graph }

    /// Writes to stdout. A failed write (a closed pipe) is ignored: every answer is already saved, and
    /// a script that stopped reading still gets its grades recorded.
    func write(_ text: String) {
        try? StandardOutput.write(text)
    }

    private func bold(_ text: String) -> String { interactive ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    private func dim(_ text: String) -> String { interactive ? "\u{1B}[2m\(text)\u{1B}[0m" : text }

    private func concepts(of card: Int) -> String {
        let concept = context.selector.conceptOfCard[card]
        return concept < 0 ? "no concept" : graph.concepts[concept].label
    }

    private func reasonText(_ selection: Selection) -> String {
        switch selection.reason {
        case .due: "review"
        case .new: "new card"
        case .retry: "again, from earlier in this session"
        }
    }

    func showFront(
        _ selection: Selection, schedules: [CardSchedule], now: Date, newLeft: Int, shown: Int, previous: String?
    ) {
        let card = graph.cards[selection.card]
        var text = ""
        if interactive {
            let due = (0..<schedules.count).filter { context.selector.cardInScope[$0] && schedules[$0].isDue(at: now) }
            text += "\u{1B}[2J\u{1B}[H"
            text += dim("conceptgraph study · \(due.count) due · \(newLeft) new left today") + "\n"
            if let previous { text += dim(previous) + "\n" }
            text += "\n"
        }
        text += "[\(shown)] \(reasonText(selection)) · concept: \(concepts(of: selection.card)) · \(card.location)\n"
        text += "Q: " + bold(card.front) + "\n"
        if interactive { text += dim("[space] show answer   [w] why now   [q] quit") + "\n" }
        write(text)
    }

    func showBack(_ selection: Selection) {
        let back = graph.cards[selection.card].back.split(separator: "\n", omittingEmptySubsequences: false)
        var text = "A: " + back.joined(separator: "\n   ") + "\n"
        if interactive {
            text += "\n" + bold("[1] again   [2] hard   [3] good   [4] easy") + dim("   [w] why now   [q] quit") + "\n"
        }
        write(text)
    }

    /// Why this card comes now: for a review, when it fell due and its recall probability; for a new
    /// card, the prerequisites it waited for (and the cycle it is learned with).
    func showWhy(_ selection: Selection, schedules: [CardSchedule], now: Date) {
        var lines: [String] = []
        let schedule = schedules[selection.card]
        switch selection.reason {
        case .due, .retry:
            if let due = schedule.due, let memory = schedule.memory {
                let recall = context.scheduler.retrievability(of: schedule, at: now)
                lines.append(
                    "Why now: due since \(StudyCommand.isoDay(due, calendar: context.calendar)); recall probability "
                        + "now \(Self.percent(recall)) (stability \(Self.days(memory.stability)), "
                        + "\(schedule.reviews) answers).")
            }
            if selection.reason == .retry { lines.append("Why now: forgotten earlier in this session.") }
        case .new:
            let (prerequisites, cycle) = context.selector.waitedFor(card: selection.card, schedules: schedules)
            if prerequisites.isEmpty {
                lines.append("Why now: next in study order; its concept requires nothing else.")
            } else {
                lines.append("Why now: next in study order; every concept it builds on is learned:")
                for (concept, learned) in prerequisites {
                    lines.append(
                        "  \(learned ? "✓" : "·") \(graph.concepts[concept].label)\(stabilityNote(concept, schedules))")
                }
            }
            if !cycle.isEmpty {
                lines.append(
                    "  learned together with (they require each other): "
                        + cycle.map { graph.concepts[$0].label }.joined(separator: ", "))
            }
        }
        write(lines.joined(separator: "\n") + "\n")
    }

    private func stabilityNote(_ concept: Int, _ schedules: [CardSchedule]) -> String {
        let stabilities = context.selector.cardsOfConcept[concept].compactMap { schedules[$0].memory?.stability }
        guard let weakest = stabilities.min() else { return " (no cards of its own)" }
        return " (weakest card stable for \(Self.days(weakest)))"
    }

    func confirmation(grade: Grade, outcome: Scheduler.Outcome) -> String {
        let days = outcome.intervalDays
        let due = outcome.after.due.map { StudyCommand.isoDay($0, calendar: context.calendar) } ?? "?"
        return "→ \(grade) (\(grade.rawValue)): next review in \(days) day\(days == 1 ? "" : "s"), \(due)"
    }

    func finish(tally: SessionTally, context: StudyContext, newPerDay: Int, interactive: Bool) {
        var lines: [String] = []
        if interactive { lines.append("") }
        if tally.total == 0 {
            lines.append("Nothing to study now.")
        } else {
            lines.append(
                "Studied \(tally.total) card\(tally.total == 1 ? "" : "s") (\(tally.new) new, \(tally.reviews) reviews, "
                    + "\(tally.again) forgotten)\(tally.quit ? ", stopped early" : "").")
        }
        if let schedules = try? context.schedules() {
            let now = context.clock.now()
            let upcoming = schedules.enumerated().filter { context.selector.cardInScope[$0.offset] }
                .compactMap(\.element.due).filter { $0 > now }.min()
            if let upcoming {
                lines.append("Next review due \(StudyCommand.isoDay(upcoming, calendar: context.calendar)).")
            }
            let gate = context.selector.gate(schedules)
            let locked = context.selector.newCardOrder.filter {
                schedules[$0].isNew && !context.selector.isOpen(card: $0, in: gate)
            }.count
            if locked > 0 {
                lines.append("\(locked) new card\(locked == 1 ? "" : "s") wait for their prerequisites to be learned.")
            }
        }
        lines.append("Progress saved in \(context.databasePath).")
        write(lines.joined(separator: "\n") + "\n")
    }

    static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }

    static func days(_ value: Double) -> String {
        value < 1 ? String(format: "%.1f days", value) : String(format: "%.0f day%@", value, value < 1.5 ? "" : "s")
    }
}
