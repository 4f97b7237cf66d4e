/// Text and number formatting shared by the exporters.
enum ExportText {
    /// `text` with every character XML 1.0 forbids removed: C0 controls other than TAB, LF and CR,
    /// U+FFFE and U+FFFF. (Swift strings cannot hold lone surrogates; `isXMLChar` still rejects them.)
    ///
    /// - Complexity: O(n); returns `text` itself when nothing needs removing.
    static func xmlSafe(_ text: String) -> String {
        // Fast path: a forbidden character shows up in UTF-8 as a byte below 0x20, or starts with
        // 0xEF (U+FFFE/U+FFFF; other U+F000–U+FFFF characters just take the slow path).
        var contiguous = text
        let clean = contiguous.withUTF8 { bytes in !bytes.contains(where: mayStartForbidden) }
        if clean { return contiguous }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where isXMLChar(scalar.value) { scalars.append(scalar) }
        return String(scalars)
    }

    /// Whether a UTF-8 byte may begin a character XML forbids: a C0 control other than TAB, LF and CR,
    /// or 0xEF, the lead byte of U+FFFE/U+FFFF (and of other U+F000–U+FFFF characters, which are allowed).
    static func mayStartForbidden(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0xEF
    }

    /// XML 1.0 `Char`: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
    static func isXMLChar(_ value: UInt32) -> Bool {
        switch value {
        case 0x09, 0x0A, 0x0D: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// A double as the shortest text that reads back to the same value, the same on every machine:
    /// `1.0`, `0.1`, `1e-05`, and `NaN`, `INF`, `-INF` as GraphML readers (and `xs:double`) expect.
    static func double(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-INF" : "INF" }
        return value.description
    }
}

/// Export-safe node ids, shared by GraphML and DOT so both files name nodes the same way.
///
/// Each id is a non-empty `xs:NMTOKEN` made only of ASCII letters, digits, `.`, `-` and `_`, and
/// ids are unique. A `Concept.id` that already has that form keeps it (first one wins when two are
/// equal); other ids are slugged, an empty slug becomes `n<index>`, and a taken id gets the first
/// free suffix `-2`, `-3`, …. The result depends only on the sequence of input ids.
struct NodeIdentifiers {
    let ids: [String]

    init<S: Sequence>(_ rawIDs: S) where S.Element == String {
        let raw = Array(rawIDs)
        var result = [String?](repeating: nil, count: raw.count)
        var taken = Set<String>()
        taken.reserveCapacity(raw.count)
        // Pass 1: ids that are already safe keep their name.
        for (index, id) in raw.enumerated() where Self.isSafe(id) && !taken.contains(id) {
            taken.insert(id)
            result[index] = id
        }
        // Pass 2: slug the others and make them unique.
        var nextSuffix: [String: Int] = [:]
        for index in raw.indices where result[index] == nil {
            var base = Self.slug(raw[index])
            if base.isEmpty { base = "n\(index)" }
            var candidate = base
            var suffix = nextSuffix[base] ?? 2
            while taken.contains(candidate) {
                candidate = "\(base)-\(suffix)"
                suffix += 1
            }
            nextSuffix[base] = suffix
            taken.insert(candidate)
            result[index] = candidate
        }
        ids = result.map { $0! }
    }

    static func isSafeByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }

    static func isSafe(_ id: String) -> Bool { !id.isEmpty && id.utf8.allSatisfy(isSafeByte) }

    /// Safe bytes kept; every run of other characters becomes one `-`; `-` trimmed at both ends.
    static func slug(_ id: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(id.utf8.count)
        var pendingDash = false
        for byte in id.utf8 {
            if isSafeByte(byte) {
                if pendingDash && !bytes.isEmpty { bytes.append(UInt8(ascii: "-")) }
                pendingDash = false
                bytes.append(byte)
            } else {
                pendingDash = true
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
