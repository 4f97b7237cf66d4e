// Design note: the browser without a terminal.
// Everything the full-screen browser does — where the cursor is, what a key does, what each line of
// the screen says — lives here as plain values, so it is tested without a terminal. The terminal
// module only turns keys into `BrowserKey`s and paints `BrowserScreen` lines. The hierarchy is walked
// as a stack of levels (the top level, then the children of each concept entered); jumping to a
// concept from a search or a prerequisite list rebuilds that stack along its first parents.

/// A key press, as the browser understands it.
public enum BrowserKey: Sendable, Equatable {
    case up, down, left, right, enter, escape, backspace, pageUp, pageDown, home, end
    case character(Character)
}

/// How a piece of a screen line is drawn.
public enum BrowserAttribute: Sendable, Equatable {
    case normal, bold, dim, selected, title
}

/// One line of the screen, in pieces with their attributes.
public struct BrowserLine: Sendable, Equatable {
    public var pieces: [(text: String, attribute: BrowserAttribute)]

    public init(_ pieces: [(String, BrowserAttribute)]) { self.pieces = pieces.map { (text: $0.0, attribute: $0.1) } }

    /// The line's text without attributes.
    public var text: String { pieces.map(\.text).joined() }

    public static func == (a: BrowserLine, b: BrowserLine) -> Bool {
        a.pieces.map(\.text) == b.pieces.map(\.text) && a.pieces.map(\.attribute) == b.pieces.map(\.attribute)
    }
}

/// The state of the browser and what each key does to it.
public struct BrowserModel: Sendable {
    /// One level of the hierarchy being walked: its concepts and the cursor.
    public struct Level: Sendable, Equatable {
        public var parent: Int?
        public var items: [Int]
        public var cursor: Int
    }

    /// What the screen shows.
    public enum Mode: Sendable, Equatable {
        case hierarchy
        /// The cards of the selected concept, scrolled by `offset` lines.
        case cards(offset: Int)
        /// A list to pick a concept from (prerequisites, search results).
        case list(title: String, items: [Int], cursor: Int)
        /// Typing a search.
        case searchPrompt(text: String)
    }

    public let explorer: Explorer
    public private(set) var levels: [Level]
    public private(set) var mode: Mode = .hierarchy
    /// A one-line message shown in the status line until the next key.
    public private(set) var message: String?
    /// Set once `q` is pressed.
    public private(set) var quit = false
    private var childCount: [Int]
    private var indexOfID: [String: Int]

    /// Starts at the top of the hierarchy.
    /// - Complexity: O(V + E).
    public init(explorer: Explorer) {
        self.explorer = explorer
        let top = explorer.topLevel
        self.levels = [Level(parent: nil, items: top, cursor: 0)]
        let n = explorer.graph.concepts.count
        self.childCount = (0..<n).map { explorer.edges(of: $0, kind: .broader, incoming: false).count }
        var ids: [String: Int] = [:]
        for (i, c) in explorer.graph.concepts.enumerated() { ids[c.id] = i }
        self.indexOfID = ids
    }

    /// The concept under the cursor in the hierarchy.
    public var selected: Int? {
        guard let level = levels.last, level.items.indices.contains(level.cursor) else { return nil }
        return level.items[level.cursor]
    }

    /// The labels from the top to the current level.
    public var breadcrumb: [String] {
        levels.compactMap { $0.parent.map { explorer.graph.concepts[$0].label } }
    }

    // MARK: keys

    /// Applies one key press.
    public mutating func handle(_ key: BrowserKey, pageSize: Int = 10) {
        message = nil
        if case .searchPrompt(let text) = mode {
            typeSearch(key, text: text)
            return
        }
        if key == .character("q") {
            quit = true
            return
        }
        switch mode {
        case .hierarchy: handleHierarchy(key, pageSize: pageSize)
        case .cards(let offset): handleCards(key, offset: offset, pageSize: pageSize)
        case .list(let title, let items, let cursor): handleList(key, title: title, items: items, cursor: cursor)
        case .searchPrompt: break
        }
    }

    private mutating func handleHierarchy(_ key: BrowserKey, pageSize: Int) {
        switch key {
        case .up: moveCursor(by: -1)
        case .down: moveCursor(by: 1)
        case .pageUp: moveCursor(by: -pageSize)
        case .pageDown: moveCursor(by: pageSize)
        case .home: moveCursor(by: -Int(Int32.max))
        case .end: moveCursor(by: Int(Int32.max))
        case .right, .character("l"): enterChild()
        case .left, .character("h"), .backspace: toParent()
        case .enter:
            if selected != nil { mode = .cards(offset: 0) }
        case .character("p"):
            guard let concept = selected else { return }
            let prerequisites = explorer.prerequisites(of: concept).prerequisites.compactMap { indexOfID[$0.id] }
            if prerequisites.isEmpty {
                message = "Nothing to learn before \(explorer.graph.concepts[concept].label)."
            } else {
                mode = .list(
                    title: "Before \(explorer.graph.concepts[concept].label), in study order", items: prerequisites,
                    cursor: 0)
            }
        case .character("/"): mode = .searchPrompt(text: "")
        default: break
        }
    }

