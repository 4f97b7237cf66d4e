import ConceptAnalysis
import ConceptExplorer
import ConceptExtraction
import DeckReading
import Foundation
import Testing

/// A small graph built by hand, so these tests do not depend on how extraction finds concepts:
///
///     CRM ──broader──▶ operational CRM ──broader──▶ sales force automation
///      │                     └─────────broader──▶ customer facing apps ◀──broader── e-CRM
///      └──broader──▶ analytical CRM          data warehouse ──requires──▶ analytical CRM
///     e-CRM ◀──broader── CRM;  churn (alone);  loyalty ⇄ retention (requires both ways: a cycle)
enum Fixture {
    static let labels = [
        "CRM", "operational CRM", "sales force automation", "customer facing apps", "analytical CRM",
        "data warehouse", "e-CRM", "churn", "loyalty", "retention",
    ]

    static func card(_ front: String, _ back: String, line: Int) -> Card {
        Card(front: front, back: back, deck: "crm", location: SourceLocation(file: "decks/crm.txt", line: line))
    }

    static let cards: [Card] = [
        card("What is CRM?", "Customer relationship management: a customer focused strategy.", line: 1),
        card("Operational CRM", "CRM that runs the daily contact with customers.", line: 3),
        card("Sales force automation", "Tools for sales people.", line: 5),
        card("Customer facing apps", "Apps customers use directly.", line: 7),
        card("Analytical CRM", "CRM that analyses customer data from the warehouse.", line: 9),
        card("Data warehouse", "", line: 11),
        card("e-CRM", "CRM on the web.", line: 13),
        card("Churn", "Customers who leave.", line: 15),
        card("Loyalty", "Customers who stay because of retention work.", line: 17),
        card("Retention", "Keeping customers loyal, the source of loyalty.", line: 19),
        card("What is CRM?", "Something else entirely.", line: 21),
        card("Churn", "Customers who leave.", line: 23),
        card("Define analytical CRM", "CRM that analyses customer data from the warehouse quickly.", line: 25),
    ]

    static func analyzed() -> AnalyzedGraph {
        var concepts = labels.enumerated().map { i, label in
            Concept(
                id: label.lowercased().replacingOccurrences(of: " ", with: "-"), label: label, aliases: [label],
                decks: ["crm"], definition: cards[i].back, cards: [i], firstSeen: i)
        }
        concepts[0].aliases.append("customer relationship management")
        concepts[0].cards = [0, 10]
        concepts[7].cards = [7, 11]
        concepts[4].cards = [4, 12]
        let relations: [Relation] = [
            Relation(source: 0, target: 1, kind: .broader, evidence: "crm:3 operational CRM extends CRM"),
            Relation(source: 0, target: 4, kind: .broader, evidence: "crm:9 analytical CRM extends CRM"),
            Relation(source: 0, target: 6, kind: .broader, evidence: "crm:13 e-CRM extends CRM"),
            Relation(source: 1, target: 2, kind: .broader, evidence: "crm:5 list"),
            Relation(source: 1, target: 3, kind: .broader, evidence: "crm:7 list"),
            Relation(source: 5, target: 4, kind: .requires, evidence: "crm:9 uses \"warehouse\""),
            Relation(source: 6, target: 3, kind: .broader, evidence: "crm:7 e-CRM list"),
            Relation(source: 8, target: 9, kind: .requires, evidence: "crm:19 uses \"loyalty\""),
            Relation(source: 9, target: 8, kind: .requires, evidence: "crm:17 uses \"retention\""),
        ].sorted { ($0.source, $0.target) < ($1.source, $1.target) }
        return Analyzer().analyze(ConceptGraph(cards: cards, concepts: concepts, relations: relations))
    }

    static let explorer = Explorer(analyzed())

    static func index(_ label: String) -> Int { labels.firstIndex(of: label)! }
}

@Suite struct NameLookupTests {
    let explorer = Fixture.explorer
    let names = NameIndex(Fixture.explorer.analyzed)

