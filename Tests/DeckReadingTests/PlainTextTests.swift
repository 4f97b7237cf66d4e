import Foundation
import TestSupport
import Testing

@testable import DeckReading

@Suite struct PlainTextTests {
    @Test func questionFrontsWithMultiLineBulletAnswers() {
        let deck = """
            Biology Unit 3 Flashcards
            What does the mitochondrion do?
            - makes ATP
            - has its own DNA
            What are the parts of a neuron?
            1) dendrites
            2) axon
            3) soma
            """
        let result = read(deck, name: "bio.txt")
        #expect(result.errors.isEmpty)
        let cards = result.cards
        #expect(cards.map(\.front) == ["What does the mitochondrion do?", "What are the parts of a neuron?"])
        #expect(cards[0].back == "- makes ATP\n- has its own DNA")
        #expect(cards[1].back == "1) dendrites\n2) axon\n3) soma")
        #expect(cards[0].location == SourceLocation(file: "bio.txt", line: 2))
        #expect(cards.allSatisfy { $0.deck == "bio" })
    }

    @Test func shortPhraseFrontsAndContinuationLines() {
        let deck = """
            osmosis
            movement of water across a semipermeable membrane
            from low to high solute concentration
            diffusion
            net movement of particles from high to low concentration
            active transport
            movement against a gradient using energy from ATP
            """
        let cards = read(deck).cards
        #expect(cards.map(\.front) == ["osmosis", "diffusion", "active transport"])
        #expect(cards[0].back.split(separator: "\n").count == 2)
    }

    @Test func stackedFrontsTakeTheirAnswersInOrder() {
        let deck = """
            what is a cell
            the smallest unit of life
            small animal cell + ex
            large animal cell + ex
            red blood cell (very small)
            egg cell (quite large)
            what is a tissue
            a group of similar cells working together
            """
        let cards = read(deck).cards
        #expect(
            cards.map(\.front) == [
                "what is a cell", "small animal cell + ex", "large animal cell + ex", "what is a tissue",
            ])
        #expect(cards[1].back == "red blood cell (very small)")
        #expect(cards[2].back == "egg cell (quite large)")
    }

    @Test func longSentenceAnswerAfterShortAnswer() {
        let deck = """
            Photosynthesis
            light to sugar
            Plants turn light energy, water and carbon dioxide into glucose and oxygen inside their chloroplasts.
            What is chlorophyll?
            The green pigment that absorbs light.
            """
        let cards = read(deck).cards
        #expect(cards.map(\.front) == ["Photosynthesis", "What is chlorophyll?"])
        #expect(cards[0].back.hasPrefix("light to sugar\nPlants"))
    }

    @Test func blankLinesSeparateCards() {
        let deck =
            "Term one\nits meaning, which is long enough to be an answer\n\nTerm two\nanother meaning that reads like an answer\n"
        let cards = read(deck).cards
        #expect(cards.map(\.front) == ["Term one", "Term two"])
        #expect(cards[1].location.line == 4)
    }

    @Test func bulletDetection() {
        #expect(PlainTextReader.isBullet("- x"))
        #expect(PlainTextReader.isBullet("-x"))
        #expect(PlainTextReader.isBullet("• x"))
        #expect(PlainTextReader.isBullet("1) x"))
        #expect(PlainTextReader.isBullet("2, x"))
        #expect(PlainTextReader.isBullet("3.c x"))
        #expect(!PlainTextReader.isBullet("2 elements of x"))
        #expect(!PlainTextReader.isBullet("3.5 litres"))
    }

    /// The sample decks' fronts against the hand-written gold list (recall ≥ 0.97, precision ≥ 0.95 each).
    @Test(.enabled(if: TestPaths.shared("gold/seeds.json") != nil, "needs ../shared"))
    func sampleDeckFrontsMatchGold() throws {
        let goldURL = try #require(TestPaths.shared("gold/seeds.json"))
        let gold = try JSONSerialization.jsonObject(with: Data(contentsOf: goldURL)) as! [String: Any]
        let fronts = gold["fronts"] as! [String: [String]]
        for (deckName, wanted) in fronts.sorted(by: { $0.key < $1.key }) {
            let path = try #require(TestPaths.shared("seed-decks/\(deckName).txt")).path
            let result = DeckLoader().load(paths: [path])
            #expect(result.errors.isEmpty)
            let want = Set(wanted.map(foldFront))
            let have = Set(result.cards.map { foldFront($0.front) })
            let hit = want.intersection(have).count
            let recall = Double(hit) / Double(want.count)
            let precision = have.isEmpty ? 0 : Double(hit) / Double(have.count)
            if recall < 1 || precision < 1 {
                for (text, score, label) in PlainTextReader.explain(
                    Array(try Data(contentsOf: URL(fileURLWithPath: path))))
                {
                    print(String(format: "%6.2f", score), label, text.prefix(70))
                }
            }
            print(
                "\(deckName): recall \(recall) precision \(precision) missing \(want.subtracting(have).sorted()) extra \(have.subtracting(want).sorted())"
            )
            #expect(recall >= 0.97, "\(deckName) recall")
            #expect(precision >= 0.95, "\(deckName) precision")
            #expect(result.cards.allSatisfy { $0.deck == deckName })
        }
    }
}
