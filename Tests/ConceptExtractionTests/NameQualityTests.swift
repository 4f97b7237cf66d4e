import DeckReading
import Testing

@testable import ConceptExtraction

/// Names a teacher would not give a concept: the deck's own parts, cut or run-on phrases, outline slots.
@Suite struct NameQualityTests {
    private func tagged(_ tags: [String]) -> Deck {
        Deck(
            name: "d", path: "d.txt", format: .plain,
            cards: ["Apple", "Pear", "Plum", "Fig", "Lime"].enumerated().map { index, front in
                Card(
                    front: front, back: "A fruit", deck: "d",
                    location: SourceLocation(file: "d.txt", line: index + 1), tags: index < 2 ? tags : [])
            })
    }

    @Test func tagsNamingTheDecksPartsAreNoConcepts() {
        let graph = extract(tagged(["Category::Key_Terms", "Category::Exercise"]))
        #expect(graph.concept("Key Terms") == nil)
        #expect(graph.concept("Exercise") == nil)
        // Negative: a tag naming a topic is a concept.
        #expect(extract(tagged(["Category::orchard"])).concept("orchard") != nil)
    }

    @Test func anArticleInsideANameEndsIt() {
        let graph = extract(
            deck(
                "d",
                [
                    ("What is a theory a useful tool for?", "Determining the answer."),
                    ("Tragedy of the commons", "Overuse of a shared resource."),
                    ("During REM sleep your body is (...)", "paralysed"),
                ]))
        #expect(graph.concept("theory") != nil)
        #expect(graph.concept("theory a useful tool") == nil)
        // So does a possessive determiner.
        #expect(graph.concept("REM sleep your body") == nil)
        #expect(graph.concept("REM sleep") != nil)
        // Negative: after a preposition the article belongs to the name.
        #expect(graph.concept("Tragedy of the commons") != nil)
    }

    @Test func indexesAfterASeriesMemberNameMembersOfTheSeries() {
        let graph = extract(
            deck(
                "d",
                [
                    ("Prokaryote polymerases (3)", "DNA Polymerase I, II, III"),
                    ("Meiosis I and II", "Two divisions that halve the chromosome number."),
                    ("D", "The fourth letter."), ("Vitamin D", "A vitamin made in the skin."),
                    // Negative: words, not indexes, after the first part.
                    ("Enzymes (3)", "Amylase, lipase, pepsin"),
                ]))
        #expect(graph.concept("DNA Polymerase III") != nil)
        #expect(graph.isBroader("prokaryote polymerases", than: "DNA Polymerase II"))
        #expect(graph.concept("Meiosis II") != nil)
        #expect(graph.concept("III") == nil && graph.concept("II") == nil)
        // A lone index names no parent of the names it ends.
        #expect(!graph.isBroader("D", than: "Vitamin D"))
        #expect(graph.concept("lipase") != nil)
        #expect(AnswerParser.seriesExpanded(["Photosystem I", "II"]) == ["Photosystem I", "Photosystem II"])
        #expect(AnswerParser.seriesExpanded(["Amylase", "lipase"]) == ["Amylase", "lipase"])
        #expect(!AnswerParser.isSeriesIndex("Kinase"))
    }

    @Test func anAdverbAfterANounEndsAName() {
        let graph = extract(
            deck(
                "d",
                [
                    ("Are households primarily buyers or sellers?", "Buyers."),
                    ("Highly specialised cells", "Cells with one job."),
                ]))
        #expect(graph.concept("households primarily buyers or sellers") == nil)
        #expect(graph.concept("households") != nil)
        // Negative: an adverb before an adjective is part of the name.
        #expect(graph.concept("Highly specialised cells") != nil)
    }

    @Test func examplesOfXAskForKindsOfX() {
        let graph = extract(
            deck(
                "d",
                [
                    ("Free goods", "Goods that are not scarce."),
                    (
                        "Can you think of any examples of free goods?",
                        "Air for breathing is, in most cases, not scarce."
                    ),
                ]))
        #expect(graph.concept("examples of free goods") == nil)
        #expect(graph.concept("cases") == nil)
        #expect(graph.concept("Air for breathing is") == nil)
        // Negative: a comma list of names under a heading still gives items.
        let list = extract(deck("d", [("Types of database", "Hierarchical, relational, network")]))
        #expect(list.isBroader("types of database", than: "relational database"))
    }

