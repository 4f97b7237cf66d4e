/// A suffix rule of steps 2–4: replace `suffix` by `replacement` when it lies in the
/// step's region and `condition` holds.
struct Rule: Sendable {
    /// An extra test beyond "the suffix is in the step's region".
    enum Condition: Sendable {
        case none
        /// The suffix must also be in R2 (step 3's `ative`).
        case inR2
        /// Preceded by `l` (step 2's `ogi`).
        case afterL
        /// Preceded by a valid li-ending c d e g h k m n r t (step 2's `li`).
        case afterValidLI
        /// Preceded by `s` or `t` (step 4's `ion`).
        case afterSOrT
    }

    let suffix: StaticString
    let replacement: StaticString
    let condition: Condition

    init(_ suffix: StaticString, _ replacement: StaticString, _ condition: Condition = .none) {
        self.suffix = suffix
        self.replacement = replacement
        self.condition = condition
    }
}

/// The suffix tables of steps 2–4, in the description's order, sorted longest first
/// so that the first match is the longest (two different suffixes of one length
/// cannot both match).
enum Rules {
    static func longestFirst(_ rules: [Rule]) -> [Rule] {
        rules.enumerated()
            .sorted {
                ($0.element.suffix.utf8CodeUnitCount, $1.offset) > ($1.element.suffix.utf8CodeUnitCount, $0.offset)
            }
            .map(\.element)
    }

    /// Step 2, in R1.
    static let step2 = longestFirst([
        Rule("tional", "tion"),
        Rule("enci", "ence"),
        Rule("anci", "ance"),
        Rule("abli", "able"),
        Rule("entli", "ent"),
        Rule("izer", "ize"), Rule("ization", "ize"),
        Rule("ational", "ate"), Rule("ation", "ate"), Rule("ator", "ate"),
        Rule("alism", "al"), Rule("aliti", "al"), Rule("alli", "al"),
        Rule("fulness", "ful"),
        Rule("ousli", "ous"), Rule("ousness", "ous"),
        Rule("iveness", "ive"), Rule("iviti", "ive"),
        Rule("biliti", "ble"), Rule("bli", "ble"),
        Rule("ogist", "og"),
        Rule("ogi", "og", .afterL),
        Rule("fulli", "ful"),
        Rule("lessli", "less"),
        Rule("li", "", .afterValidLI),
    ])

    /// Step 3, in R1.
    static let step3 = longestFirst([
        Rule("tional", "tion"),
        Rule("ational", "ate"),
        Rule("alize", "al"),
        Rule("icate", "ic"), Rule("iciti", "ic"), Rule("ical", "ic"),
        Rule("ful", ""), Rule("ness", ""),
        Rule("ative", "", .inR2),
    ])

    /// Step 4, in R2.
    static let step4 = longestFirst(
        [
            "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
            "ism", "ate", "iti", "ous", "ive", "ize",
        ].map { Rule($0, "") }
            + [Rule("ion", "", .afterSOrT)]
    )
}

/// The exceptional forms of the English stemmer.
enum Exceptions {
    /// Words stemmed specially (or kept) before anything else is done.
    static let forms: [(word: StaticString, stem: StaticString)] = [
        ("skis", "ski"), ("skies", "sky"),
        ("idly", "idl"), ("gently", "gentl"), ("ugly", "ugli"), ("early", "earli"),
        ("only", "onli"), ("singly", "singl"),
        ("sky", "sky"), ("news", "news"), ("howe", "howe"),
        ("atlas", "atlas"), ("cosmos", "cosmos"), ("bias", "bias"), ("andes", "andes"),
    ]

    /// Word beginnings after which R1 starts (instead of the usual rule).
    static let regionPrefixes: [StaticString] = [
        "gener", "commun", "arsen", "past", "univers", "later", "emerg", "inter", "organ",
    ]

    /// Stems before `-eed` that keep it (`proceed`, `exceed`, `succeed`).
    static let eedStems: [StaticString] = ["proc", "exc", "succ"]

    /// Stems before `-ing` that keep it (`inning`, `outing`, … — not `in`, `out`, …).
    static let ingStems: [StaticString] = ["inn", "out", "cann", "herr", "earr", "even"]

    /// The special stem of a whole word from `forms`, or nil.
    static func exceptionalForm(_ b: [UInt8]) -> [UInt8]? {
        for form in forms where form.word.utf8CodeUnitCount == b.count {
            let same = form.word.withUTF8Buffer { $0.elementsEqual(b) }
            if same { return form.stem.withUTF8Buffer { Array($0) } }
        }
        return nil
    }
}
