#!/usr/bin/env bash
# The Swift FSRS-6 scheduler against the reference Python package `fsrs` (.ci/pip/study.txt):
# 10,000 seeded review histories must give the same stability, difficulty, retrievability and
# interval (1e-6 relative; intervals exact) and the same forgetting curve.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build --product fsrs-replay 2>&1 | tail -1
python3 .ci/checks/fsrs_reference.py "$(swift build --show-bin-path)/fsrs-replay" --histories 10000 --seed 20260101
