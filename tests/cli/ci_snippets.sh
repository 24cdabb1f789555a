#!/usr/bin/env bash
# The CI integrations run as written: the GitLab job of examples/ci/gitlab-ci.yml and of the README,
# the hooks of .pre-commit-hooks.yaml with examples/ci/pre-commit-config.yaml under the real
# pre-commit, and the steps of action.yml with the inputs the README and the workflow example pass.
# The only things replaced are what cannot run here: the hook repository's URL (a local clone) and,
# for the action, the Docker engine (a `docker` on PATH that runs the gdprctl under test with the
# arguments the step gives the image; scripts/docker-smoke.sh runs the real image).
set -uo pipefail
: "${GDPRCTL:?set GDPRCTL to the gdprctl binary}" "${SOURCE_DIR:?}" "${TEST_DATA:?}"
source "$SOURCE_DIR/tests/cli/support.bash"
export NO_COLOR=1
unset GITHUB_ACTIONS GDPRCTL_WORKSPACE
FIXTURES=$TEST_DATA/check
bin=$tmp/bin
mkdir -p "$bin"
# The gdprctl the snippets find on PATH: the one under test, with the date pinned (the fixtures'
# reviews fall due with time; a snippet itself passes no --as-of).
printf '#!/bin/sh\nexec "%s" "$@" --as-of 2026-11-25\n' "$GDPRCTL" >"$bin/gdprctl"
chmod +x "$bin/gdprctl"
export PATH="$bin:$PATH"
export GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@example.org GIT_COMMITTER_NAME=ci GIT_COMMITTER_EMAIL=ci@example.org

# A repository with its register in register/: mixed-severities has an error and a warning (the
# job fails), data-unused only a warning (it passes).
new_repo() {  # new_repo DIR FIXTURE
    mkdir -p "$1"
    cp -r "$FIXTURES/$2" "$1/register"
    git -C "$1" init -q -b main
    git -C "$1" add -A
    git -C "$1" commit -q -m register
}

# ---- GitLab: the job's script and after_script, from the example and from the README -------------
# Prints the job's script lines (one per line, then a line `--after--`, then the after_script).
gitlab_job() {  # gitlab_job FILE-OR-README
    "$PYTHON" - "$1" <<'PY'
import re, sys, yaml
text = open(sys.argv[1]).read()
if sys.argv[1].endswith(".md"):
    blocks = [b for b in re.findall(r"```yaml\n(.*?)```", text, re.S) if "gdpr-register:" in b]
    assert len(blocks) == 1, f"{len(blocks)} GitLab snippets in the README"
    text = "\n".join(line[2:] if line.startswith("  ") else line for line in blocks[0].splitlines())
job = yaml.safe_load(text)["gdpr-register"]
assert job["image"]["entrypoint"] == [""], "GitLab needs the image's entrypoint cleared"
for line in job["script"]:
    print(line)
print("--after--")
for line in job.get("after_script", []):
    print(line)
PY
}
for source in "$SOURCE_DIR/examples/ci/gitlab-ci.yml" "$SOURCE_DIR/README.md"; do
    name=$(basename "$source")
    if ! gitlab_job "$source" >"$tmp/job" 2>"$tmp/job.err"; then fail "$name: no GitLab job: $(cat "$tmp/job.err")"; continue; fi
    pass
    script=$(sed '/^--after--$/,$d' "$tmp/job")
    after=$(sed '1,/^--after--$/d' "$tmp/job")
    for fixture in mixed-severities data-unused; do
        repo=$tmp/gitlab-$name-$fixture
        new_repo "$repo" "$fixture"
        # GitLab runs each line in the project folder, stopping at the first failure.
        (cd "$repo" && bash -e -c "$script" >"$repo.log" 2>&1)
        status=$?
        want=$([[ $fixture == mixed-severities ]] && echo 1 || echo 0)
        [[ $status == "$want" ]] && pass || fail "$name, $fixture: the job's script exited $status, expected $want: $(cat "$repo.log")"
        if [[ -n $after ]]; then (cd "$repo" && bash -c "$after" >>"$repo.log" 2>&1) || fail "$name: after_script failed"; fi
        if "$PYTHON" - "$repo" "$fixture" <<'PY'; then pass; else fail "$name, $fixture: the artifacts"; fi
