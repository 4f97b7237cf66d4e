#!/usr/bin/env bash
# Graphs/concepts.graphml loads in NetworkX with the node and edge counts written.
set -euo pipefail
python3 - <<'PY'
import re, networkx as nx
text = open("Graphs/concepts.graphml", encoding="utf-8").read()
nodes, edges = len(re.findall(r"<node ", text)), len(re.findall(r"<edge ", text))
g = nx.read_graphml("Graphs/concepts.graphml")
assert g.is_directed(), "graph is not directed"
assert (g.number_of_nodes(), g.number_of_edges()) == (nodes, edges), (g.number_of_nodes(), g.number_of_edges(), nodes, edges)
kinds = sorted({d["kind"] for _, _, d in g.edges(data=True)})
print(f"ok: {nodes} nodes, {edges} edges, kinds {kinds}")
PY