    func found(_ name: String) -> String? {
        if case .found(let i) = names.lookup(name) { return explorer.graph.concepts[i].label }
        return nil
    }

    @Test func matchesCasePunctuationPluralsAliasesAndIds() {
        #expect(found("crm") == "CRM")
        #expect(found("Customer-Facing Apps") == "customer facing apps")
        #expect(found("customer facing app") == "customer facing apps")
        #expect(found("customerfacing apps") == "customer facing apps")
        #expect(found("Customer Relationship Management") == "CRM")
        #expect(found("operational-crm") == "operational CRM")
        #expect(found("ecrm") == "e-CRM")
    }

    @Test func allowsTyposOnLongNamesOnly() {
        #expect(found("opertional crm") == "operational CRM")
        #expect(found("sales force automaton") == "sales force automation")
        #expect(found("analyitcal CRM") == "analytical CRM")  // a swap
        #expect(found("CRN") == nil)  // too short to guess
    }

    @Test func aMissSuggestsTheClosestNames() {
        guard case .notFound(let suggestions) = names.lookup("operatoinal systems") else {
            Issue.record("expected a miss")
            return
        }
        #expect(suggestions.first.map { explorer.graph.concepts[$0].label } == "operational CRM")
        guard case .notFound(let none) = names.lookup("zzzz qqqq") else {
            Issue.record("expected a miss")
            return
        }
        #expect(none.isEmpty)
    }

    @Test func boundedDistanceStopsPastTheLimit() {
        let a = Array("kitten".utf8)
        #expect(NameFolding.boundedDistance(a, Array("sitting".utf8), limit: 3) == 3)
        #expect(NameFolding.boundedDistance(a, Array("sitting".utf8), limit: 2) == nil)
        #expect(NameFolding.boundedDistance(Array("ab".utf8), Array("ba".utf8), limit: 1) == 1)
    }
}

@Suite struct ViewTests {
    let explorer = Fixture.explorer
    let text = TextRenderer()

