import Foundation

#if canImport(Glibc)
    import Glibc
    let systemWrite = Glibc.write
#elseif canImport(Darwin)
    import Darwin
    let systemWrite = Darwin.write
#endif

/// Writes files so a reader never sees a half-written one.
///
/// The bytes go to a new temp file beside the target (`.<name>.tmp-<pid>-<random>`, created with
/// `O_EXCL`), are flushed with `fsync`, and the temp file is renamed over the target, which
/// replaces an existing file in one step. Missing parent folders are created. On any failure the
/// temp file is removed and the target is left as it was. An existing target keeps its permission
/// bits; a new file gets the usual `0666 & ~umask`.
///
///     try AtomicFile.write(Data("hello\n".utf8), to: "out/notes.txt")
public enum AtomicFile {
    /// Writes `data` to `path`, replacing any existing file atomically.
    ///
    /// - Throws: `ExportError.file` with the failing operation, the path and `errno`.
    public static func write(_ data: Data, to path: String) throws(ExportError) {
        var result: Result<Void, ExportError> = .success(())
        data.withUnsafeBytes { buffer in
            do throws(ExportError) {
                try write(UnsafeRawBufferPointer(buffer), to: path)
            } catch {
                result = .failure(error)
            }
        }
        try result.get()
    }

    /// Writes the UTF-8 bytes of `text` to `path`, replacing any existing file atomically.
    public static func write(_ text: String, to path: String) throws(ExportError) {
        try write(Data(text.utf8), to: path)
    }

    static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws(ExportError) {
        guard !path.isEmpty else { throw .file(operation: "write", path: path, errno: ENOENT) }
        let (directory, name) = split(path)
        guard !name.isEmpty, name != ".", name != ".." else {
            throw .file(operation: "write", path: path, errno: EISDIR)
        }
        try createDirectories(directory, reportingAs: path)

        // A unique temp file in the same folder, so that rename stays on one file system.
        var fd: Int32 = -1
        var tempPath = ""
        for _ in 0..<8 {
            tempPath =
                directory + "/." + shortened(name) + ".tmp-\(getpid())-"
                + String(UInt64.random(in: 0...UInt64.max), radix: 16)
            fd = open(tempPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw .file(operation: "create a temporary file in its folder", path: path, errno: errno) }

        var failure: ExportError?
        var existing = stat()
        if stat(path, &existing) == 0, (existing.st_mode & S_IFMT) == S_IFREG {
            _ = fchmod(fd, existing.st_mode & 0o7777)
        }
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                failure = .file(operation: "write", path: path, errno: errno)
                break
            }
            offset += written
        }
        if failure == nil, fsync(fd) != 0 {
            failure = .file(operation: "flush to disk", path: path, errno: errno)
        }
        if close(fd) != 0, failure == nil {
            failure = .file(operation: "write", path: path, errno: errno)
        }
        if failure == nil, rename(tempPath, path) != 0 {
            failure = .file(operation: "replace", path: path, errno: errno)
        }
        if let failure {
            unlink(tempPath)
            throw failure
        }
        // Make the rename itself durable; failing here loses nothing already written.
        let directoryFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryFD >= 0 {
            _ = fsync(directoryFD)
            close(directoryFD)
        }
    }

    /// Writes the file at `path` atomically, streaming: `body` writes the content to the descriptor
    /// of a new temp file beside `path` (in as many writes as it likes, e.g. with `writeAll`); the
    /// temp file is then flushed and renamed over `path`, as `write(_:to:)` does. If `body` throws,
    /// the temp file is removed, the target is left as it was, and the error is rethrown. For large
    /// outputs that should never be held in memory whole.
    ///
    ///     try AtomicFile.write(to: "out/big.txt") { fd throws(ExportError) in
    ///         try AtomicFile.writeAll(chunk, to: fd, path: "out/big.txt")
    ///     }
    public static func write(to path: String, streaming body: (Int32) throws(ExportError) -> Void) throws(ExportError) {
        guard !path.isEmpty else { throw .file(operation: "write", path: path, errno: ENOENT) }
        let (directory, name) = split(path)
        guard !name.isEmpty, name != ".", name != ".." else {
            throw .file(operation: "write", path: path, errno: EISDIR)
        }
        try createDirectories(directory, reportingAs: path)

        var fd: Int32 = -1
        var tempPath = ""
        for _ in 0..<8 {
            tempPath =
                directory + "/." + shortened(name) + ".tmp-\(getpid())-"
                + String(UInt64.random(in: 0...UInt64.max), radix: 16)
            fd = open(tempPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw .file(operation: "create a temporary file in its folder", path: path, errno: errno) }

        var failure: ExportError?
        var existing = stat()
        if stat(path, &existing) == 0, (existing.st_mode & S_IFMT) == S_IFREG {
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
        if failure == nil, rename(tempPath, path) != 0 {
            failure = .file(operation: "replace", path: path, errno: errno)
        }
        if let failure {
            unlink(tempPath)
            throw failure
        }
        let directoryFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryFD >= 0 {
            _ = fsync(directoryFD)
            close(directoryFD)
        }
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
