#!/usr/bin/env bash
# End-to-end tests of `gdprctl report ropa|notice`: every format of every workspace below is
# compared byte for byte with its golden file (UPDATE_GOLDEN=1 rewrites them), then -o, bad
# formats, CSV/JSON well-formedness, HTML self-containment and escaping, and a broken register.
set -uo pipefail
: "${GDPRCTL:?path to the gdprctl binary}" "${SOURCE_DIR:?}" "${TEST_DATA:?}"
AS_OF=2026-11-25
EXPECTED="$TEST_DATA/report/expected"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
source "$(dirname "$0")/support.bash"

# name=folder; a workspace whose folder is absent is skipped. One line per workspace.
WORKSPACES=(
    "acme=$TEST_DATA/report/acme"
    "unexus=$SOURCE_DIR/examples/unexus"
    "unexus-fixed=$SOURCE_DIR/examples/unexus-fixed"
)
ROPA_FORMATS=(md html csv json)
NOTICE_FORMATS=(md html json)

WORK=$tmp

report() {  # report WORKSPACE KIND FORMAT [more args]
    local ws=$1 kind=$2 format=$3
    shift 3
    "$GDPRCTL" --workspace "$ws" --as-of "$AS_OF" report "$kind" --format "$format" "$@"
}

golden() {  # golden NAME WORKSPACE KIND FORMAT [LANG]: LANG other than en goes into the file name
    local name=$1 ws=$2 kind=$3 format=$4 lang=${5:-en}
    local file=$kind
    local -a extra=()
    if [ "$lang" != en ]; then
        file=$kind.$lang
        extra=(--lang "$lang")
    fi
    local expected="$EXPECTED/$name/$file.$format" actual="$WORK/$name-$file.$format"
    if ! report "$ws" "$kind" "$format" "${extra[@]}" >"$actual" 2>"$WORK/stderr"; then
        fail "$name: report $kind --format $format exited non-zero: $(cat "$WORK/stderr")"
        return
    fi
    if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
        mkdir -p "$(dirname "$expected")"
        cp "$actual" "$expected"
        pass
        return
    fi
    if [ ! -f "$expected" ]; then
        fail "$name: no golden file $expected (run with UPDATE_GOLDEN=1 and review the result)"
    elif cmp -s "$expected" "$actual"; then
        pass
    else
        fail "$name: report $kind --format $format differs from $expected"
        diff -u "$expected" "$actual" | head -40
    fi
}

for entry in "${WORKSPACES[@]}"; do
    name=${entry%%=*}
    ws=${entry#*=}
    [ -d "$ws" ] || continue
    for format in "${ROPA_FORMATS[@]}"; do golden "$name" "$ws" ropa "$format"; done
    for format in "${NOTICE_FORMATS[@]}"; do
        golden "$name" "$ws" notice "$format"
        golden "$name" "$ws" notice "$format" nl
    done

    # Well-formedness of the machine-readable formats, whatever the golden files say.
    report "$ws" ropa csv >"$WORK/ropa.csv" 2>/dev/null
    if "$PY" - "$WORK/ropa.csv" <<'PYEOF'; then pass; else fail "$name: ropa CSV does not parse with the ICO headers"; fi
import csv, sys
expected = [
    "Business function", "Purpose of processing",
    "Name and contact details of joint controller (if applicable)", "Categories of individuals",
    "Categories of personal data", "Categories of recipients", "Link to contract with processor",
    "Names of third countries or international organisations that personal data are transferred to (if applicable)",
    "Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)",
    "Retention schedule (if possible)",
    "General description of technical and organisational security measures (if possible)",
    "Article 6 lawful basis for processing personal data",
    "Article 9 condition for processing special category data",
    "Legitimate interests for the processing (if applicable)",
    "Link to record of legitimate interests assessment (if applicable)",
    "Rights available to individuals",
    "Existence of automated decision-making, including profiling (if applicable)",
    "The source of the personal data (if applicable)",
]
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f, strict=True))
assert rows[0][: len(expected)] == expected, rows[0]
assert len(rows) > 1, "no data rows"
assert all(len(r) == len(rows[0]) for r in rows), "ragged rows"
assert all(r[1] for r in rows[1:]), "a row without a purpose"
PYEOF
    for kind in ropa notice; do
        report "$ws" "$kind" json >"$WORK/$kind.json" 2>/dev/null
        if "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["report"]==sys.argv[2] and d["as_of"]=="2026-11-25"' \
            "$WORK/$kind.json" "$kind"; then pass; else fail "$name: $kind JSON does not parse"; fi
        report "$ws" "$kind" html >"$WORK/$kind.html" 2>/dev/null
        if grep -Eqi '<(link|script|img|iframe)\b|src=|url\(|@import|href="(https?:)?//' "$WORK/$kind.html"; then
            fail "$name: $kind HTML refers to an external asset or runs script"
        elif ! grep -q '@media print' "$WORK/$kind.html"; then
            fail "$name: $kind HTML has no print stylesheet"
        else
            pass
        fi
    done
