#!/usr/bin/env bash
# Smoke test of the Dockerfile: builds the image, then checks that it runs as a non-root user,
# prints its version, checks the example register (exit 1 with its findings) and writes SARIF into
# a mounted folder as the calling user, as the GitHub Action and the pre-commit hook run it.
# Needs a Docker engine; prints why and exits 0 without one (CI machines without Docker).
set -uo pipefail
cd "$(dirname "$0")/.."
if ! command -v docker >/dev/null || ! docker info >/dev/null 2>&1; then
    echo "docker-smoke: skipped: no Docker engine on this machine"
    exit 0
fi
image=gdprctl-smoke:local
passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
docker build --quiet --tag "$image" . >/dev/null && pass || { echo "FAIL: docker build"; exit 1; }
uid=$(docker run --rm --entrypoint id "$image" -u)
[[ $uid != 0 ]] && pass || fail "the image runs as root"
docker run --rm "$image" --version | grep -q '^gdprctl ' && pass || fail "--version"
docker run --rm -v "$PWD/examples:/work:ro" "$image" check --as-of 2026-11-25 unexus >/dev/null
[[ $? == 1 ]] && pass || fail "check unexus: expected exit 1"
scratch=$(mktemp -d)
cp -r examples/unexus "$scratch/"
docker run --rm -u "$(id -u):$(id -g)" -v "$scratch:/work" "$image" check --as-of 2026-11-25 --format sarif \
    --output-file gdprctl.sarif unexus >/dev/null
grep -q '"uri": "unexus/' "$scratch/gdprctl.sarif" && pass || fail "SARIF written into the mounted folder"
rm -rf "$scratch"
docker image rm "$image" >/dev/null 2>&1
echo "docker: $passed passed, $failed failed"
[[ $failed == 0 ]]
