#!/usr/bin/env bash
# Measures this CPU's reachable fp32 peak (an FMA loop as wide as the CPU allows: AVX-512, else AVX2; on
# OMP_NUM_THREADS threads, default: all cores)
# and prints it; the bench runners take it as --peak. Needs gcc (apt-get install -y gcc).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/target/fma_probe"
mkdir -p "$here/target"
command -v gcc >/dev/null || apt-get install -y -qq gcc >/dev/null
gcc -O3 -funroll-loops -march=native -fopenmp "$here/peak/fma_probe.c" -o "$out"
OMP_NUM_THREADS="${OMP_NUM_THREADS:-$(nproc)}" "$out"
