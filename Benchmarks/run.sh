#!/usr/bin/env bash
# Rebuilds GraphBench (release) and compares it with python-igraph. Arguments go to compare_igraph.py
# (e.g. `--quick`, `--decks out/*.graphml`). Results: Benchmarks/results/latest.md.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import igraph, networkx, numpy" 2>/dev/null || python3 -m pip install igraph networkx numpy
swift build -c release --product GraphBench
BIN="$(swift build -c release --show-bin-path)/GraphBench"
exec python3 Benchmarks/compare_igraph.py --bench "$BIN" "$@"
