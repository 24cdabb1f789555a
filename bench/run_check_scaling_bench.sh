#!/usr/bin/env bash
# Scaling of `gdprctl check` (design.md §6: check is linear in files, bytes and findings; budget
# <= 1.5x the yaml-cpp event floor). Three cases, each beside the single-threaded yaml-cpp event
# floor on the same files:
#   - the 10,000-system register in 1,000 files and in ONE file (same systems, same findings);
#   - a register whose one file yields ~20,000 findings, and the same at half size (linear in
#     findings: twice the findings must cost about twice the time, not four times).
# Writes the section "## check: one file and many findings" of bench/RESULTS.md.
#
#     bench/run_check_scaling_bench.sh      # BUILD=build RUNS=5
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/.." && pwd)
build=${BUILD:-$source_dir/build}
runs=${RUNS:-5}
as_of=${AS_OF:-2026-11-25}
python=/usr/bin/python3
out=$here/out
results=$here/RESULTS.md
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 2; }
if [[ ! -x $build/bench/bench_yaml_parse || ! -x $build/apps/gdprctl/gdprctl ]]; then
    cmake -S "$source_dir" -B "$build" -DGDPRCTL_BUILD_BENCH=ON >/dev/null
    cmake --build "$build" -j2 --target gdprctl bench_yaml_parse >/dev/null
fi
gdprctl=$build/apps/gdprctl/gdprctl
floor=$build/bench/bench_yaml_parse
mkdir -p "$out"
many=$out/register-10000
one=$out/register-10000-one-file
[[ -f $many/gdpr.yaml ]] || "$python" "$here/generate_register.py" "$many" --systems 10000 --files 1000
[[ -f $one/gdpr.yaml ]] || "$python" "$here/generate_register.py" "$one" --systems 10000 --files 1

# A register whose single file holds N systems with two findings each (an unknown field and an
# unknown data category): 2N findings, each with a source line to print.
findings_register() {  # DIR SYSTEMS
    local dir=$1 n=$2
    [[ -f $dir/gdpr.yaml ]] && return
    mkdir -p "$dir/systems"
    cp "$one/gdpr.yaml" "$dir/gdpr.yaml"
    "$python" - "$dir/systems/all.yaml" "$n" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write("systems:\n")
    for i in range(n):
        f.write(f"""  - id: sys-{i}
    name: System {i}
    owner: Team {i % 17}
    ownr: typo {i}
    subjects: [customer]
    data: [contact.email, no.such.category{i % 5}]
    purposes:
      - id: service
        basis: contract
    retention:
      - {{data: [contact.email], period: P2Y, action: delete}}
    security: [tls]
    last_review: 2026-06-01
""")
PY
}
findings_full=$out/register-findings-10000
findings_half=$out/register-findings-5000
findings_register "$findings_full" 10000
findings_register "$findings_half" 5000

# check exits 1 when it finds something: that is the point here, not a failure of the pipeline.
count_findings() { { "$gdprctl" --as-of "$as_of" --format json check --workspace "$1" || [[ $? == 1 ]]; } | "$python" -c 'import json,sys; print(len(json.load(sys.stdin)["diagnostics"]))'; }
n_one=$(count_findings "$one"); n_many=$(count_findings "$many")
n_full=$(count_findings "$findings_full"); n_half=$(count_findings "$findings_half")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Peak resident memory of each check (design.md §6: <= 100 MB whatever the number of files).
peak_kb() { /usr/bin/time -f %M -o "$tmp/rss" "$gdprctl" --as-of "$as_of" check --workspace "$1" >/dev/null 2>&1 || true; cat "$tmp/rss" | tail -1; }
rss_many=$(peak_kb "$many"); rss_one=$(peak_kb "$one"); rss_full=$(peak_kb "$findings_full"); rss_half=$(peak_kb "$findings_half")
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
hyperfine -i -N --warmup 1 --runs "$runs" --export-json "$tmp/r.json" \
    -n "check, 1,000 files" "$gdprctl --as-of $as_of check --workspace $many" \
    -n "floor, 1,000 files" "$floor events $many" \
    -n "check, one file" "$gdprctl --as-of $as_of check --workspace $one" \
    -n "floor, one file" "$floor events $one" \
    -n "check, one file, $n_full findings" "$gdprctl --as-of $as_of check --workspace $findings_full" \
    -n "floor, one file, $n_full findings" "$floor events $findings_full" \
    -n "check, one file, $n_half findings" "$gdprctl --as-of $as_of check --workspace $findings_half" \
    -n "floor, one file, $n_half findings" "$floor events $findings_half" >&2

"$python" - "$tmp/r.json" "$results" <<PY
import json, re, subprocess, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
results = sys.argv[2]
def cpu(x): return x["user"] + x["system"]
date = subprocess.run(["date", "-u", "+%Y-%m-%d %H:%M UTC"], capture_output=True, text=True).stdout.strip()
commit = subprocess.run(["git", "-C", "$source_dir", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
lines = ["## check: one file and many findings", "",
         f"Run {date}, commit {commit}: \`bench/run_check_scaling_bench.sh\` (RUNS=$runs); load average at the start "
         f"$load_before (shared machine: compare CPU times). Floor: \`bench_yaml_parse events\` (yaml-cpp's event "
         "stream, one thread) over the same files.", "",
         "| case | findings | check: mean wall | check: CPU | check: peak memory | floor: CPU | check / floor (CPU) |",
         "|---|---|---|---|---|---|---|"]
cases = [("1,000 files", $n_many, $rss_many), ("one file", $n_one, $rss_one), ("one file, $n_full findings", $n_full, $rss_full),
         ("one file, $n_half findings", $n_half, $rss_half)]
ratios = {}
peak = 0
for name, n, rss in cases:
    c, f = r[f"check, {name}"], r[f"floor, {name}"]
    ratios[name] = cpu(c) / cpu(f)
    peak = max(peak, rss / 1024)
    lines.append(f"| {name} | {n} | {c['mean']:.3f} s | {cpu(c):.3f} s | {rss / 1024:.0f} MB | {cpu(f):.3f} s | {ratios[name]:.2f}× |")
full, half = r["check, one file, $n_full findings"], r["check, one file, $n_half findings"]
growth = cpu(full) / cpu(half)
worst = max(ratios.values())
lines += ["",
          f"- Linear in findings: twice the findings cost {growth:.2f}× the CPU time (quadratic would be about 4×) — "
          f"{'**met**' if growth < 2.6 else '**NOT met**'}.",
          f"- One file against 1,000 files of the same register: {cpu(r['check, one file']) / cpu(r['check, 1,000 files']):.2f}× the CPU time.",
          f"- Budget ≤ 1.5× the yaml-cpp event floor (CPU): worst case {worst:.2f}× — {'**met**' if worst <= 1.5 else '**NOT met**'}.",
          f"- Memory ≤ 100 MB: largest peak {peak:.0f} MB — {'**met**' if peak <= 100 else '**NOT met**'}.",
          ""]
section = "\n".join(lines)
text = open(results).read()
pattern = re.compile(r"^## check: one file and many findings\n.*?(?=^## |\Z)", re.S | re.M)
text = pattern.sub(lambda m: section + "\n", text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
open(results, "w").write(text.rstrip("\n") + "\n")
print(section)
PY
