/// A minimal binary min-heap of `Int32` (used with precomputed ranks as keys).
struct MinHeap32 {
    var items: [Int32] = []
    var isEmpty: Bool { items.isEmpty }
    var min: Int32? { items.first }

    mutating func push(_ x: Int32) {
        items.append(x)
        var i = items.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            if items[p] <= x { break }
            items[i] = items[p]
            i = p
        }
        items[i] = x
    }

    mutating func pop() -> Int32? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if items.isEmpty { return top }
        var i = 0
        let n = items.count
        while true {
            var child = 2 * i + 1
            if child >= n { break }
            if child + 1 < n && items[child + 1] < items[child] { child += 1 }
            if items[child] >= last { break }
            items[i] = items[child]
            i = child
        }
        items[i] = last
        return top
    }
}
