import Foundation
import TestSupport
import Testing

@testable import Stemming

/// Every pair of the Snowball reference output in `../shared/stemmer/english-porter2.tsv`
/// (lines `word<TAB>stem`, `#` comments) must match.
@Test(
    "Porter2 matches the Snowball reference table",
    .enabled(if: TestPaths.shared("stemmer/english-porter2.tsv") != nil)
)
func matchesReferenceTable() throws {
    let url = try #require(TestPaths.shared("stemmer/english-porter2.tsv"))
    let text = try String(contentsOf: url, encoding: .utf8)
    var pairs = 0
    var mismatches: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
        if line.hasPrefix("#") { continue }
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count == 2 else { continue }
        pairs += 1
        let word = String(fields[0])
        let expected = String(fields[1])
        let actual = Porter2.stem(word)
        if actual != expected { mismatches.append("\(word): expected \(expected), got \(actual)") }
    }
    #expect(pairs > 0, "no pairs read from \(url.path)")
    #expect(
        mismatches.isEmpty,
        "\(mismatches.count) of \(pairs) pairs differ; first 20:\n\(mismatches.prefix(20).joined(separator: "\n"))"
    )
    print("Porter2 reference table: \(pairs - mismatches.count) of \(pairs) pairs match")
}
