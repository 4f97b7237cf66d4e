#!/usr/bin/env bash
# Whole-pipeline benchmark: generated decks of 10k, 100k and 1M cards and the real ../shared/decks read
# together, `conceptgraph build` (release) under /usr/bin/time, median of 3, compared on the same graphs
# with python-igraph (Leiden + write_graphml) and NetworkX (write_graphml). See Benchmarks/README.md.
#
#   Benchmarks/pipeline.sh                     # 10k 100k 1m + real decks, 3 runs each
#   Benchmarks/pipeline.sh --sizes "10k 100k"  # fewer sizes
#   Benchmarks/pipeline.sh --repeats 1
#
# Table: stdout and Benchmarks/results/pipeline.md. Runs under `nice -n 19` (NICE=0 to change): the machine
# is shared; compare the columns of one run, and the CPU column across runs.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="10k 100k 1m"
repeats=3
while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) sizes="$2"; shift 2 ;;
        --repeats) repeats="$2"; shift 2 ;;
        *) echo "usage: $0 [--sizes \"10k 100k 1m\"] [--repeats N]" >&2; exit 2 ;;
    esac
done

python3 -c "import igraph, networkx" 2>/dev/null || python3 -m pip install --quiet igraph networkx
nice -n 19 swift build -c release --product conceptgraph >&2
binary="$(swift build -c release --show-bin-path)/conceptgraph"

# Generated decks are cached in .build-bench/ and rebuilt when the generator changes.
stamp=$(sha256sum Benchmarks/generate_decks.py | cut -c1-16)
inputs=()
for size in $sizes; do
    case "$size" in
        10k) cards=10000 ;; 100k) cards=100000 ;; 1m) cards=1000000 ;;
        *) echo "unknown size $size (use 10k, 100k, 1m)" >&2; exit 2 ;;
    esac
    dir=".build-bench/decks-$size"
    if [ "$(cat "$dir/.stamp" 2>/dev/null)" != "$stamp" ]; then
        nice -n 19 python3 Benchmarks/generate_decks.py --cards "$cards" --seed 1 --out "$dir"
        echo "$stamp" > "$dir/.stamp"
    fi
    inputs+=(--input "$size" "$dir")
done
if [ -d ../shared/decks ]; then
    inputs+=(--input "real decks" ../shared/decks)
else
    echo "../shared/decks not found: real decks skipped" >&2
fi
mkdir -p .build-bench/out
exec nice -n "${NICE:-19}" python3 Benchmarks/compare_pipeline.py --binary "$binary" --repeats "$repeats" \
    --scratch .build-bench/out "${inputs[@]}"