done

ACME="$TEST_DATA/report/acme"

# -o writes the file atomically: same bytes as standard output, no temporary file left behind.
mkdir -p "$WORK/out"
if report "$ACME" ropa html -o "$WORK/out/ropa.html" 2>/dev/null && report "$ACME" ropa html >"$WORK/stdout.html" 2>/dev/null &&
    cmp -s "$WORK/out/ropa.html" "$WORK/stdout.html" && [ "$(ls -A "$WORK/out")" = "ropa.html" ]; then
    pass
else
    fail "-o did not write the same bytes as stdout, or left a temporary file: $(ls -A "$WORK/out")"
fi
if report "$ACME" notice md -o "$WORK/out/ropa.html" 2>/dev/null && grep -q '^# Privacy notice' "$WORK/out/ropa.html" &&
    [ "$(ls -A "$WORK/out")" = "ropa.html" ]; then pass; else fail "-o did not replace an existing file cleanly"; fi
report "$ACME" ropa md -o "$WORK/no/such/folder/ropa.md" >/dev/null 2>&1
[ $? -eq 2 ] && pass || fail "-o into a missing folder should exit 2"

# Formats a report does not have are usage errors.
report "$ACME" ropa pdf >/dev/null 2>"$WORK/stderr"
[ $? -eq 2 ] && grep -q 'md, html, csv, json' "$WORK/stderr" && pass || fail "ropa --format pdf should exit 2 naming the formats"
report "$ACME" notice csv >/dev/null 2>&1
[ $? -eq 2 ] && pass || fail "notice --format csv should exit 2"
"$GDPRCTL" --workspace "$ACME" report >/dev/null 2>&1
[ $? -eq 2 ] && pass || fail "report without a subcommand should exit 2"

# The default format is Markdown; the run is reproducible.
"$GDPRCTL" --workspace "$ACME" --as-of "$AS_OF" report ropa >"$WORK/default.md" 2>/dev/null
report "$ACME" ropa md >"$WORK/again.md" 2>/dev/null
cmp -s "$WORK/default.md" "$WORK/again.md" && pass || fail "default format is not md, or output is not reproducible"

# A register with structural errors is still rendered, with a warning on stderr and in the report; exit 0.
cp -r "$ACME" "$WORK/broken"
printf 'systems:\n  - id: broken\n    name: Broken system\n    owner: IT\n    subjects: [customer]\n    data: [contact.emial]\n    purposes:\n      - {id: p, basis: consnet}\n' >"$WORK/broken/systems/broken.yaml"
report "$WORK/broken" ropa md >"$WORK/broken.md" 2>"$WORK/stderr"
status=$?
if [ $status -eq 0 ] && grep -q 'structural error' "$WORK/stderr" && grep -q 'gdprctl check' "$WORK/stderr" &&
    grep -q 'structural error' "$WORK/broken.md" && grep -q 'Broken system' "$WORK/broken.md"; then
    pass
else
    fail "broken register: expected exit 0 with a warning (got $status): $(cat "$WORK/stderr")"
fi

# User text is escaped: nothing from the register reaches the HTML as markup.
mkdir -p "$WORK/evil/systems"
cat >"$WORK/evil/gdpr.yaml" <<'YAML'
organization: {name: "Evil <b>Corp</b> & Co", country: NL, contact: {email: "a@b.example"}}
YAML
cat >"$WORK/evil/systems/x.yaml" <<'YAML'
systems:
  - id: x
    name: "<script>alert(1)</script>"
    owner: "R&D \"lab\""
    subjects: [customer]
    data: [contact.email]
    purposes:
      - {id: p, description: "a, \"quoted\" | piped <i>purpose</i>", basis: contract}
    retention:
      - {data: [contact.email], period: P1Y}
