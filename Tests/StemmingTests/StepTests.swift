import Testing

@testable import Stemming

/// Stems each `word → stem` pair and reports every difference in one expectation.
private func expectStems(
    _ pairs: KeyValuePairs<String, String>,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let wrong = pairs.compactMap { word, stem -> String? in
        let got = Porter2.stem(word)
        return got == stem ? nil : "\(word): expected \(stem), got \(got)"
    }
    #expect(wrong.isEmpty, "\(wrong.joined(separator: "; "))", sourceLocation: sourceLocation)
}

/// Focused checks of each step of the Snowball English (Porter2) description,
/// so the module is tested without the ../shared reference table.
@Suite("Porter2 steps and exceptions")
struct StepTests {
    @Test("words of one or two letters, and words that are not plain ASCII, are unchanged")
    func unchangedWords() {
        expectStems([
            "": "", "a": "a", "is": "is", "as": "as", "us": "us", "by": "by",
            "its": "it",  // three letters: stemmed
            "café": "café", "b12s": "b12s", "x-rays": "x-rays", "Running": "Running", "naïve": "naïve",
        ])
    }

    @Test("apostrophes: initial one removed, step 0 suffixes, typographic ’ read as '")
    func apostrophes() {
        expectStems([
            "acid's": "acid", "dogs'": "dog", "author's": "author", "organism's": "organism",
            "they're": "they'r", "aren't": "aren't", "don't": "don't",
            "acid’s": "acid", "dogs’": "dog", "they’re": "they'r",
            "'quote'": "quot", "'tis": "tis",  // `tis` keeps its s: no vowel before the `i`
        ])
    }

    @Test("Y marking: initial y and y after a vowel are consonants")
    func consonantY() {
        expectStems([
            "yes": "yes", "youth": "youth", "toy": "toy", "enjoyed": "enjoy", "playing": "play",
            "sayings": "say", "say": "say", "crying": "cri", "happy": "happi", "yelled": "yell",
        ])
    }

    @Test("R1 starts after the special prefixes gener, commun, arsen, past, univers, later, emerg, inter, organ")
    func specialRegions() {
        expectStems([
            "generate": "generat", "generally": "general", "communication": "communic",
            "arsenal": "arsenal", "past": "past", "pasted": "paste", "pasting": "paste",
            "universe": "univers", "universal": "universal", "laterally": "lateral",
            "emergency": "emergenc", "internal": "internal", "organization": "organiz",
        ])
    }

    @Test("step 1a: sses, ied/ies, s, us/ss")
    func step1a() {
        expectStems([
            "caresses": "caress", "ties": "tie", "cries": "cri", "died": "die", "tied": "tie",
            "gas": "gas", "this": "this", "gaps": "gap", "kiwis": "kiwi",
            "bus": "bus", "press": "press", "eggs": "egg",
        ])
    }

    @Test("step 1b: eed, ed, ing and the tidying of the stem")
    func step1b() {
        expectStems([
            "feed": "feed", "agreed": "agre", "bed": "bed",
            "luxuriating": "luxuri", "troubled": "troubl", "sized": "size",
            "hopping": "hop", "fitted": "fit", "falling": "fall",
            "added": "add", "egged": "egg",  // Snowball 3: no undoubling after exactly a, e, o
            "hoping": "hope", "filing": "file", "exceedingly": "exceed",
        ])
    }

    @Test("step 1b exceptions: non-vowel + ying, inning/outing/…, proceed/exceed/succeed")
    func step1bExceptions() {
        expectStems([
            "dying": "die", "lying": "lie", "tying": "tie", "vying": "vie",
            "inning": "inning", "innings": "inning", "outing": "outing", "canning": "canning",
            "herrings": "herring", "earring": "earring", "evening": "evening",
            "proceed": "proceed", "proceeds": "proceed", "exceeded": "exceed", "succeeding": "succeed",
        ])
    }

    @Test("step 1c: final y after a non-vowel that is not the first letter")
    func step1c() {
        expectStems([
            "cry": "cri", "fly": "fli", "by": "by", "say": "say", "toy": "toy", "happy": "happi",
            "enjoy": "enjoy", "sky": "sky",
        ])
    }

    @Test("step 2: derivational suffixes in R1")
    func step2() {
        expectStems([
            "relational": "relat", "conditional": "condit", "valenci": "valenc",
            "digitizer": "digit", "operator": "oper", "feudalism": "feudal",
            "callousness": "callous", "decisiveness": "decis", "sensitivity": "sensit",
            "geologist": "geolog", "biology": "biolog", "formality": "formal",
            "hopefully": "hope", "fully": "fulli",
        ])
    }

    @Test("step 3: alize, icate, ful, ness, ative in R2")
    func step3() {
        expectStems([
            "electrical": "electr", "triplicate": "triplic", "goodness": "good",
            "hopeful": "hope", "formative": "format", "traditional": "tradit",
        ])
    }

    @Test("step 4: suffixes in R2, ion after s or t")
    func step4() {
        expectStems([
            "adjustable": "adjust", "allowance": "allow", "dependent": "depend",
            "adoption": "adopt", "replacement": "replac", "probate": "probat",
            "national": "nation", "rational": "ration", "region": "region",
        ])
    }

    @Test("step 5: final e, final ll")
    func step5() {
        expectStems([
            "controll": "control", "roll": "roll", "cease": "ceas", "rate": "rate",
            "hope": "hope", "trouble": "troubl", "paste": "paste",
        ])
    }

    @Test("exceptional forms")
    func exceptionalForms() {
        expectStems([
            "skis": "ski", "skies": "sky", "sky": "sky",
            "idly": "idl", "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl",
            "news": "news", "howe": "howe", "atlas": "atlas", "cosmos": "cosmos", "bias": "bias", "andes": "andes",
        ])
    }

    @Test("common words, stemmed the same on every call")
    func commonWords() {
        for word in ["running", "generalizations", "happiness", "connection"] {
            #expect(Porter2.stem(word) == Porter2.stem(word))
        }
        expectStems(["running": "run", "generalizations": "general", "happiness": "happi", "connection": "connect"])
    }
}