    private mutating func handleCards(_ key: BrowserKey, offset: Int, pageSize: Int) {
        switch key {
        case .up: mode = .cards(offset: max(0, offset - 1))
        case .down: mode = .cards(offset: offset + 1)
        case .pageUp: mode = .cards(offset: max(0, offset - pageSize))
        case .pageDown: mode = .cards(offset: offset + pageSize)
        case .left, .escape, .enter, .backspace, .character("h"): mode = .hierarchy
        default: break
        }
    }

    private mutating func handleList(_ key: BrowserKey, title: String, items: [Int], cursor: Int) {
        switch key {
        case .up: mode = .list(title: title, items: items, cursor: max(0, cursor - 1))
        case .down: mode = .list(title: title, items: items, cursor: min(items.count - 1, cursor + 1))
        case .enter, .right:
            jump(to: items[cursor])
            mode = .hierarchy
        case .left, .escape, .backspace, .character("h"): mode = .hierarchy
        case .character("/"): mode = .searchPrompt(text: "")
        default: break
        }
    }

    private mutating func typeSearch(_ key: BrowserKey, text: String) {
        switch key {
        case .escape: mode = .hierarchy
        case .backspace: mode = .searchPrompt(text: String(text.dropLast()))
        case .character(let c): mode = .searchPrompt(text: text + String(c))
        case .enter:
            let found = explorer.search(text, limit: 200).concepts.compactMap { indexOfID[$0.id] }
            if found.isEmpty {
                mode = .hierarchy
                message = "Nothing matches \"\(text)\"."
            } else {
                mode = .list(title: "Concepts matching \"\(text)\"", items: found, cursor: 0)
            }
        default: break
        }
    }

    private mutating func moveCursor(by delta: Int) {
        guard var level = levels.popLast() else { return }
        if !level.items.isEmpty {
            let target = Int(clamping: Int64(level.cursor) + Int64(delta))
            level.cursor = min(max(0, target), level.items.count - 1)
        }
        levels.append(level)
    }

    /// → : into the children of the selected concept.
    public mutating func enterChild() {
        guard let concept = selected else { return }
        let children = explorer.analyzed.children(of: concept)
        if children.isEmpty {
            message = "\(explorer.graph.concepts[concept].label) has no narrower concepts."
            return
        }
        levels.append(Level(parent: concept, items: children, cursor: 0))
    }

    /// ← : back to the level above, the cursor on the concept we came from.
    public mutating func toParent() {
        if levels.count > 1 {
            levels.removeLast()
        } else {
            message = "Already at the top."
        }
    }

    /// Shows `concept` in the hierarchy, along its first parents from the top.
    public mutating func jump(to concept: Int) {
        var chain = [concept]
        var visited: Set<Int> = [concept]
        while let parent = explorer.analyzed.parents(of: chain[0]).first(where: { !visited.contains($0) }) {
            visited.insert(parent)
            chain.insert(parent, at: 0)
        }
        let top = explorer.topLevel
        var newLevels = [Level(parent: nil, items: top, cursor: top.firstIndex(of: chain[0]) ?? 0)]
        for (parent, child) in zip(chain, chain.dropFirst()) {
            let children = explorer.analyzed.children(of: parent)
            newLevels.append(Level(parent: parent, items: children, cursor: children.firstIndex(of: child) ?? 0))
        }
        levels = newLevels
    }

    // MARK: screen

    /// The screen, `height` lines of at most `width` characters.
    public func screen(width: Int, height: Int) -> [BrowserLine] {
        guard width >= 20, height >= 5 else { return [BrowserLine([("Window too small", .bold)])] }
        var lines: [BrowserLine] = []
        let bodyHeight = height - 2
        switch mode {
        case .hierarchy, .searchPrompt:
            let path = (["ConceptGraph"] + breadcrumb).joined(separator: " › ")
            lines.append(BrowserLine([(fit(path, width), .title)]))
            lines += hierarchyBody(width: width, height: bodyHeight)
        case .cards(let offset):
            let label = selected.map { explorer.graph.concepts[$0].label } ?? ""
            lines.append(BrowserLine([(fit("Cards of \(label)", width), .title)]))
            let body = cardLines(width: width)
            let start = min(offset, max(0, body.count - bodyHeight))
            lines += body.dropFirst(start).prefix(bodyHeight)
        case .list(let title, let items, let cursor):
            lines.append(BrowserLine([(fit(title, width), .title)]))
            let start = max(0, min(cursor - bodyHeight / 2, items.count - bodyHeight))
            for (i, concept) in items.enumerated().dropFirst(start).prefix(bodyHeight) {
                let step = explorer.analyzed.orderPosition[concept] + 1
                let text = fit(" \(step). \(explorer.graph.concepts[concept].label)", width)
                lines.append(BrowserLine([(text, i == cursor ? .selected : .normal)]))
            }
        }
        while lines.count < height - 1 { lines.append(BrowserLine([])) }
        lines.append(statusLine(width: width))
        return lines
    }

