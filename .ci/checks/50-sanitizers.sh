#!/usr/bin/env bash
# The whole test suite under AddressSanitizer, then under ThreadSanitizer, each in its own scratch
# folder (.build-asan, .build-tsan) so the plain build is left alone.
# LeakSanitizer is off for the test run: it reports leaks inside the XCTest/Testing runtime
# (see ../shared/BUILD-NOTES.md); leaks in our code are looked for by the fuzz targets (60-fuzz.sh),
# which run with detect_leaks=1.
set -euo pipefail
cd "$(dirname "$0")/../.."

run() {
    local name=$1
    shift
    local started=$SECONDS log
    log=$(mktemp)
    if ! "$@" >"$log" 2>&1; then
        grep -E "error|✘|ERROR|WARNING: ThreadSanitizer|SUMMARY" "$log" | head -40
        echo "sanitizers: $name FAILED ($((SECONDS - started)) s, log: $log)"
        exit 1
    fi
    if grep -qE "WARNING: ThreadSanitizer|ERROR: AddressSanitizer" "$log"; then
        grep -E -A12 "WARNING: ThreadSanitizer|ERROR: AddressSanitizer" "$log" | head -60
        echo "sanitizers: $name reported a problem ($((SECONDS - started)) s, log: $log)"
        exit 1
    fi
    echo "ok: $name: $(grep -Eo 'Test run with [0-9]+ tests' "$log" | tail -1) passed in $((SECONDS - started)) s"
    rm -f "$log"
}

ASAN_OPTIONS=detect_leaks=0 run "AddressSanitizer" swift test --scratch-path .build-asan --sanitize=address
TSAN_OPTIONS=halt_on_error=1 run "ThreadSanitizer" swift test --scratch-path .build-tsan --sanitize=thread
