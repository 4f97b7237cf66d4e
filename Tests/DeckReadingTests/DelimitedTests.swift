import Foundation
import Testing

@testable import DeckReading

@Suite struct DelimitedTests {
    @Test func tsvWithHeaderRowAndExtraColumns() {
        let r = read(
            "front\tback\tdifficulty\nStamen\tfilament + anther\t2\nPistil\tovary + style + stigma\t1\n", name: "b.tsv")
        #expect(r.errors.isEmpty)
        #expect(r.decks.first?.format == .tsv)
        #expect(r.cards.map(\.front) == ["Stamen", "Pistil"])
        #expect(r.cards.map(\.back) == ["filament + anther", "ovary + style + stigma"])
        #expect(r.cards.map(\.location.line) == [2, 3])
    }

    @Test func headerNamingColumnsWins() {
        let r = read("id\tdefinition\tterm\n1\ta unit of life\tcell\n2\tgroup of cells\ttissue\n", name: "x.tsv")
        #expect(r.cards.map(\.front) == ["cell", "tissue"])
        #expect(r.cards.map(\.back) == ["a unit of life", "group of cells"])
    }

    @Test(arguments: ["*", "|", ";;", ";"])
    func customSeparatorIsSniffed(_ sep: String) {
        let text = ["PC", "program counter", "MAR", "memory address register", "ALU", "arithmetic, logic unit"]
        let deck = stride(from: 0, to: text.count, by: 2).map { text[$0] + sep + text[$0 + 1] }.joined(
            separator: "\r\n")
        let r = read(deck, name: "f.txt")
        #expect(r.decks.first?.format == .separated)
        #expect(r.cards.map(\.front) == ["PC", "MAR", "ALU"])
        #expect(r.cards.last?.back == "arithmetic, logic unit")
    }

    @Test func lineWithoutSeparatorIsAWarning() {
        let r = read("A*one\nB*two\nCthree\nD*four\n", name: "f.txt")
        #expect(r.errors.isEmpty)
        #expect(r.cards.count == 3)
        #expect(r.warnings.map(\.kind) == [.missingSeparator])
        #expect(r.warnings.first?.location == SourceLocation(file: "f.txt", line: 3))
        #expect(r.warnings.first?.description.hasPrefix("f.txt:3: warning: line has no '*' separator") == true)
    }

    @Test func tabCardsSeparatedByBlankLines() {
        let r = read("Q one?\tA one\n\nQ two?\tA two\n\n\nQ three?\tA three", name: "m.txt")
        #expect(r.cards.map(\.location.line) == [1, 3, 6])
        #expect(r.decks.first?.format == .tsv)
    }

    @Test func quotesAreLiteralInTSV() {
        let r = read("\"Cracked\" Engineer\tvery good\nSAFE\tsimple agreement\n", name: "v.tsv")
        #expect(r.cards.first?.front == "\"Cracked\" Engineer")
    }

    @Test func csvQuotedFieldsDoubledQuotesNewlinesAndTrailingEmptyCell() {
        let csv =
            "\"front\",\"back\",\"tags\"\r\n\"a, b\",\"say \"\"hi\"\"\",\r\n\"multi\",\"line one\nline two\",x\r\nplain,back,\n"
        let r = read(csv, name: "c.csv")
        #expect(r.errors.isEmpty)
        #expect(r.cards.map(\.front) == ["a, b", "multi", "plain"])
        #expect(r.cards[0].back == "say \"hi\"")
        #expect(r.cards[1].back == "line one\nline two")
        #expect(r.cards[1].tags == ["x"])
        #expect(r.cards.map(\.location.line) == [2, 3, 5])
    }

    @Test(arguments: [";", "\t"])
    func csvFileUsingAnotherSeparator(_ sep: String) {
        let r = read("q1\(sep)\"a; 1\"\nq2\(sep)a2\nq3\(sep)a3\n", name: "c.csv")
        #expect(r.cards.map(\.front) == ["q1", "q2", "q3"])
        #expect(r.cards[0].back == "a; 1")
    }

    @Test func multiColumnCSVWithLowercaseHeader() {
        let r = read("country,capital,capital:de\nEngland,London,London\nFrance,Paris,Paris\n", name: "capital.csv")
        #expect(r.cards.map(\.front) == ["England", "France"])
        #expect(r.cards.map(\.back) == ["London", "Paris"])
    }

    /// Scale check for correctness only (speed is measured by the benchmarks, never by tests).
    @Test func readsAHundredThousandCards() {
        var text = ""
        for i in 0..<100_000 { text += "term \(i)\tdefinition number \(i) of the deck\n" }
        let r = read(text, name: "big.tsv")
        #expect(r.cards.count == 100_000)
        #expect(r.cards.last?.front == "term 99999")
        #expect(r.cards.last?.location.line == 100_000)
    }
}

@Suite struct AnkiTests {
    @Test func headersSeparatorDeckTagsColumn() {
        let text = """
            #separator: comma
            #html:false
            #tags: course unit-1
            #tags column: 3
            #deck: "My Course"
            "What is <b>?","bold tag","t1 t2"
            "Q2","A2",
            """
        let r = read(text, name: "notes.csv")
        #expect(r.errors.isEmpty)
        #expect(r.decks.first?.name == "My Course")
        #expect(r.decks.first?.format == .anki)
        #expect(r.cards.map(\.front) == ["What is <b>?", "Q2"])
        #expect(r.cards[0].tags == ["course", "unit-1", "t1", "t2"])
        #expect(r.cards.allSatisfy { $0.deck == "My Course" })
        #expect(r.cards.map(\.location.line) == [6, 7])
    }

