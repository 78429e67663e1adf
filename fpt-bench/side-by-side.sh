#!/usr/bin/env bash
# Our FPT step and the same step in PyTorch, one after the other in one run, then the ratios and the targets of
# issue 12. Rows (each mode: fpt, full, inference):
#   ours/cpu        our MXNet CPU backend, fp32
#   ours/pytorch    our PyTorch backend (DJL's libtorch 2.7.1): the same Java code on the other engine, fp32
#   peer            Debian's python3-torch on OpenBLAS (openmp build via LD_LIBRARY_PATH; OPENBLAS_CORETYPE=SKYLAKEX on
#                   AVX-512 CPUs because OpenBLAS 0.3.21 does not recognise every one of them), fp32
# and, where the CPU multiplies bfloat16 natively (avx512_bf16 or amx_bf16 in /proc/cpuinfo):
#   ours/cpu bf16, ours/pytorch bf16   --precision bf16 (frozen weights held and multiplied in bfloat16)
#   peer bf16       the same Python step under torch.autocast("cpu", dtype=torch.bfloat16)
# Installs what it needs (apt). Usage:
#   fpt-bench/side-by-side.sh [--shape gpt2-small|small] [--modes fpt,full,inference] [--warmup 3] [--steps 10] [--threads N] [--rounds 1] [--no-bf16]
# --rounds N runs every row N times, the rows interleaved (round 1 of each row, then round 2, ...): on a VM whose
# speed drifts, each round's ratio compares rows measured minutes apart, and the summary shows the median of the
# rounds' medians and every round's ratio.
# --threads (default: all cores) sets every row's thread count; on a busy machine --threads 1 and the CPU-time
# table compare the rows' work per core, which other processes disturb least.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
shape=gpt2-small modes=fpt,full,inference warmup=3 steps=10 bf16=auto threads="$(nproc)" rounds=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --shape) shape="$2" ;;
    --modes) modes="$2" ;;
    --warmup) warmup="$2" ;;
    --steps) steps="$2" ;;
    --threads) threads="$2" ;;
    --rounds) rounds="$2" ;;
    --no-bf16) bf16=no; shift; continue ;;
    *) echo "unknown option $1 (known: --shape --modes --warmup --steps --threads --rounds --no-bf16)" >&2; exit 2 ;;
  esac
  shift 2
done
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "--rounds takes a positive whole number, not '$rounds'" >&2; exit 2; }
# read by MXNet and OpenBLAS when they load, and by our pytorch backend through DJL's property
export OMP_NUM_THREADS="$threads" FPT_BENCH_JVM_OPTS="${FPT_BENCH_JVM_OPTS:-} -Dai.djl.pytorch.num_threads=$threads"

