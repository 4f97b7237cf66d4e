#!/usr/bin/env bash
# Every libFuzzer target (each deck reader, the field cleaner, the exporters) for 30 s from the seed
# corpora in Fuzz/Corpus, under AddressSanitizer with leak detection; then the export corpus's DOT
# through Graphviz. Long campaigns: Scripts/fuzz.sh --time SECONDS (see README, "Fuzzing").
set -euo pipefail
cd "$(dirname "$0")/../.."
started=$SECONDS
Scripts/fuzz.sh --time "${FUZZ_SECONDS:-30}" --jobs 2
Scripts/fuzz.sh --no-build --dot-check
echo "ok: fuzz targets clean ($((SECONDS - started)) s)"