    @Test func outlineHeadingsAndModifierBulletsAreNoConcepts() {
        let graph = extract(
            deck(
                "d",
                [
                    ("# Psychiatry\n## Assessment Template", "- Rapport building\n- Collateral history"),
                    ("# Psychiatry\n## Delirium", "- Organic\n- Substance-induced\n- Cognitive impairment"),
                ]))
        #expect(graph.concept("Assessment Template") == nil)
        #expect(graph.concept("Rapport building") == nil)
        #expect(graph.concept("Organic") == nil)
        #expect(graph.concept("Substance-induced") == nil)
        // Negative: a real heading and a noun bullet stay.
        #expect(graph.concept("Delirium") != nil)
        #expect(graph.isBroader("Delirium", than: "Cognitive impairment"))
    }

    @Test func clausesEndOrUnmakeNames() {
        let graph = extract(
            deck(
                "d",
                [
                    ("Types of ADHD signs", "- Loses things\n- Fails to finish\n- Inattention"),
                    ("Hypothalamic hormones", "- somatostatin which inhibits its release\n- GHRH"),
                    ("Kinds of memory", "- Interleaved memory\n- Cache memory"),
                ]))
        // A finite verb opens a clause, not a name; a relative pronoun ends a name.
        #expect(graph.concept("Loses things") == nil)
        #expect(graph.concept("somatostatin which inhibits its release") == nil)
        #expect(graph.concept("somatostatin") != nil)
        // Negative: a participle before a noun names a kind.
        #expect(graph.concept("Interleaved memory") != nil)
    }

    @Test func sentenceBulletsAreNoItems() {
        let graph = extract(
            deck(
                "d",
                [
                    (
                        "Binary multiplication",
                        "- Very similar to normal multiplication\n- Each part is shifted by one column\n"
                            + "- The result is added with binary addition\n- Partial product: one shifted row"
                    )
                ]))
        #expect(graph.concept("part") == nil)
        #expect(graph.concept("result") == nil)
        #expect(graph.concept("similar to normal multiplication") == nil)
        // Negative: a labelled bullet is an item.
        #expect(graph.isBroader("binary multiplication", than: "partial product"))
    }

    @Test func verbLabelBulletsAreNoConcepts() {
        let graph = extract(
            deck(
                "d",
                [
                    (
                        "# Psychiatry\n## Catatonia",
                        "- Observe: immobility, mutism\n- Elicit: echopraxia\n- Counselling\n- Pilot\n- Phased\n"
                            + "- Notify family\n- Consult geriatrician or physician"
                    )
                ])
        )
        // An instruction: a bullet opening with a word that can only be a verb.
        #expect(graph.concept("Notify family") == nil)
        #expect(graph.concept("Consult geriatrician or physician") == nil)
        // Bullets no word of which can be a noun or an adjective are instructions, not ideas.
        #expect(graph.concept("Observe") == nil)
        #expect(graph.concept("Elicit") == nil)
        // Negative: words that can be nouns ("Counselling", "Pilot") and participles ("Phased") stay.
        #expect(graph.isBroader("Catatonia", than: "Counselling"))
        #expect(graph.isBroader("Catatonia", than: "Pilot"))
        #expect(graph.isBroader("Catatonia", than: "Phased"))
    }

    @Test func identificationWithAGenericClassOrANameWithAnd() {
        let graph = extract(
            deck(
                "d",
                [
                    ("Which group do these cells belong to?", "T-lymphocytes"),
                    ("What type of joint is the hip joint?", "Ball and socket joint"),
                    ("Which enzymes are found in the stomach?", "Pepsin and lipase"),
                ]))
        #expect(graph.concept("T-lymphocytes") != nil)
        #expect(graph.concept("group") == nil)
        #expect(graph.isBroader("joint", than: "Ball and socket joint"))
        // Negative: "and" joining two answers is a list, not one name.
        #expect(graph.concept("Pepsin and lipase") == nil)
    }

    @Test func properNamesSharingALastWordImplyNoHub() {
        let graph = extract(
            deck(
                "d",
                [
                    ("Port Louis", "Capital of Mauritius"), ("St. Louis", "A city on the Mississippi"),
                    ("Mauritius", "Port Louis"), ("Missouri", "St. Louis is its largest city"),
                    ("Primary key", "Identifies a row"), ("Foreign key", "Refers to a primary key"),
                ]))
        #expect(graph.concept("Louis") == nil)
        // Negative: common nouns shared as heads are hubs.
        #expect(graph.isBroader("key", than: "Foreign key"))
    }
}
