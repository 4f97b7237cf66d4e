import Foundation

/// An Anki note type ("model"): its fields and card templates, and the rules Anki uses to turn one
/// note into cards. Shared by the CrowdAnki reader and the Anki package reader.
///
/// Design note. Which cards a note has follows modern Anki (it ignores the legacy `req` list): a
/// standard template gives a card when its question side, with conditionals `{{#F}}`/`{{^F}}`
/// evaluated, replaces at least one non-empty field; a cloze note gives one card per distinct cloze
/// number `cN` in the fields its question template shows through `{{cloze:F}}`.
/// What the card *says* is chosen by the templates, not by field position: the front is the last
/// field the question side always shows (fields shown only inside their own `{{#F}}…{{/F}}` are
/// optional extras, and earlier ones — a chapter name, say — become `Card.context`); the back is
/// every field the answer side adds. Special fields (`{{Tags}}`, `{{Deck}}`, `{{FrontSide}}`, …) and
/// `{{type:F}}` boxes are never card text. What it gets wrong: decorative text written in the
/// template itself ("Country:") is dropped, and a template that shows two equal-weight fields keeps
/// only the last as the front.
public struct AnkiNoteType: Sendable, Hashable {
    public enum Kind: Int, Sendable, Hashable {
        case standard = 0
        case cloze = 1
    }

    /// One card template: its name and its question and answer formats (Anki's `qfmt`, `afmt`).
    public struct Template: Sendable, Hashable {
        public var name: String
        public var questionFormat: String
        public var answerFormat: String

        public init(name: String, questionFormat: String, answerFormat: String) {
            self.name = name
            self.questionFormat = questionFormat
            self.answerFormat = answerFormat
        }
    }

    /// The model's id (Anki's numeric id as text, or CrowdAnki's uuid).
    public var id: String
    public var name: String
    public var kind: Kind
    public var fieldNames: [String]
    public let templates: [Template]
    /// Each template's question and answer formats, parsed once for all the notes of this type.
    private let parsedTemplates: [(question: AnkiTemplate, answer: AnkiTemplate)]

    public init(id: String, name: String, kind: Kind, fieldNames: [String], templates: [Template]) {
        self.id = id
        self.name = name
        self.kind = kind
        self.fieldNames = fieldNames
        self.templates = templates
        self.parsedTemplates = templates.map { (AnkiTemplate($0.questionFormat), AnkiTemplate($0.answerFormat)) }
    }

    public static func == (a: Self, b: Self) -> Bool {
        (a.id, a.name, a.kind, a.fieldNames, a.templates) == (b.id, b.name, b.kind, b.fieldNames, b.templates)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(name)
        hasher.combine(kind)
        hasher.combine(fieldNames)
        hasher.combine(templates)
    }

    /// The text of one generated card, still HTML (parts joined with `<br>`); the caller cleans it.
    public struct CardText: Sendable, Hashable {
        /// Template index for standard notes, cloze number − 1 for cloze notes (Anki's `cards.ord`).
        public var ordinal: Int
        public var front: String
        public var back: String
        /// Fields the question side shows before its main field (a chapter name, an instruction).
        public var context: [String]
    }

