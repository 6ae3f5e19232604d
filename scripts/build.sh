#!/usr/bin/env bash
# Installs the Debian packages, configures and builds hotline into ./build (or $BUILD_DIR).
# Extra arguments go to CMake's configure step, e.g. -DHOTLINE_SANITIZE=ON.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
BUILD_DIR=${BUILD_DIR:-build}
JOBS=${JOBS:-$(nproc)}
cmake -S . -B "$BUILD_DIR" -G Ninja "$@" >/dev/null
cmake --build "$BUILD_DIR" -j "$JOBS"
