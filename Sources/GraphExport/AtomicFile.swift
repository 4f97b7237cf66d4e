import DeckReading
import Foundation

#if canImport(Glibc)
    import Glibc
    let systemWrite = Glibc.write
#elseif canImport(Darwin)
    import Darwin
    let systemWrite = Darwin.write
#endif

/// Writes files so a reader never sees a half-written one, and never over a file the run read.
///
/// The target is first checked by `OutputTarget.resolve` (no input deck, device, FIFO or socket is
/// ever replaced; a symlink to a regular file is written through). The bytes then go to a new temp
/// file beside the target, `.<name>.conceptgraph-tmp-<pid>-<random>` (created with `O_EXCL`), are
/// flushed with `fsync`, and the temp file is renamed over the target, which replaces an existing
/// file in one step. On any failure the temp file is removed and the target is left as it was.
/// A run killed between the two steps leaves its temp file; the next write into that folder
/// removes temp files whose process is gone (and only those, never another live run's).
/// An existing target keeps its permission bits; a new file gets the usual `0666 & ~umask`.
///
/// Several files are replaced together with `stage` for each, then `commit` for each: everything
/// slow happens before the first rename.
///
///     try AtomicFile.write(Data("hello\n".utf8), to: "out/notes.txt")
public enum AtomicFile {
    /// What temp file names hold between the target's name and the process id.
    static let temporaryMarker = ".conceptgraph-tmp-"

    /// Writes `data` to `path`, replacing any existing file atomically.
    ///
    /// - Parameter protecting: files that must never be replaced (the decks the run read).
    /// - Throws: `ExportError.file` with the failing operation, the path and `errno`;
    ///   `ExportError.refusedOutput` for a protected or special target.
    public static func write(_ data: Data, to path: String, protecting: Set<FileIdentity> = []) throws(ExportError) {
        try stage(data, to: path, protecting: protecting).commit()
    }

    /// Writes the UTF-8 bytes of `text` to `path`, replacing any existing file atomically.
    public static func write(_ text: String, to path: String, protecting: Set<FileIdentity> = []) throws(ExportError) {
        try write(Data(text.utf8), to: path, protecting: protecting)
    }

    /// A file written and flushed under its temporary name, waiting to replace its target.
    public final class Staged {
        /// The path the user asked for (for messages).
        public let path: String
        /// The file that `commit` replaces (symlinks resolved).
        let target: String
        let temporary: String
        let directory: String
        private var done = false

        init(path: String, target: String, temporary: String, directory: String) {
            self.path = path
            self.target = target
            self.temporary = temporary
            self.directory = directory
        }

        /// Renames the temp file over the target (one atomic step) and makes the rename durable.
        public func commit() throws(ExportError) {
            guard !done else { return }
            done = true
            if rename(temporary, target) != 0 {
                let code = errno
                unlink(temporary)
                throw .file(operation: "replace", path: path, errno: code)
            }
            // Make the rename itself durable; failing here loses nothing already written.
            let directoryFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if directoryFD >= 0 {
                _ = fsync(directoryFD)
                close(directoryFD)
            }
        }

        /// Removes the temp file; the target stays as it was.
        public func discard() {
            guard !done else { return }
            done = true
            unlink(temporary)
        }

        deinit { discard() }
    }

