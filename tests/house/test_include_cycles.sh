#!/usr/bin/env bash
# The include-circle check on a small tree of its own: a circle through three modules is
# found and named, parts of a module (<m>_internal.hpp, <m>_<part>.cpp) are not circles,
# and breaking the circle makes the check pass.
set -euo pipefail
script=$1
root=$(mktemp -d "${TMPDIR:-/tmp}/include-cycles.XXXXXX")
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/lib"
printf '#include "lib/b.hpp"\n' > "$root/lib/a.hpp"
printf '#include "lib/a.hpp"\n' > "$root/lib/a.cpp"
printf '#pragma once\n' > "$root/lib/b.hpp"
printf '#include "lib/c.hpp"\n' > "$root/lib/b.cpp"
printf '#pragma once\n' > "$root/lib/c.hpp"
printf '#include "lib/a.hpp"\n' > "$root/lib/c.cpp"
# a module with an internal header and a part that includes the module's header
printf '#pragma once\n' > "$root/lib/box.hpp"
printf '#include "lib/box_internal.hpp"\n' > "$root/lib/box.cpp"
printf '#include "lib/box.hpp"\n' > "$root/lib/box_internal.hpp"
printf '#include "lib/box.hpp"\n#include "lib/box_internal.hpp"\n' > "$root/lib/box_guard.cpp"
set +e
out=$(INCLUDE_CYCLES_ROOT=$root python3 "$script" lib)
rc=$?
set -e
echo "$out"
[ "$rc" -eq 1 ] || { echo "FAIL: expected exit 1 for a circle, got $rc"; exit 1; }
grep -qx 'include circle: lib/a <-> lib/b <-> lib/c' <<<"$out" || { echo "FAIL: the circle a -> b -> c -> a is not named"; exit 1; }
if grep -q 'lib/box' <<<"$out"; then echo "FAIL: a module's own parts were taken for a circle"; exit 1; fi
printf '#pragma once\n' > "$root/lib/c.cpp"   # break it
out=$(INCLUDE_CYCLES_ROOT=$root python3 "$script" lib) || { echo "FAIL: no circle left, yet exit $?"; echo "$out"; exit 1; }
grep -q '0 include circle(s)' <<<"$out" || { echo "FAIL: $out"; exit 1; }
if INCLUDE_CYCLES_ROOT=$root python3 "$script" nosuchfolder 2>/dev/null; then echo "FAIL: a missing folder passed"; exit 1; fi
echo "ok"
