import ConceptAnalysis
import DeckReading

/// A format written by streaming the whole graph to a file descriptor (GraphML, DOT). Writing to a
/// path atomically, staging one file of a set, and writing to an open descriptor all follow from
/// `stream`, so every such format offers the same three with the same checks.
public protocol StreamingGraphWriter: Sendable {
    /// Streams the document for `analyzed` (already checked with `checkExportable`) to the open
    /// descriptor `fd`; `path` names the destination in errors.
    func stream(_ analyzed: AnalyzedGraph, to fd: Int32, path: String) throws(ExportError)
}

extension StreamingGraphWriter {
    /// Writes the document for `analyzed` to `path` atomically (see `AtomicFile`), streaming it to the
    /// temp file in 1 MiB pieces: the whole text is never held in memory.
    ///
    /// - Parameter protecting: files that must never be replaced (the decks the run read).
    public func write(
        _ analyzed: AnalyzedGraph, to path: String, protecting: Set<FileIdentity> = []
    ) throws(ExportError) {
        try stage(analyzed, to: path, protecting: protecting).commit()
    }

    /// Writes the document for `analyzed` to a flushed temp file beside `path`, streaming, and returns
    /// it uncommitted (see `AtomicFile.stage`), so several files can be replaced together.
    public func stage(
        _ analyzed: AnalyzedGraph, to path: String, protecting: Set<FileIdentity> = []
    ) throws(ExportError) -> AtomicFile.Staged {
        try analyzed.checkExportable()
        return try AtomicFile.stage(to: path, protecting: protecting) { fd throws(ExportError) in
            try stream(analyzed, to: fd, path: path)
        }
    }

    /// Writes the document for `analyzed` to the open descriptor `fd` (standard output, a pipe, a
    /// file), streaming; `path` names it in errors.
    public func write(_ analyzed: AnalyzedGraph, toDescriptor fd: Int32, path: String) throws(ExportError) {
        try analyzed.checkExportable()
        try stream(analyzed, to: fd, path: path)
    }
}
