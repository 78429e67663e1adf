#!/usr/bin/env bash
# Compares two outputs of the same grid (e.g. --master local[2] and a standalone cluster): the tables byte for
# byte, and every run's metrics line by line without the wall-clock seconds. Prints the differences; exit 0 = none.
set -euo pipefail
a="$1"; b="$2"; status=0
for table in results.md results.csv runs.csv; do
  if diff -u "$a/$table" "$b/$table"; then echo "$table: identical"; else status=1; fi
done
for run in "$a"/runs/*/; do
  name=$(basename "$run")
  if diff <(sed -E 's/,"seconds":[0-9.eE+-]+//' "$run/metrics.jsonl") <(sed -E 's/,"seconds":[0-9.eE+-]+//' "$b/runs/$name/metrics.jsonl") > /dev/null; then
    echo "runs/$name/metrics.jsonl: identical but for seconds ($(wc -l < "$run/metrics.jsonl") lines)"
  else
    echo "runs/$name/metrics.jsonl: DIFFERENT"; status=1
  fi
done
exit $status
