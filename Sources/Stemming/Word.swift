/// One word being stemmed: its bytes and the starts of its regions R1 and R2.
///
/// Steps work backwards from the end of `b`, as in the Snowball description:
/// a suffix "is in R1" when it starts at or after `p1`.
struct Word {
    /// The letters; a consonant `y` is held as `Y` between the prelude and the postlude.
    var b: [UInt8]
    /// Start of R1 (`b.count` when R1 is empty).
    var p1 = 0
    /// Start of R2 (`b.count` when R2 is empty).
    var p2 = 0

    init(_ bytes: [UInt8]) { b = bytes }

    /// The whole algorithm: exceptional forms, short words, prelude, regions, steps 0–5, postlude.
    mutating func stem() {
        if let special = Exceptions.exceptionalForm(b) {
            b = special
            return
        }
        // Words of one or two letters are left as they are.
        guard b.count > 2 else { return }
        removeInitialApostrophe()
        markConsonantY()
        markRegions()
        step0()
        step1a()
        step1b()
        step1c()
        step2()
        step3()
        step4()
        step5()
        unmarkConsonantY()
    }

    // MARK: Letters

    /// A vowel is one of a e i o u y (a marked `Y` is a consonant).
    @inline(__always) func isVowel(_ c: UInt8) -> Bool {
        c == Letter.a || c == Letter.e || c == Letter.i || c == Letter.o || c == Letter.u || c == Letter.y
    }

    /// Whether the word ends with `suffix`.
    @inline(__always) func hasSuffix(_ suffix: StaticString) -> Bool {
        let n = suffix.utf8CodeUnitCount
        guard n <= b.count else { return false }
        let start = b.count - n
        return suffix.withUTF8Buffer { s in
            var k = n - 1
            while k >= 0 {
                if s[k] != b[start + k] { return false }
                k -= 1
            }
            return true
        }
    }

    /// Whether `b[0..<end]` is exactly `text`.
    @inline(__always) func prefix(upTo end: Int, is text: StaticString) -> Bool {
        guard end == text.utf8CodeUnitCount, end <= b.count else { return false }
        return text.withUTF8Buffer { s in
            for k in 0..<end where s[k] != b[k] { return false }
            return true
        }
    }

    /// Whether the word starts with `text`.
    @inline(__always) func hasPrefix(_ text: StaticString) -> Bool {
        let n = text.utf8CodeUnitCount
        guard n <= b.count else { return false }
        return text.withUTF8Buffer { s in
            for k in 0..<n where s[k] != b[k] { return false }
            return true
        }
    }

    /// Replaces everything from `start` to the end with `replacement`.
    @inline(__always) mutating func replace(from start: Int, with replacement: StaticString) {
        b.removeSubrange(start...)
        replacement.withUTF8Buffer { b.append(contentsOf: $0) }
    }

    /// Whether there is a vowel in `b[0..<end]`.
    func containsVowel(before end: Int) -> Bool {
        var k = 0
        while k < end {
            if isVowel(b[k]) { return true }
            k += 1
        }
        return false
    }

    /// Whether `b[0..<end]` ends with a short syllable: a non-vowel, a vowel, then a
    /// non-vowel other than w, x or Y; or a vowel then a non-vowel making up the
    /// whole word; or (Snowball 3) exactly `past`.
    func endsWithShortSyllable(_ end: Int) -> Bool {
        guard end >= 2, end <= b.count else { return false }
        if end == 4, prefix(upTo: 4, is: "past") { return true }
        let last = b[end - 1]
        let middle = b[end - 2]
        if isVowel(last) || !isVowel(middle) { return false }
        if end == 2 { return true }
        return !isVowel(b[end - 3]) && last != Letter.w && last != Letter.x && last != Letter.consonantY
    }

    // MARK: Prelude, regions, postlude

    /// Removes one initial apostrophe.
    mutating func removeInitialApostrophe() {
        if b.first == Letter.apostrophe { b.removeFirst() }
    }

