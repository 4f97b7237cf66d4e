import Foundation
import Scheduling
import TestSupport
import Testing

@testable import ConceptGraphCLI

/// Grades read from a file or a pipe (`study --answers`).
@Suite struct ScriptedAnswersTests {
    /// A large answers file arrives in big chunks: every line is read once, in order, comments and
    /// blank lines skipped, the last line read without its newline.
    @Test func readsEveryLineOfALargeFileInOrder() throws {
        let folder = try TestPaths.temporaryDirectory()
        let file = folder.appendingPathComponent("answers.txt")
        var text = ""
        var expected: [LearnerAction] = []
        for index in 0..<60_000 {
            switch index % 6 {
            case 0: text += "# comment \(index)\n"
            case 1: text += "\n"
            case 2:
                text += " w \n"
                expected.append(.why)
            default:
                let grade = Grade(rawValue: 1 + index % 4)!
                text += "\(grade.rawValue)\n"
                expected.append(.grade(grade))
            }
        }
        text += "4"  // no final newline
        expected.append(.grade(.easy))
        try text.write(to: file, atomically: true, encoding: .utf8)
        var answers = ScriptedAnswers(name: file.path, handle: try FileHandle(forReadingFrom: file))
        var read: [LearnerAction] = []
        while let action = try answers.next() { read.append(action) }
        #expect(read.count == expected.count)
        #expect(read == expected)
        #expect(answers.lineNumber == 60_001)
    }

    @Test func namesTheLineOfAWrongAnswer() throws {
        let pipe = Pipe()
        pipe.fileHandleForWriting.write(Data("3\n# fine\nmaybe\n".utf8))
        try pipe.fileHandleForWriting.close()
        var answers = ScriptedAnswers(name: "<stdin>", handle: pipe.fileHandleForReading)
        #expect(try answers.next() == .grade(.good))
        #expect(throws: StudyFailure.self) { try answers.next() }
        #expect(answers.lineNumber == 3)
    }
}
