import CSpawn
import DeckReading
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decides whether an output path may be written, before anything is written.
///
/// Rules, checked on the file the path finally names (symbolic links followed):
/// - a file this run read (same device and inode, whatever the path's spelling, hard links included)
///   is never replaced;
/// - devices, FIFOs, sockets and links to them are refused: writing there is never a graph file
///   (stdout on purpose is `-`, handled by the caller);
/// - a link to a regular file is written through: the link stays, its target is replaced;
/// - a dangling link or a link loop is refused.
///
/// Checking then renaming leaves a window in which another process could swap the file; this
/// guards against mistakes, not against an attacker who owns the folder.
public enum OutputTarget {
    /// The path to write for `path` (its symlinks resolved), or a refusal.
    ///
    /// - Parameter protecting: identities of the files the run read.
    public static func resolve(_ path: String, protecting: Set<FileIdentity>) throws(ExportError) -> String {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT { return path }  // a new file (its folder may be created later)
            if code == ENOTDIR { throw .file(operation: "create its folder", path: path, errno: ENOTDIR) }
            throw .file(operation: "write", path: path, errno: code)
        }
        var target = path
        if FileKind(mode: info.st_mode) == .symbolicLink {
            guard let resolved = realpath(path, nil) else {
                let code = errno
                if code == ELOOP {
                    throw .refusedOutput(path: path, reason: "it is a symbolic link loop")
                }
                throw .refusedOutput(path: path, reason: "it is a symbolic link to a missing file")
            }
            target = String(cString: resolved)
            free(resolved)
            guard stat(target, &info) == 0 else { return target }
        }
        let kind = FileKind(mode: info.st_mode)
        switch kind {
        case .regular:
            if protecting.contains(FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))) {
                throw .refusedOutput(path: path, reason: "it is one of the decks this run reads")
            }
            return target
        case .directory:
            throw .file(operation: "replace", path: path, errno: EISDIR)
        default:
            let through = target == path ? "" : " (through the symbolic link to \(target))"
            throw .refusedOutput(path: path, reason: "it is \(kind.rawValue)\(through), not a regular file")
        }
    }
}

/// Writes to this process's standard output, reporting failures (a full disk, a closed pipe)
/// instead of crashing or ignoring them. SIGPIPE should be ignored by the process so that a closed
/// pipe becomes `EPIPE` here.
public enum StandardOutput {
    public static func write(_ data: Data) throws(ExportError) {
        var failure: Int32 = 0
        data.withUnsafeBytes { buffer in
            guard var pointer = buffer.baseAddress else { return }
            var remaining = buffer.count
            while remaining > 0 {
                let written = systemWrite(STDOUT_FILENO, pointer, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                pointer += written
                remaining -= written
            }
        }
        if failure != 0 { throw .file(operation: "write", path: "standard output", errno: failure) }
    }

    public static func write(_ text: String) throws(ExportError) {
        try write(Data(text.utf8))
    }

    /// Makes the process exit with status 1 and a message when what was `print`ed cannot be written
    /// (stdio buffers it until exit: `> /dev/full` or a closed pipe would otherwise exit 0 silently).
    /// Call once at start-up.
    public static func checkPrintedOutputAtExit() {
        atexit {
            let code = cspawn_flush_stdout()
            guard code != 0 else { return }
            StandardError.write("error: standard output: cannot write: \(String(cString: strerror(code)))\n")
            _exit(1)
        }
    }
}

/// Writes to standard error, ignoring failures (there is nowhere left to report them).
public enum StandardError {
    public static func write(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            guard var pointer = buffer.baseAddress else { return }
            var remaining = buffer.count
            while remaining > 0 {
                let written = systemWrite(STDERR_FILENO, pointer, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                pointer += written
                remaining -= written
            }
        }
    }
}
