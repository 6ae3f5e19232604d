#!/usr/bin/env bash
# The README's main command: install, build, and run the main job on the shipped default
# scenario, shangluo-2025-01 (Shangluo's 12345 line in January 2025): simulate its calls
# and its tickets through the handling units with confidence intervals, print the simulated
# monthly bulletin (calibrated to the published one), ask what Xi'an's rules would have
# changed, plan the seats for a 95% answer rate, and dispatch a ticket through the Shangluo
# 2024 rule set with its deadlines and trace.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGETS=hotline bash scripts/build.sh
H=${BUILD_DIR:-build}/cli/hotline
OUT=${OUT:-out}
mkdir -p "$OUT"
rm -f "$OUT/results.sqlite"

echo "== 1. Simulate January 2025 (20 replications) -> $OUT/results.sqlite =="
"$H" simulate scenarios/shangluo-2025-01 --replications 20 --seed 1 --out "$OUT/results.sqlite"
echo
echo "== 2. The simulated monthly bulletin (calibrated to the published January 2025 bulletin) =="
"$H" bulletin --db "$OUT/results.sqlite" --period 2025-01 --format md
echo
echo "== 3. The same January under Xi'an's 2023 rules (docs/policy-example.md) =="
"$H" compare scenarios/shangluo-2025-01 --baseline shangluo-2024 --revised xian-2023 --replications 10 \
  --sample 5 --traces 1 --out "$OUT/results.sqlite"
echo
echo "== 4. Seats per half hour for an answer rate of at least 95% =="
"$H" staff scenarios/shangluo-2025-01 --target-answer-rate 0.95 --out "$OUT/results.sqlite"
echo
echo "== 5. A water-supply help request, dispatched under the Shangluo 2024 rules =="
"$H" rules explain scenarios/rulesets/shangluo-2024 --ticket scenarios/samples/ticket-water.json
echo
echo "== 6. Its reply deadline on the working calendar: 5 working days after 2025-01-24 10:00 =="
"$H" calendar add-working-days 2025-01-24T10:00 5
