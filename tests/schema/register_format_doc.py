#!/usr/bin/env python3
"""docs/register-format.md documents every field of the JSON Schemas, every allowed value of their
enumerations and every built-in data category (lib/model/taxonomy.cpp)."""
import json
import os
import pathlib
import re
import sys

SOURCE_DIR = pathlib.Path(os.environ.get("SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
doc = (SOURCE_DIR / "docs" / "register-format.md").read_text()
passed, failed = 0, 0


def check(condition, message):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        print("FAIL:", message)


def walk(node, where):
    """Yields (where, property name) for every object property, and (where, value) for enum values."""
    if isinstance(node, dict):
        for name, child in node.get("properties", {}).items():
            yield "field", f"{where}.{name}", name
            yield from walk(child, f"{where}.{name}")
        for value in node.get("enum", []):
            if value is not None:
                yield "value", where, value
        for key, child in node.items():
            if key not in ("properties", "enum"):
                yield from walk(child, f"{where}.{key}" if key != "definitions" else where)
    elif isinstance(node, list):
        for child in node:
            yield from walk(child, where)


for schema_name in ("gdpr", "register"):
    schema = json.loads((SOURCE_DIR / "schemas" / f"{schema_name}.schema.json").read_text())
    for kind, where, name in walk(schema, schema_name):
        if kind == "field":
            documented = f"| `{name}` |" in doc or f"\n### {name}\n" in doc or f"`{name}` (" in doc
            check(documented, f"{where}: field `{name}` is not documented")
        else:
            check(f"`{name}`" in doc, f"{where}: value `{name}` is not documented")

taxonomy = (SOURCE_DIR / "lib" / "model" / "taxonomy.cpp").read_text()
entries = re.findall(r'\{"([a-z.-]+)", "([^"]+)", [OSC]\}', taxonomy)
check(len(entries) > 40, f"found only {len(entries)} built-in categories in taxonomy.cpp")
for key, name in entries:
    check(f"| `{key}` | {name} |" in doc, f"data category `{key}` ({name}) is not in the table")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
