#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A growing byte buffer that the writers fill, either kept whole in memory (`text(for:)`,
/// `data(for:)`) or, with a descriptor, written out in pieces of about `pieceSize` bytes whenever
/// the writer calls `flushIfFull()`, so a large file is never held in memory whole.
///
/// The first write error is kept in `failure` (with `errno` and the path); later writes are dropped.
final class ByteSink {
    /// About this many bytes are written to the descriptor at a time.
    static let pieceSize = 1 << 20

    private(set) var bytes: [UInt8] = []
    private let fd: Int32?
    private let path: String
    private(set) var failure: ExportError?

    /// A sink that keeps everything in memory.
    init(reserving capacity: Int = 0) {
        fd = nil
        path = ""
        bytes.reserveCapacity(capacity)
    }

    /// A sink that writes to `fd`; `path` names it in errors.
    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
        bytes.reserveCapacity(Self.pieceSize + Self.pieceSize / 4)
    }

    @inline(__always) func append(_ byte: UInt8) { bytes.append(byte) }

    func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    func append(_ raw: UnsafeRawBufferPointer) { bytes.append(contentsOf: raw) }

    /// Writes the buffered bytes out when a descriptor is attached and a piece is full.
    func flushIfFull() {
        if fd != nil, bytes.count >= Self.pieceSize { _ = flush() }
    }

    /// Writes every buffered byte to the descriptor (nothing without one); false after an error.
    @discardableResult
    func flush() -> Bool {
        guard let fd else { return true }
        guard failure == nil else {
            bytes.removeAll(keepingCapacity: true)
            return false
        }
        let path = self.path
        failure = bytes.withUnsafeBytes { raw -> ExportError? in
            do throws(ExportError) {
                try AtomicFile.writeAll(raw, to: fd, path: path)
                return nil
            } catch {
                return error
            }
        }
        bytes.removeAll(keepingCapacity: true)
        return failure == nil
    }
}
