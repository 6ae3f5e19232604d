#!/usr/bin/env bash
# Installs the Debian packages, configures and builds hotline into ./build (or $BUILD_DIR).
# Extra arguments go to CMake's configure step, e.g. -DHOTLINE_SANITIZE=ON. $TARGETS (space
# separated) builds only those targets; scripts/main.sh builds only `hotline`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
BUILD_DIR=${BUILD_DIR:-build}
JOBS=${JOBS:-$(nproc)}
cmake -S . -B "$BUILD_DIR" -G Ninja "$@" >/dev/null
read -r -a targets <<< "${TARGETS:-}"
cmake --build "$BUILD_DIR" -j "$JOBS" ${targets[@]+--target "${targets[@]}"}
