import GRDB

/// Why the progress database cannot be used. Every case names the file and says what to do; none
/// is ever handled by resetting the learner's progress.
public enum StudyStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is damaged or is not an SQLite database at all.
    case corrupt(path: String, detail: String)
    /// Another program held the write lock longer than the lock timeout.
    case locked(path: String, seconds: Double)
    /// The file or its folder cannot be written.
    case readOnly(path: String)
    /// The database was written by a newer ConceptGraph (migrations this version does not know).
    case newerVersion(path: String, unknownMigrations: [String])
    /// An SQLite database, but not one of ConceptGraph's.
    case foreignDatabase(path: String)
    /// Any other SQLite failure.
    case sqlite(path: String, detail: String)

    public var path: String {
        switch self {
        case .corrupt(let path, _), .locked(let path, _), .readOnly(let path), .newerVersion(let path, _),
            .foreignDatabase(let path), .sqlite(let path, _):
            path
        }
    }

    /// The problem, for people.
    public var message: String {
        switch self {
        case .corrupt(let path, let detail):
            "\(path): the study database is damaged (\(detail))"
        case .locked(let path, let seconds):
            "\(path): the study database is locked by another program (waited \(Self.format(seconds)) s)"
        case .readOnly(let path):
            "\(path): the study database is read-only"
        case .newerVersion(let path, let unknown):
            "\(path): the study database was written by a newer version of conceptgraph "
                + "(unknown schema steps: \(unknown.joined(separator: ", ")))"
        case .foreignDatabase(let path):
            "\(path): this SQLite file is not a conceptgraph study database"
        case .sqlite(let path, let detail):
            "\(path): \(detail)"
        }
    }

    /// What to do about it.
    public var hint: String {
        switch self {
        case .corrupt:
            "nothing was changed; move the file aside to start afresh, or restore a backup "
                + "(`sqlite3 FILE .recover` may save its reviews)"
        case .locked:
            "close the other study session or program using it, or wait longer with --lock-timeout"
        case .readOnly:
            "make the file and its folder writable, or choose another file with --db"
        case .newerVersion:
            "update conceptgraph; this version leaves the file untouched"
        case .foreignDatabase:
            "choose another file with --db"
        case .sqlite:
            "check the path given with --db"
        }
    }

    public var description: String { "\(message) (\(hint))" }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    /// Maps an SQLite failure to what it means for the learner.
    static func from(_ error: any Error, path: String, lockTimeout: Double) -> StudyStoreError {
        if let known = error as? StudyStoreError { return known }
        guard let error = error as? DatabaseError else { return .sqlite(path: path, detail: "\(error)") }
        let detail = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .corrupt(path: path, detail: detail)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(path: path, seconds: lockTimeout)
        case .SQLITE_READONLY: return .readOnly(path: path)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return .sqlite(path: path, detail: "cannot open the study database (\(detail))")
        default: return .sqlite(path: path, detail: detail)
        }
    }
}
