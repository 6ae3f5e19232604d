#!/usr/bin/env bash
# The README's main command: install, build, and run the main job on the shipped default
# scenario. Until the simulator lands this is the calendar and organisation demo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
H=${BUILD_DIR:-build}/cli/hotline
echo "== Deadline: 5 working days after a ticket received 2025-01-24 10:00 (Spring Festival) =="
"$H" calendar add-working-days 2025-01-24T10:00 5
echo
echo "== February 2025 working calendar =="
"$H" calendar show 2025-02
echo
echo "== Shangluo handling units =="
"$H" org show scenarios/orgs/shangluo.csv
echo
"$H" org show scenarios/orgs/shangluo.csv --unit 城关街道
