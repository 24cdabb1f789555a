#!/usr/bin/env python3
"""docs/rules.md must be what scripts/gen-rules-doc.py makes of the binary's rule catalogue."""
import importlib.util
import os
import pathlib
import sys

SOURCE_DIR = pathlib.Path(os.environ.get("SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
spec = importlib.util.spec_from_file_location("gen_rules_doc", SOURCE_DIR / "scripts" / "gen-rules-doc.py")
generator = importlib.util.module_from_spec(spec)
spec.loader.exec_module(generator)

binary = os.environ.get("GDPRCTL", str(SOURCE_DIR / "build" / "apps" / "gdprctl" / "gdprctl"))
rules = generator.catalogue(binary)
expected = generator.render(rules)
current = (SOURCE_DIR / "docs" / "rules.md").read_text()
failures = []
if current != expected:
    failures.append("docs/rules.md is out of date with `gdprctl rules`: run scripts/gen-rules-doc.py")
for rule in rules:
    if f"\n## {rule['id']}\n" not in current:
        failures.append(f"docs/rules.md has no section for {rule['id']}")
for failure in failures:
    print("FAIL:", failure)
print(f"{1 + len(rules) - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
