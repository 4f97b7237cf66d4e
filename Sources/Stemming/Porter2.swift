/// The English stemmer of the Snowball project ("Porter2"), as described at
/// snowballstem.org/algorithms/english/stemmer.html in its Snowball 3 revision
/// (R1 prefixes gener/commun/arsen/past/univers/later/emerg/inter/organ, `-ogist`,
/// no undoubling after exactly a/e/o, the `-eed`/`-ing` exceptions inside step 1b),
/// checked against the output of snowballstemmer 3.1.1.
///
/// It works on UTF-8 bytes because every token of a deck goes through it.
public enum Porter2 {
    /// The stem of one lower-case English word.
    ///
    /// Only words made of `a`–`z` and apostrophes are stemmed; the typographic
    /// apostrophe ’ counts as `'` (and comes back as `'`). Any other word (digits,
    /// non-ASCII letters, upper case, punctuation) is returned unchanged.
    public static func stem(_ word: String) -> String {
        guard let bytes = stemmableBytes(of: word) else { return word }
        var w = Word(bytes)
        w.stem()
        return String(decoding: w.b, as: UTF8.self)
    }

    /// The word's bytes with ’ mapped to `'`, or nil when it is not stemmable.
    static func stemmableBytes(of word: String) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(word.utf8.count)
        var it = word.utf8.makeIterator()
        while let c = it.next() {
            if (c >= Letter.a && c <= Letter.z) || c == Letter.apostrophe {
                out.append(c)
            } else if c == 0xE2, it.next() == 0x80, it.next() == 0x99 {  // U+2019 ’
                out.append(Letter.apostrophe)
            } else {
                return nil
            }
        }
        return out
    }
}

/// Byte values used by the stemmer.
enum Letter {
    static let a = UInt8(ascii: "a"), e = UInt8(ascii: "e"), i = UInt8(ascii: "i")
    static let o = UInt8(ascii: "o"), u = UInt8(ascii: "u"), y = UInt8(ascii: "y")
    static let z = UInt8(ascii: "z"), l = UInt8(ascii: "l"), s = UInt8(ascii: "s")
    static let t = UInt8(ascii: "t"), w = UInt8(ascii: "w"), x = UInt8(ascii: "x")
    /// The marker for a consonant `y` (initial, or after a vowel).
    static let consonantY = UInt8(ascii: "Y")
    static let apostrophe = UInt8(ascii: "'")
}
