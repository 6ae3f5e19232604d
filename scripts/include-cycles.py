#!/usr/bin/env python3
"""Include circles between modules (docs/architecture.md "Targets and dependency direction").

A module is a header and its source file (rules/engine.hpp + rules/engine.cpp), with its
parts: `<m>_internal.hpp`, the module's own internal header, and `<m>_<part>.cpp` files
that have no header of their own (rules/sandbox_guard.cpp, rules/sandbox_freeze.cpp are
parts of rules/sandbox). Module A
depends on module B when a file of A includes a header of B. A circle (A depends on B and B,
perhaps through others, on A) means neither can be understood or changed alone; the folders'
direction (core <- rules / sim <- gui <- cli) is the coarse form of the same rule.

  scripts/include-cycles.py [FOLDER...]      (default: every folder of the project's C++;
                                              INCLUDE_CYCLES_ROOT: another tree)

Prints each circle (a strongly connected set of modules) and exits 1 if there is one.
"""
import os
import re
import sys

ROOT = os.environ.get("INCLUDE_CYCLES_ROOT") or os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
DEFAULT = ["core", "rules", "sim", "gui", "cli", "api"]
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def owner(stem, stems, headers):
    """The module a file stem belongs to: itself, or the module it is a part of."""
    folder, name = os.path.split(stem)
    if name.endswith("_internal") and os.path.join(folder, name[: -len("_internal")]) in headers:
        return os.path.join(folder, name[: -len("_internal")])
    if stem in headers:
        return stem
    parts = name.split("_")
    for i in range(len(parts) - 1, 0, -1):  # the longest module name that prefixes it
        base = os.path.join(folder, "_".join(parts[:i]))
        if base in headers:
            return base
    return stem


def modules_of(folders):
    """module name -> list of its files (relative to ROOT)."""
    files = []
    for folder in folders:
        for dirpath, _, names in os.walk(os.path.join(ROOT, folder)):
            for f in sorted(names):
                if os.path.splitext(f)[1] in (".hpp", ".cpp", ".h", ".c"):
                    files.append(os.path.relpath(os.path.join(dirpath, f), ROOT))
    stems = {os.path.splitext(f)[0] for f in files}
    headers = {os.path.splitext(f)[0] for f in files if f.endswith((".hpp", ".h"))}
    mods = {}
    for f in files:
        mods.setdefault(owner(os.path.splitext(f)[0], stems, headers), []).append(f)
    return mods


def module_of_include(inc, mods, headers):
    stem = os.path.splitext(inc)[0]
    return owner(stem, None, headers) if stem in headers else None


def edges_of(mods):
    headers = {os.path.splitext(f)[0] for files in mods.values() for f in files if f.endswith((".hpp", ".h"))}
    edges = {m: set() for m in mods}
    for m, files in mods.items():
        for rel in files:
            with open(os.path.join(ROOT, rel), encoding="utf-8", errors="replace") as fh:
                text = fh.read()
            for inc in INCLUDE.findall(text):
                target = module_of_include(inc, mods, headers)
                if target is not None and target != m:
                    edges[m].add(target)
    return edges


def circles(edges):
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index, low, on, stack, out, counter = {}, {}, set(), [], [], [0]
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on.add(start)
        while work:
            node, it = work[-1]
            nxt = next(it, None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter[0]
                    counter[0] += 1
                    stack.append(nxt)
                    on.add(nxt)
                    work.append((nxt, iter(sorted(edges[nxt]))))
                elif nxt in on:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == node:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
    return out


def main(argv):
    folders = argv[1:] or DEFAULT
    missing = [f for f in folders if not os.path.isdir(os.path.join(ROOT, f))]
    if missing:
        print("include-cycles: no such folder: " + ", ".join(missing), file=sys.stderr)
        return 2
    mods = modules_of(folders)
    found = circles(edges_of(mods))
    for comp in found:
        print("include circle: " + " <-> ".join(comp))
    print(f"{len(mods)} modules in {', '.join(folders)}: {len(found)} include circle(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
