#!/bin/sh
# Runs the C++ M/M/50+M benchmark and its SimPy peer back to back and prints the speed ratio
# (simulated calls per CPU second). Usage: bench/peers/compare_simpy.sh [BUILD_DIR]
set -eu
build=${1:-build}
here=$(dirname "$0")
cpp=$("$build/bench/bench_sim_callcentre" --benchmark_filter=MMnM50 --benchmark_format=csv 2>/dev/null |
      awk -F, '/BM_MMnM50/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9.e+]+$/) last = $i; print last }')
py=$(/usr/bin/python3 "$here/mmnm_simpy.py" --days 3)
echo "C++ hotline_sim: $cpp calls/s (CPU)"
echo "$py"
pyrate=$(echo "$py" | sed -n 's/.*= \([0-9,]*\) calls\/s.*/\1/p' | tr -d ,)
echo "ratio: $(awk -v a="$cpp" -v b="$pyrate" 'BEGIN { printf "%.0fx", a / b }') (nproc $(nproc))"
