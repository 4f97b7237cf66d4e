#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file as the kernel knows it: device and inode, after every symbolic link is followed.
///
/// Two paths name the same file exactly when their identities are equal, whatever the spelling
/// (`notes.txt`, `./notes.txt`, an absolute path, a symlink or a hard link). The CLI uses this to
/// refuse writing over a file the run read; path strings cannot tell that.
public struct FileIdentity: Hashable, Sendable, Comparable {
    public var device: UInt64
    public var inode: UInt64

    public init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }

    init(_ info: stat) {
        self.init(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// The identity of the file `path` names (symlinks followed), or nil when it does not exist.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    public static func < (lhs: FileIdentity, rhs: FileIdentity) -> Bool {
        (lhs.device, lhs.inode) < (rhs.device, rhs.inode)
    }
}

/// What kind of file a `stat` mode describes, in words for messages.
public enum FileKind: String, Sendable {
    case regular = "a regular file"
    case directory = "a folder"
    case characterDevice = "a character device"
    case blockDevice = "a block device"
    case fifo = "a named pipe (FIFO)"
    case socket = "a socket"
    case symbolicLink = "a symbolic link"
    case other = "a special file"

    public init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        case S_IFIFO: self = .fifo
        case S_IFSOCK: self = .socket
        case S_IFLNK: self = .symbolicLink
        default: self = .other
        }
    }
}

/// Reads whole regular files into one byte array, refusing anything that could block or never end.
enum FileBytes {
    /// The bytes of `path` and its identity. The file is opened without blocking (a FIFO never
    /// hangs the run) and must be a regular file. One buffer of the file's size, no second copy.
    static func read(_ path: String) -> Swift.Result<(bytes: [UInt8], identity: FileIdentity), DeckReadError> {
        let location = SourceLocation(file: path, line: 0)
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            let code = errno
            if code == ELOOP {
                return .failure(
                    DeckReadError(
                        .unreadableFile, at: location, "symbolic link loop (too many levels of symbolic links)",
                        hint: "point the link at a real file"))
            }
            return .failure(
                DeckReadError(
                    .unreadableFile, at: location, "cannot read the file: \(String(cString: strerror(code)))",
                    hint: code == EACCES ? "check that you may read it" : "check the path"))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            return .failure(
                DeckReadError(
                    .unreadableFile, at: location, "cannot read the file: \(String(cString: strerror(errno)))"))
        }
        let kind = FileKind(mode: info.st_mode)
        guard kind == .regular else {
            return .failure(
                DeckReadError(
                    .unreadableFile, at: location, "not a regular file (\(kind.rawValue))",
                    hint: "decks are read from regular files: save the deck to a file first"))
        }
        // Back to blocking reads (O_NONBLOCK only kept the open from waiting on a FIFO).
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        var failure: Int32 = 0
        // One read into a buffer of the file's size; then, if the file grew meanwhile, the rest in chunks.
        var bytes = [UInt8](unsafeUninitializedCapacity: Int(info.st_size)) { buffer, count in
            count = readFully(fd, UnsafeMutableRawBufferPointer(buffer), failure: &failure)
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while failure == 0 {
            let got = chunk.withUnsafeMutableBytes { readFully(fd, $0, failure: &failure) }
            if got == 0 { break }
            bytes += chunk[..<got]
        }
        if failure != 0 {
            return .failure(
                DeckReadError(
                    .unreadableFile, at: location, "cannot read the file: \(String(cString: strerror(failure)))"))
        }
        return .success((bytes, FileIdentity(info)))
    }

    /// Reads until `buffer` is full or the file ends; returns the bytes read. Retries on EINTR.
    private static func readFully(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer, failure: inout Int32) -> Int {
        var offset = 0
        while offset < buffer.count {
            let got = systemRead(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if got < 0 {
                if errno == EINTR { continue }
                failure = errno
                break
            }
            if got == 0 { break }
            offset += got
        }
        return offset
    }
}

#if canImport(Glibc)
    private let systemRead = Glibc.read
#elseif canImport(Darwin)
    private let systemRead = Darwin.read
#endif
