#!/usr/bin/env bash
# The sample decks' graph against their hand-made reference (needs ../shared).
set -euo pipefail
if [ ! -f ../shared/eval/score_graph.py ]; then echo "../shared not found: reference scoring skipped"; exit 0; fi
python3 ../shared/eval/score_graph.py Graphs/concepts.graphml ../shared/gold/seeds.json \
    --min concepts=0.9 --min broader_recall=0.8 --min broader_precision=0.85 --min order=0.9 \
    --min merged=1.0 --min fronts_recall=0.95 --min fronts_precision=0.9