need=()
[[ -e /usr/lib/python3/dist-packages/torch/__init__.py ]] || need+=(python3-torch)
[[ -d /usr/lib/x86_64-linux-gnu/openblas-openmp ]] || need+=(libopenblas0-openmp)
command -v gcc >/dev/null || need+=(gcc)
if [[ ${#need[@]} -gt 0 ]]; then
  echo "installing ${need[*]} ..." >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
fi

flags=" $(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2) "
notable=""
for f in avx2 fma avx512f avx512_bf16 amx_bf16 amx_tile avx512_fp16; do [[ "$flags" == *" $f "* ]] && notable+="$f "; done
echo "== CPU: $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') ($(grep -m1 '^vendor_id' /proc/cpuinfo | cut -d: -f2 | tr -d ' ')), $(nproc) cores, $threads threads per row; flags: ${notable:-none of avx2/avx512/bf16/amx}"
echo "== date: $(date -u +%Y-%m-%dT%H:%MZ)"
if [[ "$bf16" == auto ]]; then
  if [[ "$flags" == *" avx512_bf16 "* || "$flags" == *" amx_bf16 "* ]]; then bf16=yes
  else bf16=no; echo "== bf16 rows skipped: no avx512_bf16 or amx_bf16 on this CPU (bfloat16 would be emulated, slower than fp32)"; fi
fi
peer_coretype=()
[[ "$flags" == *" avx512f "* ]] && peer_coretype=(OPENBLAS_CORETYPE=SKYLAKEX)

# The FMA probe measures what the cores reach now: on a busy machine pass the idle figure as FPT_PEAK_GFLOPS.
if [[ -n "${FPT_PEAK_GFLOPS:-}" ]]; then
  peak="$FPT_PEAK_GFLOPS"
  echo "== peak: $peak GFLOP/s fp32 (from FPT_PEAK_GFLOPS)"
else
  peak_line="$("$here/peak.sh")"
  peak="${peak_line%% GFLOP*}"
  echo "== peak: $peak_line"
fi
echo "== load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (other processes skew every figure)"
(cd "$(dirname "$here")" && mvn -q package -pl fpt-bench -am -DskipTests) >&2

field() { sed -n "s/^RESULT\(.*\)\? $1=\([^ ]*\).*/\2/p"; }  # " key=": rss_kb is not built_rss_kb
load() { cut -d' ' -f1-3 /proc/loadavg; }

rows=(ours/cpu ours/pytorch peer)
[[ "$bf16" == yes ]] && rows+=("ours/cpu bf16" "ours/pytorch bf16" "peer bf16")
declare -A ms best cpu hwm pct built
run_row() { # row mode round
  local row="$1" mode="$2" round="$3" precision=fp32 out
  [[ "$row" == *bf16 ]] && precision=bf16
  echo; echo "== $row, $shape, $mode, round $round of $rounds (load: $(load))"
  case "$row" in
    ours/*)
      local backend="${row#ours/}"; backend="${backend% bf16}"
      out="$(FPT_BENCH_NO_BUILD=1 "$here/bench.sh" step --shape "$shape" --mode "$mode" --backend "$backend" --precision "$precision" \
             --warmup "$warmup" --steps "$steps" --peak "$peak" 2>/dev/null)" ;;
    peer*)
      local autocast=()
      [[ "$precision" == bf16 ]] && autocast=(--autocast)
      out="$(env LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp "${peer_coretype[@]}" OMP_NUM_THREADS="$threads" \
             /usr/bin/python3 "$here/peer/fpt_step_torch.py" --shape "$shape" --mode "$mode" --threads "$threads" "${autocast[@]}" \
             --warmup "$warmup" --steps "$steps" --peak "$peak")" ;;
  esac
  echo "$out"
  # every figure as a space-separated list, one entry per round
  ms["$row/$mode"]+="$(echo "$out" | field median_ms) "
  best["$row/$mode"]+="$(echo "$out" | field min_ms) "
  cpu["$row/$mode"]+="$(echo "$out" | field cpu_ms) "
  hwm["$row/$mode"]+="$(echo "$out" | field hwm_kb) "
  pct["$row/$mode"]+="$(echo "$out" | field pct_peak) "
  built["$row/$mode"]+="$(echo "$out" | field built_rss_kb) "
}
for round in $(seq 1 "$rounds"); do
  for mode in ${modes//,/ }; do
    for row in "${rows[@]}"; do run_row "$row" "$mode" "$round"; done
  done
done

ratio() { awk "BEGIN{ if ($2 > 0) printf \"%.2f\", $1/$2; else print \"n/a\" }"; }
mib() { awk "BEGIN{printf \"%d\", $1 / 1024}"; }
median() { tr ' ' '\n' | awk NF | sort -g | awk '{v[NR]=$1} END{ if (NR == 0) print ""; else if (NR % 2) print v[(NR+1)/2]; else printf "%.10g\n", (v[NR/2]+v[NR/2+1])/2 }'; }
round_ratios() { # the ratio of two rows' figures in each round
  paste -d' ' <(echo "$1" | tr ' ' '\n' | awk NF) <(echo "$2" | tr ' ' '\n' | awk NF) | awk '{ printf "%s%.2f", (NR > 1 ? " " : ""), ($2 > 0 ? $1/$2 : 0) }'
}
declare -A per_round
for key in "${!ms[@]}"; do
  per_round["$key"]="${ms[$key]}"
  for table in ms best cpu hwm pct built; do
    declare -n figures="$table"
    figures["$key"]="$(echo "${figures[$key]}" | median)"
    unset -n figures
  done
done
min() { awk "BEGIN{print ($1 < $2) ? $1 : $2}"; }
echo
echo "== summary ($shape, median ms per step, $threads threads, peak $peak GFLOP/s fp32; with --rounds, the median over $rounds rounds)"
printf '%-10s' mode; for row in "${rows[@]}"; do printf ' %18s' "$row"; done; echo
for mode in ${modes//,/ }; do
  printf '%-10s' "$mode"; for row in "${rows[@]}"; do printf ' %18s' "${ms[$row/$mode]}"; done; echo
done
echo "(fastest step of each row:)"
for mode in ${modes//,/ }; do
  printf '%-10s' "$mode"; for row in "${rows[@]}"; do printf ' %18s' "${best[$row/$mode]}"; done; echo
done
echo "(process CPU time per step, all threads: the work, which waiting for a busy core does not add to)"
for mode in ${modes//,/ }; do
  printf '%-10s' "$mode"; for row in "${rows[@]}"; do printf ' %18s' "${cpu[$row/$mode]}"; done; echo
done

# The issue's targets, from this run's figures. "ours" is each of our backends; the peer is Debian's PyTorch.
echo
echo "== targets"
for mode in ${modes//,/ }; do
  peer32="${ms[peer/$mode]}"
  for backend in cpu pytorch; do
    printf '%-10s ours/%-8s fp32 %8s ms = %s x the fp32 peer (target <= 1.0; %s%% of peak)\n' "$mode" "$backend" \
      "${ms[ours/$backend/$mode]}" "$(ratio "${ms[ours/$backend/$mode]}" "$peer32")" "${pct[ours/$backend/$mode]}"
    if [[ "$rounds" -gt 1 ]]; then
      echo "           round by round: $(round_ratios "${per_round[ours/$backend/$mode]}" "${per_round[peer/$mode]}") x the peer"
    fi
    if [[ "$bf16" == yes ]]; then
      printf '%-10s ours/%-8s bf16 %8s ms = %s x the fp32 peer (target <= 0.6), %s x the peer bf16 autocast (target <= 1.0)\n' "$mode" "$backend" \
        "${ms[ours/$backend bf16/$mode]}" "$(ratio "${ms[ours/$backend bf16/$mode]}" "$peer32")" \
        "$(ratio "${ms[ours/$backend bf16/$mode]}" "${ms[peer bf16/$mode]}")"
    fi
  done
done
for backend in cpu pytorch; do
  if [[ -n "${ms[ours/$backend/fpt]:-}" && -n "${ms[ours/$backend/full]:-}" ]]; then
    echo "ours/$backend frozen step / full step = $(ratio "${ms[ours/$backend/fpt]}" "${ms[ours/$backend/full]}") (target <= 0.67)"
  fi
  if [[ -n "${hwm[ours/$backend/fpt]:-}" && -n "${hwm[ours/$backend/inference]:-}" ]]; then
    echo "ours/$backend peak RSS frozen training / inference = $(mib "${hwm[ours/$backend/fpt]}") MiB / $(mib "${hwm[ours/$backend/inference]}") MiB = $(ratio "${hwm[ours/$backend/fpt]}" "${hwm[ours/$backend/inference]}") (target <= 1.3)"
  fi
  if [[ "$bf16" == yes && -n "${hwm[ours/$backend bf16/fpt]:-}" && -n "${hwm[ours/$backend/fpt]:-}" ]]; then
    echo "ours/$backend peak RSS frozen training bf16 / fp32 = $(mib "${hwm[ours/$backend bf16/fpt]}") MiB / $(mib "${hwm[ours/$backend/fpt]}") MiB = $(ratio "${hwm[ours/$backend bf16/fpt]}" "${hwm[ours/$backend/fpt]}") (target <= 0.6)"
    if [[ -n "${built[ours/$backend bf16/fpt]:-}" && -n "${built[ours/$backend/fpt]:-}" ]]; then
      echo "ours/$backend resident once the model is built, bf16 / fp32 = $(mib "${built[ours/$backend bf16/fpt]}") MiB / $(mib "${built[ours/$backend/fpt]}") MiB = $(ratio "${built[ours/$backend bf16/fpt]}" "${built[ours/$backend/fpt]}") (the frozen weights' share, before any activation)"
    fi
  fi
done
