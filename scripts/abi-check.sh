#!/usr/bin/env bash
# The ABI check of the shared libraries (docs/embedding.md "Versions and the ABI"): dumps the
# ABI of libhotline_engine.so and libhotline_c.so in $BUILD_DIR (default build) with
# abi-dumper, restricted to the public headers, and compares each with the baseline of the
# same SONAME version in abi/ with abi-compliance-checker. Any binary incompatibility fails.
#
# The baseline stands in for "the previous tagged release" until there is one: it is the
# ABI as of the last deliberate change. A release that may break the ABI bumps the SONAME
# version (MAJOR, or MINOR while MAJOR is 0); there is then no baseline for it yet, the check
# says so and passes, and `scripts/abi-check.sh --update` writes the new one to commit.
# Additions (new functions, new types) are compatible and pass; run --update to take them
# into the baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
update=0
[ "${1:-}" = "--update" ] && update=1
fail() { echo "abi-check: $*" >&2; exit 1; }
for tool in abi-dumper abi-compliance-checker; do
  command -v $tool >/dev/null || fail "$tool is not installed (apt-get install abi-dumper abi-compliance-checker, or scripts/install-deps.sh)"
done

version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$BUILD_DIR/CMakeCache.txt")
[ -n "$version" ] || fail "no build in $BUILD_DIR (configure and build first)"
IFS=. read -r major minor _ <<<"$version"
if [ "$major" = 0 ]; then soversion=0.$minor; else soversion=$major; fi

tmp=$(mktemp -d /tmp/hotline-abi.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
status=0
for lib in hotline_engine hotline_c; do
  so=$BUILD_DIR/api/lib$lib.so
  [ -e "$so" ] || fail "$so is not built"
  baseline=abi/$lib-$soversion.dump.gz
  echo "abi-check: dumping $lib $version (this takes about a minute)"
  abi-dumper "$so" -o "$tmp/$lib.dump" -public-headers include/hotline -lver "$version" >"$tmp/$lib-dumper.log" 2>&1 ||
    { cat "$tmp/$lib-dumper.log" >&2; fail "abi-dumper failed on $so"; }
  if [ $update = 1 ]; then
    mkdir -p abi
    gzip -9 -n -c "$tmp/$lib.dump" >"$baseline"
    echo "abi-check: wrote $baseline"
    continue
  fi
  if [ ! -e "$baseline" ]; then
    echo "abi-check: no baseline $baseline for SONAME version $soversion: nothing to compare (run --update and commit it)"
    continue
  fi
  gunzip -c "$baseline" >"$tmp/$lib-baseline.dump"
  if abi-compliance-checker -l "$lib" -old "$tmp/$lib-baseline.dump" -new "$tmp/$lib.dump" -binary \
       -report-path "$tmp/$lib.html" >"$tmp/$lib-acc.log" 2>&1; then
    echo "abi-check: $lib $version is binary compatible with $baseline"
  else
    cat "$tmp/$lib-acc.log" >&2
    mkdir -p "$BUILD_DIR/abi" && cp "$tmp/$lib.html" "$BUILD_DIR/abi/"
    echo "abi-check: $lib breaks the ABI of $baseline; report: $BUILD_DIR/abi/$lib.html" >&2
    echo "abi-check: either keep the ABI, or bump the version in CMakeLists.txt (a new SONAME) and note it in CHANGELOG.md" >&2
    status=1
  fi
done
exit $status
