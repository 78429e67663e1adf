#!/usr/bin/env bash
# Runs the README's first command 30 times from the repository root, keeping each run's metrics and output in $OUT
# (default /tmp/nan); prints one line per run. See README.md beside this file.
OUT="${OUT:-/tmp/nan}"
mkdir -p "$OUT"
cd "$(dirname "$0")/../../../.."
for i in $(seq 1 30); do
  ./fpt train --task bit-xor --metrics "$OUT/full$i.jsonl" > "$OUT/full$i.txt" 2>&1
  echo "run $i rc=$? $(date +%T) $(grep -E 'diverged|test accuracy' "$OUT/full$i.txt")"
done
