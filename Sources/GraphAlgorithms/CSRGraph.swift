/// A directed graph in compressed sparse row form: placeholder until the algorithms land.
public struct CSRGraph: Sendable {
    public let nodeCount: Int
    public init(nodeCount: Int) { self.nodeCount = nodeCount }
}
