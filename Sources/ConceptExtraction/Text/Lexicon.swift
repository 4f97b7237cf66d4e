/// Small closed word lists of English (function words, study-card scaffolding, common abbreviations).
/// They describe how people write cards, never what a deck is about: no subject vocabulary here.
enum Lexicon {
    /// Function words: never the first or last word of a concept name.
    static let functionWords: Set<String> = [
        "a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to", "for", "from", "by", "with",
        "without", "into", "onto", "over", "under", "about", "between", "among", "through", "during", "before",
        "after", "as", "than", "then", "so", "such", "that", "this", "these", "those", "which", "who", "whom",
        "whose", "what", "when", "where", "why", "how", "is", "are", "was", "were", "be", "been", "being", "am",
        "do", "does", "did", "done", "has", "have", "had", "having", "can", "could", "will", "would", "shall",
        "should", "may", "might", "must", "it", "its", "it's", "they", "them", "their", "there", "here", "we",
        "our", "you", "your", "he", "she", "his", "her", "i", "me", "my", "not", "no", "yes", "all", "any",
        "some", "each", "every", "both", "either", "neither", "other", "another", "more", "most", "less",
        "least", "very", "also", "only", "just", "even", "much", "many", "few", "if", "else", "because",
        "while", "whereas", "although", "though", "via", "per", "etc", "eg", "ie", "vs", "versus", "up", "down",
        "out", "off", "again", "same", "own", "too", "something", "anything", "way", "ways",
        "within", "across", "around", "against", "upon", "toward", "towards", "like", "unlike",
        "whether", "since", "until", "ex", "eg.", "often", "usually", "always", "never", "mostly", "lot",
        "according", "regarding", "including", "concerning", "depending",
    ]

    /// Particles that may open a compound name ("on demand", "in situ", "off shore", "up selling").
    static let leadingParticles: Set<String> = ["on", "off", "up", "out", "over", "cross"]

    /// Words that open a list heading: "types of X", "X (2 types)", "5 phases of X". Their items are
    /// narrower than X.
    static let groupWords: Set<String> = [
        "type", "types", "kind", "kinds", "form", "forms", "class", "classes", "category", "categories",
        "variety", "varieties", "element", "elements", "component", "components", "part", "parts", "phase",
        "phases", "stage", "stages", "step", "steps", "attribute", "attributes", "example", "examples",
        "development", "developments",
    ]

    /// Group words whose items are kinds of X ("types of CRM": strategic → strategic CRM).
    static let kindWords: Set<String> = [
        "type", "types", "kind", "kinds", "form", "forms", "class", "classes", "category", "categories",
        "variety", "varieties", "development", "developments",
    ]

    /// Words that introduce a question or task on a card, removed from its front.
    static let questionOpeners: Set<String> = [
        "what", "who", "whom", "which", "why", "how", "when", "where", "whose", "define", "definition",
        "explain", "describe", "name", "list", "state", "identify", "outline", "discuss", "compare", "contrast",
        "give", "summarize", "summarise", "distinguish", "differentiate", "illustrate", "evaluate", "analyse",
        "analyze", "is", "are", "does", "do", "can", "enumerate", "mention", "specify", "calculate", "compute",
        "recall", "label", "match", "complete", "fill",
    ]

    /// The words of a front that only asks what its subject is ("What is X?", "Define X", "What does X
    /// stand for?", "The meaning of the term X"): with nothing else on the front, the answer defines X.
    static let definitionQuestionWords: Set<String> = [
        "what", "define", "definition", "meaning", "mean", "meant", "means", "by", "term", "explain", "describe",
        "is", "are", "does", "do", "of", "stand", "stands", "for", "concept", "called",
    ]

