#!/usr/bin/env bash
# Builds the libFuzzer targets (preset `fuzz`: clang, ASan + UBSan) and runs each for a fixed time.
#   scripts/fuzz.sh [SECONDS_PER_TARGET]        (default 30; .ci/run uses a short smoke run)
#   FUZZ_RUNS=10000000 scripts/fuzz.sh loader   runs the loader for a number of executions instead
#   FUZZ_LONG=1 FUZZ_RUNS=... scripts/fuzz.sh loader   the same with the fuzz-long build (UBSan only,
#       about twice as fast), then replays the corpus it grew under the ASan build
#   FUZZ_JOBS=N (with FUZZ_RUNS) splits the loader's executions over N processes sharing one corpus;
#       each job's log is build-fuzz/fuzz_loader-job-K.log and the totals are summed at the end
# Seed corpora are built from tests/data and examples/ (register files as they are; for the editor,
# a value line followed by a register file; for the time parsers, the dates and durations found in
# them). Crashes are written to build-fuzz/crashes/ and make the script fail.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
only=${2:-}
if [[ $seconds == loader || $seconds == yaml_edit || $seconds == time || $seconds == retention_due ]]; then only=$seconds; seconds=30; fi
export CMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER:-}
cmake --preset fuzz >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target fuzz_loader fuzz_yaml_edit fuzz_time fuzz_retention_due
bin=build-fuzz/fuzz
if [[ -n ${FUZZ_LONG:-} ]]; then
    cmake --preset fuzz-long >/dev/null
    cmake --build build-fuzz-long -j"$(nproc)" --target fuzz_loader fuzz_yaml_edit fuzz_time fuzz_retention_due
    bin=build-fuzz-long/fuzz
fi

corpus=build-fuzz/corpus
mkdir -p "$corpus/loader" "$corpus/yaml_edit" "$corpus/time" "$corpus/retention_due" build-fuzz/crashes
i=0
while IFS= read -r -d '' file; do
    i=$((i + 1))
    cp "$file" "$corpus/loader/seed-$i"
    { echo "New name: with colon"; cat "$file"; } >"$corpus/yaml_edit/seed-$i"
done < <(find tests/data examples -name '*.yaml' -print0)
grep -rhoE '[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9:]+Z)?|P[0-9YMWDTHS]+' tests/data examples --include='*.yaml' |
    sort -u | head -200 | while IFS= read -r token; do printf '%s' "$token" >"$corpus/time/$(printf '%s' "$token" | sha1sum | cut -c1-12)"; done

status=0
# The exports of `retention due`: a control byte (bit 0: JSONL; bit 1: ids; the rest: chunk size)
# and then the export, with a few written here so the corpus never starts empty.
printf '\002id,created\n1,2020-01-01\n2,"2026-11-25T10:00:00Z"\n' >"$corpus/retention_due/csv-ids"
printf '\000id,created,note\n1,2024-02-29,"a ""quoted"", note"\n' >"$corpus/retention_due/csv-rows"
printf '\003{"id":1,"created":"2020-01-01"}\n{"id":"x","created":"2025-05-31T23:59:59+02:00"}\n' \
    >"$corpus/retention_due/jsonl-ids"
while IFS= read -r -d '' file; do
    i=$((i + 1))
    case $file in *.jsonl) control='\003' ;; *) control='\002' ;; esac
    { printf "$control"; cat "$file"; } >"$corpus/retention_due/seed-$i"
done < <(find tests -name '*.csv' -print0 -o -name '*.jsonl' -print0)

for target in loader yaml_edit time retention_due; do
    [[ -n $only && $only != "$target" ]] && continue
    limit=(-max_total_time="$seconds")
    [[ -n ${FUZZ_RUNS:-} && $target == loader ]] && limit=(-runs="$FUZZ_RUNS")
    # FUZZ_SEED fixes libFuzzer's random choices, so a CI smoke run replays the same inputs.
    [[ -n ${FUZZ_SEED:-} ]] && limit+=(-seed="$FUZZ_SEED")
    jobs=()
    if [[ -n ${FUZZ_JOBS:-} && -n ${FUZZ_RUNS:-} && $target == loader ]]; then
        # libFuzzer's -jobs runs each job with the given -runs, so divide; its per-job logs are
        # fuzz-K.log in the working folder, hence the cd into build-fuzz.
        limit=(-runs=$(((FUZZ_RUNS + FUZZ_JOBS - 1) / FUZZ_JOBS)))
        [[ -n ${FUZZ_SEED:-} ]] && limit+=(-seed="$FUZZ_SEED")
        jobs=(-jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS")
        rm -f build-fuzz/fuzz-[0-9]*.log build-fuzz/fuzz_"$target"-job-*.log
    fi
    echo "== fuzz_$target ${limit[*]} ${jobs[*]}"
    if ! (cd build-fuzz && "../$bin/fuzz_$target" "${limit[@]}" "${jobs[@]}" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
        -artifact_prefix=crashes/"$target"- -print_final_stats=1 "corpus/$target" 2>fuzz_$target.log); then
        status=1
        # A crash leaves its input behind; anything else (an interrupted long run) only an exit code.
        if compgen -G "build-fuzz/crashes/$target-*" >/dev/null; then
            echo "fuzz_$target found a crash:"; ls build-fuzz/crashes/"$target"-*; tail -40 build-fuzz/fuzz_$target.log
        else
            echo "fuzz_$target stopped early without a crash input (interrupted?):"; tail -3 build-fuzz/fuzz_$target.log
        fi
    fi
    if ((${#jobs[@]})); then
        for log in build-fuzz/fuzz-[0-9]*.log; do
            mv "$log" "build-fuzz/fuzz_$target-job-${log##*/fuzz-}"
        done
        grep -hE "^stat::number_of_executed_units|^stat::peak_rss_mb|Done [0-9]+ runs" build-fuzz/fuzz_$target-job-*.log || true
        awk '/^stat::number_of_executed_units/ { sum += $2 } END { print "executions in all jobs: " sum }' \
            build-fuzz/fuzz_$target-job-*.log
        if grep -lE "ERROR: (libFuzzer|AddressSanitizer|UndefinedBehaviorSanitizer)|runtime error:" build-fuzz/fuzz_$target-job-*.log; then
            status=1; echo "a job of fuzz_$target reported an error (log named above)"
        fi
    else
        grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|Done [0-9]+ runs" build-fuzz/fuzz_$target.log || true
    fi
    if [[ -n ${FUZZ_LONG:-} ]]; then
        # What the fast build did not check: every input the run kept, once more under ASan.
        echo "== replay of $(find "$corpus/$target" -type f | wc -l) corpus inputs under ASan"
        if ! build-fuzz/fuzz/fuzz_$target -runs=0 -rss_limit_mb=2048 -timeout=10 \
            -artifact_prefix=build-fuzz/crashes/"$target"-replay- "$corpus/$target" 2>build-fuzz/replay_$target.log; then
            status=1
            echo "the ASan replay of fuzz_$target's corpus crashed:"; tail -40 build-fuzz/replay_$target.log
        fi
        grep -E "Done [0-9]+ runs" build-fuzz/replay_$target.log || true
    fi
done
exit $status
