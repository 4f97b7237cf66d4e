#!/usr/bin/env bash
# The tree stays clean under `swift format` with the checked-in .swift-format.
set -euo pipefail
out=$(swift format lint --recursive Sources Tests Benchmarks Package.swift 2>&1)
if [ -n "$out" ]; then echo "$out" | head -40; echo "swift format: run 'swift format format -i -r Sources Tests Benchmarks Package.swift'"; exit 1; fi
echo "ok: swift format lint clean"
