import CLibXML2
import Foundation
import TestSupport

/// libxml2 helpers for checking the GraphML the writer produces.
enum XMLCheck {
    /// Parses `data` as XML; returns nil on a well-formedness error.
    static func parse(_ data: Data) -> xmlDocPtr? {
        xmlSetStructuredErrorFunc(nil) { _, _ in }
        return data.withUnsafeBytes { buffer in
            xmlReadMemory(
                buffer.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(buffer.count),
                "test.graphml", "UTF-8", Int32(XML_PARSE_NONET.rawValue))
        }
    }

    /// The elements named `name` anywhere under `node`, in document order.
    static func elements(_ name: String, in node: xmlNodePtr?) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var stack: [xmlNodePtr] = []
        var child = node?.pointee.children
        while let current = child {
            stack.append(current)
            child = current.pointee.next
        }
        stack.reverse()
        while let current = stack.popLast() {
            if current.pointee.type == XML_ELEMENT_NODE, String(cString: current.pointee.name) == name {
                result.append(current)
            }
            var kids: [xmlNodePtr] = []
            var next = current.pointee.children
            while let kid = next {
                kids.append(kid)
                next = kid.pointee.next
            }
            stack.append(contentsOf: kids.reversed())
        }
        return result
    }

    static func attribute(_ name: String, of node: xmlNodePtr) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { free(value) }
        return String(cString: value)
    }

    static func text(of node: xmlNodePtr) -> String {
        guard let value = xmlNodeGetContent(node) else { return "" }
        defer { free(value) }
        return String(cString: value)
    }

    /// The compiled GraphML 1.1 schema from `../shared/graphml-schema`, loaded once through its catalog.
    nonisolated(unsafe) static let schema: xmlSchemaPtr? = {
        guard let folder = TestPaths.shared("graphml-schema") else { return nil }
        xmlInitParser()
        xmlSetStructuredErrorFunc(nil) { _, _ in }
        xmlLoadCatalog(folder.appendingPathComponent("catalog.xml").path)
        xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader)
        guard let context = xmlSchemaNewParserCtxt(folder.appendingPathComponent("graphml.xsd").path) else {
            return nil
        }
        defer { xmlSchemaFreeParserCtxt(context) }
        return xmlSchemaParse(context)
    }()

    private static let lock = NSLock()

    /// nil when `data` validates against the GraphML schema, else libxml2's message.
    static func schemaErrors(_ data: Data) -> String? {
        lock.lock()
        defer { lock.unlock() }
        guard let schema else { return "the GraphML schema did not compile" }
        xmlSetStructuredErrorFunc(nil) { _, _ in }
        xmlResetLastError()
        guard let document = parse(data) else { return "not well-formed: \(lastMessage())" }
        defer { xmlFreeDoc(document) }
        guard let context = xmlSchemaNewValidCtxt(schema) else { return "no validation context" }
        defer { xmlSchemaFreeValidCtxt(context) }
        xmlSchemaSetValidStructuredErrors(context, { _, _ in }, nil)
        let status = xmlSchemaValidateDoc(context, document)
        return status == 0 ? nil : "status \(status): \(lastMessage())"
    }

    static func lastMessage() -> String {
        guard let error = xmlGetLastError(), let message = error.pointee.message else { return "?" }
        return String(cString: message)
    }
}

/// Runs external programs for the interoperability tests.
enum Tool {
    /// The full path of `name` on PATH, if any.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `executable` with `arguments`; returns (status, stdout, stderr). Reads both pipes
    /// concurrently so that a chatty program cannot block.
    static func run(_ executable: String, _ arguments: [String]) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: outData, as: UTF8.self),
            String(decoding: errData, as: UTF8.self)
        )
    }

    static let hasNetworkX: Bool = {
        guard let python = find("python3"), let result = try? run(python, ["-c", "import networkx"]) else {
            return false
        }
        return result.0 == 0
    }()
}

extension XMLCheck {
    static func freeDocument(_ document: xmlDocPtr) { xmlFreeDoc(document) }
}