    @Test func treeDrawsBoxesMarksRepeatsAndLimitsDepth() {
        let tree = text.render(explorer.tree())
        #expect(
            tree.hasPrefix(
                """
                CRM
                ├── operational CRM
                │   ├── sales force automation
                │   └── customer facing apps
                ├── e-CRM
                │   └── customer facing apps ↑ see above
                └── analytical CRM
                """), "\(tree)")
        #expect(tree.contains("concepts outside the hierarchy"))
        let shallow = text.render(explorer.tree(root: Fixture.index("CRM"), depth: 1))
        #expect(shallow == "CRM\n├── operational CRM (+2 below)\n├── e-CRM (+1 below)\n└── analytical CRM")
    }

    @Test func aCycleInTheHierarchyIsMarkedNotFollowed() {
        let concepts = ["root", "a", "b"].enumerated().map { Concept(id: $1, label: $1, firstSeen: $0) }
        let relations = [
            Relation(source: 0, target: 1, kind: .broader), Relation(source: 1, target: 2, kind: .broader),
            Relation(source: 2, target: 1, kind: .broader),
        ]
        let explorer = Explorer(Analyzer().analyze(ConceptGraph(cards: [], concepts: concepts, relations: relations)))
        #expect(text.render(explorer.tree(root: 0)) == "root\n└── a\n    └── b\n        └── a ↻ cycle")
    }

    @Test func treeJSONHasTheDocumentedKeys() throws {
        let json = JSONRenderer.render(explorer.tree(root: Fixture.index("e-CRM")))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let root = try #require((object["roots"] as? [[String: Any]])?.first)
        #expect(Set(root.keys) == ["id", "label", "repeated", "cycle", "hidden_children", "children"])
        #expect(root["label"] as? String == "e-CRM")
        #expect(object["outside_hierarchy"] as? Int == 0)
    }

    @Test func prerequisitesComeInStudyOrder() {
        let apps = Fixture.index("customer facing apps")
        let all = explorer.prerequisites(of: apps).prerequisites.map(\.label)
        #expect(all.count == 3)
        #expect(all.firstIndex(of: "CRM")! < all.firstIndex(of: "operational CRM")!)
        #expect(all.firstIndex(of: "CRM")! < all.firstIndex(of: "e-CRM")!)
        let direct = explorer.prerequisites(of: apps, direct: true).prerequisites.map(\.label)
        #expect(Set(direct) == ["operational CRM", "e-CRM"])
        let analytical = explorer.prerequisites(of: Fixture.index("analytical CRM"), direct: true)
        #expect(Set(analytical.prerequisites.map(\.label)) == ["CRM", "data warehouse"])
    }

    @Test func orderBracketsConceptsThatDependOnEachOther() {
        let order = explorer.order()
        #expect(order.steps.count == Fixture.labels.count)
        #expect(order.steps.map(\.step) == Array(1...Fixture.labels.count))
        let grouped = order.steps.filter { $0.group != nil }
        #expect(Set(grouped.map(\.label)) == ["loyalty", "retention"])
        let rendered = text.render(order)
        #expect(rendered.contains("┌ loyalty") || rendered.contains("┌ retention"))
        #expect(rendered.contains("(learn together: they depend on each other)"))
        let cluster = explorer.analyzed.cluster[Fixture.index("CRM")]
        #expect(explorer.order(cluster: cluster).steps.allSatisfy { $0.cluster == cluster })
    }

    @Test func showListsCardsEdgesAndEvidence() {
        let view = explorer.show(Fixture.index("analytical CRM"))
        #expect(view.cards.map(\.line) == [9, 25])
        #expect(view.parents.map(\.label) == ["CRM"])
        #expect(view.prerequisites.map(\.label) == ["data warehouse"])
        #expect(view.prerequisites.first?.evidence == "crm:9 uses \"warehouse\"")
        let rendered = text.render(view)
        #expect(rendered.contains("decks/crm.txt:9"))
        #expect(rendered.contains("Prerequisites (requires) (1)\n  data warehouse  — crm:9 uses \"warehouse\""))
    }

    @Test func pathNamesKindsAndDirections() {
        let view = explorer.path(from: Fixture.index("sales force automation"), to: Fixture.index("e-CRM"))
        let steps = try! #require(view.steps)
        #expect(steps.count == 3)
        #expect(steps.first?.forward == false)
        #expect(steps.allSatisfy { $0.kind == "broader" })
        let none = explorer.path(from: Fixture.index("churn"), to: Fixture.index("CRM"))
        #expect(none.steps == nil)
        #expect(text.render(none) == "No chain of relations links churn and CRM.")
    }

    @Test func searchRanksLabelsAboveCardText() {
        let view = explorer.search("Customers")
        #expect(view.concepts.first?.label == "customer facing apps")
        #expect(view.cards.count > 3)
        #expect(explorer.search("warehouses").concepts.map(\.label).prefix(2) == ["data warehouse", "analytical CRM"])
        #expect(explorer.search("nothing like this").concepts.isEmpty)
    }

    @Test func lintFindsEachKindOfProblemWithItsPlace() {
        let view = explorer.lint()
        func lines(_ check: String) -> [Int] { view.problems.filter { $0.check == check }.map(\.line) }
        #expect(lines("conflicting-answers") == [21])
        #expect(lines("duplicate") == [23])
        #expect(lines("empty-answer") == [11])
        #expect(lines("prerequisite-cycle").count == 1)
        #expect(lines("near-duplicate") == [25])
        #expect(lines("unlinked") == [15, 23])
        #expect(view.problems.allSatisfy { $0.file == "decks/crm.txt" })
        let rendered = text.render(view)
        #expect(
            rendered.contains(
                "decks/crm.txt:21: conflicting-answers: \"What is CRM?\" is answered differently at decks/crm.txt:1"))
        #expect(explorer.lint(checks: [.emptyAnswer]).problems.count == 1)
    }

    @Test func nearDuplicatesAreFoundWithoutComparingAllPairs() {
        // 3,000 cards that share most words: each is compared with at most the candidate limit.
        let cards = (0..<3000).map { i in
            Fixture.card(
                "Card \(i) about the many common words of this large deck",
                "shared answer text with a word\(i) in it, and more shared words", line: i + 1)
        }
        let concepts = [Concept(id: "x", label: "x", cards: Array(0..<3000))]
        let explorer = Explorer(Analyzer().analyze(ConceptGraph(cards: cards, concepts: concepts, relations: [])))
        let view = explorer.lint(checks: [.nearDuplicate], candidateLimit: 8)
        #expect(view.problems.count > 2900)
    }

    @Test func stylesOnlyOnATerminalWithoutNoColor() {
        #expect(TextStyle.forTerminal(isTerminal: true, environment: ["TERM": "xterm"]).enabled)
        #expect(!TextStyle.forTerminal(isTerminal: false, environment: ["TERM": "xterm"]).enabled)
        #expect(!TextStyle.forTerminal(isTerminal: true, environment: ["TERM": "xterm", "NO_COLOR": "1"]).enabled)
        #expect(!TextStyle.forTerminal(isTerminal: true, environment: ["TERM": "dumb"]).enabled)
        #expect(TextRenderer(style: TextStyle(enabled: true)).render(explorer.tree()).contains("\u{1B}[1m"))
        #expect(!text.render(explorer.tree()).contains("\u{1B}"))
    }
}

