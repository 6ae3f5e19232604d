#!/usr/bin/env python3
# Converts NateScarlet/holiday-cn notice files (YYYY.json) into the project calendar format
# (docs/calendar.md), one file per notice year, keeping the attribution [SL24 §12].
"""Usage: make-calendar.py [SRC_DIR] [OUT_DIR]

SRC_DIR defaults to ../shared/data/holiday-cn (holiday-cn's YYYY.json files), OUT_DIR to
scenarios/calendars. Writes OUT_DIR/cn-YYYY.csv for every YYYY.json and copies holiday-cn's
LICENSE to OUT_DIR/LICENSE.holiday-cn. Python 3 standard library only.
"""
import json
import pathlib
import re
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def convert(src: pathlib.Path) -> str:
    data = json.loads(src.read_text(encoding="utf-8"))
    year = data["year"]
    if not isinstance(year, int):
        raise SystemExit(f"{src}: year: not an integer")
    papers = " ".join(data.get("papers", [])) or "unknown"
    lines = [
        f"# Chinese statutory holidays and make-up working days, notice year {year}.",
        "# Converted by scripts/make-calendar.py from NateScarlet/holiday-cn",
        f"# (https://github.com/NateScarlet/holiday-cn, {src.name}; MIT licence, see",
        "# LICENSE.holiday-cn), which transcribes the State Council notice(s) below.",
        "# Format: docs/calendar.md. 'off' = statutory day off, 'work' = make-up working day.",
        f"year,{year},{papers}",
    ]
    seen = set()
    for i, day in enumerate(data["days"]):
        date, name, off = day["date"], day["name"], day["isOffDay"]
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) or not isinstance(off, bool):
            raise SystemExit(f"{src}: days[{i}]: bad entry {day!r}")
        if "," in name or not name:
            raise SystemExit(f"{src}: days[{i}]: name: empty or holds a comma")
        if date in seen:
            raise SystemExit(f"{src}: days[{i}]: date: {date} listed twice")
        seen.add(date)
        lines.append(f"{date},{'off' if off else 'work'},{name}")
    return "\n".join(lines) + "\n"


def main() -> None:
    src_dir = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/data/holiday-cn"
    out_dir = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "scenarios/calendars"
    files = sorted(p for p in src_dir.glob("*.json") if re.fullmatch(r"\d{4}\.json", p.name))
    if not files:
        raise SystemExit(f"{src_dir}: no YYYY.json files")
    out_dir.mkdir(parents=True, exist_ok=True)
    for src in files:
        out = out_dir / f"cn-{src.stem}.csv"
        out.write_text(convert(src), encoding="utf-8")
        print(f"{src} -> {out}", file=sys.stderr)
    lic = src_dir / "LICENSE"
    if lic.exists():
        shutil.copyfile(lic, out_dir / "LICENSE.holiday-cn")


if __name__ == "__main__":
    main()
