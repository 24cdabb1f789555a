#!/usr/bin/env bash
# Builds the gdprctl .deb with CPack from a build configured for /usr (so that the binary finds its
# schemas in /usr/share/gdprctl/schemas). By default it reuses build/, which scripts/test.sh made:
# only the file that embeds the install prefix is recompiled.
#   scripts/package-deb.sh [BUILD_DIR]   -> BUILD_DIR/gdprctl_<version>_<arch>.deb
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
cmake -S . -B "$build" -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
cmake --build "$build" -j"$(nproc)" --target gdprctl gdprctl_docs
rm -f "$build"/gdprctl_*.deb
(cd "$build" && cpack -G DEB)
ls "$build"/gdprctl_*.deb
