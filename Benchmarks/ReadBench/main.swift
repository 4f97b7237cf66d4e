// Reads deck files the way `conceptgraph` does and reports what it read: for measuring the readers'
// time and peak memory on large files without extraction (`/usr/bin/time -v`, release build).
//
//     swift build -c release --product ReadBench
//     /usr/bin/time -v .build/release/ReadBench big.tsv
import DeckReading
import Foundation

// `--foundation-read`: the way files were read before (FileManager's Data, then a [UInt8] copy of it),
// for comparison.
let foundationRead = CommandLine.arguments.contains("--foundation-read")
let paths = CommandLine.arguments.dropFirst().filter { $0 != "--foundation-read" }
guard !paths.isEmpty else {
    print("usage: ReadBench DECK...")
    exit(2)
}
let started = Date()
var result = DeckLoader.Result(decks: [], errors: [])
if foundationRead {
    for path in paths {
        let data = FileManager.default.contents(atPath: path) ?? Data()
        let partial = DeckLoader().read(bytes: [UInt8](data), path: path)
        result.decks += partial.decks
        result.errors += partial.errors
        result.warnings += partial.warnings
    }
} else {
    result = DeckLoader().load(paths: paths)
}
let seconds = Date().timeIntervalSince(started)
let textBytes = result.cards.reduce(0) { $0 + $1.front.utf8.count + $1.back.utf8.count }
print(
    "\(result.decks.count) decks, \(result.cards.count) cards, \(textBytes) bytes of card text, "
        + "\(result.errors.count) errors, \(result.warnings.count) warnings, "
        + String(format: "%.2f s", seconds))