    private func statusLine(width: Int) -> BrowserLine {
        if case .searchPrompt(let text) = mode { return BrowserLine([(fit("Search: " + text + "▏", width), .bold)]) }
        if let message { return BrowserLine([(fit(message, width), .bold)]) }
        let help: String
        switch mode {
        case .hierarchy: help = "↑↓ move  ← parent  → narrower  ⏎ cards  p prerequisites  / search  q quit"
        case .cards: help = "↑↓ scroll  ← back  q quit"
        case .list: help = "↑↓ move  ⏎ go to  ← back  / search  q quit"
        case .searchPrompt: help = ""
        }
        return BrowserLine([(fit(help, width), .dim)])
    }

    private func hierarchyBody(width: Int, height: Int) -> [BrowserLine] {
        guard let level = levels.last else { return [] }
        let leftWidth = max(16, min(48, width * 2 / 5))
        let rightWidth = width - leftWidth - 3
        let start = max(0, min(level.cursor - height / 2, level.items.count - height))
        var left: [(String, BrowserAttribute)] = []
        for (i, concept) in level.items.enumerated().dropFirst(start).prefix(height) {
            let marker = childCount[concept] > 0 ? "▸ " : "  "
            let text = pad(fit(marker + explorer.graph.concepts[concept].label, leftWidth), leftWidth)
            left.append((text, i == level.cursor ? .selected : .normal))
        }
        if level.items.isEmpty { left.append((pad("(empty)", leftWidth), .dim)) }
        let right = selected.map { details(of: $0, width: rightWidth) } ?? []
        return (0..<height).map { row in
            var pieces: [(String, BrowserAttribute)] = [
                row < left.count ? left[row] : (String(repeating: " ", count: leftWidth), .normal), (" │ ", .dim),
            ]
            if row < right.count { pieces.append(right[row]) }
            return BrowserLine(pieces)
        }
    }

    private func details(of concept: Int, width: Int) -> [(String, BrowserAttribute)] {
        let c = explorer.graph.concepts[concept]
        var out: [(String, BrowserAttribute)] = [(fit(c.label, width), .bold)]
        let parents = explorer.analyzed.parents(of: concept).map { explorer.graph.concepts[$0].label }
        let prerequisites = explorer.edges(of: concept, kind: .requires, incoming: true).count
        out.append(
            (
                fit(
                    "\(c.cards.count) card\(c.cards.count == 1 ? "" : "s") · \(childCount[concept]) narrower · "
                        + "\(prerequisites) prerequisite\(prerequisites == 1 ? "" : "s")", width), .dim
            ))
        if !parents.isEmpty { out.append((fit("under " + parents.joined(separator: ", "), width), .dim)) }
        let cluster = explorer.analyzed.cluster[concept]
        out.append((fit("cluster \(cluster) “\(explorer.analyzed.clusterNames[cluster])”", width), .dim))
        out.append(("", .normal))
        let text = c.cards.first.map { explorer.graph.cards[$0].back } ?? c.definition
        for line in wrap(text, width: width).prefix(12) { out.append((line, .normal)) }
        return out
    }

    private func cardLines(width: Int) -> [BrowserLine] {
        guard let concept = selected else { return [] }
        let c = explorer.graph.concepts[concept]
        var lines: [BrowserLine] = []
        if c.cards.isEmpty {
            lines.append(BrowserLine([("No card is about this concept; it is named in answers.", .dim)]))
            for line in wrap(c.definition, width: width) { lines.append(BrowserLine([(line, .normal)])) }
        }
        for card in c.cards {
            let view = explorer.card(card)
            lines.append(BrowserLine([(fit(view.location, width), .dim)]))
            for line in wrap(view.front, width: width) { lines.append(BrowserLine([(line, .bold)])) }
            for line in wrap(view.back, width: width - 2) { lines.append(BrowserLine([("  " + line, .normal)])) }
            lines.append(BrowserLine([]))
        }
        return lines
    }
}

/// Cuts `text` to `width` characters (an ellipsis marks the cut) and keeps it on one line.
func fit(_ text: String, _ width: Int) -> String {
    let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
    guard flat.count > width else { return flat }
    return width <= 1 ? String(flat.prefix(width)) : String(flat.prefix(width - 1)) + "…"
}

func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

/// Wraps `text` at spaces to lines of at most `width` characters, keeping its line breaks.
func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
        var line = ""
        for word in paragraph.split(separator: " ") {
            var word = String(word)
            while word.count > width {
                if !line.isEmpty {
                    lines.append(line)
                    line = ""
                }
                lines.append(String(word.prefix(width)))
                word = String(word.dropFirst(width))
            }
            if line.isEmpty {
                line = word
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = word
            }
        }
        lines.append(line)
    }
    return lines
}
