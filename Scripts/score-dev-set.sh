#!/usr/bin/env bash
# Scores the graph of every deck that has a reference in ../shared/gold (the development set) and
# prints one table. Usage: Scripts/score-dev-set.sh [BINARY]   (default: a fresh release build)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
if [ ! -d "$shared/gold" ]; then echo "score-dev-set: $shared/gold not found: skipped" >&2; exit 0; fi
bin=${1:-}
if [ -z "$bin" ]; then
    swift build -c release --product conceptgraph >/dev/null
    bin=.build/release/conceptgraph
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf '%-34s %8s %8s %8s %8s %8s %8s %8s\n' deck concepts b_recall b_prec order merged f_recall f_prec
for gold in "$shared"/gold/*.json; do
    name=$(basename "$gold" .json)
    if [ "$name" = seeds ]; then deck=Decks; else deck=$shared/decks/$name; fi
    [ -e "$deck" ] || continue
    "$bin" export "$deck" --format graphml --output "$tmp/$name.graphml" >/dev/null 2>&1 || true
    python3 "$shared/eval/score_graph.py" "$tmp/$name.graphml" "$gold" 2>/dev/null | python3 -c '
import sys
name = sys.argv[1]
vals = {}
for line in sys.stdin:
    k, _, v = line.partition(":")
    vals[k.strip()] = v.strip()
cols = ["concepts", "broader_recall", "broader_precision", "order", "merged", "fronts_recall", "fronts_precision"]
print("%-34s " % name + " ".join("%8s" % vals.get(c, "-") for c in cols))
' "$name"
done
