import ArgumentParser
import Foundation
import Scheduling
import StudySession
import StudyStore

/// `conceptgraph progress`: learned / total, overall, per cluster and per concept; or the review log.
struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Show what is learned: overall, per cluster and per concept.",
        usage: "conceptgraph progress [PATH ...] [--db FILE] [--json] [--log] [options]",
        discussion: """
            A card is learned when its FSRS stability is at least 2 days; a concept, when all its cards \
            are. Concepts are listed in study order with their status: learned, learning (some card \
            seen), ready (may start) or locked (waits for a prerequisite).

            Examples:
              conceptgraph progress
              conceptgraph progress --json > progress.json
              conceptgraph progress --log > reviews.tsv        # every answer, for export or replay
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup var store: StudyStoreOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @Flag(help: "Print the review log (every answer) instead of the summary: TSV, or JSON with --json.")
    var log = false

    func run() throws {
        do {
            let context = try StudyContext(input: input, analysis: analysis, options: store, forWriting: false)
            if log {
                try printLog(context)
            } else {
                try printProgress(context)
            }
        } catch let failure as StudyFailure {
            throw failure.report()
        }
    }

    private func printProgress(_ context: StudyContext) throws {
        let report = ProgressReport(
            selector: context.selector, schedules: try context.schedules(), scheduler: context.scheduler,
            now: context.clock.now())
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        var lines: [String] = []
        lines.append(
            "Learned \(report.cards.learned) of \(report.cards.total) cards (\(Self.share(report.cards))), "
                + "\(report.concepts.learned) of \(report.concepts.total) concepts; \(report.seenCards) cards seen, "
                + "\(report.dueNow) due now.")
        if report.clusters.count > 1 {
            lines.append("By cluster:")
            let width = min(report.clusters.map(\.name.count).max() ?? 0, 40)
            for cluster in report.clusters {
                lines.append(
                    "  \(Self.pad(cluster.name, width))  \(cluster.concepts.learned)/\(cluster.concepts.total) concepts  "
                        + "\(cluster.cards.learned)/\(cluster.cards.total) cards")
            }
        }
        lines.append("By concept, in study order:")
        let width = min(report.conceptDetails.map(\.label.count).max() ?? 0, 40)
        for concept in report.conceptDetails {
            let recall = concept.retrievability.map { "  recall \(StudyScreen.percent($0))" } ?? ""
            lines.append(
                "  \(Self.pad(concept.status, 8))  \(Self.pad(concept.label, width))  "
                    + "\(concept.cards.learned)/\(concept.cards.total) cards\(recall)")
        }
        print(lines.joined(separator: "\n"))
    }

    private func printLog(_ context: StudyContext) throws {
        guard let database = context.database else {
            if json { print("[]") } else { print(Self.logHeader) }
            return
        }
        let records = try storeCall { try database.reviewLog() }
        let formatter = ISO8601DateFormatter()
        if json {
            struct Entry: Encodable {
                var reviewedAt, deck, front, grade, due, session: String
                var elapsedDays, intervalDays: Int
                var retrievability, stabilityAfter, difficultyAfter: Double
                var stabilityBefore, difficultyBefore: Double?
            }
            let entries = records.map {
                Entry(
                    reviewedAt: formatter.string(from: $0.reviewedAt), deck: $0.deck, front: $0.front,
                    grade: $0.grade.description, due: formatter.string(from: $0.due), session: $0.session,
                    elapsedDays: $0.elapsedDays, intervalDays: $0.intervalDays, retrievability: $0.retrievability,
                    stabilityAfter: $0.after.stability, difficultyAfter: $0.after.difficulty,
                    stabilityBefore: $0.before?.stability, difficultyBefore: $0.before?.difficulty)
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(entries), as: UTF8.self))
            return
        }
        var lines = [Self.logHeader]
        for r in records {
            let field = { (text: String) in
                text.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
            }
            lines.append(
                [
                    formatter.string(from: r.reviewedAt), field(r.deck), field(r.front), String(r.grade.rawValue),
                    String(r.elapsedDays), String(r.retrievability), r.before.map { String($0.stability) } ?? "",
                    r.before.map { String($0.difficulty) } ?? "", String(r.after.stability), String(r.after.difficulty),
                    String(r.intervalDays), formatter.string(from: r.due), r.session,
                ].joined(separator: "\t"))
        }
        print(lines.joined(separator: "\n"))
    }

    static let logHeader = [
        "reviewed_at", "deck", "front", "grade", "elapsed_days", "retrievability", "stability_before",
        "difficulty_before", "stability_after", "difficulty_after", "interval_days", "due", "session",
    ].joined(separator: "\t")

    static func share(_ count: ProgressReport.Count) -> String {
        count.total == 0 ? "0%" : "\(Int((Double(count.learned) * 100 / Double(count.total)).rounded()))%"
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
