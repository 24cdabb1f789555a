#!/usr/bin/env python3
"""A workspace made by `gdprctl init` (and the add commands) validates in the editor sense from any
clone: every file's `yaml-language-server` modeline resolves, relative to the file, to a schema
inside the workspace, and the file validates against it. The schemas carry an $id and a version,
`check` warns when the workspace's copy is older than the binary's, and `schema write` renews it."""
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

import jsonschema
import yaml

GDPRCTL = os.environ["GDPRCTL"]
passed = failed = 0


def expect(condition, what):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


def run(*args, cwd=None):
    return subprocess.run([GDPRCTL, *args], cwd=cwd, capture_output=True, text=True, stdin=subprocess.DEVNULL)


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    made = tmp / "author" / "acme"
    result = run("--as-of", "2026-11-25", "init", str(made), "--org", "Acme", "--country", "NL",
                 "--contact", "privacy@acme.example", "--responsible", "ISO", "--authority", "AP")
    expect(result.returncode == 0, f"init: {result.stderr}")
    ws = ["--workspace", str(made), "--as-of", "2026-11-25"]
    result = run(*ws, "recipient", "add", "--id", "mailer", "--name", "Mailer", "--role", "processor",
                 "--country", "NL", "--agreement-signed", "2025-01-01")
    expect(result.returncode == 0, f"recipient add: {result.stderr}")
    result = run(*ws, "register", "add", "--id", "crm", "--name", "CRM", "--owner", "Sales", "--subject",
                 "customer", "--data", "contact.email", "--purpose", "service:contract",
                 "--purpose-description", "service=Deliver the service", "--retention", "contact.email:P2Y",
                 "--security", "tls", "--recipient", "mailer")
    expect(result.returncode == 0, f"register add: {result.stderr}")

    # The clone: the workspace copied somewhere else, without the author's tree beside it.
    clone = tmp / "elsewhere" / "deep" / "clone"
    shutil.copytree(made, clone)
    shutil.rmtree(tmp / "author")
    files = sorted(p for p in clone.rglob("*.yaml") if ".gdprctl" not in p.parts)
    expect(len(files) == 3, f"three register files, got {files}")
    for path in files:
        first = path.read_text().splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        expect(match is not None, f"{path.name} starts with a modeline: {first}")
        if not match:
            continue
        target = match.group(1)
        expect(not target.startswith("/") and "://" not in target, f"{path.name}: the modeline is relative: {target}")
        schema_path = (path.parent / target).resolve()
        expect(schema_path.is_file(), f"{path.name}: {target} resolves from the clone")
        expect(clone.resolve() in schema_path.parents, f"{path.name}: the schema lies inside the workspace")
        if not schema_path.is_file():
            continue
        schema = json.loads(schema_path.read_text())
        expect("$id" in schema and isinstance(schema.get("x-gdprctl-schema-version"), int),
               f"{schema_path.name} carries an $id and a version")
        resolver = jsonschema.RefResolver(base_uri=schema_path.as_uri(), referrer=schema)
        document = yaml.load(path.read_text(), Loader=yaml.BaseLoader)
        errors = list(jsonschema.Draft7Validator(schema, resolver=resolver).iter_errors(document))
        expect(not errors, f"{path.name} validates against {schema_path.name}: {[e.message for e in errors]}")

    # An older copy in the workspace: check warns, schema write renews it.
    register_schema = clone / ".schemas" / "register.schema.json"
    text = register_schema.read_text()
    register_schema.write_text(re.sub(r'"x-gdprctl-schema-version": \d+', '"x-gdprctl-schema-version": 0', text))
    result = run("--workspace", str(clone), "--as-of", "2026-11-25", "check")
    expect(result.returncode == 0, "an old schema copy is a warning, not an error")
    expect("warning[schema-outdated]" in result.stdout + result.stderr, f"check warns: {result.stdout}")
    result = run("--workspace", str(clone), "schema", "write")
    expect(result.returncode == 0 and register_schema.read_text() == text, "schema write renews the copy")
    result = run("--workspace", str(clone), "--as-of", "2026-11-25", "check")
    expect("schema-outdated" not in result.stdout + result.stderr, "no warning once renewed")
    other = tmp / "other-folder"
    result = run("--workspace", str(clone), "schema", "write", str(other))
    expect(result.returncode == 0 and (other / "gdpr.schema.json").is_file(), "schema write DIR")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
