#!/usr/bin/env bash
# Lists functions longer than a limit (default 80 lines) in the C++ sources of the given
# folders (default core rules sim), longest first: `lines file:first-last name`. A brace-
# counting heuristic, not a parser: comments, strings, character and raw string literals are
# blanked, then every outermost `{ ... }` whose header reads like a function (a parameter
# list, not if/for/while/switch/catch, not a class, namespace, enum or initialiser) is
# counted from its header's first line to its closing brace; lambdas count in their
# function. A function marked `// long-function: <reason>` on the line above its header (or
# on the header's first line) is listed with the reason instead of counted as a finding.
# Exits 0 always; `--fail` exits 1 when an unexplained function is over the limit.
# Usage: scripts/long-functions.sh [--limit N] [--fail] [folder...]
set -euo pipefail
cd "$(dirname "$0")/.."
limit=80
fail=0
folders=()
while (($#)); do
  case "$1" in
    --limit) limit=$2; shift 2 ;;
    --fail) fail=1; shift ;;
    *) folders+=("$1"); shift ;;
  esac
done
((${#folders[@]})) || folders=(core rules sim)
exec python3 - "$limit" "$fail" "${folders[@]}" <<'PY'
import pathlib, re, sys

limit, fail, folders = int(sys.argv[1]), sys.argv[2] == "1", sys.argv[3:]
NOT_FUNCTION = re.compile(r"\b(if|for|while|switch|catch|do|else|try|namespace|class|struct|enum|union|extern)\b")

def blank(text):
    """Comments and literals become spaces (newlines kept, so line numbers hold)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i)); i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j])); i = j
        elif c == "R" and text.startswith('R"', i) and not (i and (text[i-1].isalnum() or text[i-1] == "_")):
            k = text.find("(", i + 2)
            delim = ")" + text[i + 2:k] + '"'
            j = text.find(delim, k)
            j = n if j < 0 else j + len(delim)
            out.append(re.sub(r"[^\n]", " ", text[i:j])); i = j
        elif c in "\"'":
            if c == "'" and i and text[i-1].isalnum():  # digit separator 1'000
                out.append(" "); i += 1; continue
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(" " * (j + 1 - i)); i = j + 1
        else:
            out.append(c); i += 1
    return "".join(out)

def functions(path):
    raw = path.read_text(encoding="utf-8", errors="replace")
    lines = raw.split("\n")
    code = blank(raw)
    line_of = lambda pos: code.count("\n", 0, pos) + 1
    stack = []  # (kind, header start position) per open brace
    header_start = 0
    for pos, ch in enumerate(code):
        if ch == "{":
            header = code[header_start:pos]
            inside = any(k == "function" for k, _ in stack)
            h = " ".join(header.split())
            is_fn = (not inside and ")" in h and "(" in h and not NOT_FUNCTION.search(h.split("(")[0])
                     and not re.search(r"(^|[^=!<>])=\s*[^=]", h.split("(")[0]) and not h.startswith("#"))
            if is_fn:
                lead = len(header) - len(header.lstrip())
                stack.append(("function", header_start + lead))
            else:
                stack.append(("block", pos))
            header_start = pos + 1
        elif ch == "}":
            if stack:
                kind, start = stack.pop()
                if kind == "function":
                    first, last = line_of(start), line_of(pos)
                    head = " ".join(code[start:code.find("(", start)].split())
                    name = head.split()[-1] if head.split() else "?"
                    note = ""
                    for ln in (first - 2, first - 1):
                        m = re.search(r"long-function:\s*(.*)", lines[ln]) if 0 <= ln < len(lines) else None
                        if m: note = m.group(1).strip()
                    yield last - first + 1, first, last, name, note
            header_start = pos + 1
        elif ch in ";":
            header_start = pos + 1
        elif ch == ":" and code[pos-1:pos+1] != "::" and code[pos:pos+2] != "::":
            # access specifiers and labels end a header; a constructor's ": init" does not
            before = code[header_start:pos].split()
            if before and before[-1] in ("public", "private", "protected", "default"):
                header_start = pos + 1

found, explained = [], []
for folder in folders:
    for path in sorted(pathlib.Path(folder).rglob("*")):
        if path.suffix not in (".cpp", ".hpp", ".h", ".cc"):
            continue
        for length, first, last, name, note in functions(path):
            if length > limit:
                (explained if note else found).append((length, f"{path}:{first}-{last}", name, note))
for length, where, name, _ in sorted(found, reverse=True):
    print(f"{length:5d} {where} {name}")
for length, where, name, note in sorted(explained, reverse=True):
    print(f"{length:5d} {where} {name}  (kept: {note})")
print(f"{len(found)} function(s) over {limit} lines without a reason, {len(explained)} with one, in {' '.join(folders)}")
sys.exit(1 if fail and found else 0)
PY