    /// Words a card uses to frame its subject ("definition of X", "the role of X"), removed from fronts.
    static let framingNouns: Set<String> = [
        "definition", "meaning", "role", "purpose", "importance", "significance", "concept", "idea", "notion",
        "term", "characteristics", "overview", "description", "explanation", "nature", "function", "functions",
        "advantages", "advantage", "disadvantages", "disadvantage", "benefits", "benefit", "uses", "features",
        "limitations", "causes", "effects", "symptoms", "goals", "aims", "drawbacks", "properties",
    ]

    /// Adjectives that only rank a heading ("major", "key", "main"): removed at the front of a name.
    static let rankingAdjectives: Set<String> = [
        "major", "key", "main", "primary", "principal", "important", "basic", "essential", "fundamental",
        "common", "different", "various", "general", "overall", "other", "several", "some", "certain",
    ]

    /// Nouns that name the parts of a deck or a course, not ideas in it ("Exercise", "Key Terms",
    /// "chapter", "Question" as tags, headings or shared words): a name made only of these, ranking
    /// adjectives and framing nouns is no concept.
    static let cardScaffolding: Set<String> = [
        "question", "questions", "exercise", "exercises", "chapter", "chapters", "section", "sections", "lesson",
        "lessons", "lecture", "lectures", "quiz", "quizzes", "homework", "template", "templates", "checklist",
        "checklists", "review", "misc", "miscellaneous", "note", "notes", "card", "cards", "flashcard",
        "flashcards", "answer", "answers", "example", "examples", "term", "terms", "vocabulary", "vocab",
        "glossary", "topic", "topics", "problem", "problems", "todo", "summary", "deck", "worksheet", "practice",
    ]

    /// Words that open a condition or a negation in a note ("if", "unless", "not"): such a line is no name.
    static let clauseOpeners: Set<String> = ["if", "unless", "when", "whenever", "not", "because", "although"]

    /// Head nouns of headings that hold an answer's outline, not an idea ("Assessment Template", "Risk
    /// Factors Checklist"): the card is a writing aid, its bullets the slots of the outline.
    static let outlineHeads: Set<String> = ["template", "templates", "checklist", "checklists"]

    /// Words that mark a comparison between two subjects ("X vs Y", "differences between X and Y").
    static let comparisonWords: Set<String> = ["vs", "versus", "differences", "difference", "similarities", "compared"]

    /// Short forms that stand for a longer word on cards.
    static let abbreviations: [String: String] = [
        "app": "application", "apps": "applications", "info": "information", "org": "organization",
        "orgs": "organizations", "mgmt": "management", "mgt": "management", "acct": "account",
        "accts": "accounts", "dept": "department", "depts": "departments", "govt": "government",
        "tech": "technology", "admin": "administration", "approx": "approximately", "prob": "probability",
        "temp": "temperature", "req": "requirement", "reqs": "requirements", "diff": "difference",
        "cust": "customer", "custs": "customers", "mktg": "marketing", "env": "environment",
        "sys": "system", "thru": "through", "btw": "between",
        "intl": "international", "natl": "national", "mfg": "manufacturing", "prod": "production",
    ]

