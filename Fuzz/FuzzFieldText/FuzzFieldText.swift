// libFuzzer target for the field cleaner (HTML through libxml2, Anki clozes, white space).
// No `main`: libFuzzer provides it. The first byte picks the HTML mode (detect / force / off).
import DeckReading

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let html: Bool? = [nil, true, false][Int(data[0]) % 3]
    let raw = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    let text = FieldText.clean(raw, html: html)
    if text.isEmpty { return 0 }
    // The cleaned text is tidy: no empty line, no edge or double space, no tab or CR.
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        precondition(!line.isEmpty, "empty line in \(text.debugDescription)")
        precondition(line.first != " " && line.last != " ", "edge space in \(line.debugDescription)")
        precondition(
            !line.contains("  ") && !line.contains("\t") && !line.contains("\r"), "untidy \(line.debugDescription)")
    }
    return 0
}
