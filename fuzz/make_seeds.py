#!/usr/bin/env python3
"""Writes the starting inputs of each fuzz target from real files of the repository (the
shipped samples, rule sets and scenarios, a few lines of the data folders) into
OUT/<target>/ (default fuzz/corpus/), each named by its SHA-1 so that running it again adds
nothing twice. `scripts/fuzz.sh merge` then minimises each corpus with what the fuzzer found.
Usage: fuzz/make_seeds.py [OUT]"""
import hashlib
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "scenarios"
MODULES = ["ruleset.lua", "intake.lua", "dispatch.lua", "deadlines.lua", "escalation.lua",
           "indicators.lua", "diversion.lua"]
MARK = b"\n--@@\n"  # the part separator of fuzz_ruleset.cpp and fuzz_scenario.cpp


def head(path, lines):
    return b"".join(path.read_bytes().splitlines(keepends=True)[:lines])


def csv_seeds():
    files = sorted(DATA.glob("samples/*.csv")) + sorted(DATA.glob("orgs/*.csv")) + \
        [DATA / "calendars/cn-2025.csv", DATA / "shangluo-2025-01/bulletin-2025-01.csv"]
    seeds = [head(f, 12) for f in files]
    seeds += [b'a,"b ""quoted"" c",d\r\n"multi\nline",,\n', b"\xef\xbb\xbfid,name\n1,x\n"]
    return seeds


def import_seeds(sample, extra):
    text = (DATA / "samples" / sample).read_bytes()
    rows = text.splitlines(keepends=True)
    # Both parities: odd lengths import with a reject file (fuzz/import_harness.hpp).
    seeds = [text, text + b"\n", b"".join(rows[:2]), b"".join(rows[:2]) + b" \n"]
    return seeds + [f.read_bytes() if isinstance(f, pathlib.Path) else f for f in extra]


def ticket_seeds():
    water = json.loads((DATA / "samples/ticket-water.json").read_text())
    seeds = [json.dumps(water, ensure_ascii=False).encode()]
    seeds += [
        '{"id":"J-1","category":"供水","district":"shangzhou","created":"2025-03-03 10:00"}',
        '{"id":"L-4","category":"供气","created":1741000000,"dispatched":1741000600}',
        '{"id":"T1","type":"complaint","category":"欠薪","district":"商州区","street":"城关街道",'
        '"urgency":"urgent","channel":"web","enterprise":true,"caller":"0123456789abcdef",'
        '"dispatched":"2025-03-03 10:00"}',
        '{"id":"D","type":"sometimes","category":"供水","dispatched":"2025-03-03"}',
        '[1,2]', '{"id":"J-2","created":"2025-03-03"}',
    ]
    return [s if isinstance(s, bytes) else s.encode() for s in seeds]


def ruleset_seeds():
    seeds = []
    for folder in sorted(DATA.glob("rulesets/*")):
        parts = [(folder / m).read_bytes() for m in MODULES]
        seeds.append(MARK.join(parts))
        for test in ("dispatch.lua", "deadlines.lua", "intake.lua"):
            t = (folder / "tests" / test).read_bytes()
            seeds.append(MARK.join(parts + [b"return {}", t]))
    common = ROOT / "tests/rules/fixtures/modules/common.lua"
    if common.exists():
        seeds.append(MARK.join([b"return {}"] * 7 + [common.read_bytes()]))
    return seeds


def scenario_seeds():
    seeds = [f.read_bytes() for f in sorted(DATA.glob("*/scenario.lua"))]
    cal = DATA / "shangluo-2025-01/calibration.lua"
    seeds.append((DATA / "shangluo-2025-01/scenario.lua").read_bytes() + MARK + cal.read_bytes())
    return seeds


def capi_seeds():
    lines = [s.decode() for s in ticket_seeds()]
    return [s.encode() for s in lines] + ["\n".join(lines).encode(), ("\n\n" + lines[1] + "\r\n").encode()]


def main():
    out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "fuzz/corpus"
    units = [head(DATA / "orgs/shangluo.csv", 20)]
    targets = {
        "csv": csv_seeds(),
        "import_calls": import_seeds("calls.csv", [DATA / "samples/calls-zh.csv"]),
        "import_tickets": import_seeds("tickets.csv", []),
        "import_units": import_seeds("units.csv", units),
        "ticket_json": ticket_seeds(),
        "ruleset": ruleset_seeds(),
        "scenario": scenario_seeds(),
        "capi": capi_seeds(),
    }
    for name, seeds in targets.items():
        d = out / name
        d.mkdir(parents=True, exist_ok=True)
        for s in seeds:
            (d / hashlib.sha1(s).hexdigest()).write_bytes(s)
        print(f"{name}: {len(seeds)} seeds in {d}")


if __name__ == "__main__":
    main()
