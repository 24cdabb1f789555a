#!/usr/bin/env python3
"""The peer of `gdprctl check` in the benchmark: PyYAML's C loader + jsonschema (Draft 7).

    peer_jsonschema.py SCHEMA ROOT [--workspace-schema GDPR_SCHEMA]

Loads every *.yaml/*.yml file under ROOT the way gdprctl lists them (hidden folders skipped),
validates each register file against SCHEMA and gdpr.yaml against GDPR_SCHEMA when given, and
prints the number of files and schema errors. Timestamps stay strings (as in gdprctl, which
reads `2026-03-01` as text), so that dates validate against the schema's string patterns.
"""
import argparse
import json
import pathlib
import os
import sys

import jsonschema
import yaml


class Loader(yaml.CSafeLoader):
    pass


# PyYAML turns unquoted dates into datetime.date; JSON Schema knows only strings.
Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
}


def register_files(root):
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or not name.endswith((".yaml", ".yml")):
                continue
            yield os.path.join(folder, name)


def load_validator(path):
    """A Draft 7 validator whose relative $refs (gdpr.schema.json -> register.schema.json) resolve
    against the schema's own folder."""
    path = pathlib.Path(path).resolve()
    schema = json.loads(path.read_text())
    resolver = jsonschema.RefResolver(base_uri=path.as_uri(), referrer=schema)
    return jsonschema.Draft7Validator(schema, resolver=resolver)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("schema")
    parser.add_argument("root")
    parser.add_argument("--workspace-schema")
    args = parser.parse_args()
    validator = load_validator(args.schema)
    workspace_validator = load_validator(args.workspace_schema) if args.workspace_schema else None
    files = errors = syntax = 0
    for path in register_files(args.root):
        files += 1
        is_workspace = os.path.relpath(path, args.root) == "gdpr.yaml"
        check = workspace_validator if is_workspace else validator
        try:
            with open(path, "rb") as f:
                documents = list(yaml.load_all(f, Loader=Loader))
        except yaml.YAMLError:
            syntax += 1
            continue
        if check is None:
            continue
        for document in documents:
            errors += sum(1 for _ in check.iter_errors(document))
    print(f"{files} files, {errors} schema errors, {syntax} syntax errors")
    return 1 if errors or syntax else 0


if __name__ == "__main__":
    sys.exit(main())
