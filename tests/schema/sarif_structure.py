"""gdprctl check --format sarif produces a SARIF 2.1.0 log that GitHub code scanning accepts.

Validates the output against the SARIF 2.1.0 constraints in tests/data/sarif/ (Debian ships no copy
of the OASIS schema: that file is written from the spec text) and checks what a schema cannot:
every result's ruleIndex points at its rule, fingerprints are unique, and uris are relative to the
repository root in three layouts (register at the root, in register/, run from a subfolder), with
no machine path anywhere in the log.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import jsonschema

gdprctl = os.environ["GDPRCTL"]
data = os.environ["TEST_DATA"]
fixture = os.path.join(data, "sarif", "ws")
with open(os.path.join(data, "sarif", "sarif-2.1.0-required.schema.json")) as f:
    validator = jsonschema.Draft7Validator(json.load(f), format_checker=jsonschema.FormatChecker())

passed = 0
failures = []


def check(condition, what):
    global passed
    if condition:
        passed += 1
    else:
        failures.append(what)


def sarif(cwd, *args, env=None):
    run = subprocess.run([gdprctl, "check", "--format", "sarif", "--as-of", "2026-11-25", *args],
                         capture_output=True, text=True, cwd=cwd, env=env)
    check(run.returncode == 1, f"{cwd} {args}: expected exit 1 (findings), got {run.returncode}: {run.stderr}")
    log = json.loads(run.stdout)
    errors = [f"schema: {'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(log)]
    check(not errors, f"{cwd} {args}: " + "; ".join(errors[:5]))
    return log, run.stdout


def uris(log):
    return {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}


def git(repo, *args):
    subprocess.run(["git", "-C", repo, "-c", "user.name=t", "-c", "user.email=t@example.org", *args], check=True,
                   capture_output=True)


# ---- the log itself ---------------------------------------------------------------------------
log, text = sarif(data, fixture)
run_ = log["runs"][0]
rules = run_["tool"]["driver"]["rules"]
results = run_["results"]
check(results, "no results for a workspace with findings")
fingerprints = set()
for result in results:
    check(rules[result["ruleIndex"]]["id"] == result["ruleId"], f"ruleIndex of {result['ruleId']}")
    fingerprint = result["partialFingerprints"]["primaryLocationLineHash"]
    check(fingerprint not in fingerprints, f"duplicate fingerprint {fingerprint}")
    fingerprints.add(fingerprint)
    region = result["locations"][0]["physicalLocation"]["region"]
    check(region.get("snippet", {}).get("text", "").strip(), f"{result['ruleId']}: no snippet")
check({r["level"] for r in results} == {"error", "warning"}, "error and warning levels")
expected_rules = {"consent-without-evidence", "consent-without-withdrawal", "retention-undetermined",
                  "retention-missing", "system-review-overdue"}
check(expected_rules <= {r["ruleId"] for r in results}, "expected rules")
# Rule metadata as `gdprctl rules ID` prints it; no invented URL.
catalogue = json.loads(subprocess.run([gdprctl, "rules", "--format", "json"], capture_output=True, text=True).stdout)
check([r["id"] for r in rules] == [r["id"] for r in catalogue], "every catalogue rule is described")
explained = subprocess.run([gdprctl, "rules", "retention-undetermined"], capture_output=True, text=True).stdout
by_id = {r["id"]: r for r in rules}
check(by_id["retention-undetermined"]["help"]["text"] == explained, "help.text is `gdprctl rules ID`")
check(by_id["retention-undetermined"]["name"] == "RetentionUndetermined", "readable rule name")
check("gdpr-art-5" in by_id["retention-undetermined"]["properties"]["tags"], "article tag")
check("informationUri" not in run_["tool"]["driver"], "no made-up informationUri")
check(all("helpUri" not in r for r in rules), "no helpUri without a documentation base")
check("file://" not in text and os.path.abspath(data) not in text, "no machine path in the log")

log, _ = sarif(data, fixture, "--rules-url", "https://docs.example.org/rules/")
check(all(r["helpUri"] == "https://docs.example.org/rules/" + r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]),
      "--rules-url gives helpUri")

# ---- three layouts, in a git repository ---------------------------------------------------------
scratch = tempfile.mkdtemp()
try:
    # 1. The register at the repository root.
    root_repo = os.path.join(scratch, "at-root")
    shutil.copytree(fixture, root_repo)
    git(root_repo, "init", "-q", "-b", "main")
    git(root_repo, "remote", "add", "origin", "https://ci-bot:s3cret-token@git.example.org/acme/privacy.git")
    git(root_repo, "add", ".")
    git(root_repo, "commit", "-q", "-m", "register")
    head = subprocess.run(["git", "-C", root_repo, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    log, text = sarif(root_repo)
    check(uris(log) == {"systems/crm.yaml"}, f"root layout: {sorted(uris(log))}")
    provenance = log["runs"][0].get("versionControlProvenance", [{}])[0]
    check(provenance.get("repositoryUri") == "https://git.example.org/acme/privacy.git",
          f"repositoryUri without credentials: {provenance}")
    check(provenance.get("revisionId") == head and provenance.get("branch") == "main", f"revision: {provenance}")
    check("s3cret" not in text and root_repo not in text, "no credentials or machine path")

    # 2. The register in register/ of a repository, checked from the root as `register/` (no `//`).
    nested_repo = os.path.join(scratch, "nested")
    shutil.copytree(fixture, os.path.join(nested_repo, "register"))
    git(nested_repo, "init", "-q")
    for args in (["register/"], ["register"], ["./register//"]):
        log, text = sarif(nested_repo, *args)
        check(uris(log) == {"register/systems/crm.yaml"}, f"register/ layout {args}: {sorted(uris(log))}")
        check("//" not in text.replace("://", ""), f"no `//` with {args}")
    check("versionControlProvenance" not in log["runs"][0], "no provenance without a remote")

    # 3. Run from a subfolder of the register: paths still from the repository root.
    log, _ = sarif(os.path.join(nested_repo, "register", "systems"))
    check(uris(log) == {"register/systems/crm.yaml"}, f"subfolder run: {sorted(uris(log))}")
    github = subprocess.run([gdprctl, "check", "--format", "github", "--as-of", "2026-11-25"], capture_output=True,
                            text=True, cwd=os.path.join(nested_repo, "register", "systems")).stdout
    check("file=register/systems/crm.yaml," in github, f"github from a subfolder: {github[:200]}")

    # Without git: relative to the current folder.
    plain = os.path.join(scratch, "plain")
    shutil.copytree(fixture, os.path.join(plain, "ws"))
    log, _ = sarif(plain, "ws")
    check(uris(log) == {"ws/systems/crm.yaml"}, f"no git: {sorted(uris(log))}")
finally:
    shutil.rmtree(scratch)

for failure in failures:
    print("FAIL:", failure)
print(f"{passed} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
