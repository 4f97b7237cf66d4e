// fsrs-replay: replays review histories through the Swift FSRS-6 scheduler and prints the memory
// state after every answer as JSON, for the reference check (.ci/checks/40-fsrs-reference.sh).
//
// Input (stdin): {"histories": [[{"grade": 1…4, "at": seconds since 1970}, …], …],
//                 "curveDays": [days, …]}
// Output (stdout): {"histories": [[{"stability", "difficulty", "interval", "retrievability"}, …], …],
//                   "curves": [[R at each of curveDays for the history's final stability], …]}
import Foundation
import Scheduling

struct Answer: Decodable {
    var grade: Int
    var at: Double
}

struct Input: Decodable {
    var histories: [[Answer]]
    var curveDays: [Double]
}

struct Step: Encodable {
    var stability: Double
    var difficulty: Double
    var interval: Int
    var retrievability: Double
}

struct Output: Encodable {
    var histories: [[Step]]
    var curves: [[Double]]
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("fsrs-replay: \(message)\n".utf8))
    exit(2)
}

let data = FileHandle.standardInput.readDataToEndOfFile()
let input: Input
do {
    input = try JSONDecoder().decode(Input.self, from: data)
} catch {
    fail("cannot read the histories: \(error)")
}
let scheduler = Scheduler()
var output = Output(histories: [], curves: [])
for history in input.histories {
    var schedule = CardSchedule.new
    var steps: [Step] = []
    for answer in history {
        guard let grade = Grade(rawValue: answer.grade) else { fail("grade \(answer.grade) is not 1–4") }
        let outcome = scheduler.review(schedule, grade: grade, at: Date(timeIntervalSince1970: answer.at))
        schedule = outcome.after
        steps.append(
            Step(
                stability: outcome.after.memory!.stability, difficulty: outcome.after.memory!.difficulty,
                interval: outcome.intervalDays, retrievability: outcome.retrievability))
    }
    output.histories.append(steps)
    let stability = schedule.memory?.stability ?? 1
    output.curves.append(input.curveDays.map { scheduler.retrievability(stability: stability, elapsedDays: $0) })
}
let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys]
FileHandle.standardOutput.write(try encoder.encode(output))
FileHandle.standardOutput.write(Data("\n".utf8))
