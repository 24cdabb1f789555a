#!/usr/bin/env python3
"""The JSON Schemas in schemas/ and gdprctl's loader (lib/register/decode.cpp) must agree.

1. Every file of the example workspaces and of the check fixtures is validated against its
   schema (gdpr.schema.json for gdpr.yaml, register.schema.json for the others). A file that
   gdprctl rejects for a structural reason must be rejected by the schema too; a file gdprctl
   accepts must be accepted by the schema.
2. Probe workspaces built here ask the binary for its vocabulary: the fields each mapping knows
   (from the hint on an unknown field), the fields it requires, and the values each enumeration
   allows. Each must equal what the schema says.

Checks only gdprctl can make (JSON Schema cannot express them): that a well-formed date exists
(2026-02-30), that a duration's numbers stay below 100000, duplicate mapping keys, and
everything about the merged register (duplicate ids, references, data categories).

Files are read as gdprctl reads them: every scalar is text, except the plain nulls (~, null,
Null, NULL and nothing). The example workspaces are also read with PyYAML's ordinary safe
loader, dates converted to ISO strings, as an editor or another tool would read them.
"""
import datetime
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile

import jsonschema
import yaml

SOURCE_DIR = pathlib.Path(os.environ.get("SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
TEST_DATA = pathlib.Path(os.environ.get("TEST_DATA", SOURCE_DIR / "tests" / "data"))
GDPRCTL = os.environ.get("GDPRCTL", str(SOURCE_DIR / "build" / "apps" / "gdprctl" / "gdprctl"))
AS_OF = "2026-11-25"

# Rules whose findings mean "the file does not have the documented shape".
STRUCTURAL = {"schema-type", "schema-required", "schema-unknown-field", "schema-enum", "schema-pattern",
              "invalid-date", "invalid-duration", "lawful-basis-unknown"}
# The file could not be turned into a tree (or only with a key lost): nothing to compare.
UNPARSED = {"yaml-syntax", "duplicate-key", "file-unreadable"}

passed = 0
failed = 0


def check(condition, message):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        print("FAIL:", message)


class GdprctlLoader(yaml.SafeLoader):
    """Reads YAML the way gdprctl's yaml-cpp event parser does: plain scalars are text."""

    def flatten_mapping(self, node):  # no `<<` merge keys: yaml-cpp reports `<<` as a key
        pass


GdprctlLoader.yaml_implicit_resolvers = {}
GdprctlLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"),
                                    ["~", "n", "N", ""])


def iso_dates(value):
    """PyYAML's safe loader turns unquoted dates into datetime.date: give them back as text."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: iso_dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [iso_dates(v) for v in value]
    return value


def load_schemas():
    schemas = {}
    for name in ("gdpr", "register"):
        path = SOURCE_DIR / "schemas" / f"{name}.schema.json"
        schema = json.loads(path.read_text())
        jsonschema.Draft7Validator.check_schema(schema)
        resolver = jsonschema.RefResolver(base_uri=path.as_uri(), referrer=schema)
        schemas[name] = (schema, jsonschema.Draft7Validator(schema, resolver=resolver))
    return schemas


SCHEMAS = load_schemas()


def schema_errors(path, relative, loader=GdprctlLoader, convert=False):
    validator = SCHEMAS["gdpr" if relative == "gdpr.yaml" else "register"][1]
    documents = list(yaml.load_all(path.read_text(), Loader=loader))
    if relative == "gdpr.yaml" and not documents:
        documents = [None]  # an empty gdpr.yaml lacks `organization`
    errors = []
    for document in documents:
        if convert:
            document = iso_dates(document)
        if document is None and relative != "gdpr.yaml":
            continue
        for error in validator.iter_errors(document):
            errors.append(f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}")
    return errors


def register_files(root):
    """The files gdprctl reads: *.yaml/*.yml, hidden files and folders skipped."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")) and not name.startswith("."):
                path = pathlib.Path(folder) / name
                found.append((path, path.relative_to(root).as_posix()))
    return found


def run_check(workspace):
    result = subprocess.run([GDPRCTL, "check", "--as-of", AS_OF, "--format", "json", "--fail-on", "never",
                             str(workspace)], capture_output=True, text=True)
    if result.returncode == 2:  # a configuration error (settings.disable), not a file's shape
        return None
    if result.returncode != 0:
        raise RuntimeError(f"gdprctl check {workspace} exited {result.returncode}: {result.stderr}")
    document = json.loads(result.stdout)
    # Paths are relative to the repository root; this test compares files of the workspace.
    prefix = "" if document["workspace"] == "." else document["workspace"] + "/"
    for d in document["diagnostics"]:
        d["path"] = d["path"].removeprefix(prefix)
    return document["diagnostics"]


def gdprctl_only(diagnostic):
    """Findings the schema cannot express (see the module's docstring)."""
    message = diagnostic["message"]
    if diagnostic["rule"] == "invalid-date":
        value = message.rsplit("`", 2)[-2]
        return re.fullmatch(r"[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])", value) is not None
    if diagnostic["rule"] == "invalid-duration":
        value = message.rsplit("`", 2)[-2]
        return any(int(n) > 100000 for n in re.findall(r"[0-9]+", value)) and re.fullmatch(r"P[0-9YMWDTHS]+", value)
    return False


def compare_workspace(root):
    diagnostics = run_check(root)
    by_file = {}
    for d in diagnostics or []:
        by_file.setdefault(d["path"], []).append(d)
    for path, relative in register_files(root):
        label = f"{root.relative_to(SOURCE_DIR)}/{relative}"
        found = by_file.get(relative, [])
        rules = {d["rule"] for d in found}
        if rules & UNPARSED:
            if "yaml-syntax" in rules:
                try:
                    list(yaml.load_all(path.read_text(), Loader=GdprctlLoader))
                    check(False, f"{label}: gdprctl finds a YAML syntax error that PyYAML does not")
                except yaml.YAMLError:
                    check(True, "")
            continue
        structural = [d for d in found if d["rule"] in STRUCTURAL]
        expressible = [d for d in structural if not gdprctl_only(d)]
        errors = schema_errors(path, relative)
        if expressible:
            wanted = ", ".join(sorted({d["rule"] for d in expressible}))
            check(errors, f"{label}: gdprctl reports {wanted} but the schema accepts the file")
        else:
            check(not errors, f"{label}: gdprctl accepts the file's shape but the schema rejects it: {errors}")


# ---- 1. example workspaces and fixtures ------------------------------------------------------

workspaces = [SOURCE_DIR / "examples" / "unexus", SOURCE_DIR / "examples" / "unexus-fixed"]
workspaces += sorted(p for p in (TEST_DATA / "check").iterdir() if (p / "gdpr.yaml").is_file())
for workspace in workspaces:
    compare_workspace(workspace)

# Read the ordinary way, the example files get the same verdict.
for workspace in workspaces[:2]:
    for path, relative in register_files(workspace):
        as_gdprctl = bool(schema_errors(path, relative))
        as_pyyaml = bool(schema_errors(path, relative, loader=yaml.SafeLoader, convert=True))
        check(as_gdprctl == as_pyyaml, f"{path}: PyYAML's safe loader changes the schema's verdict")

# The fixtures cover each structural rule the schema must mirror.
shown = set()
for workspace in workspaces[2:]:
    for d in run_check(workspace) or []:
        shown.add(d["rule"])
for rule in sorted(STRUCTURAL):
    check(rule in shown, f"no fixture exercises {rule}")

# ---- 2. the binary's vocabulary against the schema's ------------------------------------------

REGISTER = SCHEMAS["register"][0]["definitions"]
GDPR = SCHEMAS["gdpr"][0]["definitions"]


def mapping_of(definition):
    """The object alternative of an `anyOf: [null, object]`, or the definition itself."""
    for alternative in definition.get("anyOf", []):
        if alternative.get("type") == "object":
            return alternative
    return definition


MAPPINGS = {
    "system": REGISTER["system"],
    "purpose": REGISTER["purpose"],
    "retention rule": REGISTER["retention_rule"],
    "recipient": REGISTER["recipient"],
    "cookie": REGISTER["cookie"],
    "consent record": mapping_of(REGISTER["purpose"]["properties"]["consent"]),
    "agreement": mapping_of(REGISTER["recipient"]["properties"]["agreement"]),
    "organization": GDPR["organization"],
    "contact": mapping_of(GDPR["organization"]["properties"]["contact"]),
    "responsible_person": mapping_of(GDPR["person"]),
    "policy": GDPR["policy"],
    "settings": GDPR["settings"],
    "taxonomy entry": GDPR["category"],
}


def enum_of(definition):
    if "$ref" in definition:
        return enum_of(REGISTER[definition["$ref"].rsplit("/", 1)[-1]])
    if "enum" in definition:
        return [value for value in definition["enum"] if value is not None]
    for alternative in definition.get("anyOf", []):
        values = enum_of(alternative)
        if values:
            return values
    return None


ENUMS = {
    "basis": enum_of(REGISTER["purpose"]["properties"]["basis"]),
    "special_condition": enum_of(REGISTER["purpose"]["properties"]["special_condition"]),
    "action": enum_of(REGISTER["retention_rule"]["properties"]["action"]),
    "role": enum_of(REGISTER["recipient"]["properties"]["role"]),
    "transfer": enum_of(REGISTER["recipient"]["properties"]["transfer"]),
    "category": enum_of(REGISTER["cookie"]["properties"]["category"]),
    "class": enum_of(GDPR["category"]["properties"]["class"]),
}

X = "zzzqqq"  # far from every real field name, so the hint lists the known fields
PROBE_GDPR = f"""\
organization:
  name: Probe
  country: NL
  {X}: 1
  contact: {{email: a@b.example, {X}: 1}}
  responsible_person: {{role: ISO, {X}: 1}}
policy: {{last_review: 2026-01-01, {X}: 1}}
settings: {{{X}: 1}}
taxonomy:
  - {{id: probe.one, name: One, class: {X}, {X}: 1}}
{X}: 1
"""
PROBE_FIELDS = f"""\
systems:
  - id: s
    name: S
    owner: O
    subjects: [a]
    data: [identity.name]
    {X}: 1
    purposes:
      - {{id: p, basis: {X}, special_condition: {X}, consent: {{{X}: 1}}, {X}: 1}}
    retention:
      - {{data: [identity.name], period: P1Y, action: {X}, {X}: 1}}
recipients:
  - {{id: r, name: R, role: {X}, country: NL, transfer: {X}, agreement: {{{X}: 1}}, {X}: 1}}
cookies:
  - {{name: c, provider: first-party, category: {X}, expiry: P1D, {X}: 1}}
{X}: 1
"""
PROBE_REQUIRED = """\
systems:
  - purposes: [{}]
    retention: [{}]
  - {}
recipients: [{}]
cookies: [{}]
"""
PROBE_REQUIRED_GDPR = """\
organization: {}
taxonomy: [{}]
"""

with tempfile.TemporaryDirectory() as temp:
    root = pathlib.Path(temp)
    (root / "gdpr.yaml").write_text(PROBE_GDPR)
    (root / "fields.yaml").write_text(PROBE_FIELDS)
    (root / "required").mkdir()
    (root / "required" / "gdpr.yaml").write_text(PROBE_REQUIRED_GDPR)
    (root / "required" / "register.yaml").write_text(PROBE_REQUIRED)
    probe = run_check(root / "required") + run_check(root)

known_fields, required_fields, allowed_values, top_level = {}, {}, {}, {}
for d in probe:
    if d["rule"] == "schema-unknown-field":
        match = re.fullmatch(r"unknown field `\w+` in (.+)", d["message"])
        if match:
            hint = re.fullmatch(r"an? .+ has the fields: (.+)", d["hint"])
            known_fields[match.group(1)] = set(hint.group(1).split(", ")) if hint else None
        elif d["message"].startswith("unknown top-level key"):
            top_level[d["path"]] = set(d["hint"].removeprefix("top-level keys here are: ").split(", "))
    elif d["rule"] == "schema-required":
        match = re.fullmatch(r"(.+) is missing required field `(\w+)`", d["message"])
        required_fields.setdefault(match.group(1), set()).add(match.group(2))
    elif d["rule"] in ("schema-enum", "lawful-basis-unknown"):
        match = re.fullmatch(r"`(\w+)` has an unknown value `\w+`; expected one of: (.+)", d["message"])
        allowed_values[match.group(1)] = match.group(2).split(", ")

for what, definition in MAPPINGS.items():
    check(known_fields.get(what) == set(definition["properties"]),
          f"fields of {what}: gdprctl knows {sorted(known_fields.get(what) or [])}, "
          f"the schema {sorted(definition['properties'])}")
    check(definition.get("additionalProperties") is False, f"{what}: additionalProperties must be false")
for what in ("system", "purpose", "retention rule", "recipient", "cookie", "organization", "taxonomy entry"):
    schema_required = set(MAPPINGS[what].get("required", []))
    check(required_fields.get(what) == schema_required,
          f"required fields of {what}: gdprctl {sorted(required_fields.get(what, []))}, the schema {sorted(schema_required)}")
for field, values in ENUMS.items():
    check(allowed_values.get(field) == values,
          f"values of `{field}`: gdprctl {allowed_values.get(field)}, the schema {values}")
check(top_level.get("gdpr.yaml") == set(SCHEMAS["gdpr"][0]["properties"]),
      f"top-level keys of gdpr.yaml: gdprctl {top_level.get('gdpr.yaml')}")
check(top_level.get("fields.yaml") == set(SCHEMAS["register"][0]["properties"]),
      f"top-level keys of a register file: gdprctl {top_level.get('fields.yaml')}")
check(set(SCHEMAS["gdpr"][0]["required"]) == {"organization"}, "gdpr.yaml requires organization")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
