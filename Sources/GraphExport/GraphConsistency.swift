import ConceptAnalysis

extension AnalyzedGraph {
    /// Throws `ExportError.inconsistentGraph` unless every per-concept array has one entry per
    /// concept, cluster ids name a cluster, and every relation (and drawn relation) is in range.
    ///
    /// - Complexity: O(V + E).
    func checkExportable() throws(ExportError) {
        let n = graph.concepts.count
        for (name, count) in [
            ("orderPosition", orderPosition.count), ("cluster", cluster.count), ("level", level.count),
            ("rank", rank.count),
        ] where count != n {
            throw .inconsistentGraph("\(name) has \(count) entries for \(n) concepts")
        }
        if let bad = cluster.firstIndex(where: { $0 < 0 || $0 >= clusterNames.count }) {
            throw .inconsistentGraph(
                "concept \(bad) is in cluster \(cluster[bad]) but there are \(clusterNames.count) cluster names")
        }
        if let bad = graph.relations.firstIndex(where: { !(0..<n).contains($0.source) || !(0..<n).contains($0.target) })
        {
            throw .inconsistentGraph("relation \(bad) points outside the \(n) concepts")
        }
        if let bad = drawnRelations.first(where: { !graph.relations.indices.contains($0) }) {
            throw .inconsistentGraph("drawn relation \(bad) is not one of the \(graph.relations.count) relations")
        }
    }
}