    /// The cards Anki generates for a note with these raw field values (HTML kept), in ordinal order.
    /// `isEmpty` decides whether a field counts as empty (Anki: nothing but white space).
    ///
    /// - Complexity: O(total template and field length) per note.
    public func cards(fields: [String], isEmpty: (String) -> Bool = { $0.allSatisfy(\.isWhitespace) }) -> [CardText] {
        var values: [String: String] = [:]
        for (index, name) in fieldNames.enumerated() where index < fields.count {
            values[name] = fields[index]
        }
        var present = Set<String>()
        for (name, value) in values where !isEmpty(value) { present.insert(name) }
        let nonEmpty: (String) -> Bool = { present.contains($0) }
        switch kind {
        case .standard:
            var out: [CardText] = []
            for (ordinal, template) in parsedTemplates.enumerated() {
                let shown = template.question.reachedFields(nonEmpty: nonEmpty)
                guard shown.contains(where: { !$0.isSpecial && !$0.isTypeBox && nonEmpty($0.field) }) else { continue }
                let (front, context) = Self.front(of: shown, values: values, nonEmpty: nonEmpty)
                let frontFields = Set(shown.map(\.field))
                let answer = template.answer.reachedFields(nonEmpty: nonEmpty)
                let back = Self.distinctTexts(
                    answer.filter { !$0.isSpecial && !$0.isTypeBox && !frontFields.contains($0.field) }, values: values)
                out.append(
                    CardText(ordinal: ordinal, front: front, back: back.joined(separator: "<br>"), context: context))
            }
            return out
        case .cloze:
            guard let template = parsedTemplates.first else { return [] }
            let shown = template.question.reachedFields(nonEmpty: nonEmpty)
            let clozeFields = shown.filter(\.isCloze).map(\.field)
            var numbers: [Int] = []
            var seen = Set<Int>()
            for field in clozeFields {
                for number in Cloze.numbers(in: values[field] ?? "") where seen.insert(number).inserted {
                    numbers.append(number)
                }
            }
            numbers.sort()
            let context = Self.distinctTexts(
                shown.filter { !$0.isSpecial && !$0.isCloze && !$0.isTypeBox && !$0.isSelfGuarded }, values: values)
            let questionFields = Set(shown.map(\.field))
            let extras = Self.distinctTexts(
                template.answer.reachedFields(nonEmpty: nonEmpty).filter {
                    !$0.isSpecial && !$0.isTypeBox && !questionFields.contains($0.field)
                }, values: values)
            return numbers.map { number in
                var fronts: [String] = []
                var answers: [String] = []
                for field in clozeFields {
                    let (blanked, found) = Cloze.blank(values[field] ?? "", number: number)
                    fronts.append(blanked)
                    answers += found
                }
                let back = ([answers.joined(separator: "; ")] + extras).filter { !$0.isEmpty }
                return CardText(
                    ordinal: number - 1, front: fronts.joined(separator: "<br>"), back: back.joined(separator: "<br>"),
                    context: context)
            }
        }
    }

    /// The main field (last one always shown; else the last shown) and the fields shown before it.
    private static func front(
        of shown: [AnkiTemplate.Replacement], values: [String: String], nonEmpty: (String) -> Bool
    ) -> (String, [String]) {
        let candidates = shown.filter { !$0.isSpecial && !$0.isTypeBox && nonEmpty($0.field) }
        let main = candidates.last(where: { !$0.isSelfGuarded }) ?? candidates.last!
        let mainIndex = candidates.lastIndex(of: main)!
        let before = candidates[..<mainIndex].filter { !$0.isSelfGuarded && $0.field != main.field }
        return (values[main.field] ?? "", distinctTexts(Array(before), values: values))
    }

    private static func distinctTexts(_ replacements: [AnkiTemplate.Replacement], values: [String: String]) -> [String]
    {
        var seen = Set<String>()
        var out: [String] = []
        for replacement in replacements where seen.insert(replacement.field).inserted {
            if let value = values[replacement.field], !value.allSatisfy(\.isWhitespace) { out.append(value) }
        }
        return out
    }
}

/// A parsed Anki card template (`{{Field}}`, `{{filter:Field}}`, `{{#Field}}…{{/Field}}`, `{{^Field}}…`).
struct AnkiTemplate: Sendable {
    /// A field replacement reached when the template is rendered.
    struct Replacement: Hashable {
        var field: String
        var filters: [String]
        /// Shown only inside `{{#field}}…{{/field}}` of its own name: an optional extra.
        var isSelfGuarded: Bool

        static let specialFields: Set<String> = [
            "FrontSide", "Tags", "Deck", "Subdeck", "Type", "Card", "CardFlag", "CardID",
        ]
        var isSpecial: Bool { Self.specialFields.contains(field) }
        var isCloze: Bool { filters.contains("cloze") }
        var isTypeBox: Bool { filters.contains("type") }
    }

    private indirect enum Node: Sendable {
        case replacement(field: String, filters: [String])
        case section(field: String, inverted: Bool, body: [Node])
    }

