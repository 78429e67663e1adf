#!/usr/bin/env bash
# The frozen step under each malloc the launcher can give libtorch (fpt-cli/src/main/sh/native-allocator.sh),
# interleaved round by round, one thread as a Table-1 lane runs; prints each run's RESULT line and its user and
# system CPU time. Usage: fpt-bench/allocators.sh [--shape long-512] [--rounds 2]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
shape=long-512 rounds=2
while [[ $# -gt 0 ]]; do
  case "$1" in
    --shape) shape="$2" ;;
    --rounds) rounds="$2" ;;
    *) echo "unknown option $1 (known: --shape --rounds)" >&2; exit 2 ;;
  esac
  shift 2
done
(cd "$here/.." && mvn -q package -pl fpt-bench -am -DskipTests) >&2
echo "# $(date -u +%FT%TZ) $(lscpu | sed -n "s/^Model name: *//p") (family $(lscpu | sed -n "s/^CPU family: *//p") model $(lscpu | sed -n "s/^Model: *//p")), $(nproc) cores; shape $shape, OMP_NUM_THREADS=1"
for round in $(seq 1 "$rounds"); do
  for malloc in system glibc tcmalloc; do
    start=$(mktemp)
    /usr/bin/time -o "$start" -f "user %U s, sys %S s" env FPT_MALLOC="$malloc" OMP_NUM_THREADS=1 FPT_BENCH_NO_BUILD=1 \
      "$here/bench.sh" step --shape "$shape" --backend pytorch --warmup 1 --steps 3 2>/dev/null |
      sed -n "s/^RESULT /round $round malloc=$malloc /p" | tr -d '\n'
    echo " ($(cat "$start") for the whole process)"
    rm -f "$start"
  done
done
