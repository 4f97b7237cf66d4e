import DeckReading
import Testing

@testable import ConceptExtraction

/// Where a name ends inside a sentence: participles, negations and conditions open another clause; parts
/// of proper names and short answers to where/when questions.
@Suite struct ClauseBoundaryTests {
    @Test func aParticipleAfterANounEndsTheName() {
        let cards = ["Myosin", "Actin", "Titin", "Troponin"].map { ($0, "A protein found in muscle cells.") }
        let graph = extract(deck("d", cards))
        #expect(graph.concept("protein found") == nil)
        #expect(graph.concept("found") == nil)
        // The genus still opens each definition: "protein" is every card's parent.
        #expect(graph.has(.broader, from: "protein", to: "Myosin"))
        #expect(graph.has(.broader, from: "protein", to: "Troponin"))
        // Negative: a participle before its noun stays in the name.
        let fixed = extract(deck("d", [("Fixed costs", "Costs that do not change with output.")]))
        #expect(fixed.concept("Fixed costs") != nil)
    }

    @Test func aPassiveQuestionNamesWhatStandsBeforeItsParticiple() {
        let graph = extract(
            deck(
                "d",
                [
                    ("How is the action potential transmitted along the axon?", "By saltatory conduction."),
                    ("What initiates the action potential?", "Depolarisation of the membrane."),
                ]))
        #expect(graph.concept("action potential") != nil)
        #expect(graph.concept("action potential transmitted along the axon") == nil)
        #expect(graph.concept("action potential transmitted") == nil)
        #expect(graph.concept("initiates the action potential") == nil)
        // Negative: a statement with an -ed noun phrase keeps its subject ("Seed coat").
        #expect(extract(deck("d", [("Seed coat", "The outer layer of a seed.")])).concept("Seed coat") != nil)
    }

    @Test func aQuestionWhoseSubjectRunsIntoAVerbNamesNothing() {
        let graph = extract(
            deck(
                "d",
                [
                    ("How do people earn income in most modern economies?", "By specializing."),
                    ("Why do solvents play an important role in reactions?", "They stabilise ions."),
                    ("What is a process control block?", "A record the kernel keeps of a process."),
                    ("Income", "Money received for work."), ("Solvent", "A liquid that dissolves a solute."),
                ]))
        #expect(graph.concept("people earn income") == nil)
        #expect(graph.concept("solvents play an important role") == nil)
        #expect(graph.concept("solvents play") == nil)
        // The cards go to what they mention.
        #expect(graph.concept("income")?.cards.contains(0) == true)
        #expect(graph.concept("solvent")?.cards.contains(1) == true)
        // Negative: a question about a noun phrase still names it.
        #expect(graph.concept("process control block") != nil)
    }

    @Test func aNegationOrAJudgementNamesNothing() {
        let graph = extract(
            deck(
                "d",
                [
                    ("What is a theory not useful for?", "Creating an illustration of the answer."),
                    ("Why is it unfair or meaningless to criticize a theory?", "Theories simplify."),
                ]))
        #expect(graph.concept("theory not useful") == nil)
        #expect(graph.concept("unfair or meaningless") == nil)
        #expect(graph.concept("theory") != nil)
        // Negative: "What is dioecious?" still names its adjective term.
        let term = extract(deck("d", [("What is dioecious?", "Having separate male and female plants.")]))
        #expect(term.concept("dioecious") != nil)
    }

    @Test func aShortFormWrittenWithItsExpansionIsItsAlias() {
        let graph = extract(
            deck(
                "d",
                [("(...): Measure of the size of total production in an economy.", "Gross domestic product (GDP)")]
            ))
        let gdp = graph.concept("Gross domestic product")
        #expect(gdp != nil)
        #expect(gdp?.aliases.contains("GDP") == true)
        #expect(graph.concept("Gross domestic product GDP") == nil)
    }

    @Test func whereAndWhenAnswersAreConcepts() {
        let graph = extract(
            deck(
                "d",
                [
                    ("When does the ventricular systole start in relation to the ECG?", "The QRS complex"),
                    ("Where is antidiuretic hormone produced?", "Hypofysen / The pituitary"),
                    ("Where do plants lose water?", "Through small pores called stomata, mostly on leaves."),
                ]))
        #expect(graph.concept("QRS complex") != nil)
        #expect(graph.concept("pituitary") != nil)
        #expect(graph.concept("Hypofysen") == nil)
        // Negative: a sentence answer names no concept of its own.
        #expect(graph.concept("small pores") == nil)
        #expect(graph.concept("small pores called stomata") == nil)
    }

    @Test func partsOfProperNamesAreNoConcepts() {
        let countries = [
            ("Trinidad and Tobago", "Port of Spain"), ("Turks and Caicos Islands", "Cockburn Town"),
            ("Capital of Trinidad and Tobago?", "Port of Spain"), ("Flag of Trinidad and Tobago?", "Red and black"),
            ("Map of Turks and Caicos Islands?", "Caribbean"), ("Turks and Caicos Islands currency?", "Dollar"),
            ("Trinidad und Tobago", "Trinidad und Tobago"), ("Trinidad y Tobago", "Trinidad und Tobago"),
            ("Antigua and Barbuda", "St. John's"),
        ]
        let graph = extract(deck("d", countries))
        #expect(graph.concept("Tobago") == nil)
        #expect(graph.concept("Turks") == nil)
        #expect(graph.concept("St") == nil)
        #expect(graph.concept("Trinidad and Tobago") != nil)
    }

    @Test func aConditionOrNegatedBulletIsNoConcept() {
        let notes = """
            - If above fails: CBT with relaxation therapy
            - Not able to play quietly
            - Family therapy
            """
        let graph = extract(deck("d", [("School refusal management", notes)]))
        #expect(graph.concept("above fails") == nil)
        #expect(graph.concept("able to play") == nil)
        #expect(graph.concept("able to play quietly") == nil)
        // Negative: a bullet naming a thing is a concept.
        #expect(graph.concept("Family therapy") != nil)
    }
}