@Suite struct BrowserModelTests {
    @Test func movesBetweenSiblingsIntoChildrenAndBack() {
        var model = BrowserModel(explorer: Fixture.explorer)
        #expect(model.selected.map { Fixture.labels[$0] } == "CRM")
        model.handle(.right)
        #expect(model.breadcrumb == ["CRM"])
        #expect(model.selected.map { Fixture.labels[$0] } == "operational CRM")
        model.handle(.down)
        #expect(model.selected.map { Fixture.labels[$0] } == "e-CRM")
        model.handle(.up)
        model.handle(.right)
        #expect(model.breadcrumb == ["CRM", "operational CRM"])
        model.handle(.left)
        model.handle(.left)
        #expect(model.breadcrumb.isEmpty)
        #expect(model.selected.map { Fixture.labels[$0] } == "CRM")
        model.handle(.left)
        #expect(model.message == "Already at the top.")
    }

    @Test func searchPrerequisitesCardsAndQuit() {
        var model = BrowserModel(explorer: Fixture.explorer)
        for key: BrowserKey in [.character("/"), .character("a"), .character("p"), .character("p"), .enter] {
            model.handle(key)
        }
        guard case .list(_, let items, _) = model.mode else {
            Issue.record("expected search results, got \(model.mode)")
            return
        }
        #expect(items.first.map { Fixture.labels[$0] } == "customer facing apps")
        model.handle(.enter)
        #expect(model.breadcrumb == ["CRM", "operational CRM"])
        #expect(model.selected.map { Fixture.labels[$0] } == "customer facing apps")
        model.handle(.character("p"))
        guard case .list(let title, let prerequisites, _) = model.mode else {
            Issue.record("expected prerequisites")
            return
        }
        #expect(title.hasPrefix("Before customer facing apps"))
        #expect(prerequisites.count == 3)
        model.handle(.escape)
        model.handle(.enter)
        #expect(model.mode == .cards(offset: 0))
        let screen = model.screen(width: 60, height: 12).map(\.text)
        #expect(screen[0] == "Cards of customer facing apps")
        #expect(screen.contains("decks/crm.txt:7"))
        #expect(screen.count == 12)
        model.handle(.character("q"))
        #expect(model.quit)
    }

    @Test func screenFitsTheWindow() {
        let model = BrowserModel(explorer: Fixture.explorer)
        for (width, height) in [(20, 5), (80, 24), (200, 60)] {
            let screen = model.screen(width: width, height: height)
            #expect(screen.count == height)
            #expect(screen.allSatisfy { $0.text.count <= width }, "\(width)x\(height)")
        }
        #expect(model.screen(width: 80, height: 24).last?.text.contains("q quit") == true)
    }
}