    /// Common English verbs in base, -s and past forms. A list item opening with one is an action
    /// ("improve sales"), not the name of a concept.
    static let leadingVerbs: Set<String> = [
        "improve", "improves", "improved", "identify", "identifies", "identified", "provide", "provides",
        "provided", "form", "forms", "increase", "increases", "reduce", "reduces", "maximize", "maximise",
        "minimize", "minimise", "create", "creates", "use", "uses", "used", "help", "helps", "make", "makes",
        "made", "give", "gives", "gave", "take", "takes", "get", "gets", "set", "sets", "build", "builds",
        "define", "defines", "select", "selects", "maintain", "maintains", "populate", "understand",
        "understands", "treat", "treats", "meet", "meets", "support", "supports", "allow", "allows", "enable",
        "enables", "ensure", "ensures", "keep", "keeps", "manage", "manages", "measure", "measures",
        "analyze", "analyse", "analyzes", "analyses", "acquire", "acquires", "enhance", "enhances", "exclude",
        "excludes", "include", "includes", "consider", "check", "checks", "assess", "assesses", "monitor",
        "monitors", "collect", "collects", "store", "stores", "send", "sends", "receive", "receives", "find",
        "finds", "show", "shows", "shown", "describe", "describes", "explain", "explains", "determine",
        "determines", "convert", "converts", "perform", "performs", "performed", "hold", "holds", "held",
        "contain", "contains", "move", "moves", "add", "adds", "remove", "removes", "compare", "compares",
        "conduct", "conducts", "apply", "applies", "applied", "represent", "represents", "prevent",
        "prevents", "cause", "causes", "caused", "lead", "leads", "led", "produce", "produces", "produced",
        "require", "requires", "required", "involve", "involves", "occur", "occurs", "happen", "happens",
        "start", "starts", "stop", "stops", "run", "runs", "write", "writes", "read", "reads", "open", "close",
        "go", "goes", "went", "come", "comes", "came", "see", "sees", "say", "says", "said", "know", "knows",
        "think", "want", "need", "needs", "try", "tries", "ask", "asks", "work", "works", "call", "calls",
        "avoid", "avoids", "give", "deliver", "delivers", "offer", "offers", "change", "changes", "follow",
        "follows", "increase", "decrease", "decreases", "raise", "raises", "lower", "lowers", "encourage",
        "encourages", "promote", "promotes", "protect", "protects", "limit", "limits", "discuss", "outline",
        "list", "name", "state", "evaluate", "calculate", "calculates", "is", "are", "was", "were", "be",
        "has", "have", "had", "can", "could", "will", "would", "should", "may", "might", "must", "do", "does",
        "did", "refer", "refers", "referred", "mean", "means", "meant", "relate", "relates", "depend",
        "depends", "tend", "tends", "seek", "seeks", "aim", "aims", "focus", "focuses", "target", "targets",
        "establish", "establishes", "stand", "stands", "using", "develop", "develops", "design", "designs",
        "implement", "implements",
        "integrate", "integrates", "facilitate", "facilitates", "consolidate", "consolidates",
    ]

    /// Pronouns and relative words: a subject's noun phrase ends before them ("data you need now").
    static let pronouns: Set<String> = ["you", "we", "they", "it", "i", "he", "she", "which", "that", "who", "whom"]

    /// Verbs that link a subject to what is said of it.
    static let copulas: Set<String> = [
        "is", "are", "was", "were", "be", "been", "has", "have", "had", "can", "could", "will", "would", "should",
        "must", "may", "might", "does", "do", "did", "cannot", "often", "usually", "sometimes", "commonly",
    ]

    /// Third-person verbs that follow a subject in statements to complete ("the tag determines (...)").
    static let thirdPersonVerbs: Set<String> = [
        "determines", "indicates", "stores", "holds", "points", "stands", "contains", "consists", "occurs",
        "happens", "means", "refers", "represents", "combines", "takes", "uses", "requires", "provides",
        "allows", "enables", "exploits", "produces", "causes", "describes", "defines", "measures", "includes",
        "involves", "depends", "erases", "updates", "performs", "returns", "converts", "specifies", "shows",
        "makes", "gives", "helps", "controls", "regulates", "secretes", "transports", "carries", "acts", "needs",
        "reduces", "increases", "decreases", "improves", "prevents", "creates", "forms", "breaks", "builds",
        "generates", "stimulates", "inhibits", "binds", "lowers", "raises", "removes", "adds", "sends",
    ]

    /// Words after which a name does not go on (prepositions, relative words, copulas): "critical
    /// success factors for successful CRM strategies" → "critical success factors".
    static let prepositions: Set<String> = [
        "of", "for", "in", "on", "to", "with", "between", "by", "about", "as", "before", "after", "from", "into",
        "within", "that", "which", "when", "where", "during", "through", "among", "over", "versus", "is", "are",
        "was", "were", "inside", "outside", "at", "near", "around", "under", "whose", "while",
    ]

