#!/usr/bin/env bash
# Installs the .deb built by scripts/package-deb.sh and checks the installed gdprctl as a user
# would meet it: dpkg -i, gdprctl --version, check examples/unexus, the installed schemas (a new
# workspace's .schemas/ copy is the same, and the example register validates against them), the man
# page and the completions. Removes the package afterwards. Needs root (CI runs as root).
#   scripts/test-deb.sh PACKAGE.deb
set -uo pipefail
cd "$(dirname "$0")/.."
deb=${1:?usage: scripts/test-deb.sh PACKAGE.deb}
passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
scratch=$(mktemp -d)
cleanup() { dpkg -r gdprctl >/dev/null 2>&1; rm -rf "$scratch"; }
trap cleanup EXIT

# libpq is loaded at run time for postgresql:// stores, so the package names it itself.
dpkg-deb -f "$deb" Recommends | grep -qw libpq5 && pass || fail "the package does not recommend libpq5"
if dpkg -i "$deb" >"$scratch/dpkg.log" 2>&1; then pass; else fail "dpkg -i $deb"; cat "$scratch/dpkg.log"; fi
installed=/usr/bin/gdprctl
[[ -x $installed ]] && pass || fail "$installed is not installed"
version=$("$installed" --version) && [[ $version == "gdprctl "* ]] && pass || fail "gdprctl --version: $version"

# The bundled example register: its findings, from the installed binary.
(cd "$scratch" && cp -r "$OLDPWD/examples" . && "$installed" check --as-of 2026-11-25 examples/unexus >"$scratch/check.out" 2>&1)
status=$?
[[ $status == 1 ]] && pass || fail "check examples/unexus: exit $status, expected 1"
grep -qF "47 errors, 12 warnings in 9 register files" "$scratch/check.out" && pass || fail "check examples/unexus summary: $(tail -1 "$scratch/check.out")"
(cd "$scratch" && "$installed" check --as-of 2026-11-25 examples/unexus-fixed >/dev/null) && pass || fail "check examples/unexus-fixed"

# The installed schemas: what a new workspace points its editors at, and what the example holds to.
for schema in gdpr register check-output; do
    [[ -f /usr/share/gdprctl/schemas/$schema.schema.json ]] && pass || fail "schema $schema not installed"
done
(cd "$scratch" && "$installed" init ws --org "Example B.V." --country NL --contact privacy@example.org \
    --responsible "Security Officer" --authority "Autoriteit Persoonsgegevens" >/dev/null 2>&1) || fail "gdprctl init"
# A new workspace keeps its own copy in .schemas/ (so that editors validate in any clone): the same
# schemas the package installed.
for schema in gdpr register; do
    cmp -s "$scratch/ws/.schemas/$schema.schema.json" "/usr/share/gdprctl/schemas/$schema.schema.json" \
        && pass || fail "the workspace's .schemas/$schema.schema.json differs from the installed one"
done
if /usr/bin/python3 - "$scratch/examples/unexus-fixed" <<'PY'; then pass; else fail "examples/unexus-fixed against the installed schemas"; fi
import json, pathlib, sys, jsonschema, yaml
schemas = pathlib.Path("/usr/share/gdprctl/schemas")
store = {}
for path in schemas.glob("*.json"):
    schema = json.loads(path.read_text())
    store[path.name] = schema
    store[path.as_uri()] = schema
def validator(name):
    schema = store[name]
    resolver = jsonschema.RefResolver(base_uri=(schemas / name).as_uri(), referrer=schema, store=store)
    return jsonschema.Draft7Validator(schema, resolver=resolver)
# YAML dates are strings to the schema, as in the editors' YAML language server.
class Loader(yaml.SafeLoader):
    pass
Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)
checked = 0
for file in sorted(pathlib.Path(sys.argv[1]).rglob("*.yaml")):
    name = "gdpr.schema.json" if file.name == "gdpr.yaml" else "register.schema.json"
    document = yaml.load(file.read_text(), Loader=Loader)
    validator(name).validate(document)
    checked += 1
assert checked >= 5, checked
PY

# Man page and completions where the system looks for them.
for file in /usr/share/man/man1/gdprctl.1* /usr/share/bash-completion/completions/gdprctl \
    /usr/share/zsh/vendor-completions/_gdprctl /usr/share/fish/vendor_completions.d/gdprctl.fish; do
    [[ -s $file ]] && pass || fail "$file missing"
done
grep -qF "check" /usr/share/bash-completion/completions/gdprctl && pass || fail "bash completion content"

echo "deb: $passed passed, $failed failed"
[[ $failed == 0 ]]
