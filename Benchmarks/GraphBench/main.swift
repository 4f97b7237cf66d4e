// GraphBench: times the graph algorithms on an edge list and writes Leiden's membership.
//
//     GraphBench EDGES --out MEMBERSHIP [--resolution 1] [--seed 1] [--repeat 3] [--max-iterations -1]
//
// EDGES has one edge a line, `u v [w]`, 0-based ids ('#' lines ignored). Prints one JSON object with
// the median wall time (ms, `ContinuousClock`) of each algorithm alone, file reading excluded:
// CSR build (directed CSR + undirected view), Leiden, SCC + study order (edges directed u → v,
// keys = node id, clusters = Leiden's), PageRank.
import Foundation
import GraphAlgorithms

struct Options {
    var edges = ""
    var out = ""
    var resolution = 1.0
    var seed: UInt64 = 1
    var repeats = 3
    var maxIterations = -1
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(
        Data(
            "error: \(message)\nusage: GraphBench EDGES --out MEMBERSHIP [--resolution R] [--seed S] [--repeat K] [--max-iterations N]\n"
                .utf8))
    exit(2)
}

func parseOptions() -> Options {
    var o = Options()
    var args = CommandLine.arguments.dropFirst()
    while let a = args.popFirst() {
        func value() -> String {
            guard let v = args.popFirst() else { fail("\(a) needs a value") }
            return v
        }
        switch a {
        case "--out": o.out = value()
        case "--resolution":
            guard let x = Double(value()) else { fail("bad --resolution") }
            o.resolution = x
        case "--seed":
            guard let x = UInt64(value()) else { fail("bad --seed") }
            o.seed = x
        case "--repeat":
            guard let x = Int(value()) else { fail("bad --repeat") }
            o.repeats = max(1, x)
        case "--max-iterations":
            guard let x = Int(value()) else { fail("bad --max-iterations") }
            o.maxIterations = x
        default:
            if a.hasPrefix("-") || !o.edges.isEmpty { fail("unexpected argument \(a)") }
            o.edges = a
        }
    }
    if o.edges.isEmpty || o.out.isEmpty { fail("EDGES and --out are required") }
    return o
}

/// Parses `u v [w]` lines byte by byte.
func readEdges(_ path: String) -> (sources: [Int32], targets: [Int32], weights: [Double]?, nodeCount: Int) {
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    var s: [Int32] = []
    var t: [Int32] = []
    var w: [Double] = []
    var weighted = false
    var maxID: Int32 = -1
    data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
        let bytes = raw.bindMemory(to: UInt8.self)
        var i = 0
        let n = bytes.count
        var lineNumber = 0
        while i < n {
            lineNumber += 1
            var fields: [Substring] = []
            let start = i
            while i < n && bytes[i] != 10 { i += 1 }
            let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            i += 1
            if line.hasPrefix("#") { continue }
            fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if fields.isEmpty { continue }
            guard fields.count >= 2, let u = Int32(fields[0]), let v = Int32(fields[1]), u >= 0, v >= 0 else {
                fail("\(path):\(lineNumber): expected `u v [w]`")
            }
            s.append(u)
            t.append(v)
            maxID = max(maxID, u, v)
            if fields.count >= 3 {
                guard let x = Double(fields[2]) else { fail("\(path):\(lineNumber): bad weight") }
                if !weighted {
                    weighted = true
                    w = [Double](repeating: 1, count: s.count - 1)
                }
                w.append(x)
            } else if weighted {
                w.append(1)
            }
        }
    }
    return (s, t, weighted ? w : nil, Int(maxID) + 1)
}

func milliseconds(_ d: Duration) -> Double {
    let c = d.components
    return Double(c.seconds) * 1000 + Double(c.attoseconds) / 1e15
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

let options = parseOptions()
let input = readEdges(options.edges)
let clock = ContinuousClock()
var csrTimes: [Double] = []
var leidenTimes: [Double] = []
var orderTimes: [Double] = []
var rankTimes: [Double] = []
var result: LeidenResult! = nil
var graph: CSRGraph! = nil
var undirected: UndirectedGraph! = nil
var checksum = 0
for _ in 0..<options.repeats {
    var t0 = clock.now
    graph = CSRGraph(nodeCount: input.nodeCount, sources: input.sources, targets: input.targets, weights: input.weights)
    undirected = UndirectedGraph(graph)
    csrTimes.append(milliseconds(clock.now - t0))

    t0 = clock.now
    result = Leiden(resolution: options.resolution, seed: options.seed, maxIterations: options.maxIterations).run(
        undirected)
    leidenTimes.append(milliseconds(clock.now - t0))

    t0 = clock.now
    let scc = StronglyConnectedComponents(graph)
    let order = studyOrder(graph, keys: Array(0..<graph.nodeCount), clusters: result.membership, scc: scc)
    orderTimes.append(milliseconds(clock.now - t0))
    checksum &+= Int(order[0]) &+ scc.count

    t0 = clock.now
    let rank = pageRank(graph)
    rankTimes.append(milliseconds(clock.now - t0))
    checksum &+= Int(rank[0] * 1e6)
}

var text = ""
text.reserveCapacity(result.membership.count * 6)
for c in result.membership {
    text += String(c)
    text += "\n"
}
do {
    try text.write(toFile: options.out, atomically: true, encoding: .utf8)
} catch {
    fail("cannot write \(options.out): \(error)")
}
let scc = StronglyConnectedComponents(graph)
func list(_ xs: [Double]) -> String { "[" + xs.map { String(format: "%.3f", $0) }.joined(separator: ", ") + "]" }
print(
    """
    {"nodes": \(graph.nodeCount), "edges": \(graph.edgeCount), "undirected_edges": \(undirected.neighbors.count / 2), \
    "communities": \(result.communityCount), "modularity": \(result.modularity), "iterations": \(result.iterations), \
    "components": \(scc.count), "repeats": \(options.repeats), \
    "csr_ms": \(String(format: "%.3f", median(csrTimes))), "leiden_ms": \(String(format: "%.3f", median(leidenTimes))), \
    "scc_order_ms": \(String(format: "%.3f", median(orderTimes))), "pagerank_ms": \(String(format: "%.3f", median(rankTimes))), \
    "leiden_runs_ms": \(list(leidenTimes)), "scc_order_runs_ms": \(list(orderTimes)), "checksum": \(checksum)}
    """)
