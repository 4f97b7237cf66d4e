import ArgumentParser

public struct ConceptGraphCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "conceptgraph")
    public init() {}
    public func run() async throws {}
}