YAML
report "$WORK/evil" ropa html >"$WORK/evil.html" 2>/dev/null
report "$WORK/evil" notice html >>"$WORK/evil.html" 2>/dev/null
if grep -q '<script>\|<b>Corp\|<i>purpose' "$WORK/evil.html"; then
    fail "register text reached the HTML unescaped"
elif grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$WORK/evil.html" && grep -q 'R&amp;D &quot;lab&quot;' "$WORK/evil.html"; then
    pass
else
    fail "escaped register text missing from the HTML"
fi
report "$WORK/evil" ropa csv >"$WORK/evil.csv" 2>/dev/null
if "$PY" -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline=""), strict=True))
assert rows[1][1] == "a, \"quoted\" | piped <i>purpose</i>", rows[1][1]
assert rows[1][0] == "R&D \"lab\""' "$WORK/evil.csv"; then pass; else fail "CSV quoting lost a comma, quote or pipe"; fi
report "$WORK/evil" ropa md >"$WORK/evil.md" 2>/dev/null
grep -q 'a, "quoted" \\| piped \\<i\\>purpose\\</i\\>' "$WORK/evil.md" && pass || fail "Markdown did not escape a pipe or tag"

# The notice never states what the register contradicts (issue 12): examples/unexus has cookies
# set without consent, consent purposes without a withdrawal route and a legitimate interest
# without an assessment, so those sentences are left out and listed as warnings.
UNEXUS="$SOURCE_DIR/examples/unexus"
FIXED="$SOURCE_DIR/examples/unexus-fixed"
report "$UNEXUS" notice md >"$WORK/unexus-notice.md" 2>/dev/null
if grep -q 'Not stated, because the register does not support it' "$WORK/unexus-notice.md" &&
    grep -q 'cookie-without-consent' "$WORK/unexus-notice.md" &&
    ! grep -q 'only set once you have given it' "$WORK/unexus-notice.md" &&
    ! grep -q 'weighed against yours' "$WORK/unexus-notice.md"; then
    pass
else
    fail "unexus notice states what the register contradicts, or shows no warnings"
fi
report "$UNEXUS" notice json >"$WORK/unexus-notice.json" 2>/dev/null
"$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["warnings"] and not d["cookies_only_with_consent"]' \
    "$WORK/unexus-notice.json" && pass || fail "unexus notice JSON lacks its warnings"
report "$UNEXUS" notice md --strict >/dev/null 2>"$WORK/stderr"
[ $? -eq 1 ] && grep -q -- '--strict' "$WORK/stderr" && pass || fail "notice --strict on examples/unexus should exit 1"
report "$UNEXUS" notice md >/dev/null 2>&1
[ $? -eq 0 ] && pass || fail "notice without --strict should exit 0 on examples/unexus"
report "$FIXED" notice json --strict >"$WORK/fixed-notice.json" 2>"$WORK/stderr"
[ $? -eq 0 ] && pass || fail "notice --strict on examples/unexus-fixed should exit 0: $(cat "$WORK/stderr")"
"$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["warnings"] == [] and d["cookies_only_with_consent"]' \
    "$WORK/fixed-notice.json" && pass || fail "unexus-fixed notice JSON has warnings"
report "$FIXED" notice md >"$WORK/fixed-notice.md" 2>/dev/null
for text in 'without affecting the lawfulness' 'obtain a copy of the safeguards' 'Must you provide it' \
    '2023/1795' 'lodge a complaint' 'Data protection officer' 'Automated decisions'; do
    grep -qF "$text" "$WORK/fixed-notice.md" && pass || fail "unexus-fixed notice lacks '$text'"
done

