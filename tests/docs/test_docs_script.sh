#!/usr/bin/env bash
# Tests scripts/docs.py on tests/docs/stale.md: --check finds the one stale block and changes
# nothing; a rewrite makes the block what the commands print (setup shown nowhere, "$ "
# commands echoed, the filter applied, an indented block kept indented); then --check passes.
# Usage: test_docs_script.sh HOTLINE_BINARY
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/hotline-docs-test-$$-XXXX")
trap 'rm -rf "$work"' EXIT
cp "$here/stale.md" "$work/stale.md"
fail() { echo "FAIL: $*" >&2; exit 1; }

set +e
python3 "$root/scripts/docs.py" --check --hotline "$1" "$work/stale.md" >"$work/out" 2>"$work/err"
rc=$?
set -e
[ "$rc" = 1 ] || fail "--check on a stale block exited $rc, expected 1"
grep -q '^-an output that no command prints$' "$work/out" || fail "the diff does not show the stale line"
grep -q '^+made by setup$' "$work/out" || fail "the diff does not show the printed line"
grep -q '2 output blocks, 1 stale' "$work/err" || fail "the summary is not '2 output blocks, 1 stale': $(cat "$work/err")"
cmp -s "$here/stale.md" "$work/stale.md" || fail "--check changed the file"

python3 "$root/scripts/docs.py" --hotline "$1" "$work/stale.md" 2>/dev/null
expected=$'```\n$ cat note.txt\nmade by setup\ntwo\n```'
block=$(sed -n '/^```$/,/^```$/p' "$work/stale.md")
[ "$block" = "$expected" ] || fail "rewritten block is:
$block"
grep -q '^  indented$' "$work/stale.md" || fail "the indented block lost its indentation"
grep -q '^<!-- docs: setup:' "$work/stale.md" || fail "the markers were not kept"
python3 "$root/scripts/docs.py" --check --hotline "$1" "$work/stale.md" >/dev/null 2>&1 || fail "--check after the rewrite still finds a stale block"
echo "ok"