    @Test(arguments: [("Tab", "\t"), ("Pipe", "|"), ("Semicolon", ";"), ("Space", " "), ("#", "#")])
    func separatorNames(_ name: String, _ sep: String) {
        let r = read("#separator:\(name)\ncell\(sep)unit\n", name: "a.txt")
        #expect(r.cards.map(\.front) == ["cell"])
        #expect(r.cards.map(\.back) == ["unit"])
    }

    @Test func guidAndTagsColumnsDetectedWithoutHeaders() {
        let text = """
            #separator:Pipe
            47001b56-023b-4a40-a7d9-03d4b2548b72|Front one<br>line two|- a<br>- b|tag-one misc
            5a726634-1bdd-41af-8b0a-26e360ca04f8|Front two|answer &amp; more|tag-two
            """
        let r = read(text, name: "p.txt")
        #expect(r.cards.map(\.front) == ["Front one\nline two", "Front two"])
        #expect(r.cards.map(\.back) == ["- a\n- b", "answer & more"])
        #expect(r.cards.map(\.tags) == [["tag-one", "misc"], ["tag-two"]])
    }

    @Test func declaredColumnsAndDeckColumn() {
        let text =
            "#separator:tab\n#guid column:1\n#deck column:2\n#columns:guid\tdeck\tFront\tBack\nabc\tBio\tcell\tunit\n"
        let r = read(text, name: "x.txt")
        #expect(r.cards.first?.front == "cell")
        #expect(r.cards.first?.deck == "Bio")
    }

    @Test func headerRunningIntoFirstRecordIsRecoveredWithAWarning() {
        let r = read("#separator:Pipe# First<br>front|its back|tags\nSecond|back two|t\n", name: "a.csv")
        #expect(r.errors.isEmpty)
        #expect(r.warnings.map(\.kind) == [.malformedHeader])
        #expect(r.cards.map(\.front) == ["# First\nfront", "Second"])
        #expect(r.cards.map(\.location.line) == [1, 2])
    }

    @Test func emptyFrontDroppedEmptyBackKept() {
        let r = read("#separator:Pipe\n<img src=\"a.png\">|back\nfront|<img src=\"b.png\">\n", name: "a.txt")
        #expect(r.cards.map(\.front) == ["front"])
        #expect(r.cards.first?.back == "")
        #expect(r.warnings.map(\.kind) == [.emptyFront])
        #expect(r.warnings.first?.location.line == 2)
    }
}

@Suite struct FieldTextTests {
    @Test func htmlToText() {
        #expect(FieldText.clean("a<br>b<div>c</div>", html: nil) == "a\nb\nc")
        #expect(FieldText.clean("<ul><li>one</li><li>two</li></ul>", html: nil) == "- one\n- two")
        #expect(FieldText.clean("x &amp; y&nbsp;&nbsp;z &lt;tag&gt;", html: nil) == "x & y z <tag>")
        #expect(FieldText.clean("keep <!-- hidden --> this<img src=\"a.png\"/>", html: nil) == "keep this")
        #expect(FieldText.clean("<p>para  one</p><p>two\nlines</p>", html: nil) == "para one\ntwo lines")
        // Table cells are separated, rows are lines (a CrowdAnki table of names was read as one word).
        #expect(
            FieldText.clean(
                "<table><tr><th>Common Name</th> <th>Genus</th></tr><tr><td>Man</td><td><em>Homo</em></td></tr></table>",
                html: nil) == "Common Name; Genus\nMan; Homo")
        #expect(FieldText.clean("broken <b>bold", html: nil) == "broken bold")
    }

    @Test func fastPathLeavesPlainTextAlone() {
        #expect(FieldText.clean("a < b and R&D", html: nil) == "a < b and R&D")
        #expect(!FieldText.mayHoldHTML("x < y & z", strict: true))
        #expect(FieldText.mayHoldHTML("x &amp; y", strict: true))
    }

    @Test func spacesFoldScalarByScalar() {
        // A prepended mark (U+0603) makes one character with the space after it: still one space.
        #expect(FieldText.clean("a\u{0603}  b", html: false) == "a\u{0603} b")
        #expect(FieldText.clean("x\u{0301}  \t y\r\n\r\n  z ", html: false) == "x\u{0301} y\nz")
        // The fuzzer's find (fieldtext): NULs, prepended marks and spaces in a run.
        let found = FieldText.clean("p\u{0603}\u{0}\u{0} \u{0603}  q\n\n \u{0603}", html: false)
        #expect(!found.unicodeScalars.elementsEqual("".unicodeScalars))
        #expect(!found.contains("  ") && !found.unicodeScalars.contains("\t"))
        #expect(!found.split(separator: "\n", omittingEmptySubsequences: false).contains { $0.isEmpty })
    }

    @Test func htmlFalseKeepsMarkup() {
        #expect(FieldText.clean("<b>x</b>", html: false) == "<b>x</b>")
    }

    @Test func cloze() {
        #expect(FieldText.clean("{{c1::Paris::capital}} is in {{c2::France}}", html: nil) == "Paris is in France")
        #expect(FieldText.clean("{{c1:: broken", html: nil) == "{{c1:: broken")
    }

    @Test func parsesInParallel() async {
        await withTaskGroup(of: Bool.self) { group in
            for i in 0..<64 {
                group.addTask { FieldText.clean("<b>n\(i)</b> &amp;", html: nil) == "n\(i) &" }
            }
            for await ok in group { #expect(ok) }
        }
    }
}
