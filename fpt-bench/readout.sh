#!/usr/bin/env bash
# The readout comparison of docs/bert-bodies.md: the default body (MiniLM-L6, policy fpt) on bit-xor, 300 steps
# of batch 32, seed 1, with each readout, pretrained and random. One summary JSON per run, written to
# fpt-bench/results/readout/ (or $1). About 2 minutes per run on an idle 2-core machine (the committed runs took
# 95 s to 36 min on a shared one); run from the repository root.
set -euo pipefail
OUT="${1:-fpt-bench/results/readout}"
mkdir -p "$OUT"
for init in pretrained random; do
  for readout in mean last first; do
    ./fpt train --task bit-xor --init "$init" --readout "$readout" --steps 300 --batch-size 32 --seed 1 \
        --summary-json "$OUT/$init-$readout.json"
  done
done
