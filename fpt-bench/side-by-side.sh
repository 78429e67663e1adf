#!/usr/bin/env bash
# Our FPT step (MXNet CPU backend) and the same step in PyTorch, one after the other in one run, then the
# ratios ours / peer. Peers, each at its best on this CPU:
#   1. Debian's python3-torch on OpenBLAS (openmp build, selected by LD_LIBRARY_PATH; OPENBLAS_CORETYPE=SKYLAKEX
#      because OpenBLAS 0.3.21 does not recognise this CPU and would fall back to a generic kernel);
#   2. DJL's PyTorch engine (libtorch 2.7.1) through our own pytorch backend: the same Java code, other engine.
# Installs what it needs (apt). Usage:
#   fpt-bench/side-by-side.sh [--shape gpt2-small|small] [--modes fpt,full,inference (default: all three)] [--warmup 3] [--steps 10]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
shape=gpt2-small modes=fpt,full,inference warmup=3 steps=10
while [[ $# -gt 0 ]]; do
  case "$1" in
    --shape) shape="$2" ;;
    --modes) modes="$2" ;;
    --warmup) warmup="$2" ;;
    --steps) steps="$2" ;;
    *) echo "unknown option $1 (known: --shape --modes --warmup --steps)" >&2; exit 2 ;;
  esac
  shift 2
done
threads="$(nproc)"

need=()
[[ -e /usr/lib/python3/dist-packages/torch/__init__.py ]] || need+=(python3-torch)
[[ -d /usr/lib/x86_64-linux-gnu/openblas-openmp ]] || need+=(libopenblas0-openmp)
command -v gcc >/dev/null || need+=(gcc)
if [[ ${#need[@]} -gt 0 ]]; then
  echo "installing ${need[*]} ..." >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
fi

# The FMA probe measures what the cores reach now: on a busy machine pass the idle figure as FPT_PEAK_GFLOPS.
if [[ -n "${FPT_PEAK_GFLOPS:-}" ]]; then
  peak="$FPT_PEAK_GFLOPS"
  echo "== peak: $peak GFLOP/s (from FPT_PEAK_GFLOPS)"
else
  peak_line="$("$here/peak.sh")"
  peak="${peak_line%% GFLOP*}"
  echo "== peak: $peak_line"
fi
echo "== load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) on $threads cores (other processes skew every figure)"
(cd "$(dirname "$here")" && mvn -q package -pl fpt-bench -am -DskipTests) >&2

field() { sed -n "s/^RESULT .*$1=\([^ ]*\).*/\1/p"; }

declare -A ours peer djl hwm pct
for mode in ${modes//,/ }; do
  echo; echo "== ours: MXNet CPU backend, $shape, $mode (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  out="$(FPT_BENCH_NO_BUILD=1 "$here/bench.sh" step --shape "$shape" --mode "$mode" --backend cpu \
         --warmup "$warmup" --steps "$steps" --peak "$peak" 2>/dev/null)"
  echo "$out"; ours[$mode]="$(echo "$out" | field median_ms)"
  hwm[$mode]="$(echo "$out" | field hwm_kb)"; pct[$mode]="$(echo "$out" | field pct_peak)"

  echo; echo "== peer 1: PyTorch (Debian python3-torch) on OpenBLAS, $shape, $mode (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  out="$(LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp OPENBLAS_CORETYPE=SKYLAKEX OMP_NUM_THREADS="$threads" \
         /usr/bin/python3 "$here/peer/fpt_step_torch.py" --shape "$shape" --mode "$mode" --threads "$threads" \
         --warmup "$warmup" --steps "$steps" --peak "$peak")"
  echo "$out"; peer[$mode]="$(echo "$out" | field median_ms)"

  echo; echo "== peer 2: DJL PyTorch engine (libtorch 2.7.1) via our pytorch backend, $shape, $mode (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  out="$(FPT_BENCH_NO_BUILD=1 "$here/bench.sh" step --shape "$shape" --mode "$mode" --backend pytorch \
         --warmup "$warmup" --steps "$steps" --peak "$peak" 2>/dev/null)"
  echo "$out"; djl[$mode]="$(echo "$out" | field median_ms)"
done

ratio() { awk "BEGIN{printf \"%.2f\", $1/$2}"; }
echo
echo "== summary ($shape, median ms per step, $threads threads, peak $peak GFLOP/s)"
printf '%-10s %12s %16s %14s %20s %18s\n' mode ours pytorch-python djl-pytorch "ours/pytorch-python" "ours/djl-pytorch"
for mode in ${modes//,/ }; do
  printf '%-10s %12s %16s %14s %20s %18s\n' "$mode" "${ours[$mode]}" "${peer[$mode]}" "${djl[$mode]}" \
    "$(ratio "${ours[$mode]}" "${peer[$mode]}")" "$(ratio "${ours[$mode]}" "${djl[$mode]}")"
done

# The issue's targets, from this run's figures (ours = the MXNet CPU backend).
echo
echo "== targets (ours)"
for mode in ${modes//,/ }; do
  faster="$(awk "BEGIN{print (${peer[$mode]} < ${djl[$mode]}) ? ${peer[$mode]} : ${djl[$mode]}}")"
  printf '%-10s %6s%% of peak (target >= 75%% for fpt); ours / faster PyTorch = %s (target <= 1.0)\n' \
    "$mode" "${pct[$mode]}" "$(ratio "${ours[$mode]}" "$faster")"
done
if [[ -n "${ours[fpt]:-}" && -n "${ours[full]:-}" ]]; then
  echo "frozen step / full step = $(ratio "${ours[fpt]}" "${ours[full]}") (target <= 0.67)"
fi
if [[ -n "${hwm[fpt]:-}" && -n "${hwm[inference]:-}" ]]; then
  echo "peak RSS frozen training / inference = $(( hwm[fpt] / 1024 )) MiB / $(( hwm[inference] / 1024 )) MiB = $(ratio "${hwm[fpt]}" "${hwm[inference]}") (target <= 1.3)"
fi