# The notice in Dutch (--lang nl): the same content, every word of gdprctl's in Dutch and every
# article cited as the AVG; the warnings too. An unknown language is a usage error.
report "$FIXED" notice md --lang nl >"$WORK/fixed-notice.nl.md" 2>/dev/null
for text in '# Privacyverklaring' 'zonder dat dit afbreuk doet aan de rechtmatigheid' 'kopie van de waarborgen' \
    'Moet u de gegevens verstrekken' '2023/1795' 'klacht in te dienen' 'Functionaris voor gegevensbescherming' \
    'Geautomatiseerde besluiten' 'art. 6 lid 1 sub b AVG' 'art. 12 lid 3 AVG' 'Voor- en achternaam'; do
    grep -qF "$text" "$WORK/fixed-notice.nl.md" && pass || fail "unexus-fixed Dutch notice lacks '$text'"
done
for text in 'GDPR' 'Privacy notice' 'not recorded' 'Legal basis' 'First and last name'; do
    grep -qF "$text" "$WORK/fixed-notice.nl.md" && fail "unexus-fixed Dutch notice has English '$text'" || pass
done
report "$FIXED" notice html --lang nl >"$WORK/fixed-notice.nl.html" 2>/dev/null
grep -q '<html lang="nl">' "$WORK/fixed-notice.nl.html" && pass || fail "Dutch notice HTML is not marked lang=nl"
report "$FIXED" notice json --lang nl --strict >"$WORK/fixed-notice.nl.json" 2>/dev/null
[ $? -eq 0 ] && pass || fail "notice --lang nl --strict on examples/unexus-fixed should exit 0"
"$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["language"]=="nl" and d["warnings"]==[]' \
    "$WORK/fixed-notice.nl.json" && pass || fail "Dutch notice JSON does not say its language"
report "$UNEXUS" notice md --lang nl --strict >"$WORK/unexus-notice.nl.md" 2>/dev/null
[ $? -eq 1 ] && grep -q 'Niet vermeld, omdat het register het niet onderbouwt' "$WORK/unexus-notice.nl.md" &&
    grep -q 'cookie-without-consent' "$WORK/unexus-notice.nl.md" &&
    ! grep -q 'pas nadat u die hebt gegeven' "$WORK/unexus-notice.nl.md" && pass ||
    fail "the Dutch unexus notice states what the register contradicts, or --strict did not exit 1"
report "$ACME" notice md --lang de >/dev/null 2>"$WORK/stderr"
[ $? -eq 2 ] && grep -q 'nl' "$WORK/stderr" && pass || fail "notice --lang de should exit 2 naming the languages"
report "$ACME" ropa md --lang nl >/dev/null 2>&1
[ $? -eq 2 ] && pass || fail "ropa --lang should exit 2 (the record is in English)"

# The record (Art. 30): a purpose's own recipients; the controller, DPO and representative in the CSV;
# no "established in the EEA" for a controller outside it.
report "$FIXED" ropa csv >"$WORK/fixed.csv" 2>/dev/null
if "$PY" - "$WORK/fixed.csv" <<'PYEOF'; then pass; else fail "ropa CSV: per-purpose recipients or controller columns wrong"; fi
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline=""), strict=True))
head = rows[0]
col = {name: i for i, name in enumerate(head)}
security = next(r for r in rows[1:] if r[1].startswith("Detect and block attacks"))
assert security[col["Categories of recipients"]] == "", security[col["Categories of recipients"]]
ads = next(r for r in rows[1:] if r[1].startswith("Measure which advertising"))
assert "Microsoft Advertising" in ads[col["Categories of recipients"]]
assert "Unexus B.V." in security[col["Name and contact details of controller"]]
assert "privacy@unexus.nl" in security[col["Data Protection Officer (if applicable)"]]
assert "not required" in security[col["Representative (if applicable)"]]
PYEOF
mkdir -p "$WORK/us/systems"
cat >"$WORK/us/gdpr.yaml" <<'YAML'
organization: {name: US Shop Inc., country: US, contact: {email: privacy@shop.example}}
YAML
cp "$ACME/systems/"*.yaml "$WORK/us/systems/" 2>/dev/null
report "$WORK/us" ropa md >"$WORK/us.md" 2>/dev/null
if grep -q 'Representative (Art. 27)' "$WORK/us.md" && ! grep -q 'established in the EEA' "$WORK/us.md" &&
    grep -q 'required: established outside the EEA' "$WORK/us.md"; then
    pass
else
    fail "a US controller's record must not say it is established in the EEA"
fi

finish