    /// Marks an initial `y`, and a `y` after a vowel, as the consonant `Y`.
    mutating func markConsonantY() {
        guard !b.isEmpty else { return }
        if b[0] == Letter.y { b[0] = Letter.consonantY }
        var k = 1
        while k < b.count {
            if b[k] == Letter.y, isVowel(b[k - 1]) { b[k] = Letter.consonantY }
            k += 1
        }
    }

    /// Turns every `Y` back into `y`.
    mutating func unmarkConsonantY() {
        for k in b.indices where b[k] == Letter.consonantY { b[k] = Letter.y }
    }

    /// The position after the first non-vowel that follows a vowel, at or after `from`.
    func regionStart(from: Int) -> Int {
        var k = from
        while k < b.count, !isVowel(b[k]) { k += 1 }
        while k < b.count, isVowel(b[k]) { k += 1 }
        return min(k + 1, b.count)
    }

    /// Sets R1 and R2; words beginning with one of the special prefixes have R1 right after it
    /// (so e.g. `general` and `generate` are kept apart).
    mutating func markRegions() {
        p1 = -1
        for special in Exceptions.regionPrefixes where hasPrefix(special) {
            p1 = special.utf8CodeUnitCount
            break
        }
        if p1 < 0 { p1 = regionStart(from: 0) }
        p2 = regionStart(from: p1)
    }

    // MARK: Steps

    /// Step 0: remove the longest of the suffixes `'s'`, `'s`, `'`.
    mutating func step0() {
        if hasSuffix("'s'") {
            b.removeLast(3)
        } else if hasSuffix("'s") {
            b.removeLast(2)
        } else if hasSuffix("'") {
            b.removeLast(1)
        }
    }

    /// Step 1a: plural and `-ied` endings (`sses` → `ss`, `ies`/`ied` → `i` or `ie`,
    /// `s` deleted after a part with an earlier vowel; `us`, `ss` kept).
    mutating func step1a() {
        if hasSuffix("sses") {
            b.removeLast(2)
        } else if hasSuffix("ied") || hasSuffix("ies") {
            // `ties` → `tie` but `cries` → `cri`.
            replace(from: b.count - 3, with: b.count > 4 ? "i" : "ie")
        } else if hasSuffix("us") || hasSuffix("ss") {
            return
        } else if hasSuffix("s") {
            // The letter right before the `s` does not count (`gas`, `this` keep it).
            if containsVowel(before: b.count - 2) { b.removeLast() }
        }
    }

    /// Step 1b: `-eed(ly)` → `-ee` in R1; `-ed(ly)`, `-ing(ly)` removed after a vowel,
    /// then the stem is tidied (`luxuriat` → `luxuriate`, `hopp` → `hop`, `hop` → `hope`).
    mutating func step1b() {
        let n = b.count
        if hasSuffix("eedly") || hasSuffix("eed") {
            let start = hasSuffix("eedly") ? n - 5 : n - 3
            // `proceed`, `exceed`, `succeed` are not past participles.
            for stem in Exceptions.eedStems where prefix(upTo: start, is: stem) { return }
            if start >= p1 { replace(from: start, with: "ee") }
            return
        }
        let start: Int
        if hasSuffix("ingly") {
            start = n - 5
        } else if hasSuffix("edly") {
            start = n - 4
        } else if hasSuffix("ing") {
            start = n - 3
            // A non-vowel then `y`: `dying` → `die`, `lying` → `lie`, `tying` → `tie`.
            if start == 2, !isVowel(b[0]), b[1] == Letter.y {
                replace(from: 1, with: "ie")
                return
            }
            // `inning`, `outing`, `canning`, `herring`, `earring`, `evening` stay.
            for stem in Exceptions.ingStems where prefix(upTo: start, is: stem) { return }
        } else if hasSuffix("ed") {
            start = n - 2
        } else {
            return
        }
        guard containsVowel(before: start) else { return }
        b.removeSubrange(start...)
        if hasSuffix("at") || hasSuffix("bl") || hasSuffix("iz") {
            b.append(Letter.e)
        } else if endsWithDouble() {
            // `hopp` → `hop`, but `add`, `egg`, `off` keep their double.
            let afterAEO = b.count == 3 && (b[0] == Letter.a || b[0] == Letter.e || b[0] == Letter.o)
            if !afterAEO { b.removeLast() }
        } else if p1 == b.count, endsWithShortSyllable(b.count) {
            // A short word gets its `e` back: `hop` → `hope`.
            b.append(Letter.e)
        }
    }

