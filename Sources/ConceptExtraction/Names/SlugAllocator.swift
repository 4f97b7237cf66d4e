/// Gives each concept a stable id made from its label: lower-case ASCII letters, digits and hyphens
/// ("Operational CRM" → "operational-crm"), unique within the graph ("-2", "-3" on repeats), never
/// empty ("concept-N" for names with no ASCII letter). Ids stay the same while labels do.
struct SlugAllocator {
    private var used: Set<String> = []

    mutating func slug(for label: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for scalar in label.unicodeScalars {
            let folded = Self.asciiFold(scalar)
            if let folded {
                if pendingHyphen && !slug.isEmpty { slug += "-" }
                slug.unicodeScalars.append(folded)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
            if slug.utf8.count >= 60 { break }
        }
        if slug.isEmpty { slug = "concept" }
        if slug.first!.isNumber { slug = "c-" + slug }
        var candidate = slug
        var counter = 2
        while !used.insert(candidate).inserted {
            candidate = "\(slug)-\(counter)"
            counter += 1
        }
        return candidate
    }

    /// Lower-case ASCII letter or digit for a letter/digit (accents dropped: "é" → "e"), else nil.
    private static func asciiFold(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 48...57, 97...122: return scalar
        case 65...90: return Unicode.Scalar(scalar.value + 32)
        default: break
        }
        guard scalar.properties.isAlphabetic,
            let base = String(scalar).decomposedStringWithCompatibilityMapping.unicodeScalars.first,
            base.isASCII, base.properties.isAlphabetic
        else { return nil }
        return Unicode.Scalar(base.value | 0x20)
    }
}
