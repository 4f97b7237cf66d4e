#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why an export failed, with what to do about it.
///
/// `description` is the message for people (`error: …` plus a hint line); the cases keep the raw
/// parts so callers and tests can match on them.
public enum ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The analyzed graph breaks its own invariants (an array of the wrong length, a relation
    /// pointing outside `concepts`). A bug in an earlier stage, not in the user's decks.
    case inconsistentGraph(String)
    /// libxml2 reported an error while writing GraphML. `path` is the output file, if any.
    case xml(message: String, path: String?)
    /// A file system call failed. `errno` is the POSIX error number (0 when unknown).
    case file(operation: String, path: String, errno: Int32)
    /// No Graphviz `dot` (or the requested layout program) was found on `PATH`.
    case graphvizNotFound(program: String)
    /// Graphviz ran but failed; `message` is what it printed on stderr.
    case graphvizFailed(program: String, status: Int32, message: String)
    /// Graphviz ran longer than the allowed time and was stopped.
    case graphvizTimedOut(program: String, seconds: Double)
    /// The output path names something that must not be replaced: a file this run read, a device,
    /// a FIFO, a socket, or a link to one. `reason` says which; nothing was written.
    case refusedOutput(path: String, reason: String)
    /// The graph is too large for Graphviz to lay out in reasonable time; nothing was drawn.
    case tooLargeToDraw(concepts: Int, limit: Int)

    /// A short suggestion for the person running the tool.
    public var hint: String {
        switch self {
        case .inconsistentGraph:
            return "this is a bug in ConceptGraph; please report it with the decks that produced it"
        case .xml(_, let path):
            return path == nil
                ? "this is a bug in the GraphML writer; please report it"
                : "check that the output folder is writable and the disk is not full"
        case .file(_, _, let code):
            switch code {
            case EACCES, EPERM: return "check the permissions of the output folder, or choose another output path"
            case ENOSPC, EDQUOT: return "the disk (or your quota) is full: free some space and try again"
            case EROFS: return "the file system is read-only: choose another output path"
            case EISDIR: return "the output path is a folder: give a file name"
            case ENOTDIR: return "a part of the output path is a file, not a folder"
            case ENAMETOOLONG: return "the output path is too long: choose a shorter one"
            case EPIPE: return "the program reading the output stopped before the end"
            case ELOOP: return "the output path is a symbolic link loop: choose another output path"
            default: return "check the output path"
            }
        case .graphvizNotFound(let program):
            return "install Graphviz (Debian/Ubuntu: apt install graphviz; macOS: brew install graphviz) "
                + "so that `\(program)` is on PATH, or export .dot and render it elsewhere"
        case .graphvizFailed:
            return "the graph may be too large or dense to draw: try the reduced drawing or export .dot instead"
        case .graphvizTimedOut:
            return "the graph is too large or dense to lay out in time: open concepts.graphml in Gephi or Cytoscape, "
                + "or draw a part of the decks"
        case .refusedOutput:
            return "choose another output path (use `-` to write to standard output on purpose)"
        case .tooLargeToDraw:
            return "open concepts.graphml in Gephi or Cytoscape instead, or draw a part of the decks"
        }
    }

    public var description: String {
        let message: String
        switch self {
        case .inconsistentGraph(let detail):
            message = "inconsistent analyzed graph: \(detail)"
        case .xml(let detail, let path):
            message = path.map { "\($0): cannot write GraphML: \(detail)" } ?? "cannot write GraphML: \(detail)"
        case .file(let operation, let path, let code):
            message = "\(path): cannot \(operation): \(String(cString: strerror(code)))"
        case .graphvizNotFound(let program):
            message = "Graphviz `\(program)` was not found on PATH"
        case .graphvizFailed(let program, let status, let detail):
            let trimmed = detail.trimmingWhitespace()
            message = "Graphviz `\(program)` failed (exit status \(status))" + (trimmed.isEmpty ? "" : ": \(trimmed)")
        case .graphvizTimedOut(let program, let seconds):
            message = "Graphviz `\(program)` did not finish within \(seconds) s"
        case .refusedOutput(let path, let reason):
            message = "\(path): refusing to write: \(reason); nothing was written"
        case .tooLargeToDraw(let concepts, let limit):
            message = "\(concepts) concepts are more than Graphviz can lay out in reasonable time (limit \(limit))"
        }
        return "error: \(message)\nhint: \(hint)"
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
