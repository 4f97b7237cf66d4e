// libFuzzer target for every deck reader (see Scripts/fuzz.sh). No `main`: libFuzzer provides it.
//
// One binary serves every reader; `FUZZ_READER=<name>` picks one (Scripts/fuzz.sh runs each).
// Every `DeckFormat` case is fuzzed automatically; a reader with another entry point is one more
// line in `readers`.
import DeckReading

#if canImport(Glibc)
    import Glibc
#endif

/// Name → how to read bytes with that reader. `auto` is what a user's run does (format sniffed).
nonisolated(unsafe) let readers: [(name: String, read: ([UInt8]) -> DeckLoader.Result)] =
    [("auto", { DeckLoader().read(bytes: $0, path: "fuzz/deck.txt") })]
    + DeckFormat.allCases.map { format in
        (format.rawValue, { DeckLoader(format: format).read(bytes: $0, path: "fuzz/deck.\(format.rawValue)") })
    }

nonisolated(unsafe) var selected: ([UInt8]) -> DeckLoader.Result = readers[0].read

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>)
    -> Int32
{
    if getenv("FUZZ_LIST") != nil {
        for reader in readers { print(reader.name) }
        exit(0)
    }
    let name = getenv("FUZZ_READER").map { String(cString: $0) } ?? "auto"
    guard let reader = readers.first(where: { $0.name == name }) else {
        print("FuzzReaders: unknown FUZZ_READER=\(name); one of \(readers.map(\.name))")
        exit(2)
    }
    selected = reader.read
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let result = selected(bytes)
    // Invariants a user relies on: every problem and every card points at a line of the file (or 0).
    var lines = 1
    for byte in bytes where byte == 0x0A || byte == 0x0D { lines += 1 }
    for problem in result.errors + result.warnings {
        precondition(problem.location.line >= 0 && problem.location.line <= lines, "\(problem) is past the end")
        precondition(!problem.message.isEmpty)
    }
    for deck in result.decks {
        precondition(!deck.cards.isEmpty, "a deck without cards was returned")
        for card in deck.cards {
            // Line 0 is the whole file: a CrowdAnki note without a guid has no line of its own.
            precondition(card.location.line >= 0 && card.location.line <= lines, "card at \(card.location)")
            precondition(!card.front.isEmpty, "a card with an empty front at \(card.location)")
        }
    }
    return 0
}
