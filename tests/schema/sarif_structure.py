"""gdprctl check --format sarif produces a SARIF 2.1.0 log that GitHub code scanning accepts.

Validates the output against the required structure of SARIF 2.1.0 (tests/data/sarif/) and checks
what a schema cannot: every result's ruleIndex points at its rule, and fingerprints are unique.
"""
import json
import os
import subprocess
import sys

import jsonschema

gdprctl = os.environ["GDPRCTL"]
data = os.environ["TEST_DATA"]
workspace = os.path.join(data, "sarif", "ws")

run = subprocess.run([gdprctl, "check", workspace, "--format", "sarif", "--as-of", "2026-11-25"],
                     capture_output=True, text=True)
failures = []
if run.returncode != 1:
    failures.append(f"expected exit 1 (findings), got {run.returncode}: {run.stderr}")
log = json.loads(run.stdout)
with open(os.path.join(data, "sarif", "sarif-2.1.0-required.schema.json")) as f:
    schema = json.load(f)
validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
for error in validator.iter_errors(log):
    failures.append(f"schema: {'/'.join(map(str, error.path))}: {error.message}")

run_ = log["runs"][0]
rules = run_["tool"]["driver"]["rules"]
results = run_["results"]
if not results:
    failures.append("no results for a workspace with findings")
levels = set()
fingerprints = set()
for result in results:
    levels.add(result["level"])
    if rules[result["ruleIndex"]]["id"] != result["ruleId"]:
        failures.append(f"ruleIndex of {result['ruleId']} points at {rules[result['ruleIndex']]['id']}")
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    if uri not in ("gdpr.yaml", "systems/crm.yaml"):
        failures.append(f"uri {uri!r} is not relative to the workspace")
    fingerprint = result["partialFingerprints"]["primaryLocationLineHash"]
    if fingerprint in fingerprints:
        failures.append(f"duplicate fingerprint {fingerprint}")
    fingerprints.add(fingerprint)
if levels != {"error", "warning"}:
    failures.append(f"expected error and warning levels, got {sorted(levels)}")
expected_rules = {"consent-without-evidence", "consent-without-withdrawal", "retention-undetermined",
                  "retention-missing", "system-review-overdue"}
found = {r["ruleId"] for r in results}
if not expected_rules <= found:
    failures.append(f"missing results for {sorted(expected_rules - found)}")

for failure in failures:
    print("FAIL:", failure)
print(f"{1 if not failures else 0} passed, {1 if failures else 0} failed")
sys.exit(1 if failures else 0)