    /// Whether the word ends with one of bb dd ff gg mm nn pp rr tt.
    func endsWithDouble() -> Bool {
        let n = b.count
        guard n >= 2, b[n - 1] == b[n - 2] else { return false }
        switch b[n - 1] {
        case UInt8(ascii: "b"), UInt8(ascii: "d"), UInt8(ascii: "f"), UInt8(ascii: "g"),
            UInt8(ascii: "m"), UInt8(ascii: "n"), UInt8(ascii: "p"), UInt8(ascii: "r"),
            UInt8(ascii: "t"):
            return true
        default:
            return false
        }
    }

    /// Step 1c: a final `y`/`Y` after a non-vowel that is not the first letter becomes `i`
    /// (`cry` → `cri`, but `by`, `say` stay).
    mutating func step1c() {
        let n = b.count
        guard n >= 3, b[n - 1] == Letter.y || b[n - 1] == Letter.consonantY, !isVowel(b[n - 2]) else { return }
        b[n - 1] = Letter.i
    }

    /// Step 2: derivational suffixes in R1 (`-ational` → `-ate`, `-iveness` → `-ive`, …).
    mutating func step2() { applyLongest(Rules.step2, region: p1) }

    /// Step 3: more derivational suffixes in R1 (`-alize` → `-al`, `-ful`, `-ness`, `-ative` in R2).
    mutating func step3() { applyLongest(Rules.step3, region: p1) }

    /// Step 4: suffixes removed in R2 (`-ance`, `-ment`, `-ion` after s or t, …).
    mutating func step4() { applyLongest(Rules.step4, region: p2) }

    /// Step 5: a final `e` in R2, or in R1 not after a short syllable; `ll` → `l` in R2.
    mutating func step5() {
        let n = b.count
        guard n >= 1 else { return }
        let start = n - 1
        if b[start] == Letter.e {
            if start >= p2 || (start >= p1 && !endsWithShortSyllable(start)) { b.removeLast() }
        } else if b[start] == Letter.l {
            if start >= p2, start >= 1, b[start - 1] == Letter.l { b.removeLast() }
        }
    }

    /// Finds the longest suffix of `rules` the word has; if it starts in the region
    /// (and its extra condition holds) replaces it. A longest match that fails
    /// its condition ends the step: shorter suffixes are not tried, as in Snowball.
    mutating func applyLongest(_ rules: [Rule], region: Int) {
        for rule in rules where hasSuffix(rule.suffix) {
            let start = b.count - rule.suffix.utf8CodeUnitCount
            guard start >= region, holds(rule.condition, before: start) else { return }
            replace(from: start, with: rule.replacement)
            return
        }
    }

    /// Whether a rule's extra condition holds for a suffix starting at `start`.
    func holds(_ condition: Rule.Condition, before start: Int) -> Bool {
        let previous = start > 0 ? b[start - 1] : 0
        switch condition {
        case .none: return true
        case .inR2: return start >= p2
        case .afterL: return previous == Letter.l
        case .afterSOrT: return previous == Letter.s || previous == Letter.t
        case .afterValidLI:
            // c d e g h k m n r t
            switch previous {
            case UInt8(ascii: "c"), UInt8(ascii: "d"), UInt8(ascii: "e"), UInt8(ascii: "g"),
                UInt8(ascii: "h"), UInt8(ascii: "k"), UInt8(ascii: "m"), UInt8(ascii: "n"),
                UInt8(ascii: "r"), UInt8(ascii: "t"):
                return true
            default:
                return false
            }
        }
    }
}
