#!/usr/bin/env bash
# Runs the libFuzzer targets (Fuzz/): every deck reader, the HTML/cloze field cleaner, the exporters.
#
#   Scripts/fuzz.sh                       # every target for 30 s each (what CI runs)
#   Scripts/fuzz.sh --time 3600 export    # one target for an hour
#   Scripts/fuzz.sh --runs 10000000 readers-csv
#   Scripts/fuzz.sh --runs 10000000 --time 7200 export   # whichever comes first
#   Scripts/fuzz.sh --list                # the target names
#   Scripts/fuzz.sh --dot-check           # the export corpus's DOT through Graphviz (`neato -Tcanon`)
#   Scripts/fuzz.sh --no-build ...        # reuse the binaries in .build-fuzz (parallel campaigns)
#   Scripts/fuzz.sh --jobs 2 ...          # two targets at a time
#   Scripts/fuzz.sh --max-len 4096 ...    # inputs up to 4 KiB (libFuzzer's default; CI: 64 KiB)
#   Scripts/fuzz.sh --timeout 60 ...      # seconds one input may take (default 10; more beside a build,
#                                         # which starves a fuzzer under `nice` into false timeouts)
#
# Targets: readers-<reader> (one per reader FuzzReaders knows: `auto` plus every DeckFormat),
# fieldtext, export. Builds in release mode with AddressSanitizer into .build-fuzz (flags: see
# ../shared/BUILD-NOTES.md). Seeds are in Fuzz/Corpus/<group>/ (small, committed); inputs the fuzzer
# finds go to .build-fuzz/corpus/<target>/ and crashes to .build-fuzz/artifacts/<target>/.
# Prints one line per target: executions, seconds, and `ok` or the crash file. Exit 1 on any crash.
# Long campaigns: run under `nice -n 19`, one or two at a time.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=30
time_given=false
runs=""
list=false
dot_check=false
no_build=false
jobs=1
max_len=65536
unit_timeout=10
targets=()
while (($#)); do
    case "$1" in
        --time) seconds=$2; time_given=true; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --list) list=true; shift ;;
        --dot-check) dot_check=true; shift ;;
        --no-build) no_build=true; shift ;;
        --jobs) jobs=$2; shift 2 ;;
        --max-len) max_len=$2; shift 2 ;;
        --timeout) unit_timeout=$2; shift 2 ;;
        -h | --help) sed -n '2,23p' "$0"; exit 0 ;;
        *) targets+=("$1"); shift ;;
    esac
done

scratch=${FUZZ_SCRATCH:-.build-fuzz}  # FUZZ_SCRATCH: another build folder (e.g. to time a fresh build)
# `--sanitize=fuzzer --sanitize=address` alone is not enough: SwiftPM passes the two flags to the
# compiler in no fixed order and the compiler keeps only the last `-sanitize=`, so a build can come
# out without coverage instrumentation (libFuzzer then says "no interesting inputs"). The combined
# `-Xswiftc -sanitize=fuzzer,address` comes last and wins; the check below catches a regression.
build() {
    swift build -c release --scratch-path "$scratch" --product "$1" --sanitize=fuzzer --sanitize=address \
        -Xswiftc -sanitize=fuzzer,address 2>&1 | grep -E "error|warning: unre|Compiling|Build" | tail -3 >&2
    if ! grep -qa __sancov_cntrs "$scratch/release/$1"; then
        echo "fuzz.sh: $1 has no coverage instrumentation; remove $scratch and run again" >&2
        exit 1
    fi
}
$no_build || for product in FuzzReaders FuzzFieldText FuzzExport; do build "$product"; done
bin=$scratch/release

all_targets() {
    FUZZ_LIST=1 "$bin/FuzzReaders" 2>/dev/null | sed 's/^/readers-/'
    echo fieldtext
    echo export
}
if $list; then all_targets; exit 0; fi
((${#targets[@]})) || mapfile -t targets < <(all_targets)

if $dot_check; then
    command -v neato >/dev/null || { echo "skip: Graphviz not installed"; exit 0; }
    out=$(mktemp -d)
    # The seeds, plus up to 300 inputs the export campaign found (when there was one on this machine).
    inputs=(Fuzz/Corpus/export/*)
    [ -d "$scratch/corpus/export" ] && mapfile -t -O ${#inputs[@]} inputs < <(ls -d "$scratch"/corpus/export/* | head -300)
    FUZZ_EXPORT_DOT_DIR=$out SWIFT_BACKTRACE=enable=no "$bin/FuzzExport" "${inputs[@]}" >/dev/null 2>&1
    bad=0
    for f in "$out"/*.dot; do
        if ! neato -Gmaxiter=0 -Tcanon "$f" >/dev/null 2>"$f.err" || [ -s "$f.err" ]; then
            echo "Graphviz rejects $f: $(head -c 300 "$f.err")"; bad=1
        fi
    done
    echo "dot-check: $(ls "$out"/*.dot | wc -l) DOT files from ${#inputs[@]} export inputs through neato -Tcanon: $([ $bad = 0 ] && echo ok || echo FAILED)"
    [ $bad = 0 ] && rm -rf "$out"
    exit $bad
fi

run_target() {
    local target=$1 binary seeds reader=""
    case "$target" in
        readers-*) binary=FuzzReaders; seeds=Fuzz/Corpus/readers; reader=${target#readers-} ;;
        fieldtext) binary=FuzzFieldText; seeds=Fuzz/Corpus/fieldtext ;;
        export) binary=FuzzExport; seeds=Fuzz/Corpus/export ;;
        *) echo "unknown target $target (see --list)"; return 2 ;;
    esac
    local corpus=$scratch/corpus/$target artifacts=$scratch/artifacts/$target log=$scratch/logs/$target.log
    mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
    local limit=(-max_total_time="$seconds")
    # --runs alone: that many executions; with --time too: whichever comes first.
    if [ -n "$runs" ]; then
        if $time_given; then limit+=(-runs="$runs"); else limit=(-runs="$runs"); fi
    fi
    local result status=0
    # Leaks are checked (detect_leaks=1): the readers and exporters must free what libxml2 allocates.
    if FUZZ_READER=$reader SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
        "$bin/$binary" "${limit[@]}" -timeout="$unit_timeout" -rss_limit_mb=2048 -max_len="$max_len" -print_final_stats=1 \
        -artifact_prefix="$artifacts/" "$corpus" "$seeds" >"$log" 2>&1; then
        result=ok
    else
        result="FAILED: $(ls -t "$artifacts" | head -1) (log: $log)"
        status=1
    fi
    local execs time
    execs=$(grep -Eo 'stat::number_of_executed_units: [0-9]+' "$log" | grep -Eo '[0-9]+$' || echo "?")
    time=$(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$log" | grep -Eo 'in [0-9]+' | grep -Eo '[0-9]+' || echo "?")
    printf '%-20s %12s execs %6s s  %s\n' "$target" "$execs" "$time" "$result"
    return $status
}

# Targets run `jobs` at a time (default 1; CI uses 2 on its two cores).
failures=$(mktemp)
for target in "${targets[@]}"; do
    while (($(jobs -rp | wc -l) >= jobs)); do wait -n || true; done
    (run_target "$target" || echo "$target" >>"$failures") &
done
wait
status=0
[ -s "$failures" ] && status=1
rm -f "$failures"
exit $status
