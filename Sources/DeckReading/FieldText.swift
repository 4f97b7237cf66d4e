internal import CLibXML2

/// Turns a raw field into the text a card shows: HTML to text (through libxml2, only when the
/// field holds a tag or an entity), Anki clozes to their answers, white space tidied.
public enum FieldText {
    /// Cleans one field. `html`: true forces HTML handling, false turns it off, nil detects it.
    public static func clean(_ raw: String, html: Bool?) -> String {
        var text = raw
        if html != false && (html == true ? mayHoldHTML(text, strict: false) : mayHoldHTML(text, strict: true)) {
            text = HTMLText.toText(text)
        }
        if text.utf8.contains(UInt8(ascii: "{")) && text.contains("{{c") { text = uncloze(text) }
        return tidy(text)
    }

    /// Fast path: does the field hold something that looks like a tag (`<b`, `</`, `<!--`) or an entity (`&amp;`)?
    static func mayHoldHTML(_ s: String, strict: Bool) -> Bool {
        var s = s
        return s.withUTF8 { mayHoldHTML(bytes: $0, strict: strict) }
    }

    private static func mayHoldHTML(bytes u: UnsafeBufferPointer<UInt8>, strict: Bool) -> Bool {
        var i = 0
        while i < u.count {
            let c = u[i]
            if c == UInt8(ascii: "<"), i + 1 < u.count {
                let d = u[i + 1]
                if !strict { return true }
                if isLetter(d) || d == UInt8(ascii: "/") || d == UInt8(ascii: "!") { return true }
            } else if c == UInt8(ascii: "&") {
                var j = i + 1
                if j < u.count && u[j] == UInt8(ascii: "#") { j += 1 }
                let nameStart = j
                while j < u.count && j - nameStart < 32 && (isLetter(u[j]) || (u[j] >= 0x30 && u[j] <= 0x39)) { j += 1 }
                if j > nameStart && j < u.count && u[j] == UInt8(ascii: ";") { return true }
            }
            i += 1
        }
        return false
    }

    private static func isLetter(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }

    /// `{{c1::answer::hint}}` → `answer`. O(n).
    static func uncloze(_ s: String) -> String {
        var out = ""
        var rest = s[...]
        // Once no "}}" follows an opening, none follows a later one: without this flag, 240 KB of
        // unclosed `{{c1::` would rescan the rest of the field for every opening (quadratic).
        var noClosing = false
        while let open = rest.range(of: "{{c") {
            let afterOpen = rest[open.upperBound...]
            let digits = afterOpen.prefix { $0.isASCII && $0.isNumber }
            let body = afterOpen.dropFirst(digits.count)
            guard !digits.isEmpty, body.hasPrefix("::"), !noClosing, let close = body.range(of: "}}") else {
                if !digits.isEmpty, body.hasPrefix("::"), !noClosing { noClosing = true }
                out += rest[..<open.upperBound]
                rest = afterOpen
                continue
            }
            out += rest[..<open.lowerBound]
            let inner = body[body.index(body.startIndex, offsetBy: 2)..<close.lowerBound]
            if let hint = inner.range(of: "::") { out += inner[..<hint.lowerBound] } else { out += inner }
            rest = body[close.upperBound...]
        }
        out += rest
        return out
    }

    /// Fast check over bytes: no line breaks, tabs, no-break spaces, double or edge spaces.
    static func isTidy(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { u in
            guard let first = u.first, let last = u.last, first != Bytes.space, last != Bytes.space else {
                return u.isEmpty
            }
            var previous: UInt8 = 0
            for c in u {
                if c == Bytes.lf || c == Bytes.cr || c == Bytes.tab || c == 0xC2 { return false }
                if c == Bytes.space && previous == Bytes.space { return false }
                previous = c
            }
            return true
        }
    }

    /// Trims every line, folds runs of spaces (and no-break spaces) to one, drops empty lines.
    ///
    /// Works on Unicode scalars, not characters: a prepended mark ("\u{0603}") or a combining mark
    /// makes one character of itself and a space, which a character-wise fold would keep beside
    /// another space. O(n).
    static func tidy(_ s: String) -> String {
        if isTidy(s) { return s }
        var out = String.UnicodeScalarView()
        var lineHasText = false
        var pendingSpace = false
        var pendingBreak = false
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\n", "\r":
                pendingBreak = pendingBreak || lineHasText
                lineHasText = false
                pendingSpace = false
            case " ", "\t", "\u{00A0}":
                pendingSpace = lineHasText
            default:
                if !lineHasText && pendingBreak {
                    out.append("\n")
                    pendingBreak = false
                }
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
                lineHasText = true
            }
        }
        return String(out)
    }
}

