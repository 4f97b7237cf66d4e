import Language
import Testing

/// The system's WordNet, or nil (the tests then skip, saying why).
let systemLexicon: EnglishLexicon? = try? EnglishLexicon.system()

@Suite(.enabled(if: systemLexicon != nil, "needs WordNet 3.0 (apt-get install wordnet-base)"))
struct LexiconTests {
    @Test func partsOfSpeechAndBaseForms() {
        var lexicon = systemLexicon!
        #expect(lexicon.info("mitochondria").nounLemma == "mitochondrion")
        #expect(lexicon.info("cells").nounLemma == "cell")
        #expect(lexicon.info("happens").canBe(.verb))
        #expect(!lexicon.info("happens").canBe(.noun))
        #expect(lexicon.info("the").closedClass == .determiner)
        #expect(!lexicon.info("likevektstilstand").isEnglish)
    }

    @Test func hypernymsAndWholes() {
        var lexicon = systemLexicon!
        #expect(lexicon.nounAncestors(of: "mitochondrion").contains("organelle"))
        #expect(lexicon.nounAncestors(of: "sepal").contains("calyx"))
        #expect(lexicon.nounAncestors(of: "nonexistentword").isEmpty)
    }

    @Test func senseCategories() {
        var lexicon = systemLexicon!
        #expect(lexicon.firstNounCategory(of: "length") == .attribute)
        #expect(lexicon.firstNounCategory(of: "ureter") == .body)
        #expect(lexicon.firstNounCategory(of: "ureter")?.isConcrete == true)
        #expect(lexicon.firstNounCategory(of: "people") == .group)
        #expect(lexicon.firstNounCategory(of: "nonexistentword") == nil)
        let week = lexicon.isAbstractNoun("week")
        let organ = lexicon.isAbstractNoun("organ")
        #expect(week)
        #expect(!organ)
        // Synsets are parsed once and then come from the cache, the same.
        let offset = lexicon.wordNet.entry("mitochondrion", .noun)!.synsets[0]
        let parsed = lexicon.nounSynset(at: offset)
        let cached = lexicon.nounSynset(at: offset)
        #expect(parsed != nil && parsed == lexicon.wordNet.nounSynset(at: offset))
        #expect(cached == parsed)
    }

    @Test func taggingInContext() {
        var tagger = Tagger(lexicon: systemLexicon!)
        func tags(_ text: String) -> [PartOfSpeech] {
            tagger.tags(
                text.split(separator: " ").map { TaggerInput(lower: String($0), isName: false, afterBoundary: false) })
        }
        #expect(tags("cache collisions happen") == [.noun, .noun, .verb])
        #expect(tags("the set of rules") == [.determiner, .noun, .preposition, .noun])
        #expect(tags("to set the flag")[1] == .verb)
        #expect(tags("top-down design")[1] == .noun)
        #expect(tags("what is value creation")[2] == .noun)
        #expect(tags("customer churn") == [.noun, .noun])
        // A verb in -s after a singular noun, before a preposition other than "of", is the verb …
        #expect(tags("a consultant works for pay")[2] == .verb)
        #expect(tags("the trachea divides into bronchi")[2] == .verb)
        // … but before "of" or at the end a plural noun closes the phrase.
        #expect(tags("the three programming constructs of")[3] == .noun)
        #expect(tags("the three programming constructs")[3] == .noun)
    }

    @Test func aMissingDatabaseIsAClearError() {
        #expect(throws: LexiconError.self) { try WordNet(directory: "/nonexistent") }
        let error = LexiconError(path: "/x", reason: "cannot read index.noun")
        #expect(error.description.contains("apt-get install wordnet-base"))
    }
}