    /// Counts written as words ("two types", "(five)").
    static let numberWords: [String: Int] = [
        "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    ]

    /// Nouns that name a part of a whole: "the part / a subdivision / a region of X" makes X broader.
    static let wholeWords: Set<String> = [
        "part", "subdivision", "portion", "section", "region", "piece", "segment", "division", "member",
        "subset", "branch", "subtype", "subclass", "variant", "stage", "phase",
    ]

    /// Words that rank the members of a series ("first normal form", "primary key", "secondary
    /// structure").
    static let rankWords: Set<String> = [
        "first", "second", "third", "fourth", "fifth", "sixth", "primary", "secondary", "tertiary", "quaternary",
    ]

    /// Nouns that definitions use as scaffolding for any subject ("a structure that …", "the stage
    /// in …", "a process in which …"): never a hub of their own; the genus reader looks past them to
    /// the whole they name ("the part of the pistil").
    static let genericNouns: Set<String> = [
        "part", "parts", "structure", "structures", "stage", "stages", "type", "types", "kind", "kinds", "form",
        "forms", "process", "processes", "way", "ways", "thing", "things", "term", "terms", "method", "methods",
        "set", "sets", "group", "groups", "number", "numbers", "amount", "area", "areas", "piece", "place",
        "something", "one", "ones", "series", "collection", "cluster", "list", "example", "examples", "member",
        "members", "feature", "features", "aspect", "aspects", "state", "result", "use", "time", "name", "word",
        "technique", "condition", "property", "properties", "unit", "phase", "step", "portion", "section",
        "region", "element", "elements", "component", "components", "level", "measure", "study", "studies",
    ]

    /// Nouns that name a relation to something else, not a class of things ("the most common cause of
    /// anaemia", "the main source of energy"): what answers "the X of Y" is no kind of X.
    static let relationalNouns: Set<String> = [
        "cause", "causes", "reason", "reasons", "source", "sources", "site", "sites", "origin", "effect",
        "effects", "consequence", "consequences", "result", "results", "complication", "complications", "symptom",
        "symptoms", "sign", "signs", "risk", "risks", "factor", "factors", "determinant", "determinants",
        "predictor", "indicator", "contributor", "use", "uses", "function", "role", "example", "examples",
        "regulator", "regulators", "stimulus", "trigger", "triggers", "inhibitor", "activator", "mediator", "marker",
    ]

    /// WordNet classes whose members name a part, place or stage of a whole ("stalk" is a plant organ,
    /// "gland" an organ): a definition "the stalk of the stamen" files its subject under the whole.
    static let partClasses: Set<String> = [
        "part", "portion", "component", "constituent", "region", "structure", "organ", "body_part", "plant_part",
        "plant_organ", "stage", "phase", "section", "segment", "layer", "opening",
    ]

    /// The scaffolding nouns that name a part, place or stage ("the part of", "a structure in", "the
    /// stage of"); the other scaffolding nouns ("amount", "process", "set") do not.
    static let partNouns: Set<String> = [
        "part", "parts", "structure", "structures", "stage", "stages", "portion", "section", "region", "piece",
        "element", "elements", "component", "components", "phase", "step", "level", "area", "areas", "place",
        "unit",
    ]

    /// Nouns that gather members ("a cluster of sporangia", "a set of instructions"): what follows
    /// "of" is the members, not a whole the subject belongs to.
    static let collectiveNouns: Set<String> = [
        "cluster", "set", "group", "collection", "series", "list", "sequence", "number", "amount", "combination",
        "mixture", "array", "bundle", "chain", "network", "pair", "range", "family", "class", "category",
    ]

    /// Verbs of containment in a part's definition ("the part of a stamen that contains the pollen").
    static let containmentVerbs: Set<String> = ["contains", "contain", "houses", "encloses", "enclose"]

    /// Words that open the list of what something is made of ("composed of A, B and C").
    static let compositionWords: Set<String> = [
        "composed", "consisting", "consists", "comprises", "comprising", "made",
    ]
}
