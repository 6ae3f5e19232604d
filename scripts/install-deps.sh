#!/usr/bin/env bash
# Installs every Debian 12 package hotline needs to build, test and run.
# Idempotent: packages already present are skipped. Works as root or through sudo.
set -euo pipefail

PACKAGES=(
  # build tools
  build-essential cmake ninja-build pkg-config git
  # libraries
  liblua5.4-dev lua5.4
  libboost-graph-dev
  libsqlite3-dev sqlite3
  libsodium-dev libxxhash-dev
  libimgui-dev libglfw3-dev libgl-dev libgl1-mesa-dri libstb-dev
  catch2
  libcli11-dev libfmt-dev nlohmann-json3-dev libpcg-cpp-dev
  libbenchmark-dev
  # the Python module (python/) and its tests
  python3-dev pybind11-dev python3-pytest python3-pandas
  # headless GUI tests and the CJK UI font
  xvfb xauth fonts-noto-cjk
  # the ABI check of the shared libraries (scripts/abi-check.sh)
  abi-dumper abi-compliance-checker
  # the libFuzzer harnesses (fuzz/, scripts/fuzz.sh)
  clang-14 libfuzzer-14-dev libclang-rt-14-dev
  # peers for benchmarks
  python3 python3-simpy
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1
  fi
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
