import DeckReading

/// How one concept builds on another. Every relation points from the concept to learn first to
/// the one that builds on it.
public enum RelationKind: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Parent → child in the hierarchy ("CRM" → "operational CRM").
    case broader
    /// Prerequisite → dependent (a definition that uses another concept needs it first).
    case requires
    /// Used together by several cards; undirected in meaning, written from the earlier concept.
    case related

    public static func < (lhs: RelationKind, rhs: RelationKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One idea, merged across decks: every card about it and every name it goes by.
public struct Concept: Sendable, Hashable {
    /// Stable slug, unique in the graph, usable as an XML NMTOKEN and a DOT id.
    public var id: String
    /// The name to show.
    public var label: String
    /// Every surface form seen for the concept (label included), in first-seen order.
    public var aliases: [String]
    /// The card fronts about this concept, verbatim, in card order.
    public var terms: [String]
    /// The decks that have a card about it (or mention it), in deck order.
    public var decks: [String]
    /// The answer of its first card ("" for a concept that no card is about).
    public var definition: String
    /// Indices into `ConceptGraph.cards` of the cards about it.
    public var cards: [Int]
    /// Index of the first card that is about it or names it: the tie-breaker "deck order".
    public var firstSeen: Int

    public init(
        id: String, label: String, aliases: [String] = [], terms: [String] = [], decks: [String] = [],
        definition: String = "", cards: [Int] = [], firstSeen: Int = 0
    ) {
        self.id = id
        self.label = label
        self.aliases = aliases
        self.terms = terms
        self.decks = decks
        self.definition = definition
        self.cards = cards
        self.firstSeen = firstSeen
    }
}

/// A directed, typed, weighted link between two concepts, with the words that produced it.
public struct Relation: Sendable, Hashable {
    /// Index of the concept to learn first (parent, prerequisite).
    public var source: Int
    /// Index of the concept that builds on it (child, dependent).
    public var target: Int
    public var kind: RelationKind
    /// Strength of the evidence (1 per card that supports it, more for explicit wording).
    public var weight: Double
    /// The card(s) and words that produced it, for people to check.
    public var evidence: String

    public init(source: Int, target: Int, kind: RelationKind, weight: Double = 1, evidence: String = "") {
        self.source = source
        self.target = target
        self.kind = kind
        self.weight = weight
        self.evidence = evidence
    }
}

/// Concepts and their relations, extracted from a set of decks.
public struct ConceptGraph: Sendable {
    /// Every card read, in deck order; concepts refer to them by index.
    public var cards: [Card]
    /// The concepts, in order of first appearance.
    public var concepts: [Concept]
    /// The relations, sorted by (source, target, kind); at most one per (source, target, kind).
    public var relations: [Relation]

    public init(cards: [Card], concepts: [Concept], relations: [Relation]) {
        self.cards = cards
        self.concepts = concepts
        self.relations = relations
    }
}