    private let nodes: [Node]

    init(_ text: String) {
        var tokens: [(kind: Character?, body: String)] = []
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            var body = String(rest[open.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespaces)
            var kind: Character? = nil
            if let first = body.first, "#^/".contains(first) {
                kind = first
                body = String(body.dropFirst()).trimmingCharacters(in: .whitespaces)
            }
            tokens.append((kind, body))
            rest = rest[close.upperBound...]
        }
        var index = 0
        nodes = Self.parse(tokens, &index, until: nil)
    }

    private static func parse(_ tokens: [(kind: Character?, body: String)], _ index: inout Int, until closing: String?)
        -> [Node]
    {
        var out: [Node] = []
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            switch token.kind {
            case "#", "^":
                let body = parse(tokens, &index, until: token.body)
                out.append(.section(field: token.body, inverted: token.kind == "^", body: body))
            case "/":
                if token.body == closing { return out }  // a stray closing tag is ignored, as Anki does
            default:
                var parts = token.body.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
                let field = parts.removeLast().trimmingCharacters(in: .whitespaces)
                // `{{tts en_US:Field}}` and similar: a filter with arguments; keep its name only.
                let filters = parts.map { String($0.split(separator: " ").first ?? "") }
                if !field.isEmpty { out.append(.replacement(field: field, filters: filters)) }
            }
        }
        return out
    }

    /// The replacements rendered for a note whose non-empty fields are given, in template order.
    func reachedFields(nonEmpty: (String) -> Bool) -> [Replacement] {
        var out: [Replacement] = []
        func walk(_ nodes: [Node], guards: [String]) {
            for node in nodes {
                switch node {
                case .replacement(let field, let filters):
                    out.append(Replacement(field: field, filters: filters, isSelfGuarded: guards.contains(field)))
                case .section(let field, let inverted, let body):
                    // Special fields (Tags, Deck) are treated as non-empty: they usually are.
                    let present = Replacement.specialFields.contains(field) || nonEmpty(field)
                    if present != inverted { walk(body, guards: inverted ? guards : guards + [field]) }
                }
            }
        }
        walk(nodes, guards: [])
        return out
    }
}

/// Anki cloze deletions: `{{c1::answer}}`, `{{c2::answer::hint}}`.
enum Cloze {
    /// The distinct cloze numbers in `text`, in order of appearance.
    static func numbers(in text: String) -> [Int] {
        var out: [Int] = []
        var rest = text[...]
        while let open = rest.range(of: "{{c") {
            let after = rest[open.upperBound...]
            let digits = after.prefix { $0.isASCII && $0.isNumber }
            if let number = Int(digits), number > 0, after.dropFirst(digits.count).hasPrefix("::"),
                !out.contains(number)
            {
                out.append(number)
            }
            rest = after
        }
        return out
    }

    /// `text` with cloze `number` blanked (`[...]`, or `[hint]`) and every other cloze shown as its answer;
    /// also the answers of cloze `number`, in order. Nested clozes are read as text.
    static func blank(_ text: String, number: Int) -> (String, [String]) {
        var out = ""
        var answers: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "{{c") {
            let after = rest[open.upperBound...]
            let digits = after.prefix { $0.isASCII && $0.isNumber }
            let body = after.dropFirst(digits.count)
            guard let n = Int(digits), body.hasPrefix("::"), let close = body.range(of: "}}") else {
                out += rest[..<open.upperBound]
                rest = after
                continue
            }
            out += rest[..<open.lowerBound]
            let inner = body[body.index(body.startIndex, offsetBy: 2)..<close.lowerBound]
            let answer: Substring
            let hint: Substring?
            if let separator = inner.range(of: "::") {
                answer = inner[..<separator.lowerBound]
                hint = inner[separator.upperBound...]
            } else {
                answer = inner
                hint = nil
            }
            if n == number {
                answers.append(String(answer))
                out += hint.map { "[\($0)]" } ?? "[...]"
            } else {
                out += answer
            }
            rest = body[close.upperBound...]
        }
        out += rest
        return (out, answers)
    }
}