/// HTML to plain text through libxml2's forgiving HTML parser.
enum HTMLText {
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    private static let blockElements: Set<String> = [
        "p", "div", "tr", "table", "ul", "ol", "blockquote", "pre", "section", "article", "header",
        "footer", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "hr",
    ]
    private static let droppedElements: Set<String> = [
        "img", "script", "style", "head", "title", "audio", "video", "object",
    ]

    /// Entities decoded, `<br>`/blocks to line breaks, `<li>` to `- ` bullets, tags, images and comments dropped.
    ///
    /// A field nested deeper than `parserDepthLimit` (by a linear estimate) goes to `stripTags`
    /// instead: libxml2 matches each end tag against its whole stack of open elements, which is
    /// quadratic on thousands of unclosed tags. Its text is kept either way.
    static func toText(_ html: String) -> String {
        if nestingEstimate(html) > parserDepthLimit { return stripTags(html) }
        _ = initialized
        // Error handlers are per thread; tests parse in parallel.
        xmlSetStructuredErrorFunc(nil) { _, _ in }
        let options = Int32(
            bitPattern:
                HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue
                | HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOIMPLIED.rawValue | XML_PARSE_HUGE.rawValue)
        // Wrap so a fragment always has one root to walk.
        let bytes = Array("<div>\(html)</div>".utf8)
        let doc = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                htmlReadMemory($0, Int32(buffer.count), nil, "UTF-8", options)
            }
        }
        guard let doc else { return html }
        defer { xmlFreeDoc(doc) }
        var out = ""
        walk(doc.pointee.children, into: &out)
        return out
    }

    /// Deeper fields are read by `stripTags`; real cards nest a few levels, tables a dozen.
    static let parserDepthLimit = 512

    private static let voidElements: Set<String> = [
        "br", "img", "hr", "input", "meta", "link", "wbr", "area", "base", "col", "embed", "source", "track",
    ]

    /// The deepest nesting the field's tags could reach: opening tags minus closing tags, void
    /// elements and self-closing tags not counted. One pass over the bytes.
    static func nestingEstimate(_ html: String) -> Int {
        var depth = 0
        var deepest = 0
        let u = Array(html.utf8)
        var i = 0
        while i < u.count {
            guard u[i] == UInt8(ascii: "<"), i + 1 < u.count else {
                i += 1
                continue
            }
            let closing = u[i + 1] == UInt8(ascii: "/")
            var j = closing ? i + 2 : i + 1
            let nameStart = j
            while j < u.count, j - nameStart < 16, isASCIILetterOrDigit(u[j]) { j += 1 }
            guard j > nameStart, isASCIILetter(u[nameStart]) else {
                i += 1
                continue
            }
            let name = String(decoding: u[nameStart..<j], as: UTF8.self).lowercased()
            if closing {
                depth = max(depth - 1, 0)
            } else if !voidElements.contains(name) {
                depth += 1
                deepest = max(deepest, depth)
            }
            i = j
        }
        return deepest
    }

    private static func isASCIILetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    private static func isASCIILetterOrDigit(_ c: UInt8) -> Bool { isASCIILetter(c) || (c >= 0x30 && c <= 0x39) }

    /// A linear fallback for pathological fields: tags dropped (`<br>`, block and list tags become
    /// line breaks), the common entities decoded, every other character kept. O(n).
    static func stripTags(_ html: String) -> String {
        let u = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        var noClosingBracket = false
        var i = 0
        while i < u.count {
            let c = u[i]
            if c == UInt8(ascii: "<"), i + 1 < u.count,
                isASCIILetter(u[i + 1]) || u[i + 1] == UInt8(ascii: "/") || u[i + 1] == UInt8(ascii: "!")
            {
                // Once no ">" follows, none ever will: no second search (which would make this quadratic).
                guard !noClosingBracket, let close = u[(i + 1)...].firstIndex(of: UInt8(ascii: ">")) else {
                    noClosingBracket = true
                    i += 1  // a lone "<word" without ">" stays text
                    out.append(c)
                    continue
                }
                var nameStart = i + 1
                if u[nameStart] == UInt8(ascii: "/") { nameStart += 1 }
                var nameEnd = nameStart
                while nameEnd < close, isASCIILetterOrDigit(u[nameEnd]) { nameEnd += 1 }
                let name = String(decoding: u[nameStart..<nameEnd], as: UTF8.self).lowercased()
                if name == "br" || name == "li" || blockElements.contains(name) { out.append(Bytes.lf) }
                i = close + 1
            } else if c == UInt8(ascii: "&"), let (decoded, length) = entity(u, at: i) {
                out += decoded
                i += length
            } else {
                out.append(c == Bytes.lf || c == Bytes.cr ? Bytes.space : c)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let namedEntities: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
    ]

    /// The UTF-8 of the entity at `i` (`&amp;`, `&#65;`, `&#x41;`) and its length in bytes.
    private static func entity(_ u: [UInt8], at i: Int) -> ([UInt8], Int)? {
        var j = i + 1
        while j < u.count, j - i <= 10, u[j] != UInt8(ascii: ";") { j += 1 }
        guard j < u.count, u[j] == UInt8(ascii: ";"), j > i + 1 else { return nil }
        let body = String(decoding: u[(i + 1)..<j], as: UTF8.self)
        var scalar: Unicode.Scalar?
        if body.hasPrefix("#x") || body.hasPrefix("#X") {
            scalar = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
        } else if body.hasPrefix("#") {
            scalar = UInt32(body.dropFirst()).flatMap(Unicode.Scalar.init)
        } else {
            scalar = namedEntities[body]
        }
        guard let scalar, scalar.value != 0 else { return nil }
        return (Array(String(scalar).utf8), j - i + 1)
    }

    /// Appends the text of `first` and its siblings, depth first, with an explicit stack: a field of
    /// 100,000 nested elements must not overflow the thread's stack. O(nodes).
    private static func walk(_ first: xmlNodePtr?, into out: inout String) {
        /// A node to enter, or an element to close (its trailing line break).
        enum Step {
            case enter(xmlNodePtr)
            case close(String)
        }
        var stack: [Step] = []
        var siblings: [xmlNodePtr] = []
        func pushChildren(of first: xmlNodePtr?) {
            siblings.removeAll(keepingCapacity: true)
            var node = first
            while let current = node {
                siblings.append(current)
                node = current.pointee.next
            }
            for node in siblings.reversed() { stack.append(.enter(node)) }
        }
        pushChildren(of: first)
        while let step = stack.popLast() {
            let node: xmlNodePtr
            switch step {
            case .close(let text):
                out += text
                continue
            case .enter(let entered): node = entered
            }
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content {
                    // HTML white space (line breaks included) is a plain space.
                    out += String(cString: content).replacingNewlines()
                }
            case XML_ELEMENT_NODE:
                let name = node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
                if droppedElements.contains(name) { continue }
                if name == "br" {
                    out += "\n"
                    continue
                }
                let block = blockElements.contains(name)
                // Cells of a table row are separated ("Common Name; Biological Name"), not run together.
                if name == "td" || name == "th", hasCellBefore(node) {
                    while out.last == " " { out.removeLast() }
                    out += "; "
                }
                if name == "li" {
                    out += "\n- "
                } else if block {
                    out += "\n"
                }
                if block || name == "li" { stack.append(.close("\n")) }
                pushChildren(of: node.pointee.children)
            default:
                continue  // comments, processing instructions, DTDs
            }
        }
    }
}

extension HTMLText {
    /// `true` when the nearest element before this cell in its row is a cell (only text, usually white
    /// space, is skipped: O(1) per cell in a normal row).
    fileprivate static func hasCellBefore(_ node: xmlNodePtr) -> Bool {
        var sibling = node.pointee.prev
        while let current = sibling {
            if current.pointee.type == XML_ELEMENT_NODE {
                let name = current.pointee.name.map { String(cString: $0).lowercased() } ?? ""
                return name == "td" || name == "th"
            }
            sibling = current.pointee.prev
        }
        return false
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        guard contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return self }
        return String(map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }
}
