/// Collects names and decides which are one concept: names with an equal key (or joined key) are
/// merged, with union–find so that merges found late still join everything they connect.
struct ConceptRegistry: Sendable {
    /// Names given to each entry, in the order they were added.
    private(set) var names: [[NameForm]] = []
    /// Cards about each entry (indices into the cards of the extraction).
    private(set) var cards: [[Int]] = []
    private var parent: [Int] = []
    private var byKey: [String: Int] = [:]

    var entryCount: Int { names.count }

    /// Adds a name; returns its concept (merged with any concept already holding one of its keys).
    @discardableResult
    mutating func add(_ name: NameForm, card: Int? = nil) -> Int {
        var id =
            lookup(name)
            ?? {
                names.append([])
                cards.append([])
                parent.append(names.count - 1)
                return names.count - 1
            }()
        for key in [name.key, name.joinedKey] {
            if let other = byKey[key] { id = union(id, other) }
        }
        byKey[name.key] = id
        byKey[name.joinedKey] = id
        names[id].append(name)
        if let card { cards[id].append(card) }
        return id
    }

    /// Records that `name` is another name of concept `id` ("CLV" ↔ "customer lifetime value").
    @discardableResult
    mutating func addAlias(_ name: NameForm, of id: Int) -> Int {
        let merged = add(name)
        return union(merged, id)
    }

    /// Marks `card` as being about concept `id`.
    mutating func attach(card: Int, to id: Int) {
        cards[find(id)].append(card)
    }

    /// The concept holding this name's key, if any.
    func lookup(_ name: NameForm) -> Int? {
        if let id = byKey[name.key] { return find(id) }
        if let id = byKey[name.joinedKey] { return find(id) }
        return nil
    }

    /// The concept with this folded key, if any.
    func lookup(key: String) -> Int? {
        byKey[key].map(find)
    }

    /// The representative of `id`'s merged group.
    func find(_ id: Int) -> Int {
        var current = id
        while parent[current] != current { current = parent[current] }
        return current
    }

    /// Merges two concepts; the one created first represents both (keeps output order stable).
    @discardableResult
    mutating func union(_ a: Int, _ b: Int) -> Int {
        let rootA = find(a)
        let rootB = find(b)
        guard rootA != rootB else { return rootA }
        let (keep, drop) = rootA < rootB ? (rootA, rootB) : (rootB, rootA)
        parent[drop] = keep
        names[keep].append(contentsOf: names[drop])
        names[drop] = []
        cards[keep].append(contentsOf: cards[drop])
        cards[drop] = []
        // Path compression for the dropped entries' chains is done lazily by `compress()`.
        return keep
    }

    /// Points every entry straight at its representative (call once registration is done).
    mutating func compress() {
        for id in parent.indices { parent[id] = find(id) }
    }

    /// Every representative, in creation order.
    var roots: [Int] { parent.indices.filter { parent[$0] == $0 } }
}