import json, os, sys, xml.etree.ElementTree as ET
repo, fixture = sys.argv[1:3]
issues = json.load(open(os.path.join(repo, "gl-code-quality-report.json")))
assert issues and all(i["location"]["path"] == "register/systems/crm.yaml" for i in issues), issues
junit = os.path.join(repo, "gdprctl-junit.xml")
if os.path.exists(junit):
    ET.parse(junit)
PY
        # The findings are in the job log too (text beside the report).
        grep -q "register/systems/crm.yaml:.*\[data-unused\]" "$repo.log" && pass || fail "$name: findings in the job log: $(cat "$repo.log")"
    done
done

# ---- pre-commit: the hook repository and the example configuration ----------------------------
if ! command -v pre-commit >/dev/null; then
    fail "pre-commit is not installed (scripts/install-deps.sh installs it)"
else
    hooks=$tmp/hook-repo
    mkdir -p "$hooks"
    cp "$SOURCE_DIR/.pre-commit-hooks.yaml" "$hooks/"
    git -C "$hooks" init -q -b main && git -C "$hooks" add -A && git -C "$hooks" commit -q -m hooks
    rev=$(git -C "$hooks" rev-parse HEAD)
    export PRE_COMMIT_HOME=$tmp/pre-commit-home
    for fixture in mixed-severities data-unused; do
        repo=$tmp/precommit-$fixture
        new_repo "$repo" "$fixture"
        # The example as written, with this repository's URL and tag replaced by the local clone.
        sed -e "s|https://github.com/OWNER/gdprctl|$hooks|" -e "s|rev: v0.1.0|rev: $rev|" \
            "$SOURCE_DIR/examples/ci/pre-commit-config.yaml" >"$repo/.pre-commit-config.yaml"
        git -C "$repo" add -A && git -C "$repo" commit -q -m config
        (cd "$repo" && pre-commit run --all-files >"$repo.log" 2>&1)
        status=$?
        want=$([[ $fixture == mixed-severities ]] && echo 1 || echo 0)
        [[ $status == "$want" ]] && pass || fail "pre-commit, $fixture: exit $status, expected $want: $(cat "$repo.log")"
        grep -q "gdprctl check (GDPR register)" "$repo.log" && pass || fail "pre-commit ran the hook: $(cat "$repo.log")"
        # Only register files trigger it: a commit of another file skips the hook.
        echo "notes" >"$repo/NOTES.txt"
        git -C "$repo" add NOTES.txt
        (cd "$repo" && pre-commit run >"$repo.other.log" 2>&1) && pass || fail "pre-commit on a non-register file: $(cat "$repo.other.log")"
        grep -q "Skipped" "$repo.other.log" && pass || fail "the hook is skipped for other files: $(cat "$repo.other.log")"
    done
    grep -q "error\[missing-security-measures\]" "$tmp/precommit-mixed-severities.log" && pass ||
        fail "the hook prints the findings: $(cat "$tmp/precommit-mixed-severities.log")"
fi

# ---- GitHub Action: action.yml's steps with the inputs of the README and the workflow example ------
# A stand-in `docker`: `build` succeeds; `run` checks the options the step must pass (the runner's
# user, the workspace mounted at /work, GITHUB_ACTIONS) and runs gdprctl there with the arguments
# given to the image.
cat >"$bin/docker" <<'SH'
#!/usr/bin/env bash
set -u
case $1 in
build) exit 0 ;;
run) shift ;;
*) echo "docker stand-in: unexpected $1" >&2; exit 97 ;;
esac
workdir= user= mount= envs=()
while [[ $1 == -* ]]; do
    case $1 in
    --rm) shift ;;
    --user) user=$2; shift 2 ;;
    --env) envs+=("$2"); shift 2 ;;
    --volume) mount=$2; shift 2 ;;
    --workdir) workdir=$2; shift 2 ;;
    *) echo "docker stand-in: unknown option $1" >&2; exit 97 ;;
    esac
