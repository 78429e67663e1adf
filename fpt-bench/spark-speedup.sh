#!/usr/bin/env bash
# The speed-up of `fpt experiment --master local[2]` (two runs at once, one core each, each in its own JVM) over
# the same grid in one process (runs one after another, the engine using both cores), on this machine.
# Writes fpt-bench/results/spark/speedup.txt. Run from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
SPEC=fpt-bench/experiments/spark-speedup.yaml
OUT=$(mktemp -d)
./fpt --version > /dev/null && ./fpt experiment --master 'local[1]' --help > /dev/null   # both builds first, untimed

seconds() { local start=$(date +%s.%N); "$@" > "$OUT/log" 2>&1; echo "$(date +%s.%N) - $start" | bc; }
{
  echo "# fpt-bench/spark-speedup.sh, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), cores: $(nproc)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  one=$(seconds ./fpt experiment "$SPEC" --out "$OUT/one-process")
  echo "one process (runs in turn, OMP_NUM_THREADS=$(nproc)): ${one} s"
  echo "load average between: $(cut -d' ' -f1-3 /proc/loadavg)"
  two=$(seconds ./fpt experiment "$SPEC" --master 'local[2]' --out "$OUT/local2" --conf spark.ui.enabled=false)
  echo "--master local[2] (2 runs at once, 1 thread each): ${two} s"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "speed-up: $(echo "scale=2; $one / $two" | bc)"
  echo
  echo "one process, results.md:"; cat "$OUT/one-process/results.md"
  echo "local[2], results.md:"; cat "$OUT/local2/results.md"
} | tee fpt-bench/results/spark/speedup.txt
rm -rf "$OUT"
