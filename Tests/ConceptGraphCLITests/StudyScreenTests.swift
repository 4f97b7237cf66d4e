import Testing

@testable import ConceptGraphCLI

/// The interactive study screen wraps long fronts and answers at the terminal's width by words
/// (the terminal itself would cut words in two).
@Suite struct StudyScreenTests {
    @Test func wrapsAtSpacesWithAHangingIndent() {
        let text = "A: Retaining customers is particularly important because repeat customers are the largest"
        let wrapped = StudyScreen.wrap(text, width: 30, indent: "   ")
        let lines = wrapped.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.count <= 30 })
        #expect(lines.first == "A: Retaining customers is")
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("   ") && !$0.hasPrefix("    ") })
        // No word lost or cut.
        #expect(wrapped.split(whereSeparator: { $0 == " " || $0 == "\n" }) == text.split(separator: " "))
    }

    @Test func keepsLineBreaksAndCutsOnlyWordsLongerThanALine() {
        #expect(StudyScreen.wrap("short\n   second line", width: 80) == "short\n   second line")
        let long = String(repeating: "x", count: 25)
        let wrapped = StudyScreen.wrap("Q: \(long)", width: 12, indent: "   ")
        #expect(wrapped.split(separator: "\n").allSatisfy { $0.count <= 13 })
        #expect(wrapped.filter { $0 == "x" }.count == 25)
    }
}