done
shift  # the image
[[ $user == "$(id -u):$(id -g)" ]] || { echo "docker stand-in: not the runner's user: $user" >&2; exit 98; }
[[ $mount == "$GITHUB_WORKSPACE:/work" && $workdir == /work ]] || { echo "docker stand-in: mount $mount, workdir $workdir" >&2; exit 98; }
cd "$GITHUB_WORKSPACE" && exec env "${envs[@]}" gdprctl "$@"
SH
chmod +x "$bin/docker"
# The inputs a snippet passes (`with:`) and the steps of the action, as shell: each step's env
# bound from the inputs (defaults where not given), as the runner does.
action_steps() {  # action_steps SNIPPET-SOURCE -> a bash script
    "$PYTHON" - "$SOURCE_DIR/action.yml" "$1" <<'PY'
import re, shlex, sys, yaml
action = yaml.safe_load(open(sys.argv[1]))
text = open(sys.argv[2]).read()
if sys.argv[2].endswith(".md"):
    [block] = [b for b in re.findall(r"```yaml\n(.*?)```", text, re.S) if "upload-sarif" in b]
    text = "\n".join(line[2:] if line.startswith("  ") else line for line in block.splitlines())
doc = yaml.safe_load(text)
steps = doc["steps"] if "steps" in doc else next(iter(doc["jobs"].values()))["steps"]
[use] = [s for s in steps if "gdprctl@" in s.get("uses", "")]
given = use.get("with", {})
unknown = set(given) - set(action["inputs"])
assert not unknown, f"inputs the action does not declare: {unknown}"
inputs = {name: str(given.get(name, spec.get("default", ""))) for name, spec in action["inputs"].items()}
def expand(value):
    return re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: inputs[m.group(1)], str(value))
print("set -e")
for step in action["runs"]["steps"]:
    assert step.get("shell") == "bash", step
    env = " ".join(f"{k}={shlex.quote(expand(v))}" for k, v in step.get("env", {}).items())
    print(f"( export {env}\n{expand(step['run'])}\n)" if env else f"(\n{expand(step['run'])}\n)")
# The SARIF path the upload step reads must be the one the action writes.
uploads = [s for s in steps if "upload-sarif" in s.get("uses", "")]
assert uploads and uploads[0]["with"]["sarif_file"] == inputs["sarif-file"], "upload reads another file"
print(f"# sarif: {inputs['sarif-file']}")
PY
}
for source in "$SOURCE_DIR/examples/ci/github-actions.yml" "$SOURCE_DIR/README.md"; do
    name=$(basename "$source")
    if ! action_steps "$source" >"$tmp/action.sh" 2>"$tmp/action.err"; then fail "$name: $(cat "$tmp/action.err")"; continue; fi
    pass
    sarif=$(sed -n 's/^# sarif: //p' "$tmp/action.sh")
    for fixture in mixed-severities data-unused; do
        repo=$tmp/action-$name-$fixture
        new_repo "$repo" "$fixture"
        (cd "$repo" && GITHUB_WORKSPACE=$repo GITHUB_ACTION_PATH=$SOURCE_DIR bash "$tmp/action.sh" >"$repo.log" 2>&1)
        status=$?
        want=$([[ $fixture == mixed-severities ]] && echo 1 || echo 0)
        [[ $status == "$want" ]] && pass || fail "action ($name), $fixture: exit $status, expected $want: $(cat "$repo.log")"
        grep -q "^::warning file=register/systems/crm.yaml," "$repo.log" && pass || fail "action ($name): annotations in the log: $(cat "$repo.log")"
        if "$PYTHON" -c '
import json, sys
log = json.load(open(sys.argv[1]))
uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
assert uris == {"register/systems/crm.yaml"}, uris' "$repo/$sarif"; then pass; else fail "action ($name): SARIF at $sarif"; fi
    done
done

finish
