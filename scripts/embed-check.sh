#!/usr/bin/env bash
# Installs the build ($BUILD_DIR, default build) to a temporary prefix, checks what was
# installed, builds the outside consumers of examples/ from copies in a temporary folder
# against that prefix only (find_package for C++, pkg-config for C) and runs them; then
# builds the Debian package and runs `hotline --version` from it unpacked (docs/embedding.md).
set -euo pipefail
cd "$(dirname "$0")/.."
src=$(pwd)
BUILD_DIR=${BUILD_DIR:-build}
tmp=$(mktemp -d /tmp/hotline-embed.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
fail() { echo "embed-check: $*" >&2; exit 1; }

cmake --install "$BUILD_DIR" --prefix "$prefix" >/dev/null
libdir=$(ls -d "$prefix"/lib*/pkgconfig | head -1)
libdir=${libdir%/pkgconfig}

# What was installed: the public headers and nothing else, both library kinds, the package
# files, the command and the data.
diff <(cd "$prefix/include" && find . -type f | sort) \
     <(cd include && find . -type f | sed 's/\.in$//' | sort) >/dev/null ||
  fail "the installed include folder is not exactly include/hotline/: $(cd "$prefix/include" && find . -type f | tr '\n' ' ')"
for f in libhotline_engine.so libhotline_engine.a libhotline_c.so libhotline_c.a pkgconfig/hotline.pc \
         cmake/hotline/hotlineConfig.cmake cmake/hotline/hotlineConfigVersion.cmake cmake/hotline/hotlineTargets.cmake; do
  [ -e "$libdir/$f" ] || fail "not installed: $libdir/$f"
done
for f in bin/hotline share/hotline/rulesets/shangluo-2024/ruleset.lua share/hotline/orgs/shangluo.csv \
         share/hotline/calendars/cn-2025.csv; do
  [ -e "$prefix/$f" ] || fail "not installed: $prefix/$f"
done
nm -D --defined-only "$libdir/libhotline_engine.so" | grep -q 'lua_\|sqlite3_' && fail "libhotline_engine.so exports Lua or SQLite symbols"
# The installed command finds the installed data.
env -u HOTLINE_DATA "$prefix/bin/hotline" version | grep -qx "data: $prefix/share/hotline" ||
  fail "installed hotline does not use $prefix/share/hotline: $(env -u HOTLINE_DATA "$prefix/bin/hotline" version)"

# The consumers, copied out of the source tree and built against the prefix only.
cp -r examples/embed-cpp examples/embed-c "$tmp/"
expect() {  # program output, then the lines it must hold
  local out=$1; shift
  for want in "$@"; do grep -qF -- "$want" <<<"$out" || fail "expected '$want' in: $out"; done
}
cmake -S "$tmp/embed-cpp" -B "$tmp/embed-cpp/build" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$tmp/embed-cpp/build" >/dev/null
out=$(cd "$tmp" && env -u HOTLINE_DATA ./embed-cpp/build/embed-cpp)
expect "$out" "EMBED-CPP-1 -> zlsgs (dispatch.water)" "3 working days after 2025-01-24 10:00: 2025-02-06T00:00:00+08:00" \
  "from $prefix/share/hotline/rulesets/shangluo-2024"
echo "$out"
cmake -S "$tmp/embed-cpp" -B "$tmp/embed-cpp/build-static" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" -DEMBED_STATIC=ON >/dev/null
cmake --build "$tmp/embed-cpp/build-static" >/dev/null
ldd "$tmp/embed-cpp/build-static/embed-cpp" | grep -q libhotline && fail "the static consumer loads a shared libhotline"
out=$(cd "$tmp" && env -u HOTLINE_DATA ./embed-cpp/build-static/embed-cpp)
expect "$out" "EMBED-CPP-1 -> zlsgs (dispatch.water)" "from $prefix/share/hotline/rulesets/shangluo-2024"
PKG_CONFIG_PATH="$libdir/pkgconfig" make -s -C "$tmp/embed-c" >/dev/null
out=$(cd "$tmp" && env -u HOTLINE_DATA ./embed-c/embed-c)
expect "$out" '"id":"EMBED-C-1"' '"lead":{"id":"zlsgs"' "3 working days after 2025-01-24 10:00: 2025-02-06T00:00:00+08:00" \
  "\"folder\":\"$prefix/share/hotline/rulesets/shangluo-2024\""
echo "$out" | cut -c1-160
# Python: the installed module, with Debian's python3 as CMake found it.
py=$(sed -n 's/^HOTLINE_PYTHON_EXECUTABLE:INTERNAL=//p' "$BUILD_DIR/CMakeCache.txt")
if [ -n "$py" ]; then
  cp -r examples/embed-python "$tmp/"
  out=$(cd "$tmp" && env -u HOTLINE_DATA PYTHONPATH="$libdir/python3/dist-packages" "$py" embed-python/main.py)
  expect "$out" "EMBED-PY-1 -> zlsgs (dispatch.water)" "3 working days after 2025-01-24 10:00: 2025-02-06T00:00:00+08:00" \
    "from $prefix/share/hotline/rulesets/shangluo-2024" "simulated January 2025:"
  echo "$out"
else
  echo "embed-check: the Python module was not built (HOTLINE_WITH_PYTHON=OFF): not checked"
fi
# (The statically linked one holds core's build-tree fallback path, unused outside the build tree.)
for f in "$tmp"/embed-cpp/build/embed-cpp "$tmp"/embed-c/embed-c; do
  strings "$f" | grep -qF "$src" && fail "$f refers to the source tree"
done
echo "embed-check: C++ (shared and static), C and Python consumers built and ran against $prefix only"

# The Debian package, unpacked into a throwaway root: its command runs, finds its own data,
# and the package depends on the shared libraries its binaries load.
(cd "$BUILD_DIR" && cpack -G DEB -B "$tmp/deb" >"$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log" >&2; fail "cpack -G DEB failed"; }
deb=$(ls "$tmp"/deb/hotline_*.deb)
dpkg -x "$deb" "$tmp/root"
version=$(env -u HOTLINE_DATA "$tmp/root/usr/bin/hotline" --version)
[ "$version" = "hotline $(sed -n 's/^project(hotline VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)" ] ||
  fail "unexpected version from the package: $version"
env -u HOTLINE_DATA "$tmp/root/usr/bin/hotline" version | grep -qx "data: $tmp/root/usr/share/hotline" ||
  fail "the packaged hotline does not use its own data"
depends=$(dpkg-deb -f "$deb" Depends)
for d in libc6 libstdc++6 liblua5.4-0 libsqlite3-0; do
  grep -q "$d" <<<"$depends" || fail "the package does not depend on $d: $depends"
done
ldd "$tmp"/root/usr/lib*/libhotline_c.so.* | grep -q "not found" && fail "libhotline_c in the package misses a library"
if [ -n "$py" ]; then
  rev=$(env -u HOTLINE_DATA PYTHONPATH="$(ls -d "$tmp"/root/usr/lib*/python3/dist-packages)" "$py" -c \
    'import hotline; print(hotline.Engine("shangluo-2024").info["folder"])')
  [ "$rev" = "$tmp/root/usr/share/hotline/rulesets/shangluo-2024" ] || fail "the packaged Python module reads $rev"
fi
echo "embed-check: $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB) runs '$version'; Depends: $depends"
