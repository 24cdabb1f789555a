#!/usr/bin/env bash
# Installs what gdprctl needs to build and test on Debian 12 (bookworm). Idempotent.
set -euo pipefail
packages=(
  build-essential cmake pkg-config
  libcli11-dev libfmt-dev libyaml-cpp-dev libsqlite3-dev libssl-dev libedit-dev catch2
  libpq-dev  # the PostgreSQL store (libpq, loaded when a postgresql:// store is opened)
  postgresql  # tests: the throwaway PostgreSQL 15 cluster of scripts/pg-cluster.sh
  sqlite3 tzdata python3 python3-jsonschema python3-yaml
  faketime  # tests/cli/requests_law.sh: a clock set back, for `audit verify`
  chromium poppler-utils
  clang libclang-rt-14-dev  # scripts/fuzz.sh: the libFuzzer targets (.ci/run's fuzz smoke run)
  git file dpkg-dev  # git: the SARIF path tests make repositories; file, dpkg-dev: CPack's .deb
  pre-commit  # tests/cli/ci_snippets.sh: the hooks and the example config under the real pre-commit
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