    /// Checks `path`, writes `data` to a flushed temp file beside it and returns it uncommitted.
    public static func stage(_ data: Data, to path: String, protecting: Set<FileIdentity> = []) throws(ExportError)
        -> Staged
    {
        var result: Result<Staged, ExportError>!
        data.withUnsafeBytes { buffer in
            do throws(ExportError) {
                result = .success(try stage(UnsafeRawBufferPointer(buffer), to: path, protecting: protecting))
            } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }

    static func stage(_ bytes: UnsafeRawBufferPointer, to path: String, protecting: Set<FileIdentity>)
        throws(ExportError) -> Staged
    {
        try stage(to: path, protecting: protecting) { fd throws(ExportError) in
            try writeAll(bytes, to: fd, path: path)
        }
    }

    /// Writes the file at `path` atomically, streaming: `body` writes the content to the descriptor of
    /// the temp file (in as many writes as it likes, e.g. with `writeAll`), which is then flushed and
    /// renamed over `path`. For large outputs that should never be held in memory whole.
    ///
    ///     try AtomicFile.write(to: "out/big.txt") { fd throws(ExportError) in
    ///         try AtomicFile.writeAll(chunk, to: fd, path: "out/big.txt")
    ///     }
    public static func write(
        to path: String, protecting: Set<FileIdentity> = [], streaming body: (Int32) throws(ExportError) -> Void
    ) throws(ExportError) {
        try stage(to: path, protecting: protecting, streaming: body).commit()
    }

    /// Checks `path`, lets `body` write the content to the descriptor of a new temp file beside it,
    /// flushes that and returns it uncommitted. If `body` throws, the temp file is removed and the
    /// error rethrown.
    public static func stage(
        to path: String, protecting: Set<FileIdentity> = [], streaming body: (Int32) throws(ExportError) -> Void
    ) throws(ExportError) -> Staged {
        guard !path.isEmpty else { throw .file(operation: "write", path: path, errno: ENOENT) }
        let target = try OutputTarget.resolve(path, protecting: protecting)
        let (directory, name) = split(target)
        guard !name.isEmpty, name != ".", name != ".." else {
            throw .file(operation: "write", path: path, errno: EISDIR)
        }
        try createDirectories(directory, reportingAs: path)
        removeStaleTemporaryFiles(in: directory)

        // A unique temp file in the same folder, so that rename stays on one file system.
        var fd: Int32 = -1
        var tempPath = ""
        for _ in 0..<8 {
            tempPath =
                directory + "/." + shortened(name) + temporaryMarker + "\(getpid())-"
                + String(UInt64.random(in: 0...UInt64.max), radix: 16)
            fd = open(tempPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw .file(operation: "create a temporary file in its folder", path: path, errno: errno) }

        var failure: ExportError?
        var existing = stat()
        if stat(target, &existing) == 0, (existing.st_mode & S_IFMT) == S_IFREG {
            _ = fchmod(fd, existing.st_mode & 0o7777)
        }
        do throws(ExportError) {
            try body(fd)
        } catch {
            failure = error
        }
        if failure == nil, fsync(fd) != 0 {
            failure = .file(operation: "flush to disk", path: path, errno: errno)
        }
        if close(fd) != 0, failure == nil {
            failure = .file(operation: "write", path: path, errno: errno)
        }
        if let failure {
            unlink(tempPath)
            throw failure
        }
        return Staged(path: path, target: target, temporary: tempPath, directory: directory)
    }

    /// Writes all of `bytes` to `fd` (retrying short writes and `EINTR`); errors name `path`.
    public static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32, path: String) throws(ExportError) {
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw .file(operation: "write", path: path, errno: errno)
            }
            offset += written
        }
    }

    /// Removes temp files left in `directory` by runs that were killed: names of the form
    /// `.<name>.conceptgraph-tmp-<pid>-<hex>` (or the older `.<name>.tmp-<pid>-<hex>`) whose process no
    /// longer exists. Files of a live process (another run writing now) and all other files are kept.
    public static func removeStaleTemporaryFiles(in directory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names.sorted() where name.hasPrefix(".") {
            guard let pid = temporaryFileOwner(name), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                unlink(directory + "/" + name)
            }
        }
    }

    /// The process id in a temp file name this tool makes, or nil for any other name.
    static func temporaryFileOwner(_ name: String) -> pid_t? {
        for marker in [temporaryMarker, ".tmp-"] {
            guard let range = name.range(of: marker, options: .backwards) else { continue }
            let tail = name[range.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
            guard tail.count == 2, let pid = pid_t(tail[0]), pid > 0,
                !tail[1].isEmpty, tail[1].count <= 16, tail[1].allSatisfy(\.isHexDigit)
            else { continue }
            return pid
        }
        return nil
    }

    /// (folder, file name) of `path`; the folder is "." for a bare name.
    static func split(_ path: String) -> (String, String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }

    /// `name` cut to at most 200 UTF-8 bytes (on a character boundary), so that the temp file's
    /// name stays under the usual 255-byte limit.
    static func shortened(_ name: String) -> String {
        guard name.utf8.count > 200 else { return name }
        var result = ""
        for character in name {
            if result.utf8.count + character.utf8.count > 200 { break }
            result.append(character)
        }
        return result
    }

    /// `mkdir -p directory`, reporting errors against `path` (the file the user asked for).
    static func createDirectories(_ directory: String, reportingAs path: String) throws(ExportError) {
        var info = stat()
        if stat(directory, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR { return }
            throw .file(operation: "create its folder", path: path, errno: ENOTDIR)
        }
        let (parent, _) = split(directory)
        if parent != directory { try createDirectories(parent, reportingAs: path) }
        if mkdir(directory, 0o777) != 0 && errno != EEXIST {
            throw .file(operation: "create its folder", path: path, errno: errno)
        }
    }
}
