import ArgumentParser
import Foundation

extension ConceptGraphCommand {
    /// Runs the command line like `main()`, except that a usage error (an unknown option, a bad value,
    /// a failed `validate()`) exits with status 2, the documented code for bad input or usage, rather
    /// than argument-parser's EX_USAGE (64). Help, `--version` and the commands' own exit codes pass
    /// through unchanged.
    public static func runWithDocumentedExitCodes() -> Never {
        do {
            var command = try parseAsRoot()
            try command.run()
            exit()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
