internal import CLibXML2

/// Turns a raw field into the text a card shows: HTML to text (through libxml2, only when the
/// field holds a tag or an entity), Anki clozes to their answers, white space tidied.
enum FieldText {
    /// Cleans one field. `html`: true forces HTML handling, false turns it off, nil detects it.
    static func clean(_ raw: String, html: Bool?) -> String {
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
        while let open = rest.range(of: "{{c") {
            let afterOpen = rest[open.upperBound...]
            let digits = afterOpen.prefix { $0.isASCII && $0.isNumber }
            let body = afterOpen.dropFirst(digits.count)
            guard !digits.isEmpty, body.hasPrefix("::"), let close = body.range(of: "}}") else {
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
    static func tidy(_ s: String) -> String {
        if isTidy(s) { return s }
        var lines: [String] = []
        for rawLine in s.split(
            omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        {
            var line = ""
            var pendingSpace = false
            for ch in rawLine {
                if ch == " " || ch == "\t" || ch == "\u{00A0}" {
                    pendingSpace = !line.isEmpty
                } else {
                    if pendingSpace { line.append(" ") }
                    pendingSpace = false
                    line.append(ch)
                }
            }
            if !line.isEmpty { lines.append(line) }
        }
        return lines.joined(separator: "\n")
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
    static func toText(_ html: String) -> String {
        _ = initialized
        // Error handlers are per thread; tests parse in parallel.
        xmlSetStructuredErrorFunc(nil) { _, _ in }
        let options = Int32(
            bitPattern:
                HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue
                | HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOIMPLIED.rawValue)
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
        var node = doc.pointee.children
        while let current = node {
            walk(current, into: &out)
            node = current.pointee.next
        }
        return out
    }

    private static func walk(_ node: xmlNodePtr, into out: inout String) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let content = node.pointee.content {
                // HTML white space (line breaks included) is a plain space.
                let text = String(cString: content)
                out += text.replacingNewlines()
            }
        case XML_ELEMENT_NODE:
            let name = node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
            if droppedElements.contains(name) { return }
            if name == "br" {
                out += "\n"
                return
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
            var child = node.pointee.children
            while let current = child {
                walk(current, into: &out)
                child = current.pointee.next
            }
            if block || name == "li" { out += "\n" }
        default:
            return  // comments, processing instructions, DTDs
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
