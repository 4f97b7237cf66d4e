import Foundation
import TestSupport
import Testing

@testable import GraphExport

@Suite struct AtomicFileTests {
    @Test func createsParentsAndLeavesNoTempFiles() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("a/b/c.txt").path
        try AtomicFile.write("hello\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "hello\n")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("a/b").path)
                == ["c.txt"])
    }

    @Test func replacesAnExistingFileAndKeepsItsPermissions() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("f.txt").path
        try AtomicFile.write(String(repeating: "long old content ", count: 100), to: path)
        #expect(chmod(path, 0o640) == 0)
        try AtomicFile.write(Data("new".utf8), to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("new".utf8))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["f.txt"])
    }

    @Test func failureCleansUpAndNamesThePath() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The target is a folder: the rename fails after the temp file was written.
        let target = folder.appendingPathComponent("taken").path
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        let error = #expect(throws: ExportError.self) { try AtomicFile.write("x", to: target) }
        #expect(error == .file(operation: "replace", path: target, errno: EISDIR))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["taken"])
        // A parent that is a file.
        let file = folder.appendingPathComponent("plain").path
        try AtomicFile.write("x", to: file)
        let nested = file + "/child.txt"
        #expect(throws: ExportError.file(operation: "create its folder", path: nested, errno: ENOTDIR)) {
            try AtomicFile.write("y", to: nested)
        }
        #expect(
            ExportError.file(operation: "write", path: "/x", errno: ENOSPC).description
                == "error: /x: cannot write: No space left on device\nhint: the disk (or your quota) is full: free some space and try again"
        )
    }

    @Test func concurrentWritersNeverLeaveAPartialFile() async throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("shared.txt").path
        let contents = (0..<8).map { String(repeating: Character(UnicodeScalar(65 + $0)!), count: 200_000) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for text in contents { group.addTask { try AtomicFile.write(text, to: path) } }
            try await group.waitForAll()
        }
        let final = try String(contentsOfFile: path, encoding: .utf8)
        #expect(contents.contains(final))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["shared.txt"])
    }
}

@Suite struct AtomicFileStreamingTests {
    /// Writes `text` to `fd` with `AtomicFile.writeAll`.
    static func put(_ text: String, _ fd: Int32, _ path: String) throws(ExportError) {
        var failure: ExportError?
        Array(text.utf8).withUnsafeBytes { raw in
            do throws(ExportError) {
                try AtomicFile.writeAll(raw, to: fd, path: path)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    @Test func streamedPiecesMakeTheFile() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("sub/s.txt").path
        try AtomicFile.write(to: path) { fd throws(ExportError) in
            for piece in ["one ", "two ", "three\n"] {
                try Self.put(piece, fd, path)
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "one two three\n")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("sub").path) == ["s.txt"])
    }

    @Test func aFailingBodyLeavesTheTargetAndNoTempFile() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("keep.txt").path
        try AtomicFile.write("old\n", to: path)
        #expect(throws: ExportError.self) {
            try AtomicFile.write(to: path) { fd throws(ExportError) in
                try Self.put("half", fd, path)
                throw .file(operation: "write", path: path, errno: ENOSPC)
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["keep.txt"])
    }
}
