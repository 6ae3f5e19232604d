#!/usr/bin/env python3
"""Regenerates (or checks) every command output shown in README.md and docs/*.md.

An output block is a fenced block preceded by marker lines, HTML comments that do not show
when the Markdown is rendered:

    <!-- docs: setup: SHELL -->    run SHELL, show nothing (prepare files for what follows)
    <!-- docs: $ SHELL -->         show "$ SHELL" and then what it printed
    <!-- docs: SHELL -->           show only what it printed
    <!-- docs: SHELL #| FILTER -->  the same, its output piped through FILTER first (the
                                   filter is not shown: for cutting long outputs)

A block inside a list item may be indented: its output gets the fence's indentation.
Several markers before one fence are run in order and their outputs joined. A command's
stdout and stderr are both shown, as a terminal would, and a failing command is shown too
(the docs show error messages). The commands of one document run in order in one scratch
folder (files made by one block are there for the next), with the `hotline` being built
first on PATH, HOTLINE_DATA unset and $DATA naming the shipped data folder (scenarios/).
Paths inside the scratch folder are shown relative to it. Every `hotline` runs with -q, so
progress lines are left out (on a terminal they overwrite themselves and vanish).

Numbers that depend on the machine (times, memory) are never inside a marked block: the
docs say them in prose, with the machine, and they are not checked.

    scripts/docs.py [--check] [--hotline PATH] [FILE...]
      (no --check)  rewrite the blocks in place
      --check       change nothing; print a diff of every stale block and exit 1 if any
"""

import argparse
import difflib
import os
import pathlib
import random
import re
import shutil
import string
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
MARKER = re.compile(r"^\s*<!-- docs: (.*) -->\s*$")
TIMEOUT_S = 300


def marked_blocks(lines):
    """Yields (first marker index, markers, fence start, fence end) for every output block."""
    i = 0
    while i < len(lines):
        if not MARKER.match(lines[i]):
            i += 1
            continue
        start, markers = i, []
        while i < len(lines) and MARKER.match(lines[i]):
            markers.append(MARKER.match(lines[i]).group(1))
            i += 1
        if i >= len(lines) or not lines[i].lstrip().startswith("```"):
            raise SystemExit(f"docs: line {start + 1}: a '<!-- docs: ... -->' marker must stand "
                             "right before a fenced block")
        end = i + 1
        while end < len(lines) and not lines[end].lstrip().startswith("```"):
            end += 1
        if end >= len(lines):
            raise SystemExit(f"docs: line {i + 1}: the fenced block is not closed")
        yield start, markers, i, end
        i = end + 1


QUIET = re.compile(r"(^|&& |\| |; |\{ )hotline (?!-q )")


def run(shell, scratch, env, where):
    shell = QUIET.sub(r"\1hotline -q ", shell)  # progress lines are not part of what is shown
    try:
        p = subprocess.run(["bash", "-o", "pipefail", "-c", shell], cwd=scratch, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise SystemExit(f"{where}: '{shell}' ran longer than {TIMEOUT_S} s")
    text = p.stdout.decode("utf-8", errors="replace")
    return text.replace(str(scratch) + "/", "").replace(str(scratch), ".")


def output_of(markers, scratch, env, where):
    shown = []
    for m in markers:
        if m.startswith("setup:"):
            run(m[len("setup:"):].strip(), scratch, env, where)
            continue
        command, _, filt = m.partition(" #| ")
        echo = command.startswith("$ ")
        if echo:
            command = command[2:]
            shown.append("$ " + command)
        # Both streams go through the filter, merged in the command's own order (were the
        # filter on stdout only, its output and the command's stderr would race).
        out = run("{ " + command + "\n} 2>&1 | " + filt if filt else command, scratch, env, where)
        shown.extend(out.rstrip("\n").split("\n") if out.strip() else [])
    return shown


def scratch_folder():
    """A new folder whose name has no digits: messages mask runs of digits (phone numbers),
    so a pid in the path would be shown as '#####' in some outputs and not in others."""
    base = pathlib.Path(tempfile.gettempdir())
    while True:
        name = "hotline-docs-" + "".join(random.choice(string.ascii_lowercase) for _ in range(12))
        try:
            (base / name).mkdir()
            return base / name
        except FileExistsError:
            continue


def process(path, hotline, check):
    lines = path.read_text(encoding="utf-8").split("\n")
    blocks = list(marked_blocks(lines))
    if not blocks:
        return 0, 0
    scratch = scratch_folder()
    env = dict(os.environ)
    env.pop("HOTLINE_DATA", None)
    env["PATH"] = f"{hotline.parent}{os.pathsep}{env.get('PATH', '')}"
    env["DATA"] = str(ROOT / "scenarios")
    env["ROOT"] = str(ROOT)
    env.setdefault("HOTLINE_PSEUDONYM_KEY", "docs-example-key-not-a-secret-0123456789")
    env["COLUMNS"] = "100"
    stale = 0
    out_lines = []
    last = 0
    try:
        for start, markers, fence, end in blocks:
            rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
            print(f"docs: {rel}:{fence + 1}", file=sys.stderr, flush=True)
            indent = lines[fence][:len(lines[fence]) - len(lines[fence].lstrip())]
            new = [indent + l if l else l for l in output_of(markers, scratch, env, f"{rel}:{start + 1}")]
            old = lines[fence + 1:end]
            if new != old:
                stale += 1
                if check:
                    sys.stdout.writelines(difflib.unified_diff(
                        [l + "\n" for l in old], [l + "\n" for l in new],
                        f"{rel}:{fence + 2} (shown)", f"{rel}:{fence + 2} (printed now)"))
            out_lines += lines[last:fence + 1] + new
            last = end
        out_lines += lines[last:]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if stale and not check:
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text("\n".join(out_lines), encoding="utf-8")
        tmp.replace(path)
    return len(blocks), stale


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--hotline", default=str(ROOT / "build" / "cli" / "hotline"))
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()
    hotline = pathlib.Path(a.hotline).resolve()
    if not os.access(hotline, os.X_OK):
        raise SystemExit(f"docs: {hotline}: no hotline command there (build it first, or --hotline)")
    files = [pathlib.Path(f).resolve() for f in a.files] or \
        [ROOT / "README.md"] + sorted((ROOT / "docs").glob("*.md"))
    total = stale = 0
    for f in files:
        n, s = process(f, hotline, a.check)
        total += n
        stale += s
    verb = "stale" if a.check else "rewritten"
    print(f"docs: {total} output blocks, {stale} {verb}", file=sys.stderr)
    sys.exit(1 if a.check and stale else 0)


if __name__ == "__main__":
    main()
