#!/usr/bin/env bash
# Real consumers of the other exports:
#  - NetworkX reads `export --format json` (node_link_graph) and `--format gexf` (read_gexf) into the same
#    graph as the GraphML export;
#  - Graphviz renders every picture of `pictures` (sample decks, and csci5001, potatopsych, mfel1010 when
#    ../shared is present) without a warning, each within the stated 16 × 10 inch (1152 × 720 pt) limit.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build --product conceptgraph >/dev/null 2>&1
bin=$(swift build --show-bin-path)/conceptgraph
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" export Decks --format json --output "$work/g.json"
"$bin" export Decks --format graphml --output "$work/g.graphml"
"$bin" export Decks --format gexf --output "$work/g.gexf"
python3 - "$work/g.json" "$work/g.graphml" "$work/g.gexf" <<'PY'
import json, sys, networkx as nx
data = json.load(open(sys.argv[1]))
g = nx.node_link_graph(data, edges="edges")
ref = nx.read_graphml(sys.argv[2])
assert g.is_directed() and g.is_multigraph()
assert set(g.nodes) == set(ref.nodes), "JSON and GraphML name different nodes"
assert g.number_of_edges() == ref.number_of_edges(), (g.number_of_edges(), ref.number_of_edges())
assert all("label" in d and "order" in d for _, d in g.nodes(data=True))
print(f"networkx json ok: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges, same as GraphML")
gexf = nx.read_gexf(sys.argv[3])
assert set(gexf.nodes) == set(ref.nodes), "GEXF and GraphML name different nodes"
assert gexf.number_of_edges() == ref.number_of_edges(), (gexf.number_of_edges(), ref.number_of_edges())
assert all("cluster" in d and "order" in d for _, d in gexf.nodes(data=True))
print(f"networkx gexf ok: {gexf.number_of_nodes()} nodes, {gexf.number_of_edges()} edges, same as GraphML")
PY

decks=("Decks")
for d in csci5001-computer-architecture potatopsych-anki-pipe/anki.txt mfel1010-medicine; do
    [ -e "../shared/decks/$d" ] && decks+=("../shared/decks/$d")
done
for deck in "${decks[@]}"; do
    out="$work/pictures/$(basename "$deck")"
    "$bin" pictures "$deck" --format dot --output "$out" >/dev/null 2>&1
    count=0
    for dot in "$out"/*.dot; do
        dot -Tsvg "$dot" >"${dot%.dot}.svg" 2>"$work/err"
        if [ -s "$work/err" ]; then
            echo "Graphviz warned on $dot:"; cat "$work/err"; exit 1
        fi
        python3 - "${dot%.dot}.svg" <<'PY'
import re, sys
head = open(sys.argv[1]).read(2000)
w, h = (float(re.search(name + r'="([\d.]+)pt"', head).group(1)) for name in ("width", "height"))
assert w <= 1152.5 and h <= 720.5, f"{sys.argv[1]}: {w} x {h} pt exceeds 1152 x 720"
PY
        count=$((count + 1))
    done
    echo "pictures ok: $deck: $count pictures, no Graphviz warnings, all within 1152 x 720 pt"
done
